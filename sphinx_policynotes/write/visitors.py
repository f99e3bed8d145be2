"""The extension's nodes registered with a visitor per output format (html, latex, texinfo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import nodes as pn
from . import html, latex, texinfo

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register_visitors(app: Sphinx) -> None:
    """Register the nodes with HTML and LaTeX visitors.

    text, man, texinfo and the rest render them through the docutils node
    they subclass (``container``, ``paragraph``). ``policy_index`` is
    replaced when resolving, except for HTML, whose translator builds the
    tables (so ``-j N`` builds them in the writing processes); a placeholder
    left over is skipped.
    """
    skip = (pn.visit_skip, None)
    html_family = (html.visit_container, html.depart_container)
    latex_env = (latex.visit_environment, latex.depart_environment)
    for node in (pn.source_ref, pn.policy_quote, pn.commentary):
        app.add_node(node, html=html_family, latex=latex_env,
                     texinfo=(texinfo.visit_anchored, texinfo.depart_anchored))
    app.add_node(pn.source_continues)  # a paragraph everywhere; known to docutils' xml
    app.add_node(pn.policy_label, html=(html.visit_label, html.depart_label),
                 latex=(latex.visit_label, latex.depart_label))
    app.add_node(pn.policy_index, html=(html.visit_index, html.depart_index), latex=skip,
                 text=skip, man=skip, texinfo=skip)
    # Made for LaTeX only (index.py); other writers would see a row and an entry.
    app.add_node(pn.index_row, latex=(latex.visit_index_row, latex.depart_index_row))
    app.add_node(pn.index_cell, latex=(latex.visit_index_cell, latex.depart_index_cell))
    app.add_node(pn.policy_lineage, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
