"""The extension's warning subtypes and the one helper that emits them.

Every warning the extension prints has ``type="policynotes"``, a subtype from
:class:`Warn` and a location, so users can silence one kind with
``suppress_warnings = ["policynotes.<subtype>"]``.
"""

from __future__ import annotations

import enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

TYPE = "policynotes"


class Warn(enum.Enum):
    """Warning subtypes; the docs' reference lists each of them."""

    #: ``source-ref`` without an id argument.
    missing_id = "missing_id"
    #: ``source-ref`` without ``:title:``.
    missing_title = "missing_title"
    #: ``:date:`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    bad_date = "bad_date"
    #: ``:url:`` is not an http(s) URL; the source is not linked.
    bad_url = "bad_url"
    #: A second ``source-ref`` with an id that is already declared.
    duplicate_source = "duplicate_source"
    #: ``:source:`` names a source that no ``source-ref`` declares.
    unknown_source = "unknown_source"
    #: No ``:source:``, no default and not exactly one declared source.
    no_source = "no_source"
    #: ``:chapter:`` is not a chapter number.
    bad_chapter = "bad_chapter"
    #: ``:policy:`` is empty once normalised.
    bad_policy = "bad_policy"
    #: ``:page:`` is not a positive integer.
    bad_page = "bad_page"
    #: A ``policy-quote`` or ``commentary`` without body.
    empty_body = "empty_body"
    #: A quote ``:name:`` used twice, or already a label elsewhere.
    duplicate_name = "duplicate_name"
    #: ``commentary :on:`` names a quote that does not exist.
    unknown_quote = "unknown_quote"
    #: A ``commentary`` with no quote to comment on.
    nothing_to_comment = "nothing_to_comment"
    #: A ``:policy:`` or ``:source-ref:`` target that does not exist.
    unknown_ref = "unknown_ref"
    #: A ``:policy:`` target without source that more than one source has.
    ambiguous_ref = "ambiguous_ref"
    #: ``:continues:`` names no source, policy or quote name that exists.
    unknown_continues = "unknown_continues"
    #: ``:continues:`` links that go round in a circle.
    lineage_cycle = "lineage_cycle"
    #: ``:text:`` or ``:pdf:`` names a missing file or one outside the project.
    bad_path = "bad_path"
    #: The source's PDF cannot be read (no pypdf, or a broken file).
    pdf_text = "pdf_text"
    #: A quote matches its source's text only approximately.
    misquote = "misquote"
    #: A quote is not found in its source's text.
    quote_not_found = "quote_not_found"
    #: A quote is found on another page than its ``:page:``.
    page_mismatch = "page_mismatch"
    #: A directive option the directive does not know.
    unknown_option = "unknown_option"
    #: A ``policynotes_*`` configuration value of the wrong type or form.
    config = "config"


def warn(subtype: Warn, message: str, *args: Any, location: Any = None) -> None:
    """Emit a located, typed warning of the given subtype."""
    logger.warning(
        message,
        *args,
        type=TYPE,
        subtype=subtype.value,
        location=location,
    )
