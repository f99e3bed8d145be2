"""The collector's resolved view: every record of the project, cross-referenced.

Built from the domain's per-document records once they are all read (and
rebuilt only when they change); answers which source a quote belongs to, which
notes discuss it, how the index is laid out and what a role points to.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..model import (
    Blocks,
    CommentaryRecord,
    IndexRecord,
    LineageRecord,
    QuoteRecord,
    ResponseRecord,
    ResponsesRecord,
    SourceRecord,
)
from ..numbering import (
    DEFAULT_SCHEME,
    Locator,
    Scheme,
    Segment,
    builtin_schemes,
    first_descendant,
    make_anchor,
    make_locator,
    natural_key,
    parse_locator,
    plain_text,
    read_locator,
    scheme_digest,
)
from .lineage import Lineage
from .textstore import TextStore
from .verification import Verifier

if TYPE_CHECKING:
    from ..compare import Comparison


@dataclass(frozen=True)
class Row:
    """One row of an index: a chapter and policy of one source, with its quotes."""

    anchor: str
    source: str | None
    chapter: int | None
    policy: str | None
    quotes: tuple[QuoteRecord, ...]


@dataclass(frozen=True)
class Group:
    """The rows of one source in an index."""

    source: str | None
    rows: tuple[Row, ...]


#: A link's popup shows at most this many characters of the quote.
PREVIEW_CHARS = 280


def _pos(record: Any) -> tuple[str, int]:
    return (record.docname, record.serial)


@dataclass
class Catalog:
    """Everything cross-document, computed from the records in one pass."""

    sources: list[SourceRecord]
    quotes: list[QuoteRecord]
    commentaries: list[CommentaryRecord]
    indexes: list[IndexRecord]
    default_source: str | None = None
    chapter_format: str = "第{}章"
    prefix: str = "方針"
    lineage_records: list[LineageRecord] = field(default_factory=list)
    srcdir: str = ""
    cachedir: str | None = None
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    store: TextStore | None = None
    structure_patterns: tuple[str, ...] | None = None
    #: ``policynotes_index_page_quotes``: above this many quotes, an index over
    #: several sources hands each source with its own index to that index.
    page_quotes: int = 500

    by_source_id: dict[str, SourceRecord] = field(init=False)
    duplicate_sources: dict[str, SourceRecord] = field(init=False)
    quote_source: dict[str, str | None] = field(init=False)
    by_anchor: dict[str, QuoteRecord] = field(init=False)
    by_name: dict[str, QuoteRecord] = field(init=False)
    duplicate_names: dict[str, QuoteRecord] = field(init=False)
    targets: dict[str, tuple[str, ...]] = field(init=False)
    unknown_names: dict[str, tuple[str, ...]] = field(init=False)
    notes_on: dict[str, list[CommentaryRecord]] = field(init=False)
    notes_by_anchor: dict[str, CommentaryRecord] = field(init=False)
    _groups: dict[tuple[str, int], list[Group]] = field(init=False)
    _handed: dict[tuple[str, int], dict[str, IndexRecord]] = field(init=False)
    _ordered: list[QuoteRecord] | None = field(init=False)
    _bucketed: dict[str | None, list[QuoteRecord]] | None = field(init=False)
    _labels: dict[tuple[str, bool], str] = field(init=False)
    _places: dict[tuple[str | None, str], tuple[str, str, int]] | None = field(init=False)
    _covered: dict[tuple[str, int], list[QuoteRecord]] = field(init=False)
    _row_runs: dict[tuple[str, int], list[tuple[int, int]]] = field(init=False)
    _policy_sources: dict[str, list[str]] = field(init=False)
    _lineage: Lineage | None = field(init=False, default=None)
    _verifier: Verifier | None = field(init=False, default=None)
    _quoted: frozenset[str] | None = field(init=False, default=None)
    #: Role target -> its unknown_ref message (with its did-you-mean): the
    #: page digests and the resolution both ask.
    unknown_refs: dict[tuple[str, str], str] = field(init=False, default_factory=dict)
    #: Every numbering scheme by name, and the one of a source without ``:scheme:``.
    schemes: Mapping[str, Scheme] = field(default_factory=builtin_schemes)
    default_scheme: str = DEFAULT_SCHEME
    #: Quote anchor -> its ``:at:`` read with its source's scheme.
    locators: dict[str, Locator] = field(init=False, default_factory=dict)
    #: (new source id, old source id) -> their 新旧対照表 (None: not compared);
    #: lineage reads it for the links ``:supersedes:`` implies.
    compared: Callable[[str, str], Comparison | None] | None = None
    #: The replies of the commentaries (a :class:`.threads.Threads`, made on first use).
    threads: Any = field(init=False, default=None)
    #: ``response`` directives, and ``policy-responses`` tables.
    responses: list[ResponseRecord] = field(default_factory=list)
    response_tables: list[ResponsesRecord] = field(default_factory=list)
    #: Which commentary each response answers (an :class:`.answers.Answers`, made on first use).
    answers: Any = field(init=False, default=None)
    #: The sources with reviewed commentaries (:func:`.answers.reviewed_sources`).
    reviewed: Any = field(init=False, default=None)
    #: Locators read in an earlier build, by (written, scheme digest, prefix):
    #: the environment keeps the ones used (:meth:`placed_remembered`), so a
    #: rebuild does not read the ``:at:`` of every quote again.
    placed_memo: dict[tuple[str, str, str], Locator] = field(default_factory=dict)
    _placed_used: dict[tuple[str, str, str], Locator] = field(init=False, default_factory=dict)
    _scheme_digests: dict[str, str] = field(init=False, default_factory=dict)
    _first_quotes: dict[tuple[str | None, str], QuoteRecord] | None = field(init=False,
                                                                            default=None)
    #: Where :mod:`.derived` keeps the policy places and inventory, and under
    #: which key; whether this catalog made any of them anew.
    derived_key: tuple[str, str] | None = field(init=False, default=None)
    derived_file: str | None = field(init=False, default=None)
    _inventory: list[tuple[str, str, str, str, str, int]] | None = field(init=False,
                                                                           default=None)
    _derived_made = False
    _previews: dict[str, tuple[str, str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.sources.sort(key=_pos)
        self.quotes.sort(key=_pos)
        self.commentaries.sort(key=_pos)
        self.indexes.sort(key=_pos)
        self.responses.sort(key=_pos)
        self.response_tables.sort(key=_pos)
        self.by_source_id = {}
        self.duplicate_sources = {}
        for src in self.sources:
            first = self.by_source_id.setdefault(src.id, src)
            if first is not src:
                self.duplicate_sources[src.anchor] = first
        only = next(iter(self.by_source_id)) if len(self.by_source_id) == 1 else None
        self.quote_source = {
            q.anchor: q.source or self.default_source or only for q in self.quotes
        }
        if any(q.at is not None for q in self.quotes):
            self.quotes = [self._placed(q) if q.at is not None else q for q in self.quotes]
        self.by_anchor = {q.anchor: q for q in self.quotes}
        self.by_name = {}
        self.duplicate_names = {}
        for q in self.quotes:
            if q.name is None:
                continue
            first_q = self.by_name.setdefault(q.name, q)
            if first_q is not q:
                self.duplicate_names[q.anchor] = first_q
        self.targets = {}
        self.unknown_names = {}
        self.notes_on = defaultdict(list)
        self.notes_by_anchor = {c.anchor: c for c in self.commentaries}
        self._groups = {}
        self._handed = {}
        self._ordered = None
        self._bucketed = None
        self._labels = {}
        self._places = None
        self._covered = {}
        self._row_runs = {}
        self._policy_sources = {}
        numbered = {(q.docname, q.number): q.anchor for q in self.quotes}
        for c in self.commentaries:
            if c.on is None:
                found = tuple(numbered[c.docname, n] for n in c.implicit
                              if (c.docname, n) in numbered)
            else:
                found = tuple(dict.fromkeys(
                    self.by_name[n].anchor for n in c.on if n in self.by_name))
                missing = tuple(n for n in c.on if n not in self.by_name)
                if missing:
                    self.unknown_names[c.anchor] = missing
            self.targets[c.anchor] = found
            for anchor in found:
                self.notes_on[anchor].append(c)

    @property
    def lineage(self) -> Lineage:
        """The links of ``:continues:`` (built on first use)."""
        if self._lineage is None:
            self._lineage = Lineage(self, self.prefix)
        return self._lineage

    def forget_lineage(self) -> None:
        """Build the lineage again on next use (the comparisons it reads changed)."""
        self._lineage = None

    @property
    def verifier(self) -> Verifier:
        """Quotes checked against their sources' texts (built on first use)."""
        if self._verifier is None:
            self._verifier = Verifier(self, self.srcdir, self.cachedir, self.memo)
        return self._verifier

    def release(self) -> None:
        """Break the links back to this catalog (lineage, verifier)."""
        self._lineage = None
        self._verifier = None

    # -- locators ----------------------------------------------------------

    def scheme_of(self, source_id: str | None) -> Scheme:
        """The numbering scheme of a source's locators."""
        src = self.by_source_id.get(source_id) if source_id else None
        name = (src.scheme if src is not None else None) or self.default_scheme
        return self.schemes.get(name) or self.schemes[DEFAULT_SCHEME]

    def _placed(self, quote: QuoteRecord) -> QuoteRecord:
        """The quote with the row key its ``:at:`` gives: a ``ja-plan`` locator
        fills chapter and policy as the options do; another scheme's key is the
        quote's policy key within its source (shown as written)."""
        scheme = self.scheme_of(self.quote_source[quote.anchor])
        key = (str(quote.at), self.scheme_digest(scheme), self.prefix)
        locator = self._placed_used.get(key) or self.placed_memo.get(key)
        if locator is None:
            locator = parse_locator(key[0], scheme, prefix=self.prefix)
        self._placed_used[key] = locator
        self.locators[quote.anchor] = locator
        if not locator.ok:
            return replace(quote, chapter=None, policy=None)
        if scheme.name != DEFAULT_SCHEME:
            return replace(quote, chapter=None, policy=locator.key)
        found = {segment.level: segment.num for segment in locator.path}
        chapter = found.get("chp")
        return replace(quote, chapter=int(chapter) if chapter and chapter.isdigit() else None,
                       policy=found.get("policy"))

    def scheme_digest(self, scheme: Scheme) -> str:
        """A digest of a scheme's definition (:func:`.numbering.scheme_digest`), once per scheme."""
        found = self._scheme_digests.get(scheme.name)
        if found is None:
            found = scheme_digest(scheme)
            self._scheme_digests[scheme.name] = found
        return found

    def placed_remembered(self) -> dict[tuple[str, str, str], Locator]:
        """The locators read in this build, to remember for the next one."""
        return dict(self._placed_used)

    def locator(self, quote: QuoteRecord) -> Locator | None:
        """Where the quote sits in its source: its ``:at:``, or the ``ja-plan``
        locator of its chapter and policy; None without either."""
        found = self.locators.get(quote.anchor)
        if found is not None:
            return found
        if quote.chapter is None and quote.policy is None:
            return None
        scheme = self.schemes[DEFAULT_SCHEME]
        path = []
        if quote.chapter is not None:
            path.append(Segment("chp", str(quote.chapter), self.chapter_label(quote.chapter)))
        if quote.policy is not None:
            path.append(Segment("policy", quote.policy, quote.policy))
        return make_locator(scheme, path, " ".join(seg.label for seg in path))

    def find_locator(self, source: str, written: str) -> str | None:
        """The key a role's ``SOURCE:LOCATOR`` names, for a source whose scheme
        is not ``ja-plan``: any written form or the key; a locator above the
        quoted ones (``Article 5`` when ``5(1)(a)`` is quoted) names the first
        of them. None when the scheme cannot read it."""
        scheme = self.scheme_of(source)
        if scheme.name == DEFAULT_SCHEME:
            return None
        wanted = read_locator(written, scheme, prefix=self.prefix)
        if not wanted.ok or wanted.key is None:
            return None
        if self.policy_target(source, wanted.key) is not None:
            return wanted.key
        quoted = [self.locators[q.anchor] for q in self._by_source().get(source, [])
                  if q.anchor in self.locators]
        inside = first_descendant(wanted, quoted)
        return inside.key if inside is not None else wanted.key

    def key_label(self, source: str | None, key: str) -> str:
        """A policy key as shown: the first quote's locator as written, for a
        key of another scheme than ``ja-plan``, else the key."""
        first = self.first_quote(source, key)
        return self.policy_text(first) if first is not None else key

    def first_quote(self, source: str | None, key: str) -> QuoteRecord | None:
        """The first quote of a policy key of a source, in :meth:`quote_order`
        (by chapter, then document and position)."""
        if self._first_quotes is None:
            # The first in :meth:`quote_order`: quotes of one source and key
            # differ there only by chapter, then document and position (the
            # order of ``self.quotes``), so no sort of every quote is needed.
            found: dict[tuple[str | None, str], QuoteRecord] = {}
            ranks: dict[tuple[str | None, str], tuple[bool, int]] = {}
            for quote in self.quotes:
                if quote.policy is None:
                    continue
                where = (self.source_of(quote), quote.policy)
                rank = (quote.chapter is None, quote.chapter or 0)
                if where not in ranks or rank < ranks[where]:
                    found[where], ranks[where] = quote, rank
            self._first_quotes = found
        return self._first_quotes.get((source, key))

    def preview(self, quote: QuoteRecord) -> tuple[str, str]:
        """What a link's popup shows of a quote: its label (source, place,
        page) and its text, cut after :data:`PREVIEW_CHARS` characters (made
        once per quote: many notes link to one quote)."""
        found = self._previews.get(quote.anchor)
        if found is None:
            text = plain_text(self.text(quote))  # Japanese lines joined without spaces
            if len(text) > PREVIEW_CHARS:
                text = text[:PREVIEW_CHARS].rstrip() + "…"
            found = self._previews[quote.anchor] = (self.quote_label(quote), text)
        return found

    def policy_text(self, quote: QuoteRecord) -> str:
        """How a quote's policy key is shown: as written for a locator of
        another scheme than ``ja-plan`` (``Art. 5(1)(a)``), else the key."""
        found = self.locators.get(quote.anchor)
        if found is not None and found.ok and quote.policy == found.key \
                and self.scheme_of(self.quote_source[quote.anchor]).name != DEFAULT_SCHEME:
            return found.label
        return quote.policy or ""

    # -- questions about one record -------------------------------------

    def text(self, record: QuoteRecord | CommentaryRecord | ResponseRecord) -> str:
        """The plain text of a quote or commentary (from the text store)."""
        return self.store.text(record.docname, record.anchor) if self.store else ""

    def blocks(self, record: QuoteRecord | CommentaryRecord | ResponseRecord) -> Blocks:
        """The text of a quote or commentary as paragraphs and list items."""
        return self.store.blocks(record.docname, record.anchor) if self.store else ()

    def source_of(self, quote: QuoteRecord) -> str | None:
        """The source id a quote belongs to (as written when unknown), or None."""
        return self.quote_source[quote.anchor]

    def source_known(self, quote: QuoteRecord) -> bool:
        source = self.source_of(quote)
        return source is not None and source in self.by_source_id

    def source_label(self, source_id: str | None) -> str:
        src = self.by_source_id.get(source_id) if source_id else None
        if src is None:
            return source_id or "?"
        return src.short or src.title or src.id

    def chapter_label(self, chapter: int | None) -> str:
        return self.chapter_format.format(chapter) if chapter is not None else ""

    def quote_label(self, quote: QuoteRecord, *, page: bool = True) -> str:
        """The label a quote is shown and referred to with."""
        key = (quote.anchor, page)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = self._quote_label(quote, page)
        return label

    def _quote_label(self, quote: QuoteRecord, page: bool) -> str:
        parts = [self.source_label(self.source_of(quote)),
                 self.chapter_label(quote.chapter), self.policy_text(quote)]
        if page and quote.page is not None:
            parts.append(f"p. {quote.page}")
        return " ".join(p for p in parts if p)

    # -- orderings -------------------------------------------------------

    def quote_order(self, quote: QuoteRecord) -> tuple[object, ...]:
        source = self.source_of(quote)
        locator = self.locators.get(quote.anchor)
        if locator is not None and locator.ok and quote.policy == locator.key:
            place: tuple[object, ...] = (1, locator.sort_key)  # its scheme's order
        else:
            place = (0, natural_key(quote.policy))
        return (source is None, source or "",
                quote.chapter is None, quote.chapter or 0,
                place, quote.docname, quote.serial)

    def ordered_quotes(self) -> list[QuoteRecord]:
        """Quotes by source id, chapter (None last), policy (None first), place."""
        if self._ordered is None:
            self._ordered = sorted(self.quotes, key=self.quote_order)
        return self._ordered

    # -- the index -------------------------------------------------------

    def index_number(self, index: IndexRecord) -> int:
        same_doc = [i for i in self.indexes if i.docname == index.docname]
        return same_doc.index(index) + 1

    def covers(self, index: IndexRecord, source: str | None) -> bool:
        return index.sources is None or source in index.sources

    def groups(self, index: IndexRecord) -> list[Group]:
        """The index's sources in id order, each with its rows in order."""
        key = (index.docname, index.serial)
        if key not in self._groups:
            self._groups[key] = self._make_groups(index)
        return self._groups[key]

    def index_at(self, docname: str, serial: int) -> IndexRecord | None:
        """The ``policy-index`` record of a placeholder node (docname, serial)."""
        return next((i for i in self.indexes
                     if i.docname == docname and i.serial == serial), None)

    def source_counts(self, source: str | None) -> tuple[int, int]:
        """How many quotes a source has, and how many commentaries discuss them
        (what an index shows of a source it hands over)."""
        quotes = self._by_source().get(source, [])
        notes = {c.anchor for q in quotes for c in self.notes_on.get(q.anchor, ())}
        return len(quotes), len(notes)

    def own_index(self, source: str) -> IndexRecord | None:
        """The first index (by document name, then position) of this source alone."""
        return next((i for i in self.indexes
                     if i.sources is not None and set(i.sources) == {source}), None)

    def handed_over(self, index: IndexRecord) -> dict[str, IndexRecord]:
        """Source -> the index that shows its rows instead of this one.

        An index over several sources that would show more than
        ``page_quotes`` quotes does not repeat the rows of a source that has an
        index of its own: it links there (one page per source, not one page
        of every quote twice). Its group of that source has no rows.
        """
        key = (index.docname, index.serial)
        if key not in self._handed:
            handed: dict[str, IndexRecord] = {}
            several = index.sources is None or len(set(index.sources)) > 1
            if (several and self.page_quotes > 0
                    and len(self._index_quotes(index)) > self.page_quotes):
                names = (self._by_source() if index.sources is None
                         else dict.fromkeys(index.sources))
                for name in names:
                    own = self.own_index(name) if name is not None else None
                    if own is not None and own is not index and name is not None:
                        handed[name] = own
            self._handed[key] = handed
        return self._handed[key]

    def _index_quotes(self, index: IndexRecord) -> list[QuoteRecord]:
        """The quotes an index covers, in order (of the named sources only)."""
        key = (index.docname, index.serial)
        if key not in self._covered:
            if index.sources is None:
                self._covered[key] = self.ordered_quotes()
            else:
                by_source = self._by_source()
                wanted = sorted(set(index.sources), key=lambda s: (s is None, s or ""))
                self._covered[key] = [q for name in wanted for q in by_source.get(name, ())]
        return self._covered[key]

    def _runs(self, index: IndexRecord) -> list[tuple[int, int]]:
        """Each row of an index as (start, end) in its quotes: runs of one source,
        chapter and policy; a quote without either is a row of its own (a source
        quoted without places lists its quotes, not one cell of all of them).
        Rows are numbered from 1 in this order."""
        key = (index.docname, index.serial)
        if key not in self._row_runs:
            quotes = self._index_quotes(index)
            runs: list[tuple[int, int]] = []
            previous: tuple[object, ...] | None = None
            start = 0
            for i, quote in enumerate(quotes):
                this: tuple[object, ...] = (self.source_of(quote), quote.chapter, quote.policy)
                if quote.chapter is None and quote.policy is None:
                    this += (quote.anchor,)
                if this != previous:
                    if i:
                        runs.append((start, i))
                    start, previous = i, this
            if quotes:
                runs.append((start, len(quotes)))
            self._row_runs[key] = runs
        return self._row_runs[key]

    def chapter_starts(self, index: IndexRecord) -> list[tuple[str, int | None]]:
        """(row anchor, chapter) of the first row of each chapter of an index, in
        row order: where a larger index links for a source it hands over."""
        number = str(self.index_number(index))
        handed = self.handed_over(index)
        quotes = self._index_quotes(index)
        starts: list[tuple[str, int | None]] = []
        seen: set[int | None] = set()
        for count, (start, _end) in enumerate(self._runs(index), 1):
            first = quotes[start]
            if first.chapter in seen or self.source_of(first) in handed:
                continue
            seen.add(first.chapter)
            starts.append((make_anchor("pi", index.docname, number, str(count)), first.chapter))
        return starts

    def _make_groups(self, index: IndexRecord) -> list[Group]:
        number = str(self.index_number(index))
        handed = self.handed_over(index)
        quotes = self._index_quotes(index)
        rows_by_source: dict[str | None, list[Row]] = {}
        for count, (start, end) in enumerate(self._runs(index), 1):
            first = quotes[start]
            source = self.source_of(first)
            rows = rows_by_source.setdefault(source, [])
            if source in handed:
                continue  # still counted: the rows after it keep their anchors
            rows.append(Row(anchor=make_anchor("pi", index.docname, number, str(count)),
                            source=source, chapter=first.chapter, policy=first.policy,
                            quotes=tuple(quotes[start:end])))
        names = index.sources if index.sources is not None else tuple(rows_by_source)
        return [Group(s, tuple(rows_by_source.get(s, ()))) for s in dict.fromkeys(names)]

    def _by_source(self) -> dict[str | None, list[QuoteRecord]]:
        """Ordered quotes per source id (built once)."""
        if self._bucketed is None:
            bucketed: dict[str | None, list[QuoteRecord]] = {}
            for quote in self.ordered_quotes():
                bucketed.setdefault(self.source_of(quote), []).append(quote)
            self._bucketed = bucketed
        return self._bucketed

    def _policy_places(self) -> dict[tuple[str | None, str], tuple[str, str, int]]:
        """(source, policy) -> where it is: the row of the first index covering
        the source (docname, index number, row number), else the first quote
        (docname, anchor, 0); built once, row anchors made on demand."""
        if self._places is None:
            places: dict[tuple[str | None, str], tuple[str, str, int]] = {}
            for index in self.indexes:
                handed = self.handed_over(index)
                quotes = self._index_quotes(index)
                number = str(self.index_number(index))
                for count, (start, _end) in enumerate(self._runs(index), 1):
                    first = quotes[start]
                    source = self.source_of(first)
                    if first.policy is not None and source not in handed:
                        places.setdefault((source, first.policy),
                                          (index.docname, number, count))
            sources: dict[str, set[str]] = {}
            for quote in self.ordered_quotes():
                if quote.policy is None:
                    continue
                source = self.source_of(quote)
                places.setdefault((source, quote.policy), (quote.docname, quote.anchor, 0))
                if source is not None:
                    sources.setdefault(quote.policy, set()).add(source)
            self._places = places
            self._policy_sources = {k: sorted(v) for k, v in sources.items()}
            self._derived_made = True
        return self._places

    @property
    def inventory(self) -> list[tuple[str, str, str, str, str, int]] | None:
        """The ``objects.inv`` entries, once made (the domain makes them)."""
        return self._inventory

    def keep_inventory(self, entries: list[tuple[str, str, str, str, str, int]]) -> None:
        """Remember the ``objects.inv`` entries made for this catalog."""
        self._inventory = entries
        self._derived_made = True

    def adopt_derived(self, values: dict[str, Any]) -> None:
        """Take the places and inventory a build with the same key made (:mod:`.derived`)."""
        self._places = values["places"]
        self._policy_sources = values["policy_sources"]
        self._inventory = values.get("inventory")

    def derived_values(self) -> dict[str, Any] | None:
        """The places and inventory to keep, when this catalog made any anew."""
        if not self._derived_made or self._places is None:
            return None
        return {"places": self._places, "policy_sources": self._policy_sources,
                "inventory": self._inventory}

    def policy_target(self, source: str, policy: str) -> tuple[str, str] | None:
        """(docname, anchor) of a policy's row in the first index (by document
        name, then position) covering its source, else of its first quote."""
        place = self._policy_places().get((source, policy))
        if place is None:
            return None
        docname, where, count = place
        return (docname, make_anchor("pi", docname, where, str(count)) if count else where)

    def policy_sources(self, policy: str) -> list[str]:
        """The sources that have quotes with this policy key, in id order."""
        self._policy_places()
        return self._policy_sources.get(policy, [])

    def policy_pairs(self) -> list[tuple[str | None, str]]:
        """Every (source, policy key) that quotes have (what a role may name)."""
        return list(self._policy_places())

    def quoted_sources(self) -> frozenset[str]:
        """The source ids that quotes belong to, declared or not (built once)."""
        if self._quoted is None:
            self._quoted = frozenset(s for s in self.quote_source.values() if s is not None)
        return self._quoted


def fingerprint(records: Iterable[object], *extra: object) -> str:
    """A digest of everything that the rendered labels, index and export show."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(repr(record).encode("utf-8"))
    for item in extra:
        digest.update(repr(item).encode("utf-8"))
    return digest.hexdigest()
