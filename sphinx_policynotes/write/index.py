"""Build the ``policy-index`` tables from the catalog.

One rubric and one table per source; a row per chapter and policy holding the
quoted passages (with their label and a link to where they stand) next to the
commentary on them (text, author, link). A real ``table`` node, so HTML gets a
table, LaTeX a longtable that breaks across pages (and inside a row taller
than a page: ``_body_row``), and text/man/texinfo theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..collect.answers import reviewed_sources
from ..collect.catalog import Row
from ..collect.links import link, source_link
from ..collect.threads import threads_of
from ..i18n import _
from ..model import STANCES, STATUSES
from ..numbering import DEFAULT_SCHEME
from .carried import Carried, carried_plan, carried_table, in_row
from .grouping import Heading, Line, plan, row_notes
from .labels import page_part, review_parts, stance_text, status_text, to_nodes
from .tables import _body_row, _cell, blocks_to_nodes

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog, Group
    from ..collect.lineage import Item
    from ..model import CommentaryRecord, IndexRecord, LineageRecord

COLUMNS = ((_("Policy"), 18), (_("Quote"), 42), (_("Commentary"), 40))


def _policy_cell(catalog: Catalog, row: Row, builder: Builder, fromdoc: str) -> nodes.entry:
    para = nodes.paragraph(classes=["policynotes-index-key"])
    para += nodes.target("", "", ids=[row.anchor])
    chapter = catalog.chapter_label(row.chapter)
    if chapter:
        para += nodes.inline(chapter, chapter, classes=["policynotes-chapter"])
    if row.policy:
        if chapter:
            para += nodes.Text(" ")
        shown = catalog.policy_text(row.quotes[0]) if row.quotes else row.policy
        para += nodes.strong(shown, shown, classes=["policynotes-policy"])
    if not chapter and not row.policy:
        text = _("(no chapter or policy)")
        para += nodes.inline(text, text, classes=["policynotes-none"])
    cell = _cell(para)
    chain = catalog.lineage.chain((row.source, row.policy))
    if chain:
        cell += _chain_paragraph(catalog, chain, (row.source, row.policy), builder, fromdoc)
    return cell


def _chain_paragraph(catalog: Catalog, chain: list[Item], current: Item | None,
                     builder: Builder, fromdoc: str) -> nodes.paragraph:
    """``推進方針 方針1-1 → 実行計画 方針2-3``, each step linked to its first quote."""
    lineage = catalog.lineage
    para = nodes.paragraph(classes=["policynotes-lineage"])
    para += nodes.inline(_("Lineage"), _("Lineage"), classes=["policynotes-kind"])
    for i, item in enumerate(chain):
        para += nodes.Text(" " if i == 0 else " → ")
        text = lineage.label(item)
        first = lineage.quotes_of(item)[:1]
        if item == current or not first:
            para += nodes.strong(text, text)
        else:
            para += link(builder, fromdoc, first[0].docname, first[0].anchor, text,
                         catalog.quote_label(first[0]), ["policynotes-quote-link"])
    return para


def _quote_cell(catalog: Catalog, row: Row, builder: Builder, fromdoc: str) -> nodes.entry:
    out: list[nodes.Node] = []
    for quote in row.quotes:
        out.extend(blocks_to_nodes(catalog.blocks(quote)) or [nodes.paragraph()])
        where = nodes.paragraph(classes=["policynotes-index-where"])
        where += link(builder, fromdoc, quote.docname, quote.anchor,
                      f"→ {catalog.quote_label(quote, page=False)}",
                      catalog.quote_label(quote), ["policynotes-quote-link"])
        page = page_part(catalog, quote)
        if page is not None:
            where += nodes.Text(" ")
            where += to_nodes([page._replace(classes=page.classes[:1])], builder, fromdoc)
        out.append(where)
    return _cell(*out)


def _notes_cell(catalog: Catalog, notes: Iterable[CommentaryRecord], builder: Builder,
                fromdoc: str, *, none: bool = True, counts: bool = False) -> nodes.entry:
    """The Commentary cell; ``counts``: end it with the notes' counts by stance
    and status (the index of a reviewed source, :func:`reviewed_sources`)."""
    out: list[nodes.Node] = []
    shown: list[CommentaryRecord] = []
    for note, depth in threads_of(catalog).shown(notes):
        made: list[nodes.Node] = list(blocks_to_nodes(catalog.blocks(note)))
        by = nodes.paragraph(classes=["policynotes-index-by"])
        review = to_nodes(review_parts(note), builder, fromdoc)
        if review:
            by.extend(review[1:])  # without the space before the badge
            by += nodes.Text(" ")
        if note.author:
            by += nodes.inline(note.author, note.author, classes=["policynotes-author"])
            by += nodes.Text(" ")
        by += link(builder, fromdoc, note.docname, note.anchor, f"→ {_('Commentary')}",
                   _("Commentary"), ["policynotes-note-link"])
        made.append(by)
        shown.append(note)
        if depth:
            # A reply, under the note it answers: indented once per step.
            reply = nodes.container(classes=["policynotes-reply",
                                             f"policynotes-reply-{min(depth, 3)}"])
            reply.extend(made)
            made = [reply]
            if builder.format != "html":  # indented as a quote, once per step
                for _step in range(depth):
                    made = [nodes.block_quote("", *made)]
        out.extend(made)
    if shown and counts:
        out.append(_counts(shown))
    if not out and none:
        text = _("No commentary")
        out.append(nodes.paragraph(text, text, classes=["policynotes-none"]))
    return _cell(*out)


def _counts(notes: list[CommentaryRecord]) -> nodes.paragraph:
    """``Concern 2 · Support 1 | Open 1 · Resolved 2``: the notes of a cell by
    stance and by status (a project using stances, statuses or responses)."""
    para = nodes.paragraph(classes=["policynotes-index-counts"])
    stances = [(s, sum(n.stance == s for n in notes)) for s in STANCES]
    statuses = [(s, sum(n.status == s for n in notes)) for s in STATUSES]
    texts = [" · ".join(f"{stance_text(s)} {n}" for s, n in stances if n),
             " · ".join(f"{status_text(s)} {n}" for s, n in statuses if n)]
    text = " | ".join(t for t in texts if t)
    para += nodes.inline(text, text)
    return para


def _filter(record: IndexRecord) -> Callable[[CommentaryRecord], bool] | None:
    """Which notes an index with ``:stance:`` / ``:status:`` shows (None: all)."""
    if record.stances is None and record.status is None:
        return None

    def wanted(note: CommentaryRecord) -> bool:
        return ((record.stances is None or note.stance in record.stances)
                and (record.status is None or note.status == record.status))
    return wanted


def _filtered(lines: list[Heading | Line], wanted: Callable[[CommentaryRecord], bool],
              ) -> list[Heading | Line]:
    """The rows with notes ``wanted``, only those notes; a heading stays when
    it has such notes or a row under it stays."""
    out: list[Heading | Line] = []
    below: list[int] = []  # depths of the headings a kept line or heading is under
    for line in reversed(lines):
        notes = tuple(n for n in line.notes if wanted(n))
        if isinstance(line, Line):
            if notes:
                out.append(Line(line.row, notes, line.grouped))
                below.append(10**6)
            continue
        keep = bool(notes) or any(depth > line.depth for depth in below)
        below = [d for d in below if d <= line.depth]
        if keep:
            out.append(Heading(line.label, line.anchor, line.depth, notes))
            below.append(line.depth)
    return out[::-1]


COVERAGE_COLUMNS = ((_("Chapter"), 25), (_("Commented"), 25), (_("Quoted only"), 25),
                    (_("Untouched"), 25))


def _coverage(data: dict[str, Any], *, labels: bool = False) -> list[nodes.Node]:
    """The summary line and a table: per chapter, which policies are commented,
    only quoted, or untouched (by key, or by their labels as written for a
    source of another scheme than ``ja-plan``, whose keys are not for reading)."""
    summary = nodes.paragraph(classes=["policynotes-coverage-summary"])
    summary += nodes.inline(_("Coverage"), _("Coverage"), classes=["policynotes-kind"])
    summary += nodes.Text(" " + str(data["summary"]))
    rows = []
    for chapter in data["chapters"]:
        by_status: dict[str, list[str]] = {"commented": [], "quoted": [], "untouched": []}
        for policy in chapter["policies"]:
            shown = policy["label"] if labels and policy["label"] else policy["policy"]
            by_status.setdefault(policy["status"], []).append(shown)
        head = " ".join(str(p) for p in (chapter.get("label"), chapter.get("title")) if p)
        cells = [head or "—"] + [", ".join(by_status[s]) or "—"
                                 for s in ("commented", "quoted", "untouched")]
        rows.append(nodes.row("", *(_cell(nodes.paragraph(c, c)) for c in cells)))
    table = nodes.table(classes=["policynotes-coverage", "colwidths-given"])
    tgroup = nodes.tgroup(cols=len(COVERAGE_COLUMNS))
    table += tgroup
    for _title, width in COVERAGE_COLUMNS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.paragraph(str(t), str(t)))
                                             for t, _w in COVERAGE_COLUMNS)))
    tgroup += nodes.tbody("", *rows)
    return [summary, table] if rows else [summary]


def _table(catalog: Catalog, group: Group, builder: Builder, fromdoc: str, base: str,
           version: str = "", carried: dict[str | None, list[Carried]] | None = None,
           wanted: Callable[[CommentaryRecord], bool] | None = None) -> nodes.table:
    """One source's table; ``carried``: the commentaries on the version it
    supersedes, by the key of the part they now concern (those shown are
    taken out)."""
    carried = {} if carried is None else carried
    table = nodes.table(classes=["policynotes-index", "longtable"])
    tgroup = nodes.tgroup(cols=len(COLUMNS))
    table += tgroup
    table["classes"].append("colwidths-given")
    for _title, width in COLUMNS:
        tgroup += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head_row = nodes.row()
    for title, _width in COLUMNS:
        head_row += _cell(nodes.paragraph(str(title), str(title)))
    head += head_row
    tgroup += head
    body = nodes.tbody()
    lines = plan(catalog, group, base)
    counts = group.source in reviewed_sources(catalog)
    if wanted is not None:
        lines = _filtered(lines, wanted)
    for line in lines:
        if isinstance(line, Heading):
            body += _heading_row(catalog, line, builder, fromdoc, counts=counts)
            continue
        notes = _notes_cell(catalog, line.notes, builder, fromdoc, counts=counts,
                            none=not line.grouped and not carried.get(_key(catalog, line.row)))
        if carried.get(_key(catalog, line.row)):
            notes.extend(in_row(catalog, version, carried.pop(_key(catalog, line.row)),
                                builder, fromdoc))
        body += _body_row(builder, _policy_cell(catalog, line.row, builder, fromdoc),
                          _quote_cell(catalog, line.row, builder, fromdoc), notes)
    tgroup += body
    return table


def _key(catalog: Catalog, row: Row) -> str | None:
    """The locator key of a row (its first quote's)."""
    locator = catalog.locator(row.quotes[0]) if row.quotes else None
    return locator.key if locator is not None else None


def _heading_row(catalog: Catalog, heading: Heading, builder: Builder,
                 fromdoc: str, *, counts: bool = False) -> nodes.row:
    """The row above the rows of a part holding several quoted parts: its
    label, and the commentaries on several of them."""
    para = nodes.paragraph(classes=["policynotes-index-key"])
    para += nodes.target("", "", ids=[heading.anchor])
    para += nodes.strong(heading.label, heading.label, classes=["policynotes-policy"])
    row = _body_row(builder, _cell(para), _cell(),
                    _notes_cell(catalog, heading.notes, builder, fromdoc, none=False,
                                counts=counts))
    row["classes"] += ["policynotes-index-group", f"policynotes-depth-{heading.depth}"]
    return row


def build_index(catalog: Catalog, record: IndexRecord, builder: Builder,
                fromdoc: str) -> list[nodes.Node]:
    """The nodes that replace one ``policy-index`` placeholder."""
    # no-search: the quotes are searchable where they stand; the index must not
    # index every quote's text a second time (honoured from Sphinx 9).
    container = nodes.container(classes=["policynotes-index-block", "no-search",
                                         *record.classes])
    groups = catalog.groups(record)
    handed = catalog.handed_over(record)
    for group in groups:
        rubric = nodes.rubric(classes=["policynotes-index-source"])
        if group.source is None:
            text = _("Quotes without a source")
            rubric += nodes.Text(text)
        else:
            src = catalog.by_source_id.get(group.source)
            rubric += source_link(builder, fromdoc, catalog, group.source)
            if src is not None and src.title and src.title != catalog.source_label(src.id):
                rubric += nodes.Text(f" / {src.title}")
        container += rubric
        own = handed.get(group.source) if group.source is not None else None
        if own is not None:
            container += _handed_over(catalog, group, own, builder, fromdoc)
            continue
        if record.coverage and group.source is not None:
            cov = catalog.verifier.coverage(group.source)
            if cov is not None:
                placed = catalog.scheme_of(group.source).name != DEFAULT_SCHEME
                container.extend(_coverage(cov.to_dict(), labels=placed))
        earlier = carried_plan(catalog, group.source, builder)
        version = earlier[0] if earlier else ""
        by_key: dict[str | None, list[Carried]] = {}
        for entry in earlier[1] if earlier else []:
            by_key.setdefault(entry.key if entry.key is not None else "", []).append(entry)
        if group.rows:
            base = f"{record.docname}|{catalog.index_number(record)}|{group.source}"
            container += _table(catalog, group, builder, fromdoc, base, version, by_key,
                                _filter(record))
        else:
            text = _("No quotes yet.")
            container += nodes.paragraph(text, text, classes=["policynotes-none"])
        rest = [entry for entries in by_key.values() for entry in entries]
        container.extend(carried_table(catalog, version, rest, builder, fromdoc))
    if not groups:
        text = _("No quotes yet.")
        container += nodes.paragraph(text, text, classes=["policynotes-none"])
    return [container]


def _handed_over(catalog: Catalog, group: Group, own: IndexRecord, builder: Builder,
                 fromdoc: str) -> nodes.paragraph:
    """What a large index shows of a source that has its own index: how many
    quotes and notes, a link to that index and to each chapter's first row."""
    starts = catalog.chapter_starts(own)
    quotes, notes = catalog.source_counts(group.source)
    para = nodes.paragraph(classes=["policynotes-index-handed"])
    para += nodes.Text(_("Quotes: %(quotes)d, commentaries: %(notes)d, in the index of "
                         "this source:") % {"quotes": quotes, "notes": notes} + " ")
    title_node = builder.env.titles.get(own.docname)
    title = title_node.astext() if title_node is not None else own.docname
    para += link(builder, fromdoc, own.docname, starts[0][0] if starts else "",
                 title, None, ["policynotes-index-link"])
    for n, (anchor, chapter) in enumerate(starts):
        text = catalog.chapter_label(chapter) or _("(no chapter)")
        para += nodes.Text(" · " if n else " — ")
        para += link(builder, fromdoc, own.docname, anchor, text, None,
                     ["policynotes-chapter"])
    return para


def deferred_index(builder: Builder, node: nodes.Element) -> list[nodes.Node]:
    """The tables of a ``policy-index`` placeholder left for the HTML translator."""
    from typing import cast

    from ..collect.domain import PolicyNotesDomain

    domain = cast("PolicyNotesDomain", builder.env.get_domain("policynotes"))
    catalog = domain.catalog
    record = catalog.index_at(node["docname"], node["serial"])
    if record is None:
        return []
    return build_index(catalog, record, builder, record.docname)


LINEAGE_COLUMNS = ((_("Source"), 22), (_("Quote"), 42), (_("Commentary"), 36))


def build_lineage(catalog: Catalog, record: LineageRecord, builder: Builder, fromdoc: str,
                  location: nodes.Node) -> list[nodes.Node]:
    """The nodes that replace one ``policy-lineage`` placeholder: a table per chain."""
    from ..warnings import Warn, suggestion, warn

    lineage = catalog.lineage
    chains = lineage.chains()
    if record.target is not None:
        item = _lineage_item(catalog, record.target)
        chains = [c for c in chains if item in c]
        if not chains:
            warn(Warn.unknown_ref, _("policy-lineage: %r is in no lineage (no :continues: "
                 "links it)"), record.target,
                 hint=suggestion(_lineage_suggestions(catalog, record.target, lineage.chains())),
                 location=location)
    container = nodes.container(classes=["policynotes-lineage-block", "no-search"])
    for chain in chains:
        container += _chain_paragraph(catalog, chain, None, builder, fromdoc)
        table = nodes.table(classes=["policynotes-lineage-table", "longtable", "colwidths-given"])
        tgroup = nodes.tgroup(cols=len(LINEAGE_COLUMNS))
        table += tgroup
        for _title, width in LINEAGE_COLUMNS:
            tgroup += nodes.colspec(colwidth=width)
        head_row = nodes.row()
        for title, _width in LINEAGE_COLUMNS:
            head_row += _cell(nodes.paragraph(str(title), str(title)))
        tgroup += nodes.thead("", head_row)
        body = nodes.tbody()
        for item in chain:
            src = catalog.by_source_id.get(item[0] or "")
            first = nodes.paragraph()
            first += source_link(builder, fromdoc, catalog, item[0])
            if src is not None and src.date:
                first += nodes.Text(f" ({src.date})")
            key = nodes.paragraph()
            key += nodes.strong(item[1] or "", item[1] or "")
            row = Row(anchor="", source=item[0], chapter=None, policy=item[1],
                      quotes=tuple(lineage.quotes_of(item)))
            body += _body_row(builder, _cell(first, key),
                              _quote_cell(catalog, row, builder, fromdoc),
                              _notes_cell(catalog, row_notes(catalog, row), builder, fromdoc))
        tgroup += body
        container += table
    if not chains:
        text = _("No lineage yet.")
        container += nodes.paragraph(text, text, classes=["policynotes-none"])
    return [container]


def _lineage_suggestions(catalog: Catalog, target: str,
                         chains: list[list[Item]]) -> list[str]:
    """The items of lineages closest to ``target`` (``[SOURCE:]KEY``), as written."""
    from ..collect.domain import suggest_policy
    from ..numbering import policy_key

    head, _sep, tail = target.rpartition(":")
    key = policy_key(tail, catalog.prefix)
    if key is None:
        return []
    pairs = [(s, k) for chain in chains for s, k in chain if k is not None]
    return suggest_policy(head.strip() or None, key, pairs, catalog.prefix)


def _lineage_item(catalog: Catalog, target: str) -> Item | None:
    """``[SOURCE:]KEY`` -> an item; without source, the first source having the key."""
    from ..numbering import policy_key

    head, _sep, tail = target.rpartition(":")
    key = policy_key(tail, catalog.prefix)
    if key is None:
        return None
    if head:
        return (head.strip(), key)
    sources = catalog.policy_sources(key)
    return (sources[0], key) if sources else None
