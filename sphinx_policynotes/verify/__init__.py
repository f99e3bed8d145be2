"""Quote verification: match quotes against their source's text (no Sphinx here).

The engine behind ``:text:`` / ``:pdf:`` sources, ``policynotes verify`` and
the coverage view.  Pure functions and small immutable records:

* :mod:`.sourcetext`: :class:`SourceText`, a source's pages, page labels,
  page offset (printed vs physical pages);
* :mod:`.pdftext`: PDF text extraction with pypdf (optional) and its cache;
* :mod:`.normalise`: comparison normalisation with a map back to the source;
* :mod:`.match`: :func:`find_quote` (exact / close / not_found, page, wording);
* :mod:`.diff`: the short character diff of a close match;
* :mod:`.structure`: :func:`find_structure`, the source's chapters and policies;
* :mod:`.coverage`: :func:`coverage`, quoted / commented / untouched policies.

Typical use::

    source = load_pdf("suisinhosin.pdf", cache_dir=".cache")
    match = find_quote(source, quote_text, expected_page=5)
    match.status, match.page, match.printed_page, match.diff_text
    cov = coverage(find_structure(source), quoted={(4, "方針1-1")}, commented=set())
    cov.summary, cov.to_dict()
"""

from __future__ import annotations

from .coverage import (
    ChapterCoverage,
    Coverage,
    KindTotals,
    PolicyCoverage,
    QuoteKey,
    coverage,
)
from .diff import DiffOp, format_diff
from .match import (
    DEFAULT_THRESHOLD,
    Backend,
    Match,
    SourceIndex,
    Status,
    available_backend,
    find_quote,
    prepare,
)
from .normalise import NormalisedText, fold, is_page_number_line, normalise_pages, normalise_text
from .pdftext import MissingDependencyError, PdfTextError, extract_pdf, load_pdf
from .sourcetext import SourceText
from .structure import DEFAULT_PATTERNS, Heading, find_structure, policy_kind

__all__ = [
    "DEFAULT_PATTERNS",
    "DEFAULT_THRESHOLD",
    "Backend",
    "ChapterCoverage",
    "Coverage",
    "DiffOp",
    "Heading",
    "KindTotals",
    "Match",
    "MissingDependencyError",
    "NormalisedText",
    "PdfTextError",
    "PolicyCoverage",
    "QuoteKey",
    "SourceIndex",
    "SourceText",
    "Status",
    "available_backend",
    "coverage",
    "extract_pdf",
    "find_quote",
    "find_structure",
    "fold",
    "format_diff",
    "is_page_number_line",
    "load_pdf",
    "normalise_pages",
    "normalise_text",
    "policy_kind",
    "prepare",
]
