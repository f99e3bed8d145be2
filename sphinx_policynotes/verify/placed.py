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

from ..compare import split_parts
from ..numbering import Scheme
from .coverage import ChapterCoverage, Coverage, KindTotals, PolicyCoverage, PolicyStatus
from .sourcetext import SourceText

__all__ = ["Placed", "placed_coverage"]

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


def placed_coverage(source: SourceText, scheme: Scheme, quoted: Iterable[Placed],
                    commented: Iterable[Placed] = (), *, prefix: str = "方針") -> Coverage:
    """Which parts of ``source`` (read with ``scheme``) are quoted and commented."""
    quoted, commented = list(quoted), list(commented)
    text, starts = _pages(source)
    parts = []
    seen: set[str] = set()
    for part in split_parts(text, scheme, prefix=prefix):
        if part.key is None or part.key in seen or not part.path:
            continue
        seen.add(part.key)
        parts.append(part)
    quoted_paths = {path for _key, path in quoted}
    commented_paths = {path for _key, path in commented}
    quoted_paths |= commented_paths

    def inside(path: tuple[tuple[str, str], ...], paths: set[tuple[tuple[str, str], ...]]
               ) -> bool:
        return any(other[:len(path)] == path for other in paths)

    groups: list[tuple[str, str, int, list[PolicyCoverage]]] = []
    kinds: dict[str, list[int]] = {}
    for part in parts:
        path = tuple((s.level, s.num) for s in part.path)
        status: PolicyStatus = ("commented" if inside(path, commented_paths) else
                                "quoted" if inside(path, quoted_paths) else "untouched")
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
    known = {tuple((s.level, s.num) for s in part.path) for part in parts}
    unmatched = sorted({key for key, path in [*quoted, *commented]
                        if not any(k[:len(path)] == path for k in known)})
    chapters = tuple(
        ChapterCoverage(chapter=None, label=label, title=title, page=page,
                        quoted=any(p.status != "untouched" for p in policies),
                        policies=tuple(policies))
        for label, title, page, policies in groups)
    return Coverage(chapters=chapters,
                    totals=tuple(KindTotals(kind, *counts) for kind, counts in kinds.items()),
                    unmatched=tuple((None, key) for key in unmatched))
