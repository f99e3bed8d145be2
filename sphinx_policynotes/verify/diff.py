"""A short character diff between a quote and the source span it matched.

The diff is computed on the normalised strings (so full-width vs ASCII digits
or a line break never show up as differences) but every piece it reports is
the *original* text: the quote's own characters and the source's own
characters, with line breaks joined as
:func:`~sphinx_policynotes.numbering.plain_text` does for display.

Read a :class:`DiffOp` as the edit that turns the quote into the source:
``[-う][+とし]`` means the quote has ``う`` where the source has ``とし``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from ..numbering import plain_text
from .normalise import NormalisedText

__all__ = ["CONTEXT", "MAX_HUNKS", "DiffOp", "char_diff", "format_diff"]

#: Source characters of context shown on each side of a differing run.
CONTEXT = 4
#: Differing runs shown by :func:`format_diff` before it elides the rest.
MAX_HUNKS = 5

DiffKind = Literal["replace", "delete", "insert"]


@dataclass(frozen=True)
class DiffOp:
    """One differing run, as the edit turning the quote into the source.

    ``quote`` is what the quote has there (empty for ``insert``), ``source``
    what the source has (empty for ``delete``); ``before`` and ``after`` are
    a few characters of the source's wording around the run.
    """

    kind: DiffKind
    quote: str
    source: str
    before: str
    after: str

    def __str__(self) -> str:
        """Render as ``before[-quote][+source]after``."""
        removed = f"[-{self.quote}]" if self.quote else ""
        added = f"[+{self.source}]" if self.source else ""
        return f"{self.before}{removed}{added}{self.after}"


def _display(text: str) -> str:
    """Join page and line breaks for display (CJK lines join without a space)."""
    return plain_text(text.replace("\f", "\n"))


def char_diff(
    quote: NormalisedText, source: NormalisedText, start: int, end: int
) -> tuple[DiffOp, ...]:
    """Return the differing runs between ``quote`` and ``source.text[start:end]``.

    ``start`` and ``end`` index the normalised source; the result is empty
    when the two normalised strings are equal.
    """
    span = source.text[start:end]
    matcher = difflib.SequenceMatcher(None, quote.text, span, autojunk=False)
    ops: list[DiffOp] = []
    for tag, q1, q2, s1, s2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before_from = max(0, s1 - CONTEXT)
        after_to = min(len(span), s2 + CONTEXT)
        ops.append(
            DiffOp(
                kind=tag,
                quote=_display(quote.original_text(q1, q2)),
                source=_display(source.original_text(start + s1, start + s2)),
                before=_display(source.original_text(start + before_from, start + s1)),
                after=_display(source.original_text(start + s2, start + after_to)),
            )
        )
    return tuple(ops)


def format_diff(ops: tuple[DiffOp, ...] | list[DiffOp], limit: int = MAX_HUNKS) -> str:
    """Render runs as ``…を前提[-う][+とし](オー… / …``, at most ``limit`` of them."""
    shown = [str(op) for op in ops[:limit]]
    if len(ops) > limit:
        shown.append(f"(+{len(ops) - limit} more)")
    return " / ".join(shown)
