"""How alike two parts are: a score from 0 to 1, and the figures it is built from.

Revisions of a plan rewrite a part as often as they edit it: between two
versions of a real manifesto chapter a part grew from 357 to 2,100
characters and kept both of its old bullet points word for word.  Plain
:meth:`difflib.SequenceMatcher.ratio` (``2·matches / total length``) cannot
exceed 0.3 on such a pair, and on Japanese prose it gives 0.1–0.15 to
*unrelated* parts, because they share particles and punctuation.  So the
score is the larger of

* **containment**: the share of the shorter text's character trigrams (with
  their counts) that the longer text also has.  It stays high when a part grew
  or was cut and stays near 0.1–0.2 for unrelated parts on one subject; its
  denominator is at least :data:`MIN_GRAMS`, so a few shared trigrams cannot
  make a short part look like a long one;
* **ratio**: difflib's ratio on the characters, when containment falls
  short of the threshold; it rewards small edits of short parts
  (``甲は乙に払う`` / ``甲は丙に払う``) that break many trigrams.
  It is only computed for texts of at most :data:`RATIO_MAX_CHARS`
  characters (a longer text edited every ten characters still keeps 70% of
  its trigrams, and the ratio is quadratic), and only when difflib's cheap
  upper bounds say it could raise the score.

Texts are compared width-folded, without whitespace and Markdown markers
(``*``, ``#``, ``>``), so re-indenting or turning full-width digits into ASCII
changes nothing.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..numbering import fold_width

__all__ = ["MIN_GRAMS", "RATIO_MAX_CHARS", "Profile", "normalise", "similarity"]

#: The fewest trigrams containment divides by.
MIN_GRAMS = 20
#: Longest text (normalised characters) whose difflib ratio is computed.
RATIO_MAX_CHARS = 200

_NOISE_RE = re.compile(r"[\s*#>|`_]+")


def normalise(text: str) -> str:
    """``text`` as compared: width-folded, whitespace and Markdown markers removed."""
    return _NOISE_RE.sub("", fold_width(text))


@dataclass(frozen=True)
class Profile:
    """A text prepared for comparison: normalised, its trigram counts made when needed."""

    text: str

    @classmethod
    def of(cls, text: str) -> Profile:
        return cls(normalise(text))

    @functools.cached_property
    def grams(self) -> Counter[str]:
        """Character trigrams of the normalised text, with their counts."""
        norm = self.text
        return Counter(norm[i:i + 3] for i in range(len(norm) - 2))

    @property
    def size(self) -> int:
        """Number of trigrams."""
        return max(len(self.text) - 2, 0)


def containment(a: Profile, b: Profile) -> float:
    """Share of the shorter text's trigrams found in the longer (see the module)."""
    small, large = (a, b) if a.size <= b.size else (b, a)
    if not small.size:
        return 0.0
    shared = sum(min(count, large.grams.get(gram, 0)) for gram, count in small.grams.items())
    return shared / max(small.size, MIN_GRAMS)


def similarity(a: Profile, b: Profile, *, floor: float | None = None) -> float:
    """How alike ``a`` and ``b`` are, 0 to 1 (1 when the normalised texts are equal).

    With ``floor`` None the score is the larger of containment and ratio.
    A ``floor`` says the caller only needs to know whether the score reaches
    it: the ratio is then skipped when the containment already does, or when
    difflib's upper bounds show the ratio cannot.
    """
    if a.text == b.text:
        return 1.0
    score = containment(a, b)
    if (floor is not None and score >= floor) or not a.text or not b.text or max(
            len(a.text), len(b.text)) > RATIO_MAX_CHARS:
        return score
    need = score if floor is None else floor
    matcher = difflib.SequenceMatcher(None, a.text, b.text, autojunk=False)
    if matcher.real_quick_ratio() <= need or matcher.quick_ratio() <= need:
        return score
    return max(score, matcher.ratio())
