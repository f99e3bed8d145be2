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
    return _dump(value, 0, orjson.OPT_SORT_KEYS if sort_keys else 0) + b"\n"


def _dump(value: Any, level: int, option: int) -> bytes:
    pad = b" " * (level + 1)
    if isinstance(value, dict) and value:
        keys = sorted(value) if option else list(value)
        body = b",\n".join(pad + orjson.dumps(str(k)) + b": " + _dump(value[k], level + 1, option)
                           for k in keys)
        return b"{\n" + body + b"\n" + b" " * level + b"}"
    if isinstance(value, list) and value:
        body = b",\n".join(pad + orjson.dumps(item, option=option) for item in value)
        return b"[\n" + body + b"\n" + b" " * level + b"]"
    return orjson.dumps(value, option=option)
