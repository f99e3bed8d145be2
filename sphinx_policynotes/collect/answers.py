"""Responses: which commentary each ``response`` answers, and the 意見と考え方 rows.

Resolved once every document is read, from the catalog's responses (in their
order: document name, then position) and kept with the catalog. A response
nested in a commentary answers it; one with a name answers the commentary of
that ``:name:`` (the first that holds it). A response that answers none is
shown where it is written, with a warning (:func:`check_response`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from ..i18n import _
from ..model import DECISIONS
from ..warnings import Warn, did_you_mean, warn
from .threads import targets_of, threads_of

if TYPE_CHECKING:
    from docutils import nodes

    from ..model import CommentaryRecord, QuoteRecord, ResponseRecord, ResponsesRecord
    from .catalog import Catalog


@dataclass
class Answers:
    """The responses of a project's commentaries."""

    #: Anchor of a commentary -> its responses, in order.
    of: dict[str, list[ResponseRecord]] = field(default_factory=dict)
    #: Anchor of a response -> the commentary it answers.
    answered: dict[str, CommentaryRecord] = field(default_factory=dict)
    #: Anchors of responses that answer no commentary.
    orphans: set[str] = field(default_factory=set)
    #: Anchor of a response -> the response.
    by_anchor: dict[str, ResponseRecord] = field(default_factory=dict)


def _resolve(catalog: Catalog) -> Answers:
    answers = Answers()
    names = threads_of(catalog).by_name
    for response in catalog.responses:
        answers.by_anchor[response.anchor] = response
        if response.to is not None:
            note = names.get(response.to)
        elif response.parent is not None:
            note = catalog.notes_by_anchor.get(response.parent)
        else:
            note = None
        if note is None:
            answers.orphans.add(response.anchor)
            continue
        answers.answered[response.anchor] = note
        answers.of.setdefault(note.anchor, []).append(response)
    return answers


def answers_of(catalog: Catalog) -> Answers:
    """The catalog's answers (resolved on first use, then kept with it)."""
    if catalog.answers is None:
        catalog.answers = _resolve(catalog)
    return catalog.answers  # type: ignore[no-any-return]


def reviewed_sources(catalog: Catalog) -> frozenset[str | None]:
    """The sources whose quotes have a commentary with a stance, a status, a
    decision or a response: only their index tables show each row's counts
    (a source commented with plain notes keeps the index it had before)."""
    if catalog.reviewed is None:
        answers = answers_of(catalog)
        found: set[str | None] = set()
        for note in catalog.commentaries:
            if note.stance != "note" or note.status != "open" or note.decision is not None \
                    or note.anchor in answers.of:
                found.update(catalog.source_of(catalog.by_anchor[a])
                             for a in targets_of(catalog, note) if a in catalog.by_anchor)
        catalog.reviewed = frozenset(found)
    return cast("frozenset[str | None]", catalog.reviewed)


def rows(catalog: Catalog, record: ResponsesRecord) -> list[CommentaryRecord]:
    """The commentaries of a ``policy-responses`` table, in the order of the
    source's parts (of the first quote each discusses), then as written.

    Every commentary on the source's quotes but the replies, which are part
    of the discussion of the note they answer, unless they were answered
    themselves; then the table's filters.
    """
    order = {q.anchor: i for i, q in enumerate(catalog.ordered_quotes())
             if catalog.source_of(q) == record.source}
    threads = threads_of(catalog)
    answers = answers_of(catalog)
    found: list[tuple[int, int, CommentaryRecord]] = []
    for n, note in enumerate(catalog.commentaries):
        places = [order[a] for a in targets_of(catalog, note) if a in order]
        if not places:
            continue
        if note.anchor in threads.parent and not (
                note.decision is not None or note.anchor in answers.of):
            continue
        if record.status is not None and note.status != record.status:
            continue
        if record.decision is not None and note.decision != record.decision:
            continue
        found.append((min(places), n, note))
    return [note for _place, _n, note in sorted(found, key=lambda t: (t[0], t[1]))]


def part_text(catalog: Catalog, quote: QuoteRecord) -> str:
    """Where a quote sits, as its source writes it (``第4章 方針1-1``, ``３．２``)."""
    shown = " ".join(t for t in (catalog.chapter_label(quote.chapter),
                                 catalog.policy_text(quote) if quote.policy else "") if t)
    return shown or catalog.quote_label(quote, page=False)


def digest_item(catalog: Catalog, note: CommentaryRecord) -> object:
    """What a commentary's page shows of responses elsewhere: whether it has
    any (its ``decision_without_response`` warning)."""
    return note.anchor in answers_of(catalog).of


def response_item(catalog: Catalog, response: ResponseRecord) -> object:
    """What a response's page shows of other documents: the commentary it
    answers (its label links there, by author), or that it answers none."""
    note = answers_of(catalog).answered.get(response.anchor)
    return note and (note.docname, note.anchor, note.author, note.name)


def table_item(catalog: Catalog, record: ResponsesRecord) -> object:
    """What a ``policy-responses`` table shows: its rows' commentaries, the
    quotes they discuss (by label), their responses and the source."""
    answers = answers_of(catalog)
    source = catalog.by_source_id.get(record.source)
    return (record.digest, source.digest if source is not None else None, [
        (note.digest, [(a, catalog.quote_label(catalog.by_anchor[a]))
                       for a in targets_of(catalog, note) if a in catalog.by_anchor],
         [r.digest for r in answers.of.get(note.anchor, ())])
        for note in rows(catalog, record)])


def check_decision(catalog: Catalog, note: CommentaryRecord, node: nodes.Element) -> None:
    """Warn about a decision (other than pending) that no response explains."""
    if note.decision is not None and note.decision != DECISIONS[-1] \
            and note.anchor not in answers_of(catalog).of:
        warn(Warn.decision_without_response, _("commentary :decision: %r without a response "
             "that gives the reasons (a response directive in it, or naming it)"),
             note.decision, location=node)


def check_response(catalog: Catalog, response: ResponseRecord, node: nodes.Element) -> None:
    """Warn about a response that answers no commentary."""
    if response.anchor not in answers_of(catalog).orphans:
        return
    if response.to is None:
        warn(Warn.orphan_response, _("response is neither inside a commentary nor names "
             "one (.. response:: NAME, a commentary's :name:); shown where it stands"),
             location=node)
    else:
        names = threads_of(catalog).by_name
        warn(Warn.orphan_response, _("response: no commentary has the :name: %r; shown "
             "where it stands"), response.to, hint=did_you_mean(response.to, names),
             location=node)
