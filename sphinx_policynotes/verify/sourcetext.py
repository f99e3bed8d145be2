"""The plain text of a quoted source, page by page.

A :class:`SourceText` is what quotes are verified against: one string per
physical page of the source, exactly as extracted (``pdftotext -layout -enc
UTF-8`` output split on form feeds, or pypdf's text per page), plus what is
needed to show the page numbers a reader sees printed on the page.

Physical pages are 1-based positions in the PDF and are what ``#page=N``
links use.  The *printed* page is what the document itself calls the page:

* an explicit ``page_offset`` wins (printed = physical - page_offset, so a
  PDF with two unnumbered cover pages has ``page_offset=2``);
* otherwise the PDF's own page labels, when it has any;
* otherwise the physical number.

The class is immutable and hashable, so prepared comparison data can be cached
per source (see :mod:`sphinx_policynotes.verify.match`), and it round-trips
through a JSON-ready dict for on-disk caches (:mod:`.pdftext`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SourceText"]

_SCHEMA = "sphinx-policynotes-sourcetext/1"


@dataclass(frozen=True)
class SourceText:
    """The text of a source: one string per physical page, in order.

    ``page_labels`` holds one printed label per page when the PDF defines
    labels (None otherwise); ``page_offset`` (None when not given) overrides
    them, see the module docstring.
    """

    pages: tuple[str, ...]
    page_labels: tuple[str, ...] | None = None
    page_offset: int | None = None

    def __post_init__(self) -> None:
        """Reject page labels that do not have one entry per page."""
        if self.page_labels is not None and len(self.page_labels) != len(self.pages):
            raise ValueError(f"{len(self.page_labels)} page labels for {len(self.pages)} pages")

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        page_labels: Sequence[str] | None = None,
        page_offset: int | None = None,
    ) -> SourceText:
        """Split ``text`` into pages on form feeds, as pdftotext writes them.

        pdftotext ends every page, the last one included, with ``\\f``; that
        final empty remainder is not a page.  Text without form feeds is one
        page.
        """
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()
        labels = tuple(page_labels) if page_labels is not None else None
        return cls(tuple(pages), labels, page_offset)

    @classmethod
    def from_file(cls, path: str | Path, *, page_offset: int | None = None) -> SourceText:
        """Read a UTF-8 text file (a BOM is ignored) with :meth:`from_text`."""
        text = Path(path).read_text(encoding="utf-8-sig")
        return cls.from_text(text, page_offset=page_offset)

    def to_text(self) -> str:
        """Return the pages as pdftotext writes them: each one ended by ``\\f``."""
        return "".join(page + "\f" for page in self.pages)

    def with_offset(self, page_offset: int | None) -> SourceText:
        """Return the same text with another ``page_offset``."""
        return SourceText(self.pages, self.page_labels, page_offset)

    @property
    def page_count(self) -> int:
        """Number of physical pages."""
        return len(self.pages)

    def printed_page(self, physical: int) -> str:
        """Return the printed page (label) shown for 1-based ``physical``."""
        if self.page_offset is not None:
            return str(physical - self.page_offset)
        if self.page_labels is not None and 1 <= physical <= len(self.page_labels):
            return self.page_labels[physical - 1]
        return str(physical)

    def physical_page(self, printed: str | int) -> int | None:
        """Return the physical page printed as ``printed``, or None if none is.

        With labels, the first page carrying that label wins; the result is
        always within ``1..page_count``.
        """
        label = str(printed).strip()
        if self.page_offset is not None or self.page_labels is None:
            try:
                number = int(label) + (self.page_offset or 0)
            except ValueError:
                return None
            return number if 1 <= number <= len(self.pages) else None
        for index, candidate in enumerate(self.page_labels, start=1):
            if candidate == label:
                return index
        return None

    @property
    def digest(self) -> str:
        """SHA-256 of the pages and labels: changes exactly when the text does.

        Meant for incremental builds: re-verify a source's quotes only when
        this changes.  ``page_offset`` is not part of it (it changes how pages
        are shown, not what matches).
        """
        payload = json.dumps([list(self.pages), self.page_labels], ensure_ascii=False).encode(
            "utf-8"
        )
        return hashlib.sha256(payload).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (see :meth:`from_dict`)."""
        return {
            "schema": _SCHEMA,
            "pages": list(self.pages),
            "page_labels": list(self.page_labels) if self.page_labels is not None else None,
            "page_offset": self.page_offset,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceText:
        """Rebuild a SourceText from :meth:`to_dict` output; ValueError if malformed."""
        if data.get("schema") != _SCHEMA:
            raise ValueError(f"not a {_SCHEMA} record")
        pages = data.get("pages")
        labels = data.get("page_labels")
        offset = data.get("page_offset")
        if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
            raise ValueError("pages must be a list of strings")
        if labels is not None and (
            not isinstance(labels, list) or not all(isinstance(x, str) for x in labels)
        ):
            raise ValueError("page_labels must be a list of strings or null")
        if offset is not None and (not isinstance(offset, int) or isinstance(offset, bool)):
            raise ValueError("page_offset must be an integer or null")
        return cls(tuple(pages), tuple(labels) if labels is not None else None, offset)
