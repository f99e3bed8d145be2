"""The search page of a ``language = "ja"`` project, in Chromium, finds each quote.

``tests/roots/test-m-searchja`` is built, served over HTTP and searched on
its own ``search.html?q=…``: Sphinx's ``searchtools.js`` splits the query,
loads ``searchindex.js`` and lists the results. Each query must list the
quote's page; the policy's label and key must list the quote itself,
linked to its anchor. ``tests/test_search_ja.py`` checks the same terms
without a browser, by emulating the script.

Collected only with ``POLICYNOTES_BROWSER=1`` or ``pytest tests/browser``
(see ``conftest.py``).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from browserconf import serve
from buildutil import Build, build, copy_root
from test_search_ja import TERMS

#: Until the script has listed its results: it stops its "…" pulse when done.
FINISHED = ("() => typeof Search !== 'undefined' && Search.title !== undefined"
            " && Search._pulse_status === -1")



@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("searchja")
    b = build(copy_root("m-searchja", base / "src"), "html", builddir=base / "build")
    assert b.warnings == ""
    return b


@pytest.fixture(scope="module")
def served(built: Build) -> Iterator[str]:
    yield from serve(built.outdir)


def results(browser: Any, site: str, query: str) -> list[str]:
    """The links the search page lists for ``query``."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"{site}/search.html?q={urllib.parse.quote(query)}", wait_until="load")
        tab.wait_for_function(FINISHED, timeout=60_000)  # a busy machine runs the search slowly
        links: list[str] = tab.eval_on_selector_all(
            "#search-results ul.search li > a", "links => links.map(a => a.getAttribute('href'))"
        )
        return links
    finally:
        context.close()


@pytest.mark.parametrize("query", list(TERMS))
def test_the_search_page_finds_the_quote(browser: Any, served: str, query: str) -> None:
    page = TERMS[query]
    found = results(browser, served, query)
    assert any(link.split("#", 1)[0].split("?", 1)[0] == f"{page}.html" for link in found), (
        query, found)


def test_a_word_that_is_nowhere_finds_nothing(browser: Any, served: str) -> None:
    """The page is really searched: a word that no page has lists nothing."""
    assert results(browser, served, "存在しない語句") == []
