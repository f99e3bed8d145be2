"""``policynotes.csv``: one row per quote, for spreadsheets.

Why: reviewers and dashboards read tables; a CSV next to ``policynotes.json``
lets them sort and filter the quotes and notes without writing code. This
module is pure: it turns the ``policynotes.json`` dict into CSV text, deterministically.

Columns, in this order (header row first), one row per quote in export order:

``source``
    The quote's source id (as written when the source is unknown), or empty.
``source_title``
    The source's ``:title:``, empty when the source is not declared.
``chapter``
    The chapter number (an integer, e.g. ``4`` for 第４章), or empty.
``policy``
    The normalised policy key (``方針1-1``), or empty; empty too for a quote
    placed by another numbering scheme than ``ja-plan`` (see ``at_key``).
``at_key``
    The key of the quote's place in its source, whatever its numbering scheme
    (``chp_4__方針1-1``, ``art_3-2__para_1__item_2``, ``art_5__para_1__point_a``):
    ``at.key`` of the export; empty without a place or for a locator its
    source's scheme cannot read.
``at_label``
    That place as written (``第三条の二第一項第二号``, ``Art. 5(1)(a)``; ``第4章
    方針1-1`` for ``:chapter:`` and ``:policy:``): ``at.label`` of the export,
    also for an unreadable locator; empty without a place.
``page``
    The page number in the source document, or empty.
``quote``
    The quote's plain text.
``commentary``
    The texts of all commentaries on the quote, in export order, separated by a
    blank line (empty texts left out); empty when nobody commented.
``authors``
    The distinct authors of those commentaries, in order of first appearance,
    joined by ``"; "``.
``url``
    The page of this site where the quote stands, with ``#anchor``; absolute
    when ``base_url`` is given, else relative to the output root; empty when
    the page is unknown.
``stances``
    The ``stance`` of each of those commentaries (``note``, ``support``,
    ``concern``, ``question``, ``proposal``), one per commentary in the order of
    ``commentary`` (empty texts included), joined by ``"; "``.
``tags``
    The distinct ``:tags:`` of those commentaries, in order of first
    appearance, joined by ``"; "``.
``statuses``
    The ``status`` of each of those commentaries (``open``, ``resolved``), as
    ``stances``.
``decisions``
    The ``decision`` of each of those commentaries (``adopted``, ``noted``,
    ``rejected``, ``pending``, empty when none), as ``stances``.
``responses``
    The texts of the responses to those commentaries, in their order,
    separated by a blank line.

Format: RFC 4180 (``csv`` module, minimal quoting, ``\\r\\n`` between records;
newlines inside a field are kept inside its quotes). ``None`` is an empty field.
The text starts with a byte order mark, U+FEFF, because Excel opens a CSV
without one in the locale's legacy code page (Shift_JIS in Japan) and garbles
the Japanese. :func:`to_csv` returns ``str`` (like the JSON export), so write it
with ``encoding="utf-8"`` (not ``utf-8-sig``, which would add a second BOM) and
``newline=""`` (so ``\\r\\n`` is not translated again on Windows).

CSV injection: a spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or
``@`` as a formula (OWASP adds tab and carriage return), so a quote or note
text could run commands or leak data on the reader's machine. Any field
starting with one of those, or, conservatively, with the full-width forms
``＝＋－＠`` (how spreadsheets treat these varies by version and locale), gets a
leading apostrophe ``'``, the OWASP-recommended neutralisation: Excel then
shows the text as text. The apostrophe stays in the
data for other readers; strip one leading ``'`` before such a character to get
the original back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

from .annotations import page_url

#: The header row: the columns, in order. A public contract, like the JSON keys.
COLUMNS = ("source", "source_title", "chapter", "policy", "at_key", "at_label", "page", "quote",
           "commentary", "authors", "url", "stances", "tags", "statuses", "decisions",
           "responses")
#: The byte order mark the text starts with.
BOM = "\ufeff"
#: A field starting with one of these is prefixed with ``'`` (CSV injection).
FORMULA_CHARS = frozenset("=+-@\t\r＝＋－＠")
AUTHOR_SEPARATOR = "; "
COMMENTARY_SEPARATOR = "\n\n"


def neutralise(value: str) -> str:
    """Prefix ``'`` to a field a spreadsheet would run as a formula."""
    return "'" + value if value and value[0] in FORMULA_CHARS else value


def _cell(value: Any) -> str:
    """A field: empty for None, the number or text as a string, neutralised."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    return "'" + text if text and text[0] in FORMULA_CHARS else text


def row(
    quote: Mapping[str, Any],
    notes: Iterable[Mapping[str, Any]],
    source: Mapping[str, Any] | None,
    *,
    page_urls: Mapping[str, str],
    base_url: str | None,
) -> list[str]:
    """A quote's row: its export dict, the dicts of its commentaries, its source's."""
    on = list(notes)
    authors = dict.fromkeys(c["author"] for c in on if c.get("author"))
    # ``at`` is null without a place, and missing in a sphinx-policynotes/1 export.
    at = quote.get("at") or {}
    values = [
        quote.get("source"),
        source.get("title") if source else None,
        quote.get("chapter"),
        quote.get("policy"),
        at.get("key"),
        at.get("label"),
        quote.get("page"),
        quote.get("text"),
        COMMENTARY_SEPARATOR.join(c["text"] for c in on if c.get("text")),
        AUTHOR_SEPARATOR.join(authors),
        page_url(page_urls, base_url, quote.get("docname"), quote.get("anchor")),
        # Missing in a sphinx-policynotes/2 export made before stances.
        AUTHOR_SEPARATOR.join(c.get("stance") or "note" for c in on),
        AUTHOR_SEPARATOR.join(dict.fromkeys(t for c in on for t in c.get("tags") or ())),
        AUTHOR_SEPARATOR.join(c.get("status") or "open" for c in on),
        AUTHOR_SEPARATOR.join(c.get("decision") or "" for c in on),
        COMMENTARY_SEPARATOR.join(r["text"] for c in on for r in c.get("responses") or ()
                                  if r.get("text")),
    ]
    return [_cell(v) for v in values]


def rows(
    export: Mapping[str, Any], *, page_urls: Mapping[str, str], base_url: str | None,
) -> list[list[str]]:
    """The data rows (without header), one per quote in export order."""
    sources: dict[str, Mapping[str, Any]] = {}
    for src in export.get("sources", []):
        sources.setdefault(src["id"], src)
    notes = {c["id"]: c for c in export.get("commentaries", [])}
    return [row(q, [notes[i] for i in q.get("commentaries", []) if i in notes],
                sources.get(q.get("source") or ""), page_urls=page_urls, base_url=base_url)
            for q in export.get("quotes", [])]


class _LastLine:
    """A file-like sink keeping the one line a ``csv.writer`` wrote last."""

    line = ""

    def write(self, text: str) -> int:
        self.line = text
        return len(text)


class LineWriter:
    """Encodes one row at a time as its CSV line (quoted, ``\r\n``-terminated)."""

    def __init__(self) -> None:
        self._sink = _LastLine()
        self._writer = csv.writer(self._sink, lineterminator="\r\n")

    def line(self, values: Iterable[str]) -> str:
        self._writer.writerow(values)
        return self._sink.line


def document(lines: Iterable[str]) -> str:
    """The CSV text: the byte order mark, the header row, then ``lines``."""
    return "".join([BOM, LineWriter().line(COLUMNS), *lines])


def to_csv(
    export: Mapping[str, Any], *, page_urls: Mapping[str, str], base_url: str | None,
) -> str:
    """The export as CSV text starting with a BOM; see the module docstring."""
    writer = LineWriter()
    return document(writer.line(r) for r in rows(export, page_urls=page_urls, base_url=base_url))
