"""Notes carried over: the commentaries on the version a source supersedes,
shown in the new version's index beside the part they now concern.

For a source with ``:supersedes: OLD``, below its rows the index lists each
quote of OLD that has a commentary: where it stood then (``２）``), where that
part is now (``３）``, from the 新旧対照表 of the two versions, with
"changed since" when its text changed), or that the new version no longer
has it; then the commentary, its author and a link. A quote whose words are
no longer in the new version's part is marked so.
"""

from __future__ import annotations

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


def carried_notes(catalog: Catalog, source: str | None, builder: Builder,
                  fromdoc: str) -> list[nodes.Node]:
    """The carried-over commentaries of a source's index, or nothing."""
    from ..collect.diffs import carried

    domain = cast("Holder", builder.env.get_domain("policynotes"))
    found = carried(domain, source)
    if found is None:
        return []
    pair, comparison = found
    assert pair.old is not None
    by_old = comparison.by_old_key()
    body = nodes.tbody()
    for quote in catalog.ordered_quotes():
        notes = catalog.notes_on.get(quote.anchor, [])
        if catalog.source_of(quote) != pair.old.id or not notes:
            continue
        locator = catalog.locator(quote)
        row = by_old.get(locator.key) if locator is not None and locator.key else None
        where, marks = _now(row, catalog.text(quote))
        then = nodes.paragraph()
        then += link(builder, fromdoc, quote.docname, quote.anchor,
                     locator.label if locator is not None else catalog.quote_label(quote),
                     catalog.quote_label(quote), ["policynotes-quote-link"])
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
        line = _body_row(builder, _cell(then), _cell(nodes.paragraph(where, where)),
                         _cell(*shown))
        line["classes"].extend(marks)
        body += line
    if not len(body):
        return []
    version = pair.old.version or pair.old.date or pair.old.id
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
