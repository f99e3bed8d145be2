"""HTML visitors: a plain ``div`` with the node's classes and id."""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes


def visit_container(self: Any, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_container(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_index(self: Any, node: nodes.Element) -> None:
    """A ``policy-index`` left by the resolver: build its tables here, in the
    process that writes the page, write them, and let them go.

    The tables (hundreds of rows, tens of thousands of nodes) are made and
    written with the cycle collector paused and taken off the page before it
    resumes, so they die young instead of being moved to the oldest
    generation, whose full collections walk every doctree of the build.
    The page's doctree keeps the placeholder, empty, as the resolver left it.
    """
    from ..gcpause import collector_paused

    if node.get("deferred"):
        with collector_paused():
            _write_tables(self, node)
    raise nodes.SkipNode


def _write_tables(self: Any, node: nodes.Element) -> None:
    """Make, write and drop the tables of `node`, leaving nothing that refers
    to them: not this function's locals (gone when it returns, before the
    collector resumes) and not the translator's ``colspecs`` (docutils keeps
    a table's column specs there until the next table; left in place, the
    last table of the page would be kept alive by them, through its parents,
    and moved up by the first young collection)."""
    from .index import deferred_index

    colspecs = getattr(self, "colspecs", None)
    content = deferred_index(self.builder, node)
    node.extend(content)
    for child in content:
        child.walkabout(self)
    del node[:]
    if colspecs is not None:
        self.colspecs = colspecs


def depart_index(self: Any, node: nodes.Element) -> None:
    pass


def visit_label(self: Any, node: nodes.Element) -> None:
    """A label: the parts of its ``record`` written as HTML (see ``labels``),
    made here, in the process that writes the page; or its nodes."""
    self.visit_paragraph(node)
    record = node.get("record")
    if record is None:
        return
    from ..collect.domain import PolicyNotesDomain
    from .labels import label_parts, to_html

    domain = cast("PolicyNotesDomain", self.builder.env.get_domain("policynotes"))
    catalog = domain.catalog
    self.body.append(to_html(self, label_parts(catalog, *record), node["fromdoc"], catalog))
    self.depart_paragraph(node)
    raise nodes.SkipNode  # its children are the searchable texts, for the search index


def depart_label(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_insert(self: Any, node: nodes.Element) -> None:
    """Words of a new version: ``<ins class="policynotes-ins">``."""
    self.body.append(self.starttag(node, "ins", suffix=""))


def depart_insert(self: Any, node: nodes.Element) -> None:
    self.body.append("</ins>")


def visit_delete(self: Any, node: nodes.Element) -> None:
    """Words of an old version: ``<del class="policynotes-del">``."""
    self.body.append(self.starttag(node, "del", suffix=""))


def depart_delete(self: Any, node: nodes.Element) -> None:
    self.body.append("</del>")



def visit_preview_reference(self: Any, node: nodes.Element) -> None:
    """A link with its quote's popup: Sphinx's own ``<a>``, with the quote's
    label and text in two attributes (the page's text stays the link's)."""
    from .labels import PREVIEW_HEAD, PREVIEW_TEXT

    head, text = node["preview"]
    original = self.starttag

    def starttag(element: Any, tagname: str, suffix: str = "\n", empty: bool = False,
                 **attributes: Any) -> str:
        if element is node and tagname == "a":
            attributes.update({PREVIEW_HEAD: head, PREVIEW_TEXT: text})
        return cast("str", original(element, tagname, suffix, empty, **attributes))

    self.starttag = starttag
    try:
        self.visit_reference(node)
    finally:
        del self.starttag  # the translator's own again


def depart_preview_reference(self: Any, node: nodes.Element) -> None:
    self.depart_reference(node)
