"""Normalisation helpers for chapter, policy, page, date, URL and text values.

Source documents are typed by hand in Japanese, so the same value arrives in
full-width digits, kanji numerals, assorted dash characters or with stray line
breaks.  These pure functions (stdlib only, no Sphinx or docutils) turn such
input into canonical values, sort keys and HTML-safe anchors.  Kanji numerals
are read by :mod:`.numerals`, the one home of numeral conversion.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import unicodedata

from .numerals import kanji_to_int

__all__ = [
    "DASHES",
    "NaturalKey",
    "ascii_slug",
    "is_wide",
    "join_cjk_lines",
    "make_anchor",
    "natural_key",
    "normalise_policy",
    "parse_chapter",
    "parse_date",
    "parse_page",
    "plain_text",
    "safe_url",
]

#: One run of a natural sort key: (0, number, digits) or (1, 0, text).
KeyPart = tuple[int, int, str]
#: Sort key returned by :func:`natural_key`; None is (0, ()), a string (1, ...).
NaturalKey = tuple[int, tuple[KeyPart, ...]]

_WS_RE = re.compile(r"\s+")
_ASCII_WS = " \t\n\r\f\v"
_ASCII_WS_RE = re.compile(r"[ \t\n\r\f\v]+")

_CHAPTER_RE = re.compile(r"第(.+)章|chapter([0-9]+)|([0-9]+)", re.IGNORECASE)

_BRACKET_RE = re.compile(r"【([^【】]*)】")
#: Every character read as a hyphen in policy numbers (and in locators).
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{DASHES}]")
_LONG_VOWEL_RE = re.compile("(?<=[0-9])[\u30fc\uff70](?=[0-9])")
_POLICY_NUMBER_RE = re.compile(r"[0-9]+(?:-[0-9]+)*")

_PAGE_RE = re.compile(r"p\.?([0-9]+)|([0-9]+)(?:頁|ページ)?", re.IGNORECASE)
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DIGITS_RE = re.compile(r"[0-9]+")
_SLUG_JUNK_RE = re.compile(r"[^A-Za-z0-9]+")
_LOSSLESS_PART_RE = re.compile(r"[a-z0-9]+")
_BREAK_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def _remove_whitespace(value: str) -> str:
    """Drop every Unicode whitespace character (U+3000 included)."""
    return _WS_RE.sub("", value)


def parse_chapter(value: str) -> int | None:
    """Return the positive chapter number in ``4``, ``第四章`` or ``Chapter 4``."""
    match = _CHAPTER_RE.fullmatch(
        _remove_whitespace(unicodedata.normalize("NFKC", value))
    )
    if match is None:
        return None
    kanji_or_digits, chapter_digits, bare_digits = match.groups()
    number: int | None
    if kanji_or_digits is not None:
        if _DIGITS_RE.fullmatch(kanji_or_digits):
            number = int(kanji_or_digits)
        else:
            number = kanji_to_int(kanji_or_digits)
    else:
        number = int(chapter_digits if chapter_digits is not None else bare_digits)
    return number if number is not None and number > 0 else None


def normalise_policy(value: str, prefix: str = "方針") -> str | None:
    """Return the canonical policy key (``方針1-1``) or None when empty.

    A pasted heading ``【方針１－１】タイトル`` is reduced to its first
    bracketed label; bare numbers such as ``1-1`` get ``prefix`` in front.
    """
    text = unicodedata.normalize("NFKC", value)
    bracket = _BRACKET_RE.search(text)
    if bracket is not None and text[bracket.end() :].strip():
        text = bracket.group(1)
    text = _remove_whitespace(_DASH_RE.sub("-", text))
    text = _LONG_VOWEL_RE.sub("-", text)
    text = text.replace("【", "").replace("】", "")
    if not text:
        return None
    if _POLICY_NUMBER_RE.fullmatch(text):
        return prefix + text
    return text


@functools.lru_cache(maxsize=16384)
def natural_key(value: str | None) -> NaturalKey:
    """Return a total, deterministic sort key comparing digit runs as numbers.

    None sorts first; runs are tagged so ints never meet strs, and the digit
    text breaks ties (``01`` vs ``1``) so distinct strings never compare equal.
    """
    if value is None:
        return (0, ())
    parts: list[KeyPart] = []
    pos = 0
    for match in _DIGITS_RE.finditer(value):
        if match.start() > pos:
            parts.append((1, 0, value[pos : match.start()]))
        parts.append((0, int(match.group()), match.group()))
        pos = match.end()
    if pos < len(value):
        parts.append((1, 0, value[pos:]))
    return (1, tuple(parts))


def parse_page(value: str) -> int | None:
    """Return the positive page number in ``5``, ``５``, ``p.5`` or ``5頁``."""
    match = _PAGE_RE.fullmatch(_remove_whitespace(unicodedata.normalize("NFKC", value)))
    if match is None:
        return None
    number = int(match.group(1) or match.group(2))
    return number if number > 0 else None


def parse_date(value: str) -> str | None:
    """Return a valid ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string, else None."""
    match = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part is not None)


def safe_url(value: str) -> str | None:
    """Return ``value`` without whitespace/control chars if it is http(s), else None.

    Removing invisible characters before the scheme check defeats tricks such
    as ``java\\tscript:``; character references are deliberately not decoded,
    so ``java&#x09;script:`` simply has a non-http scheme.
    """
    cleaned = "".join(
        ch
        for ch in value
        if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )
    scheme, colon, rest = cleaned.partition(":")
    if (
        not colon
        or scheme.lower() not in ("http", "https")
        or not rest.startswith("//")
    ):
        return None
    authority = re.split(r"[/?#\\]", rest[2:], maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    if not host.startswith("["):
        host = host.partition(":")[0]
    return cleaned if host else None


def is_wide(char: str) -> bool:
    """Return True for a single East Asian Wide or Fullwidth character."""
    return len(char) == 1 and unicodedata.east_asian_width(char) in ("W", "F")


def join_cjk_lines(text: str) -> str:
    """Remove line breaks (and ASCII spaces/tabs around them) between wide chars.

    Japanese has no inter-word spaces, so a hard wrap inside a sentence must
    vanish instead of becoming a space.  U+3000 is never removed.
    """

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if (
            start > 0
            and end < len(text)
            and is_wide(text[start - 1])
            and is_wide(text[end])
        ):
            return ""
        return match.group()

    return _BREAK_RE.sub(replace, text)


def plain_text(text: str) -> str:
    """Join CJK lines, then collapse and strip ASCII whitespace (not U+3000)."""
    return _ASCII_WS_RE.sub(" ", join_cjk_lines(text)).strip(_ASCII_WS)


def ascii_slug(value: str) -> str:
    """Return a lowercase ``[a-z0-9-]`` slug; other runs become one hyphen."""
    return _SLUG_JUNK_RE.sub("-", value).strip("-").lower()


@functools.lru_cache(maxsize=4096)
def _anchor_part(part: str) -> tuple[str, bool]:
    """A part's slug, and whether the part is its own slug (``[a-z0-9]+``)."""
    return ascii_slug(part), _LOSSLESS_PART_RE.fullmatch(part) is not None


@functools.lru_cache(maxsize=65536)
def make_anchor(prefix: str, *parts: str) -> str:
    """Return a deterministic HTML id ``prefix-part-part[-hash8]``.

    A part that is not purely ``[a-z0-9]+`` cannot be recovered from its slug
    (hyphens included: ``a-b`` vs ``a``, ``b``), so a short SHA-1 of all parts
    is appended to keep distinct inputs apart.
    """
    known = [_anchor_part(part) for part in parts]
    anchor = "-".join([prefix, *(slug for slug, _ in known if slug)])
    if not all(lossless for _, lossless in known):
        digest = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:8]
        anchor += "-" + digest
    return anchor
