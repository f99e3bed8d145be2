"""HTML visitors: a plain ``div`` with the node's classes and id."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def visit_container(self: Any, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_container(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")
