"""Numeral systems of legal and administrative numbering, read and written.

Every conversion between a written number and its value lives here, so the
chapter parser, the policy reader and every numbering scheme agree on what
``第二十二``, ``Ⅲ``, ``⑫``, ``イ`` or ``다`` means.  A *kind* names a system:

``arabic``   ``12``, ``4a`` (digits, optionally followed by lower-case letters)
``kanji``    ``十二``, ``千二百三十四``, ``一百零一``, ``二万`` (and Arabic digits)
``roman``    ``XII``, ``xii``, ``Ⅻ`` (canonical numerals only: ``IIII`` is not read)
``latin``    ``a``, ``B``, ``aa`` (kept as lower-case letters, ordered a < … < z < aa)
``kana``     ``アイウ…`` (``aiueo`` order) or ``イロハ…`` (``iroha`` order), hiragana too
``circled``  ``①`` to ``㊿``
``hangul``   ``가나다…하`` then ``거너더…허`` (the order of Korean statutes)
``dotted``   ``3.2.1`` (Arabic numbers joined by dots)
``none``     no number at all (``附則``)

:func:`read_number` turns written text (already width-folded: ASCII digits and
letters) into the canonical ``num`` of a locator segment: Arabic digits for
every counting system, lower-case letters for Latin ones.  :func:`write_number`
gives the written forms of a canonical ``num``; :func:`is_canonical` tells
whether a string is such a ``num``.  Pure and stdlib only.
"""

from __future__ import annotations

import re

__all__ = [
    "HANGUL",
    "KANA_ORDERS",
    "KINDS",
    "int_to_kanji",
    "int_to_roman",
    "is_canonical",
    "kanji_to_int",
    "letters_to_int",
    "read_number",
    "roman_to_int",
    "write_number",
]

#: The numeral kinds :func:`read_number` knows.
KINDS = ("arabic", "kanji", "roman", "latin", "kana", "circled", "hangul", "dotted", "none")

_KANJI_DIGITS = {ch: n for n, ch in enumerate("一二三四五六七八九", start=1)}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_ZEROS = "〇零"

_ROMAN_CHARS = {chr(0x2160 + i): s for i, s in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
     "L", "C", "D", "M"])}
_ROMAN_CHARS.update({chr(0x2170 + i): s.lower() for i, s in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
     "L", "C", "D", "M"])})
_ROMAN_VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

#: Katakana sequences of the two orders; position + 1 is the value.
KANA_ORDERS = {
    "aiueo": ("アイウエオカキクケコサシスセソタチツテトナニヌネノ"
              "ハヒフヘホマミムメモヤユヨラリルレロワヲン"),
    "iroha": ("イロハニホヘトチリヌルヲワカヨタレソツネナラム"
              "ウヰノオクヤマケフコエテアサキユメミシヱヒモセス"),
}
_HIRAGANA_OFFSET = 0x60  # ア (U+30A2) - あ (U+3042)
_CIRCLED = ("".join(chr(c) for c in range(0x2460, 0x2474))      # ①-⑳
            + "".join(chr(c) for c in range(0x3251, 0x3260))    # ㉑-㉟
            + "".join(chr(c) for c in range(0x32B1, 0x32C0)))   # ㊱-㊿
HANGUL = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"

_INT_RE = re.compile(r"[0-9]+")
_ARABIC_RE = re.compile(r"([0-9]+)([A-Za-z]*)")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
_DOTTED_RE = re.compile(r"[0-9]+(?:\s*\.\s*[0-9]+)*")
_CANONICAL_INT = re.compile(r"0|[1-9][0-9]*")
_CANONICAL_ARABIC = re.compile(r"(?:0|[1-9][0-9]*)[a-z]*")
_CANONICAL_LETTERS = re.compile(r"[a-z]+")
_CANONICAL_DOTTED = re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*")


# -- kanji -----------------------------------------------------------------------


def _kanji_below_10000(value: str) -> int | None:
    """Read ``千二百三十四``-style kanji below 10000; 零/〇 only between units."""
    total, digit, last_unit, zero = 0, 0, 10000, False
    for ch in value:
        if ch in _KANJI_DIGITS:
            if digit:
                return None
            digit, zero = _KANJI_DIGITS[ch], False
        elif ch in _KANJI_UNITS:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit or zero:
                return None
            total, digit, last_unit = total + (digit or 1) * unit, 0, unit
        elif ch in _KANJI_ZEROS:
            if digit or zero or not total:
                return None
            zero = True
        else:
            return None
    if zero:
        return None
    return total + digit


def kanji_to_int(value: str) -> int | None:
    """Convert a kanji numeral (``千二百三十四``, ``一百零一``, ``二万五千``) to an int.

    Multipliers must appear in descending order and a digit needs a
    multiplier between it and the next digit, so malformed numerals such as
    ``十十`` or ``一二`` are rejected; ``〇``/``零`` is read on its own (0) or
    as the filler of a skipped place (``一百零一`` = 101).  Arabic digits are
    accepted too.  Values up to 9999万9999.
    """
    if _INT_RE.fullmatch(value):
        return int(value)
    if value in ("〇", "零"):
        return 0
    if not value:
        return None
    high, man, low = value.partition("万")
    if not man:
        return _kanji_below_10000(value)
    upper = _kanji_below_10000(high) if high else None
    if not upper:
        return None
    if low.startswith(tuple(_KANJI_ZEROS)):
        low = low[1:]
        if not low:
            return None
    lower = _kanji_below_10000(low) if low else 0
    return None if lower is None else upper * 10000 + lower


def int_to_kanji(value: int) -> str:
    """Write ``value`` (0 to 99999999) the Japanese way: ``十``, ``百一``, ``二万``."""
    if value == 0:
        return "〇"
    if value >= 10000:
        return int_to_kanji(value // 10000) + "万" + (
            int_to_kanji(value % 10000) if value % 10000 else "")
    digits = "〇一二三四五六七八九"
    out = []
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        count, value = divmod(value, unit)
        if count:
            out.append(("" if count == 1 else digits[count]) + mark)
    if value:
        out.append(digits[value])
    return "".join(out)


# -- roman and letters -------------------------------------------------------------


def int_to_roman(value: int) -> str:
    """Write a positive int as an upper-case Roman numeral (``XIV``)."""
    out = []
    for amount, letters in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def roman_to_int(value: str) -> int | None:
    """Read a canonical Roman numeral (either case, ``Ⅰ``-``Ⅻ`` characters too)."""
    text = "".join(_ROMAN_CHARS.get(ch, ch) for ch in value).upper()
    if not text or any(ch not in _ROMAN_DIGITS for ch in text):
        return None
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        amount = _ROMAN_DIGITS[here]
        total += -amount if after and _ROMAN_DIGITS[after] > amount else amount
    return total if total > 0 and int_to_roman(total) == text else None


def letters_to_int(value: str) -> int:
    """Value of lower-case letters in bijective base 26 (a=1, z=26, aa=27)."""
    total = 0
    for ch in value:
        total = total * 26 + ord(ch) - ord("a") + 1
    return total


# -- reading -----------------------------------------------------------------------


def _read_single(text: str, alphabet: str) -> str | None:
    """The 1-based position of a single character in ``alphabet``."""
    if len(text) != 1 or text not in alphabet:
        return None
    return str(alphabet.index(text) + 1)


def _read_kana(text: str, order: str) -> str | None:
    if len(text) == 1 and "ぁ" <= text <= "ゖ":
        text = chr(ord(text) + _HIRAGANA_OFFSET)
    return _read_single(text, KANA_ORDERS.get(order, ""))


def _read_int(text: str, convert: str) -> str | None:
    number = kanji_to_int(text) if convert == "kanji" else roman_to_int(text)
    return None if number is None else str(number)


def read_number(kind: str, text: str, *, kana: str = "aiueo") -> str | None:
    """The canonical ``num`` of ``text`` written in numerals of ``kind``, or None.

    ``text`` is expected width-folded (full-width digits and letters already
    ASCII); surrounding whitespace is ignored.
    """
    text = text.strip()
    if kind == "none":
        return "" if not text else None
    if kind == "arabic":
        match = _ARABIC_RE.fullmatch(text)
        return None if match is None else str(int(match[1])) + match[2].lower()
    if kind in ("kanji", "roman"):
        return _read_int(text, kind)
    if kind == "latin":
        return text.lower() if _LETTERS_RE.fullmatch(text) else None
    if kind == "kana":
        return _read_kana(text, kana)
    if kind == "circled":
        return _read_single(text, _CIRCLED)
    if kind == "hangul":
        return _read_single(text, HANGUL)
    if kind == "dotted" and _DOTTED_RE.fullmatch(text):
        return ".".join(str(int(part)) for part in text.split("."))
    return None


def is_canonical(kind: str, num: str, *, kana: str = "aiueo") -> bool:
    """Whether ``num`` is a canonical segment number of ``kind`` (as in a key)."""
    if kind == "none":
        return num == ""
    if kind == "arabic":
        return _CANONICAL_ARABIC.fullmatch(num) is not None
    if kind == "kanji":
        return _CANONICAL_INT.fullmatch(num) is not None
    if kind == "latin":
        return _CANONICAL_LETTERS.fullmatch(num) is not None
    if kind == "dotted":
        return _CANONICAL_DOTTED.fullmatch(num) is not None
    if kind in KINDS and _CANONICAL_INT.fullmatch(num) and num != "0":
        return bool(write_number(kind, num, kana=kana))
    return False


def write_number(kind: str, num: str, *, kana: str = "aiueo") -> list[str]:
    """The written forms of a canonical ``num`` in ``kind`` numerals (preferred first).

    Empty when the kind cannot write the number (``㊿`` is the last circled
    number, ``ス`` the last of iroha).
    """
    if kind in ("none", "arabic", "dotted"):
        return [num]
    if kind == "latin":
        return [num, num.upper()]
    if not _CANONICAL_INT.fullmatch(num):
        return []
    value = int(num)
    if kind == "kanji":
        return [int_to_kanji(value), num] if value < 10**8 else [num]
    if value < 1:
        return []
    if kind == "roman":
        roman = int_to_roman(value)
        chars = [chr(0x2160 + value - 1)] if value <= 12 else []
        return [roman, roman.lower(), *chars]
    alphabet = {"kana": KANA_ORDERS.get(kana, ""), "circled": _CIRCLED,
                "hangul": HANGUL}.get(kind, "")
    return [alphabet[value - 1]] if value <= len(alphabet) else []
