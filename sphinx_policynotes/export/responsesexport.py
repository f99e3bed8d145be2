"""``policynotes-responses-ID.csv``: the 意見と考え方 table of a source as CSV.

One file per source that a ``policy-responses`` table shows, with every
commentary of that table without its ``:status:``/``:decision:`` filters
(UTF-8 with BOM, for Excel; cells that start like a formula neutralised as
in ``policynotes.csv``). Columns, a public contract like the JSON keys:
:data:`COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..collect.answers import answers_of, part_text, rows
from ..collect.threads import targets_of
from .annotations import page_url
from .csvexport import AUTHOR_SEPARATOR, BOM, COMMENTARY_SEPARATOR, LineWriter, neutralise

if TYPE_CHECKING:
    from ..collect.catalog import Catalog
    from ..model import ResponsesRecord

COLUMNS = ("no", "at_keys", "at_labels", "comment", "author", "stance", "tags", "response",
           "response_by", "response_date", "decision", "status", "url")


def csv_name(source: str) -> str:
    """``policynotes-responses-ID.csv`` (characters other than letters,
    digits, ``-`` and ``_`` replaced by ``_``)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in source)
    return f"policynotes-responses-{safe}.csv"


def responses_csv(catalog: Catalog, record: ResponsesRecord, page_urls: Mapping[str, str],
                  base_url: str | None) -> str:
    """The rows of the source's table (unfiltered) as CSV text with a BOM."""
    writer = LineWriter()
    lines = [BOM, writer.line(COLUMNS)]
    answers = answers_of(catalog)
    everything = replace(record, status=None, decision=None)
    for number, note in enumerate(rows(catalog, everything), 1):
        quotes = [catalog.by_anchor[a] for a in dict.fromkeys(targets_of(catalog, note))
                  if a in catalog.by_anchor
                  and catalog.source_of(catalog.by_anchor[a]) == record.source]
        keys: list[str] = []
        for quote in quotes:
            locator = catalog.locator(quote)
            keys.append(str(locator.key) if locator is not None else (quote.policy or ""))
        responses = answers.of.get(note.anchor, [])
        values = [str(number), AUTHOR_SEPARATOR.join(keys),
                  AUTHOR_SEPARATOR.join(part_text(catalog, q) for q in quotes),
                  catalog.text(note), note.author or "", note.stance,
                  AUTHOR_SEPARATOR.join(note.tags),
                  COMMENTARY_SEPARATOR.join(catalog.text(r) for r in responses),
                  AUTHOR_SEPARATOR.join(dict.fromkeys(r.by for r in responses if r.by)),
                  AUTHOR_SEPARATOR.join(dict.fromkeys(r.date for r in responses if r.date)),
                  note.decision or "", note.status,
                  page_url(page_urls, base_url, note.docname, note.anchor) or ""]
        lines.append(writer.line(neutralise(v) for v in values))
    return "".join(lines)
