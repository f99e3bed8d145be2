"""The rows of one source in a ``policy-index``, grouped as the document is.

A source numbered by a scheme other than ``ja-plan`` gets, above its rows, a
heading for each part that holds several quoted parts (``４．`` › ``（１）`` ›
``①``, ``②``: a heading ``４． （１）`` above the rows ``①`` and ``②``). A
commentary that discusses several rows of one such part is shown once, beside
that part's heading (or the part's own row when the part itself is quoted),
not repeated in each row.

``ja-plan`` sources (chapter and policy) keep one row per policy with the
chapter in it, as before locators, and every commentary in each row it
discusses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..numbering import DEFAULT_SCHEME, make_anchor

if TYPE_CHECKING:
    from ..collect.catalog import Catalog, Group, Row
    from ..model import CommentaryRecord

#: A place as compared: the (level, number) of each segment, outermost first.
Place = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Heading:
    """A part holding several quoted parts: its label as written, an id, and
    the commentaries on several of its rows."""

    label: str
    anchor: str
    depth: int
    notes: tuple[CommentaryRecord, ...]


@dataclass(frozen=True)
class Line:
    """One row of the index, with the commentaries shown in it."""

    row: Row
    notes: tuple[CommentaryRecord, ...]
    #: Whether some commentary on it is shown at a heading above it instead.
    grouped: bool = False


def row_notes(catalog: Catalog, row: Row) -> list[CommentaryRecord]:
    """The commentaries on a row's quotes, each once, in the quotes' order."""
    seen: dict[str, CommentaryRecord] = {}
    for quote in row.quotes:
        for note in catalog.notes_on.get(quote.anchor, []):
            seen.setdefault(note.anchor, note)
    return list(seen.values())


def _places(catalog: Catalog, rows: tuple[Row, ...]) -> list[tuple[Place, list[str]] | None]:
    """Each row's place and the labels of its segments (None: no locator read)."""
    out: list[tuple[Place, list[str]] | None] = []
    for row in rows:
        quote = row.quotes[0] if row.quotes else None
        locator = catalog.locators.get(quote.anchor) if quote is not None else None
        if locator is None or not locator.ok or quote is None or quote.policy != locator.key:
            out.append(None)
            continue
        out.append((tuple((s.level, s.num) for s in locator.path),
                    [s.label for s in locator.path]))
    return out


def _common(places: list[Place]) -> Place:
    first = places[0]
    size = min(len(p) for p in places)
    n = 0
    while n < size and all(p[n] == first[n] for p in places):
        n += 1
    return first[:n]


def plan(catalog: Catalog, group: Group, base: str) -> list[Heading | Line]:
    """The lines of one source's table: headings and rows, in order.

    ``base`` makes the headings' ids unique on the page (the index's own).
    """
    rows = group.rows
    notes = [row_notes(catalog, row) for row in rows]
    if group.source is None or catalog.scheme_of(group.source).name == DEFAULT_SCHEME:
        return [Line(row, tuple(found)) for row, found in zip(rows, notes, strict=True)]
    places = _places(catalog, rows)
    children: dict[Place, set[tuple[str, str]]] = {}
    labels: dict[Place, str] = {}
    own_row: dict[Place, int] = {}
    for i, found in enumerate(places):
        if found is None:
            continue
        place, written = found
        own_row.setdefault(place, i)
        for k in range(1, len(place)):
            children.setdefault(place[:k], set()).add(place[k])
            labels.setdefault(place[:k], " ".join(w for w in written[:k] if w))
    headed = {p for p, below in children.items() if len(below) > 1 and p not in own_row}

    # A commentary on several rows goes to the innermost part holding them all.
    moved: dict[str, Place] = {}
    rows_of: dict[str, list[int]] = {}
    by_anchor: dict[str, CommentaryRecord] = {}
    for i, on_row in enumerate(notes):
        for note in on_row:
            rows_of.setdefault(note.anchor, []).append(i)
            by_anchor[note.anchor] = note
    for anchor, where in rows_of.items():
        held = [places[i] for i in where]
        if len(where) < 2 or any(place is None for place in held):
            continue
        common = _common([place[0] for place in held if place is not None])
        if common and (common in headed or common in own_row):
            moved[anchor] = common
    extra: dict[Place, list[CommentaryRecord]] = {}
    for anchor, place in moved.items():
        extra.setdefault(place, []).append(by_anchor[anchor])

    lines: list[Heading | Line] = []
    shown: set[Place] = set()
    for i, row in enumerate(rows):
        found = places[i]
        place = found[0] if found is not None else ()
        for k in range(1, len(place)):
            head = place[:k]
            if head in headed and head not in shown:
                shown.add(head)
                anchor = make_anchor("pg", base, "|".join(f"{lv}_{n}" for lv, n in head))
                lines.append(Heading(labels[head], anchor, k - 1, tuple(extra.get(head, ()))))
        kept = [n for n in notes[i] if n.anchor not in moved]
        if found is not None and own_row.get(place) == i:
            kept += [n for n in extra.get(place, ()) if n not in kept]
        lines.append(Line(row, tuple(kept), grouped=len(kept) < len(notes[i])
                          or any(n.anchor in moved for n in notes[i])))
    return lines
