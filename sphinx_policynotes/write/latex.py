"""LaTeX visitors: one environment per node, defined in ``sphinxpolicynotes.sty``."""

from __future__ import annotations

from typing import Any

from docutils import nodes

#: node class name -> LaTeX environment
ENVIRONMENTS = {
    "source_ref": "policynotessource",
    "policy_quote": "policynotesquote",
    "commentary": "policynotescommentary",
    "response": "policynotesresponse",
}


def visit_environment(self: Any, node: nodes.Element) -> None:
    env = ENVIRONMENTS[type(node).__name__]
    self.body.append(f"\n\\begin{{{env}}}\n")
    self.body.append(self.hypertarget_to(node))


def depart_environment(self: Any, node: nodes.Element) -> None:
    env = ENVIRONMENTS[type(node).__name__]
    self.body.append(f"\n\\end{{{env}}}\n")


def visit_label(self: Any, node: nodes.Element) -> None:
    self.visit_paragraph(node)
    self.body.append(r"{\policynoteslabelfont{}")


def depart_label(self: Any, node: nodes.Element) -> None:
    self.body.append("}")
    self.depart_paragraph(node)


def visit_index_row(self: Any, node: nodes.Element) -> None:
    r"""A body row of an index or lineage table: ``\policynotesindexrow``, then a
    ``\policynotesindexcell{width}{total}`` before each cell (the widths of the
    ``\X`` columns Sphinx gives the table), then ``\policynotesindexrowend``."""
    self.body.append("\n\\policynotesindexrow\n")


def depart_index_row(self: Any, node: nodes.Element) -> None:
    self.body.append("\\policynotesindexrowend\n")
    # as Sphinx's depart_row: the rule between rows (none with booktabs), the
    # last one removed by depart_tbody
    self.body.append(r"\sphinxhline")


def visit_index_cell(self: Any, node: nodes.Element) -> None:
    widths = list(self.table.colwidths) if self.table is not None else []
    column = node.parent.index(node)
    if len(widths) != len(node.parent):
        widths = [1] * len(node.parent)
    self.body.append(f"\\policynotesindexcell{{{widths[column]}}}{{{sum(widths)}}}\n")


def depart_index_cell(self: Any, node: nodes.Element) -> None:
    self.body.append("\n")


def visit_insert(self: Any, node: nodes.Element) -> None:
    r"""Words of a new version, underlined: ``\policynotesins{…}`` (one per word
    or CJK character, so a long run still breaks across lines)."""
    self.body.append(r"\policynotesins{")


def visit_delete(self: Any, node: nodes.Element) -> None:
    r"""Words of an old version, struck out: ``\policynotesdel{…}``."""
    self.body.append(r"\policynotesdel{")


def visit_badge(self: Any, node: nodes.Element) -> None:
    r"""A stance's badge: ``\policynotesstance{concern}{…}`` (a framed, tinted box)."""
    self.body.append(rf"\policynotesstance{{{node['stance']}}}{{")


def depart_mark(self: Any, node: nodes.Element) -> None:
    self.body.append("}")
