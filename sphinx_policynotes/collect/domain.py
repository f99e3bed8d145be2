"""The ``policynotes`` domain: the one home of cross-document state.

Records are kept per document (so ``clear_doc`` and ``merge_domaindata`` are
exact); the resolved :class:`~.catalog.Catalog` is derived from them and
cached until they change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.environment import CONFIG_OK
from sphinx.roles import XRefRole

from .. import nodes as pn
from ..config import schemes
from ..i18n import _
from ..model import (
    CommentaryRecord,
    DiffRecord,
    IndexRecord,
    LineageRecord,
    QuoteRecord,
    ResponseRecord,
    ResponsesRecord,
    SourceRecord,
)
from ..numbering import policy_key
from ..read.directives import PAGE_SOURCE
from ..read.texts import path_of
from ..warnings import Held, Warn, close_matches, did_you_mean, format_message, suggestion, warn
from . import derived
from .catalog import Catalog, fingerprint
from .digests import doc_digests
from .inventory import inventory_entries, link_remote, short_key
from .links import previews_on, refnode
from .textstore import TextStore
from .threads import targets_of

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_KINDS = ("sources", "quotes", "commentaries", "indexes", "lineages", "diffs", "responses",
          "response_tables")
#: What the domain keeps per document: everything other documents' pages show.
_PER_DOC = (*_KINDS, "refs", "roles", "titles")
#: Cross-reference types of other domains that may point at a quote's name.
_LABEL_REFTYPES = frozenset({"ref", "any", "myst", "numref"})


class PolicyNotesRole(XRefRole):
    """An ``XRefRole`` whose nodes belong to this domain even when used unprefixed."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        result = super().run()
        page_source = self.env.temp_data.get(PAGE_SOURCE)
        for node in result[0]:
            for xref in node.findall(addnodes.pending_xref):
                xref["refdomain"] = "policynotes"
                target = str(xref.get("reftarget", ""))
                # A policy without SOURCE: on a page after ``default-source``.
                if page_source and xref.get("reftype") == "policy" and ":" not in target:
                    xref["reftarget"] = f"{page_source}:{target}"
        return result


class PolicyNotesDomain(Domain):
    """Collects sources, quotes, commentaries and indexes of every document."""

    name = "policynotes"
    label = "Policy notes"
    data_version = 8
    object_types = {
        "source": ObjType("source", "source-ref"),
        "quote": ObjType("quote", "ref"),
        "policy": ObjType("policy", "policy"),
    }
    roles = {
        "policy": PolicyNotesRole(innernodeclass=nodes.inline),
        "source-ref": PolicyNotesRole(innernodeclass=nodes.inline),
    }
    initial_data = {
        "sources": {},  # docname -> [SourceRecord]
        "quotes": {},  # docname -> [QuoteRecord]
        "commentaries": {},  # docname -> [CommentaryRecord]
        "indexes": {},  # docname -> [IndexRecord]
        "lineages": {},  # docname -> [LineageRecord]
        "diffs": {},  # docname -> [DiffRecord]
        "responses": {},  # docname -> [ResponseRecord]
        "response_tables": {},  # docname -> [ResponsesRecord]
        "compared": {},  # comparison key -> None; each kept in a file (collect/diffs.py)
        "refs": {},  # docname -> frozenset of label targets referred to
        "roles": {},  # docname -> ((reftype, target), ...) of our roles
        "titles": {},  # docname -> title text, for documents with a policy-index
        "labels": {},  # quote name -> (docname, anchor) registered in std
        "label_clashes": {},  # quote anchor -> (docname, line) of the other label
        "verified": {},  # (text digest, offset, quote text, page) -> verification.Result
        "placed": {},  # (written locator, scheme digest, prefix) -> numbering.Locator
        "digests": {},  # builder name and outdir -> {docname: digest last written}
        "world": None,  # {docname: digest} as last computed from all records
    }

    _cache: tuple[int, Catalog] | None = None
    #: While documents are re-read: what each held before (see ``unchanged``).
    _before: dict[str, tuple[Any, ...]] | None = None
    #: Whether this build's configuration differs from the last (``watch_rereads``).
    _config_changed = False
    #: Whether ``register_labels`` changed the quote labels or their clashes.
    _labels_changed: bool = True
    #: Whether this build's ``env-updated`` compared two texts anew or dropped
    #: a comparison (``collect.diffs.on_env_updated``): then every 新旧対照表
    #: and every index of a superseding source may show something new.
    comparisons_changed: bool = True
    #: This build's digest of all records (set when the pages' digests are).
    export_key: str | None = None
    _held: Held | None = None

    @property
    def held(self) -> Held:
        """The warnings of the documents being resolved (see :class:`~.warnings.Held`)."""
        if self._held is None:
            self._held = Held()
        return self._held

    # -- records ---------------------------------------------------------

    def _records(self, kind: str, docname: str) -> list[Any]:
        return cast("list[Any]", self.data[kind].get(docname, []))

    def _add(self, kind: str, record: Any) -> None:
        self.data[kind].setdefault(record.docname, []).append(record)
        self._cache = None

    def add_source(self, record: SourceRecord) -> None:
        self._add("sources", record)

    def add_quote(self, record: QuoteRecord) -> None:
        self._add("quotes", record)

    def add_commentary(self, record: CommentaryRecord) -> None:
        self._add("commentaries", record)

    def add_index(self, record: IndexRecord) -> None:
        self._add("indexes", record)

    def add_lineage(self, record: LineageRecord) -> None:
        self._add("lineages", record)

    def add_diff(self, record: DiffRecord) -> None:
        self._add("diffs", record)

    def add_response(self, record: ResponseRecord) -> None:
        self._add("responses", record)

    def add_responses(self, record: ResponsesRecord) -> None:
        self._add("response_tables", record)

    def retext(self, docname: str, anchor: str, text_digest: str) -> None:
        """The quote or commentary ``anchor`` of ``docname`` has another text
        (its translation, :func:`..read.texts.retranslate`)."""
        for kind in ("quotes", "commentaries", "responses"):
            records = self.data[kind].get(docname, [])
            for i, record in enumerate(records):
                if record.anchor == anchor:
                    records[i] = replace(record, text_digest=text_digest)
                    self._cache = None
                    return

    def all_records(self, kind: str) -> list[Any]:
        return [r for doc in sorted(self.data[kind]) for r in self.data[kind][doc]]

    def _doc_state(self, docname: str) -> tuple[Any, ...]:
        return tuple(self.data[kind].get(docname) for kind in _PER_DOC)

    def clear_doc(self, docname: str) -> None:
        if self._before is not None and docname not in self._before:
            self._before[docname] = self._doc_state(docname)
        for kind in _PER_DOC:
            self.data[kind].pop(docname, None)
        self._cache = None

    def watch_rereads(self) -> None:
        """Keep what each document re-read from now on held before (``env-get-outdated``).

        Also note whether the configuration changed: Sphinx resets
        ``env.config_status`` at the end of reading, before ``env-get-updated``
        asks :meth:`affected`.
        """
        self._before = {}
        self._config_changed = self.env.config_status != CONFIG_OK

    def affected(self) -> set[str] | None:
        """The documents whose digests the documents re-read in this build may
        have changed; None when any may have (then all are computed again).

        Nothing, when the re-read documents hold the same records as before (a
        touch, a paragraph added). When only the texts of quotes and
        commentaries changed: the re-read documents, the indexes that show
        those quotes (or the quotes those commentaries discuss), and, when
        lineage links quotes, every index and continuing quote. Anything
        else (a new quote, a changed policy number, a new title of a page with
        an index, other labels) may change any page.
        """
        before, self._before = self._before, None
        config_changed, self._config_changed = self._config_changed, False
        if (before is None or self._labels_changed or config_changed
                or self.env.config_status != CONFIG_OK or self.data.get("world") is None):
            return None
        texts: list[QuoteRecord | CommentaryRecord] = []
        for doc, old_state in before.items():
            for kind, old, new in zip(_PER_DOC, old_state, self._doc_state(doc), strict=True):
                if old == new:
                    continue
                if kind not in _KINDS or len(old or ()) != len(new or ()):
                    return None
                for was, now in zip(old or (), new or (), strict=True):
                    if was.digest == now.digest:
                        continue  # at most its line moved
                    if kind not in ("quotes", "commentaries") or replace(
                            was, text_digest=now.text_digest, lineno=now.lineno) != now:
                        return None
                    texts.append(now)
        comparisons_changed, self.comparisons_changed = self.comparisons_changed, True
        if not texts:
            # A policy-diff's table may change with nothing re-read (the code
            # that compares, a comparison's file gone): made again only then.
            if not comparisons_changed:
                return set()
            return set(self.data["diffs"]) | (
                {i.docname for i in self.catalog.indexes}
                if any(s.supersedes for s in self.catalog.sources) else set())
        catalog = self.catalog
        docs = set(before)
        linked = (bool(catalog.lineage_records)
                  or any(s.continues or s.supersedes for s in catalog.sources)
                  or any(q.continues for q in catalog.quotes))
        sources: set[str | None] = set()
        quotes = [record for record in texts if isinstance(record, QuoteRecord)]
        if quotes:
            # The popups of the links to them: their commentaries' "on" links,
            # and :policy: links (to the first quote of a policy).
            docs.update(c.docname for q in quotes for c in catalog.notes_on.get(q.anchor, ()))
            docs.update(doc for doc, roles in self.data["roles"].items()
                        if any(typ == "policy" for typ, _target in roles))
        for record in texts:
            if isinstance(record, QuoteRecord):
                sources.add(catalog.source_of(record))
            else:
                sources.update(catalog.source_of(catalog.by_anchor[a])
                               for a in targets_of(catalog, record))
        for index in catalog.indexes:
            if linked or any(catalog.covers(index, s) for s in sources):
                docs.add(index.docname)
        if linked:
            docs.update(r.docname for r in catalog.lineage_records)
            docs.update(q.docname for q in catalog.quotes if q.continues)
        docs.update(self.data["diffs"])  # a diff of quoted passages shows their texts
        return docs

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for kind in _PER_DOC:
                if docname in otherdata[kind]:
                    self.data[kind][docname] = otherdata[kind][docname]
        self._cache = None

    def note_references(self, docname: str, document: nodes.document) -> None:
        """Note which references this document makes, to rewrite it when they change.

        Called at ``doctree-read``, after every transform: MyST makes its
        ``[text](#name)`` cross-references later than a domain's
        ``process_doc`` sees the document.
        """
        refs: set[str] = set()
        roles: dict[tuple[str, str], None] = {}
        for xref in document.findall(addnodes.pending_xref):
            target = str(xref.get("reftarget", ""))
            if xref.get("refdomain") == "policynotes":
                roles[(str(xref.get("reftype")), target)] = None
            elif xref.get("reftype") in _LABEL_REFTYPES:
                refs.add(target.lower())  # a label (std lowercases them)
                refs.add(target)  # or a source id (``:any:``, MyST ``[text](#id)``)
        if roles:
            self.data["roles"][docname] = tuple(roles)
        if refs:
            self.data["refs"][docname] = frozenset(refs)
        if docname in self.data["indexes"]:
            # A large index links to a source's own index by that page's title.
            title = self.env.titles.get(docname)
            self.data["titles"][docname] = title.astext() if title is not None else None

    # -- the resolved view ----------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """The cross-referenced view of all records (cached until they change)."""
        key = id(self.data)
        if self._cache is None or self._cache[0] != key:
            config = self.env.config
            self._cache = (key, Catalog(
                sources=self.all_records("sources"),
                quotes=self.all_records("quotes"),
                commentaries=self.all_records("commentaries"),
                indexes=self.all_records("indexes"),
                default_source=config.policynotes_default_source,
                chapter_format=config.policynotes_chapter_format,
                prefix=config.policynotes_policy_prefix,
                lineage_records=self.all_records("lineages"),
                srcdir=str(self.env.srcdir),
                cachedir=str(Path(self.env.doctreedir) / "policynotes-pdf"),
                memo=self.data["verified"],
                placed_memo=self.data["placed"],
                store=TextStore(self.env.doctreedir),
                structure_patterns=(tuple(config.policynotes_structure_patterns)
                                    if config.policynotes_structure_patterns else None),
                page_quotes=config.policynotes_index_page_quotes,
                schemes=schemes(config),
                default_scheme=config.policynotes_default_scheme,
                compared=self._compared,
                responses=self.all_records("responses"),
                response_tables=self.all_records("response_tables"),
            ))
        return self._cache[1]

    def _compared(self, new: str, old: str) -> Any:
        """The 新旧対照表 of two sources as last compared (``collect.diffs``)."""
        from .diffs import compared

        return compared(self, new, old)

    def keep_derived(self) -> None:
        """Keep what the catalog of this build derived anew (:mod:`.derived`)."""
        if self._cache is not None:
            derived.save(self._cache[1])

    def release(self) -> None:
        """Drop the catalog once the build is done (it is made again from the
        records when asked): its lineage and verifier refer back to it, and the
        whole of it would otherwise wait for the cycle collector, at exit."""
        if self._cache is not None:
            self._cache[1].release()
            self._cache = None

    def doc_digests(self, only: set[str] | None = None) -> dict[str, str]:
        """Per document, a digest of everything its output shows of other
        documents (:func:`.digests.doc_digests`); ``only``: of these documents."""
        return doc_digests(self, only)

    def register_labels(self) -> None:
        """Make quote names ``:ref:`` targets with their label as title."""
        std = self.env.domains.standard_domain
        for name, place in self.data["labels"].items():
            if std.labels.get(name, (None, None))[:2] == place:
                del std.labels[name]
            if std.anonlabels.get(name) == place:
                del std.anonlabels[name]
        catalog = self.catalog
        labels: dict[str, tuple[str, str]] = {}
        clashes: dict[str, tuple[str, int | None]] = {}
        for name, quote in catalog.by_name.items():
            if name in std.anonlabels:
                other_doc, _ = std.anonlabels[name]
                clashes[quote.anchor] = (other_doc, None)
                continue
            std.labels[name] = (quote.docname, quote.anchor, catalog.quote_label(quote))
            std.anonlabels[name] = (quote.docname, quote.anchor)
            labels[name] = (quote.docname, quote.anchor)
        self._labels_changed = (labels != self.data["labels"]
                                or clashes != self.data["label_clashes"])
        self.data["labels"] = labels
        self.data["label_clashes"] = clashes

    # -- cross-references -------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ in ("source-ref", "policy"):
            return self._resolve(fromdocname, builder, typ, target, node, contnode)
        return None

    def find(self, typ: str, target: str) -> tuple[str, ...]:
        """What a role target resolves to (see :meth:`_find`); an unknown
        target's message is made once per catalog."""
        known = self.catalog.unknown_refs.get((typ, target))
        if known is not None:
            return ("unknown", known)
        found = self._find(typ, target)
        if found[0] == "unknown":
            self.catalog.unknown_refs[(typ, target)] = found[1]
        return found

    def _find(self, typ: str, target: str) -> tuple[str, ...]:
        """What a role target resolves to, without a builder.

        ``("source", docname, anchor, title)``, ``("policy", docname, anchor,
        title, key, *candidate_sources)``, or ``("unknown", message)`` (the
        warning, with the closest known targets).

        ``SOURCE:KEY`` takes any source that quotes name, declared or not (a
        quote of an undeclared source warns once, itself).
        """
        catalog = self.catalog
        if typ == "source-ref":
            src = catalog.by_source_id.get(target.strip())
            if src is None:
                return ("unknown", format_message(
                    _("source-ref target %r is not a declared source"), (target,))
                    + did_you_mean(target.strip(), catalog.by_source_id))
            return ("source", src.docname, src.anchor, src.title or src.id)
        prefix = env_prefix(self.env)
        source: str | None = None
        head: str | None = None
        raw = target.strip()
        if ":" in raw:
            head, tail = (part.strip() for part in raw.split(":", 1))
            if head in catalog.by_source_id or head in catalog.quoted_sources():
                source, raw = head, tail
        key = catalog.find_locator(source, raw) if source is not None else None
        key = key or policy_key(raw, prefix)
        if key is None:
            return ("unknown", format_message(
                _("policy target %r is not a policy number"), (target,)))
        candidates: list[str] = [source] if source else catalog.policy_sources(key)
        if not candidates:
            hint = ""
            if head is not None:
                head_key = policy_key(tail, prefix)
                if head_key is not None:
                    hint = suggestion(suggest_policy(head, head_key, catalog.policy_pairs(),
                                                     prefix))
            else:
                hint = suggestion(suggest_policy(None, key, catalog.policy_pairs(), prefix))
            return ("unknown", format_message(
                _("policy target %r: no quote has policy %s"), (target, key)) + hint)
        place = catalog.policy_target(candidates[0], key)
        if place is None:
            hint = suggestion(suggest_policy(candidates[0], key, catalog.policy_pairs(), prefix,
                                             within=True))
            return ("unknown", format_message(
                _("policy target %r: source %s has no quote with policy %s"),
                (target, candidates[0], key)) + hint)
        title = f"{catalog.source_label(candidates[0])} {catalog.key_label(candidates[0], key)}"
        return ("policy", place[0], place[1], title, key, *candidates)

    def _resolve(self, fromdocname: str, builder: Builder, typ: str, target: str,
                 node: pending_xref, contnode: Element) -> nodes.reference | None:
        found = self.find(typ, target)
        # Held for the document being resolved (LaTeX, singlehtml: the one
        # assembled from all, not ``fromdocname``, where the role is written),
        # and emitted with its other warnings, in line order.
        with self.held.holding(self.env.docname or fromdocname):
            if found[0] == "unknown":  # or ``INV:…``, in another project's objects.inv
                return link_remote(self.env, self.catalog, typ, target, found[1], node, contnode)
            docname, anchor, title = found[1:4]
            if found[0] == "policy" and len(found) > 6:
                key, candidates = found[4], found[5:]
                warn(Warn.ambiguous_ref, _("policy target %r is ambiguous: %s in %s; write "
                     "SOURCE:%s (linked to %s)"), target, key, ", ".join(candidates), key,
                     candidates[0], location=node)
        if not node.get("refexplicit"):
            # A source shows its title, a policy its key (as bodytext counts it).
            text = (self.catalog.key_label(found[5], found[4]) if found[0] == "policy"
                    else title)
            contnode = nodes.inline(text, text, classes=contnode.get("classes", []))
        ref = refnode(builder, fromdocname, docname, anchor, contnode, title)
        first = (self.catalog.first_quote(found[5], found[4])
                 if found[0] == "policy" and previews_on(builder) else None)
        if first is None:
            return ref
        # On HTML pages a policy's link shows its first quote in a popup.
        previewed = pn.preview_reference("", "", *ref.children, **ref.attributes)
        previewed["preview"] = self.catalog.preview(first)
        return previewed

    def resolve_any_xref(  # type: ignore[override]  # Sphinx 8.1 says Element
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Sources answer ``:any:`` and MyST ``[text](#id)``; quote names are std labels."""
        src = self.catalog.by_source_id.get(target)
        if src is None:
            return []
        if not node.get("refexplicit"):
            title = src.title or src.id
            contnode = nodes.inline(title, title)
        return [("policynotes:source-ref",
                 refnode(builder, fromdocname, src.docname, src.anchor, contnode,
                              src.title or src.id))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Sources, policies and named quotes, for ``objects.inv`` (intersphinx)."""
        catalog = self.catalog
        entries = catalog.inventory
        if entries is None:
            entries = list(inventory_entries(catalog))
            catalog.keep_inventory(entries)
        return iter(entries)


def env_prefix(env: BuildEnvironment) -> str:
    return cast("str", env.config.policynotes_policy_prefix)


def suggest_policy(source: str | None, key: str, pairs: Iterable[tuple[str | None, str]],
                   prefix: str, *, within: bool = False) -> list[str]:
    """The policy targets closest to ``[source:]key``, as a role would write them.

    ``pairs``: the (source, key) of quotes. Without ``source``, the keys
    closest to ``key``; with it, the keys of that source (``within``: the
    source is right), or of the sources closest to it: their ``key`` if they
    have it, else their closest key.
    """
    written = short_key(key, prefix)
    keys: dict[str | None, set[str]] = {}
    for s, k in pairs:
        keys.setdefault(s, set()).add(short_key(k, prefix))
    if source is None:
        return close_matches(written, {k for own in keys.values() for k in own})
    heads = [source] if within else close_matches(source, (s for s in keys if s is not None))
    found: list[str] = []
    for head in heads:
        own = keys.get(head, set())
        matches = [written] if written in own else close_matches(written, own)
        found.extend(f"{head}:{m}" for m in matches)
    return found[:2]


def on_doctree_read(app: Any, doctree: nodes.document) -> None:
    """Record the references of the document just read (see ``note_references``)."""
    env = app.env
    cast("PolicyNotesDomain", env.get_domain("policynotes")).note_references(
        env.docname, doctree)


def on_env_updated(app: Any, env: BuildEnvironment) -> None:
    """Once every document is read: register quote names as std labels."""
    cast("PolicyNotesDomain", env.get_domain("policynotes")).register_labels()


def on_env_get_outdated(app: Any, env: BuildEnvironment, added: set[str],
                        changed: set[str], removed: set[str]) -> list[str]:
    """Before documents are re-read: keep what they held (see ``unchanged``)."""
    cast("PolicyNotesDomain", env.get_domain("policynotes")).watch_rereads()
    return []


def on_env_get_updated(app: Any, env: BuildEnvironment) -> list[str]:
    """Rewrite the pages whose shown records changed, and only those.

    The digests last written are kept per builder and output directory:
    builders share one environment (``make html`` after ``make latexpdf``),
    and each output must catch up with changes another build consumed. When
    the re-read documents hold what they held before (a touch), the digests
    last computed still hold and are not computed again.
    """
    domain = cast("PolicyNotesDomain", env.get_domain("policynotes"))
    affected = domain.affected()
    world = cast("dict[str, str] | None", domain.data["world"])
    if affected is None or world is None:
        current = domain.doc_digests()
    elif affected:
        fresh = domain.doc_digests(only=affected)
        current = {doc: digest for doc, digest in world.items() if doc not in affected}
        current.update(fresh)
    else:
        current = world
    if affected != set():
        domain.data["verified"] = domain.catalog.verifier.remembered()
        domain.data["placed"] = domain.catalog.placed_remembered()
    domain.data["world"] = current
    key = f"{app.builder.name}:{app.builder.outdir}"
    previous = domain.data["digests"].get(key, {})
    domain.data["digests"][key] = current
    # What the exports show: every record, by way of the pages' digests.
    domain.export_key = fingerprint(sorted(current.items()))
    # The places and inventory of a build that showed the same (a touch, a no-op).
    derived.load(domain.catalog, str(env.doctreedir), domain.export_key)
    # Both ways: a page that showed something of other documents and now
    # shows nothing has no digest any more, and must be rewritten too.
    changed = {doc for doc in current.keys() | previous.keys()
               if current.get(doc) != previous.get(doc)}
    return sorted(changed & env.found_docs)


def on_build_finished(app: Any, exception: BaseException | None) -> None:
    """Last of all (after the exports): emit any warning still held (of a
    document whose ``doctree-resolved`` did not come), let the catalog go."""
    domain = cast("PolicyNotesDomain", app.env.get_domain("policynotes"))
    try:
        domain.held.flush()
        if exception is None:
            domain.keep_derived()
    finally:
        domain.release()


def missing_texts(app: Any, env: BuildEnvironment, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    """``env-get-outdated``: re-read documents whose text file is gone."""
    domain = env.get_domain("policynotes")
    assert isinstance(domain, PolicyNotesDomain)
    docs = set(domain.data["quotes"]) | set(domain.data["commentaries"])
    return sorted(d for d in docs - removed - changed
                  if d in env.found_docs and not path_of(env.doctreedir, d).is_file())
