"""Each record's part of the exports, made again only when what it shows changed.

Why: an edit of one quote used to serialise every record of the project into
``policynotes.json``, ``.jsonld`` and ``.csv`` again, a third of a second at
10,000 quotes, as much as the rest of the rebuild. Now each quote's part (its
JSON line, its JSON-LD annotation when nobody commented on it, its CSV line)
and each commentary's part (its JSON line and its annotation) is taken from
the files the last build wrote, when nothing it shows has changed, and the
files are joined from the parts in export order.

``policynotes-export-parts-<builder>.pickle`` in the doctree folder keeps
where each part is in those files (byte offsets), their sizes and times (a
file changed since is not trusted), and per document the key its records'
parts were made with (see :func:`doc_keys`). What every part depends on (the
builder's page URLs, ``base_url``, the language, the project's name, which
files are written, the extension's version) is the key of the whole store:
when it changes, every part is made again. A store that cannot be read is
ignored, and the parts are made again.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .. import __version__
from ..collect.answers import answers_of
from ..collect.threads import threads_of
from ..model import code_digest
from ..numbering import DEFAULT_SCHEME
from . import jsontext
from .annotations import Annotator, collection, dumps_jsonld
from .csvexport import LineWriter, document, row

if TYPE_CHECKING:
    from ..collect.catalog import Catalog
    from ..model import CommentaryRecord, QuoteRecord
    from .jsontext import Spans

#: The export's format (a new one is written when this changes).
SCHEMA = "sphinx-policynotes/2"
#: The key of the parts store's layout and of what each part holds: the code
#: that makes the export's records and writes them (this package's export
#: modules, the records they read, the threads of replies and the responses).
#: A part made by other code, a new key
#: of the export say, is never reused: no version number to remember to bump.
STORE_FORMAT = (1, code_digest([*Path(__file__).parent.glob("*.py"),
                                Path(__file__).parents[1] / "model.py",
                                Path(__file__).parents[1] / "collect" / "threads.py",
                                Path(__file__).parents[1] / "collect" / "answers.py"]))


class Records:
    """The export's dicts of the catalog's records, each made on first use."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.verifier = catalog.verifier
        self._quotes: dict[str, dict[str, Any]] = {}
        self._notes: dict[str, dict[str, Any]] = {}
        self._sources: list[dict[str, Any]] | None = None

    def page(self, quote: QuoteRecord) -> int | None:
        """The page the export gives: the one shown, when it is a number."""
        shown = self.verifier.shown_page(quote)
        return int(shown) if shown is not None and shown.isdigit() else quote.page

    def quote(self, q: QuoteRecord) -> dict[str, Any]:
        found = self._quotes.get(q.anchor)
        if found is None:
            catalog = self.catalog
            result = self.verifier.result(q)
            locator = catalog.locator(q)
            plan = q.anchor not in catalog.locators or (
                catalog.scheme_of(catalog.source_of(q)).name == DEFAULT_SCHEME)
            found = self._quotes[q.anchor] = {
                "id": q.anchor, "name": q.name, "source": catalog.source_of(q),
                # Filled for ja-plan locators only; other schemes' places are "at".
                "chapter": q.chapter if plan else None,
                "policy": q.policy if plan else None,
                "at": locator.to_json() if locator is not None else None,
                "page": self.page(q),
                "text": catalog.text(q), "docname": q.docname, "anchor": q.anchor,
                "commentaries": [c.anchor for c in catalog.notes_on.get(q.anchor, ())],
                "verified": result.status if result is not None else None,
                "match_score": result.score if result is not None else None}
        return found

    def note(self, c: CommentaryRecord) -> dict[str, Any]:
        found = self._notes.get(c.anchor)
        if found is None:
            answered = threads_of(self.catalog).parent.get(c.anchor)
            responses = answers_of(self.catalog).of.get(c.anchor, ())
            found = self._notes[c.anchor] = {
                "id": c.anchor, "author": c.author, "text": self.catalog.text(c),
                "docname": c.docname, "anchor": c.anchor,
                "quotes": list(self.catalog.targets.get(c.anchor, ())),
                "stance": c.stance, "tags": list(c.tags),
                "reply_to": answered.anchor if answered is not None else None,
                "status": c.status, "decision": c.decision,
                "responses": [{"text": self.catalog.text(r), "by": r.by, "date": r.date}
                              for r in responses]}
        return found

    def clear(self) -> None:
        """Let the quotes' and commentaries' dicts go (once their parts are made)."""
        self._quotes.clear()
        self._notes.clear()

    def sources(self) -> list[dict[str, Any]]:
        if self._sources is None:
            self._sources = [
                {"id": s.id, "title": s.title, "short": s.short, "issuer": s.issuer,
                 "date": s.date, "url": s.url, "docname": s.docname, "anchor": s.anchor}
                for s in sorted(self.catalog.by_source_id.values(), key=lambda s: s.id)]
        return self._sources

    def coverage(self) -> dict[str, Any]:
        covered = {s: self.verifier.coverage(s) for s in sorted(self.catalog.by_source_id)}
        return {s: c.to_dict() for s, c in covered.items() if c is not None}

    def export(self) -> dict[str, Any]:
        """The whole export as a JSON-ready dict; keys are a public contract."""
        catalog = self.catalog
        return {"schema": SCHEMA, "sources": self.sources(),
                "quotes": [self.quote(q) for q in catalog.ordered_quotes()],
                "commentaries": [self.note(c) for c in catalog.commentaries],
                "coverage": self.coverage()}


def doc_keys(catalog: Catalog, world: Mapping[str, str]) -> dict[str, tuple[Any, ...]]:
    """Per document with quotes or commentaries, the key of its records' parts:
    its own digest and those of the documents its parts show something of.

    ``world`` holds each document's digest of what its page shows (see
    :meth:`.PolicyNotesDomain.doc_digests`): its records, its quotes' sources,
    verification and commentaries (by place), its commentaries' quotes. What
    the exports show beyond that, the text of the commentaries on a quote (in
    the CSV) and the text of the quotes a commentary discusses (in its
    annotation), is in the digests of the documents that hold them.
    """
    deps: dict[str, set[str]] = {}
    for q in catalog.quotes:
        found = deps.setdefault(q.docname, set())
        found.update(c.docname for c in catalog.notes_on.get(q.anchor, ()))
    by_anchor = catalog.by_anchor
    answered = threads_of(catalog).parent
    responses = answers_of(catalog).of
    for c in catalog.commentaries:
        found = deps.setdefault(c.docname, set())
        found.update(by_anchor[a].docname for a in catalog.targets.get(c.anchor, ())
                     if a in by_anchor)
        if c.anchor in answered:  # its reply_to, and its annotation's target
            found.add(answered[c.anchor].docname)
        found.update(r.docname for r in responses.get(c.anchor, ()))
    return {doc: (world.get(doc), tuple((d, world.get(d)) for d in sorted(others - {doc})))
            for doc, others in deps.items()}


class Dicts(Mapping[str, Mapping[str, Any]]):
    """Export dicts by id, made on demand: the quotes' (for commentaries'
    targets) or the commentaries' (for replies' targets)."""

    def __init__(self, by_anchor: Mapping[str, Any], make: Callable[[Any], dict[str, Any]],
                 ) -> None:
        self.by_anchor = by_anchor
        self.make = make

    def __getitem__(self, anchor: str) -> Mapping[str, Any]:
        return self.make(self.by_anchor[anchor])

    def __contains__(self, anchor: object) -> bool:
        return anchor in self.by_anchor

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_anchor)

    def __len__(self) -> int:
        return len(self.by_anchor)


@dataclass(frozen=True)
class Files:
    """Which export files are written, by name in the output folder (None: not)."""

    json: str | None
    jsonld: str | None
    csv: str | None


#: A record's part: its text in each file (None where the file is not
#: written, or the record has no part there).
Part = tuple[bytes | None, bytes | None, bytes | None]
#: Where a record's part is: ``(start, end)`` byte offsets in each file, or None.
Place = list[Any]


class PartsStore:
    """Where each record's part is in the files the last build wrote, and the
    key it was made from (see the module docstring)."""

    def __init__(self, path: Path, outdir: Path, files: Files, key: tuple[Any, ...]) -> None:
        self.path = path
        self.outdir = outdir
        self.names = (files.json, files.jsonld, files.csv)
        self.key = (STORE_FORMAT, *key)
        self.docs: dict[str, tuple[Any, ...]] = {}
        self.places: dict[str, Place] = {}
        self.texts: list[bytes | None] = [None, None, None]
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
            if stored["key"] != self.key:
                return
            texts: list[bytes | None] = []
            for name, seen in zip(self.names, stored["files"], strict=True):
                if name is None:
                    texts.append(None)
                    continue
                text = (outdir / name).read_bytes()
                if seen != self._seen(outdir / name, len(text)):
                    return  # changed since: its offsets do not hold
                texts.append(text)
            self.docs, self.places, self.texts = stored["docs"], stored["places"], texts
        except Exception:  # missing, damaged or older: make the parts again
            self.docs, self.places = {}, {}

    @staticmethod
    def _seen(path: Path, size: int | None = None) -> tuple[int, int]:
        stat = path.stat()
        return (stat.st_size if size is None else size, stat.st_mtime_ns)

    def part(self, anchor: str) -> Part | None:
        """The record's part in the last build's files, if it has one there."""
        place = self.places.get(anchor)
        if place is None:
            return None
        j, ld, c = self.texts
        sj, sld, sc = place
        return (None if sj is None or j is None else j[sj[0]:sj[1]],
                None if sld is None or ld is None else ld[sld[0]:sld[1]],
                None if sc is None or c is None else c[sc[0]:sc[1]])

    def save(self, docs: dict[str, tuple[Any, ...]], places: dict[str, Place]) -> None:
        """Remember where this build put each part (after the files are written)."""
        files = [None if name is None else self._seen(self.outdir / name)
                 for name in self.names]
        partial = self.path.with_name(self.path.name + ".partial")
        with partial.open("wb") as stream:
            pickle.dump({"key": self.key, "files": files, "docs": docs, "places": places},
                        stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)


def write_if_changed(path: Path, content: bytes) -> None:
    """Write ``content`` unless the file already holds it (no-op rebuilds touch nothing)."""
    try:
        same = path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        same = False
    if not same:
        path.write_bytes(content)


def write_files(
    catalog: Catalog, world: Mapping[str, str] | None, outdir: Path, store_path: Path,
    files: Files, *, base_url: str | None, language: str | None, label: str | None,
    page_urls: dict[str, str], extra: Mapping[str, Any] | None = None,
) -> int:
    """Write the export files, each record's part taken from the last build's
    files when what it shows is unchanged; returns how many parts were made.

    ``world``: each document's digest (None: unknown, every part is made).
    ``extra``: top-level keys of ``policynotes.json`` after ``coverage``
    (``diffs``), written as they are.
    """
    records = Records(catalog)
    store = PartsStore(store_path, outdir, files,
                       (__version__, SCHEMA, base_url, language, label,
                        tuple(sorted(page_urls.items()))))
    annotator = Annotator(records.sources(), Dicts(catalog.by_anchor, records.quote),
                          base_url, language, page_urls, None,
                          Dicts(catalog.notes_by_anchor, records.note))
    sources = {s["id"]: s for s in records.sources()}
    lines = LineWriter()
    sort_keys = orjson.OPT_SORT_KEYS

    def quote_part(q: QuoteRecord) -> Part:
        d = records.quote(q)
        notes = [records.note(c) for c in catalog.notes_on.get(q.anchor, ())]
        return (_dumps(d) if files.json else None,
                _dumps(annotator.highlighting(d), sort_keys)
                if files.jsonld and not notes else None,
                lines.line(row(d, notes, sources.get(d["source"] or ""), page_urls=page_urls,
                               base_url=base_url)).encode("utf-8") if files.csv else None)

    def note_part(c: CommentaryRecord) -> Part:
        d = records.note(c)
        return (_dumps(d) if files.json else None,
                _dumps(annotator.commenting(d), sort_keys) if files.jsonld else None, None)

    keys = doc_keys(catalog, world or {})
    same = {doc for doc, key in keys.items()
            if world is not None and key[0] is not None and store.docs.get(doc) == key}
    made = 0

    def part(record: QuoteRecord | CommentaryRecord) -> Part | None:
        return store.part(record.anchor) if record.docname in same else None

    # Each file's parts in a list of their own, let go once the file is written.
    def columns(records: Iterable[Any], make: Callable[[Any], Part],
                ) -> tuple[list[bytes | None], ...]:
        nonlocal made
        texts: tuple[list[bytes | None], ...] = ([], [], [])
        for record in records:
            found = part(record)
            if found is None:
                found = make(record)
                made += 1
            for column, text in zip(texts, found, strict=True):
                column.append(text)
        return texts

    ordered = catalog.ordered_quotes()
    quote_texts = columns(ordered, quote_part)
    note_texts = columns(catalog.commentaries, note_part)
    store.texts = [None, None, None]  # the last build's files: every part is taken
    sources_data, coverage = records.sources(), records.coverage()
    records.clear()
    quote_places: list[Place] = [[None, None, None] for _ in ordered]
    note_places: list[Place] = [[None, None, None] for _ in catalog.commentaries]

    if files.json:
        quote_items = _raw(quote_texts[0])
        note_items = _raw(note_texts[0])
        quote_spans: Spans = []
        note_spans: Spans = []
        text = jsontext.dumps({"schema": SCHEMA, "sources": sources_data,
                               "quotes": quote_items, "commentaries": note_items,
                               "coverage": coverage, **(extra or {})},
                              spans={id(quote_items): quote_spans, id(note_items): note_spans})
        del quote_items, note_items
        quote_texts[0].clear()
        note_texts[0].clear()
        write_if_changed(outdir / files.json, text)
        del text
        _place(quote_places, 0, quote_spans)
        _place(note_places, 0, note_spans)
    if files.jsonld:
        # Commentaries in export order, then the quotes nobody commented on.
        owners = note_places + [place for place, t in zip(quote_places, quote_texts[1],
                                                          strict=True) if t is not None]
        items = _raw(note_texts[1] + quote_texts[1])
        quote_texts[1].clear()
        note_texts[1].clear()
        item_spans: Spans = []
        doc = collection(items, base_url=base_url, filename=files.jsonld, label=label)
        text = dumps_jsonld(doc, spans={id(items): item_spans})
        del doc, items
        write_if_changed(outdir / files.jsonld, text)
        del text
        _place(owners, 1, item_spans)
    if files.csv:
        head = document([]).encode("utf-8")  # the byte order mark and the header row
        at = len(head)
        for place, t in zip(quote_places, quote_texts[2], strict=True):
            size = len(t or b"")
            place[2] = (at, at + size)
            at += size
        text = b"".join([head, *(t or b"" for t in quote_texts[2])])
        quote_texts[2].clear()
        write_if_changed(outdir / files.csv, text)

    places = {q.anchor: place for q, place in zip(ordered, quote_places, strict=True)}
    places.update((c.anchor, place)
                  for c, place in zip(catalog.commentaries, note_places, strict=True))
    if made or keys != store.docs:
        store.save(keys, places)
    return made


def _dumps(value: Any, option: int = 0) -> bytes:
    """``orjson.dumps``, in a bytes object of its own size: orjson's keeps the
    buffer it grew (9 KiB for a quote of 1 KiB), and the parts are kept until
    their file is written (at 10,000 quotes, 130 MiB against 40)."""
    return bytes(memoryview(orjson.dumps(value, option=option)))


def _raw(texts: Iterable[bytes | None]) -> list[jsontext.Raw]:
    """JSON texts as list items that ``jsontext.dumps`` writes as they are."""
    return [jsontext.Raw(text) for text in texts if text is not None]


def _place(places: list[Place], column: int, spans: Spans) -> None:
    for place, span in zip(places, spans, strict=True):
        place[column] = span
