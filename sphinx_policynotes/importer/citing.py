"""The converter's half that finds the sources: quoted headings, introductions, titles.

A source is named three ways in a post:

* a quoted heading citing a link (``> ## 「[推進方針][dg]」平成29年5月30日``),
  maybe followed by its date and issuer; a part named after the link
  (``「[推進方針][dg]　別紙　アクションプラン」``) is a source of its own, whose card
  links to the whole document's;
* the introduction (``本文章の引用は「[…][414d7e0a]」（2018年1月16日 …決定）…``):
  the link after ``引用`` names the source of the quotes that follow;
* an unquoted heading that is the title of a link definition
  (``# 「オープンデータ基本指針」``).

Each is looked up in the import's :class:`~.sources.Sources` by document, so
the id is the same in every post of an import. A source's ``source-ref`` is
written once in the import, where it is first named by a quoted heading or,
for one named in an introduction or heading, right before its first quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from ..cleaning import clean_text
from ..numbering import safe_url
from .classify import find_date, guess_issuer
from .markdown import BlockWriter, inline_plain_text
from .parse import Item, ParsedPost
from .reports import Reporter
from .sources import Source, Sources, intro_link, split_part, title_key

__all__ = ["Citing", "SourceCard"]

_PARENTHESIS_RE = re.compile(r"[（(]([^（()）]*)[）)]")


def plain(node: SyntaxTreeNode | None) -> str:
    """An inline tree's text on one line, cleaned."""
    return " ".join(clean_text(inline_plain_text(node)).split()) if node is not None else ""


def first_link(inline: SyntaxTreeNode, after: int = 0) -> SyntaxTreeNode | None:
    """The first link of ``inline`` whose text starts at or after ``after`` in
    its plain text."""
    position = 0
    for node in inline.walk(include_self=False):
        if node.type == "link" and position >= after:
            return node
        if node.type in ("text", "code_inline"):
            position += len(node.content)
        elif node.type in ("softbreak", "hardbreak"):
            position += 1
    return None


@dataclass
class SourceCard:
    """A ``source-ref`` to write: its options but ``:scheme:`` (known at the end)."""

    source: Source
    options: list[tuple[str, str | None]]
    description: list[list[str]]
    line: int


class Citing:
    """Finding and declaring sources (mixed into the converter)."""

    post: ParsedPost
    sources: Sources
    reporter: Reporter
    quoted: BlockWriter
    filename: str
    out: list[object]
    used: list[str]
    source: str | None
    #: A source named in an introduction or a heading, not yet declared.
    undeclared: tuple[Source, tuple[str, int, int] | None, str | None, int] | None

    @staticmethod
    def inline_of(item: Item) -> SyntaxTreeNode | None:
        return item.node.children[0] if item.node.children else None

    def lookup(self, link: SyntaxTreeNode, line: int, part: str | None = None,
               parent: Source | None = None) -> Source:
        href = str(link.attrs.get("href", ""))
        label = link.meta.get("label")
        definition = self.post.definition(str(label)) if label else None
        title = plain(link) or (definition.title if definition else "") or href
        if part is not None:
            title = f"{title}\u3000{part}"
        source, taken = self.sources.find(
            label=definition.label if definition else None, url=href or None, title=title,
            post=self.filename, part=part, parent=parent)
        if taken is not None:
            self.reporter.note(line, "link label [%s] names another document here than in "
                               "%s; this source gets the id %r", taken,
                               ", ".join(self.sources.by_id[taken].posts), source.id)
        if source.id not in self.used:
            self.used.append(source.id)
        return source

    def declare(self, source: Source, line: int, date: tuple[str, int, int] | None,
                issuer: str | None, description: list[list[str]]) -> None:
        """Write the ``source-ref`` of ``source`` here, unless already written."""
        if source.declared:
            return
        source.declared = True
        url = safe_url(source.url) if source.url else None
        if source.url and url is None:
            self.reporter.warning(line, "source %r: %r is not an http(s) URL; written "
                                  "without :url:", source.id, source.url)
        if source.parent is not None:
            description = [*description, ["{source-ref}`" + source.parent + "`"]]
        self.out.append(SourceCard(source, [
            ("title", source.title), ("issuer", issuer),
            ("date", date[0] if date else None), ("url", url),
        ], description, line))

    def declare_undeclared(self) -> None:
        """Declare the source an introduction named, before its first quote."""
        if self.undeclared is not None:
            source, date, issuer, line = self.undeclared
            self.undeclared = None
            self.declare(source, line, date, issuer, [])

    def source_heading(self, items: list[Item], index: int, link: SyntaxTreeNode,
                       text: str) -> int:
        item = items[index]
        inline = self.inline_of(item)
        raw = clean_text(inline_plain_text(inline)) if inline is not None else text
        name = clean_text(inline_plain_text(link))
        part = split_part(raw.split(name, 1)[1]) if name and name in raw else None
        parent = self.lookup(link, item.line)
        source = parent
        if part is not None:
            source = self.lookup(link, item.line, part, parent)
            self.declare(parent, item.line, None, None, [])
            self.reporter.note(item.line, "quoted heading names %r of source %r: a source of "
                               "its own, %r", part, parent.id, source.id)
        date = find_date(text)
        issuer: str | None = None
        description: list[list[str]] = []
        consumed = index + 1
        following = items[index + 1] if index + 1 < len(items) else None
        if (following is not None and following.quoted and following.kind == "block"
                and following.node.type == "paragraph" and not source.declared):
            found = find_date(plain(self.inline_of(following)))
            if found is not None:
                date = date or found
                issuer = guess_issuer(plain(self.inline_of(following)))
                description.append(self.quoted.block(following.node))
                consumed = index + 2
                if following.loose_after:
                    self.reporter.note(following.line, "paragraph directly after the quoted "
                                       "heading at line %d (no blank line, no '>') read as "
                                       "the date and description of source %r", item.line,
                                       source.id)
                else:
                    self.reporter.note(following.line, "paragraph after the quoted heading "
                                       "read as the date and description of source %r",
                                       source.id)
                if issuer:
                    self.reporter.note(following.line, "issuer of source %r read as %r (from "
                                       "'…決定')", source.id, issuer)
        if self.undeclared is not None and self.undeclared[0] is source:
            date = date or self.undeclared[1]
            issuer = issuer or self.undeclared[2]
            self.undeclared = None
        if date is None and not source.declared:
            self.reporter.note(item.line, "no date next to source %r; add :date: by hand "
                               "if the paper has one", source.id)
        self.source = source.id
        self.declare(source, item.line, date, issuer, description)
        return consumed

    def named_in_text(self, item: Item) -> None:
        """An introduction naming the quotes' source (``本文章の引用は「[…][id]」``)."""
        inline = self.inline_of(item) if item.node.type == "paragraph" else None
        if inline is None:
            return
        text = inline_plain_text(inline)
        position = intro_link(text)
        link = first_link(inline, position) if position is not None else None
        if link is None:
            return
        source = self.lookup(link, item.line)
        rest = text[position or 0:]
        rest = rest.split(inline_plain_text(link), 1)[-1]
        self.named(source, item.line, find_date(rest), next(
            (issuer for group in _PARENTHESIS_RE.findall(rest)
             if (issuer := guess_issuer(group))), None), "introduction")

    def named_in_heading(self, item: Item, text: str) -> None:
        """An unquoted heading that is the title of one of the post's link definitions."""
        key = title_key(text)
        definition = next((d for d in self.post.definitions if key and title_key(d.title) == key),
                          None)
        if definition is None:
            return
        source, taken = self.sources.find(label=definition.label, url=definition.href or None,
                                          title=definition.title.strip("「」『』 ") or text,
                                          post=self.filename)
        if taken is not None:
            self.reporter.note(item.line, "link label [%s] names another document here than "
                               "in %s; this source gets the id %r", taken,
                               ", ".join(self.sources.by_id[taken].posts), source.id)
        if source.id not in self.used:
            self.used.append(source.id)
        self.named(source, item.line, None, None, "heading")

    def named(self, source: Source, line: int, date: tuple[str, int, int] | None,
              issuer: str | None, where: str) -> None:
        if self.source == source.id:
            return
        self.source = source.id
        if not source.declared:
            self.undeclared = (source, date, issuer, line)
        if where == "heading":
            self.reporter.note(line, "heading names source %r: the quotes after it are "
                               "filed under it", source.id)
        else:
            self.reporter.note(line, "introduction names source %r: the quotes after it "
                               "are filed under it", source.id)
