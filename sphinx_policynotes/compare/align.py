"""Align the parts of an old and a new version: which old part became which new one.

Evidence is taken strongest first:

1. **Identical parts.**  Parts whose compared text (title and body,
   normalised as in :mod:`.similarity`) is equal are paired: same key first,
   then in document order (parts without a key, such as the preamble, never
   share one).  This is what finds a renumbered or moved part: a
   new 第十八条 pushes the old 第十八条 to 第十九条 with its text unchanged.
2. **Candidates.**  The remaining parts are scored: each pair with the same
   key, and for each part the few parts of the other version that share the
   most of its rarest trigrams (an inverted index; trigrams found in many
   parts say nothing and are skipped).  A part whose same-key pair scores at
   least :data:`CONFIDENT` is not looked up further.  Pairs scoring below the
   threshold are dropped: they will be 削除 + 追加, not a doubtful 変更.
3. **Choice.**  Candidates are taken best first, a same-key pair counting
   :data:`KEY_BONUS` more (a number is evidence too), ties going to pairs
   nearer in relative position; a part is used once.

Finally an aligned pair is *moved* when it is out of order with the other
pairs: the pairs on the longest run in the same order in both versions are
in place, the rest moved (of two parts swapped, one of them is moved: which
is a matter of convention, not of fact).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .parts import Part
from .similarity import Profile, similarity

__all__ = ["CONFIDENT", "DEFAULT_THRESHOLD", "KEY_BONUS", "Pair", "align", "same_key"]

#: Least similarity of an aligned pair that is not identical (see :mod:`.similarity`).
DEFAULT_THRESHOLD = 0.35
#: A same-key pair at least this similar is not looked up further.
CONFIDENT = 0.8
#: What sharing a key adds to a pair's similarity when choosing.
KEY_BONUS = 0.1
#: Parts of the other version scored per part in the look-up.
LOOKUP = 5
#: A trigram in more parts than this is skipped by the look-up.
MAX_POSTINGS = 64
#: The rarest trigrams of a part that vote in the look-up.
ANCHORS = 48


@dataclass(frozen=True)
class Pair:
    """Two aligned parts (indices into the old and new part lists)."""

    old: int
    new: int
    similarity: float
    moved: bool = False


def same_key(old: Part, new: Part) -> bool:
    """Whether two parts have the same key; parts without a key never do."""
    return old.key is not None and old.key == new.key


def _identical(old: Sequence[Part], new: Sequence[Part], old_p: Sequence[Profile],
               new_p: Sequence[Profile]) -> dict[int, int]:
    """old index -> new index for parts with equal compared text."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, profile in enumerate(new_p):
        by_text[profile.text].append(j)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for by_key in (True, False):
        for i, profile in enumerate(old_p):
            if i in pairs:
                continue
            for j in by_text.get(profile.text, ()):
                if j not in used and (not by_key or same_key(old[i], new[j])):
                    pairs[i] = j
                    used.add(j)
                    break
    return pairs


class _Index:
    """Trigram -> parts holding it, for the parts still to be aligned on one side."""

    def __init__(self, profiles: Sequence[Profile], members: Sequence[int]) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for j in members:
            for gram, count in profiles[j].grams.items():
                self.postings[gram].append((j, count))

    def lookup(self, profile: Profile) -> list[int]:
        """The :data:`LOOKUP` members sharing the most of ``profile``'s rarest trigrams."""
        found = [posting for gram in profile.grams
                 if (posting := self.postings.get(gram)) is not None
                 and len(posting) <= MAX_POSTINGS]
        found.sort(key=len)
        votes: Counter[int] = Counter()
        for posting in found[:ANCHORS]:
            for j, _count in posting:
                votes[j] += 1
        return [j for j, _ in votes.most_common(LOOKUP)]


def _in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs on a longest run increasing in both indices (patience sorting)."""
    ordered = sorted(pairs)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(ordered)
    for at, (_old, new) in enumerate(ordered):
        place = bisect.bisect_left(tails, new)
        if place == len(tails):
            tails.append(new)
            tail_at.append(at)
        else:
            tails[place] = new
            tail_at[place] = at
        back[at] = tail_at[place - 1] if place else -1
    keep: set[tuple[int, int]] = set()
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        keep.add(ordered[at])
        at = back[at]
    return keep


def align(old: Sequence[Part], new: Sequence[Part], *,
          threshold: float = DEFAULT_THRESHOLD) -> list[Pair]:
    """The aligned pairs of ``old`` and ``new`` parts, in old order (see the module)."""
    old_p = [Profile.of(part.content) for part in old]
    new_p = [Profile.of(part.content) for part in new]
    fixed = _identical(old, new, old_p, new_p)
    scores = dict.fromkeys(fixed.items(), 1.0)
    taken_new = set(fixed.values())
    rest_old = [i for i in range(len(old)) if i not in fixed]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    candidates: dict[tuple[int, int], float] = {}
    new_by_key = {new[j].key: j for j in reversed(rest_new) if new[j].key is not None}
    sure_old: set[int] = set()
    sure_new: set[int] = set()
    for i in rest_old:
        j = new_by_key.get(old[i].key, -1) if old[i].key is not None else -1
        if j >= 0:
            score = similarity(old_p[i], new_p[j], floor=threshold)
            candidates[i, j] = score
            if score >= CONFIDENT:
                sure_old.add(i)
                sure_new.add(j)
    old_index, new_index = _Index(old_p, rest_old), _Index(new_p, rest_new)
    for i in rest_old:
        if i not in sure_old:
            for j in new_index.lookup(old_p[i]):
                if (i, j) not in candidates:
                    candidates[i, j] = similarity(old_p[i], new_p[j], floor=threshold)
    for j in rest_new:
        if j not in sure_new:
            for i in old_index.lookup(new_p[j]):
                if (i, j) not in candidates:
                    candidates[i, j] = similarity(old_p[i], new_p[j], floor=threshold)

    def rank(item: tuple[tuple[int, int], float]) -> tuple[float, float]:
        (i, j), score = item
        bonus = KEY_BONUS if same_key(old[i], new[j]) else 0.0
        return (-(score + bonus), abs(i / len(old) - j / len(new)))

    used_old, used_new = set(fixed), set(taken_new)
    for (i, j), score in sorted(candidates.items(), key=rank):
        if score < threshold or i in used_old or j in used_new:
            continue
        scores[i, j] = score
        used_old.add(i)
        used_new.add(j)
    in_place = _in_order(list(scores))
    return [Pair(i, j, score, moved=(i, j) not in in_place)
            for (i, j), score in sorted(scores.items())]
