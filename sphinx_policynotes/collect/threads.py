"""Threads of commentaries: which note a ``:reply-to:`` answers.

Resolved once every document is read, from the catalog's commentaries (in
their order: document name, then position), and kept with the catalog. A
``:name:`` held by two commentaries names the first. A reply to a name that
no commentary holds, or whose replies lead back to itself, is no reply: it
is shown as a plain note (and warns, :func:`check_reply`). Every other reply
is shown under the note it answers: on its page its label links there, in an
index its text follows that note's, indented, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import _
from ..warnings import Warn, did_you_mean, warn

if TYPE_CHECKING:
    from docutils import nodes

    from ..model import CommentaryRecord
    from .catalog import Catalog


@dataclass
class Threads:
    """The replies of a project's commentaries, by anchor."""

    #: ``:name:`` -> the first commentary holding it.
    by_name: dict[str, CommentaryRecord] = field(default_factory=dict)
    #: Anchor of a commentary whose ``:name:`` an earlier one holds -> that one.
    duplicates: dict[str, CommentaryRecord] = field(default_factory=dict)
    #: Anchor of a reply -> the commentary it answers.
    parent: dict[str, CommentaryRecord] = field(default_factory=dict)
    #: Anchor of a commentary -> its replies, in order.
    replies: dict[str, list[CommentaryRecord]] = field(default_factory=dict)
    #: Anchors of replies to a name no commentary holds.
    unknown: set[str] = field(default_factory=set)
    #: Anchors of replies whose replies lead back to themselves.
    cycles: set[str] = field(default_factory=set)

    def ancestors(self, note: CommentaryRecord) -> Iterator[CommentaryRecord]:
        """The notes a reply answers, nearest first (none for a plain note)."""
        found = self.parent.get(note.anchor)
        while found is not None:
            yield found
            found = self.parent.get(found.anchor)

    def thread(self, note: CommentaryRecord, depth: int = 0,
               ) -> Iterator[tuple[CommentaryRecord, int]]:
        """The note's replies and theirs, depth first, with their depth (1: a
        reply to the note)."""
        for reply in self.replies.get(note.anchor, ()):
            yield reply, depth + 1
            yield from self.thread(reply, depth + 1)

    def shown(self, notes: Iterable[CommentaryRecord],
              ) -> list[tuple[CommentaryRecord, int]]:
        """What a list of notes shows, with the depth of each: every note and,
        under it, its thread; a reply to one of them only there, once."""
        listed = list(notes)
        anchors = {n.anchor for n in listed}
        out: list[tuple[CommentaryRecord, int]] = []
        for note in listed:
            if any(a.anchor in anchors for a in self.ancestors(note)):
                continue  # shown in the thread of the note it answers
            out.append((note, 0))
            out.extend(self.thread(note))
        return out


def _resolve(notes: list[CommentaryRecord]) -> Threads:
    threads = Threads()
    for note in notes:
        if note.name is None:
            continue
        first = threads.by_name.setdefault(note.name, note)
        if first is not note:
            threads.duplicates[note.anchor] = first
    wanted: dict[str, CommentaryRecord] = {}
    for note in notes:
        if note.reply_to is None:
            continue
        target = threads.by_name.get(note.reply_to)
        if target is None:
            threads.unknown.add(note.anchor)
        else:
            wanted[note.anchor] = target
    for note in notes:
        if note.anchor not in wanted:
            continue
        seen = {note.anchor}
        step = wanted.get(note.anchor)
        while step is not None and step.anchor not in seen:
            seen.add(step.anchor)
            step = wanted.get(step.anchor)
        if step is not None and step.anchor == note.anchor:
            threads.cycles.add(note.anchor)
    for note in notes:
        target = wanted.get(note.anchor)
        if target is None or note.anchor in threads.cycles:
            continue
        threads.parent[note.anchor] = target
        threads.replies.setdefault(target.anchor, []).append(note)
    return threads


def threads_of(catalog: Catalog) -> Threads:
    """The catalog's threads (resolved on first use, then kept with it)."""
    if catalog.threads is None:
        catalog.threads = _resolve(catalog.commentaries)
    return catalog.threads  # type: ignore[no-any-return]


def targets_of(catalog: Catalog, note: CommentaryRecord) -> list[str]:
    """The anchors of the quotes a note and the notes it answers discuss: the
    rows of an index its text is shown in."""
    found = list(catalog.targets.get(note.anchor, ()))
    for parent in threads_of(catalog).ancestors(note):
        found.extend(catalog.targets.get(parent.anchor, ()))
    return found


def digest_item(catalog: Catalog, note: CommentaryRecord) -> object:
    """What a page shows of other commentaries because of this one's thread:
    where the note it answers is and who wrote it (the link in its label),
    whether its reply is unknown or in a circle, the first holder of its name
    (its warning), and its replies (their texts follow it in an index)."""
    threads = threads_of(catalog)
    parent = threads.parent.get(note.anchor)
    first = threads.duplicates.get(note.anchor)
    return (parent and (parent.docname, parent.anchor, parent.author, parent.name),
            note.anchor in threads.unknown, note.anchor in threads.cycles,
            first and (first.docname, first.lineno),
            [(reply.digest, depth) for reply, depth in threads.thread(note)])


def check_reply(catalog: Catalog, note: CommentaryRecord, node: nodes.Element) -> None:
    """Warn about the commentary's ``:name:`` and ``:reply-to:`` (its page is
    being resolved)."""
    threads = threads_of(catalog)
    first = threads.duplicates.get(note.anchor)
    if first is not None:
        warn(Warn.duplicate_name, _("duplicate commentary name %r; the first, at %s:%s, "
             "is used"), note.name, first.docname, first.lineno, location=node)
    if note.anchor in threads.unknown:
        warn(Warn.unknown_reply, _("commentary :reply-to: %r names no commentary; shown as "
             "a note"), note.reply_to, hint=did_you_mean(str(note.reply_to), threads.by_name),
             location=node)
    elif note.anchor in threads.cycles:
        warn(Warn.reply_cycle, _("commentary :reply-to: %r goes round in a circle back to "
             "this commentary; shown as a note"), note.reply_to, location=node)
