"""新旧対照表 in a build: which two sources each ``policy-diff`` compares, and
the comparisons, computed once per pair of texts.

Runs at ``env-updated``, in the main process, once every document is read:
each ``policy-diff`` is resolved to a pair of sources (``NEW OLD``, or NEW
and the source it ``:supersedes:``), and the pair is compared with
:func:`..compare.compare_texts` when both have ``:text:`` or ``:pdf:``, else
with :func:`..compare.compare_passages` over their quotes. Results are kept in
the domain by a key of what they depend on (the texts' digests, the schemes,
the threshold, or the quotes' digests), so a rebuild that changes neither
text computes nothing; keys no ``policy-diff`` uses any more are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..compare import Comparison, compare_passages, compare_texts
from ..model import code_digest
from .kept import kept_file, read_kept, write_kept

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..model import DiffRecord, SourceRecord
    from .catalog import Catalog


class Holder(Protocol):
    """What this module reads of the ``policynotes`` domain."""

    @property
    def env(self) -> BuildEnvironment: ...
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def catalog(self) -> Catalog: ...
    def all_records(self, kind: str) -> list[Any]: ...
    comparisons_changed: bool


@dataclass(frozen=True)
class Pair:
    """The two sources of a ``policy-diff``, or why there are none."""

    new: SourceRecord | None
    old: SourceRecord | None
    #: What is wrong (a message id of the warning), None when both are known.
    problem: str | None = None
    #: The id the problem is about.
    about: str | None = None


def pair_of(catalog: Catalog, record: DiffRecord) -> Pair:
    """The sources a ``policy-diff`` compares."""
    new = catalog.by_source_id.get(record.new)
    if new is None:
        return Pair(None, None, "unknown_new", record.new)
    old_id = record.old or new.supersedes
    if old_id is None:
        return Pair(new, None, "no_old", record.new)
    old = catalog.by_source_id.get(old_id)
    if old is None:
        return Pair(new, None, "unknown_old", old_id)
    if old.id == new.id:
        return Pair(new, None, "same", old.id)
    return Pair(new, old)


def _passages(catalog: Catalog, source: str) -> list[tuple[str | None, str, str]]:
    out = []
    for quote in catalog.ordered_quotes():
        if catalog.source_of(quote) != source:
            continue
        locator = catalog.locator(quote)
        out.append((locator.key if locator is not None else None,
                    locator.label if locator is not None else "", catalog.text(quote)))
    return out


#: The code that compares: a comparison made by other code is made again.
CODE = code_digest([*Path(__file__).parents[1].joinpath("compare").glob("*.py"),
                    *Path(__file__).parents[1].joinpath("numbering").glob("*.py")])


def comparison_key(catalog: Catalog, pair: Pair, threshold: float) -> tuple[Any, ...]:
    """What a comparison depends on: the texts (or quotes), their schemes (as
    defined, not only their names), the threshold and the comparing code."""
    assert pair.new is not None and pair.old is not None
    schemes = (CODE, catalog.scheme_digest(catalog.scheme_of(pair.old.id)),
               catalog.scheme_digest(catalog.scheme_of(pair.new.id)))
    if pair.new.text_digest and pair.old.text_digest:
        return ("text", pair.old.text_digest, pair.new.text_digest, pair.old.page_offset,
                pair.new.page_offset, schemes, threshold, catalog.prefix)
    quotes = tuple(tuple(q.digest for q in catalog.ordered_quotes()
                         if catalog.source_of(q) == source)
                   for source in (pair.old.id, pair.new.id))
    return ("passages", quotes, schemes, threshold, catalog.prefix)


def compare(catalog: Catalog, pair: Pair, threshold: float) -> Comparison:
    """The 新旧対照表 of a pair (texts when both have one, else their quotes)."""
    assert pair.new is not None and pair.old is not None
    verifier = catalog.verifier
    old_text = verifier.source_text(pair.old) if pair.old.text_digest else None
    new_text = verifier.source_text(pair.new) if pair.new.text_digest else None
    if old_text is not None and new_text is not None:
        return compare_texts("\n".join(old_text.pages), "\n".join(new_text.pages),
                             catalog.scheme_of(pair.old.id), catalog.scheme_of(pair.new.id),
                             threshold=threshold, prefix=catalog.prefix)
    return compare_passages(_passages(catalog, pair.old.id), _passages(catalog, pair.new.id),
                            threshold=threshold)


#: Comparisons loaded in this process, by file name (bounded).
_LOADED: dict[str, Comparison] = {}


def _file(env: BuildEnvironment, key: tuple[Any, ...]) -> Path:
    """Where a comparison is kept: beside the doctrees, not in the environment
    pickle (the rows of two 300,000-character texts are megabytes, and the
    environment is loaded and saved on every build)."""
    return kept_file(env.doctreedir, "policynotes-compared", key)


def _store(env: BuildEnvironment, key: tuple[Any, ...], comparison: Comparison) -> None:
    path = _file(env, key)
    write_kept(path, comparison)
    _LOADED[path.name] = comparison


def _load(domain: Holder, key: tuple[Any, ...]) -> Comparison | None:
    """A kept comparison, or None (not compared, or its file is gone)."""
    if key not in domain.data["compared"]:
        return None
    path = _file(domain.env, key)
    found = _LOADED.get(path.name)
    if found is None:
        found = cast("Comparison | None", read_kept(path))
        if found is None:
            return None
        if len(_LOADED) > 8:  # a long-lived process: keep it bounded
            _LOADED.clear()
        _LOADED[path.name] = found
    return found


def supersedes_pairs(catalog: Catalog) -> list[Pair]:
    """(new, old) of every source that ``:supersedes:`` a declared source:
    the notes on the old one are carried over to the new one's index."""
    found = []
    for source in catalog.by_source_id.values():
        old = catalog.by_source_id.get(source.supersedes or "")
        if old is not None and old.id != source.id:
            found.append(Pair(source, old))
    return found


def on_env_updated(app: Any, env: BuildEnvironment) -> None:
    """Compare the pairs of every ``policy-diff`` and ``:supersedes:`` whose
    inputs changed."""
    domain = cast("Holder", env.get_domain("policynotes"))
    records: list[DiffRecord] = domain.all_records("diffs")
    # key -> None: the comparisons made; each is kept in a file (_file).
    cache: dict[tuple[Any, ...], None] = domain.data["compared"]
    catalog = domain.catalog
    pairs = supersedes_pairs(catalog) if any(
        s.supersedes for s in catalog.by_source_id.values()) else []
    if not records and not pairs:
        domain.comparisons_changed = bool(cache)
        cache.clear()
        return
    threshold = float(env.config.policynotes_diff_threshold)
    pairs += [pair for pair in (pair_of(catalog, r) for r in records) if pair.problem is None]
    used = set()
    changed = False
    for pair in pairs:
        key = comparison_key(catalog, pair, threshold)
        used.add(key)
        if key not in cache or not _file(env, key).is_file():
            _store(env, key, compare(catalog, pair, threshold))
            cache[key] = None
            changed = True
    for key in set(cache) - used:
        del cache[key]
        _file(env, key).unlink(missing_ok=True)
        changed = True
    domain.comparisons_changed = changed
    if pairs:
        catalog.forget_lineage()  # it may have been read before the comparisons


def compared(domain: Holder, new: str, old: str) -> Comparison | None:
    """The comparison of two sources as computed at ``env-updated`` (None
    before, or for sources not declared)."""
    catalog = domain.catalog
    pair = Pair(catalog.by_source_id.get(new), catalog.by_source_id.get(old))
    if pair.new is None or pair.old is None:
        return None
    threshold = float(domain.env.config.policynotes_diff_threshold)
    return _load(domain, comparison_key(catalog, pair, threshold))


def carried(domain: Holder, source_id: str | None) -> tuple[Pair, Comparison] | None:
    """The source ``source_id`` supersedes and their comparison, or None."""
    catalog = domain.catalog
    new = catalog.by_source_id.get(source_id or "")
    old = catalog.by_source_id.get(new.supersedes or "") if new is not None else None
    if new is None or old is None or old.id == new.id:
        return None
    pair = Pair(new, old)
    threshold = float(domain.env.config.policynotes_diff_threshold)
    found = _load(domain, comparison_key(catalog, pair, threshold))
    return (pair, found if found is not None else compare(catalog, pair, threshold))


def comparison_of(domain: Holder, record: DiffRecord) -> tuple[Pair, Comparison | None]:
    """The pair of a ``policy-diff`` and its comparison (None: cannot compare)."""
    catalog = domain.catalog
    pair = pair_of(catalog, record)
    if pair.problem is not None:
        return pair, None
    key = comparison_key(catalog, pair, float(domain.env.config.policynotes_diff_threshold))
    found = _load(domain, key)
    if found is None:  # not computed at env-updated (a document read since)
        found = compare(catalog, pair, float(domain.env.config.policynotes_diff_threshold))
    return pair, found


def digest_items(domain: Holder) -> list[tuple[str, object]]:
    """(docname, what its policy-diff shows of other documents), for the pages'
    digests: the comparison's key and both sources' records."""
    catalog = domain.catalog
    threshold = float(domain.env.config.policynotes_diff_threshold)
    out: list[tuple[str, object]] = []
    for record in domain.all_records("diffs"):
        pair = pair_of(catalog, record)
        key = (comparison_key(catalog, pair, threshold) if pair.problem is None else None)
        out.append((record.docname, (record.digest, pair.problem, key,
                                     pair.new.digest if pair.new else None,
                                     pair.old.digest if pair.old else None)))
    for pair in supersedes_pairs(catalog):
        assert pair.new is not None and pair.old is not None
        old = [(q.digest, [c.digest for c in catalog.notes_on.get(q.anchor, ())])
               for q in catalog.ordered_quotes() if catalog.source_of(q) == pair.old.id]
        item = (comparison_key(catalog, pair, threshold), pair.old.digest, old)
        out.extend((index.docname, item) for index in catalog.indexes
                   if catalog.covers(index, pair.new.id))
    return out
