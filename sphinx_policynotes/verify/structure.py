"""Find a source's own structure: chapter headings and policy markers.

Policy papers number their parts visibly: ``第４章 …`` chapter headings, and
inside them markers such as ``【方針１－１】``, ``【背景２】`` or ``（１）``.
:func:`find_structure` scans the source's pages for them and returns
:class:`Heading` records in document order, each with the same normalised key
a ``policy-quote`` would use (:func:`~sphinx_policynotes.numbering.parse_chapter`
and :func:`~sphinx_policynotes.numbering.normalise_policy`), its physical page,
and the chapter it stands under.

Patterns are regular expressions (strings or compiled), searched per page
with ``re.MULTILINE`` on the page text with Kangxi radicals unified (so
``【⽅針１】`` is found).  Each must define exactly one of the named groups

* ``chapter``: the chapter label, e.g. ``第４章`` (a match whose label
  ``parse_chapter`` cannot read is ignored), or
* ``policy``: the policy label, e.g. ``【方針１－１】`` or ``（１）``,

and may define ``title``: the heading's text after the label.  The defaults
(:data:`DEFAULT_PATTERNS`) accept only markers at the start of a line, and a
chapter label only when a space, a colon or the line end follows it, so a
reference in running text (``第３章で述べた``) is not a heading; a line that
ends in leader dots and a number (a table of contents entry) is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..cleaning import unify_text
from ..numbering import parse_chapter, policy_key
from .sourcetext import SourceText

__all__ = [
    "DEFAULT_PATTERNS",
    "Heading",
    "compile_patterns",
    "find_structure",
    "policy_kind",
]

_LEAD = r"^[ \t\u3000]*"
_TITLE = r"[ \t\u3000:：.．]*(?P<title>[^\n]*)"
_DASH = "-\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u30fc\uff70"
_NUM = "[0-9０-９]+"

#: Chapter headings, 【方針N】/【方針N-M】/【背景N】 markers and (N) markers.
DEFAULT_PATTERNS: tuple[str, ...] = (
    _LEAD
    + r"(?P<chapter>第[0-9０-９〇一二三四五六七八九十百千]+章)(?=[ \t\u3000:：.．]|$)"
    + _TITLE,
    _LEAD + rf"(?P<policy>【(?:方針|背景){_NUM}(?:[{_DASH}]{_NUM})*】)" + _TITLE,
    _LEAD + rf"(?P<policy>[（(]{_NUM}[）)])" + _TITLE,
)

_TOC_RE = re.compile(r"(?:…|‥|(?:[.．・·･][ \t\u3000]?){2,})[ \t\u3000]*[0-9０-９]+[ \t\u3000]*$")
_WS_RE = re.compile(r"\s+")

HeadingKind = Literal["chapter", "policy"]


@dataclass(frozen=True)
class Heading:
    """A chapter heading or policy marker found in the source.

    ``key`` is the chapter number as a string (``"4"``) for chapters and the
    normalised policy key (``"方針1-1"``, ``"背景2"``, ``"(1)"``) for policies;
    ``chapter`` is the chapter number (for a policy: of the chapter it stands
    under, None before the first chapter heading).  ``label`` and ``title``
    are the source's own text, whitespace collapsed.
    """

    kind: HeadingKind
    key: str
    chapter: int | None
    label: str
    title: str
    page: int
    offset: int

    @property
    def policy_kind(self) -> str:
        """The kind of policy (``方針``, ``背景``, ``(N)``); ``""`` for chapters."""
        return policy_kind(self.key) if self.kind == "policy" else ""


def policy_kind(key: str) -> str:
    """Return what a policy key counts as: its non-numeric prefix, else a template.

    ``方針1-1`` and ``方針2`` are ``方針``; ``背景1`` is ``背景``; a key with
    text after its numbers, such as ``(1)``, has its numbers replaced by
    ``N``: ``(N)``.
    """
    match = re.fullmatch(r"(\D+?)[0-9]+(?:-[0-9]+)*", key)
    if match is not None:
        return match.group(1)
    return re.sub(r"[0-9]+(?:-[0-9]+)*", "N", key)


def compile_patterns(patterns: Iterable[str | re.Pattern[str]]) -> list[re.Pattern[str]]:
    """Compile patterns with ``re.MULTILINE``; ValueError if one lacks a key group.

    A pattern must have exactly one of the named groups ``chapter`` and
    ``policy``.
    """
    compiled: list[re.Pattern[str]] = []
    for pattern in patterns:
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.MULTILINE)
        groups = set(regex.groupindex)
        if len(groups & {"chapter", "policy"}) != 1:
            raise ValueError(
                f"pattern {regex.pattern!r} needs exactly one named group 'chapter' or 'policy'"
            )
        compiled.append(regex)
    return compiled


def _clean(text: str) -> str:
    """Collapse whitespace runs to one space and strip."""
    return _WS_RE.sub(" ", text).strip()


def find_structure(
    source: SourceText,
    patterns: Sequence[str | re.Pattern[str]] = DEFAULT_PATTERNS,
    *,
    prefix: str = "方針",
) -> list[Heading]:
    """Return the chapter headings and policy markers of ``source`` in order.

    ``prefix`` is ``policynotes_policy_prefix``: it completes a bare number
    captured as a policy label, exactly as for ``:policy:``.
    """
    compiled = compile_patterns(patterns)
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for page_number, page in enumerate(source.pages, start=1):
        text = unify_text(page)
        for order, regex in enumerate(compiled):
            for match in regex.finditer(text):
                line_end = text.find("\n", match.start())
                line = text[match.start() : line_end if line_end >= 0 else len(text)]
                if _TOC_RE.search(line):
                    continue
                group = "chapter" if "chapter" in regex.groupindex else "policy"
                if match.start(group) >= 0:
                    found.append((page_number, match.start(group), order, match))
    found.sort(key=lambda item: (item[0], item[1], item[2]))
    headings: list[Heading] = []
    chapter: int | None = None
    last: tuple[int, int] | None = None
    for page_number, offset, _order, match in found:
        if last == (page_number, offset):
            continue  # two patterns found the same heading: the first listed wins
        groups = match.groupdict()
        title = _clean(groups.get("title") or "")
        if groups.get("chapter") is not None:
            label = _clean(groups["chapter"])
            number = parse_chapter(label)
            if number is None:
                continue
            chapter = number
            headings.append(
                Heading("chapter", str(number), number, label, title, page_number, offset)
            )
        else:
            label = _clean(groups.get("policy") or "")
            key = policy_key(label, prefix)
            if key is None:
                continue
            headings.append(Heading("policy", key, chapter, label, title, page_number, offset))
        last = (page_number, offset)
    return headings
