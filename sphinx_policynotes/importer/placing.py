"""Quotes and notes as records, written once every post's sources are known.

The converter walks a post once, but a quote's ``:at:`` depends on the scheme
of its source, chosen from *all* the quotes of that source (in every post of
the import), and a note's ``:on:`` on the names of the quotes it discusses.
So the walk leaves :class:`QuoteRecord` and :class:`NoteRecord` objects in the
page, and :func:`render_quote` / :func:`render_note` write them at the end.

Which quotes a note is on: the quotes of the group before it (since the last
note). When it names numbered parts of that group (``背景１は…``,
``(1)について``, ``３．２ について``), only the quotes under those parts:
:func:`named_quotes`. Then the quotes get ``:name:`` and the note ``:on:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbering import ascii_slug, fold_width
from .markdown import fence_for, option_value
from .structure import PLAN, Token, heading_token, locate, plan_parts

__all__ = ["NoteRecord", "QuoteRecord", "directive", "named_quotes", "render_note",
           "render_quote"]

_N = "0-9〇一二三四五六七八九十"
#: A numbered part named in a note, then a particle that makes it the topic.
_NAMED_RE = re.compile(
    rf"(【[^【】]+】|(?:方針|背景|施策|目標|課題|取組)\s*[0-9]+(?:\s*-\s*[0-9]+)*"
    rf"|第[{_N}]+章|第[{_N}]+|\(\s*[0-9]+\s*\)|[0-9]+(?:\s*\.\s*[0-9]+)+|[0-9]+\."
    rf"|[①-⑳])\s*(?=は|について|に関し|では|で|の|も|を|、)")
_TRIM_RE = re.compile(r"[\s【】.]")


@dataclass
class QuoteRecord:
    """A ``policy-quote``: where it stands and its body."""

    line: int
    source: str | None
    #: ``:chapter:`` and ``:policy:`` as the importer always read them (ja-plan).
    chapter: str | None
    policy: str | None
    path: list[Token]
    body: list[list[str]]
    name: str | None = None
    at: str | None = None
    #: Filled by :func:`render_quote`: the tokens the scheme could not read.
    dropped: tuple[Token, ...] = ()


@dataclass
class NoteRecord:
    """A ``commentary`` on the quotes of ``on`` (its group, or the named ones)."""

    line: int
    author: str | None
    body: list[list[str]]
    group: list[QuoteRecord]
    on: list[QuoteRecord] = field(default_factory=list)

    @property
    def named(self) -> bool:
        """Whether it is on some quotes of its group only (and needs ``:on:``)."""
        return 0 < len(self.on) < len(self.group)


def directive(name: str, argument: str | None, options: list[tuple[str, str | None]],
              blocks: list[list[str]]) -> str:
    """A MyST directive with a fence longer than any in its body."""
    body = "\n\n".join("\n".join(block) for block in blocks)
    fence = fence_for(body)
    lines = [f"{fence}{{{name}}}" + (f" {argument}" if argument else "")]
    lines.extend(f":{key}: {option_value(value)}" for key, value in options if value)
    if body:
        lines.extend(["", body])
    lines.append(fence)
    return "\n".join(lines)


def _fold(label: str) -> str:
    return _TRIM_RE.sub("", fold_width(label)).replace("（", "(").replace("）", ")")


def named_quotes(text: str, group: list[QuoteRecord]) -> list[QuoteRecord]:
    """The quotes of ``group`` a note is on, when ``text`` names numbered parts.

    A quote under a named part is in; a quote under another part of the same
    kind (``背景３`` when ``背景１`` is named) is out; a quote under no part of
    that kind (the chapter's own lead) stays in, as the note's context.
    """
    if len(group) < 2:
        return list(group)
    named = [match.group(1) for match in _NAMED_RE.finditer(fold_width(text))]
    names = {_fold(name) for name in named}
    kinds = {token.kind for name in named if (token := heading_token(name)) is not None}
    if not names:
        return list(group)
    chosen = [quote for quote in group
              if any(_fold(token.label) in names for token in quote.path)
              or not any(token.kind in kinds for token in quote.path)]
    return chosen or list(group)


def quote_name(stem: str, number: int) -> str:
    """An ASCII ``:name:`` for the ``number``-th quote of the post ``stem``."""
    slug = ascii_slug(stem) or "post"
    if not slug[0].isalpha():
        slug = "p-" + slug
    return f"{slug}-q{number}"


def render_quote(quote: QuoteRecord, scheme: str) -> str:
    """The ``policy-quote`` directive, placed with its source's ``scheme``."""
    options: list[tuple[str, str | None]] = [("source", quote.source)]
    if scheme == PLAN:
        chapter, policy = quote.chapter, quote.policy
        pseudo_chapter, pseudo_policy = plan_parts(quote.path)
        if pseudo_policy is not None and pseudo_policy.pseudo:
            policy = pseudo_policy.label
        if chapter is None and pseudo_chapter is not None and pseudo_chapter.pseudo:
            chapter = pseudo_chapter.label
        options += [("chapter", chapter), ("policy", policy)]
        quote.dropped = locate(quote.path, scheme).dropped
    else:
        located = locate(quote.path, scheme)
        quote.at, quote.dropped = located.text, located.dropped
        options.append(("at", located.text))
    options.append(("name", quote.name))
    return directive("policy-quote", None, options, quote.body)


def render_note(note: NoteRecord) -> str:
    """The ``commentary`` directive, with ``:on:`` when it is on named quotes only."""
    on = " ".join(quote.name for quote in note.on if quote.name) if note.named else None
    return directive("commentary", None, [("author", note.author), ("on", on)], note.body)
