"""Link nodes shared by labels and the index: to quotes, notes and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .catalog import Catalog


#: Builders of web pages: labels as HTML text (their translator has our
#: visitor), links to quotes with a popup of the quote.
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})

#: Extensions with popups of their own: with one of them loaded, links to
#: quotes get no popup of ours (it would show beside theirs).
TIP_EXTENSIONS = ("sphinx_tippy",)


def previews_on(builder: Builder) -> bool:
    """Whether links to quotes carry our popup: web pages, without sphinx-tippy."""
    return builder.name in HTML_BUILDERS and not any(
        name in builder.config.extensions for name in TIP_EXTENSIONS)


#: Per builder, the relative URI from one document to another: a large
#: project links tens of thousands of times between a few hundred pages.
_URIS: WeakKeyDictionary[Builder, dict[tuple[str, str], str]] = WeakKeyDictionary()


def relative_uri(builder: Builder, fromdoc: str, todoc: str) -> str:
    """``builder.get_relative_uri(fromdoc, todoc)``, asked once per pair."""
    uris = _URIS.get(builder)
    if uris is None:
        uris = _URIS[builder] = {}
    uri = uris.get((fromdoc, todoc))
    if uri is None:
        uri = uris[(fromdoc, todoc)] = builder.get_relative_uri(fromdoc, todoc)
    return uri


def refnode(builder: Builder, fromdoc: str, todoc: str, anchor: str, child: nodes.Node,
            title: str | None = None) -> nodes.reference:
    """Sphinx's ``make_refnode`` (with the relative URIs cached), without the
    doubled ``#`` of singlehtml.

    singlehtml addresses a document as ``#document-X``; Sphinx 9 no longer
    mends ``#document-X#id`` into ``#id``, so do it here.
    """
    node = nodes.reference("", "", internal=True)
    if fromdoc == todoc and anchor:
        node["refid"] = anchor
    else:
        uri = relative_uri(builder, fromdoc, todoc)
        if anchor:
            uri = "#" + anchor if "#" in uri else f"{uri}#{anchor}"
        node["refuri"] = uri
    if title:
        node["reftitle"] = title
    node += child
    return node


def link(builder: Builder, fromdoc: str, todoc: str, anchor: str, text: str,
         title: str | None = None, classes: list[str] | None = None) -> nodes.reference:
    """A link with ``classes`` on the link itself (no inner span: a large
    project has tens of thousands of these, and each element costs)."""
    node = refnode(builder, fromdoc, todoc, anchor, nodes.Text(text), title)
    node["classes"].extend(classes or ())
    return node


def source_link(builder: Builder, fromdoc: str, catalog: Catalog,
                source_id: str | None) -> nodes.Node:
    """A source's short label, linked to its card when the source is declared."""
    label = catalog.source_label(source_id)
    src = catalog.by_source_id.get(source_id or "")
    if src is None:
        return nodes.inline(label, label, classes=["policynotes-source-label"])
    return link(builder, fromdoc, src.docname, src.anchor, label, src.title or src.id,
                ["policynotes-source-label"])
