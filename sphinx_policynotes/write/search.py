"""The HTML search: a quote is found by what a reader types, in every language.

Sphinx's search page splits a query at every character that is not a letter,
a digit or ``_`` (``splitQuery`` in ``searchtools.js``), drops the parts that
are only digits, and looks each part up among the indexed words, or, for a
part of three characters or more, inside them. The index is made by the
language's splitter. For English and most languages that is the same
pattern, so what a reader types is what was indexed. For Japanese and Chinese
it is a word segmenter: ``方針1-1`` becomes ``方針`` and ``1``, ``第4章`` and
``査読者`` become words of one character that are not kept, ``業務改革``
becomes ``業務`` and ``改革``; the query parts ``方針1``, ``第4章``,
``査読者`` and ``業務改革`` then match nothing, on any page.

Two things fix it, through Sphinx's documented search hooks:

- :class:`SearchJapanese` and :class:`SearchChinese`, registered with
  ``app.add_search_language`` for the project's search language, index the
  segmenter's words and also each text split the way the search page splits
  a query. A query part is then an indexed word or a piece of one.
- Each quote's label gives the index, besides the chapter and policy it
  shows, what a reader may type for them: the source's short title, the
  policy's key when a locator shows another label (``art_3-2`` for
  ``第三条の二``), and full-width forms (``方針１－１``, ``第４章``), as
  Japanese documents write them. The policy, its key and its full-width
  form are also given as titles of the quote (as a section's title is), so
  the search page lists the quote itself, linked to its anchor, for
  ``方針1-1``, ``1-1`` or ``第三条の二``. HTML pages never show any of it:
  the label's children are the search index's alone (``html.visit_label``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.search import SearchLanguage
from sphinx.search.ja import SearchJapanese as _SphinxJapanese
from sphinx.util import logging

from .. import nodes as pn
from .labels import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..collect.catalog import Catalog
    from ..collect.domain import PolicyNotesDomain

logger = logging.getLogger(__name__)

#: A query part as ``splitQuery`` makes it: a run of letters, digits and ``_``.
QUERY_PART = re.compile(r"\w+")

#: ASCII letters, digits and signs to their full-width forms (``1-1`` -> ``１－１``).
_WIDE = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}

#: The classes this module registers, by the search language they serve.
_REGISTERED: dict[str, str] = {
    "ja": "sphinx.search.ja.SearchJapanese",
    "zh": "sphinx.search.zh.SearchChinese",
}


class QueryParts(SearchLanguage):
    """Adds to a splitter's words the parts the search page would make of the text."""

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        known = set(words)
        return words + [part for part in QUERY_PART.findall(input) if part not in known]


class SearchJapanese(QueryParts, _SphinxJapanese):
    """Sphinx's Japanese search (and its ``html_search_options`` splitter),
    plus the text as the search page splits queries."""


def _chinese() -> type[SearchLanguage]:
    """The Chinese counterpart, made on demand (``sphinx.search.zh`` imports
    jieba when installed, which a Japanese project should not pay for)."""
    from sphinx.search.zh import SearchChinese as _SphinxChinese

    class SearchChinese(QueryParts, _SphinxChinese):
        """Sphinx's Chinese search, plus the text as the search page splits queries."""

    SearchChinese.__module__ = __name__
    return SearchChinese


def register_language(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: our class for the search language, if it is
    Japanese or Chinese and no other extension has replaced Sphinx's own."""
    from sphinx.search import languages

    code = str(config.html_search_language or config.language or "en")
    if code not in languages and "_" in code:
        code = code.split("_")[0]
    current = languages.get(code)
    if code not in _REGISTERED or current is None:
        return
    if isinstance(current, type):
        if issubclass(current, QueryParts):
            return
        name = f"{current.__module__}.{current.__qualname__}"
    else:
        name = current
    if name != _REGISTERED[code]:
        logger.debug("[policynotes] search language %r is %s: left as it is", code, name)
        return
    app.add_search_language(SearchJapanese if code == "ja" else _chinese())


def wide(text: str) -> str:
    """``text`` with ASCII letters, digits and signs in their full-width forms."""
    return text.translate(_WIDE)


def quote_terms(catalog: Catalog, anchor: str) -> tuple[list[str], list[str]]:
    """What the search index gets for a quote, besides its label's chapter
    and policy: ``(texts, titles)``; the titles link to the quote."""
    quote = catalog.by_anchor[anchor]
    chapter = catalog.chapter_label(quote.chapter)
    shown = catalog.policy_text(quote)
    texts = [catalog.source_label(catalog.source_of(quote))]
    titles = [shown, wide(shown)] if shown else []
    if quote.policy and quote.policy != shown:
        titles.append(quote.policy)
    if chapter and wide(chapter) != chapter:
        texts.append(wide(chapter))
    return [text for text in texts if text], list(dict.fromkeys(titles))


def add_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At ``doctree-resolved``, after the labels are filled: what a reader
    may type for each quote, in its label, for the search index."""
    builder = app.builder
    if builder.name not in HTML_BUILDERS or not getattr(builder, "search", False):
        return
    catalog = cast("PolicyNotesDomain", app.env.get_domain("policynotes")).catalog
    for label in doctree.findall(pn.policy_label):
        record = label.get("record")
        if record is None or record[0] != "quote" or record[1] not in catalog.by_anchor:
            continue
        texts, titles = quote_terms(catalog, record[1])
        label.extend(nodes.Text(text) for text in texts)
        if titles:
            # The titles' parent carries the quote's id, as a section does for
            # its title: the search page links to it. Never written (see above).
            label += nodes.inline("", "", *(nodes.title(t, t) for t in titles),
                                  ids=[record[1]])


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", register_language)
    app.connect("doctree-resolved", add_terms, priority=600)
