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


def dumps(value: Any, *, sort_keys: bool = False) -> str:
    """``value`` as JSON text ending with a newline."""
    return _dump(value, 0, sort_keys) + "\n"


def _dump(value: Any, level: int, sort_keys: bool) -> str:
    pad = " " * (level + 1)
    if isinstance(value, dict) and value:
        keys = sorted(value) if sort_keys else list(value)
        body = ",\n".join(f"{pad}{json.dumps(str(k), ensure_ascii=False)}: "
                          f"{_dump(value[k], level + 1, sort_keys)}" for k in keys)
        return "{\n" + body + "\n" + " " * level + "}"
    if isinstance(value, list) and value:
        body = ",\n".join(pad + json.dumps(item, ensure_ascii=False, sort_keys=sort_keys)
                          for item in value)
        return "[\n" + body + "\n" + " " * level + "]"
    return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)
