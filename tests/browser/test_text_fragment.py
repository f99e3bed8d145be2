"""A quote's "in the source" link lands on the passage of its web page, in Chromium.

``tests/roots/test-m-webpage`` is built; each ``a.policynotes-passage`` link of
its page to ``https://example.org/city/digital.html`` is followed on a local
copy of that page (``page/digital.html``: the passages between long runs of
filler), and the browser must have scrolled to the passage (W3C Text
Fragments: Chromium, Edge, Safari 16.1+, Firefox 131+). A fragment of a
sentence the page does not hold leaves the page at its top, so the check can
fail.

Collected only with ``POLICYNOTES_BROWSER=1`` or ``pytest tests/browser``
(see ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserconf import REPO, serve
from buildutil import build, copy_root, parse_html

from sphinx_policynotes.verify.phrase import text_fragment

ROOT = REPO / "tests" / "roots" / "test-m-webpage"
SOURCE_URL = "https://example.org/city/digital.html"


@pytest.fixture(scope="module")
def source_page() -> Iterator[str]:
    """The URL of the local copy of the quoted web page."""
    for base in serve(ROOT / "page"):
        yield f"{base}/digital.html"


def _fragments(tmp_path: Path) -> list[str]:
    b = build(copy_root("m-webpage", tmp_path / "src"), "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    page = parse_html(b.outdir / "index.html")
    hrefs = [a.attrs["href"] for a in page.find_all("a")
             if "policynotes-passage" in a.classes and a.attrs["href"].startswith(SOURCE_URL)]
    return [href.split("#", 1)[1] for href in hrefs]


def _scrolled_to(browser: Any, url: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 800, "height": 600})
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load")
        tab.wait_for_timeout(300)
        # Where the passage's paragraph is now: inside the viewport?
        top = tab.evaluate("[...document.querySelectorAll('p')].find("
                           "p => p.textContent.includes('行政手続')).getBoundingClientRect().top")
        return tab.evaluate("window.scrollY"), top
    finally:
        context.close()


def test_each_passage_link_lands_on_its_passage(browser: Any, source_page: str,
                                                tmp_path: Path) -> None:
    fragments = _fragments(tmp_path)
    assert len(fragments) == 2, fragments  # the two quotes of the Japanese page
    for fragment in fragments:
        scroll, top = _scrolled_to(browser, f"{source_page}#{fragment}")
        assert scroll > 2000, (fragment, scroll)  # past the first filler
        assert 0 <= top < 600, (fragment, top)  # the passage is in view


def test_a_fragment_the_page_does_not_hold_stays_at_the_top(browser: Any,
                                                            source_page: str) -> None:
    scroll, _top = _scrolled_to(browser,
                                  f"{source_page}#{text_fragment('これはこのページにない文です。')}")
    assert scroll == 0
