"""Extract a PDF's text page by page with pypdf, and cache it on disk.

pypdf is pure Python, so a build on readthedocs needs neither poppler nor a
network; it is an optional dependency (extra ``pdf``), imported only when a
PDF actually has to be read, with a :class:`MissingDependencyError` telling
how to install it otherwise.

Extraction is slow next to everything else verification does (about a second
for a hundred pages), so :func:`load_pdf` stores the result in ``cache_dir``
as ``pdftext-<sha256 of the PDF>.json`` (a :meth:`SourceText.to_dict` record
plus the extractor's name and version) and reuses it whenever the PDF's bytes
are unchanged, even where pypdf is not installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .sourcetext import SourceText

__all__ = [
    "CACHE_VERSION",
    "MissingDependencyError",
    "PdfTextError",
    "cache_path",
    "extract_pdf",
    "file_sha256",
    "load_pdf",
]

#: Bumped when extraction changes, so older cache files are ignored.
CACHE_VERSION = 1


class PdfTextError(Exception):
    """The PDF could not be read (missing, not a PDF, encrypted, broken)."""


class MissingDependencyError(ImportError):
    """pypdf is needed to read a PDF but is not installed."""


def file_sha256(path: str | Path) -> str:
    """Return the hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_path(cache_dir: str | Path, sha256: str) -> Path:
    """Return the cache file for a PDF whose SHA-256 is ``sha256``."""
    return Path(cache_dir) / f"pdftext-{sha256}.json"


def _import_pypdf() -> Any:
    """Import pypdf lazily, turning its absence into a clear error."""
    try:
        import pypdf
    except ImportError as exc:
        raise MissingDependencyError(
            "reading PDF sources needs pypdf: pip install 'sphinx-policynotes[pdf]' "
            "(or give the source's text with :text: instead)"
        ) from exc
    return pypdf


def extract_pdf(path: str | Path) -> tuple[tuple[str, ...], tuple[str, ...] | None, str]:
    """Return (page texts, page labels or None, extractor id) of a PDF.

    Labels are returned only when the PDF defines ``/PageLabels``; pypdf
    would otherwise invent ``"1"``, ``"2"``, ... which say nothing.  A form
    feed inside a page's text (which would break the page split of a text
    export) becomes a line break.
    """
    pypdf = _import_pypdf()
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = tuple((page.extract_text() or "").replace("\f", "\n") for page in reader.pages)
        root = reader.trailer["/Root"]
        labels: tuple[str, ...] | None = None
        if "/PageLabels" in root:
            labels = tuple(str(label) for label in reader.page_labels)
    except MissingDependencyError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise PdfTextError(f"cannot read text from {path}: {exc}") from exc
    return pages, labels, f"pypdf {pypdf.__version__}"


def _read_cache(file: Path) -> SourceText | None:
    """Return the cached text in ``file``, or None if absent, stale or broken."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("cache_version") != CACHE_VERSION:
            return None
        return SourceText.from_dict(data["text"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(file: Path, text: SourceText, sha256: str, extractor: str) -> None:
    """Write the cache atomically; a cache that cannot be written is skipped."""
    record = {
        "cache_version": CACHE_VERSION,
        "sha256": sha256,
        "extractor": extractor,
        "text": text.with_offset(None).to_dict(),
    }
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".pdftext-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False)
            os.replace(tmp, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return


def load_pdf(
    path: str | Path,
    *,
    cache_dir: str | Path | None = None,
    page_offset: int | None = None,
) -> SourceText:
    """Return a PDF's :class:`SourceText`, from ``cache_dir`` when possible.

    Raises :class:`PdfTextError` when the file cannot be read and
    :class:`MissingDependencyError` when it must be extracted without pypdf.
    """
    try:
        sha256 = file_sha256(path)
    except OSError as exc:
        raise PdfTextError(f"cannot read {path}: {exc}") from exc
    file = cache_path(cache_dir, sha256) if cache_dir is not None else None
    if file is not None:
        cached = _read_cache(file)
        if cached is not None:
            return cached.with_offset(page_offset)
    pages, labels, extractor = extract_pdf(path)
    text = SourceText(pages, labels, page_offset)
    if file is not None:
        _write_cache(file, text, sha256, extractor)
    return text
