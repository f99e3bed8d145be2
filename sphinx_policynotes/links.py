"""Link nodes shared by labels and the index: to quotes, notes, sources, PDF pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from .i18n import _

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .catalog import Catalog
    from .model import QuoteRecord


def refnode(builder: Builder, fromdoc: str, todoc: str, anchor: str, child: nodes.Node,
            title: str | None = None) -> nodes.reference:
    """``make_refnode``, without the doubled ``#`` of singlehtml.

    singlehtml addresses a document as ``#document-X``; Sphinx 9 no longer
    mends ``#document-X#id`` into ``#id``, so do it here.
    """
    node = make_refnode(builder, fromdoc, todoc, anchor, child, title)
    if node.get("refuri", "").count("#") > 1:
        node["refuri"] = "#" + anchor
    return node


def link(builder: Builder, fromdoc: str, todoc: str, anchor: str, text: str,
         title: str | None = None, classes: list[str] | None = None) -> nodes.reference:
    """A link with ``classes`` on the link itself (no inner span: a large
    project has tens of thousands of these, and each element costs)."""
    node = refnode(builder, fromdoc, todoc, anchor, nodes.Text(text), title)
    node["classes"].extend(classes or ())
    return node


def page_link(catalog: Catalog, quote: QuoteRecord) -> nodes.Node | None:
    """``p. N`` linked to ``url#page=N`` when the source has a URL."""
    verifier = catalog.verifier
    shown = verifier.shown_page(quote)
    if shown is None:
        return None
    text = _("p. %s") % shown
    source = catalog.by_source_id.get(catalog.source_of(quote) or "")
    physical = verifier.physical_page(quote)
    if source is None or source.url is None or physical is None:
        return nodes.inline(text, text, classes=["policynotes-page"])
    uri = f"{source.url.split('#', 1)[0]}#page={physical}"
    return nodes.reference(text, text, refuri=uri, classes=["policynotes-page"])


def source_link(builder: Builder, fromdoc: str, catalog: Catalog,
                source_id: str | None) -> nodes.Node:
    label = catalog.source_label(source_id)
    src = catalog.by_source_id.get(source_id or "")
    if src is None:
        return nodes.inline(label, label, classes=["policynotes-source-label"])
    return link(builder, fromdoc, src.docname, src.anchor, label, src.title or src.id,
                ["policynotes-source-label"])


def quote_label_nodes(builder: Builder, fromdoc: str, catalog: Catalog,
                      quote: QuoteRecord) -> list[nodes.Node]:
    """Source (linked to its card), chapter, policy, page (linked to the PDF)."""
    out: list[nodes.Node] = [source_link(builder, fromdoc, catalog, catalog.source_of(quote))]
    for text, cls in ((catalog.chapter_label(quote.chapter), "policynotes-chapter"),
                      (quote.policy or "", "policynotes-policy")):
        if text:
            out += [nodes.Text(" "), nodes.inline(text, text, classes=[cls])]
    page = page_link(catalog, quote)
    if page is not None:
        out += [nodes.Text(" "), page]
    return out
