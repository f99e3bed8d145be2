"""A quote of a web page links to its passage there (``url#:~:text=START,END``).

``tests/roots/test-m-webpage``: two sources that are web pages (one URL with
a fragment of its own, one without an extension), a PDF and a Word document. A quote of a web
page has "原文へ" (in the source) in its label, linked to the page with the
quote's W3C Text Fragment; a quote of a PDF has no such link (its page link,
``#page=N``, lands on the passage). The page in ``page/digital.html`` stands
for the web page: ``tests/browser/test_text_fragment.py`` opens it with the
built links' fragments in Chromium.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from buildutil import Build, build, collapse, copy_root, parse_html

from sphinx_policynotes.verify.phrase import text_fragment

ROOT = "m-webpage"


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("webpage")
    return build(copy_root(ROOT, tmp / "src"), "html", builddir=tmp / "build")


def _labels(b: Build) -> list[tuple[str, str | None]]:
    """Each quote's label text and the href of its "in the source" link."""
    page = parse_html(b.outdir / "index.html")
    out = []
    for box in page.iter():
        if box.tag != "div" or "policynotes-quote" not in box.classes:
            continue
        label = next(e for e in box.iter() if e.tag == "p" and "policynotes-label" in e.classes)
        link = next((a for a in label.find_all("a") if "policynotes-passage" in a.classes), None)
        out.append((collapse(label.text()), link.attrs.get("href") if link else None))
    return out


def test_a_quote_of_a_web_page_links_to_its_passage(html: Build) -> None:
    assert html.warnings == "", html.warnings
    labels = _labels(html)
    hrefs = [href for _text, href in labels]
    texts = {q["text"]: q for q in html.export()["quotes"]}
    page_quote = "行政手続のオンライン化を原則とする。"
    assert page_quote in texts
    # The source's own fragment (#top) gives way to the passage's.
    assert hrefs[0] == ("https://example.org/city/digital.html#"
                        + text_fragment(page_quote))
    assert hrefs[1] is not None and hrefs[1].startswith("https://example.org/city/digital.html#:~:text=")
    start, end = (urllib.parse.unquote(p) for p in hrefs[1].split("=", 1)[1].split(","))
    assert start.startswith("その上で、") and end == "窓口は残す。"
    assert hrefs[2] is not None and hrefs[2].startswith("https://example.org/city/open-data#:~:text=Each")
    assert "原文へ" in labels[0][0]


def test_a_quote_of_a_pdf_or_another_document_has_no_passage_link(html: Build) -> None:
    labels = _labels(html)
    # The PDF's quotes: without a page, no link; with one, the page link.
    assert labels[3][1] is None and labels[4][1] is None
    assert "原文へ" not in labels[3][0] and "p. 3" in labels[4][0]
    # A Word document (as in the corpus: opendata_guideline.docx) is no web page.
    assert labels[5][1] is None and "原文へ" not in labels[5][0]


def test_english_label_and_every_builder(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    en = build(src, "html", builddir=tmp_path / "en", confoverrides={"language": "en"})
    assert "in the source" in _labels(en)[0][0]
    text = build(src, "text", builddir=tmp_path / "text")
    assert text.warnings == ""
    assert (text.outdir / "index.txt").read_text(encoding="utf-8").count("原文へ") == 3
    latex = build(src, "latex", builddir=tmp_path / "latex",
                  confoverrides={"policynotes_latex_preset": "ja-lualatex"})
    assert latex.warnings == ""
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # Sphinx escapes # and % in the URL; the fragment's ":~:" stays as it is.
    assert r"\sphinxhref{https://example.org/city/open-data\#:~:text=Each\%20dataset" in tex
