"""Write a walked post: schemes into cards, places into quotes, names into notes.

Runs once every post of an import is walked, so each source's scheme
(:func:`~.structure.choose_scheme` over all its quotes, in every post) is
known. Reports which scheme each source got, and each numbered part the
scheme cannot write (the quote is filed under the part above it).
"""

from __future__ import annotations

from .citing import SourceCard
from .options import ImportResult, NoteSummary
from .placing import NoteRecord, QuoteRecord, directive, render_note, render_quote
from .reports import Reporter
from .sources import Sources
from .structure import PLAN, choose_scheme

__all__ = ["choose_schemes", "finish"]


def choose_schemes(sources: Sources) -> None:
    """Give every source the scheme that reads most of its quotes' numbering."""
    for source in sources.by_id.values():
        if source.paths:
            source.scheme = choose_scheme(source.paths)[0]


def finish(out: list[object], reporter: Reporter, sources: Sources, used: list[str],
           quotes: list[QuoteRecord], notes: list[NoteRecord]) -> ImportResult:
    """The page and the reports of a walked post (what the converter left)."""
    parts: list[str] = []
    declared: list[str] = []
    dropped: set[int] = set()
    located = 0
    for entry in out:
        if isinstance(entry, SourceCard):
            source = entry.source
            options = list(entry.options)
            if source.scheme != PLAN:
                options.append(("scheme", source.scheme))
                read, total = choose_scheme(source.paths)[1:]
                reporter.note(entry.line, "source %r: numbering read with scheme %r (%d of "
                              "%d numbered parts of its quotes written in :at:)", source.id,
                              source.scheme, read, total)
            declared.append(source.id)
            parts.append(directive("source-ref", source.id, options, entry.description))
        elif isinstance(entry, QuoteRecord):
            scheme = sources.by_id[entry.source].scheme if entry.source else PLAN
            parts.append(render_quote(entry, scheme))
            if entry.at or entry.chapter or entry.policy or "\n:chapter:" in parts[-1] or (
                    "\n:policy:" in parts[-1]):
                located += 1
            for token in entry.dropped:
                if token.line not in dropped:
                    dropped.add(token.line)
                    reporter.note(token.line, "numbered part %r cannot be written in scheme "
                                  "%r of source %r after the parts above it; its quotes are "
                                  "filed under those", token.label, scheme, entry.source)
        elif isinstance(entry, NoteRecord):
            parts.append(render_note(entry))
        elif isinstance(entry, str) and entry:
            parts.append(entry)
    summaries = [NoteSummary(note.line, tuple(q.line for q in (note.on or note.group)))
                 for note in notes]
    return ImportResult(
        "\n\n".join(parts) + "\n", reporter.sorted(), list(used), len(quotes), len(notes),
        located, declared, {sid: sources.by_id[sid].scheme for sid in used}, summaries)
