"""Read what a quoted heading or a source line says: chapter, policy, date, issuer.

Pure functions on plain text. The chapter and policy labels are returned as the
author wrote them (``第１章``, ``【方針１－１】``, ``（１）``) and checked with
:func:`~sphinx_policynotes.numbering.parse_chapter` and
:func:`~sphinx_policynotes.numbering.normalise_policy`, the same functions the
``policy-quote`` directive applies to them, so what the importer accepts the
build accepts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..numbering import normalise_policy, parse_chapter, parse_date

__all__ = ["HeadingInfo", "classify_heading", "find_date", "guess_issuer"]

_NUM = "0-9０-９"
_KANJI_NUM = "〇一二三四五六七八九十百千"
_DASH = "\\-‐‑‒–—―−－ー"
_CHAPTER_RE = re.compile(rf"\s*(第\s*[{_NUM}{_KANJI_NUM}]+\s*章)")
#: Words that number the items of a policy paper (``方針１－１``, ``背景２``).
POLICY_WORDS = ("方針", "背景", "施策", "目標", "課題", "取組")
_POLICY_RES = (
    re.compile(r"【[^【】\n]+】"),
    re.compile(rf"[（(]\s*[{_NUM}]+\s*[）)]"),
    re.compile(rf"(?:{'|'.join(POLICY_WORDS)})\s*[{_NUM}]+(?:\s*[{_DASH}]\s*[{_NUM}]+)*"),
    re.compile(rf"[{_NUM}]+(?:\s*[{_DASH}]\s*[{_NUM}]+)+(?![{_NUM}{_DASH}])"),
)
_LEADING_SEP = " \t\u3000:：・.．"

_ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_K = f"[0-9{_KANJI_NUM}]"
_DATE_RES = (
    # 2017年5月30日, 2017年5月, 二〇一七年五月三十日 (after NFKC, so full-width digits too)
    re.compile(rf"(?P<y>[0-9]{{4}}|[〇一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_K}{{1,3}})\s*月"
               rf"(?:\s*(?P<d>{_K}{{1,3}})\s*日)?"),
    # 平成29年5月30日, 令和元年5月1日, 平成二十九年
    re.compile(rf"(?P<era>{'|'.join(_ERAS)})\s*(?P<ey>元|{_K}{{1,3}})\s*年"
               rf"(?:\s*(?P<m>{_K}{{1,3}})\s*月(?:\s*(?P<d>{_K}{{1,3}})\s*日)?)?"),
    # 2017-05-30, 2017/5/30, 2017.5.30
    re.compile(r"(?<![0-9])(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})(?:[-/.](?P<d>[0-9]{1,2}))?"
               r"(?![0-9])"),
    # H29.5.30, R1/5/1
    re.compile(r"(?<![A-Za-z0-9])(?P<letter>[MTSHR])(?P<ey>[0-9]{1,2})[./](?P<m>[0-9]{1,2})"
               r"[./](?P<d>[0-9]{1,2})(?![0-9])"),
)
_ISSUER_TRIM = " \t\u3000（）()「」『』、,・"


@dataclass(frozen=True)
class HeadingInfo:
    """The chapter and policy labels a heading starts with (as written), if any."""

    chapter: str | None = None
    policy: str | None = None


def classify_heading(text: str, prefix: str = "方針") -> HeadingInfo:
    """Return the chapter label (``第４章``) and/or policy label a heading starts with.

    ``第４章 デジタル・ガバメント推進方針`` gives the chapter; ``【方針１－１】…``,
    ``【背景２】…``, ``（１）…``, ``方針1-1 …`` and ``1-1 …`` give the policy; a heading
    may give both (``第４章 【方針１】…``).
    """
    chapter: str | None = None
    rest = text
    match = _CHAPTER_RE.match(text)
    if match is not None and parse_chapter(match.group(1)) is not None:
        chapter = match.group(1)
        rest = text[match.end():]
    rest = rest.lstrip(_LEADING_SEP)
    policy: str | None = None
    for pattern in _POLICY_RES:
        found = pattern.match(rest)
        if found is not None and normalise_policy(found.group(), prefix) is not None:
            policy = found.group().strip()
            break
    return HeadingInfo(chapter, policy)


def _number(value: str) -> int | None:
    """An integer from digits or a kanji numeral (二十九, 〇).

    Kanji numerals are read with :func:`parse_chapter` (``第二十九章`` → 29),
    which already knows them.
    """
    if value.isdigit() and value.isascii():
        return int(value)
    if len(value) == 4 and all(ch in "〇一二三四五六七八九" for ch in value):
        return int("".join(str("〇一二三四五六七八九".index(ch)) for ch in value))
    if value == "〇":
        return 0
    return parse_chapter(f"第{value}章")


def find_date(text: str) -> tuple[str, int, int] | None:
    """Find the first date in ``text``: ``(YYYY[-MM[-DD]], start, end)`` or None.

    Accepts ``2017年5月30日``, ``平成29年5月30日`` (Meiji to Reiwa, ``元年``),
    ``2017-05-30``, ``2017/5/30``, ``H29.5.30`` and full-width digits; the span
    is in ``text`` itself. A date that does not exist is skipped.
    """
    normal = unicodedata.normalize("NFKC", text)
    offsets = _nfkc_offsets(text) if len(normal) != len(text) else None
    found: list[tuple[int, int, str]] = []
    for pattern in _DATE_RES:
        for match in pattern.finditer(normal):
            iso = _iso(match)
            if iso is not None:
                found.append((match.start(), match.end(), iso))
                break
    if not found:
        return None
    start, end, iso = min(found)
    if offsets is not None:
        start, end = offsets[start], offsets[end]
    return iso, start, end


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("letter"):
        groups["era"] = _ERA_LETTERS[groups["letter"]]
    if groups.get("era"):
        era_year = 1 if groups["ey"] == "元" else _number(groups["ey"])
        if era_year is None or era_year < 1:
            return None
        year = _ERAS[groups["era"]] + era_year - 1
    else:
        parsed = _number(groups["y"])
        if parsed is None:
            return None
        year = parsed
    parts = [f"{year:04d}"]
    for key in ("m", "d"):
        value = groups.get(key)
        if value is None:
            break
        number = _number(value)
        if number is None:
            return None
        parts.append(f"{number:02d}")
    return parse_date("-".join(parts))


def _nfkc_offsets(text: str) -> list[int]:
    """Map each offset of ``NFKC(text)`` (and its end) back to an offset in ``text``."""
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(unicodedata.normalize("NFKC", char)))
    offsets.append(len(text))
    return offsets


def guess_issuer(text: str) -> str | None:
    """The body that decided a paper, from a line such as ``…推進戦略会議決定``.

    Japanese government papers are cited as ``<date><body>決定``; the body is
    what is left once the date is removed and the trailing ``決定`` is cut.
    Returns None when the line does not have that shape.
    """
    date = find_date(text)
    if date is not None:
        text = text[: date[1]] + " " + text[date[2]:]
    text = " ".join(text.split()).strip(_ISSUER_TRIM)
    if not text.endswith("決定"):
        return None
    issuer = text[: -len("決定")].strip(_ISSUER_TRIM)
    if not issuer or len(issuer) > 80 or any(ch in issuer for ch in "。．!?！？"):
        return None
    return issuer
