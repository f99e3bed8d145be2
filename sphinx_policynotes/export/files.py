"""``policynotes.json``: every source, quote and commentary, machine-readable.

Written to the output root of html, dirhtml and singlehtml builds, and only
when its content changed, so a no-op rebuild leaves it untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..gcpause import collector_paused
from .parts import SCHEMA, STORE_FORMAT, Files, write_files, write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..collect.domain import PolicyNotesDomain

__all__ = ["SCHEMA", "write_export"]
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def page_urls(app: Sphinx) -> dict[str, str]:
    """docname -> the page's path from the output root (``notes/a.html``)."""
    builder = app.builder
    if builder.name == "singlehtml":
        page = f"{app.config.root_doc}{getattr(builder, 'out_suffix', '.html')}"
        return dict.fromkeys(app.env.found_docs, page)
    return {doc: builder.get_target_uri(doc) for doc in app.env.found_docs}


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
    if domain.all_records("response_tables"):
        from .responsesexport import csv_name

        names += sorted({csv_name(r.source) for r in domain.all_records("response_tables")
                         if r.source in domain.catalog.by_source_id})
    key_file = Path(app.doctreedir) / f"policynotes-export-{app.builder.name}.key"
    key = "\n".join([str(domain.export_key), str(STORE_FORMAT), str(outdir), *map(str, names),
                     str(config.policynotes_base_url), str(config.html_baseurl),
                     str(config.language), str(config.project)])
    if (domain.export_key is not None and key_file.is_file()
            and key_file.read_text(encoding="utf-8") == key
            and all((outdir / n).is_file() for n in names)):
        return
    with collector_paused():
        _write(app, domain, outdir)
    key_file.write_text(key, encoding="utf-8")


def _diffs(app: Sphinx, domain: PolicyNotesDomain, outdir: Path) -> dict[str, Any]:
    """Write each comparison's CSV; the ``diffs`` key of the JSON (``[]``
    without a ``policy-diff``)."""
    records = domain.all_records("diffs")
    if not records:
        return {"diffs": []}
    from ..collect.diffs import comparison_of
    from ..write.difftable import REMARK_TEXT
    from .diffexport import csv_name, diff_csv, diff_entries

    pairs = []
    for record in records:
        pair, comparison = comparison_of(domain, record)
        if comparison is not None and pair.new is not None and pair.old is not None:
            pairs.append((pair.new.id, pair.old.id, comparison))
    remarks = {key: str(text) for key, text in REMARK_TEXT.items()}
    entries = diff_entries(pairs)
    written = {(new, old): comparison for new, old, comparison in pairs}
    for (new, old), comparison in sorted(written.items()):
        write_if_changed(outdir / csv_name(new, old),
                         diff_csv(comparison, remarks).encode("utf-8"))
    return {"diffs": entries}


def _responses(app: Sphinx, domain: PolicyNotesDomain, outdir: Path) -> None:
    """Write the CSV of each source a ``policy-responses`` table shows."""
    catalog = domain.catalog
    if not catalog.response_tables:
        return
    from .responsesexport import csv_name, responses_csv

    urls = page_urls(app)
    base_url = app.config.policynotes_base_url or app.config.html_baseurl or None
    done: set[str] = set()
    for record in catalog.response_tables:
        if record.source in done or record.source not in catalog.by_source_id:
            continue
        done.add(record.source)
        write_if_changed(outdir / csv_name(record.source),
                         responses_csv(catalog, record, urls, base_url).encode("utf-8"))


def _write(app: Sphinx, domain: PolicyNotesDomain, outdir: Path) -> None:
    config = app.config
    extra = _diffs(app, domain, outdir)
    _responses(app, domain, outdir)
    write_files(
        domain.catalog, domain.data["world"], outdir,
        Path(app.doctreedir) / f"policynotes-export-parts-{app.builder.name}.pickle",
        Files(config.policynotes_json, config.policynotes_jsonld, config.policynotes_csv),
        base_url=config.policynotes_base_url or config.html_baseurl or None,
        language=config.language, label=config.project, page_urls=page_urls(app),
        extra=extra)
