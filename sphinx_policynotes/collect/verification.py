"""Quotes checked against their source's own text, on the Sphinx side.

``source-ref :text:`` (plain text, pages split by form feeds) or ``:pdf:``
(extracted with pypdf and cached in the doctree folder) gives a source's text;
each quote of that source is then matched (:func:`.verify.find_quote`) once
per build, and its status, page and wording feed the label, the warnings, the
export and the coverage view. Results are remembered in the domain between
builds, keyed by the source text's digest and the quote, so an edit costs one
match, not ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..model import code_digest
from ..numbering import DEFAULT_SCHEME
from ..verify import (
    DEFAULT_PATTERNS,
    Coverage,
    PdfTextError,
    SourceText,
    coverage,
    find_quote,
    find_structure,
    load_pdf,
)
from ..verify.phrase import search_phrase
from ..verify.placed import Placed, placed_coverage, source_parts
from .kept import kept_file, prune_kept, read_kept, write_kept

if TYPE_CHECKING:
    from ..compare import Part
    from ..model import CommentaryRecord, QuoteRecord, SourceRecord
    from ..numbering import Locator, Scheme


class Records(Protocol):
    """What verification reads of the collected records (a :class:`.catalog.Catalog`)."""

    @property
    def quotes(self) -> list[QuoteRecord]: ...
    @property
    def by_source_id(self) -> dict[str, SourceRecord]: ...
    @property
    def notes_on(self) -> dict[str, list[CommentaryRecord]]: ...
    @property
    def prefix(self) -> str: ...
    @property
    def structure_patterns(self) -> tuple[str, ...] | None: ...
    def source_of(self, quote: QuoteRecord) -> str | None: ...
    def text(self, record: QuoteRecord | CommentaryRecord) -> str: ...
    def scheme_of(self, source_id: str | None) -> Scheme: ...
    def locator(self, quote: QuoteRecord) -> Locator | None: ...
    def scheme_digest(self, scheme: Scheme) -> str: ...

#: Where the parts of source texts are kept, beside the doctrees.
PARTS_FOLDER = "policynotes-parts"
def parts_tag(text_digest: str) -> str:
    """What a text's kept parts are filed under: its digest's start."""
    return text_digest[:16]


def prune_parts(app: Any, env: Any) -> None:
    """``env-updated``: drop the kept parts of texts no source has any more
    (an edited or removed text), so the folder does not grow with each edit."""
    domain = env.get_domain("policynotes")
    tags = {parts_tag(s.text_digest) for s in domain.all_records("sources") if s.text_digest}
    prune_kept(env.doctreedir, PARTS_FOLDER, tags)


#: The code that reads a text's parts: parts kept by other code are read again.
PARTS_CODE = code_digest([*Path(__file__).parents[1].joinpath("compare").glob("*.py"),
                          *Path(__file__).parents[1].joinpath("numbering").glob("*.py"),
                          Path(__file__).parents[1] / "verify" / "placed.py"])

#: Loaded source texts, by (path, digest): shared by the builds of one process
#: (``sphinx-autobuild`` runs many), the :data:`_KEPT` last used only.
_TEXTS: dict[tuple[str, str], SourceText] = {}
_KEPT = 16


@dataclass(frozen=True)
class Result:
    """What the verification of one quote found."""

    status: str  # "exact" | "close" | "not_found"
    score: float
    page: int | None  # physical page where the quote was found
    printed_page: str | None
    wording: str | None  # the source's own wording of the matched span
    diff: str


@dataclass
class Verifier:
    """Source texts, quote matches and coverage of one build."""

    catalog: Records
    srcdir: str
    cachedir: str | None
    memo: dict[tuple[Any, ...], Result]
    errors: dict[str, str] = field(default_factory=dict)  # source id -> why no text
    _used: dict[tuple[Any, ...], Result] = field(default_factory=dict)
    _results: dict[str, Result | None] = field(default_factory=dict)

    def source_text(self, source: SourceRecord) -> SourceText | None:
        """The source's text, loaded once per process, or None."""
        if source.text_path is None or source.text_digest is None:
            return None
        key = (source.text_path, source.text_digest)
        text = _TEXTS.pop(key, None)
        if text is None:
            path = Path(self.srcdir, source.text_path)
            try:
                if source.text_kind == "pdf":
                    text = load_pdf(path, cache_dir=self.cachedir)
                else:
                    text = SourceText.from_file(path)
            except (OSError, ImportError, ValueError, PdfTextError) as exc:
                # Broken, encrypted or not a PDF: warned at its quotes (pdf_text).
                self.errors[source.id] = str(exc)
                return None
            while len(_TEXTS) >= _KEPT:
                del _TEXTS[next(iter(_TEXTS))]  # the least recently used
        _TEXTS[key] = text  # (again) the most recently used
        if source.page_offset is not None:
            text = text.with_offset(source.page_offset)
        return text

    def _source_of(self, quote: QuoteRecord) -> SourceRecord | None:
        return self.catalog.by_source_id.get(self.catalog.source_of(quote) or "")

    def result(self, quote: QuoteRecord) -> Result | None:
        """The verification of a quote; None when its source has no text."""
        if quote.anchor in self._results:
            return self._results[quote.anchor]
        found: Result | None = None
        source = self._source_of(quote)
        # The quote's text is read (from the text store) only when there is a
        # source text to look for it in.
        has_text = source is not None and source.text_digest is not None
        text_of_quote = self.catalog.text(quote) if has_text else ""
        if source is not None and source.text_digest is not None and text_of_quote:
            key = (source.text_digest, source.page_offset, quote.text_digest, quote.page)
            found = self.memo.get(key)
            if found is None:
                text = self.source_text(source)
                if text is not None:
                    expected = text.physical_page(quote.page) if quote.page else None
                    match = find_quote(text, text_of_quote, expected_page=expected)
                    found = Result(match.status, round(float(match.score), 1), match.page,
                                   match.printed_page, match.source_text, match.diff_text)
            if found is not None:
                self._used[key] = found
        self._results[quote.anchor] = found
        return found

    def physical_page(self, quote: QuoteRecord) -> int | None:
        """The PDF page to link to: ``:page:`` read as a printed page, else where found."""
        source = self._source_of(quote)
        text = self.source_text(source) if source is not None else None
        if quote.page is not None:
            return text.physical_page(quote.page) or quote.page if text else quote.page
        result = self.result(quote)
        return result.page if result is not None else None

    def search_phrase(self, quote: QuoteRecord) -> str:
        """What a PDF viewer should search for on the quote's page: a line of
        that page's text inside the quote, or its first words
        (:func:`..verify.phrase.search_phrase`)."""
        source = self._source_of(quote)
        text = self.source_text(source) if source is not None else None
        page = self.physical_page(quote)
        page_text = (text.pages[page - 1] if text is not None and page is not None
                     and 0 < page <= len(text.pages) else None)
        return search_phrase(self.catalog.text(quote), page_text)

    def shown_page(self, quote: QuoteRecord) -> str | None:
        """The page number shown: ``:page:``, else the printed page where found."""
        if quote.page is not None:
            return str(quote.page)
        result = self.result(quote)
        if result is None or result.status == "not_found" or result.page is None:
            return None
        return result.printed_page or str(result.page)

    def coverage(self, source_id: str) -> Coverage | None:
        """Which of the source's chapters and policies are quoted and commented."""
        source = self.catalog.by_source_id.get(source_id)
        text = self.source_text(source) if source is not None else None
        if text is None:
            return None
        scheme = self.catalog.scheme_of(source_id)
        if scheme.name != DEFAULT_SCHEME:
            return self._placed_coverage(source_id, text, scheme)
        quoted = set()
        commented = set()
        for quote in self.catalog.quotes:
            if self.catalog.source_of(quote) != source_id:
                continue
            quoted.add((quote.chapter, quote.policy))
            if self.catalog.notes_on.get(quote.anchor):
                commented.add((quote.chapter, quote.policy))
        patterns = self.catalog.structure_patterns or DEFAULT_PATTERNS
        structure = find_structure(text, patterns, prefix=self.catalog.prefix)
        return coverage(structure, quoted, commented, prefix=self.catalog.prefix)

    def _placed_coverage(self, source_id: str, text: SourceText, scheme: Scheme) -> Coverage:
        """Coverage by the parts of a source of another scheme than ``ja-plan``."""
        quoted: list[Placed] = []
        commented: list[Placed] = []
        for quote in self.catalog.quotes:
            if self.catalog.source_of(quote) != source_id:
                continue
            locator = self.catalog.locator(quote)
            if locator is None or locator.key is None:
                continue
            place = (locator.key, tuple((s.level, s.num) for s in locator.path))
            quoted.append(place)
            if self.catalog.notes_on.get(quote.anchor):
                commented.append(place)
        parts = self._parts(self.catalog.by_source_id[source_id], text, scheme)
        return placed_coverage(text, scheme, quoted, commented, prefix=self.catalog.prefix,
                               parts=parts)

    def _parts(self, source: SourceRecord, text: SourceText, scheme: Scheme
               ) -> tuple[Part, ...]:
        """The parts of a source's text, kept beside the doctrees by the text's
        digest, the scheme's and the reading code's: reading the parts of a
        300,000-character text takes about 0.2 s, loading them a hundredth."""
        prefix = self.catalog.prefix
        if self.cachedir is None or not source.text_digest:
            return source_parts(text, scheme, prefix=prefix)
        key = (source.text_digest, self.catalog.scheme_digest(scheme), prefix, PARTS_CODE)
        path = kept_file(Path(self.cachedir).parent, PARTS_FOLDER, key,
                         tag=parts_tag(source.text_digest))
        found = read_kept(path)
        if isinstance(found, tuple):
            return cast("tuple[Part, ...]", found)
        parts = source_parts(text, scheme, prefix=prefix)
        write_kept(path, parts)
        return parts

    def remembered(self) -> dict[tuple[Any, ...], Result]:
        """The matches used in this build, to remember for the next one."""
        for quote in self.catalog.quotes:
            self.result(quote)
        return dict(self._used)
