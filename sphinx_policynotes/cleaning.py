"""Clean Japanese text pasted from PDFs (pure functions, stdlib only).

Text copied out of a government PDF carries the PDF's layout: hard line breaks
and stray spaces inside Japanese words (``明確にな ってい`` / ``る。``) and
compatibility characters that look like ideographs but are not (``⽅``, a Kangxi
radical, for ``方``). :func:`clean_text` undoes exactly that and nothing else:

* ASCII spaces, tabs and line breaks between two CJK characters are removed.
  "CJK" means East Asian Width W or F (:func:`~sphinx_policynotes.numbering.is_wide`):
  ideographs, kana, CJK punctuation, full-width forms.
* The ideographic space U+3000 is never removed (it is not ASCII whitespace).
* Between two Latin (non-wide) characters a run of ASCII whitespace, line breaks
  included, becomes one space.
* Between Japanese and Latin text a space is kept only where the source had
  one: a run of spaces on the same line becomes one space, no space is ever
  inserted, and a line break there becomes one space (breaks next to Latin text
  stay spaces, as everywhere in sphinx-policynotes).
* Characters of the CJK Compatibility Ideographs (and Supplement), Kangxi
  Radicals and CJK Radicals Supplement blocks are mapped to their unified
  ideograph, by NFKC applied to that single character. NFKC is never applied to
  the text as a whole, so ``①``, ``ＢＰＲ`` or half-width kana stay as written.
* A space that ends a numbering token or a bracketed word is kept (one space):
  after ``第１条``, ``第１``, ``２``, ``１．``, ``Ⅲ．``, ``①`` at the start of a line
  or after an opening bracket (``第１条 利用者…``, ``「２ 二次利用…」``), and
  after a closing round or lenticular bracket (``（イ） 次世代``,
  ``（中略） 積極的に``, ``【方針１】 推進``). Such a space separates a number
  from its text; it is not a PDF artefact. A line break there still goes.
* Private-use characters that a PDF's symbol font leaves (U+F0D8 for an
  arrowhead bullet) are mapped by :func:`map_private_use` to what they stand
  for, where :data:`PRIVATE_USE` knows them; others are kept (the importer
  warns about them).
* A blank line (two or more line breaks) is a paragraph break and is kept, and
  whitespace at the very start or end of the text is left alone: the character
  on its other side is not known here.

The function is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
"""

from __future__ import annotations

import re
import unicodedata

from .numbering import is_wide

__all__ = [
    "PRIVATE_USE",
    "UNIFIED_BLOCKS",
    "clean_text",
    "map_private_use",
    "private_use_chars",
    "unify_char",
    "unify_text",
]

#: Code point ranges (inclusive) whose characters are mapped to unified ideographs.
UNIFIED_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
)

_SPACE_RUN_RE = re.compile(r"[ \t\r\n]+")
_N = "0-9０-９〇一二三四五六七八九十百千"
#: What ends right before a space that separates a number from its text.
_NUMBER_BEFORE_RE = re.compile(
    rf"(?:(?:^|(?<=[\n「『（(【［〔\u3000]))(?:第[{_N}]+[条章節款項号編目]?(?:の[{_N}]+)*"
    rf"|[0-9０-９]+(?: ?[.．] ?[0-9０-９]+)*[.．]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+[.．]?|[①-⑳㉑-㉟㊱-㊿]"
    rf"|[ア-ン][.．])|[）)】］〕])$")
_UNITS = "年月日度時分秒歳人件回円号条章項％"
#: Private-use characters of PDF symbol fonts (Wingdings, Symbol) and what they stand for.
PRIVATE_USE: dict[str, str] = {
    "\uf0d8": "•",  # Wingdings arrowhead bullet
    "\uf0b7": "•",  # Symbol bullet
    "\uf06c": "●",  # Wingdings filled circle
    "\uf06e": "■",  # Wingdings filled square
    "\uf0a7": "▪",  # Wingdings small square
    "\uf075": "◆",  # Wingdings diamond
    "\uf0fc": "✓",  # Wingdings check mark
    "\uf0e8": "➔",  # Wingdings arrow
}
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")
_BREAK_RE = re.compile(r"\r\n|\r|\n")
_FIRST = min(start for start, _end in UNIFIED_BLOCKS)


def unify_char(char: str) -> str:
    """Return the unified ideograph for a compatibility or radical character.

    Any other character (or a block member without a single-character NFKC
    form, such as most of the CJK Radicals Supplement) is returned unchanged.
    """
    code = ord(char) if len(char) == 1 else -1
    if code < _FIRST or not any(start <= code <= end for start, end in UNIFIED_BLOCKS):
        return char
    mapped = unicodedata.normalize("NFKC", char)
    return mapped if len(mapped) == 1 else char


#: Any character of the blocks that :func:`unify_char` maps.
_UNIFY_RE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in UNIFIED_BLOCKS) + "]")


def unify_text(text: str) -> str:
    """Apply :func:`unify_char` to every character; nothing else changes.

    Only the characters of those blocks are visited (a regex finds them), so
    Japanese text, whose kanji lie above the first block, costs one scan.
    """
    return _UNIFY_RE.sub(lambda match: unify_char(match.group()), text)


def map_private_use(text: str) -> str:
    """Replace the private-use characters :data:`PRIVATE_USE` knows; keep others."""
    return _PRIVATE_RE.sub(lambda match: PRIVATE_USE.get(match.group(), match.group()), text)


def private_use_chars(text: str) -> list[str]:
    """The private-use characters of ``text`` that :data:`PRIVATE_USE` does not know."""
    return [char for char in _PRIVATE_RE.findall(text) if char not in PRIVATE_USE]


def clean_text(text: str) -> str:
    """Return ``text`` with PDF line breaks, stray spaces and radicals cleaned.

    See the module docstring for the rules; in short::

        >>> clean_text("明確にな ってい\\nる。")
        '明確になっている。'
        >>> clean_text("IT を介した\\nWeb\\nサイト")
        'IT を介した Web サイト'
        >>> clean_text("⽅針①")
        '方針①'
    """
    text = map_private_use(unify_text(text))

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        run = match.group()
        if start == 0 or end == len(text) or len(_BREAK_RE.findall(run)) >= 2:
            return run
        if is_wide(text[start - 1]) and is_wide(text[end]):
            if ("\n" not in run and text[end] not in _UNITS
                    and _NUMBER_BEFORE_RE.search(text, max(0, start - 12), start)):
                return " "
            return ""
        return " "

    return _SPACE_RUN_RE.sub(replace, text)
