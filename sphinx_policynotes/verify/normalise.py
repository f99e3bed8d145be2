"""Comparison normalisation of quotes and source text, with a map back.

A quote typed or pasted into a commentary and the text extracted from the
source PDF differ in ways that are not misquotes: full-width vs ASCII digits,
one dash for another, line breaks and spaces that the PDF's layout put inside
a sentence, page footers in the middle of a passage, Kangxi radicals that look
exactly like ideographs.  :func:`normalise_pages` removes all of that, **for
comparison only**: every normalised character remembers the span of original
text it came from, so a match reports its page and the source's own wording.

The rules, applied identically to quotes and sources:

1. A line that is only a page number is dropped: ``5``, ``５``, ``- 5 -``,
   ``－５－``, ``p. 5``, ``5 / 30``, ``ii`` (checked after the folding below).
2. Each character goes through :func:`~sphinx_policynotes.cleaning.unify_char`
   (Kangxi radicals and compatibility ideographs to unified ideographs), then
   NFKC (full-width letters and digits to ASCII, half-width kana to full-width,
   ``①`` to ``1``); a combining mark left over (half-width ``ｶﾞ``) is
   composed with the character before it.
3. Every dash variant is ``-``: the set of
   :func:`~sphinx_policynotes.numbering.normalise_policy` (U+2010–U+2015,
   U+2212, U+FE58, U+FE63, U+FF0D) plus U+2043, U+2E3A, U+2E3B; the long-vowel
   marks U+30FC / U+FF70 count as ``-`` only between two digits (``１ー１``).
   A ``-`` between two Latin letters is dropped, so a word hyphenated at a line
   end (``infor-`` / ``mation``) equals the unbroken word.
4. Look-alikes that Japanese encodings confuse are folded: the wave dash
   ``〜`` is ``~`` (as NFKC makes ``～``), ``∥`` is ``‖``, ``·`` and ``‧`` are
   ``・``; curly quotes are straight quotes.
5. All whitespace (U+3000 and line breaks included), control and format
   characters (soft hyphen, zero-width space, BOM) are removed.

Case is kept: ``IT`` and ``it`` differ.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..cleaning import unify_char

__all__ = [
    "DASHES",
    "NormalisedText",
    "fold",
    "is_page_number_line",
    "normalise_pages",
    "normalise_text",
]

#: Characters that compare equal to ``-`` (after NFKC).
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d")

_EXTRA_FOLDS = {
    "\u301c": "~",  # WAVE DASH, the Shift_JIS twin of U+FF5E
    "\u2225": "\u2016",  # PARALLEL TO vs DOUBLE VERTICAL LINE
    "\u00b7": "\u30fb",
    "\u2027": "\u30fb",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    **dict.fromkeys(DASHES, "-"),
}

_ROMAN = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER_RE = re.compile(
    rf"[-~]?(?:(?:p|P|page|Page)\.?)?(?:[0-9]{{1,4}}|{_ROMAN})"
    rf"(?:(?:/|of)[0-9]{{1,4}})?[-~]?"
)
_LONG_VOWEL_RE = re.compile("(?<=[0-9])\u30fc(?=[0-9])")
_LATIN_HYPHEN_RE = re.compile("(?<=[A-Za-z])-(?=[A-Za-z])")
#: Longest stripped line that is even tested for being a page number.
_PAGE_LINE_MAX = 16

# char -> (folded text, whether it holds a combining mark); grows as text is seen.
_FOLD_CACHE: dict[str, tuple[str, bool]] = {}


def _fold_char(char: str) -> tuple[str, bool]:
    """Return rules 2–5 applied to one character, and whether a mark is left."""
    cached = _FOLD_CACHE.get(char)
    if cached is not None:
        return cached
    out = []
    for piece in unicodedata.normalize("NFKC", unify_char(char)):
        if piece.isspace() or unicodedata.category(piece) in ("Cc", "Cf"):
            continue
        out.append(_EXTRA_FOLDS.get(piece, piece))
    folded = "".join(out)
    result = (folded, any(unicodedata.combining(c) for c in folded))
    _FOLD_CACHE[char] = result
    return result


def is_page_number_line(line: str) -> bool:
    """Return True if ``line`` holds nothing but a page number (rule 1)."""
    stripped = line.strip()
    if not stripped or len(stripped) > _PAGE_LINE_MAX:
        return False
    folded = "".join(_fold_char(char)[0] for char in stripped)
    return _PAGE_NUMBER_RE.fullmatch(folded) is not None


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """Normalised text plus, per character, the original span it came from.

    ``original`` is the pages joined by ``\\f``; normalised character ``i``
    came from ``original[starts[i]:ends[i]]``; ``page_starts[p]`` is where
    page ``p`` (0-based) begins in ``original``.
    """

    text: str
    starts: array[int]
    ends: array[int]
    original: str
    page_starts: tuple[int, ...]

    def __len__(self) -> int:
        """Number of normalised characters."""
        return len(self.text)

    def page_index(self, offset: int) -> int:
        """Return the 0-based page holding global original ``offset``."""
        return bisect_right(self.page_starts, offset) - 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original [start, end) behind normalised [start, end)."""
        if start >= end:
            anchor = self.starts[start] if start < len(self.starts) else len(self.original)
            return anchor, anchor
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """Return the original wording behind normalised [start, end)."""
        first, last = self.original_span(start, end)
        return self.original[first:last]

    def locate(self, start: int) -> tuple[int, int]:
        """Return (0-based page, offset in that page's text) of normalised ``start``."""
        offset = self.starts[start]
        page = self.page_index(offset)
        return page, offset - self.page_starts[page]


def normalise_pages(pages: Sequence[str]) -> NormalisedText:
    """Normalise ``pages`` as one text (matches may cross page breaks)."""
    original = "\f".join(pages)
    page_starts: list[int] = []
    chars: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    base = 0
    for page in pages:
        page_starts.append(base)
        pos = base
        for line in page.splitlines(keepends=True):
            if is_page_number_line(line):
                pos += len(line)
                continue
            for char in line:
                folded, combining = _fold_char(char)
                if folded:
                    if combining:
                        _append_combining(chars, starts, ends, folded, pos)
                    else:
                        for piece in folded:
                            chars.append(piece)
                            starts.append(pos)
                            ends.append(pos + 1)
                pos += 1
        base += len(page) + 1
    text = "".join(chars)
    if "\u30fc" in text:
        text = _LONG_VOWEL_RE.sub("-", text)
    if "-" in text:
        drop = [m.start() for m in _LATIN_HYPHEN_RE.finditer(text)]
        if drop:
            text, starts, ends = _drop(text, starts, ends, drop)
    return NormalisedText(text, starts, ends, original, tuple(page_starts))


def _append_combining(
    chars: list[str], starts: array[int], ends: array[int], folded: str, pos: int
) -> None:
    """Append ``folded``, composing each combining mark with its predecessor."""
    for piece in folded:
        if chars and unicodedata.combining(piece):
            composed = unicodedata.normalize("NFC", chars[-1] + piece)
            if len(composed) == 1:
                chars[-1] = composed
                ends[-1] = pos + 1
                continue
        chars.append(piece)
        starts.append(pos)
        ends.append(pos + 1)


def _drop(
    text: str, starts: array[int], ends: array[int], drop: list[int]
) -> tuple[str, array[int], array[int]]:
    """Remove the characters at sorted indices ``drop`` from text and maps."""
    gone = set(drop)
    keep = [i for i in range(len(text)) if i not in gone]
    return (
        "".join(text[i] for i in keep),
        array("q", (starts[i] for i in keep)),
        array("q", (ends[i] for i in keep)),
    )


def normalise_text(text: str) -> NormalisedText:
    """Normalise a single text (a quote) with its map back to ``text``."""
    return normalise_pages([text])


def fold(text: str) -> str:
    """Return only the normalised string of ``text`` (no map)."""
    return normalise_pages([text]).text
