"""The index groups a source's rows as the document is, and quotes with a
locator have anchors by place.

Root ``m-groups``: a plan numbered ``ja-outline`` quoted at ``４． （１） ①``,
``４． （１） ②`` (one commentary on both), ``４． （２）`` and ``５．``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildutil import Build, build, cached_build, copy_root, index_tables, parse_html, table_rows

ROOT = "m-groups"


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, ROOT, "html")


def _rows(b: Build) -> list[list[str]]:
    page = parse_html(b.outdir / "policyindex.html")
    return [row for table in index_tables(page) for row in table_rows(table)]


def test_a_part_with_several_quoted_parts_gets_a_heading(html: Build) -> None:
    assert html.warnings == "", html.warnings
    assert [row[0] for row in _rows(html)] == [
        "４．", "４． （１）", "４． （１） ①", "４． （１） ②", "４． （２）", "５．"]


def test_a_commentary_on_several_rows_of_a_part_is_shown_once_beside_it(html: Build) -> None:
    rows = _rows(html)
    both = [i for i, row in enumerate(rows) if "Note on both measures." in row[2]]
    assert both == [1], rows  # at the heading of ４． （１）, not in rows ① and ②
    assert rows[2][2] == rows[3][2] == "", rows  # no "No commentary" under it
    # a commentary on one row stays in that row
    assert "Note on section two only." in rows[4][2]
    assert rows[5][2] == "No commentary"


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_headings_and_grouped_commentaries_in_other_builders(tmp_path: Path,
                                                             builder: str) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), builder, builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    name = "policyindex.txt" if builder == "text" else "groups.tex"
    out = (b.outdir / name).read_text(encoding="utf-8")
    # text: the index page alone; LaTeX: one document, the note where it stands
    # and once in each of the two indexes (policyindex, coverage)
    assert out.count("Note on both measures.") == (1 if builder == "text" else 3)
    assert "４． （１）" in out


def _anchor_of(html_text: str, text: str) -> str:
    """The id of the quote whose body holds ``text``."""
    found = re.findall(r'<div class="[^"]*policynotes-quote[^"]*" id="([^"]+)"'
                       r'(?:(?!<div class="[^"]*policynotes-quote).)*?' + re.escape(text),
                       html_text, flags=re.S)
    assert found, text
    return str(found[-1])


def test_an_anchor_by_place_does_not_move_when_a_quote_is_inserted_before(
        tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", builddir=tmp_path / "one")
    city = (first.outdir / "city.html").read_text(encoding="utf-8")
    anchor = _anchor_of(city, "Measure two text.")
    assert anchor.startswith("pl-") and anchor.isascii()
    assert 'id="first-measure"' in city  # :name: is an id too
    page = src / "city.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ".. policy-quote::\n   :at: ４． （１） ①",
        ".. policy-quote::\n   :at: ３．\n\n   Inserted text.\n\n"
        ".. policy-quote::\n   :at: ４． （１） ①"), encoding="utf-8")
    second = build(src, "html", builddir=tmp_path / "two")
    assert second.warnings == "", second.warnings
    city = (second.outdir / "city.html").read_text(encoding="utf-8")
    assert _anchor_of(city, "Measure two text.") == anchor
    index = (second.outdir / "policyindex.html").read_text(encoding="utf-8")
    assert f'href="city.html#{anchor}"' in index
    quotes = {q["text"]: q for q in second.export()["quotes"]}
    assert quotes["Measure two text."]["anchor"] == anchor


def test_the_same_place_twice_on_a_page_gets_two_anchors(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "city.rst"
    page.write_text(page.read_text(encoding="utf-8") + (
        "\n.. policy-quote::\n   :at: ５．\n\n   Part five again.\n"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    city = (b.outdir / "city.html").read_text(encoding="utf-8")
    once, again = _anchor_of(city, "Part five text."), _anchor_of(city, "Part five again.")
    assert once != again and once.startswith("pl-") and again.startswith("pl-")


def test_coverage_by_the_parts_of_a_source_of_another_scheme(html: Build) -> None:
    cov = html.export()["coverage"]["city"]
    status = {p["policy"]: p["status"] for c in cov["chapters"] for p in c["policies"]}
    assert status == {
        "num_4": "commented", "num_4__paren_1": "commented",
        "num_4__paren_1__circled_1": "commented", "num_4__paren_1__circled_2": "commented",
        "num_4__paren_2": "commented", "num_5": "quoted", "num_6": "untouched",
        "num_3": "untouched"}
    assert [c["label"] for c in cov["chapters"]] == ["３．", "４．", "５．", "６．"]
    assert cov["summary"] == ("num: 2/4 quoted, 1/4 commented; paren: 2/2 quoted, "
                              "2/2 commented; circled: 2/2 quoted, 2/2 commented")
    assert cov["unmatched"] == []
    page = (html.outdir / "coverage.html").read_text(encoding="utf-8")
    # the coverage table shows the parts as written, not their keys
    assert "６．" in page and "num_6" not in page


def test_a_quote_whose_place_is_not_in_the_text_is_unmatched() -> None:
    from sphinx_policynotes.numbering import builtin_schemes
    from sphinx_policynotes.verify import SourceText
    from sphinx_policynotes.verify.placed import placed_coverage

    text = SourceText.from_text("１． One\n\nFirst.\n\f２． Two\n\nSecond.\n")
    scheme = builtin_schemes()["ja-outline"]
    cov = placed_coverage(text, scheme, [("num_2", (("num", "2"),)),
                                         ("num_9", (("num", "9"),))]).to_dict()
    assert cov["unmatched"] == [{"chapter": None, "policy": "num_9"}]
    pages = {p["policy"]: (p["page"], p["status"]) for c in cov["chapters"]
             for p in c["policies"]}
    assert pages == {"num_1": (1, "untouched"), "num_2": (2, "quoted")}
