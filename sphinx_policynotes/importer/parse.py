"""Parse a blog post with markdown-it and flatten it into the importer's items.

The post is read with markdown-it-py's CommonMark parser (plus tables and the
front matter plugin, both shipped with MyST). Its top level becomes a flat
list of :class:`Item` objects in document order: headings and blocks, each
marked *quoted* when it stood inside a ``>`` block quote, so the converter
never has to look at nesting again.

One looseness of hand-written posts is resolved here: a paragraph (or list)
that directly follows a quoted heading, with no blank line and no ``>``, is
outside the quote for CommonMark (a heading takes no lazy continuation lines)
but inside it for its author. Such a block is marked quoted and
``loose_after`` names the heading's line, so the converter can report it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

__all__ = ["Definition", "FrontMatter", "Item", "ParsedPost", "make_parser", "parse_post"]

_LOOSE_KINDS = frozenset({"paragraph", "bullet_list", "ordered_list"})


@dataclass(frozen=True)
class Item:
    """A heading or a block of the post, in document order (``line`` is 1-based)."""

    kind: Literal["heading", "block"]
    quoted: bool
    node: SyntaxTreeNode
    line: int
    end_line: int
    loose_after: int | None = None

    @property
    def level(self) -> int:
        """The heading level (1-6); 0 for blocks."""
        return int(self.node.tag[1:]) if self.kind == "heading" else 0


@dataclass(frozen=True)
class Definition:
    """A reference link definition ``[label]: url "title"`` as written."""

    label: str
    key: str
    href: str
    title: str
    line: int
    source: str


@dataclass(frozen=True)
class FrontMatter:
    """The post's front matter: its raw text and the values the importer uses."""

    text: str
    values: dict[str, str]

    @property
    def title(self) -> str | None:
        return self.values.get("title") or None


@dataclass
class ParsedPost:
    """Everything the converter needs from the post."""

    items: list[Item] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    front_matter: FrontMatter | None = None

    def definition(self, key: str) -> Definition | None:
        """The first definition of a normalised label (markdown-it's ``meta['label']``)."""
        return next((d for d in self.definitions if d.key == key), None)


def make_parser() -> MarkdownIt:
    """The markdown-it parser the importer (and its no-loss test) read posts with."""
    md = MarkdownIt("commonmark", {"inline_definitions": True, "store_labels": True})
    md.use(front_matter_plugin)
    md.enable("table")
    return md


def _front_matter(text: str) -> FrontMatter:
    values: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line[0] in " \t#-" or ":" not in line:
            continue
        key, _colon, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].strip()
        values.setdefault(key.strip(), value)
    return FrontMatter(text, values)


def _item(kind: Literal["heading", "block"], node: SyntaxTreeNode, quoted: bool,
          loose_after: int | None = None) -> Item:
    start, end = node.map or (0, 0)
    return Item(kind, quoted, node, start + 1, end, loose_after)


def parse_post(text: str) -> ParsedPost:
    """Parse ``text`` and flatten its top level into :class:`Item` objects."""
    lines = text.split("\n")
    tree = SyntaxTreeNode(make_parser().parse(text, {}))
    post = ParsedPost()
    for node in tree.walk():
        if node.type == "definition":
            start, end = node.map or (0, 0)
            meta = node.meta
            post.definitions.append(Definition(
                label=str(meta["label"]), key=str(meta["id"]), href=str(meta["url"]),
                title=str(meta["title"]), line=start + 1,
                source="\n".join(lines[start:end]).strip(),
            ))
    previous: SyntaxTreeNode | None = None
    for node in tree.children:
        if node.type == "front_matter":
            post.front_matter = _front_matter(node.content)
        elif node.type == "heading":
            post.items.append(_item("heading", node, quoted=False))
        elif node.type == "blockquote":
            for child in node.children:
                kind: Literal["heading", "block"] = (
                    "heading" if child.type == "heading" else "block")
                if child.type != "definition":
                    post.items.append(_item(kind, child, quoted=True))
        elif node.type != "definition":
            loose = _loose_after(previous, node)
            post.items.append(_item("block", node, quoted=loose is not None,
                                    loose_after=loose))
        if node.type != "definition":
            previous = node
    return post


def _loose_after(previous: SyntaxTreeNode | None, node: SyntaxTreeNode) -> int | None:
    """The line of the quoted heading ``node`` directly follows, if it does."""
    if (previous is None or previous.type != "blockquote" or node.type not in _LOOSE_KINDS
            or previous.map is None or node.map is None):
        return None
    children = [child for child in previous.children if child.type != "definition"]
    if not children or children[-1].type != "heading" or previous.map[1] != node.map[0]:
        return None
    heading_map = children[-1].map
    return heading_map[0] + 1 if heading_map else None
