"""Table scaffolding shared by the index, lineage, diff and carried-over tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .. import nodes as pn

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..model import Blocks

__all__ = ["_body_row", "_cell", "blocks_to_nodes"]


def blocks_to_nodes(blocks: Blocks) -> list[nodes.Node]:
    """Paragraphs and bullet lists from plain-text blocks."""
    out: list[nodes.Node] = []
    items: nodes.bullet_list | None = None
    for kind, text in blocks:
        if kind == "li":
            if items is None:
                items = nodes.bullet_list(bullet="-")
                out.append(items)
            items += nodes.list_item("", nodes.paragraph(text, text))
        else:
            items = None
            out.append(nodes.paragraph(text, text))
    return out


def _cell(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry.extend(children)
    if not len(entry):
        entry += nodes.paragraph()
    return entry


def _body_row(builder: Builder, *cells: nodes.entry) -> nodes.row:
    """A body row of an index or lineage table. For LaTeX an ``index_row``:
    longtable never breaks inside a row, so a row taller than the page would
    run off its bottom; ``\\policynotesindexrow`` cuts a tall one into pieces
    that break across pages (``sphinxpolicynotes.sty``)."""
    if builder.format != "latex":
        return nodes.row("", *cells)
    return pn.index_row("", *(pn.index_cell("", *cell.children) for cell in cells))
