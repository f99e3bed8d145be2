"""Notes carried over: the commentaries on the version a source supersedes,
shown in the new version's index beside the part they now concern.

For a source with ``:supersedes: OLD``, each quote of OLD that has a
commentary is aligned with this version (the 新旧対照表 of the two): its
commentaries show in the row of the part it now concerns ("On the earlier
version (2025-05-15), at ３） (changed since)"), and those whose part has no
row here (not quoted in this version, or gone) in a table below the rows:
where it stood then, where its part is now, the commentary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from ..collect.links import link
from ..compare import normalise
from ..i18n import _
from .tables import _body_row, _cell, blocks_to_nodes

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog
    from ..collect.diffs import Holder
    from ..model import CommentaryRecord, QuoteRecord

COLUMNS = ((_("Earlier version"), 22), (_("Now"), 22), (_("Commentary"), 56))


def _now(row: Any, quote_text: str) -> tuple[str, list[str]]:
    """Where the old part is now, and the marks of the row."""
    if row is None:
        return str(_("(not found in this version)")), ["policynotes-carried-lost"]
    if row.new is None:
        return str(_("deleted")), ["policynotes-carried-deleted"]
    where = row.new.path_label or row.new.label
    marks = []
    if row.text_changed:
        where += " " + str(_("(changed since)"))
        marks.append("policynotes-carried-changed")
    if quote_text and normalise(quote_text) not in normalise(row.new.content):
        where += " " + str(_("(the quoted words are no longer there)"))
        marks.append("policynotes-carried-gone")
    return where, marks


@dataclass(frozen=True)
class Carried:
    """A quote of the earlier version with its commentaries, and where its
    part is now: the new key (None: not there), the label and the marks."""

    quote: QuoteRecord
    notes: tuple[CommentaryRecord, ...]
    key: str | None
    where: str
    marks: tuple[str, ...]


def carried_plan(catalog: Catalog, source: str | None, builder: Builder
                 ) -> tuple[str, list[Carried]] | None:
    """The earlier version's label and its commented quotes, for the index of
    ``source`` (None: it supersedes no source)."""
    from ..collect.diffs import carried

    domain = cast("Holder", builder.env.get_domain("policynotes"))
    found = carried(domain, source)
    if found is None:
        return None
    pair, comparison = found
    assert pair.old is not None
    by_old = comparison.by_old_key()
    out = []
    for quote in catalog.ordered_quotes():
        notes = catalog.notes_on.get(quote.anchor, [])
        if catalog.source_of(quote) != pair.old.id or not notes:
            continue
        locator = catalog.locator(quote)
        row = by_old.get(locator.key) if locator is not None and locator.key else None
        where, marks = _now(row, catalog.text(quote))
        key = row.new.key if row is not None and row.new is not None else None
        out.append(Carried(quote, tuple(notes), key, where, tuple(marks)))
    return str(pair.old.version or pair.old.date or pair.old.id), out


def _notes(catalog: Catalog, notes: tuple[CommentaryRecord, ...], builder: Builder,
           fromdoc: str) -> list[nodes.Node]:
    shown: list[nodes.Node] = []
    for note in notes:
        shown.extend(blocks_to_nodes(catalog.blocks(note)))
        by = nodes.paragraph(classes=["policynotes-index-by"])
        if note.author:
            by += nodes.inline(note.author, note.author, classes=["policynotes-author"])
            by += nodes.Text(" ")
        by += link(builder, fromdoc, note.docname, note.anchor, f"→ {_('Commentary')}",
                   _("Commentary"), ["policynotes-note-link"])
        shown.append(by)
    return shown


def _then(catalog: Catalog, entry: Carried, builder: Builder, fromdoc: str) -> nodes.paragraph:
    locator = catalog.locator(entry.quote)
    then = nodes.paragraph()
    then += link(builder, fromdoc, entry.quote.docname, entry.quote.anchor,
                 locator.label if locator is not None else catalog.quote_label(entry.quote),
                 catalog.quote_label(entry.quote), ["policynotes-quote-link"])
    return then


def in_row(catalog: Catalog, version: str, entries: list[Carried], builder: Builder,
           fromdoc: str) -> list[nodes.Node]:
    """The carried commentaries shown in the row of the part they now concern:
    "On the earlier version (VERSION), at ３） (changed since):" and the notes."""
    out: list[nodes.Node] = []
    for entry in entries:
        head = nodes.paragraph(classes=["policynotes-carried-head", *entry.marks])
        text = _("On the earlier version (%(version)s), at") % {"version": version}
        head += nodes.emphasis(text, text)
        head += nodes.Text(" ")
        head += _then(catalog, entry, builder, fromdoc).children[0]
        if "policynotes-carried-changed" in entry.marks:
            head += nodes.Text(" " + str(_("(changed since)")))
        if "policynotes-carried-gone" in entry.marks:
            head += nodes.Text(" " + str(_("(the quoted words are no longer there)")))
        out.append(head)
        out.extend(_notes(catalog, entry.notes, builder, fromdoc))
    return out


def carried_table(catalog: Catalog, version: str, entries: list[Carried], builder: Builder,
                  fromdoc: str) -> list[nodes.Node]:
    """The carried commentaries the index shows in none of its rows."""
    if not entries:
        return []
    body = nodes.tbody()
    for entry in entries:
        line = _body_row(builder, _cell(_then(catalog, entry, builder, fromdoc)),
                         _cell(nodes.paragraph(entry.where, entry.where)),
                         _cell(*_notes(catalog, entry.notes, builder, fromdoc)))
        line["classes"].extend(entry.marks)
        body += line
    title = _("Commentaries on the earlier version (%s)") % version
    rubric = nodes.rubric(title, title, classes=["policynotes-carried-title"])
    table = nodes.table(classes=["policynotes-carried", "longtable", "colwidths-given"])
    tgroup = nodes.tgroup(cols=len(COLUMNS))
    table += tgroup
    for _title, width in COLUMNS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.paragraph(str(t), str(t)))
                                             for t, _w in COLUMNS)))
    tgroup += body
    return [rubric, table]
