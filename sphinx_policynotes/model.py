"""The records the domain collects: small, frozen, picklable, no nodes.

Keeping plain records (and not doctree nodes) in the environment keeps the
pickle small and incremental builds cheap.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .numbering import fold_width, make_anchor

#: A body as plain-text blocks: ("p", text) for a paragraph-like block,
#: ("li", text) for a list item. Enough to show a note next to its quote.
Blocks = tuple[tuple[str, str], ...]


_FIELDS: dict[type, tuple[str, ...]] = {}
_SHAPES: dict[type, str] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


def shape(cls: type) -> str:
    """The record class's format key: a digest of its field names and types,
    in order. One string object per class, so a pickle holds it once."""
    found = _SHAPES.get(cls)
    if found is None:
        spec = [(f.name, str(f.type)) for f in fields(cls)]
        found = _SHAPES[cls] = hashlib.blake2b(repr(spec).encode("utf-8"),
                                               digest_size=6).hexdigest()
    return found


class FormatChanged(Exception):
    """A stored record was written by a version with other fields."""


def _restore(cls: type, stored: str, values: tuple[Any, ...]) -> Any:
    """Unpickle a record if it was written with the class's current fields.

    Otherwise raise: Sphinx then reads the project afresh ("failed: …" and a
    new environment) instead of filling fields by their old positions."""
    if stored != shape(cls):
        raise FormatChanged(f"{cls.__name__} records were stored with other fields")
    return cls(*values)


class Compact:
    """Pickled as the class, its format key (:func:`shape`) and a tuple of
    field values, not a dict of them: a fifth smaller environment pickle at
    10,000 quotes. A record stored before its fields changed (reordered,
    added, renamed) is not read into the wrong fields: the key differs and
    loading fails, so Sphinx starts a fresh environment."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        values = self.__dict__
        cls = type(self)
        return (_restore, (cls, shape(cls), tuple(values[name] for name in _field_names(cls))))

    @functools.cached_property
    def digest(self) -> str:
        """A digest of what other pages may show of the record: every field but
        its line number (which only its own page's warnings use)."""
        cls = type(self)
        values = self.__dict__
        shown = tuple(values[name] for name in _field_names(cls) if name != "lineno")
        return hashlib.blake2b(repr((cls.__name__, shown)).encode("utf-8"),
                               digest_size=10).hexdigest()


def code_digest(paths: Iterable[Path]) -> str:
    """A digest of the files' bytes ("" when one cannot be read: then nothing
    keyed by it is ever reused). What a cache made by that code is keyed by."""
    digest = hashlib.blake2b(digest_size=8)
    try:
        for path in sorted(paths):
            digest.update(path.name.encode("utf-8"))
            digest.update(path.read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()


#: A commentary's ``:stance:`` values; the first is the default.
STANCES = ("note", "support", "concern", "question", "proposal")
#: A commentary's ``:status:`` values.
STATUSES = ("open", "resolved")
#: A commentary's ``:decision:`` values; all but ``pending`` resolve it.
DECISIONS = ("adopted", "noted", "rejected", "pending")


def quote_anchor(docname: str, number: int) -> str:
    """The HTML id of the ``number``-th quote of a document (stable, ASCII)."""
    return make_anchor("pq", docname, str(number))


def place_text(at: str) -> str:
    """A written locator as the anchor reads it: widths folded, whitespace
    removed, case folded (``Art. 5(1)(a)`` = ``art.5(1)(a)``, ``３．２`` = ``3.2``)."""
    return "".join(fold_width(at).split()).casefold()


def passage_anchor(docname: str, source: str | None, place: str, occurrence: int = 0) -> str:
    """The HTML id of a quote by where it sits, not by its position on the page.

    Made of the document, the source as the page names it and the place
    (:func:`place_text` of ``:at:``, or chapter and policy), so inserting
    another quote earlier on the page does not move it. The second quote of
    the same place on a page gets ``occurrence`` 1, and so on.
    """
    parts = [docname, source or "", place]
    if occurrence:
        parts.append(str(occurrence + 1))
    return make_anchor("pl", *parts)


def note_anchor(docname: str, number: int) -> str:
    """The HTML id of the ``number``-th commentary of a document."""
    return make_anchor("pc", docname, str(number))


@dataclass(frozen=True)
class SourceRecord(Compact):
    """A ``source-ref`` directive."""

    id: str
    title: str | None
    short: str | None
    issuer: str | None
    date: str | None
    url: str | None
    text: str
    docname: str
    anchor: str
    lineno: int
    serial: int
    #: ``:continues:``: the id of the source this document carries on.
    continues: str | None = None
    #: ``:text:`` or ``:pdf:``: its path from the source folder, its kind
    #: ("text" or "pdf") and the sha256 of the file, so an edit is noticed.
    text_path: str | None = None
    text_kind: str | None = None
    text_digest: str | None = None
    #: ``:page-offset:``: physical page = printed page + offset.
    page_offset: int | None = None
    #: ``:scheme:``: the numbering scheme of its quotes' ``:at:`` (None: the default).
    scheme: str | None = None
    #: ``:supersedes:``: the id of the source this one is a newer version of.
    supersedes: str | None = None
    #: ``:version:``: how this version is called (``2025年7月版``).
    version: str | None = None


@dataclass(frozen=True)
class QuoteRecord(Compact):
    """A ``policy-quote`` directive.

    ``source`` is the id as written (``:source:``) or None when not given;
    which source the quote belongs to is decided once all documents are read.
    The record keeps the quote's number in its document, not its anchor (the
    anchor follows from both): a third smaller environment pickle.
    """

    number: int
    name: str | None
    source: str | None
    chapter: int | None
    policy: str | None
    page: int | None
    #: Digest of the text and blocks (kept in the text store, not here).
    text_digest: str
    docname: str
    lineno: int
    serial: int
    #: ``:continues:`` as written: ``SOURCE:POLICY`` or a quote name.
    continues: str | None = None
    #: ``:at:``: the locator as written (read with its source's scheme once
    #: every document is read, :meth:`.collect.catalog.Catalog.locator`).
    at: str | None = None
    #: How many quotes of the same source and place come before it on its page.
    occurrence: int = 0

    @functools.cached_property
    def anchor(self) -> str:
        """The quote's id: its HTML id, the key of its text and of the catalog.

        A quote with ``:at:`` is identified by where it sits
        (:func:`passage_anchor`); the others by their number on the page, as
        before locators (the pages and exports of ``:chapter:``/``:policy:``
        projects stay as they were; :attr:`place_anchor` is their stable id).
        """
        if self.at is not None:
            return passage_anchor(self.docname, self.source, place_text(self.at),
                                  self.occurrence)
        return quote_anchor(self.docname, self.number)

    @functools.cached_property
    def place_anchor(self) -> str | None:
        """The id by place of a quote with a locator (None without one): its
        anchor with ``:at:``, a second HTML id with ``:chapter:``/``:policy:``."""
        if self.at is not None:
            return self.anchor
        if self.chapter is None and self.policy is None:
            return None
        return passage_anchor(self.docname, self.source,
                              f"{self.chapter or ''}|{self.policy or ''}", self.occurrence)


@dataclass(frozen=True)
class CommentaryRecord(Compact):
    """A ``commentary`` directive.

    ``on`` holds the names given with ``:on:`` (None without the option);
    ``implicit`` the numbers of the quotes of the same document since the
    previous commentary, used when ``on`` is None.
    """

    number: int
    author: str | None
    on: tuple[str, ...] | None
    implicit: tuple[int, ...]
    #: Digest of the text and blocks (kept in the text store, not here).
    text_digest: str
    docname: str
    lineno: int
    serial: int
    #: ``:name:``, normalised like a label: what a reply's ``:reply-to:`` names.
    name: str | None = None
    #: ``:stance:``: one of :data:`STANCES` (``note`` when not given or unknown).
    stance: str = "note"
    #: ``:tags:``: free tags, as written, each once.
    tags: tuple[str, ...] = ()
    #: ``:reply-to:``: the name of the commentary it answers, as written
    #: (normalised); which one it is is decided once every document is read.
    reply_to: str | None = None
    #: ``:status:``: ``open`` or ``resolved`` (when not given: ``resolved`` once
    #: a ``:decision:`` other than ``pending`` is made, else ``open``).
    status: str = "open"
    #: ``:decision:``: one of :data:`DECISIONS`, or None when none is made.
    decision: str | None = None

    @functools.cached_property
    def anchor(self) -> str:
        """The commentary's HTML id."""
        return note_anchor(self.docname, self.number)


@dataclass(frozen=True)
class ResponseRecord(Compact):
    """A ``response`` directive: the answering body's reply to a commentary.

    ``parent`` is the anchor of the commentary it stands in (nested), ``to``
    the ``:name:`` it gives as its argument; which commentary it answers is
    decided once every document is read (:mod:`.collect.answers`).
    """

    number: int
    parent: str | None
    to: str | None
    by: str | None
    date: str | None
    #: Digest of the text and blocks (kept in the text store, not here).
    text_digest: str
    docname: str
    lineno: int
    serial: int

    @functools.cached_property
    def anchor(self) -> str:
        """The response's HTML id."""
        return make_anchor("pr", self.docname, str(self.number))


@dataclass(frozen=True)
class ResponsesRecord(Compact):
    """A ``policy-responses`` directive: the 意見と考え方 table of ``source``."""

    source: str
    #: ``:status:`` / ``:decision:`` filters (None: every commentary).
    status: str | None
    decision: str | None
    docname: str
    lineno: int
    serial: int
    classes: tuple[str, ...] = ()



@dataclass(frozen=True)
class IndexRecord(Compact):
    """A ``policy-index`` directive; ``sources`` None means every source."""

    sources: tuple[str, ...] | None
    docname: str
    lineno: int
    serial: int
    #: ``:coverage:``: show which policies of the source are quoted and commented.
    coverage: bool = False
    #: ``:class:``: classes added to the index's container.
    classes: tuple[str, ...] = ()
    #: ``:stance:`` / ``:status:``: only the rows with such notes, and only
    #: those notes (None: every row and note).
    stances: tuple[str, ...] | None = None
    status: str | None = None


@dataclass(frozen=True)
class LineageRecord(Compact):
    """A ``policy-lineage`` directive; ``target`` None means every chain."""

    target: str | None
    docname: str
    lineno: int
    serial: int


@dataclass(frozen=True)
class DiffRecord(Compact):
    """A ``policy-diff`` directive: the 新旧対照表 of ``new`` against ``old``
    (None: the source ``new`` supersedes)."""

    new: str
    old: str | None
    #: ``:at:``: only the parts at or inside this place of the new version.
    at: str | None
    #: ``:unchanged:``: "count" (a line saying how many) or "show" (their rows).
    unchanged: str
    docname: str
    lineno: int
    serial: int
