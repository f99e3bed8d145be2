"""The extension's nodes registered with a visitor per output format.

Sphinx looks a node's visitor up by the builder's *name* first and falls back
to its *format* only when nothing at all is registered under that name. So
once another extension registers a visitor for, say, ``epub`` (sphinx-needs'
data viewer does), every node registered for ``html`` only has none in an
epub build. Each node is therefore registered per format here, and again
under the running builder's own name when the builder starts
(:func:`on_builder_inited`), whatever else is loaded; other extensions'
nodes get the same repair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from .. import nodes as pn
from . import html, latex, texinfo

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

Handlers = tuple[Any, Any]


def handlers() -> dict[type[nodes.Element], dict[str, Handlers]]:
    """Node class -> {format: (visit, depart)}.

    text, man, texinfo and the rest render the nodes through the docutils
    node they subclass (``container``, ``paragraph``: Sphinx's translators
    dispatch along the class's bases). ``policy_index`` is replaced when
    resolving, except for HTML, whose translator builds the tables (so ``-j
    N`` builds them in the writing processes); a placeholder left over is
    skipped.
    """
    skip: Handlers = (pn.visit_skip, None)
    html_family: Handlers = (html.visit_container, html.depart_container)
    latex_env: Handlers = (latex.visit_environment, latex.depart_environment)
    anchored: Handlers = (texinfo.visit_anchored, texinfo.depart_anchored)
    found: dict[type[nodes.Element], dict[str, Handlers]] = {
        node: {"html": html_family, "latex": latex_env, "texinfo": anchored}
        for node in (pn.source_ref, pn.policy_quote, pn.commentary, pn.response)
    }
    found[pn.source_continues] = {}  # a paragraph everywhere; known to docutils' xml
    found[pn.policy_label] = {"html": (html.visit_label, html.depart_label),
                              "latex": (latex.visit_label, latex.depart_label)}
    found[pn.policy_index] = {"html": (html.visit_index, html.depart_index), "latex": skip,
                              "text": skip, "man": skip, "texinfo": skip}
    # Made for LaTeX only (index.py); other writers would see a row and an entry.
    found[pn.index_row] = {"latex": (latex.visit_index_row, latex.depart_index_row)}
    found[pn.index_cell] = {"latex": (latex.visit_index_cell, latex.depart_index_cell)}
    found[pn.policy_lineage] = {"html": skip, "latex": skip, "text": skip, "man": skip,
                                "texinfo": skip}
    found[pn.policy_diff] = {"html": skip, "latex": skip, "text": skip, "man": skip,
                             "texinfo": skip}
    found[pn.policy_responses] = {"html": skip, "latex": skip, "text": skip, "man": skip,
                                  "texinfo": skip}
    # Other builders get the runs as [+…+] / [-…-] text (write/difftable.py).
    found[pn.diff_insert] = {"html": (html.visit_insert, html.depart_insert),
                             "latex": (latex.visit_insert, latex.depart_mark)}
    found[pn.diff_delete] = {"html": (html.visit_delete, html.depart_delete),
                             "latex": (latex.visit_delete, latex.depart_mark)}
    # An inline everywhere else (HTML: a span with its classes).
    found[pn.stance_badge] = {"latex": (latex.visit_badge, latex.depart_mark)}
    # A reference everywhere else; made for HTML pages only (the domain's roles).
    found[pn.preview_reference] = {"html": (html.visit_preview_reference,
                                            html.depart_preview_reference)}
    return found


def register_visitors(app: Sphinx) -> None:
    """Register the nodes with their visitors per format; again per builder
    name once the builder is known."""
    for node, by_format in handlers().items():
        app.add_node(node, **cast("dict[str, Any]", by_format))
    app.connect("builder-inited", on_builder_inited)


def on_builder_inited(app: Sphinx) -> None:
    """Give the running builder the visitors of its format where another
    extension registered visitors under the builder's own name.

    ``epub``, ``singlehtml``, ``json`` … are builders of format ``html``.
    Sphinx uses the visitors registered under the builder's name, or else
    the format's, never both: sphinx-needs' data viewer registers one node
    for ``epub``, and from then on every node registered for ``html`` only
    (ours, sphinx-design's cards) has no visitor in an epub build. The
    format's visitors are added under the name for every node that has none
    there, so each extension keeps what it registered. Nothing changes where
    no extension used the name (Sphinx falls back to the format then).
    Sphinx has no public way to ask which names have visitors, hence the
    registry; if its shape is not the expected one, only our nodes are
    registered, through ``add_node``.
    """
    builder = app.builder
    table = getattr(app.registry, "translation_handlers", None)
    if builder.name == builder.format or not isinstance(table, dict) \
            or builder.name not in table:
        return
    own, of_format = table[builder.name], table.get(builder.format, {})
    if isinstance(own, dict) and isinstance(of_format, dict):
        for node_name, pair in of_format.items():
            own.setdefault(node_name, pair)
        return
    for node, by_format in handlers().items():
        found = by_format.get(builder.format)
        if found is not None:
            app.add_node(node, override=True, **cast("dict[str, Any]", {builder.name: found}))
