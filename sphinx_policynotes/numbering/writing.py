"""Writing locators: a path rendered back to a written form its scheme reads.

Each level may carry a ``format`` (``第{}条``) and a ``branch_format``
(``の{}``); :func:`segment_forms` fills them with every written form of the
number (``第三条``, ``第3条``) and keeps those the level itself reads back to
the same segment, so a rendering is never one the scheme would misread.
:func:`render_locator` joins one form per segment and checks that the whole
reads back to the path.  Used to show a locator given only as a key, and by
the property tests (path → written → path → key).
"""

from __future__ import annotations

from collections.abc import Sequence

from .locators import Segment
from .numerals import int_to_kanji, write_number
from .reading import DEFAULT_PREFIX, parse_locator, read_segment
from .schemes import Level, Scheme

__all__ = ["render_locator", "segment_forms"]


def _number_forms(level: Level, num: str) -> list[str]:
    """Written forms of one (branch-free) number of ``level``, preferred first."""
    if level.numerals == "policy":
        return [num]
    if level.numerals == "chapter":
        return [num, int_to_kanji(int(num))] if num.isdigit() else []
    return write_number(level.numerals, num, kana=level.kana)


def _level_forms(level: Level, num: str) -> list[str]:
    """Written forms of ``num`` through ``level``'s formats (not yet checked)."""
    if level.format is None:
        return []
    nums = num.split("-") if level.branch is not None else [num]
    if len(nums) > 1 and level.branch_format is None:
        return []
    choices = [_number_forms(level, part) for part in nums]
    if not all(choices):
        return []
    forms = []
    for index in range(len(choices[0])):
        text = level.format.replace("{}", choices[0][index], 1)
        for part in choices[1:]:
            assert level.branch_format is not None
            text += level.branch_format.replace("{}", part[min(index, len(part) - 1)], 1)
        forms.append(text)
    return forms


def segment_forms(scheme: Scheme, segment: Segment, previous: str | None = None, *,
                  prefix: str = DEFAULT_PREFIX) -> list[str]:
    """Every written form of ``segment`` that ``scheme`` reads back, preferred first."""
    forms: list[str] = []
    for level in scheme.entries(segment.level):
        if not scheme.may_follow(level, previous):
            continue
        for text in _level_forms(level, segment.num):
            read = read_segment(level, text, scheme, previous=previous, prefix=prefix)
            if read == segment and text not in forms:
                forms.append(text)
    return forms


def render_locator(scheme: Scheme, path: Sequence[Segment], *, joiner: str = " ",
                   prefix: str = DEFAULT_PREFIX) -> str | None:
    """A written form of ``path`` that reads back to it, or None if there is none."""
    written = []
    previous: str | None = None
    for segment in path:
        forms = segment_forms(scheme, segment, previous, prefix=prefix)
        if not forms:
            return None
        written.append(forms[0])
        previous = segment.level
    text = joiner.join(written)
    if not path or parse_locator(text, scheme, prefix=prefix).path != tuple(path):
        return None
    return text
