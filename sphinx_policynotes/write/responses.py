"""The ``policy-responses`` table: the 意見と考え方 of one source.

No. | 該当箇所 (where the comment is on, linked) | 意見の概要 (the commentary, with
its author and badges) | 考え方 (the responses) | 対応 (the decision), a row per
commentary in the order of the source's parts (:func:`..collect.answers.rows`).
A real ``table`` node, so every builder writes it; LaTeX rows break across
pages as the index's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..collect.answers import answers_of, part_text, rows
from ..collect.links import link
from ..collect.threads import targets_of
from ..i18n import _
from .labels import decision_text, review_parts, status_text, to_nodes
from .tables import _body_row, _cell, blocks_to_nodes

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog
    from ..model import CommentaryRecord, ResponsesRecord

COLUMNS = ((_("No."), 6), (_("Part"), 16), (_("Summary of the comment"), 34),
           (_("Response and reasons"), 32), (_("Decision"), 12))


def _part_cell(catalog: Catalog, note: CommentaryRecord, source: str, builder: Builder,
               fromdoc: str) -> nodes.entry:
    out: list[nodes.Node] = []
    for anchor in dict.fromkeys(targets_of(catalog, note)):
        quote = catalog.by_anchor.get(anchor)
        if quote is None or catalog.source_of(quote) != source:
            continue
        para = nodes.paragraph(classes=["policynotes-responses-part"])
        para += link(builder, fromdoc, quote.docname, quote.anchor, part_text(catalog, quote),
                     catalog.quote_label(quote), ["policynotes-quote-link"])
        out.append(para)
    return _cell(*out)


def _comment_cell(catalog: Catalog, note: CommentaryRecord, builder: Builder,
                  fromdoc: str) -> nodes.entry:
    out: list[nodes.Node] = list(blocks_to_nodes(catalog.blocks(note)))
    by = nodes.paragraph(classes=["policynotes-index-by"])
    review = to_nodes(review_parts(note, decision=False), builder, fromdoc)
    if review:
        by.extend(review[1:])
        by += nodes.Text(" ")
    if note.author:
        by += nodes.inline(note.author, note.author, classes=["policynotes-author"])
        by += nodes.Text(" ")
    by += link(builder, fromdoc, note.docname, note.anchor, f"→ {_('Commentary')}",
               _("Commentary"), ["policynotes-note-link"])
    out.append(by)
    return _cell(*out)


def _response_cell(catalog: Catalog, note: CommentaryRecord, builder: Builder,
                   fromdoc: str) -> nodes.entry:
    out: list[nodes.Node] = []
    for response in answers_of(catalog).of.get(note.anchor, ()):
        out.extend(blocks_to_nodes(catalog.blocks(response)))
        by = nodes.paragraph(classes=["policynotes-index-by"])
        shown = " ".join(t for t in (response.by, response.date) if t)
        if shown:
            by += nodes.inline(shown, shown, classes=["policynotes-author"])
            by += nodes.Text(" ")
        by += link(builder, fromdoc, response.docname, response.anchor, f"→ {_('Response')}",
                   _("Response"), ["policynotes-note-link"])
        out.append(by)
    if not out:
        text = _("No response yet")
        out.append(nodes.paragraph(text, text, classes=["policynotes-none"]))
    return _cell(*out)


def _decision_cell(note: CommentaryRecord) -> nodes.entry:
    para = nodes.paragraph(classes=["policynotes-responses-decision"])
    if note.decision is not None:
        text = decision_text(note.decision)
        para += nodes.strong(text, text)
    else:
        text = "—"
        para += nodes.Text(text)
    status = nodes.paragraph(classes=["policynotes-responses-status"])
    text = status_text(note.status)
    status += nodes.inline(text, text)
    return _cell(para, status)


def build_responses(catalog: Catalog, record: ResponsesRecord, builder: Builder,
                    fromdoc: str) -> list[nodes.Node]:
    """The nodes that replace one ``policy-responses`` placeholder."""
    container = nodes.container(classes=["policynotes-responses-block", "no-search",
                                         *record.classes])
    found = rows(catalog, record)
    if not found:
        text = _("No commentaries yet.")
        container += nodes.paragraph(text, text, classes=["policynotes-none"])
        return [container]
    table = nodes.table(classes=["policynotes-responses", "longtable", "colwidths-given"])
    tgroup = nodes.tgroup(cols=len(COLUMNS))
    table += tgroup
    for _title, width in COLUMNS:
        tgroup += nodes.colspec(colwidth=width)
    head = nodes.row()
    for title, _width in COLUMNS:
        head += _cell(nodes.paragraph(str(title), str(title)))
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    for number, note in enumerate(found, 1):
        body += _body_row(builder, _cell(nodes.paragraph(str(number), str(number))),
                          _part_cell(catalog, note, record.source, builder, fromdoc),
                          _comment_cell(catalog, note, builder, fromdoc),
                          _response_cell(catalog, note, builder, fromdoc),
                          _decision_cell(note))
    tgroup += body
    container += table
    return [container]
