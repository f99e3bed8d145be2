"""Write markdown-it syntax trees back out as MyST Markdown.

The importer reads the post with markdown-it and writes every block it keeps
from the parsed tree, not from the source text, so what it writes parses back
to the same text: text is escaped where Markdown (or MyST: ``%`` comments,
``(label)=`` targets, ``:::`` fences, roles) would read it as markup.

* Links are written inline (``[text](url "title")``); the post's reference
  definitions are kept separately by the converter.
* A hard line break at the top level of a paragraph splits the paragraph
  (MyST turns a hard break into raw HTML/LaTeX, which the policy index would
  show as ``<br />``); inside emphasis, links or list items it becomes a soft
  break.
* Quoted passages go through :func:`~sphinx_policynotes.cleaning.clean_text`,
  one run of text between two pieces of markup at a time.
* A hard break at the end of a line that a lazy continuation line (no ``>``)
  carries on inside a word (``…一か所で実`` / ``現する。``) joins the lines
  instead of splitting the paragraph, where ``lazy_line`` says so.
* Bold that CommonMark cannot open or close next to CJK punctuation
  (``で**「法」**を``, ``**（１） **``: markdown-it leaves the asterisks as
  text) is written as the ``{strong}`` role, which MyST renders bold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from ..numbering import is_wide
from .reports import Message
from .structure import heading_token

__all__ = [
    "LITERAL_STRONG",
    "BlockWriter",
    "escape_inline",
    "escape_line_start",
    "fence_for",
    "inline_plain_text",
    "option_value",
]

_INLINE_ESCAPE_RE = re.compile(r"[\\`*_\[\]<|~$]|&(?=#?[0-9A-Za-z]+;)")
_ORDERED_START_RE = re.compile(r"[0-9]{1,9}(?=[.)])")
_TARGET_RE = re.compile(r"\(.*\)=\s*$")
_BACKTICKS_RE = re.compile(r"`+")
_TILDES_RE = re.compile(r"~+")
_HEADING_TAIL_RE = re.compile(r"#+\s*$")
_PLAIN_VALUE_BAD_START = "'\"|>#[]{}&*!%@`,?-"
#: Literal ``**…**`` that markdown-it did not read as bold (CJK punctuation beside it).
LITERAL_STRONG = re.compile(r"\*\*(?=\S)([^*`\n]*?\S)\*\*|\*\*(?=\S)([^*`\n]*?[^\s*])\s+\*\*")
#: Where a line ends a sentence or an item: a hard break there is kept.
_LINE_END = "。．.！？!?」』）)】：:、，,"
_LINE_START = "「『（(【［・•-－‐*＊"

#: Called with (1-based line, message) for what cannot be written faithfully.
WarnFn = Callable[[int, str], None]


def escape_inline(text: str) -> str:
    """Backslash-escape the characters that could start inline markup."""
    return _INLINE_ESCAPE_RE.sub(lambda match: "\\" + match.group(), text)


def escape_line_start(line: str) -> str:
    """Escape a line's first character if it would start a block (list, heading …)."""
    line = line.lstrip(" \t")
    if not line:
        return line
    if line[0] in "#>+-=:%":
        return "\\" + line
    number = _ORDERED_START_RE.match(line)
    if number is not None:
        return line[: number.end()] + "\\" + line[number.end():]
    if _TARGET_RE.match(line):
        return "\\" + line
    return line


def fence_for(body: str, char: str = "`") -> str:
    """A code fence of ``char`` longer than any run of it in ``body`` (at least 3)."""
    runs = (_BACKTICKS_RE if char == "`" else _TILDES_RE).findall(body)
    return char * max(3, 1 + max((len(run) for run in runs), default=0))


def option_value(value: str) -> str:
    """A directive option value, double-quoted when MyST's YAML would misread it."""
    value = " ".join(value.split())
    if value and value[0] not in _PLAIN_VALUE_BAD_START and " #" not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inline_plain_text(node: SyntaxTreeNode) -> str:
    """The text of an inline tree (soft and hard breaks as newlines)."""
    parts: list[str] = []
    for child in node.walk(include_self=False):
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _code_span(content: str) -> str:
    runs = _BACKTICKS_RE.findall(content)
    ticks = "`" * (1 + max((len(run) for run in runs), default=0))
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _destination(href: str, title: str | None) -> str:
    dest = f"<{href}>" if any(ch in href for ch in " ()<>") else href
    if title:
        dest += ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return dest


@dataclass
class BlockWriter:
    """Writes blocks of a markdown-it tree as MyST Markdown lines.

    ``clean`` is applied to every run of text between two pieces of markup
    (``clean_text`` for quoted passages, ``unify_text`` for quoted headings,
    None to keep the text as written); ``warn`` receives what could not be
    kept as it was (a heading nested in a list becomes bold text).
    """

    clean: Callable[[str], str] | None
    warn: WarnFn
    #: The text of a 1-based input line when it is a lazy continuation line of
    #: a quote (written without ``>``), else None.
    lazy_line: Callable[[int], str | None] | None = None

    # -- inline ---------------------------------------------------------------

    def paragraphs(self, inline: SyntaxTreeNode, *, split: bool = True) -> list[str]:
        """The paragraph text(s) of an inline node; split at top-level hard breaks."""
        return [text for _nodes, text in self.pieces(inline, split=split)]

    def pieces(self, inline: SyntaxTreeNode, *, split: bool = True) -> list[
            tuple[list[SyntaxTreeNode], str]]:
        """The pieces of an inline node between top-level hard breaks (that do not
        join a word, see :meth:`_joins`): their nodes and written text; empty
        pieces left out."""
        pieces: list[list[SyntaxTreeNode]] = [[]]
        line = (inline.map[0] + 1) if inline.map else 0
        for child in inline.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            if child.type == "hardbreak" and split and not self._joins(pieces[-1], line):
                pieces.append([])
            else:
                pieces[-1].append(child)
        out: list[tuple[list[SyntaxTreeNode], str]] = []
        for piece in pieces:
            text = self._inline(piece).strip(" \t\n")
            if text:
                out.append((piece, "\n".join(escape_line_start(line)
                                             for line in text.split("\n"))))
        return out

    def _joins(self, before: list[SyntaxTreeNode], line: int) -> bool:
        """Whether a hard break before ``line`` (a lazy continuation line) splits a
        word: Japanese on both sides, no sentence or item end before it, and
        neither line starting with a number or a bracket."""
        if self.lazy_line is None or not line:
            return False
        after = self.lazy_line(line)
        if after is None or not before or before[-1].type != "text":
            return False
        previous = "".join(node.content for node in before if node.type == "text")
        previous = previous.split("\n")[-1].rstrip()
        after = after.strip()
        return bool(previous and after and is_wide(previous[-1]) and is_wide(after[0])
                    and previous[-1] not in _LINE_END and after[0] not in _LINE_START
                    and heading_token(after) is None and heading_token(previous) is None)

    def inline_line(self, inline: SyntaxTreeNode) -> str:
        """An inline node as one line (for headings and table cells)."""
        text = self._inline(inline.children)
        lines = [line.strip(" \t") for line in text.split("\n")]
        joined = lines[0] if lines else ""
        for line in lines[1:]:
            if joined and line and is_wide(joined[-1]) and is_wide(line[0]):
                joined += line
            else:
                joined += " " + line if joined and line else line
        return joined

    def _inline(self, children: list[SyntaxTreeNode]) -> str:
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                out.append(self._text("".join(run)))
                run.clear()

        for child in children:
            kind = child.type
            if kind == "text":
                run.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                run.append("\n")
            else:
                flush()
                out.append(self._markup(child))
        flush()
        return "".join(out)

    def _text(self, text: str) -> str:
        """A run of text, cleaned and escaped; literal ``**…**`` written bold."""
        out: list[str] = []
        position = 0
        for match in LITERAL_STRONG.finditer(text):
            inner = match.group(1) or match.group(2)
            out.append(self._plain(text[position:match.start()]))
            out.append("{strong}`" + (self.clean(inner) if self.clean else inner) + "`")
            position = match.end()
        out.append(self._plain(text[position:]))
        return "".join(out)

    def _plain(self, text: str) -> str:
        return escape_inline(self.clean(text) if self.clean else text)

    def _markup(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "code_inline":
            return _code_span(node.content)
        if kind == "em":
            return "*" + self._inline(node.children) + "*"
        if kind == "strong":
            return "**" + self._inline(node.children) + "**"
        if kind == "s":
            return "~~" + self._inline(node.children) + "~~"
        if kind == "link":
            href = str(node.attrs.get("href", ""))
            title = node.attrs.get("title")
            if node.markup == "autolink":
                return f"<{href}>"
            text = self._inline(node.children)
            return f"[{text}]({_destination(href, str(title) if title else None)})"
        if kind == "image":
            src = str(node.attrs.get("src", ""))
            title = node.attrs.get("title")
            alt = escape_inline(node.content)
            return f"![{alt}]({_destination(src, str(title) if title else None)})"
        if kind == "html_inline":
            return node.content
        return escape_inline(node.content) + self._inline(node.children)

    # -- blocks ---------------------------------------------------------------

    def blocks(self, nodes: list[SyntaxTreeNode], *, top: bool = True) -> list[str]:
        """Lines for a sequence of sibling blocks, separated by blank lines."""
        lines: list[str] = []
        for node in nodes:
            block = self.block(node, top=top)
            if block:
                if lines:
                    lines.append("")
                lines.extend(block)
        return lines

    def block(self, node: SyntaxTreeNode, *, top: bool = True) -> list[str]:
        """Lines for one block (no surrounding blank lines)."""
        kind = node.type
        line = (node.map[0] + 1) if node.map else 0
        if kind == "paragraph":
            inline = node.children[0] if node.children else None
            if inline is None:
                return []
            paragraphs = self.paragraphs(inline, split=top)
            return "\n\n".join(paragraphs).split("\n") if paragraphs else []
        if kind in ("bullet_list", "ordered_list"):
            return self._list(node)
        if kind == "blockquote":
            inner = self.blocks(node.children, top=top)
            return [f"> {text}" if text else ">" for text in inner]
        if kind == "fence":
            fence = fence_for(node.content, node.markup[:1] or "`")
            return [fence + node.info, *node.content.rstrip("\n").split("\n"), fence]
        if kind == "code_block":
            fence = fence_for(node.content)
            return [fence, *node.content.rstrip("\n").split("\n"), fence]
        if kind == "html_block":
            return node.content.rstrip("\n").split("\n")
        if kind == "table":
            return self._table(node)
        if kind == "heading":
            text = self.inline_line(node.children[0]) if node.children else ""
            self.warn(line, Message("heading %r inside a quote or list cannot be a section "
                                    "there; written as bold text",
                                    inline_plain_text(node.children[0])))
            return [f"**{text}**"] if text else []
        if kind == "hr":
            self.warn(line, Message("thematic break (---) dropped: a transition is not allowed "
                                "here"))
            return []
        if kind in ("definition", "front_matter"):
            return []
        self.warn(line, Message("unknown Markdown block %r; its text is kept as written", kind))
        return [escape_line_start(escape_inline(text)) for text in node.content.split("\n")]

    def _list(self, node: SyntaxTreeNode) -> list[str]:
        ordered = node.type == "ordered_list"
        number = int(node.attrs.get("start", 1)) if ordered else 0
        loose = any(
            child.type == "paragraph" and not child.hidden
            for item in node.children for child in item.children
        )
        lines: list[str] = []
        for item in node.children:
            marker = f"{number}{item.markup or '.'} " if ordered else f"{item.markup or '-'} "
            number += 1
            body = self.blocks(item.children, top=False)
            if lines and loose:
                lines.append("")
            if not body:
                lines.append(marker.rstrip())
                continue
            indent = " " * len(marker)
            lines.append(marker + body[0])
            lines.extend(indent + text if text else "" for text in body[1:])
        return lines

    def _table(self, node: SyntaxTreeNode) -> list[str]:
        rows: list[list[str]] = []
        aligns: list[str] = []
        for section in node.children:
            for row in section.children:
                cells: list[str] = []
                for cell in row.children:
                    text = self.inline_line(cell.children[0]) if cell.children else ""
                    cells.append(text)
                    if section.type == "thead":
                        style = str(cell.attrs.get("style", ""))
                        aligns.append(style.rpartition(":")[2])
                rows.append(cells)
        if not rows:
            return []
        rule = {"left": ":--", "right": "--:", "center": ":-:"}
        lines = ["| " + " | ".join(rows[0]) + " |",
                 "| " + " | ".join(rule.get(a, "---") for a in aligns) + " |"]
        lines.extend("| " + " | ".join(cells) + " |" for cells in rows[1:])
        return lines
