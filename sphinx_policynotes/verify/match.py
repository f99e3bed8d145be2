"""Find a quote in its source: exact first, then approximate.

:func:`find_quote` normalises the quote and the source for comparison
(:mod:`.normalise`), then

1. **exact**: ``str.find`` on the normalised source, so a quote matches across
   line and page breaks and over page-number lines; of several occurrences the
   one nearest ``expected_page`` wins, else the first;
2. **elided exact**: a quote that leaves text out with ``…``, ``‥``, ``...``
   or ``（略）`` / ``（中略）`` matches when its pieces occur in order, each
   exactly, within a few pages;
3. **approximate**: the rarest character n-grams of the quote vote for where
   it could start in the source (an n-gram index built once per source), and
   the best few places are aligned: the longest common subsequence (rapidfuzz
   when installed, difflib otherwise) gives a rough span, whose ends are then
   moved to maximise the score.  ``score`` is ``100 · 2·LCS / (len(quote) +
   len(span))`` on normalised text; at or above ``threshold`` (default 85) the
   result is ``close``, below it ``not_found``.

Preparing a source (normalising it, building the n-gram index) is done once
and cached per :class:`~.sourcetext.SourceText`; pass a :class:`SourceIndex`
explicitly to control its lifetime.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from .diff import DiffOp, char_diff, format_diff
from .normalise import NormalisedText, normalise_pages, normalise_text
from .sourcetext import SourceText

__all__ = [
    "DEFAULT_THRESHOLD",
    "Backend",
    "Match",
    "SourceIndex",
    "Status",
    "available_backend",
    "find_quote",
    "prepare",
]

Status = Literal["exact", "close", "not_found"]
Backend = Literal["rapidfuzz", "difflib"]

#: Minimum score (0–100) for a ``close`` match.
DEFAULT_THRESHOLD = 85.0
#: Normalised quotes shorter than this are only ever matched exactly.
MIN_APPROX_LENGTH = 6
#: Occurrences of an exact match considered when choosing by page.
MAX_OCCURRENCES = 64
#: Rarest quote n-grams used as anchors, and the most postings one may have.
MAX_ANCHORS = 24
MAX_POSTINGS = 400
#: Candidate places aligned per quote.
MAX_CANDIDATES = 4
#: Matching blocks beyond which only runs keeping one end are tried.
MAX_TRIM_BLOCKS = 40
#: Candidates whose rough score is this far below the best are not refined.
REFINE_MARGIN = 10.0
#: A best rough score this far below the threshold is not_found without refining.
REFINE_BELOW = 25.0
#: Pages the pieces of an elided quote may spread over.
ELISION_MAX_PAGES = 3

_ELISION_RE = re.compile(r"\.{2,}|\((?:中略|略|後略|前略)\)|〔(?:中略|略)〕")


@dataclass(frozen=True)
class Match:
    """The outcome of verifying one quote.

    ``page`` and ``end_page`` are physical and 1-based (for ``#page=``),
    ``printed_page`` what the source prints on that page (labels or offset,
    see :class:`~.sourcetext.SourceText`); ``offset`` is where the match
    starts in that page's text.  ``source_text`` is the source's own wording
    of the span, whitespace and page breaks (``\\f``) as in the source.  For
    ``not_found`` only ``status`` and ``score`` (the best seen) are set.
    """

    status: Status
    score: float
    page: int | None = None
    end_page: int | None = None
    printed_page: str | None = None
    offset: int | None = None
    source_text: str | None = None
    diff: tuple[DiffOp, ...] = field(default=())

    @property
    def diff_text(self) -> str:
        """The diff as one short line (empty unless ``close``)."""
        return format_diff(self.diff)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict: ``verified``, ``match_score``, pages, wording, diff."""
        return {
            "verified": self.status,
            "match_score": self.score,
            "page": self.page,
            "end_page": self.end_page,
            "printed_page": self.printed_page,
            "source_text": self.source_text,
            "diff": self.diff_text or None,
        }


def available_backend() -> Backend:
    """Return ``"rapidfuzz"`` when it is importable, else ``"difflib"``."""
    return "rapidfuzz" if importlib.util.find_spec("rapidfuzz") is not None else "difflib"


def _ratio_function(backend: Backend, quote: str) -> Callable[[str], float]:
    """Return ``f(candidate) -> 0..100`` similarity of ``quote`` to a candidate."""
    if backend == "rapidfuzz":
        from rapidfuzz import fuzz

        def rapid(candidate: str) -> float:
            return float(fuzz.ratio(quote, candidate))

        return rapid
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)

    def slow(candidate: str) -> float:
        matcher.set_seq1(candidate)
        return matcher.ratio() * 100.0

    return slow


def _matching_blocks(backend: Backend, quote: str, region: str) -> list[tuple[int, int, int]]:
    """Return (quote index, region index, size) blocks of a common subsequence."""
    if backend == "rapidfuzz":
        from rapidfuzz.distance import Indel

        blocks = Indel.opcodes(quote, region).as_matching_blocks()
        return [(b.a, b.b, b.size) for b in blocks if b.size]
    matcher = difflib.SequenceMatcher(None, quote, region, autojunk=False)
    return [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]


def _trim_blocks(blocks: list[tuple[int, int, int]], length: int) -> tuple[float, int, int]:
    """Return (2·M/(len + span), start, end) of the best run of consecutive blocks.

    An alignment against a wide region may match a few stray characters far
    from the real passage; the run of blocks with the best ratio drops them.
    Up to :data:`MAX_TRIM_BLOCKS` blocks every run is tried, beyond that only
    runs that keep one end.
    """
    prefix = [0]
    for _a, _b, size in blocks:
        prefix.append(prefix[-1] + size)
    count = len(blocks)
    best = (-1.0, 0, 0)
    pairs = (
        ((i, j) for i in range(count) for j in range(i, count))
        if count <= MAX_TRIM_BLOCKS
        else [(i, count - 1) for i in range(count)] + [(0, j) for j in range(count)]
    )
    for i, j in pairs:
        start = blocks[i][1]
        end = blocks[j][1] + blocks[j][2]
        score = 2.0 * (prefix[j + 1] - prefix[i]) / (length + end - start)
        if score > best[0]:
            best = (score, start, end)
    return best


class SourceIndex:
    """A source prepared for matching: normalised once, n-gram index on demand."""

    def __init__(self, source: SourceText) -> None:
        """Normalise ``source``; the n-gram indexes are built on first need."""
        self.source = source
        self.norm: NormalisedText = normalise_pages(source.pages)
        self._grams: dict[int, dict[str, array[int]]] = {}

    def grams(self, n: int) -> dict[str, array[int]]:
        """Return (building once) the positions of every n-gram of the source."""
        index = self._grams.get(n)
        if index is None:
            lists: dict[str, list[int]] = {}
            text = self.norm.text
            for pos in range(len(text) - n + 1):
                gram = text[pos : pos + n]
                postings = lists.get(gram)
                if postings is None:
                    lists[gram] = [pos]
                else:
                    postings.append(pos)
            # Arrays hold a position in 4 bytes instead of an int object's 36.
            index = {gram: array("i", postings) for gram, postings in lists.items()}
            self._grams[n] = index
        return index

    def page_of(self, start: int) -> int:
        """Return the physical 1-based page of normalised position ``start``."""
        return self.norm.locate(start)[0] + 1

    def _result(
        self, status: Status, score: float, start: int, end: int, quote: NormalisedText
    ) -> Match:
        """Build a found :class:`Match` for normalised source span [start, end)."""
        page_index, offset = self.norm.locate(start)
        end_page = self.norm.page_index(self.norm.ends[end - 1] - 1) + 1
        return Match(
            status=status,
            score=round(score, 1),
            page=page_index + 1,
            end_page=end_page,
            printed_page=self.source.printed_page(page_index + 1),
            offset=offset,
            source_text=self.norm.original_text(start, end),
            diff=char_diff(quote, self.norm, start, end) if status == "close" else (),
        )

    def _nearest(self, starts: list[int], expected_page: int | None) -> int:
        """Return the start whose page is nearest ``expected_page`` (else the first)."""
        if expected_page is None:
            return starts[0]
        return min(starts, key=lambda s: (abs(self.page_of(s) - expected_page), s))

    def _exact(self, needle: str, expected_page: int | None) -> int | None:
        """Return the start of the chosen exact occurrence of ``needle``, if any."""
        text = self.norm.text
        found: list[int] = []
        pos = text.find(needle)
        if expected_page is None:
            return pos if pos >= 0 else None
        while pos >= 0 and len(found) < MAX_OCCURRENCES:
            found.append(pos)
            pos = text.find(needle, pos + 1)
        return self._nearest(found, expected_page) if found else None

    def _elided(self, pieces: list[str], expected_page: int | None) -> tuple[int, int] | None:
        """Return the span of pieces found exactly, in order, within a few pages."""
        text = self.norm.text
        first = pieces[0]
        spans: list[tuple[int, int]] = []
        pos = text.find(first)
        while pos >= 0 and len(spans) < MAX_OCCURRENCES:
            end = pos + len(first)
            for piece in pieces[1:]:
                nxt = text.find(piece, end)
                if nxt < 0:
                    end = -1
                    break
                end = nxt + len(piece)
            if end < 0:
                break
            if self.page_of(end - 1) - self.page_of(pos) <= ELISION_MAX_PAGES:
                spans.append((pos, end))
            pos = text.find(first, pos + 1)
        if not spans:
            return None
        start = self._nearest([s for s, _e in spans], expected_page)
        return next(span for span in spans if span[0] == start)

    def _candidates(self, quote: str) -> list[int]:
        """Return likely start positions of ``quote`` by n-gram diagonal votes."""
        n = 3 if len(quote) >= 12 else 2
        index = self.grams(n)
        anchors: list[tuple[int, int, str]] = []
        for k in range(len(quote) - n + 1):
            gram = quote[k : k + n]
            postings = index.get(gram)
            if postings:
                anchors.append((len(postings), k, gram))
        if not anchors:
            return []
        anchors.sort()
        usable = [a for a in anchors if a[0] <= MAX_POSTINGS] or anchors[:2]
        bucket = max(8, len(quote) // 4)
        votes: Counter[int] = Counter()
        for _count, k, gram in usable[:MAX_ANCHORS]:
            for pos in index[gram][:MAX_POSTINGS]:
                votes[(pos - k) // bucket] += 1
        # A passage straddling two buckets splits its votes: rank by the pair.
        top = [b for b, _n in votes.most_common(4 * MAX_CANDIDATES)]
        paired = {b: votes[b] + max(votes.get(b - 1, 0), votes.get(b + 1, 0)) for b in top}
        ranked = sorted(paired, key=lambda b: (-paired[b], b))
        floor = max(1, paired[ranked[0]] // 3)
        chosen: list[int] = []
        for b in ranked:
            if paired[b] < floor or len(chosen) == MAX_CANDIDATES:
                break
            if all(abs(b - c) > 1 for c in chosen):
                chosen.append(b)
        # Start a bucket early when its left neighbour holds the rest of the votes.
        return [
            (b - 1) * bucket if votes.get(b - 1, 0) >= votes.get(b + 1, 0) else b * bucket
            for b in chosen
        ]

    def _rough(self, quote: str, diag: int, backend: Backend) -> tuple[float, int, int] | None:
        """Roughly align ``quote`` near source position ``diag``: (score, start, end).

        rapidfuzz's ``partial_ratio_alignment`` finds the best window of the
        quote's length; without it, the best run of difflib's matching blocks.
        """
        text = self.norm.text
        m = len(quote)
        pad = m // 2 + 8
        lo = max(0, diag - pad)
        hi = min(len(text), diag + m + max(8, m // 4) + pad)
        region = text[lo:hi]
        if backend == "rapidfuzz" and len(region) >= m:
            from rapidfuzz import fuzz

            found = fuzz.partial_ratio_alignment(quote, region)
            if found is None or found.dest_end <= found.dest_start:
                return None
            return found.score, lo + found.dest_start, lo + found.dest_end
        blocks = _matching_blocks(backend, quote, region)
        if not blocks:
            return None
        score, start, end = _trim_blocks(blocks, m)
        return score * 100.0, lo + start, lo + end

    def _refine(
        self, quote: str, start: int, end: int, ratio: Callable[[str], float], wide: bool
    ) -> tuple[float, int, int]:
        """Move the span's ends (coordinate ascent) to maximise ``ratio``.

        A span from a fixed-length window (``wide``) may be several characters
        off at either end; one from matching blocks is off by a character or
        two at most, and difflib's ratio is too slow to try many more.
        """
        text = self.norm.text
        best = ratio(text[start:end])
        reach = max(4, min(32, len(quote) // 8)) if wide else 2
        for _round in range(3 if wide else 1):
            moved = False
            for s in range(max(0, start - reach), min(end, start + reach + 1)):
                score = ratio(text[s:end])
                if score > best:
                    best, start, moved = score, s, True
            for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
                score = ratio(text[start:e])
                if score > best:
                    best, end, moved = score, e, True
            if not moved:
                break
        return best, start, end

    def find(
        self,
        quote_text: str,
        expected_page: int | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        backend: Backend | None = None,
    ) -> Match:
        """Verify ``quote_text``; see :func:`find_quote`."""
        quote = normalise_text(quote_text)
        needle = quote.text
        if not needle:
            return Match(status="not_found", score=0.0)
        start = self._exact(needle, expected_page)
        if start is not None:
            return self._result("exact", 100.0, start, start + len(needle), quote)
        pieces = [piece for piece in _ELISION_RE.split(needle) if piece]
        if len(pieces) > 1 or (pieces and pieces[0] != needle):
            span = self._elided(pieces, expected_page)
            if span is not None:
                return self._result("exact", 100.0, span[0], span[1], quote)
        if len(needle) < MIN_APPROX_LENGTH:
            return Match(status="not_found", score=0.0)
        chosen = backend or available_backend()
        rough: list[tuple[float, int, int]] = []
        for diag in self._candidates(needle):
            aligned = self._rough(needle, diag, chosen)
            if aligned is not None:
                rough.append(aligned)
        if not rough:
            return Match(status="not_found", score=0.0)
        best_rough = max(score for score, _s, _e in rough)
        if best_rough < threshold - REFINE_BELOW:
            return Match(status="not_found", score=round(best_rough, 1))
        ratio = _ratio_function(chosen, needle)
        results = [
            self._refine(needle, start, end, ratio, wide=chosen == "rapidfuzz")
            for score, start, end in rough
            if score >= best_rough - REFINE_MARGIN
        ]
        top = max(score for score, _s, _e in results)
        near_top = [r for r in results if r[0] >= top - 0.5]
        start = self._nearest(sorted(s for _score, s, _e in near_top), expected_page)
        score, start, end = next(r for r in near_top if r[1] == start)
        if score < threshold:
            return Match(status="not_found", score=round(score, 1))
        return self._result("close", score, start, end, quote)


@lru_cache(maxsize=8)
def prepare(source: SourceText) -> SourceIndex:
    """Return the (cached) :class:`SourceIndex` of ``source``."""
    return SourceIndex(source)


def find_quote(
    source: SourceText | SourceIndex,
    quote_text: str,
    expected_page: int | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    backend: Backend | None = None,
) -> Match:
    """Verify one quote against its source and say where it stands.

    ``expected_page`` (physical, 1-based: the quote's ``:page:`` converted
    with :meth:`SourceText.physical_page`) only chooses between equally good
    places; compare it with ``Match.page`` to detect a wrong page.
    ``backend`` forces ``"rapidfuzz"`` or ``"difflib"`` (default: rapidfuzz
    when installed).
    """
    index = source if isinstance(source, SourceIndex) else prepare(source)
    return index.find(quote_text, expected_page, threshold=threshold, backend=backend)
