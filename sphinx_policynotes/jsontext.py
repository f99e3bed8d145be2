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


def dumps(value: Any, *, sort_keys: bool = False) -> bytes:
    """``value`` as UTF-8 JSON text ending with a newline."""
    parts: list[bytes] = []
    _dump(value, 0, orjson.OPT_SORT_KEYS if sort_keys else 0, parts)
    parts.append(b"\n")
    return b"".join(parts)  # one copy of the text, however deep the nesting


def _dump(value: Any, level: int, option: int, out: list[bytes]) -> None:
    pad = b" " * (level + 1)
    if isinstance(value, dict) and value:
        keys = sorted(value) if option else list(value)
        out.append(b"{\n")
        for n, key in enumerate(keys):
            out.append((b",\n" if n else b"") + pad + orjson.dumps(str(key)) + b": ")
            _dump(value[key], level + 1, option, out)
        out.append(b"\n" + b" " * level + b"}")
    elif isinstance(value, list) and value:
        sep = b",\n" + pad
        out.append(b"[\n" + pad)
        out.append(sep.join([orjson.dumps(item, option=option) for item in value]))
        out.append(b"\n" + b" " * level + b"]")
    else:
        out.append(orjson.dumps(value, option=option))
