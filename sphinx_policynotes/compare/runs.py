"""The changed words of a part: its old and new text as runs of equal, inserted, deleted.

Japanese is written without spaces, so a word diff would see a sentence as
one word; a character diff of English marks ``the`` → ``then`` as one
inserted ``n``.  :func:`tokenize` therefore cuts CJK text (kana, kanji,
full-width forms) into single characters and keeps Latin, Hangul and digit
words whole; whitespace runs and other characters are tokens of their own.
Tokens are compared width-folded, so ``１`` and ``1`` are equal (an equal run
shows the new text's spelling).

:func:`diff_runs` diffs line by line first (sentences, cut after ``。``, count
as lines), then token by token within each replaced block of lines: the cost
of :class:`difflib.SequenceMatcher` grows with the product of the lengths,
and a block of lines is small where a whole part may not be.  A block whose
token product exceeds :data:`MAX_TOKEN_PRODUCT` is reported as deleted and
inserted whole rather than diffed slowly, and so is every block once the
comparison's :class:`Budget` is spent.  A short equal text between two
changes is folded into them, so a rewritten sentence reads as one change,
not as a sprinkle of shared particles.  ``autojunk`` is off: on Japanese it
would junk every common character (``の``, ``、``) and misalign the rest.

Runs read both ways: ``equal`` + ``delete`` runs are the old text, ``equal``
+ ``insert`` runs the new one; a writer marks ``insert`` with ``<ins>`` or an
underline and ``delete`` with ``<del>`` or a strike-out; :func:`format_runs`
is the plain-text form ``[+…+]`` / ``[-…-]``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..numbering import fold_width

__all__ = [
    "MAX_TOKEN_PRODUCT",
    "TOKEN_BUDGET",
    "Budget",
    "Run",
    "RunOp",
    "diff_runs",
    "format_runs",
    "new_text",
    "old_text",
    "tokenize",
]

RunOp = Literal["equal", "insert", "delete"]

#: Largest old × new token count diffed token by token within one block of lines
#: (about 0.05 s of difflib on Japanese prose).
MAX_TOKEN_PRODUCT = 4_000_000
#: Token products one comparison may spend in all (about 2 s).
TOKEN_BUDGET = 160_000_000

_CJK = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3100-\u312f\u31f0-\u31ff"
        "\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
        "\U00020000-\U0003ffff")
_TOKEN_RE = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+|\\s+|.", re.DOTALL)
_LINE_RE = re.compile(r"[^\n。]*(?:\n|。\n?|$)")


@dataclass(frozen=True)
class Run:
    """A stretch of text that is the same in both versions, new, or gone."""

    op: RunOp
    text: str


def tokenize(text: str) -> list[str]:
    """``text`` cut into tokens: CJK characters one by one, other words whole."""
    return _TOKEN_RE.findall(text)


def _lines(text: str) -> list[str]:
    """``text`` cut after each line break and each ``。``; joined they are ``text``."""
    return [line for line in _LINE_RE.findall(text) if line]


def _key(token: str) -> str:
    return " " if token.isspace() else fold_width(token)


class Budget:
    """Token products left for one comparison; spent by :func:`diff_runs`.

    Each block costs ``old × new`` tokens; once the budget is spent, blocks
    are reported as deleted and inserted whole, so no pair of texts, however
    rewritten, takes more than about :data:`TOKEN_BUDGET` worth of time.
    """

    def __init__(self, total: int = 0) -> None:
        self.left = total or TOKEN_BUDGET

    def spend(self, cost: int) -> bool:
        """Whether ``cost`` may be spent (and spend it)."""
        if cost > MAX_TOKEN_PRODUCT or cost > self.left:
            return False
        self.left -= cost
        return True


class _Piece:
    """An equal text (``removed`` is None) or a change, as lists of pieces to join."""

    __slots__ = ("added", "removed", "sizes")

    def __init__(self, change: bool) -> None:
        self.removed: list[str] | None = [] if change else None
        self.added: list[str] = []
        self.sizes = [0, 0]  # characters removed, added (equal: added only)

    def take(self, other: _Piece) -> None:
        """Append ``other``'s text (an equal text goes to both sides of a change)."""
        assert self.removed is not None
        if other.removed is None:
            self.removed += other.added
            self.sizes[0] += other.sizes[1]
        else:
            self.removed += other.removed
            self.sizes[0] += other.sizes[0]
        self.added += other.added
        self.sizes[1] += other.sizes[1]


class _Builder:
    """Collects runs as alternating equal texts and changes (deleted and inserted)."""

    def __init__(self) -> None:
        self.items: list[_Piece] = []

    def add(self, op: RunOp, text: str) -> None:
        if not text:
            return
        change = op != "equal"
        if not self.items or (self.items[-1].removed is not None) != change:
            self.items.append(_Piece(change))
        last = self.items[-1]
        if op == "delete":
            assert last.removed is not None
            last.removed.append(text)
            last.sizes[0] += len(text)
        else:
            last.added.append(text)
            last.sizes[1] += len(text)
        if change:
            self._absorb()

    def _absorb(self) -> None:
        """Fold a short equal text between two changes into them.

        ``[-こ-][+支援を届ける+]い[-こ-]…`` reads better as one change: an equal
        text no longer than the changes on both sides of it is chaff of the
        character diff (the rule of diff-match-patch's semantic clean-up).
        """
        items = self.items
        while len(items) >= 3 and items[-2].removed is None:
            before, equal, after = items[-3], items[-2], items[-1]
            if equal.sizes[1] > min(max(before.sizes), max(after.sizes)):
                break
            before.take(equal)
            before.take(after)
            del items[-2:]

    def runs(self) -> tuple[Run, ...]:
        out: list[Run] = []
        for item in self.items:
            if item.removed is None:
                out.append(Run("equal", "".join(item.added)))
                continue
            if item.removed:
                out.append(Run("delete", "".join(item.removed)))
            if item.added:
                out.append(Run("insert", "".join(item.added)))
        return tuple(out)


def _diff_tokens(old: Sequence[str], new: Sequence[str], out: _Builder, budget: Budget) -> None:
    if not budget.spend(len(old) * len(new)):
        out.add("delete", "".join(old))
        out.add("insert", "".join(new))
        return
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in old], [_key(t) for t in new],
                                      autojunk=False)
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            out.add("equal", "".join(new[n1:n2]))
            continue
        out.add("delete", "".join(old[o1:o2]))
        out.add("insert", "".join(new[n1:n2]))


def diff_runs(old: str, new: str, *, budget: Budget | None = None) -> tuple[Run, ...]:
    """The runs turning ``old`` into ``new`` (see the module docstring).

    ``budget`` is shared by the diffs of one comparison; a fresh one when None.
    """
    budget = budget or Budget()
    out = _Builder()
    if old == new:
        out.add("equal", new)
        return out.runs()
    old_lines, new_lines = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(None, [_key(line) for line in old_lines],
                                      [_key(line) for line in new_lines], autojunk=False)
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            out.add("equal", "".join(new_lines[n1:n2]))
        else:
            _diff_tokens(tokenize("".join(old_lines[o1:o2])),
                         tokenize("".join(new_lines[n1:n2])), out, budget)
    return out.runs()


def old_text(runs: Iterable[Run]) -> str:
    """The old text the runs were made from (equal runs in the new spelling)."""
    return "".join(run.text for run in runs if run.op != "insert")


def new_text(runs: Iterable[Run]) -> str:
    """The new text the runs were made from."""
    return "".join(run.text for run in runs if run.op != "delete")


def format_runs(runs: Iterable[Run]) -> str:
    """Plain-text form for text builders: ``変わらない[-古い-][+新しい+]文``."""
    marks = {"equal": "{}", "insert": "[+{}+]", "delete": "[-{}-]"}
    return "".join(marks[run.op].format(run.text) for run in runs)
