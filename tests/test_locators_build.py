"""Locators in a build: ``:at:`` read with each source's ``:scheme:``.

The root ``m-locators`` quotes a Japanese law, an EU act, a dotted report, a
plan (ja-plan, by ``:at:`` and by ``:chapter:``/``:policy:``) and a city
plan numbered by a scheme of ``policynotes_schemes``, side by side.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from buildutil import Build, build, cached_build, copy_root, index_tables, parse_html, table_rows

ROOT = "m-locators"
ENGLISH = {"language": "en"}  # the messages asserted are the English ones

#: (source, key, label) of every quote, in the export's order (by source id,
#: then each scheme's natural order).
EXPECTED = [
    ("city", "goal_1__measure_3", "基本目標１ 施策（３）"),
    ("city", "goal_2__measure_1", "基本目標２ 施策（１）"),
    ("eu-ai", "rec_12", "Recital 12"),
    ("eu-ai", "art_5__para_1__point_a", "Art. 5(1)(a)"),
    ("eu-ai", "annex_2", "Annex II"),
    ("law", "art_3", "第3条"),
    ("law", "art_3-2__para_1__item_2", "第三条の二第一項第二号"),
    ("law", "art_10", "第十条"),
    ("law", "suppl__art_2", "附則第二条"),
    ("plan", "chp_4__方針1-1", "第４章【方針１－１】"),
    ("plan", "chp_4__方針1-2", "第4章 方針1-2"),
    ("rep", "sec_1.1", "１ .１"),
    ("rep", "sec_3.2.1", "３．２．１"),
    ("rep", "sec_3.10", "3.10"),
]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, ROOT, "html")


def test_builds_without_warnings_and_exports_each_locator(html: Build) -> None:
    assert html.warnings == "", html.warnings
    quotes = html.export()["quotes"]
    assert [(q["source"], q["at"]["key"], q["at"]["label"]) for q in quotes] == EXPECTED
    eu = next(q for q in quotes if q["at"]["key"] == "art_5__para_1__point_a")
    assert eu["at"]["path"] == [
        {"level": "art", "num": "5", "label": "Art. 5"},
        {"level": "para", "num": "1", "label": "(1)"},
        {"level": "point", "num": "a", "label": "(a)"}]
    # chapter and policy are the ja-plan levels: filled for plan, null elsewhere
    assert {(q["source"], q["chapter"], q["policy"]) for q in quotes if q["chapter"]} == {
        ("plan", 4, "方針1-1"), ("plan", 4, "方針1-2")}
    assert all(q["policy"] is None for q in quotes if q["source"] != "plan")


def test_the_index_has_a_row_per_place_shown_as_written(html: Build) -> None:
    page = parse_html(html.outdir / "policyindex.html")
    firsts = [row[0] for table in index_tables(page) for row in table_rows(table)]
    assert firsts == ["基本目標１ 施策（３）", "基本目標２ 施策（１）",
                      "Recital 12", "Art. 5(1)(a)", "Annex II",
                      "第3条", "第三条の二第一項第二号", "第十条", "附則第二条",
                      "第4章 方針1-1", "第4章 方針1-2",
                      "１ .１", "３．２．１", "3.10"]


def test_roles_take_written_forms_keys_and_ancestors(html: Build) -> None:
    eu = (html.outdir / "eu.html").read_text(encoding="utf-8")
    # "Article 5" is above the quoted 5(1)(a): it links there, as the key does
    assert eu.count('title="AI Act Art. 5(1)(a)"><span class="xref policy">') == 2, eu
    plan = (html.outdir / "plan.html").read_text(encoding="utf-8")
    assert 'title="番号法 第三条の二第一項第二号"' in plan
    assert 'title="デジタル・ガバメント推進方針 方針1-1"' in plan


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "latex", "text", "man",
                                     "texinfo", "epub", "xml", "pseudoxml"])
def test_every_builder_builds_it_without_warnings(tmp_path: Path, builder: str) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), builder, builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings


def test_an_unreadable_locator_warns_and_the_quote_stays(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "eu.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":at: Annex II", ":at: Article 99(zz9)"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert "eu.md:9: WARNING: policy-quote :at: 'Article 99(zz9)': numbering scheme 'eu' " \
        "cannot read \"(zz9)\"" in b.warnings
    assert "[policynotes.bad_locator]" in b.warnings
    quote = next(q for q in b.export()["quotes"] if q["text"] == "Annex text.")
    assert quote["at"] == {"key": None, "label": "Article 99(zz9)", "path": []}
    assert "Annex text." in (b.outdir / "policyindex.html").read_text(encoding="utf-8")


def test_at_with_chapter_or_policy_warns_and_at_wins(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "plan.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "   :at: 第４章【方針１－１】", "   :at: 第４章【方針１－１】\n   :policy: 9-9"),
        encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert "plan.rst:7: WARNING: policy-quote: :at: '第４章【方針１－１】' and :chapter: / " \
        ":policy: name its place twice; :at: is used [policynotes.conflicting_locator]" \
        in b.warnings, b.warnings
    keys = [q["at"]["key"] for q in b.export()["quotes"] if q["source"] == "plan"]
    assert keys == ["chp_4__方針1-1", "chp_4__方針1-2"]


def test_an_unknown_scheme_warns_with_the_closest_names(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "report.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(":scheme: dotted",
                                                            ":scheme: doted"),
                    encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert "report.rst:4: WARNING: source-ref 'rep': :scheme: 'doted' is not a built-in " \
        "scheme nor one of policynotes_schemes; its quotes use 'ja-plan'; did you mean " \
        "'dotted'? [policynotes.unknown_scheme]" in b.warnings, b.warnings


def test_a_changed_scheme_rebuilds_the_pages_that_show_its_quotes(tmp_path: Path) -> None:
    """Incremental: editing a source's :scheme: equals a clean build."""
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", builddir=tmp_path / "build")
    page = src / "report.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(":scheme: dotted",
                                                            ":scheme: ja-outline"),
                    encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "build", freshenv=False)
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert again.export() == clean.export()
    for name in ("policyindex.html", "report.html"):
        assert (again.outdir / name).read_text(encoding="utf-8") == \
            (clean.outdir / name).read_text(encoding="utf-8")


def test_default_source_sets_the_source_of_the_rest_of_the_page(tmp_path: Path) -> None:
    """Two plans both have 方針1-1: a page about one needs no SOURCE: prefix."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_policynotes"]\n'
                                 'language = "en"\n', encoding="utf-8")
    (src / "index.rst").write_text(
        "Plans\n=====\n\n.. toctree::\n\n   a\n   b\n", encoding="utf-8")
    for name, title in (("a", "Plan A"), ("b", "Plan B")):
        (src / f"{name}.rst").write_text(
            f"{title}\n======\n\n.. source-ref:: plan-{name}\n   :title: {title}\n\n"
            ".. policy-quote::\n   :policy: 1-1\n   :source: plan-" + name + "\n\n"
            f"   Text of {title}.\n", encoding="utf-8")
    (src / "b.rst").write_text((src / "b.rst").read_text(encoding="utf-8") + (
        "\n.. default-source:: plan-b\n\n.. policy-quote::\n   :policy: 2-1\n\n"
        "   Second of B.\n\n.. commentary::\n\n   See :policy:`1-1` and "
        ":policy:`plan-a:1-1`.\n"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    second = next(q for q in b.export()["quotes"] if q["text"] == "Second of B.")
    assert second["source"] == "plan-b"
    page = (b.outdir / "b.html").read_text(encoding="utf-8")
    assert 'title="Plan B 方針1-1"' in page and 'title="Plan A 方針1-1"' in page
    # without it the unprefixed role is ambiguous
    (src / "b.rst").write_text((src / "b.rst").read_text(encoding="utf-8").replace(
        ".. default-source:: plan-b\n", ""), encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "again")
    assert "[policynotes.ambiguous_ref]" in again.warnings


def test_parallel_build_equals_serial(tmp_path: Path, html: Build) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    parallel = build(src, "html", builddir=tmp_path / "build", parallel=2)
    assert parallel.warnings == "", parallel.warnings
    assert parallel.export() == html.export()
    for name in ("policyindex.html", "eu.html", "law.html"):
        assert (parallel.outdir / name).read_bytes() == (html.outdir / name).read_bytes()


def test_kanji_numerals_in_policy_are_read_or_warned(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_policynotes"]\nlanguage = "en"\n',
                                 encoding="utf-8")
    (src / "index.rst").write_text(
        "Plan\n====\n\n.. source-ref:: plan\n   :title: Plan\n\n"
        ".. policy-quote::\n   :policy: 方針一の二\n\n   Read.\n\n"
        ".. policy-quote::\n   :policy: 方針三重\n\n   Not read.\n\n"
        "See :policy:`1-2` and :policy:`方針一の二`.\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert [q["policy"] for q in b.export()["quotes"]] == ["方針1-2", "方針三重"]
    assert b.warnings.count("WARNING") == 1, b.warnings
    assert "index.rst:12: WARNING: policy-quote: cannot read the kanji numerals of :policy: " \
        "'方針三重'; kept as '方針三重' [policynotes.bad_policy]" in b.warnings, b.warnings


def test_continues_names_a_place_in_any_written_form(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "city.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "   :at: 基本目標２ 施策（１）", "   :at: 基本目標２ 施策（１）\n"
        "   :continues: eu-ai:Article 5(1)(a)"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    city = (b.outdir / "city.html").read_text(encoding="utf-8")
    assert 'title="AI Act Art. 5(1)(a)"' in city, city


def test_quotes_without_a_place_are_a_row_each(tmp_path: Path) -> None:
    """A source quoted without places lists its quotes, not one cell of all."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_policynotes"]\nlanguage = "en"\n',
                                 encoding="utf-8")
    quotes = "".join(f".. policy-quote::\n\n   Passage {n}.\n\n" for n in range(1, 9))
    (src / "index.rst").write_text(
        "Report\n======\n\n.. source-ref:: rep\n   :title: Report\n\n" + quotes
        + ".. commentary::\n\n   On all eight.\n\n.. policy-index::\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    [table] = index_tables(parse_html(b.outdir / "index.html"))
    rows = table_rows(table)
    assert len(rows) == 8
    assert all(f"Passage {n}." in rows[n - 1][1] for n in range(1, 9)), rows


def test_an_unreadable_locator_warns_in_the_language_of_the_build(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")  # language = "ja"
    page = src / "eu.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":at: Annex II", ":at: Article 99(zz9)"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert "番号体系 'eu' では「(zz9)」を読めません: 番号体系のどの階層でも読めません " \
        "(art の後)" in b.warnings, b.warnings

