"""The texts of quotes and commentaries, read back from beside the doctrees.

:mod:`..read.texts` writes one small JSON file per document as it is read;
pages, the index and the export read them here, one file at a time, cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..read.texts import path_of

if TYPE_CHECKING:
    from ..model import Blocks


class TextStore:
    """Reads the texts back, one document's file at a time, cached."""

    def __init__(self, doctreedir: str | Path) -> None:
        self.doctreedir = Path(doctreedir)
        self._docs: dict[str, dict[str, Any]] = {}

    def _doc(self, docname: str) -> dict[str, Any]:
        if docname not in self._docs:
            try:
                raw = path_of(self.doctreedir, docname).read_bytes()
                self._docs[docname] = dict(orjson.loads(raw))
            except (OSError, ValueError, TypeError):
                self._docs[docname] = {}
        return self._docs[docname]

    def text(self, docname: str, anchor: str) -> str:
        entry = self._doc(docname).get(anchor)
        return str(entry[0]) if entry else ""

    def blocks(self, docname: str, anchor: str) -> Blocks:
        entry = self._doc(docname).get(anchor)
        return tuple((str(k), str(t)) for k, t in entry[1]) if entry else ()

    def has(self, docname: str) -> bool:
        return path_of(self.doctreedir, docname).is_file()
