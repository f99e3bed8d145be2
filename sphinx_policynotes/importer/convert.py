"""Turn the flat items of a parsed post into a MyST page using our directives.

The walk keeps this state:

* the open headings, to write every heading at a level that never jumps more
  than one below its parent (the post's ``#`` title and the ``##`` … ``#####``
  headings inside its quotes become one consistent section tree under the
  page title, so MyST's header-level check passes under ``-W``);
* the numbered parts named by the quoted headings above (a heading closes
  the parts of any heading at its own level or deeper) and by bold
  paragraphs standing alone in the quote (``**（１）業務改革**``, closed by the
  next of their kind or an outer one): the quote's *path*
  (:mod:`.structure`), and the source (:mod:`.citing`);
* the quotes written since the last ``commentary`` (the *group*): the
  author's paragraphs and lists after them become a ``commentary`` on the
  group, or on the quotes of the parts it names (:mod:`.placing`). A note
  that a quote interrupts (a lead-in without a sentence end, ``…の意義``, then
  the quote, then ``に加えて…``) stays one note, after that quote.

The page title (front matter ``title:``, else a leading heading, else the file
name) is the page's only level-1 heading. Quoted blocks under one heading or
bold part become one ``policy-quote``, their text cleaned with
:func:`~sphinx_policynotes.cleaning.clean_text`; quoted headings stay section
headings (only compatibility and private-use characters are mapped); the
author's text is written as it is, and where it follows no quote it stays
plain text. Every judgement call is reported with its line.
"""

from __future__ import annotations

import os
import re

from markdown_it.tree import SyntaxTreeNode

from ..cleaning import clean_text, map_private_use, private_use_chars, unify_text
from .citing import Citing, first_link, plain
from .classify import HeadingInfo, classify_heading
from .markdown import BlockWriter, escape_inline, inline_plain_text
from .options import ImportOptions
from .parse import Item, ParsedPost
from .placing import NoteRecord, QuoteRecord, named_quotes, quote_name
from .reports import Reporter
from .sources import Sources
from .structure import RANK, Token, heading_token

__all__ = ["Converter"]

_QUOTE_MARKERS_RE = re.compile(r"^[ \t]*(?:>[ \t]?)*", re.MULTILINE)
_MAX_LEVEL = 6
#: A note's last line ending so is a sentence; otherwise a lead-in to what follows.
_SENTENCE_END = "。．.！？!?」』）)】"
#: Author text starting so carries on the sentence before the quote it follows.
_CONTINUES = "にとをがはでもやへ、"


def _heading(level: int, text: str) -> str:
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return "#" * level + " " + text


def _unify(text: str) -> str:
    return map_private_use(unify_text(text))


def pseudo_heading_text(nodes: list[SyntaxTreeNode]) -> str | None:
    """The text of a line of a quote that stands as a heading: wholly bold
    (``**（１）…**``, or ``**…**`` that markdown-it left as text), else None."""
    children = [c for c in nodes if not (c.type == "text" and not c.content.strip())]
    if not children:
        return None
    first, rest = children[0], children[1:]
    if rest and rest[0].type not in ("softbreak", "hardbreak"):
        return None
    if first.type == "strong":
        return inline_plain_text(first)
    if first.type == "text":
        line = first.content.strip()
        if line.startswith("**") and line.endswith("**") and len(line) > 4:
            return line[2:-2]
    return None


class Converter(Citing):
    """One post's walk; :func:`.finish.finish` writes it once the schemes are chosen."""

    def __init__(self, post: ParsedPost, options: ImportOptions, sources: Sources,
                 lines: list[str]) -> None:
        self.post = post
        self.options = options
        self.filename = os.path.basename(options.filename)
        self.sources = sources
        self.reporter = Reporter()
        warn = self.reporter.warning
        self.raw_lines = lines
        self.quoted = BlockWriter(clean_text if options.clean else None, warn, self.lazy_line)
        self.titles = BlockWriter(_unify if options.clean else None, warn)
        self.author = BlockWriter(map_private_use if options.clean else None, warn)
        self.out: list[object] = []
        self.base = 0
        self.levels: list[int] = []
        self.context: list[tuple[int, HeadingInfo, Token | None]] = []
        self.pseudo: list[Token] = []
        self.source: str | None = None
        self.used: list[str] = []
        self.undeclared = None
        self.quote_body: list[list[str]] = []
        self.quote_line = 0
        self.quote_where: tuple[str | None, str | None, str | None, list[Token]] = (
            None, None, None, [])
        self.group: list[QuoteRecord] = []
        self.quotes: list[QuoteRecord] = []
        self.notes: list[NoteRecord] = []
        self.author_body: list[list[str]] = []
        self.author_text: list[str] = []
        self.author_lines = (0, 0)
        self.held: tuple[int, list[list[str]], list[str], tuple[int, int], int] | None = None

    def lazy_line(self, line: int) -> str | None:
        """The text of input line ``line`` when it carries a quote on without ``>``."""
        if not 1 <= line <= len(self.raw_lines):
            return None
        text = self.raw_lines[line - 1]
        return None if text.lstrip().startswith(">") or not text.strip() else text

    def where(self) -> tuple[str | None, str | None, str | None, list[Token]]:
        chapter = next((info.chapter for _l, info, _t in reversed(self.context)
                        if info.chapter), None)
        policy = next((info.policy for _l, info, _t in reversed(self.context) if info.policy),
                      None)
        path = [token for _l, _i, token in self.context if token is not None]
        return self.source, chapter, policy, [*path, *self.pseudo]

    # -- the walk -------------------------------------------------------------

    def walk(self) -> None:
        items = self.post.items
        front = self.post.front_matter
        self.out.append(f"% Imported from {self.filename} by `policynotes import`.")
        if front is not None:
            lines = ["% Front matter of the post:"]
            lines.extend(f"% {line}".rstrip() for line in front.text.split("\n"))
            self.out.append("\n".join(lines))
        for number, line in enumerate(self.raw_lines, 1):
            for char in dict.fromkeys(private_use_chars(line)):
                self.reporter.warning(number, "private-use character U+%04X (from a PDF's "
                                      "symbol font?) kept as written; replace it by what "
                                      "it stands for", ord(char))
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
        self.release()
        self.definitions()

    def title(self, items: list[Item]) -> int:
        """Write the page title; return the index of the first item still to walk."""
        self.base = 1
        front = self.post.front_matter
        title = " ".join(front.title.split()) if front is not None and front.title else None
        first = items[0] if items else None
        if first is not None and first.kind == "heading" and not first.quoted:
            inline = self.inline_of(first)
            if title is None or plain(inline) == " ".join(clean_text(title).split()):
                text = self.author.inline_line(inline) if inline is not None else ""
                self.out.append(_heading(1, text or escape_inline(title or "")))
                if inline is not None:
                    self.named_in_heading(first, plain(inline))
                return 1
        if title is None:
            title = os.path.splitext(self.filename)[0]
            self.reporter.note(1, "no title in the front matter and no heading first; the "
                               "page is titled %r after the file", title)
        self.out.append(_heading(1, escape_inline(title)))
        return 0

    def heading(self, items: list[Item], index: int) -> int:
        item = items[index]
        self.flush_quote()
        self.flush_author()
        self.release()
        self.pseudo = []
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
        inline = self.inline_of(item)
        writer = self.titles if item.quoted else self.author
        text = writer.inline_line(inline) if inline is not None else ""
        if text:
            self.out.append(_heading(level, text))
        if inline is None:
            return index + 1
        if not item.quoted:
            self.named_in_heading(item, plain(inline))
            return index + 1
        words = plain(inline)
        link = first_link(inline)
        info = classify_heading(words)
        token = heading_token(words, item.line) if link is None else None
        if info.chapter or info.policy or token is not None:
            self.context.append((item.level, info, token))
        if link is not None:
            return self.source_heading(items, index, link, words)
        if not (info.chapter or info.policy or token):
            _source, chapter, policy, _path = self.where()
            filed = " ".join(part for part in (chapter, policy) if part)
            if filed:
                self.reporter.warning(item.line, "quoted heading %r names no chapter, policy "
                                      "or source; kept as a section heading, the quotes "
                                      "under it are filed under %s", words, filed)
            else:
                self.reporter.warning(item.line, "quoted heading %r names no chapter, policy "
                                      "or source; kept as a section heading, the quotes "
                                      "under it are filed under no chapter", words)
        return index + 1

    def quoted_block(self, item: Item) -> None:
        if item.node.type == "hr":
            self.reporter.note(item.line, "thematic break (---) in a quote dropped")
            return
        if item.loose_after is not None:
            self.reporter.note(item.line, "%s directly after the quoted heading at line %d "
                               "(no blank line, no '>') taken into the quote, as its author "
                               "meant", item.node.type.replace("_", " "), item.loose_after)
        inline = self.inline_of(item) if item.node.type == "paragraph" else None
        if inline is None:
            self.quote_block(item.line, self.quoted.block(item.node))
            return
        for nodes, text in self.quoted.pieces(inline):
            pseudo = pseudo_heading_text(nodes)
            token = heading_token(pseudo, item.line, pseudo=True) if pseudo else None
            if token is not None:
                self.flush_quote()
                while self.pseudo and RANK[self.pseudo[-1].kind] >= RANK[token.kind]:
                    self.pseudo.pop()
                self.pseudo.append(token)
            self.quote_block(item.line, text.split("\n"))

    def quote_block(self, line: int, lines: list[str]) -> None:
        """Add written lines to the quote being gathered (starting one if none)."""
        self.flush_author(before_quote=True)
        if not self.quote_body:
            self.declare_undeclared()
            self.quote_line = line
            self.quote_where = self.where()
        if lines:
            self.quote_body.append(lines)

    def author_block(self, item: Item) -> None:
        if item.node.type == "hr":
            self.reporter.note(item.line, "thematic break (---) dropped")
            return
        self.flush_quote()
        text = inline_plain_text(item.node.children[0]) if (
            item.node.type == "paragraph" and item.node.children) else item.node.content
        if self.held is not None and not self.author_body:
            if text.lstrip()[:1] and text.lstrip()[0] in _CONTINUES:
                slot, body, words, span, _size = self.held
                self.held = None
                self.out[slot] = ""
                self.author_body, self.author_text = body, words
                self.author_lines = span
                self.reporter.note(item.line, "author text carries on the sentence before "
                                   "the quote above (line %d): one note", span[0])
            else:
                self.release()
        if not self.author_body:
            self.author_lines = (item.line, item.end_line)
        self.author_lines = (self.author_lines[0], item.end_line)
        written = self.author.block(item.node)
        if written:
            self.author_body.append(written)
            self.author_text.append(text)
        if not self.quotes:
            self.named_in_text(item)

    def flush_quote(self) -> None:
        if not self.quote_body:
            return
        source, chapter, policy, path = self.quote_where
        if source is None:
            self.reporter.warning(self.quote_line, "quote with no source: no quoted heading "
                                  "before it cites a link definition (the build falls back "
                                  "to policynotes_default_source or the only source)")
        quote = QuoteRecord(self.quote_line, source, chapter, policy, path, self.quote_body)
        if source is not None:
            self.sources.by_id[source].paths.append(path)
        self.out.append(quote)
        self.quotes.append(quote)
        self.group.append(quote)
        self.quote_body = []

    def flush_author(self, *, before_quote: bool = False) -> None:
        if not self.author_body:
            return
        if self.group:
            last = self.author_text[-1].rstrip() if self.author_text else ""
            if before_quote and self.held is None and last and last[-1] not in _SENTENCE_END:
                self.held = (len(self.out), self.author_body, self.author_text,
                             self.author_lines, len(self.group))
                self.out.append("")
            else:
                self.note(self.author_body, self.author_text, self.author_lines[0])
        else:
            self.out.extend("\n".join(block) for block in self.author_body)
            first, last_line = self.author_lines
            if last_line > first:
                self.reporter.note(first, "author text (lines %d-%d) follows no quote, so it "
                                   "comments on nothing; kept as plain text", first, last_line)
            else:
                self.reporter.note(first, "author text (line %d) follows no quote, so it "
                                   "comments on nothing; kept as plain text", first)
        self.author_body, self.author_text = [], []

    def note(self, body: list[list[str]], words: list[str], line: int,
             slot: int | None = None, size: int | None = None) -> None:
        """A commentary on the group (its first ``size`` quotes), or the named ones."""
        group = self.group[:size] if size is not None else self.group
        on = named_quotes("\n".join(words), group)
        record = NoteRecord(line, self.options.author, body, list(group), on)
        if record.named:
            for quote in on:
                if quote.name is None:
                    quote.name = quote_name(os.path.splitext(self.filename)[0],
                                            self.quotes.index(quote) + 1)
        if slot is None:
            self.out.append(record)
        else:
            self.out[slot] = record
        self.notes.append(record)
        self.group = self.group[len(group):]

    def release(self) -> None:
        """Write a held lead-in as a note of its own, where it stood."""
        if self.held is not None:
            slot, body, words, lines, size = self.held
            self.held = None
            self.note(body, words, lines[0], slot, size)

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
