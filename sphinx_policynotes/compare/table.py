"""The 新旧対照表 itself: one row per part, what happened to it, and its changed runs.

:func:`compare_texts` splits two versions into parts (:mod:`.parts`), aligns
them (:mod:`.align`) and classifies each row:

=================  ======================  ===========  ==============================
``change``         ``text_changed``        remark       when
=================  ======================  ===========  ==============================
``added``          False                   追加         a new part aligned with none
``deleted``        False                   削除         an old part aligned with none
``changed``        True                    変更         same key, other text
``renumbered``     False                   番号変更     other key, same text
``renumbered``     True                    番号変更・変更  other key, other text
``unchanged``      False                   変更なし     same key, same text
=================  ======================  ===========  ==============================

"Same text" is the title and body compared normalised (width, whitespace and
Markdown markers do not count).  Rows follow the new version's order, a
deleted part coming right after the row of the old part it followed (so
before a part added in its place).

The result is plain frozen data (picklable, so a build can keep it per pair
of text digests) and :meth:`Comparison.to_json` is the export's row shape.
Remarks are message ids (:data:`REMARKS`) with their Japanese and English
labels, for the writer to translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, TypedDict

from ..numbering import Scheme, builtin_schemes
from ..numbering.reading import DEFAULT_PREFIX
from .align import DEFAULT_THRESHOLD, align
from .parts import Part, split_parts
from .runs import Budget, Run, diff_runs
from .similarity import normalise

__all__ = [
    "REMARKS",
    "Basis",
    "Change",
    "Comparison",
    "ComparisonJSON",
    "Passage",
    "Remark",
    "RemarkId",
    "Row",
    "RowJSON",
    "SideJSON",
    "compare_parts",
    "compare_passages",
    "compare_texts",
]

Change = Literal["added", "deleted", "changed", "renumbered", "unchanged"]
RemarkId = Literal["added", "deleted", "changed", "renumbered", "renumbered_changed",
                   "unchanged"]
#: What was compared: whole texts, or only the passages quoted from them.
Basis = Literal["text", "passages"]
#: A quoted passage: (key or None, label as written, text).
Passage = tuple[str | None, str, str]


@dataclass(frozen=True)
class Remark:
    """The 区分 of a row: its message id and its labels."""

    id: RemarkId
    en: str
    ja: str


#: Every remark, by id, in the order of a legend.
REMARKS: Mapping[RemarkId, Remark] = MappingProxyType({
    "added": Remark("added", "added", "追加"),
    "deleted": Remark("deleted", "deleted", "削除"),
    "changed": Remark("changed", "changed", "変更"),
    "renumbered": Remark("renumbered", "renumbered", "番号変更"),
    "renumbered_changed": Remark("renumbered_changed", "renumbered and changed",
                                 "番号変更・変更"),
    "unchanged": Remark("unchanged", "unchanged", "変更なし"),
})


class SideJSON(TypedDict):
    """One side of an exported row."""

    key: str | None
    label: str


class RowJSON(TypedDict):
    """An exported row (the caller adds the sources' ids around the rows)."""

    change: Change
    text_changed: bool
    new: SideJSON | None
    old: SideJSON | None
    similarity: float | None


class ComparisonJSON(TypedDict):
    rows: list[RowJSON]


def _side(part: Part | None) -> SideJSON | None:
    return None if part is None else {"key": part.key, "label": part.label}


@dataclass(frozen=True)
class Row:
    """One row of the table: an old part, a new part, or an aligned pair.

    ``similarity`` is None on added and deleted rows, 1.0 for parts with the
    same compared text.  ``moved`` marks a pair out of order with the others
    (see :mod:`.align`).  ``title_runs`` and ``text_runs`` cover the whole
    title and body: all ``equal`` when unchanged, all ``insert`` on an added
    row, all ``delete`` on a deleted one.
    """

    change: Change
    old: Part | None
    new: Part | None
    similarity: float | None
    text_changed: bool = False
    title_changed: bool = False
    moved: bool = False
    title_runs: tuple[Run, ...] = ()
    text_runs: tuple[Run, ...] = ()

    @property
    def remark(self) -> Remark:
        """The 区分: 追加, 削除, 変更, 番号変更, 番号変更・変更 or 変更なし."""
        if self.change == "renumbered" and self.text_changed:
            return REMARKS["renumbered_changed"]
        return REMARKS[self.change]

    def to_json(self) -> RowJSON:
        return {"change": self.change, "text_changed": self.text_changed,
                "new": _side(self.new), "old": _side(self.old),
                "similarity": None if self.similarity is None else round(self.similarity, 4)}


@dataclass(frozen=True)
class Comparison:
    """A whole 新旧対照表: its rows and how they were found."""

    rows: tuple[Row, ...]
    threshold: float
    basis: Basis = "text"

    def to_json(self) -> ComparisonJSON:
        """``{"rows": [...]}`` in the export's shape."""
        return {"rows": [row.to_json() for row in self.rows]}

    def counts(self) -> dict[RemarkId, int]:
        """Rows per remark, every remark present (for a caption or a summary)."""
        counts: dict[RemarkId, int] = dict.fromkeys(REMARKS, 0)
        for row in self.rows:
            counts[row.remark.id] += 1
        return counts

    def by_new_key(self) -> dict[str, Row]:
        """Rows by their new part's key (rows with a new part that has one)."""
        return {row.new.key: row for row in self.rows
                if row.new is not None and row.new.key is not None}

    def by_old_key(self) -> dict[str, Row]:
        """Rows by their old part's key, to carry notes on the old version over."""
        return {row.old.key: row for row in self.rows
                if row.old is not None and row.old.key is not None}


def _whole(op: Literal["equal", "insert", "delete"], text: str) -> tuple[Run, ...]:
    return (Run(op, text),) if text else ()


def _pair_row(old: Part, new: Part, score: float, moved: bool, budget: Budget) -> Row:
    text_changed = normalise(old.content) != normalise(new.content)
    title_changed = normalise(old.title) != normalise(new.title)
    body_changed = normalise(old.text) != normalise(new.text)
    renumbered = old.key != new.key
    change: Change = "renumbered" if renumbered else "changed" if text_changed else "unchanged"
    return Row(change, old, new, score, text_changed=text_changed,
               title_changed=title_changed, moved=moved,
               title_runs=diff_runs(old.title, new.title, budget=budget) if title_changed
               else _whole("equal", new.title),
               text_runs=diff_runs(old.text, new.text, budget=budget) if body_changed
               else _whole("equal", new.text))


def compare_parts(old: Sequence[Part], new: Sequence[Part], *,
                  threshold: float = DEFAULT_THRESHOLD, basis: Basis = "text") -> Comparison:
    """The table of two part lists, however they were found (see the module)."""
    pairs = align(old, new, threshold=threshold)
    new_of = {pair.old: pair for pair in pairs}
    old_of = {pair.new: pair for pair in pairs}
    placed: list[tuple[tuple[int, int, int], Row]] = []
    budget = Budget()
    for j, part in enumerate(new):
        pair = old_of.get(j)
        row = (Row("added", None, part, None, title_runs=_whole("insert", part.title),
                   text_runs=_whole("insert", part.text)) if pair is None else
               _pair_row(old[pair.old], part, pair.similarity, pair.moved, budget))
        placed.append(((j, 0, 0), row))
    after = -1
    for i, part in enumerate(old):
        if i in new_of:
            after = new_of[i].new
            continue
        placed.append(((after, 1, i), Row("deleted", part, None, None,
                                          title_runs=_whole("delete", part.title),
                                          text_runs=_whole("delete", part.text))))
    placed.sort(key=lambda item: item[0])
    return Comparison(tuple(row for _, row in placed), threshold, basis)


def _scheme(scheme: Scheme | str) -> Scheme:
    return builtin_schemes()[scheme] if isinstance(scheme, str) else scheme


def compare_texts(old_text: str, new_text: str, old_scheme: Scheme | str,
                  new_scheme: Scheme | str, *, threshold: float = DEFAULT_THRESHOLD,
                  prefix: str = DEFAULT_PREFIX, numbered_lines: bool = True) -> Comparison:
    """The 新旧対照表 of two versions of a text.

    Each text is split with its own scheme (a built-in scheme may be named);
    ``threshold`` is the least similarity of a pair shown as changed rather
    than deleted and added; ``prefix`` and ``numbered_lines`` are passed to
    :func:`~.parts.split_parts`.  A pure function of its arguments.
    """
    old_parts = split_parts(old_text, _scheme(old_scheme), prefix=prefix,
                            numbered_lines=numbered_lines)
    new_parts = split_parts(new_text, _scheme(new_scheme), prefix=prefix,
                            numbered_lines=numbered_lines)
    return compare_parts(old_parts, new_parts, threshold=threshold)


def compare_passages(old: Iterable[Passage], new: Iterable[Passage], *,
                     threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """The table of two versions' quoted passages, when their full texts are not known.

    Each passage is ``(key, label, text)``: its place's key (None if it has
    none), the place as written and the quoted text.  The result's ``basis``
    is ``"passages"``, so a caption can say only quoted passages were compared.
    """
    def parts(items: Iterable[Passage]) -> list[Part]:
        return [Part(key, label, "", text, index=index)
                for index, (key, label, text) in enumerate(items)]

    return compare_parts(parts(old), parts(new), threshold=threshold, basis="passages")
