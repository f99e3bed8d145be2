"""Locators: where a passage sits in its source, as a path of numbered segments.

A :class:`Locator` is the result of reading a written locator (``第三条の二第一項``,
``Article 5(1)(a)``) with a :class:`~.schemes.Scheme`: the path of
:class:`Segment` objects from the outermost part to the innermost, the
*key* that names the place whatever the spelling, and the label as written.

* Key: the segments' ``level_num`` joined by ``__`` (Akoma Ntoso eId style),
  ``art_3-2__para_1__item_2``.  A level without a number is its bare name
  (``suppl``); a ``policy`` level is its policy key (``方針1-1``), so the key of
  a plan's policy stays the key the project has always used.
* Order (:attr:`Locator.sort_key`): segment by segment, first the scheme's rank
  of the level (the order of kinds: recitals before articles before annexes,
  main provisions before 附則), then the number (digit runs numerically, so
  2 < 10; a branch or letter after its base, 3 < 3-2 < 3-10 < 4 and
  4 < 4a < 5); a path sorts right after its ancestors.  Unreadable locators
  sort last.
* A locator that could not be read has no key and an :class:`LocatorError`
  naming the part that could not be read; it is exported as
  ``{"key": null, "label": ..., "path": []}``.

Pure, stdlib only; reading lives in :mod:`.reading`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from .schemes import Scheme
from .values import make_anchor

__all__ = [
    "Locator",
    "LocatorError",
    "LocatorJSON",
    "Segment",
    "SegmentJSON",
    "bad_locator",
    "first_descendant",
    "is_ancestor",
    "locator_anchor",
    "make_locator",
    "num_sort_key",
    "path_key",
]

#: One run of a number's sort key: (0, value, digits), (1, length, letters), (2, 0, other).
NumPart = tuple[int, int, str]
#: Sort key of a segment: (rank of its level, runs of its number).
SegmentSortKey = tuple[int, tuple[NumPart, ...]]
#: Sort key of a locator: (0 read / 1 unreadable, segments, label).
LocatorSortKey = tuple[int, tuple[SegmentSortKey, ...], str]

_RUN_RE = re.compile(r"[0-9]+|[a-z]+|[^0-9a-z]+")


class SegmentJSON(TypedDict):
    """A segment as exported."""

    level: str
    num: str
    label: str


class LocatorJSON(TypedDict):
    """A locator as exported in ``"at"``."""

    key: str | None
    label: str
    path: list[SegmentJSON]


@dataclass(frozen=True)
class Segment:
    """One step of a path: ``level`` name, canonical ``num`` and ``label`` as written.

    Two segments are the same place whatever their spelling, so ``label`` is
    left out of comparisons.
    """

    level: str
    num: str
    label: str = field(default="", compare=False)

    def to_json(self) -> SegmentJSON:
        return {"level": self.level, "num": self.num, "label": self.label}


@dataclass(frozen=True)
class LocatorError:
    """Why a written locator could not be read: the scheme, the part, the reason."""

    scheme: str
    part: str
    #: A message template (``%s`` for each of ``args``), so a build can
    #: translate it (the templates are in the message catalog).
    reason: str
    args: tuple[str, ...] = ()

    @property
    def because(self) -> str:
        """The reason with its values filled in (English)."""
        return self.reason % self.args if self.args else self.reason

    def __str__(self) -> str:
        return f'numbering scheme {self.scheme!r} cannot read "{self.part}": {self.because}'


@dataclass(frozen=True)
class Locator:
    """A read (``key`` set) or unreadable (``error`` set) locator."""

    key: str | None
    label: str
    path: tuple[Segment, ...] = ()
    error: LocatorError | None = None
    #: The scheme's rank of each segment's level (see :meth:`Scheme.rank`).
    ranks: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """Whether the locator was read."""
        return self.key is not None

    def to_json(self) -> LocatorJSON:
        """The export form: ``{"key", "label", "path": [{"level", "num", "label"}]}``."""
        if self.key is None:
            return {"key": None, "label": self.label, "path": []}
        return {"key": self.key, "label": self.label,
                "path": [segment.to_json() for segment in self.path]}

    @property
    def sort_key(self) -> LocatorSortKey:
        """Natural order within a source (see the module docstring)."""
        if self.key is None:
            return (1, (), self.label)
        ranks = self.ranks or (0,) * len(self.path)
        return (0, tuple((rank, num_sort_key(segment.num))
                         for rank, segment in zip(ranks, self.path, strict=True)), "")


@functools.lru_cache(maxsize=16384)
def num_sort_key(num: str) -> tuple[NumPart, ...]:
    """Sort key of a segment number: digits as numbers, letters by length then text.

    ``3 < 3-2 < 3-10 < 4``, ``4 < 4a < 5``, ``z < aa``, ``3.2 < 3.2.1 < 3.10``;
    distinct numbers never compare equal.
    """
    parts: list[NumPart] = []
    for run in _RUN_RE.findall(num):
        if run.isascii() and run.isdigit():
            parts.append((0, int(run), run))
        elif run.isascii() and run.isalpha():
            parts.append((1, len(run), run))
        else:
            parts.append((2, 0, run))
    return tuple(parts)


def _segment_key(scheme: Scheme, segment: Segment) -> str:
    entries = scheme.entries(segment.level)
    if entries and entries[0].numerals == "policy":
        return segment.num
    return f"{segment.level}_{segment.num}" if segment.num else segment.level


def path_key(scheme: Scheme, path: Sequence[Segment]) -> str:
    """The key of ``path``: ``level_num`` segments joined by ``__``."""
    return "__".join(_segment_key(scheme, segment) for segment in path)


def make_locator(scheme: Scheme, path: Sequence[Segment], label: str) -> Locator:
    """A read locator of ``scheme`` for ``path`` (written as ``label``)."""
    return Locator(key=path_key(scheme, path), label=label.strip(), path=tuple(path),
                   ranks=tuple(scheme.rank(segment.level) for segment in path))


def bad_locator(scheme: Scheme | str, label: str, part: str, reason: str,
                *args: str) -> Locator:
    """An unreadable locator: no key, no path, and the part that could not be read
    (``reason`` a message template with ``%s`` for each of ``args``)."""
    name = scheme if isinstance(scheme, str) else scheme.name
    return Locator(key=None, label=label.strip(),
                   error=LocatorError(scheme=name, part=part.strip(), reason=reason,
                                      args=args))


def _segment_within(ancestor: Segment, segment: Segment) -> bool:
    """Same place, or (dotted numbers) ``3.2`` is within ``3.2.1``."""
    return ancestor.level == segment.level and (
        ancestor.num == segment.num or segment.num.startswith(ancestor.num + "."))


def is_ancestor(ancestor: Locator, descendant: Locator) -> bool:
    """Whether ``ancestor`` strictly contains ``descendant`` (``Article 5`` ⊃ ``5(1)(a)``).

    The ancestor's path must be a prefix of the descendant's; its last
    segment may also be a dotted prefix (``sec_3.2`` ⊃ ``sec_3.2.1``).  Branches
    are siblings, not children: ``art_3`` does not contain ``art_3-2``.
    """
    if not ancestor.ok or not descendant.ok or ancestor.key == descendant.key:
        return False
    above, below = ancestor.path, descendant.path
    if not above or len(above) > len(below):
        return False
    if any(a != b for a, b in zip(above[:-1], below, strict=False)):
        return False
    return _segment_within(above[-1], below[len(above) - 1])


def first_descendant(ancestor: Locator, candidates: Iterable[Locator]) -> Locator | None:
    """The first (in natural order) of ``candidates`` that ``ancestor`` contains."""
    inside = [candidate for candidate in candidates if is_ancestor(ancestor, candidate)]
    return min(inside, key=lambda locator: locator.sort_key) if inside else None


def locator_anchor(source: str, key: str, prefix: str = "pl") -> str:
    """A deterministic ASCII HTML id for the passage ``key`` of source ``source``.

    Keys may hold non-ASCII (``方針1-1``) and underscores; :func:`~.values.make_anchor`
    keeps the readable ASCII part and adds a short hash so distinct
    (source, key) pairs never share an anchor.
    """
    return make_anchor(prefix, source, key)
