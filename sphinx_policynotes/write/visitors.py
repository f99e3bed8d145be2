"""The extension's nodes registered with a visitor per output format.

Sphinx looks a node's visitor up by the builder's *name* first and falls back
to its *format* only when nothing at all is registered under that name. So
once another extension registers a visitor for, say, ``epub`` (sphinx-needs'
data viewer does), every node registered for ``html`` only has none in an
epub build. Each node is therefore registered per format here, and again
under the running builder's own name when the builder starts
(:func:`on_builder_inited`), whatever else is loaded.
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
        for node in (pn.source_ref, pn.policy_quote, pn.commentary)
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
    return found


def register_visitors(app: Sphinx) -> None:
    """Register the nodes with their visitors per format; again per builder
    name once the builder is known."""
    for node, by_format in handlers().items():
        app.add_node(node, **cast("dict[str, Any]", by_format))
    app.connect("builder-inited", on_builder_inited)


def on_builder_inited(app: Sphinx) -> None:
    """Register the visitors of the builder's format under the builder's name
    (``epub``, ``singlehtml``, ``json`` … are of format ``html``) when another
    extension registered visitors under that name.

    Only then: registering a name nobody else did would hide the format's
    visitors of every other extension (Sphinx uses the name's or the
    format's, not both). Sphinx has no public way to ask which names have
    visitors, hence the registry.
    """
    builder = app.builder
    if builder.name == builder.format or builder.name not in getattr(
            app.registry, "translation_handlers", {}):
        return
    for node, by_format in handlers().items():
        found = by_format.get(builder.format)
        if found is not None:
            app.add_node(node, override=True, **cast("dict[str, Any]", {builder.name: found}))
