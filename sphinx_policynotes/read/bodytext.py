"""Text of directive bodies: CJK line joining in the doctree, plain text for records.

The plain text is what the export and the index show; it is taken at read
time, so a ``:policy:`` role without explicit title counts as the key it
will show once resolved.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from ..model import Blocks
from ..numbering import join_cjk_lines, plain_text, policy_key

#: Nodes whose text is kept exactly as written (no CJK line joining).
VERBATIM = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math,
            nodes.math_block, nodes.doctest_block)
_SKIPPED = (nodes.system_message, nodes.comment, nodes.target)


def _in_verbatim(node: nodes.Node | None) -> bool:
    while node is not None:
        if isinstance(node, VERBATIM):
            return True
        node = node.parent
    return False


def join_cjk(root: nodes.Element, fix: Callable[[str], str] = join_cjk_lines) -> None:
    """Remove source line breaks between two CJK characters under ``root``.

    ``fix`` may do more (``cleaning.clean_text``); it must keep the first and
    last character of what it is given, which serve as context. Works per
    block of text (a paragraph, a title …) across its text nodes, since MyST
    puts each soft line break in a text node of its own and inline markup
    splits a sentence into several.
    """
    for block in list(root.findall(nodes.TextElement)):
        if isinstance(block, nodes.Inline) or _in_verbatim(block):
            continue
        texts = list(block.findall(nodes.Text))
        values = [str(t) for t in texts]
        for i, text in enumerate(texts):
            if not values[i] or _in_verbatim(text.parent):
                continue
            left = next((v[-1] for v in reversed(values[:i]) if v), "")
            right = next((v[0] for v in values[i + 1:] if v), "")
            joined = fix(left + values[i] + right)
            new = joined[len(left):len(joined) - len(right)]
            parent = text.parent
            if new != values[i] and parent is not None:
                values[i] = new
                # By identity: docutils' replace() finds a child by ==, and two
                # text nodes "\n" are equal, so it would replace the first one.
                position = next(n for n, child in enumerate(parent.children) if child is text)
                parent[position] = nodes.Text(new)


def policy_role_text(target: str, prefix: str) -> str:
    """The text a ``:policy:`` role without explicit title shows: its key."""
    tail = target.split(":", 1)[1] if ":" in target else target
    return policy_key(tail, prefix) or target


def node_text(node: nodes.Node, prefix: str) -> str:
    """``astext()``, but with ``:policy:`` roles as the key they will show."""
    if isinstance(node, nodes.Text):
        return node.astext()  # without docutils' \x00 escape markers
    if not isinstance(node, nodes.Element):
        return node.astext()
    if isinstance(node, nodes.raw):
        # A MyST hard line break is raw HTML and LaTeX: a break in plain text.
        return "\n"
    if (isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "policynotes"
            and node.get("reftype") == "policy" and not node.get("refexplicit")):
        return policy_role_text(str(node.get("reftarget", "")), prefix)
    return node.child_text_separator.join(node_text(c, prefix) for c in node.children)


def to_blocks(body: list[nodes.Node], prefix: str) -> Blocks:
    """Plain-text blocks of a body: a paragraph each, a list item each."""
    blocks: list[tuple[str, str]] = []
    for child in body:
        if isinstance(child, _SKIPPED):
            continue
        items = (child.children if isinstance(child, nodes.bullet_list | nodes.enumerated_list)
                 else [child])
        kind = "li" if len(items) and items[0] is not child else "p"
        for item in items:
            text = plain_text(node_text(item, prefix))
            if text:
                blocks.append((kind, text))
    return tuple(blocks)


def body_text(body: list[nodes.Node], prefix: str) -> str:
    """The plain text of a body, as exported."""
    return plain_text("\n\n".join(
        node_text(child, prefix) for child in body if not isinstance(child, _SKIPPED)))
