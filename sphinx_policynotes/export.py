"""``policynotes.json``: every source, quote and commentary, machine-readable.

Written to the output root of html, dirhtml and singlehtml builds, and only
when its content changed, so a no-op rebuild leaves it untouched.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import jsontext

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalog import Catalog
    from .domain import PolicyNotesDomain
    from .model import QuoteRecord

SCHEMA = "sphinx-policynotes/1"
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def export_data(catalog: Catalog) -> dict[str, Any]:
    """The export as a JSON-ready dict; keys are a public contract."""
    verifier = catalog.verifier

    def page(quote: QuoteRecord) -> int | None:
        shown = verifier.shown_page(quote)
        return int(shown) if shown is not None and shown.isdigit() else quote.page

    def quote(q: QuoteRecord) -> dict[str, Any]:
        result = verifier.result(q)
        return {"id": q.anchor, "name": q.name, "source": catalog.source_of(q),
                "chapter": q.chapter, "policy": q.policy, "page": page(q),
                "text": catalog.text(q), "docname": q.docname, "anchor": q.anchor,
                "commentaries": [c.anchor for c in catalog.notes_on.get(q.anchor, ())],
                "verified": result.status if result is not None else None,
                "match_score": result.score if result is not None else None}

    data: dict[str, Any] = {
        "schema": SCHEMA,
        "sources": [
            {"id": s.id, "title": s.title, "short": s.short, "issuer": s.issuer,
             "date": s.date, "url": s.url, "docname": s.docname, "anchor": s.anchor}
            for s in sorted(catalog.by_source_id.values(), key=lambda s: s.id)
        ],
        "quotes": [quote(q) for q in catalog.ordered_quotes()],
        "commentaries": [
            {"id": c.anchor, "author": c.author, "text": catalog.text(c), "docname": c.docname,
             "anchor": c.anchor, "quotes": list(catalog.targets.get(c.anchor, ()))}
            for c in catalog.commentaries
        ],
    }
    covered = {s: verifier.coverage(s) for s in sorted(catalog.by_source_id)}
    data["coverage"] = {s: c.to_dict() for s, c in covered.items() if c is not None}
    return data


def page_urls(app: Sphinx) -> dict[str, str]:
    """docname -> the page's path from the output root (``notes/a.html``)."""
    builder = app.builder
    if builder.name == "singlehtml":
        page = f"{app.config.root_doc}{getattr(builder, 'out_suffix', '.html')}"
        return dict.fromkeys(app.env.found_docs, page)
    return {doc: builder.get_target_uri(doc) for doc in app.env.found_docs}


def write_if_changed(path: Path, content: bytes) -> None:
    """Write ``content`` unless the file already holds it (no-op rebuilds touch nothing)."""
    try:
        same = path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        same = False
    if not same:
        path.write_bytes(content)


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the exports for html-family builders."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    config = app.config
    domain = cast("PolicyNotesDomain", app.env.get_domain("policynotes"))
    outdir = Path(app.outdir)
    # Nothing changed since these files were written: skip (a no-op rebuild
    # would otherwise serialise every quote three times).
    names = [n for n in (config.policynotes_json, config.policynotes_jsonld,
                         config.policynotes_csv) if n]
    key_file = Path(app.doctreedir) / f"policynotes-export-{app.builder.name}.key"
    key = "\n".join([str(domain.export_key), str(outdir), *map(str, names),
                     str(config.policynotes_base_url), str(config.html_baseurl),
                     str(config.language), str(config.project)])
    if (domain.export_key is not None and key_file.is_file()
            and key_file.read_text(encoding="utf-8") == key
            and all((outdir / n).is_file() for n in names)):
        return
    with collector_paused():
        _write(app, domain, outdir)
    key_file.write_text(key, encoding="utf-8")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the exports are made.

    They are some hundred thousand dicts and lists, none in a cycle, all freed
    by reference counting when the files are written; meanwhile each growth
    of that many objects would make the collector walk the whole environment
    (a tenth of a second each, twice per export of 10,000 quotes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(app: Sphinx, domain: PolicyNotesDomain, outdir: Path) -> None:
    config = app.config
    data = export_data(domain.catalog)
    if config.policynotes_json:
        write_if_changed(outdir / config.policynotes_json,
                         jsontext.dumps(data))
    base_url = config.policynotes_base_url or config.html_baseurl or None
    if config.policynotes_jsonld or config.policynotes_csv:
        urls = page_urls(app)
    if config.policynotes_jsonld:
        from .annotations import dumps_jsonld, to_web_annotations

        doc = to_web_annotations(data, base_url=base_url, language=config.language,
                                 page_urls=urls, filename=config.policynotes_jsonld,
                                 label=config.project)
        write_if_changed(outdir / config.policynotes_jsonld, dumps_jsonld(doc))
    if config.policynotes_csv:
        from .csvexport import to_csv

        write_if_changed(outdir / config.policynotes_csv,
                         to_csv(data, page_urls=urls, base_url=base_url).encode("utf-8"))
