"""The built-in numbering schemes, as data in the user's ``policynotes_schemes`` format.

Nothing here is special to the code: each scheme is a list of level dicts that
:func:`~.schemes.validate_schemes` checks and compiles exactly like a user's
(see :mod:`.schemes` for the keys).  Patterns are matched against the
*width-folded* text (full-width ASCII such as ``１``, ``（``, ``．``, ``ａ`` and
the ideographic space are read as their ASCII forms; ``Ⅲ``, ``①`` and kana are
kept), so they are written with ASCII punctuation.

``ja-plan``     the default: a plan's chapter (``第４章``) and policy (``【方針１－１】``)
``ja-outline``  公用文 item numbers 第１ › Ⅰ › １ › （１） › １） › ① › ア › （ア） › ａ › （ａ）,
                recognised by marker type, so levels may be skipped
``dotted``      ``3.2.1``: one ``sec`` segment whose number is the dotted path, with
                the items under it: ``3.2 (1) 1) ①``
``ja-law``      編章節款目条項号, イロハ under 号, の-branches, 附則 after the main provisions
``eu``          recitals, chapters, articles with paragraphs and points, annexes
``us``          titles, divisions and sections with subsections to subclauses
``kr``          편장절관조항호목 with 의-branches and circled paragraphs, 부칙 last
``zh``          编章节条款项目 with kanji numbers (一百零一) and 之-branches
"""

from __future__ import annotations

from .numerals import HANGUL, KANA_ORDERS

__all__ = ["BUILTIN_SCHEMES"]

#: A number in kanji or Arabic digits.
_K = "[0-9〇零一二三四五六七八九十百千万]+"
_KANA = KANA_ORDERS["aiueo"]
_IROHA = KANA_ORDERS["iroha"]
_ROMAN_CHARS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_CIRCLED = "①-⑳㉑-㉟㊱-㊿"
_HANGUL = HANGUL

Raw = list[dict[str, object]]


def _kanji_level(name: str, unit: str, *, branch: str | None = "の") -> dict[str, object]:
    """A ``第N<unit>`` level of Japanese or Chinese law, with optional branches."""
    level: dict[str, object] = {"name": name, "pattern": f"第({_K}){unit}",
                                "numerals": "kanji", "format": f"第{{}}{unit}"}
    if branch is not None:
        level.update(branch=f"{branch}({_K})", branch_format=f"{branch}{{}}")
    return level


def _korean_level(name: str, unit: str, *, branch: bool = False) -> dict[str, object]:
    """A ``제N<unit>`` level of Korean law, with optional ``의`` branches."""
    level: dict[str, object] = {"name": name, "pattern": rf"제\s*([0-9]+)\s*{unit}",
                                "numerals": "arabic", "format": f"제{{}}{unit}"}
    if branch:
        level.update(branch="의([0-9]+)", branch_format="의{}")
    return level


_JA_PLAN: Raw = [
    {"name": "chp", "pattern": r"(第[^章【】]*章|(?i:chapter)\s*[0-9]+)", "numerals": "chapter",
     "format": "第{}章"},
    {"name": "policy", "pattern": "【([^【】]+)】", "numerals": "policy", "format": "【{}】"},
    {"name": "policy", "pattern": r"(\S.*)", "numerals": "policy"},
]

_JA_OUTLINE: Raw = [
    {"name": "dai", "pattern": "第([0-9]+|[〇一二三四五六七八九十百千]+)", "numerals": "kanji",
     "format": "第{}"},
    {"name": "roman", "pattern": rf"([{_ROMAN_CHARS}]|[IVXLC]+)\.?", "numerals": "roman",
     "format": "{}."},
    # "１．", or a bare "１" of one or two digits followed by a space, as 公用文
    # write the items under 第１ ("１　手続のオンライン化").
    {"name": "num", "pattern": r"([0-9]{1,2}(?=\s|$)|[0-9]+(?=\.))\.?", "numerals": "arabic",
     "format": "{}."},
    {"name": "paren", "pattern": r"\(([0-9]+)\)", "numerals": "arabic", "format": "({})"},
    {"name": "rparen", "pattern": r"([0-9]+)\)", "numerals": "arabic", "format": "{})"},
    {"name": "circled", "pattern": f"([{_CIRCLED}])", "numerals": "circled", "format": "{}"},
    {"name": "kana", "pattern": f"([{_KANA}])", "numerals": "kana", "format": "{}"},
    {"name": "pkana", "pattern": rf"\(([{_KANA}])\)", "numerals": "kana", "format": "({})"},
    {"name": "latin", "pattern": "([a-z])", "numerals": "latin", "format": "{}"},
    {"name": "platin", "pattern": r"\(([a-z])\)", "numerals": "latin", "format": "({})"},
]

_DOTTED: Raw = [
    {"name": "sec", "pattern": r"([0-9]+(?:\s*\.\s*[0-9]+)*)\.?", "numerals": "dotted",
     "format": "{}"},
    # Items inside a section, as reports number them under ``3.2``: (1), 1), ①.
    {"name": "paren", "pattern": r"\(([0-9]+)\)", "numerals": "arabic", "parents": ["sec"],
     "start": False, "format": "({})"},
    {"name": "rparen", "pattern": r"([0-9]+)\)", "numerals": "arabic",
     "parents": ["sec", "paren"], "start": False, "format": "{})"},
    {"name": "circled", "pattern": f"([{_CIRCLED}])", "numerals": "circled",
     "parents": ["sec", "paren", "rparen"], "start": False, "format": "{}"},
]

_JA_LAW: Raw = [
    {"name": "suppl", "pattern": "附則", "numerals": "none", "parents": [], "rank": 100,
     "format": "附則"},
    _kanji_level("part", "編"),
    _kanji_level("chp", "章"),
    _kanji_level("sec", "節"),
    _kanji_level("subsec", "款"),
    _kanji_level("div", "目"),
    _kanji_level("art", "条"),
    _kanji_level("para", "項", branch=None),
    _kanji_level("item", "号"),
    {"name": "subitem1", "pattern": f"([{_IROHA}])", "numerals": "kana", "kana": "iroha",
     "format": "{}"},
    {"name": "subitem2", "pattern": r"\(([0-9]+)\)", "numerals": "arabic", "format": "({})"},
    {"name": "subitem3", "pattern": r"\(([ivxlc]+)\)", "numerals": "roman", "format": "({})"},
]

_EU: Raw = [
    {"name": "rec", "pattern": r"(?i:recital)\s*([0-9]+)", "numerals": "arabic",
     "parents": [], "format": "Recital {}"},
    {"name": "chp", "pattern": r"(?i:chapter)\s*([IVXLCDMivxlcdm]+)", "numerals": "roman",
     "parents": [], "format": "Chapter {}"},
    {"name": "sec", "pattern": r"(?i:section)\s*([0-9]+)", "numerals": "arabic",
     "parents": ["chp"], "start": False, "format": "Section {}"},
    {"name": "art", "pattern": r"(?i:article|art\.?)\s*([0-9]+[a-z]*)", "numerals": "arabic",
     "parents": [], "format": "Article {}"},
    {"name": "para", "pattern": r"\(([0-9]+[a-z]*)\)", "numerals": "arabic",
     "parents": ["art"], "start": False, "format": "({})"},
    {"name": "point", "pattern": r"\(([a-z]+)\)", "numerals": "latin",
     "parents": ["art", "para"], "start": False, "format": "({})"},
    {"name": "subpoint", "pattern": r"\(([ivxlcdm]+)\)", "numerals": "roman",
     "parents": ["point"], "start": False, "format": "({})"},
    {"name": "annex", "pattern": r"(?i:annex)\s*([IVXLCDMivxlcdm]+)", "numerals": "roman",
     "parents": [], "format": "Annex {}"},
]

_US: Raw = [
    {"name": "title", "pattern": r"(?i:title)\s*([IVXLCDM]+)", "numerals": "roman",
     "parents": [], "format": "Title {}"},
    {"name": "div", "pattern": r"(?i:division)\s*([A-Z]+)", "numerals": "latin",
     "parents": [], "format": "Division {}"},
    {"name": "sec", "pattern": r"(?:§+|(?i:section|sec\.?))\s*([0-9]+[a-z]*)",
     "numerals": "arabic", "parents": ["title", "div"], "format": "Sec. {}"},
    {"name": "subsec", "pattern": r"\(([a-z]+)\)", "numerals": "latin", "parents": ["sec"],
     "start": False, "format": "({})"},
    {"name": "para", "pattern": r"\(([0-9]+)\)", "numerals": "arabic",
     "parents": ["sec", "subsec"], "start": False, "format": "({})"},
    {"name": "subpara", "pattern": r"\(([A-Z]+)\)", "numerals": "latin", "parents": ["para"],
     "start": False, "format": "({})"},
    {"name": "clause", "pattern": r"\(([ivxlcdm]+)\)", "numerals": "roman",
     "parents": ["subpara"], "start": False, "format": "({})"},
    {"name": "subclause", "pattern": r"\(([IVXLCDM]+)\)", "numerals": "roman",
     "parents": ["clause"], "start": False, "format": "({})"},
]

_KR: Raw = [
    {"name": "suppl", "pattern": "부칙", "numerals": "none", "parents": [], "rank": 100,
     "format": "부칙"},
    _korean_level("part", "편"),
    _korean_level("chp", "장"),
    _korean_level("sec", "절"),
    _korean_level("subsec", "관"),
    _korean_level("art", "조", branch=True),
    _korean_level("para", "항"),
    {"name": "para", "pattern": f"([{_CIRCLED}])", "numerals": "circled", "format": "{}"},
    _korean_level("item", "호", branch=True),
    {"name": "subitem", "pattern": f"([{_HANGUL}])목?", "numerals": "hangul", "format": "{}목"},
]

_ZH: Raw = [
    _kanji_level("part", "编", branch=None),
    _kanji_level("chp", "章", branch=None),
    _kanji_level("sec", "节", branch=None),
    _kanji_level("art", "条", branch="之"),
    _kanji_level("para", "款", branch=None),
    {"name": "item", "pattern": r"\(([〇零一二三四五六七八九十百千]+)\)", "numerals": "kanji",
     "format": "（{}）"},
    _kanji_level("item", "项", branch=None),
    {"name": "subitem", "pattern": r"([0-9]+)\.", "numerals": "arabic", "format": "{}."},
]

#: name -> level list, in the format of ``policynotes_schemes``.
BUILTIN_SCHEMES: dict[str, Raw] = {
    "ja-plan": _JA_PLAN,
    "ja-outline": _JA_OUTLINE,
    "dotted": _DOTTED,
    "ja-law": _JA_LAW,
    "eu": _EU,
    "us": _US,
    "kr": _KR,
    "zh": _ZH,
}
