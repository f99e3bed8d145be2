"""Directive options read from the content, for the directives a project has thousands of.

docutils parses a directive's options with a nested state machine built for
each directive (about a third of a millisecond each): at 10,000 quotes and
5,000 notes that is several seconds of a build that otherwise costs less.
``policy-quote`` and ``commentary`` therefore declare an option spec that is
*false* as a truth value: docutils and MyST then hand the option lines over as
the first lines of the content, and :func:`take_options` reads them: rST's
with docutils' own field-marker pattern, MyST's (``:key: value`` lines or a
``---`` block) with MyST's own option parser.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from docutils.parsers.rst import directives
from docutils.parsers.rst.states import Body
from docutils.statemachine import StringList

#: docutils' own field marker (``:name:`` then spaces or the end of the line).
FIELD = re.compile(Body.patterns["field_marker"])
_UNESCAPE = re.compile(r"\\(.)")


class AnyOption(dict[str, Any]):
    """An option spec that accepts every option, so unknown ones can warn."""

    @classmethod
    def of(cls, *names: str) -> AnyOption:
        return cls(dict.fromkeys(names, directives.unchanged))

    def __missing__(self, key: str) -> Any:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True


class ContentOptions(AnyOption):
    """:class:`AnyOption` that is false, so the options stay in the content."""

    def __bool__(self) -> bool:
        return False


Found = tuple[dict[str, str], int, list[str]]


def _myst_options(lines: list[str]) -> Found | None:
    """MyST's option block (``---`` fenced, or ``:key: value`` lines), read
    with MyST's own option parser (quoted values, escapes)."""
    from myst_parser.parsers.options import TokenizeError, options_to_items

    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            return None
        block, consumed = textwrap.dedent("\n".join(lines[1:end])), end + 1
    else:
        taken = []
        for line in lines:
            stripped = line.lstrip()
            if not stripped.startswith(":") or stripped.startswith(":::"):
                break
            taken.append(stripped[1:])
        block, consumed = "\n".join(taken), len(taken)
    if not consumed:
        return None
    try:
        items, _state = options_to_items(block)
    except TokenizeError as exc:
        raise ValueError(str(exc.problem)) from None
    options: dict[str, str] = {}
    for key, value in items:
        options.setdefault(str(key).lower(), str(value))
    return options, consumed, [str(k).lower() for k, _v in items]


def _rst_options(lines: list[str]) -> Found | None:
    """rST field-list options, as docutils reads them."""
    values: list[tuple[str, str]] = []
    consumed = 0
    for line in lines:
        match = FIELD.match(line)
        if match:
            marker = match.group(0).rstrip()
            values.append((_UNESCAPE.sub(r"\1", marker[1:-1]).lower(),
                           line[match.end():].strip()))
        elif values and line[:1].isspace() and line.strip():
            name, value = values[-1]
            values[-1] = (name, f"{value}\n{line.strip()}".strip())
        else:
            break
        consumed += 1
    if not consumed:
        return None
    options: dict[str, str] = {}
    for name, value in values:
        options.setdefault(name, value)
    return options, consumed, [name for name, _value in values]


def take_options(content: StringList, offset: int, *, myst: bool
                 ) -> tuple[dict[str, str], StringList, int, list[str], str | None]:
    """Split leading option lines off ``content``.

    Returns the options (name -> text, ``""`` for a flag; of an option given
    twice, the first), the body, the body's line offset and the names given
    more than once, and why an options block could not be read (it then
    stays in the body). rST option lines end at the first blank line, or at
    the first line that neither starts a field nor continues one (indented).
    """
    lines = list(content)
    try:
        found = (_myst_options if myst else _rst_options)(lines) if lines else None
    except ValueError as exc:
        return {}, content, offset, [], str(exc)
    if found is None:
        return {}, content, offset, [], None
    options, consumed, names = found
    twice = sorted({n for n in names if names.count(n) > 1})
    while consumed < len(lines) and not lines[consumed].strip():
        consumed += 1
    return options, content[consumed:], offset + consumed, twice, None
