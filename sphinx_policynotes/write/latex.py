"""LaTeX visitors: one environment per node, defined in ``sphinxpolicynotes.sty``."""

from __future__ import annotations

from typing import Any

from docutils import nodes

#: node class name -> LaTeX environment
ENVIRONMENTS = {
    "source_ref": "policynotessource",
    "policy_quote": "policynotesquote",
    "commentary": "policynotescommentary",
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
