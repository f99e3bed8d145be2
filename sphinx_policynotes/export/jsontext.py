"""JSON text for the exports: readable, diffable and written fast.

Objects are laid out one key per line and arrays one element per line, and
each element of an array (a quote, a commentary, an annotation) is one line
written by orjson (ten times faster than the standard library's encoder; the
pure-Python one that ``indent`` needs is slower still): a diff of two exports
shows the records that changed. The text is UTF-8 bytes, as written.
"""

from __future__ import annotations

from typing import Any

import orjson

#: Where each element of a list is in the text: ``(start, end)`` byte offsets.
Spans = list[tuple[int, int]]


class Raw:
    """An element of a list that is JSON text already, written as it is
    (unlike ``orjson.Fragment``, without a copy)."""

    __slots__ = ("text",)

    def __init__(self, text: bytes) -> None:
        self.text = text


def dumps(value: Any, *, sort_keys: bool = False,
          spans: dict[int, Spans] | None = None) -> bytes:
    """``value`` as UTF-8 JSON text ending with a newline.

    ``spans`` maps ``id()`` of lists inside ``value`` to empty lists, which
    are filled with where each element of that list is in the text (the
    incremental export takes an unchanged record's text from there next time).
    An element of a list may be :class:`Raw`: JSON text written as it is.
    """
    parts: list[bytes] = []
    _dump(value, 0, orjson.OPT_SORT_KEYS if sort_keys else 0, parts, spans or {})
    parts.append(b"\n")
    return b"".join(parts)  # one copy of the text, however deep the nesting


def _dump(value: Any, level: int, option: int, out: list[bytes],
          spans: dict[int, Spans]) -> None:
    pad = b" " * (level + 1)
    if isinstance(value, dict) and value:
        keys = sorted(value) if option else list(value)
        out.append(b"{\n")
        for n, key in enumerate(keys):
            out.append((b",\n" if n else b"") + pad + orjson.dumps(str(key)) + b": ")
            _dump(value[key], level + 1, option, out, spans)
        out.append(b"\n" + b" " * level + b"}")
    elif isinstance(value, list) and value:
        sep = b",\n" + pad
        out.append(b"[\n" + pad)
        found = spans.get(id(value))
        at = sum(map(len, out)) if found is not None else 0  # a few parts before a list
        for n, item in enumerate(value):
            text = item.text if type(item) is Raw else orjson.dumps(item, option=option)
            if n:
                out.append(sep)
                at += len(sep)
            out.append(text)  # one part per element: the text is joined once, at the end
            if found is not None:
                found.append((at, at + len(text)))
                at += len(text)
        out.append(b"\n" + b" " * level + b"]")
    else:
        out.append(orjson.dumps(value, option=option))
