"""Docutils nodes of the extension.

The visible nodes subclass concrete docutils nodes, so that builders without
a visitor of ours (text, man, texinfo, gettext …) fall back to the parent's
visitor through Sphinx's MRO dispatch; HTML and LaTeX get their own.
"""

from __future__ import annotations

from docutils import nodes


class source_ref(nodes.container):
    """The citation card of a ``source-ref``; attributes ``docname``, ``source_id``."""


class policy_quote(nodes.container):
    """A quoted passage with its label; attributes ``docname``, ``anchor``."""


class commentary(nodes.container):
    """A reviewer's note; attributes ``docname``, ``anchor``."""


class response(nodes.container):
    """The answering body's reply to a commentary; attributes ``docname``, ``anchor``."""


class policy_responses(nodes.General, nodes.Element):
    """Placeholder of a ``policy-responses``, replaced by its table when resolving."""


class policy_label(nodes.paragraph):
    """The label of a quote or commentary, filled once all documents are read."""


class source_continues(nodes.paragraph):
    """On a source card: the earlier source it carries on; filled when resolving."""


class policy_index(nodes.General, nodes.Element):
    """Placeholder of a ``policy-index``: replaced by tables when resolving,
    or (HTML) filled with them by the translator (``deferred``)."""


class index_row(nodes.row):
    """A body row of an index or lineage table, made for LaTeX only: written as
    ``\\policynotesindexrow`` (``sphinxpolicynotes.sty``), a row that can break
    across pages. Other writers would treat it as the ``row`` it is."""


class index_cell(nodes.entry):
    """A cell of an :class:`index_row`."""


class policy_lineage(nodes.General, nodes.Element):
    """Placeholder of a ``policy-lineage``, replaced by tables when resolving."""


class policy_diff(nodes.General, nodes.Element):
    """Placeholder of a ``policy-diff``, replaced by its table when resolving."""


class diff_insert(nodes.inline):
    """Words the new version has and the old one does not (HTML ``<ins>``,
    LaTeX underlined; elsewhere ``[+…+]``)."""


class diff_delete(nodes.inline):
    """Words the old version has and the new one does not (HTML ``<del>``,
    LaTeX struck out; elsewhere ``[-…-]``)."""


class stance_badge(nodes.inline):
    """A commentary's stance (``Concern``) in its label and in an index; attribute
    ``stance``. HTML: a ``span``; LaTeX: ``\\policynotesstance{stance}{text}``;
    elsewhere its text."""


class preview_reference(nodes.reference):
    """A link to a quote that shows the quote in a small popup on hover and on
    keyboard focus (HTML pages only); attribute ``preview``: (heading, text).
    Every other writer sees the ``reference`` it is."""


def visit_skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Drop a placeholder that was never resolved (it only holds no content)."""
    raise nodes.SkipNode
