"""Coverage of a source numbered by a scheme other than ``ja-plan``.

The source's parts are found in its text by its numbering scheme
(:func:`..compare.split_parts`: Markdown headings and numbered lines), each
with its locator path. A part is *quoted* when a quote sits at it or inside
it (a quote at ``４． （１） ①`` quotes ``４．``, ``４． （１）`` and ``①``),
*commented* when one of those quotes has a commentary, else *untouched*.

The result has the shape of :func:`.coverage.coverage`'s, so the index and
the export show it the same way: one "chapter" entry per outermost part
(``chapter`` is ``null``: its label says which), whose ``policies`` are that
part and every part inside it, in document order, ``policy`` their key
(``num_4__paren_1``), ``kind`` the level of their last segment (``paren``),
``label`` the path as written (``４． › （１）``). Totals count each level
apart. A quote whose place is not in the text is ``unmatched``
(``{"chapter": null, "policy": KEY}``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..compare import Part, split_parts
from ..numbering import Scheme
from .coverage import ChapterCoverage, Coverage, KindTotals, PolicyCoverage, PolicyStatus
from .sourcetext import SourceText

__all__ = ["Placed", "placed_coverage", "source_parts"]

#: A quote's place: its key and its path as (level, number) pairs.
Placed = tuple[str, tuple[tuple[str, str], ...]]


def _pages(source: SourceText) -> tuple[str, list[int]]:
    """The whole text, and the first line (1-based) of each page."""
    starts, line = [], 1
    for page in source.pages:
        starts.append(line)
        line += page.count("\n") + 1
    return "\n".join(source.pages), starts


def _page(starts: Sequence[int], line: int) -> int:
    page = 1
    for number, first in enumerate(starts, 1):
        if first <= line:
            page = number
    return page


def source_parts(source: SourceText, scheme: Scheme, *, prefix: str = "方針"
                 ) -> tuple[Part, ...]:
    """The parts of a source's text (its pages joined), as coverage reads them."""
    return split_parts(_pages(source)[0], scheme, prefix=prefix)


def _prefixes(paths: Iterable[tuple[tuple[str, str], ...]]
              ) -> set[tuple[tuple[str, str], ...]]:
    """Every path and every path above it, down to the empty one (``4 › (1)``
    gives ``4 › (1)``, ``4`` and ``()``)."""
    return {path[:end] for path in paths for end in range(len(path) + 1)}


def placed_coverage(source: SourceText, scheme: Scheme, quoted: Iterable[Placed],
                    commented: Iterable[Placed] = (), *, prefix: str = "方針",
                    parts: Sequence[Part] | None = None) -> Coverage:
    """Which parts of ``source`` (read with ``scheme``) are quoted and commented.

    ``parts`` are the text's :func:`source_parts` when already known (a
    caller may keep them between builds: reading them is the costly step).
    """
    quoted, commented = list(quoted), list(commented)
    _text, starts = _pages(source)
    found = []
    seen: set[str] = set()
    for part in (parts if parts is not None else source_parts(source, scheme, prefix=prefix)):
        if part.key is None or part.key in seen or not part.path:
            continue
        seen.add(part.key)
        found.append(part)
    # A part is quoted when a quote sits at it or inside it: at a path that
    # begins with the part's.
    commented_at = _prefixes(path for _key, path in commented)
    quoted_at = _prefixes(path for _key, path in quoted) | commented_at

    groups: list[tuple[str, str, int, list[PolicyCoverage]]] = []
    kinds: dict[str, list[int]] = {}
    for part in found:
        path = tuple((s.level, s.num) for s in part.path)
        status: PolicyStatus = ("commented" if path in commented_at else
                                "quoted" if path in quoted_at else "untouched")
        page = _page(starts, part.line)
        kind = part.path[-1].level
        entry = PolicyCoverage(part.key or "", kind, None, part.path_label, part.title, page,
                               status)
        if len(part.path) == 1 or not groups:
            groups.append((part.path_label, part.title, page, []))
        groups[-1][3].append(entry)
        count = kinds.setdefault(kind, [0, 0, 0])
        count[0] += 1
        count[1] += status != "untouched"
        count[2] += status == "commented"
    known = _prefixes(tuple((s.level, s.num) for s in part.path) for part in found)
    unmatched = sorted({key for key, path in [*quoted, *commented] if path not in known})
    chapters = tuple(
        ChapterCoverage(chapter=None, label=label, title=title, page=page,
                        quoted=any(p.status != "untouched" for p in policies),
                        policies=tuple(policies))
        for label, title, page, policies in groups)
    return Coverage(chapters=chapters,
                    totals=tuple(KindTotals(kind, *counts) for kind, counts in kinds.items()),
                    unmatched=tuple((None, key) for key in unmatched))
