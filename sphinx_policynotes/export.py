"""``policynotes.json``: every source, quote and commentary, machine-readable.

Written to the output root of html, dirhtml and singlehtml builds, and only
when its content changed, so a no-op rebuild leaves it untouched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalog import Catalog
    from .domain import PolicyNotesDomain

SCHEMA = "sphinx-policynotes/1"
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def export_data(catalog: Catalog) -> dict[str, Any]:
    """The export as a JSON-ready dict; keys are a public contract."""
    return {
        "schema": SCHEMA,
        "sources": [
            {"id": s.id, "title": s.title, "short": s.short, "issuer": s.issuer,
             "date": s.date, "url": s.url, "docname": s.docname, "anchor": s.anchor}
            for s in sorted(catalog.by_source_id.values(), key=lambda s: s.id)
        ],
        "quotes": [
            {"id": q.anchor, "name": q.name, "source": catalog.source_of(q),
             "chapter": q.chapter, "policy": q.policy, "page": q.page, "text": q.text,
             "docname": q.docname, "anchor": q.anchor,
             "commentaries": [c.anchor for c in catalog.notes_on.get(q.anchor, [])]}
            for q in catalog.ordered_quotes()
        ],
        "commentaries": [
            {"id": c.anchor, "author": c.author, "text": c.text, "docname": c.docname,
             "anchor": c.anchor, "quotes": list(catalog.targets.get(c.anchor, ()))}
            for c in catalog.commentaries
        ],
    }


def dumps(catalog: Catalog) -> str:
    return json.dumps(export_data(catalog), ensure_ascii=False, indent=1) + "\n"


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the export for html-family builders."""
    name = app.config.policynotes_json
    if exception is not None or not name or app.builder.name not in HTML_BUILDERS:
        return
    domain = cast("PolicyNotesDomain", app.env.get_domain("policynotes"))
    content = dumps(domain.catalog)
    path = Path(app.outdir) / name
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return
    path.write_text(content, encoding="utf-8")
