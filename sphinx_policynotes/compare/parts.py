"""Split a text into its numbered parts, through a numbering scheme.

A 新旧対照表 compares a revision part by part, so the first step is to find
the parts.  A part starts at a Markdown heading whose text begins with a
number of the scheme (``## ２）教員の働き方改革``) or, unless
``numbered_lines=False``, at a plain line that does (``第十八条　甲は…``).  An
unnumbered heading (``### 政策概要``) starts no part: it belongs to the part
that encloses it, as a reader of the plan sees it.  Text before the first
part is the *preamble*, a part whose key is :data:`PREAMBLE_KEY` (None).

Where a part sits is read from the scheme, not from the heading level: each
level of a scheme has a depth (``１．`` above ``１）`` in ``ja-outline``,
``条`` below ``章`` in ``ja-law``), a new part closes the open parts at its
depth or deeper, and its path is the chain of open parts above it that the
scheme lets it follow (so ``Article 5`` of ``eu``, which starts a path, keys
as ``art_5`` even inside a chapter).  A numbered line that the scheme cannot
place (an ``eu`` point outside an article) is body text.

One number is read per line.  A marker that ends in a letter or a digit
(``ア``, ``第一``, ``Article 5``) must be followed by a space, a separator or
the end of the line, so ``アイデア`` and ``第一に、`` are body text; markers
ending in punctuation (``１．``, ``（１）``, ``①``) need nothing after them.
Fenced code blocks are skipped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..numbering import Scheme, Segment, fold_width, path_key
from ..numbering.reading import DEFAULT_PREFIX, read_level_number

__all__ = ["PREAMBLE_KEY", "Part", "read_number_prefix", "split_parts"]

#: The key of the text before the first numbered part.
PREAMBLE_KEY: None = None

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: What may follow a marker that does not end in punctuation (after width folding).
_DELIMITERS = frozenset(":.,;、。・-")
#: Stripped between a part's number and its title.
_TITLE_STRIP = " \t\u3000:：.．、,，-－—"


@dataclass(frozen=True)
class Part:
    """One part of a text: where it is, how it is numbered, and what it says.

    ``key`` is the locator key of ``path`` (``num_1__rparen_2``), None for the
    preamble and for passages without a readable place; ``label`` is the last
    number as written (``２）``); ``title`` the heading text after the number
    (for a numbered plain line, the rest of the line); ``text`` the body up to
    the next part, surrounding blank lines removed; ``line`` the 1-based line
    the part starts on (0 for passages); ``index`` its position among the
    parts of its text, so two parts with equal fields are still told apart.
    """

    key: str | None
    label: str
    title: str
    text: str
    path: tuple[Segment, ...] = ()
    line: int = 0
    index: int = 0

    @property
    def path_label(self) -> str:
        """The path as written, outermost first: ``１． › ２）``."""
        return " › ".join(segment.label for segment in self.path)

    @property
    def content(self) -> str:
        """Title and body: what is compared."""
        return f"{self.title}\n{self.text}" if self.title else self.text


@functools.lru_cache(maxsize=64)
def _any_level(scheme: Scheme) -> re.Pattern[str]:
    """One pattern matching where any level of ``scheme`` could start (a quick filter)."""
    return re.compile("|".join(f"(?:{level.pattern.pattern})" for level in scheme.levels))


def _self_delimited(char: str) -> bool:
    """Whether a marker ending in ``char`` is complete without a space after it."""
    category = unicodedata.category(char)
    return category[0] in "PS" or category == "No"


def _read_one(scheme: Scheme, level_index: int, folded: str, label: str, prefix: str) -> tuple[
        Segment, int] | None:
    """One segment of the scheme's level ``level_index`` at the start of ``folded``."""
    level = scheme.levels[level_index]
    match = level.pattern.match(folded)
    if match is None or match.end() == 0:
        return None
    num = read_level_number(level, (match[1] or "") if level.pattern.groups else "", prefix)
    if num is None:
        return None
    end, nums = match.end(), [num]
    while level.branch is not None:
        branch = level.branch.match(folded, end)
        extra = None if branch is None or branch.end() == end else read_level_number(
            level, branch[1] or "", prefix)
        if branch is None or extra is None:
            break
        nums.append(extra)
        end = branch.end()
    after = folded[end:end + 1]
    if not (_self_delimited(folded[end - 1]) or not after or after.isspace()
            or after in _DELIMITERS):
        return None
    return Segment(level.name, "-".join(nums), label[:end].strip()), end


def read_number_prefix(line: str, scheme: Scheme, *, prefix: str = DEFAULT_PREFIX) -> list[
        tuple[Segment, int]]:
    """Every reading of a number at the start of ``line``: (segment, end offset).

    In the scheme's level order; the caller keeps the first it can place.
    Leading whitespace is skipped (offsets count it).  Empty when the line
    does not start with a number of the scheme.
    """
    return _readings(line, scheme, prefix, _any_level(scheme))


def _readings(line: str, scheme: Scheme, prefix: str, quick: re.Pattern[str]) -> list[
        tuple[Segment, int]]:
    stripped = line.lstrip(" \t\u3000")
    skip = len(line) - len(stripped)
    folded = fold_width(stripped[:80])
    if quick.match(folded) is None:
        return []
    found = []
    for index in range(len(scheme.levels)):
        one = _read_one(scheme, index, folded, stripped, prefix)
        if one is not None:
            found.append((one[0], one[1] + skip))
    return found


class _Context:
    """The open parts above the current line, outermost first."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.stack: list[Segment] = []

    def depth(self, segment: Segment) -> int:
        return self.scheme.entries(segment.level)[0].depth

    def place(self, segment: Segment) -> tuple[Segment, ...] | None:
        """The path of ``segment`` opened here, or None when the scheme cannot place it."""
        level = self.scheme.entries(segment.level)[0]
        depth = level.depth
        stack = list(self.stack)
        while stack and self.depth(stack[-1]) >= depth:
            stack.pop()
        path = [segment]
        for above in reversed(stack):
            entry = self.scheme.entries(path[0].level)[0]
            if not self.scheme.may_follow(entry, above.level):
                break
            path.insert(0, above)
        if not self.scheme.may_follow(self.scheme.entries(path[0].level)[0], None):
            return None
        self.stack = [*stack, segment]
        return tuple(path)


def _block(lines: Sequence[str]) -> str:
    """Body lines joined, blank lines at either end removed."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(line.rstrip() for line in lines[start:end])


def split_parts(text: str, scheme: Scheme, *, prefix: str = DEFAULT_PREFIX,
                numbered_lines: bool = True) -> tuple[Part, ...]:
    """The parts of ``text`` in document order (see the module docstring).

    ``prefix`` is the project's policy prefix (for ``ja-plan`` policy
    levels).  The preamble is a part only when it holds text.  Every line of
    ``text`` is in exactly one part (as its number and title, or its body).
    """
    context = _Context(scheme)
    quick = _any_level(scheme)
    heads: list[tuple[tuple[Segment, ...] | None, str, int]] = [(None, "", 1)]
    bodies: list[list[str]] = [[]]
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        fence_match = _FENCE_RE.match(line)
        if fence is not None or fence_match is not None:
            if fence is None and fence_match is not None:
                fence = fence_match[1][0] * 3
            elif fence is not None and line.lstrip().startswith(fence):
                fence = None
            bodies[-1].append(line)
            continue
        if not line.strip():
            bodies[-1].append(line)
            continue
        heading = _HEADING_RE.match(line)
        if heading is not None:
            rest = heading[2] or ""
        elif numbered_lines:
            rest = line
        else:
            bodies[-1].append(line)
            continue
        opened = None
        for segment, end in _readings(rest, scheme, prefix, quick):
            path = context.place(segment)
            if path is not None:
                opened = path, rest[end:].strip(_TITLE_STRIP)
                break
        if opened is None:
            bodies[-1].append(line)
            continue
        heads.append((opened[0], opened[1], number))
        bodies.append([])
    parts: list[Part] = []
    for (path, title, line_no), body in zip(heads, bodies, strict=True):
        content = _block(body)
        if path is None:
            if content.strip():
                parts.append(Part(PREAMBLE_KEY, "", "", content, (), line_no, len(parts)))
            continue
        parts.append(Part(path_key(scheme, path), path[-1].label, title, content, path,
                          line_no, len(parts)))
    return tuple(parts)
