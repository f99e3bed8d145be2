"""The phrase a PDF viewer searches for when a quote's page link opens the
source (``url#page=N&search=PHRASE``).

A viewer finds a phrase in the text of the PDF as it is laid out, so a phrase
that runs over a line break is often not found. With the source's text at
hand (``:text:`` or ``:pdf:``), the phrase is the longest line of the page's
text that lies wholly inside the quote (at most :data:`LONGEST` characters
of it); without one, the quote's first words.
"""

from __future__ import annotations

import unicodedata
import urllib.parse

from ..numbering import plain_text

#: The longest phrase given (a viewer's search field takes more, but a short
#: phrase is as good at finding the place and keeps the link readable).
LONGEST = 40
#: A line shorter than this is too common to find the passage by.
SHORTEST = 4
#: Without the source's text: this many words of a spaced text, or characters
#: of one written without spaces (Japanese, Chinese).
FIRST_WORDS = 6
FIRST_CHARS = 16


def _folded(text: str) -> str:
    """Widths and compatibility forms folded, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def first_words(quote: str) -> str:
    """The quote's first words: a search phrase without the source's text."""
    words = quote.split()
    if len(words) >= FIRST_WORDS or (len(words) > 1 and max(map(len, words)) <= 12):
        return " ".join(words[:FIRST_WORDS])
    return " ".join(words)[:FIRST_CHARS].rstrip()


def search_phrase(quote: str, page_text: str | None) -> str:
    """What to search for on the page: a line of ``page_text`` inside the
    quote, as the page has it (whitespace inside kept, ends stripped), or
    the quote's first words. ``""`` for an empty quote."""
    if not quote.strip():
        return ""
    if page_text:
        inside = _folded(quote)
        best = ""
        for line in page_text.splitlines():
            line = " ".join(line.split())
            folded = _folded(line)
            if len(folded) >= SHORTEST and len(line) > len(best) and folded in inside:
                best = line
        if best:
            return best[:LONGEST].rstrip()
    return first_words(quote)


#: Where a sentence ends: the start and the end of a text fragment are whole
#: sentences of the quote when they are short enough.
_SENTENCE_END = "。．.!?！？"
#: A fragment's start or end longer than this is cut to the quote's first
#: (last) words instead.
LONGEST_SENTENCE = 60


def _sentences(text: str) -> list[str]:
    out, current = [], ""
    for char in text:
        current += char
        if char in _SENTENCE_END:
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return [s for s in out if s]


def _last_words(text: str) -> str:
    words = text.split()
    if len(words) >= FIRST_WORDS or (len(words) > 1 and max(map(len, words)) <= 12):
        return " ".join(words[-FIRST_WORDS:])
    return " ".join(words)[-FIRST_CHARS:].lstrip()


def _fragment_part(text: str) -> str:
    """Percent-encoded as a text directive needs: ``-``, ``,`` and ``&`` too."""
    return urllib.parse.quote(text, safe="").replace("-", "%2D")


def text_fragment(quote: str) -> str:
    """The W3C Text Fragment (``:~:text=START,END``) that finds the quote on
    an HTML page: its first and last sentences (or words, for a sentence
    longer than :data:`LONGEST_SENTENCE`), the whole quote when it is one
    short sentence. ``""`` for an empty quote.

    A browser matches the words of a fragment whole and with the page's
    whitespace collapsed, so the ends are cut at sentence ends or between
    words, never inside one; a fragment not found opens the page at its top.
    """
    flat = plain_text(quote)  # as a browser collapses it; Japanese lines joined
    if not flat:
        return ""
    sentences = _sentences(flat)
    first, last = sentences[0], sentences[-1]
    if len(sentences) == 1 and len(flat) <= LONGEST_SENTENCE:
        return f":~:text={_fragment_part(flat)}"
    start = first if len(first) <= LONGEST_SENTENCE else first_words(flat)
    end = last if len(last) <= LONGEST_SENTENCE and len(sentences) > 1 else _last_words(flat)
    return f":~:text={_fragment_part(start)},{_fragment_part(end)}"
