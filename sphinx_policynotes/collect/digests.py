"""The page digests: per document, what its output shows of other documents.

A document is rewritten when its digest changes (``collect.domain``'s
``env-get-updated``): its labels (source titles, commentaries on its quotes,
quotes its notes discuss, the popups of its links), its indexes, its lineage
tables, what its roles and ``:ref:``s resolve to, its 新旧対照表, and the
``policynotes_*`` settings every page is read with. Each part is hashed as it
is found (records by their own digest), so the pass keeps nothing alive but
one hash per document.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Protocol

from .answers import digest_item as answered
from .answers import response_item, reviewed_sources, table_item
from .diffs import Holder as DiffsHolder
from .diffs import digest_items
from .threads import digest_item

if TYPE_CHECKING:
    from sphinx.config import Config

    from ..model import QuoteRecord, SourceRecord


class Holder(DiffsHolder, Protocol):
    """What the digests read of the ``policynotes`` domain: what the
    comparisons read, and how a role's target resolves."""

    def find(self, typ: str, target: str) -> tuple[str, ...]: ...


def settings_digest(config: Config) -> bytes:
    """A digest of the ``policynotes_*`` values the documents are read with
    (those that re-read them, ``rebuild="env"``: not the export file names)."""
    values = sorted((item.name, item.value) for item in config
                    if item.name.startswith("policynotes_") and item.rebuild == "env")
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def doc_digests(domain: Holder, only: set[str] | None = None) -> dict[str, str]:
    """Per document, the digest of what it shows of other documents (see
    the module docstring); ``only``: the digests of these documents only."""
    pass_ = _Pass(domain, only)
    pass_.sources()
    pass_.quotes()
    pass_.notes()
    pass_.indexes()
    pass_.lineages()
    pass_.references()
    pass_.diffs()
    # What the records are read with: a scheme, prefix or format changed in
    # conf.py changes what every page and the export show of the same records.
    settings = settings_digest(domain.env.config)
    for digest in pass_.hashes.values():
        digest.update(settings)
    return {doc: digest.hexdigest() for doc, digest in pass_.hashes.items()}


class _Pass:
    """One pass over the catalog, adding each part to its document's hash."""

    def __init__(self, domain: Holder, only: set[str] | None) -> None:
        self.domain = domain
        self.catalog = domain.catalog
        self.only = only
        self.hashes: dict[str, Any] = {}

    def wanted(self, docname: str) -> bool:
        return self.only is None or docname in self.only

    def add(self, docname: str, *item: object) -> None:
        digest = self.hashes.get(docname)
        if digest is None:
            digest = self.hashes[docname] = hashlib.blake2b(digest_size=16)
        digest.update(repr(item).encode("utf-8"))

    def source(self, source_id: str | None) -> object:
        found = self.catalog.by_source_id.get(source_id or "")
        return found.digest if found is not None else source_id

    @staticmethod
    def place(record: SourceRecord | QuoteRecord | None) -> object:
        """Where the first of a duplicate is (its warning names it)."""
        return record and (record.docname, record.anchor)

    def notes_of(self, quote: QuoteRecord) -> list[object]:
        return [(c.digest, digest_item(self.catalog, c))
                for c in self.catalog.notes_on.get(quote.anchor, ())]

    def sources(self) -> None:
        catalog, lineage = self.catalog, self.catalog.lineage
        for src in catalog.sources:
            if self.wanted(src.docname):
                self.add(src.docname, src.digest,
                         self.place(catalog.duplicate_sources.get(src.anchor)),
                         self.source(src.continues), lineage.source_unknown.get(src.anchor),
                         src.anchor in lineage.source_cycles)

    def quotes(self) -> None:
        """What a quote's label shows of other documents (its notes: by place
        and author, not text) and of the verification."""
        catalog, lineage, verifier = self.catalog, self.catalog.lineage, self.catalog.verifier
        clashes = self.domain.data["label_clashes"]
        shown_notes = {c.anchor: (c.docname, c.anchor, c.author) for c in catalog.commentaries}
        for quote in catalog.quotes:
            if not self.wanted(quote.docname):
                continue
            anchor = quote.anchor
            continued = lineage.targets.get(anchor)
            self.add(quote.docname, quote.digest, self.source(catalog.source_of(quote)),
                     [shown_notes[c.anchor] for c in catalog.notes_on.get(anchor, ())],
                     verifier.result(quote), verifier.shown_page(quote),
                     verifier.physical_page(quote),
                     self.place(catalog.duplicate_names.get(anchor)), clashes.get(anchor),
                     continued,
                     continued and [q.digest for q in lineage.quotes_of(continued)[:1]],
                     lineage.unknown.get(anchor), lineage.cycles.get(anchor))

    def notes(self) -> None:
        """Commentaries (the quotes they are on, with the text their links'
        popups show), responses and responses tables."""
        catalog = self.catalog
        by_anchor = catalog.by_anchor
        for note in catalog.commentaries:
            if not self.wanted(note.docname):
                continue
            targets = [(by_anchor[a].docname, a, catalog.quote_label(by_anchor[a]),
                        by_anchor[a].digest)
                       for a in catalog.targets.get(note.anchor, ())]
            self.add(note.docname, note.digest, targets, catalog.unknown_names.get(note.anchor),
                     digest_item(catalog, note), answered(catalog, note))
        for response in catalog.responses:
            if self.wanted(response.docname):
                self.add(response.docname, response.digest, response_item(catalog, response))
        for table in catalog.response_tables:
            if self.wanted(table.docname):
                self.add(table.docname, table_item(catalog, table))

    def indexes(self) -> None:
        catalog, lineage, verifier = self.catalog, self.catalog.lineage, self.catalog.verifier
        titles = self.domain.data["titles"]
        for index in catalog.indexes:
            if not self.wanted(index.docname):
                continue
            handed = catalog.handed_over(index)
            groups = [g for g in catalog.groups(index) if g.source not in handed]
            reviewed = reviewed_sources(catalog)
            for group in groups:
                self.add(index.docname, group.source, self.source(group.source),
                         group.source in reviewed)
                for row in group.rows:
                    self.add(index.docname, row.anchor,
                             [(q.digest, self.notes_of(q), verifier.shown_page(q),
                               verifier.physical_page(q)) for q in row.quotes])
            for src_id, own in handed.items():
                self.add(index.docname, src_id, self.source(src_id), own.docname,
                         titles.get(own.docname), catalog.source_counts(src_id),
                         catalog.chapter_starts(own))
            chains = [lineage.chain((row.source, row.policy))
                      for group in groups for row in group.rows]
            if index.coverage:
                shown_cov = []
                for group in catalog.groups(index):
                    cov = verifier.coverage(group.source) if group.source else None
                    shown_cov.append(cov.to_dict() if cov is not None else None)
                self.add(index.docname, shown_cov)
            self.add(index.docname, index.digest, chains,
                     [q.digest for chain in chains for i in chain
                      for q in lineage.quotes_of(i)[:1]])

    def lineages(self) -> None:
        lineage = self.catalog.lineage
        for record in self.catalog.lineage_records:
            if not self.wanted(record.docname):
                continue
            self.add(record.docname, record.digest, [
                (chain, [([q.digest for q in lineage.quotes_of(i)],
                          [self.notes_of(q) for q in lineage.quotes_of(i)])
                         for i in chain], [self.source(i[0]) for i in chain])
                for chain in lineage.chains()])

    def references(self) -> None:
        """What roles and ``:ref:``s resolve to (and a policy link's popup)."""
        domain, catalog = self.domain, self.catalog
        for docname, targets in domain.data["roles"].items():
            if self.wanted(docname):
                self.add(docname, [(typ, target, domain.find(typ, target),
                                    self.previewed(typ, target)) for typ, target in targets])
        std_labels = domain.env.domains.standard_domain.labels
        labels = domain.data["labels"]
        for docname, refs in domain.data["refs"].items():
            names = sorted(n for n in refs if n in labels or n in catalog.by_source_id)
            if names and self.wanted(docname):
                self.add(docname, [(n, std_labels.get(n) if n in labels else
                                    domain.find("source-ref", n)) for n in names])

    def previewed(self, typ: str, target: str) -> str | None:
        """The digest of the quote a role's link shows in its popup (a
        policy's first quote), or None."""
        found = self.domain.find(typ, target)
        if found[0] != "policy":
            return None
        first = self.catalog.first_quote(found[5], found[4])
        return first.digest if first is not None else None

    def diffs(self) -> None:
        domain = self.domain
        if domain.data["diffs"] or any(s.supersedes for s in self.catalog.sources):
            for docname, item in digest_items(domain):
                if self.wanted(docname):
                    self.add(docname, item)

