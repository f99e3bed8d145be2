"""Sources identified by their document, across one or several posts.

A post cites its sources through reference links (``[推進方針][092b9160]``),
but a link label is local to its post: two posts may use ``[414d7e0a]`` for
two different documents, or two labels for one. :class:`Sources` keeps one
record per *document*, known by its URL (``http``/``https``, the fragment and
a final ``/`` ignored), else by its title, plus the part of it a quote names
(``別紙　アクションプラン``): the same document gets the same id in every post,
and a label already taken by another document gets ``<label>-2``.

:func:`intro_link` finds the source an author names in the introduction
(``本文章の引用は「[…][414d7e0a]」…``); :func:`split_part` reads a part named
after a link in a quoted heading (``「[推進方針][a]　別紙　アクションプラン」``);
:func:`read_sources_page` reads the ``source-ref`` directives of an existing
page, so an import reuses their ids.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .structure import Token

__all__ = ["PART_WORDS", "Source", "Sources", "intro_link", "read_sources_page",
           "split_part", "title_key"]

#: Words that name a part of a document, and the ASCII word of its id.
PART_WORDS = {"別紙": "annex", "別添": "attachment", "別表": "table", "別冊": "volume",
              "付録": "appendix", "附録": "appendix", "参考資料": "reference",
              "資料": "material", "概要": "summary", "別記": "annex"}
_PART_RE = re.compile(r"[\s\u3000]*(" + "|".join(sorted(PART_WORDS, key=len, reverse=True))
                      + r")\s*([0-9０-９一二三四五六七八九十]*)")
_TRIM = " \t\u3000「」『』\"'“”"
#: Words of an introduction that say where the quotes come from.
_INTRO_WORDS = ("引用", "抜粋", "quoted from", "quotes are from", "excerpts from")
_DIRECTIVE_RE = re.compile(r"^(`{3,}|~{3,})\{source-ref\}[ \t]+(\S+)[ \t]*\n(.*?)^\1[ \t]*$",
                           re.M | re.S)


def title_key(title: str) -> str:
    """A title compared without brackets, quotes, spaces and width differences."""
    text = unicodedata.normalize("NFKC", title)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _TRIM)


def _url_key(url: str) -> str:
    text = url.strip().split("#", 1)[0]
    text = re.sub(r"^https?://", "", text, flags=re.I)
    host, slash, rest = text.partition("/")
    return (host.lower() + slash + rest).rstrip("/")


@dataclass
class Source:
    """One document (or a part of one) and what the posts say of it."""

    id: str
    title: str
    url: str | None
    label: str | None
    part: str | None = None
    parent: str | None = None
    #: A ``source-ref`` is already written (in this import or on a given page).
    declared: bool = False
    #: The posts it was found in, by file name.
    posts: list[str] = field(default_factory=list)
    #: The numbering paths of its quotes (to choose its scheme).
    paths: list[list[Token]] = field(default_factory=list)
    scheme: str = "ja-plan"


@dataclass
class Sources:
    """The sources of an import: one record per document, ids unique."""

    by_key: dict[tuple[str, str], Source] = field(default_factory=dict)
    by_id: dict[str, Source] = field(default_factory=dict)

    def find(self, *, label: str | None, url: str | None, title: str, post: str,
             part: str | None = None, parent: Source | None = None) -> tuple[Source, str | None]:
        """The source of this document, made if new; and, when its label was
        already the id of another document, that label (to report)."""
        key = (_url_key(url) if url else "", title_key(part or "") if url else
               title_key(title))
        source = self.by_key.get(key)
        taken: str | None = None
        if source is None:
            if parent is not None and part is not None:
                match = _PART_RE.match(part)
                word = PART_WORDS[match.group(1)] if match else "part"
                number = unicodedata.normalize("NFKC", match.group(2)) if match else ""
                base = f"{parent.id}-{word}" + (f"-{number}" if number else "")
            elif label:
                base = "-".join(label.split())
            else:
                base = f"source-{len(self.by_id) + 1}"
            source_id, count = base, 2
            while source_id in self.by_id:
                source_id, count = f"{base}-{count}", count + 1
            if label and source_id != base and parent is None:
                taken = base
            source = Source(source_id, title, url, label, part,
                            parent.id if parent is not None else None)
            self.by_key[key] = source
            self.by_id[source_id] = source
        if post not in source.posts:
            source.posts.append(post)
        return source, taken

    def add_declared(self, source_id: str, title: str, url: str | None) -> None:
        """A source a given page already declares (its id is reused, not written)."""
        key = (_url_key(url), "") if url else ("", title_key(title))
        if key in self.by_key or source_id in self.by_id:
            return
        source = Source(source_id, title, url, None, declared=True)
        self.by_key[key] = source
        self.by_id[source_id] = source


def read_sources_page(text: str) -> list[tuple[str, str, str | None]]:
    """``(id, title, url)`` of every ``source-ref`` directive of a MyST page."""
    found: list[tuple[str, str, str | None]] = []
    for match in _DIRECTIVE_RE.finditer(text):
        options: dict[str, str] = {}
        for line in match.group(3).split("\n"):
            if not line.startswith(":"):
                break
            name, _sep, value = line[1:].partition(":")
            options[name.strip()] = value.strip().strip('"')
        found.append((match.group(2), options.get("title", match.group(2)),
                      options.get("url") or None))
    return found


def intro_link(text: str) -> int | None:
    """Where the link an introduction names as the quotes' source is, if it names
    one: the position of ``引用`` (or another such word), or None."""
    for word in _INTRO_WORDS:
        position = text.find(word)
        if position >= 0:
            return position
    return None


def split_part(after: str) -> str | None:
    """The part of a document named right after its link (``　別紙　アクションプラン」``)."""
    text = after.split("」", 1)[0].split("』", 1)[0]
    if _PART_RE.match(text) is None:
        return None
    return text.strip(_TRIM) or None
