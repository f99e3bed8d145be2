"""A quote is found by what a reader types into the search page, in Japanese too.

The built ``searchindex.js`` is queried the way Sphinx's ``searchtools.js``
queries it (emulated here, so the main test run needs no browser; the
browser test ``tests/browser/test_search.py`` runs the real page): the query
split at every character that is not a letter, a digit or ``_``, parts of
digits only dropped, each part looked up among the indexed words (or inside
them, from three characters), and the whole query among the titles. Each of
the terms must give a result on the quote's page; the policy's label and
key, a result linked to the quote itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from buildutil import Build, cached_build

from sphinx_policynotes.write.search import QUERY_PART, QueryParts, query_terms, wide

ROOT = "m-searchja"

#: query -> the page of its quote. (``1-1`` alone is not a query Sphinx's search
#: page can make: it drops parts of digits only.)
TERMS: dict[str, str] = {
    "方針1-1": "plan",
    "【方針１－１】": "plan",
    "方針１－１": "plan",
    "第三条の二": "law",
    "art_3-2": "law",
    "第4章": "plan",
    "第４章": "plan",
    "推進方針": "plan",
    "番号法": "law",
    "査読者": "plan",
    "業務改革": "plan",
    "個人番号の利用": "law",
}


class Result(NamedTuple):
    docname: str
    anchor: str
    kind: str


def split_query(query: str) -> list[str]:
    """``splitQuery``: split at characters that are not letters, numbers or ``_``."""
    parts: list[str] = []
    current = ""
    for char in query:
        if unicodedata.category(char)[0] in "LN" or char == "_":
            current += char
        elif current:
            parts.append(current)
            current = ""
    return [*parts, current] if current else parts


def _files(value: int | list[int] | None) -> list[int]:
    if value is None:
        return []
    return [value] if isinstance(value, int) else list(value)


def _terms(index: dict[str, Any], words: set[str]) -> list[int]:
    """``performTermsSearch``: the files holding every word (or every long one)."""
    found: dict[int, set[str]] = {}
    for word in words:
        files: list[int] = []
        for mapping in (index["terms"], index["titleterms"]):
            files += _files(mapping.get(word))
            if len(word) > 2 and word not in mapping:
                for term, value in mapping.items():
                    if word in term:
                        files += _files(value)
        for file in files:
            found.setdefault(file, set()).add(word)
    wanted = {len(words), len([w for w in words if len(w) > 2])}
    return sorted(file for file, have in found.items() if len(have) in wanted)


def search(index: dict[str, Any], query: str,
           stem: Callable[[str], str] = lambda word: word,
           language: str = "en") -> list[Result]:
    """The results ``searchtools.js`` gives for ``query`` (titles, index
    entries and full text; objects too, by name). For Japanese the query is
    split by the search page's ``splitQuery`` of this extension
    (``search.JS_SPLITTER``, whose Python twin is ``search.query_terms``)."""
    docnames = index["docnames"]
    lowered = query.lower().strip()
    if language == "ja":
        def known(term: str) -> bool:
            return any(t in index[m] for m in ("terms", "titleterms")
                       for t in (term, term.lower()))

        parts = query_terms(query.strip(), known)
    else:
        parts = split_query(query.strip())
    words = {stem(part.lower()) for part in parts
             if not re.fullmatch(r"[0-9]+", part)} - {""}
    results: list[Result] = []
    for title, found in index["alltitles"].items():
        if lowered in title.lower().strip() and len(lowered) >= len(title) / 2:
            results += [Result(docnames[f], f"#{i}" if i else "", "title") for f, i in found]
    for entry, found in index["indexentries"].items():
        if lowered in entry and len(lowered) >= len(entry) / 2:
            results += [Result(docnames[f], f"#{i}" if i else "", "index") for f, i, _ in found]
    for prefix, objects in index["objects"].items():
        for file, _type, _prio, anchor, name in objects:
            fullname = f"{prefix}.{name}" if prefix else name
            if any(term in fullname.lower() for term in split_query(lowered)):
                results.append(Result(docnames[file], "#" + (anchor or fullname), "object"))
    results += [Result(docnames[f], "", "text") for f in _terms(index, words)]
    return results


def load_index(b: Build) -> dict[str, Any]:
    raw = b.read("searchindex.js")
    data: dict[str, Any] = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    return data


def quote_anchors(b: Build) -> dict[str, str]:
    """docname -> the anchor of its quote."""
    return {q["docname"]: q["anchor"] for q in b.export()["quotes"]}


def stemmer(language: str) -> Callable[[str], str]:
    """The Python stemmer of a search language, lowercasing as the index does
    (the JavaScript stemmer the search page uses matches it)."""
    from importlib import import_module

    from sphinx.search import SearchLanguage, languages

    found = languages.get(language) or languages[language.split("_")[0]]
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    assert isinstance(found, type) and issubclass(found, SearchLanguage)
    stem = found({}).stem
    return lambda word: stem(word).lower()


@pytest.fixture(scope="module", params=["ja", "en", "zh_CN", "de"])
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, str]:
    b = cached_build(tmp_path_factory, ROOT, "html", language=request.param)
    assert b.warnings == ""
    return b, request.param


@pytest.mark.parametrize("query", list(TERMS))
def test_a_quote_is_found_by_what_a_reader_types(built: tuple[Build, str], query: str) -> None:
    b, language = built
    page = TERMS[query]
    results = search(load_index(b), query, stemmer(language), language)
    assert page in {r.docname for r in results}, (language, query, results)


def test_a_plain_paragraph_is_found_too(built: tuple[Build, str]) -> None:
    b, _language = built
    results = search(load_index(b), "関係のない文章", language=_language)
    assert "other" in {r.docname for r in results}


def test_the_pages_show_none_of_it(built: tuple[Build, str]) -> None:
    """The extra words and titles are the search index's alone."""
    b, _language = built
    page = b.read("plan.html")
    assert "方針１－１" not in page
    assert page.count('id="' + quote_anchors(b)["plan"] + '"') == 1
    assert "art_3-2" not in b.read("law.html")


def test_japanese_words_keep_the_segmenter_words() -> None:
    from sphinx_policynotes.write.search import SearchJapanese

    lang = SearchJapanese({})
    words = lang.split("業務改革を推進する")
    assert "業務" in words and "改革" in words
    assert words[-1] == "業務改革を推進する"
    assert isinstance(lang, QueryParts)
    assert QUERY_PART.findall("【方針１－１】") == ["方針１", "１"]
    assert wide("方針1-1") == "方針１－１"


def test_long_japanese_texts_stay_segmented_words_only() -> None:
    """Bodies are found through the search page's segmenter, not as phrases:
    the index stays the size of Sphinx's own."""
    from sphinx_policynotes.write.search import SHORT, SearchJapanese

    lang = SearchJapanese({})
    body = "行政手続をオンラインで完結することを原則とする。" * 2
    assert len(body) > SHORT
    assert lang.split(body) == lang.splitter.split(body)
    assert "splitQuery" in lang.js_splitter_code


def test_the_query_is_segmented_as_the_index_was() -> None:
    assert query_terms("業務改革", lambda term: False) == ["業務", "改革"]
    assert query_terms("方針1-1", lambda term: term == "方針1") == ["方針1", "1"]
    assert query_terms("第4章", lambda term: False) == ["第4章"]  # no word of 2 characters
