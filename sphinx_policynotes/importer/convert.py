"""Turn the flat items of a parsed post into a MyST page using our directives.

The walk keeps three pieces of state:

* the open headings, to write every heading at a level that never jumps more
  than one below its parent (the post's ``#`` title and the ``##`` … ``#####``
  headings inside its quotes become one consistent section tree under the
  page title, so MyST's header-level check passes under ``-W``);
* the chapter and policy named by the quoted headings above (a heading closes
  the chapter or policy of any heading at its own level or deeper), and the
  source named by the last quoted heading that cites a link definition;
* the quotes written since the last ``commentary``: the author's paragraphs
  and lists after them become a ``commentary`` without ``:on:``, which the
  extension attaches to exactly those quotes.

The page title (front matter ``title:``, else a leading heading, else the file
name) is the page's only level-1 heading. Quoted blocks under one heading
become one ``policy-quote``, their text cleaned with
:func:`~sphinx_policynotes.cleaning.clean_text`; quoted headings stay section
headings (only compatibility characters are mapped: their spaces separate a
number from a title); the author's text is written as it is, and where it
follows no quote it stays plain text. Every judgement call is reported with
its line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from markdown_it.tree import SyntaxTreeNode

from ..cleaning import clean_text, unify_text
from ..numbering import safe_url
from .classify import HeadingInfo, classify_heading, find_date, guess_issuer
from .markdown import BlockWriter, escape_inline, fence_for, inline_plain_text, option_value
from .parse import Item, ParsedPost
from .reports import Report, Reporter

__all__ = ["ImportOptions", "ImportResult", "convert"]

_QUOTE_MARKERS_RE = re.compile(r"^[ \t]*(?:>[ \t]?)*", re.MULTILINE)
_MAX_LEVEL = 6


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the commentaries' author, whether to clean quotes, the post's name."""

    author: str | None = None
    clean: bool = True
    filename: str = "post.md"


@dataclass(frozen=True)
class ImportResult:
    """The MyST page, the reports (by line) and what was written."""

    markdown: str
    reports: list[Report]
    sources: list[str] = field(default_factory=list)
    quotes: int = 0
    commentaries: int = 0


def _heading(level: int, text: str) -> str:
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return "#" * level + " " + text


def _first_link(inline: SyntaxTreeNode) -> SyntaxTreeNode | None:
    return next((node for node in inline.walk() if node.type == "link"), None)


def _plain(node: SyntaxTreeNode | None) -> str:
    return " ".join(clean_text(inline_plain_text(node)).split()) if node is not None else ""


class _Converter:
    def __init__(self, post: ParsedPost, options: ImportOptions) -> None:
        self.post = post
        self.options = options
        self.reporter = Reporter()
        warn = self.reporter.warning
        self.quoted = BlockWriter(clean_text if options.clean else None, warn)
        self.titles = BlockWriter(unify_text if options.clean else None, warn)
        self.author = BlockWriter(None, warn)
        self.out: list[str] = []
        self.base = 0
        self.levels: list[int] = []
        self.context: list[tuple[int, HeadingInfo]] = []
        self.source: str | None = None
        self.sources: list[str] = []
        self.quote_body: list[list[str]] = []
        self.quote_line = 0
        self.quote_where: tuple[str | None, str | None, str | None] = (None, None, None)
        self.pending = 0
        self.author_body: list[list[str]] = []
        self.author_lines = (0, 0)
        self.quotes = 0
        self.commentaries = 0

    # -- output ---------------------------------------------------------------

    def directive(self, name: str, argument: str | None,
                  options: list[tuple[str, str | None]], blocks: list[list[str]]) -> None:
        body = "\n\n".join("\n".join(block) for block in blocks)
        fence = fence_for(body)
        lines = [f"{fence}{{{name}}}" + (f" {argument}" if argument else "")]
        lines.extend(f":{key}: {option_value(value)}" for key, value in options if value)
        if body:
            lines.extend(["", body])
        lines.append(fence)
        self.out.append("\n".join(lines))

    def where(self) -> tuple[str | None, str | None, str | None]:
        chapter = next((info.chapter for _l, info in reversed(self.context) if info.chapter),
                       None)
        policy = next((info.policy for _l, info in reversed(self.context) if info.policy),
                      None)
        return self.source, chapter, policy

    # -- the walk -------------------------------------------------------------

    def run(self) -> ImportResult:
        items = self.post.items
        front = self.post.front_matter
        self.out.append(f"% Imported from {os.path.basename(self.options.filename)} "
                        "by `policynotes import`.")
        if front is not None:
            lines = ["% Front matter of the post:"]
            lines.extend(f"% {line}".rstrip() for line in front.text.split("\n"))
            self.out.append("\n".join(lines))
        index = self.title(items)
        while index < len(items):
            item = items[index]
            if item.kind == "heading":
                index = self.heading(items, index)
                continue
            if item.quoted:
                self.quoted_block(item)
            else:
                self.author_block(item)
            index += 1
        self.flush_quote()
        self.flush_author()
        self.definitions()
        return ImportResult("\n\n".join(self.out) + "\n", self.reporter.sorted(),
                            self.sources, self.quotes, self.commentaries)

    def title(self, items: list[Item]) -> int:
        """Write the page title; return the index of the first item still to walk.

        The title is the front matter's ``title:``, else the post's first block
        when it is a heading, else the file name. It is the page's only level-1
        heading: every heading of the post is written below it.
        """
        self.base = 1
        front = self.post.front_matter
        title = " ".join(front.title.split()) if front is not None and front.title else None
        first = items[0] if items else None
        if first is not None and first.kind == "heading" and not first.quoted:
            inline = self._inline(first)
            if title is None or _plain(inline) == " ".join(clean_text(title).split()):
                text = self.author.inline_line(inline) if inline is not None else ""
                self.out.append(_heading(1, text or escape_inline(title or "")))
                return 1
        if title is None:
            title = os.path.splitext(os.path.basename(self.options.filename))[0]
            self.reporter.note(1, "no title in the front matter and no heading first; the "
                               "page is titled %r after the file", title)
        self.out.append(_heading(1, escape_inline(title)))
        return 0

    @staticmethod
    def _inline(item: Item) -> SyntaxTreeNode | None:
        return item.node.children[0] if item.node.children else None

    def heading(self, items: list[Item], index: int) -> int:
        item = items[index]
        self.flush_quote()
        self.flush_author()
        while self.levels and self.levels[-1] >= item.level:
            self.levels.pop()
        while self.context and self.context[-1][0] >= item.level:
            self.context.pop()
        level = self.base + len(self.levels) + 1
        if level > _MAX_LEVEL:
            self.reporter.warning(item.line, "heading nested %d deep; written at level %d, "
                                  "the deepest Markdown has", level, _MAX_LEVEL)
            level = _MAX_LEVEL
        self.levels.append(item.level)
        inline = self._inline(item)
        writer = self.titles if item.quoted else self.author
        text = writer.inline_line(inline) if inline is not None else ""
        if text:
            self.out.append(_heading(level, text))
        if not item.quoted or inline is None:
            return index + 1
        plain = _plain(inline)
        link = _first_link(inline)
        info = classify_heading(plain)
        if info.chapter or info.policy:
            self.context.append((item.level, info))
        if link is not None:
            return self.source_heading(items, index, link, plain)
        if not (info.chapter or info.policy):
            _source, chapter, policy = self.where()
            filed = " ".join(part for part in (chapter, policy) if part)
            if filed:
                self.reporter.warning(item.line, "quoted heading %r names no chapter, policy "
                                      "or source; kept as a section heading, the quotes "
                                      "under it are filed under %s", plain, filed)
            else:
                self.reporter.warning(item.line, "quoted heading %r names no chapter, policy "
                                      "or source; kept as a section heading, the quotes "
                                      "under it are filed under no chapter", plain)
        return index + 1

    def source_heading(self, items: list[Item], index: int, link: SyntaxTreeNode,
                       plain: str) -> int:
        item = items[index]
        href = str(link.attrs.get("href", ""))
        label = link.meta.get("label")
        definition = self.post.definition(str(label)) if label else None
        raw_id = definition.label if definition else f"source-{len(self.sources) + 1}"
        source_id = "-".join(raw_id.split())
        title = _plain(link) or (definition.title if definition else "") or href
        date = find_date(plain)
        issuer: str | None = None
        description: list[list[str]] = []
        consumed = index + 1
        following = items[index + 1] if index + 1 < len(items) else None
        if (following is not None and following.quoted and following.kind == "block"
                and following.node.type == "paragraph"):
            text = _plain(self._inline(following))
            found = find_date(text)
            if found is not None:
                date = date or found
                issuer = guess_issuer(text)
                description.append(self.quoted.block(following.node))
                consumed = index + 2
                if following.loose_after:
                    self.reporter.note(following.line, "paragraph directly after the quoted "
                                       "heading at line %d (no blank line, no '>') read as "
                                       "the date and description of source %r", item.line,
                                       source_id)
                else:
                    self.reporter.note(following.line, "paragraph after the quoted heading "
                                       "read as the date and description of source %r",
                                       source_id)
                if issuer:
                    self.reporter.note(following.line, "issuer of source %r read as %r (from "
                                       "'…決定')", source_id, issuer)
        if date is None:
            self.reporter.note(item.line, "no date next to source %r; add :date: by hand "
                               "if the paper has one", source_id)
        self.source = source_id
        if source_id in self.sources:
            return consumed
        self.sources.append(source_id)
        url = safe_url(href) if href else None
        if href and url is None:
            self.reporter.warning(item.line, "source %r: %r is not an http(s) URL; written "
                                  "without :url:", source_id, href)
        self.directive("source-ref", source_id, [
            ("title", title), ("issuer", issuer), ("date", date[0] if date else None),
            ("url", url),
        ], description)
        return consumed

    def quoted_block(self, item: Item) -> None:
        if item.node.type == "hr":
            self.reporter.note(item.line, "thematic break (---) in a quote dropped")
            return
        self.flush_author()
        if item.loose_after is not None:
            self.reporter.note(item.line, "%s directly after the quoted heading at line %d "
                               "(no blank line, no '>') taken into the quote, as its author "
                               "meant", item.node.type.replace("_", " "), item.loose_after)
        if not self.quote_body:
            self.quote_line = item.line
            self.quote_where = self.where()
        lines = self.quoted.block(item.node)
        if lines:
            self.quote_body.append(lines)

    def author_block(self, item: Item) -> None:
        if item.node.type == "hr":
            self.reporter.note(item.line, "thematic break (---) dropped")
            return
        self.flush_quote()
        if not self.author_body:
            self.author_lines = (item.line, item.end_line)
        self.author_lines = (self.author_lines[0], item.end_line)
        lines = self.author.block(item.node)
        if lines:
            self.author_body.append(lines)

    def flush_quote(self) -> None:
        if not self.quote_body:
            return
        source, chapter, policy = self.quote_where
        if source is None:
            self.reporter.warning(self.quote_line, "quote with no source: no quoted heading "
                                  "before it cites a link definition (the build falls back "
                                  "to policynotes_default_source or the only source)")
        self.directive("policy-quote", None, [
            ("source", source), ("chapter", chapter), ("policy", policy),
        ], self.quote_body)
        self.quote_body = []
        self.pending += 1
        self.quotes += 1

    def flush_author(self) -> None:
        if not self.author_body:
            return
        if self.pending:
            self.directive("commentary", None, [("author", self.options.author)],
                           self.author_body)
            self.pending = 0
            self.commentaries += 1
        else:
            self.out.extend("\n".join(block) for block in self.author_body)
            first, last = self.author_lines
            if last > first:
                self.reporter.note(first, "author text (lines %d-%d) follows no quote, so it "
                                   "comments on nothing; kept as plain text", first, last)
            else:
                self.reporter.note(first, "author text (line %d) follows no quote, so it "
                                   "comments on nothing; kept as plain text", first)
        self.author_body = []

    def definitions(self) -> None:
        if not self.post.definitions:
            return
        lines = ["% Link definitions of the post (its links are written inline above)."]
        seen: set[str] = set()
        for definition in self.post.definitions:
            text = _QUOTE_MARKERS_RE.sub("", definition.source)
            if definition.key in seen:
                self.reporter.note(definition.line, "link definition [%s] repeats an earlier "
                                   "label (Markdown uses the first); kept as a comment",
                                   definition.label)
                text = "\n".join(f"% {line}" for line in text.split("\n"))
            seen.add(definition.key)
            lines.append(text)
        self.out.append("\n".join(lines))


def convert(post: ParsedPost, options: ImportOptions | None = None) -> ImportResult:
    """Convert a parsed post; see the module docstring for the rules."""
    return _Converter(post, options or ImportOptions()).run()
