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

- :class:`SearchJapanese` (and :class:`SearchChinese`), registered with
  ``app.add_search_language`` for the project's search language. For
  Japanese the index keeps the segmenter's words, plus the query parts of
  short texts (labels, authors, headings, :data:`SHORT`), and the search
  page splits a query with ``js_splitter_code`` (:data:`JS_SPLITTER`): a
  part that is an indexed word stays whole, another is cut by the same
  segmenter and model as the index, so ``業務改革`` is looked up as
  ``業務`` and ``改革``. For Chinese, whose splitter without jieba indexes no
  Chinese at all, every text also gives its query parts.
- Each quote's label gives the index, besides the chapter and policy it
  shows, what a reader may type for them: the source's short title, the
  policy's key when a locator shows another label (``art_3-2`` for
  ``第三条の二``), and full-width forms (``方針１－１``, ``第４章``), as
  Japanese documents write them. HTML pages never show any of it: the
  label's children are the search index's alone (``html.visit_label``).

The results are pages (with the words highlighted), not anchors of quotes:
titles per quote would have given anchored results at 2.8 times the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.search import SearchLanguage
from sphinx.search.ja import SearchJapanese as _SphinxJapanese
from sphinx.util import logging

from .. import nodes as pn
from ..collect.links import HTML_BUILDERS

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
    """Adds to a splitter's words the parts the search page would make of the text
    (of every text, or of the texts of at most :attr:`short` characters)."""

    #: Only texts this short give their query parts too (None: every text).
    short: int | None = None

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        if self.short is not None and len(input) > self.short:
            return words
        known = set(words)
        return words + [part for part in QUERY_PART.findall(input) if part not in known]


#: Texts of at most this many characters also give the index their query
#: parts in Japanese: labels (``第4章``, ``方針1-1``), authors, titles,
#: emphasised words. Longer ones (the bodies) are found through the search
#: page's segmenter (:data:`JS_SPLITTER`), so the index stays the size of
#: Sphinx's own.
SHORT = 16


def _model() -> dict[str, object]:
    """The model of Sphinx's Japanese word segmenter (TinySegmenter), as data."""
    from sphinx.search.ja import DefaultSplitter

    return {name[:-2]: value for name, value in vars(DefaultSplitter).items()
            if name.endswith("__") and not name.startswith("__")
            and isinstance(value, (int, dict))}


#: ``splitQuery`` of the search page for Japanese: a query part that is an
#: indexed word (or title word) is kept whole; another is cut with the same
#: segmenter and model as the index (Sphinx's TinySegmenter, ported), keeping
#: its words of two characters or more, as the index keeps them.
JS_SPLITTER = """
var splitQuery = (function () {
  const M = %(model)s;
  const types = [[/[一二三四五六七八九十百千万億兆]/u, "M"], [/[一-龠々〆ヵヶ]/u, "H"],
                 [/[ぁ-ん]/u, "I"], [/[ァ-ヴーｱ-ﾝﾞｰ]/u, "K"], [/[a-zA-Zａ-ｚＡ-Ｚ]/u, "A"],
                 [/[0-9０-９]/u, "N"]];
  const ctype = (c) => { for (const [re, t] of types) { if (re.test(c)) return t; } return "O"; };
  const ts = (d, k) => (d && Object.prototype.hasOwnProperty.call(d, k)) ? d[k] : 0;
  const segment = (input) => {
    if (!input) return [];
    const chars = Array.from(input);
    const seg = ["B3", "B2", "B1", ...chars, "E1", "E2", "E3"];
    const ct = ["O", "O", "O", ...chars.map(ctype), "O", "O", "O"];
    const result = [];
    let word = seg[3], p1 = "U", p2 = "U", p3 = "U";
    for (let i = 4; i < seg.length - 3; i++) {
      let score = M.BIAS;
      const [w1, w2, w3, w4, w5, w6] = [seg[i-3], seg[i-2], seg[i-1], seg[i], seg[i+1], seg[i+2]];
      const [c1, c2, c3, c4, c5, c6] = [ct[i-3], ct[i-2], ct[i-1], ct[i], ct[i+1], ct[i+2]];
      score += ts(M.UP1, p1) + ts(M.UP2, p2) + ts(M.UP3, p3) + ts(M.BP1, p1 + p2)
        + ts(M.BP2, p2 + p3) + ts(M.UW1, w1) + ts(M.UW2, w2) + ts(M.UW3, w3) + ts(M.UW4, w4)
        + ts(M.UW5, w5) + ts(M.UW6, w6) + ts(M.BW1, w2 + w3) + ts(M.BW2, w3 + w4)
        + ts(M.BW3, w4 + w5) + ts(M.TW1, w1 + w2 + w3) + ts(M.TW2, w2 + w3 + w4)
        + ts(M.TW3, w3 + w4 + w5) + ts(M.TW4, w4 + w5 + w6) + ts(M.UC1, c1) + ts(M.UC2, c2)
        + ts(M.UC3, c3) + ts(M.UC4, c4) + ts(M.UC5, c5) + ts(M.UC6, c6) + ts(M.BC1, c2 + c3)
        + ts(M.BC2, c3 + c4) + ts(M.BC3, c4 + c5) + ts(M.TC1, c1 + c2 + c3)
        + ts(M.TC2, c2 + c3 + c4) + ts(M.TC3, c3 + c4 + c5) + ts(M.TC4, c4 + c5 + c6)
        + ts(M.UQ1, p1 + c1) + ts(M.UQ2, p2 + c2) + ts(M.UQ1, p3 + c3)
        + ts(M.BQ1, p2 + c2 + c3) + ts(M.BQ2, p2 + c3 + c4) + ts(M.BQ3, p3 + c2 + c3)
        + ts(M.BQ4, p3 + c3 + c4) + ts(M.TQ1, p2 + c1 + c2 + c3) + ts(M.TQ2, p2 + c2 + c3 + c4)
        + ts(M.TQ3, p3 + c1 + c2 + c3) + ts(M.TQ4, p3 + c2 + c3 + c4);
      let p = "O";
      if (score > 0) { result.push(word.trim()); word = ""; p = "B"; }
      p1 = p2; p2 = p3; p3 = p;
      word += seg[i];
    }
    result.push(word.trim());
    return result;
  };
  const known = (term) => {
    const index = (typeof Search !== "undefined" && Search._index) || {};
    const low = term.toLowerCase();
    return [index.terms, index.titleterms].some(
      (m) => m && (Object.prototype.hasOwnProperty.call(m, term)
                   || Object.prototype.hasOwnProperty.call(m, low)));
  };
  return (query) => {
    const out = [];
    const parts = query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
      .filter((t) => t);
    for (const part of parts) {
      if (known(part)) { out.push(part); continue; }
      const words = segment(part).filter((w) => w.length > 1);
      out.push(...(words.length ? words : [part]));
    }
    return out;
  };
})();
"""


def query_terms(query: str, known: Callable[[str], bool]) -> list[str]:
    """What :data:`JS_SPLITTER` makes of ``query`` (its Python twin, for tests
    and tools): ``known`` says whether a term is in the index."""
    from sphinx.search.ja import DefaultSplitter

    splitter = DefaultSplitter({})
    out: list[str] = []
    for part in QUERY_PART.findall(query):
        if known(part):
            out.append(part)
            continue
        words = [w for w in splitter.split(part) if len(w) > 1]
        out.extend(words or [part])
    return out


class SearchJapanese(QueryParts, _SphinxJapanese):
    """Sphinx's Japanese search (and its ``html_search_options`` splitter),
    plus the query parts of short texts, and a search page that segments a
    query as the index was (:data:`JS_SPLITTER`)."""

    short = SHORT

    def __init__(self, options: dict[str, str]) -> None:
        # __init__, not init(): Sphinx 9 no longer calls init() from __init__.
        super().__init__(options)
        self.js_splitter_code = JS_SPLITTER % {
            "model": json.dumps(_model(), ensure_ascii=False, separators=(",", ":"))}


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


def quote_terms(catalog: Catalog, anchor: str) -> list[str]:
    """What the search index gets for a quote, besides its label's chapter
    and policy: the source's short title, the policy's full-width form and
    key, the full-width chapter (short texts: their query parts are kept)."""
    quote = catalog.by_anchor[anchor]
    chapter = catalog.chapter_label(quote.chapter)
    shown = catalog.policy_text(quote)
    texts = [catalog.source_label(catalog.source_of(quote))]
    if shown:
        texts.append(wide(shown))
    if quote.policy and quote.policy != shown:
        texts.append(quote.policy)
    if chapter:
        texts.append(wide(chapter))
    return list(dict.fromkeys(text for text in texts if text))


def add_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At ``doctree-resolved``, after the labels are filled: what a reader
    may type for each quote, in its label, for the search index.

    Words only, no titles: a title per quote (so that the search page would
    link to the quote's anchor) made the search index of 1,000 quotes 2.8
    times Sphinx's own; the words keep it within 1.2 times."""
    builder = app.builder
    if builder.name not in HTML_BUILDERS or not getattr(builder, "search", False):
        return
    catalog = cast("PolicyNotesDomain", app.env.get_domain("policynotes")).catalog
    for label in doctree.findall(pn.policy_label):
        record = label.get("record")
        if record is None or record[0] != "quote" or record[1] not in catalog.by_anchor:
            continue
        label.extend(nodes.Text(text) for text in quote_terms(catalog, record[1]))


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", register_language)
    app.connect("doctree-resolved", add_terms, priority=600)
