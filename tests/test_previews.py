"""Links to a quote show it in a popup on HTML pages (issue 20, previews).

A commentary's "on" link, a quote's "Continues" link and a ``:policy:`` link
carry the quote's label and text in ``data-policynotes-head`` and
``data-policynotes-text`` (``policynotes.css`` shows them on hover and on
keyboard focus); the page's own text, the search index and the other
builders do not change. ``tests/browser/test_previews.py`` hovers and focuses
them in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from buildutil import Build, build, copy_root, parse_html, touch

from sphinx_policynotes.collect.catalog import PREVIEW_CHARS

ROOT = "b-inc"


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("previews")
    return build(copy_root(ROOT, tmp / "src"), "html", builddir=tmp / "build")


def previews(b: Build, page: str) -> list[tuple[str, str, str]]:
    """(link text, popup heading, popup text) of each previewed link of a page."""
    return [(a.text(), a.attrs["data-policynotes-head"], a.attrs["data-policynotes-text"])
            for a in parse_html(b.outdir / f"{page}.html").find_all("a")
            if "data-policynotes-text" in a.attrs]


def test_a_commentary_link_shows_its_quote(html: Build) -> None:
    assert html.warnings == "", html.warnings
    quotes = {q["text"]: q for q in html.export()["quotes"]}
    found = {text for _link, _head, text in previews(html, "ch2")}
    # ch2's commentary is on the quote of ch1 (and on its own quote).
    assert "QONE 業務改革を実施する。" in found, found
    assert all(text in quotes for text in found)


def test_a_policy_link_shows_the_first_quote_of_the_policy(html: Build) -> None:
    shown = previews(html, "roles")
    assert shown, "no :policy: link with a popup"
    by_link = {link: (head, text) for link, head, text in shown}
    head, text = by_link["方針1-1"]
    assert text == "QONE 業務改革を実施する。"
    assert "方針1-1" in head


def test_the_page_text_and_the_search_index_stay_the_same(html: Build) -> None:
    # The popups are attributes: the page's text holds the quote once (ch1),
    # the roles page not at all, and the search index finds QONE on ch1 only.
    roles = parse_html(html.outdir / "roles.html")
    assert "QONE" not in roles.text()
    index = (html.outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1:index.rindex(")")])
    docs = data["terms"]["qone"]
    docs = docs if isinstance(docs, list) else [docs]
    assert [data["docnames"][d] for d in docs] == ["ch1"]


def test_other_builders_have_no_popup(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    for builder in ("epub", "singlehtml", "text", "latex"):
        b = build(src, builder, builddir=tmp_path / builder)
        out = b.outdir
        written = "".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in out.rglob("*") if p.suffix in (".xhtml", ".html", ".txt",
                                                                 ".tex"))
        if builder == "singlehtml":  # a web page: popups, as in html
            assert "data-policynotes-text" in written
        else:
            assert "data-policynotes" not in written, builder
    text = (tmp_path / "text" / "text" / "roles.txt").read_text(encoding="utf-8")
    assert "QONE" not in text


def test_a_long_quote_is_cut_in_its_popup(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    long = "長い引用。" * 100
    path = src / "ch1.rst"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "QONE 業務改革を実施する。", "QONE " + long), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    text = dict((link, t) for link, _h, t in previews(b, "roles"))["方針1-1"]
    assert len(text) == PREVIEW_CHARS + 1 and text.endswith("…")
    assert text[:-1] == ("QONE " + long)[:PREVIEW_CHARS].rstrip()


def test_an_edited_quote_shows_in_the_popups_of_other_pages(tmp_path: Path) -> None:
    """Incremental: the pages whose links show a quote are rewritten when its
    text changes, and equal a clean build."""
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", freshenv=False)
    path = src / "ch1.rst"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "QONE 業務改革を実施する。", "QONE 業務改革を見直す。"), encoding="utf-8")
    touch(path)
    again = build(src, "html", freshenv=False)
    for page in ("ch2", "roles"):
        texts = [t for _l, _h, t in previews(again, page)]
        assert "QONE 業務改革を見直す。" in texts, (page, texts)
        assert "QONE 業務改革を実施する。" not in texts, (page, texts)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html")
    for page in ("ch2", "roles"):
        assert previews(again, page) == previews(clean, page)


def test_quotes_with_quotation_marks_stay_inside_the_attribute(html: Build) -> None:
    raw = (html.outdir / "roles.html").read_text(encoding="utf-8")
    for value in re.findall(r'data-policynotes-text="([^"]*)"', raw):
        assert "<" not in value and ">" not in value


def test_with_sphinx_tippy_its_popups_show_the_quote_box(tmp_path: Path) -> None:
    """sphinx-tippy, when loaded, shows the linked quote's box (the same label
    and text) in its popup; ours are left out so that one popup shows."""
    src = copy_root(ROOT, tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        'extensions = ["sphinx_policynotes"]', 'extensions = ["sphinx_policynotes", "sphinx_tippy"]'),
        encoding="utf-8")
    assert "sphinx_tippy" in conf.read_text(encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    assert previews(b, "ch2") == [] and previews(b, "roles") == []
    tips = next((b.outdir / "_static" / "tippy").glob("ch2.*.js")).read_text(encoding="utf-8")
    data = json.loads(tips[tips.index("=") + 1:tips.index("\n", tips.index("="))])
    boxes = {link: html for link, html in data.items() if "policynotes-quote" in html}
    assert any("ch1.html#" in link and "QONE" in html for link, html in boxes.items()), data
