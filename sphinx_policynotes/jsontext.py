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


def dumps(value: Any, *, sort_keys: bool = False,
          spans: dict[int, Spans] | None = None) -> bytes:
    """``value`` as UTF-8 JSON text ending with a newline.

    ``spans`` maps ``id()`` of lists inside ``value`` to empty lists, which
    are filled with where each element of that list is in the text (the
    incremental export takes an unchanged record's text from there next time).
    An element may be an ``orjson.Fragment``: JSON text written as it is.
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
        items = [orjson.dumps(item, option=option) for item in value]
        found = spans.get(id(value))
        if found is not None:
            at = sum(map(len, out))  # a handful of parts: lists are joined first
            for item in items:
                found.append((at, at + len(item)))
                at += len(item) + len(sep)
        out.append(sep.join(items))
        out.append(b"\n" + b" " * level + b"]")
    else:
        out.append(orjson.dumps(value, option=option))
