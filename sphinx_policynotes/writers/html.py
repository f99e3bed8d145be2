"""HTML visitors: a plain ``div`` with the node's classes and id."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def visit_container(self: Any, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_container(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_index(self: Any, node: nodes.Element) -> None:
    """A ``policy-index`` left by the resolver: build its tables here, in the
    process that writes the page, and write them as their children."""
    from ..index import deferred_index

    content = deferred_index(self.builder, node) if node.get("deferred") else []
    if not content:
        raise nodes.SkipNode
    node.extend(content)


def depart_index(self: Any, node: nodes.Element) -> None:
    pass


def visit_label(self: Any, node: nodes.Element) -> None:
    """A label: its ``parts`` written as HTML (see ``labels``), or its nodes."""
    self.visit_paragraph(node)
    parts = node.get("parts")
    if parts is None:
        return
    from ..labels import to_html

    self.body.append(to_html(self, parts, node["fromdoc"]))
    self.depart_paragraph(node)
    raise nodes.SkipNode  # its children are the searchable parts, for the search index


def depart_label(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)
