"""Texinfo visitors: anchors where the node stands (not at the end of the manual)."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def visit_anchored(self: Any, node: nodes.Element) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)


def depart_anchored(self: Any, node: nodes.Element) -> None:
    pass
