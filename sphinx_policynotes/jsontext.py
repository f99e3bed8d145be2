"""JSON text for the exports: readable, diffable and written at C speed.

``json.dumps(indent=...)`` falls back to the pure-Python encoder (about ten
times slower: a second for 10,000 annotations). Here objects are laid out one
key per line and arrays one element per line, and each element of an array
(a quote, a commentary, an annotation) is one line written by the C encoder:
a diff of two exports shows the records that changed.
"""

from __future__ import annotations

import json
from typing import Any

_ENCODERS = {sort: json.JSONEncoder(ensure_ascii=False, sort_keys=sort) for sort in (False, True)}


def dumps(value: Any, *, sort_keys: bool = False) -> str:
    """``value`` as JSON text ending with a newline."""
    return _dump(value, 0, _ENCODERS[sort_keys]) + "\n"


def _dump(value: Any, level: int, encoder: json.JSONEncoder) -> str:
    pad = " " * (level + 1)
    if isinstance(value, dict) and value:
        keys = sorted(value) if encoder.sort_keys else list(value)
        body = ",\n".join(f"{pad}{encoder.encode(str(k))}: "
                          f"{_dump(value[k], level + 1, encoder)}" for k in keys)
        return "{\n" + body + "\n" + " " * level + "}"
    if isinstance(value, list) and value:
        encode = encoder.encode  # one encoder for every record: the C one
        body = ",\n".join(pad + encode(item) for item in value)
        return "[\n" + body + "\n" + " " * level + "]"
    return encoder.encode(value)
