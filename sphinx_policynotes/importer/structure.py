"""Read the numbering of quoted headings and choose a locator scheme per source.

A quoted heading (``>### ３．２ 横断的サービス改革``) or a bold paragraph standing
alone in a quote (``>**（１）業務改革**``) starts with a *numbering token*:
``第４章``, ``【方針１－１】``, ``Ⅲ．``, ``１．``, ``１ .１``, ``３.２``, ``（１）``,
``１）``, ``①``, ``ア．``, ``第１条``… :func:`heading_token` finds it, with its
*kind*. The tokens of the headings enclosing a quote, outermost first, are the
quote's *path*.

:func:`choose_scheme` picks, for one source, the built-in scheme that reads
the most of its quotes' paths: ``ja-plan`` (written as ``:chapter:`` and
``:policy:``, as the importer always did) when the post numbers chapters and
policies, else ``ja-outline``, ``dotted``, ``ja-law``… :func:`locate` writes
one path as ``:at:`` text that scheme reads, the tokens as written; a bare
number (``１　地方公共団体…``) is written with the dot ``ja-outline`` reads
(``１．``), a number that a later dotted number repeats (``３`` above ``３.２``)
is left out, and a tail the scheme cannot read is dropped (and reported).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..numbering import Scheme, builtin_schemes, fold_width, parse_locator

__all__ = ["PLAN", "Located", "Token", "choose_scheme", "heading_token", "locate",
           "plan_parts"]

PLAN = "ja-plan"
#: Schemes tried, in the order preferred on a tie.
CANDIDATES = ("ja-plan", "ja-outline", "dotted", "ja-law", "zh", "kr", "eu", "us")
_N = "0-9〇一二三四五六七八九十百千"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_CIRCLED = "①-⑳㉑-㉟㊱-㊿"
_KANA = "ア-ン"
#: (kind, pattern on the width-folded text), tried in order at the text's start.
_TOKEN_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("chapter", rf"第\s*[{_N}]+\s*章"),
        ("law", rf"第[{_N}]+条(?:の[{_N}]+)*(?:\s*第[{_N}]+項)?(?:\s*第[{_N}]+号)?"),
        ("dai", rf"第[{_N}]+(?![{_N}章条項号節款編目部回期次])"),
        ("policy", r"【[^【】\n]+】"),
        ("policy", r"(?:方針|背景|施策|目標|課題|取組)\s*[0-9]+(?:\s*-\s*[0-9]+)*"),
        ("roman", rf"[{_ROMAN}]\.?|[IVX]+\.(?![0-9])"),
        ("dotted", r"[0-9]+(?:\s*\.\s*[0-9]+)+\.?"),
        ("dash", r"[0-9]+(?:\s*-\s*[0-9]+)+"),
        ("num", r"[0-9]+\.(?![0-9])"),
        ("paren", r"\(\s*[0-9]+\s*\)"),
        ("rparen", r"[0-9]+\)"),
        ("bare", r"[0-9]{1,2}(?=\s|[^\x00-\x7f年月日度時分%％])"),
        ("circled", f"[{_CIRCLED}]"),
        ("pkana", rf"\([{_KANA}]\)"),
        ("kana", rf"[{_KANA}](?=[.、\s])\.?"),
        ("proman", r"\((?:[ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ]+|[ivx]+)\)"),
        ("platin", r"\([a-z]\)"),
    ))
#: How deep each kind nests (smaller is outer), for bold pseudo-headings.
RANK = {"chapter": 0, "dai": 1, "roman": 2, "num": 3, "bare": 3, "dotted": 3, "law": 3,
        "policy": 4, "dash": 4, "paren": 5, "rparen": 6, "circled": 7, "kana": 8,
        "pkana": 9, "proman": 10, "platin": 11}
#: Kinds ``ja-plan`` reads: a chapter, and a policy (``【…】``, ``方針1-1``, ``（１）``).
_PLAN_POLICY = frozenset({"policy", "dash", "paren"})
_PLAN_KINDS = _PLAN_POLICY | {"chapter"}


@dataclass(frozen=True)
class Token:
    """A numbering token as written (``label``), its kind, and the input line."""

    label: str
    kind: str
    line: int = 0
    #: From a bold paragraph standing alone in a quote, not a heading.
    pseudo: bool = False


def heading_token(text: str, line: int = 0, *, pseudo: bool = False) -> Token | None:
    """The numbering token ``text`` (a heading's plain text) starts with, if any."""
    stripped = text.lstrip(" \t\u3000")
    folded = fold_width(stripped)
    for kind, pattern in _TOKEN_RES:
        match = pattern.match(folded)
        if match is not None:
            return Token(stripped[: match.end()].strip(), kind, line, pseudo)
    return None


def plan_parts(path: Sequence[Token]) -> tuple[Token | None, Token | None]:
    """The chapter and policy ``ja-plan`` reads from a path (innermost of each)."""
    chapter = next((t for t in reversed(path) if t.kind == "chapter"), None)
    policy = next((t for t in reversed(path) if t.kind in _PLAN_POLICY), None)
    return chapter, policy


@dataclass(frozen=True)
class Located:
    """A path written as ``:at:`` (``text``), how many of its tokens that holds,
    and the tokens left out because the scheme cannot read them."""

    text: str | None
    covered: int
    dropped: tuple[Token, ...] = ()


def _dotted_parts(token: Token) -> list[str]:
    return [part.strip() for part in fold_width(token.label).rstrip(".").split(".")]


def _compress(path: Sequence[Token]) -> tuple[list[Token], int]:
    """Leave out numbers that a later dotted number repeats (``３`` above ``３.２``)."""
    kept: list[Token] = []
    for index, token in enumerate(path):
        later = [t for t in path[index + 1:] if t.kind == "dotted"]
        if token.kind in ("bare", "num", "dotted") and any(
                _dotted_parts(t)[: len(_dotted_parts(token))] == _dotted_parts(token)
                and len(_dotted_parts(t)) > len(_dotted_parts(token)) for t in later):
            continue
        kept.append(token)
    return kept, len(path) - len(kept)


def _form(token: Token, scheme: str) -> str:
    if token.kind == "bare" and scheme == "ja-outline":
        return token.label + "．"
    return token.label


@cache
def _schemes() -> Mapping[str, Scheme]:
    return builtin_schemes()


def locate(path: Sequence[Token], scheme: str) -> Located:
    """Write ``path`` as an ``:at:`` that ``scheme`` reads (the longest readable
    prefix); ``ja-plan`` paths are written as ``:chapter:``/``:policy:`` instead."""
    if not path:
        return Located(None, 0)
    if scheme == PLAN:
        chapter, policy = plan_parts(path)
        covered = (chapter is not None) + (policy is not None)
        dropped = tuple(t for t in path if t.kind not in _PLAN_KINDS)
        return Located(None, covered, dropped)
    kept, merged = _compress(path)
    compiled = _schemes()[scheme]
    for end in range(len(kept), 0, -1):
        # from the outermost part, or from a dotted number (which names its parents)
        starts = [0] + [i for i in range(1, end) if kept[i].kind == "dotted"]
        for start in starts:
            text = " ".join(_form(token, scheme) for token in kept[start:end])
            if parse_locator(text, compiled).ok:
                return Located(text, end - start + (merged if start == 0 else 1),
                               tuple(kept[end:]))
    return Located(None, 0, tuple(kept))


def choose_scheme(paths: Sequence[Sequence[Token]]) -> tuple[str, int, int]:
    """The scheme that reads the most tokens of ``paths``; with the tokens it
    reads and the tokens there are. ``ja-plan`` when nothing is numbered."""
    total = sum(len(path) for path in paths)
    best, best_score = PLAN, -1
    for name in CANDIDATES:
        score = sum(locate(path, name).covered for path in paths)
        if score > best_score:
            best, best_score = name, score
    return best, max(best_score, 0), total
