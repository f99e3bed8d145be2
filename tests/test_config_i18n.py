"""The ``policynotes_*`` configuration values, their validation, and the labels'
message catalogs (``ja``, ``en``), on ``test-d-basic`` and ``test-d-resolve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from util import Element, export_of, html_of, sphinx_root, warning_lines

#: roles.rst and roles_md.md cite keys that a different prefix would change
WITHOUT_ROLES = ["_build", "roles.rst", "roles_md.md"]


def quote_named(app: SphinxTestApp, name: str) -> dict[str, Any]:
    return next(q for q in export_of(app)["quotes"] if q["name"] == name)


def note_with(app: SphinxTestApp, text: str) -> dict[str, Any]:
    return next(c for c in export_of(app)["commentaries"] if c["text"] == text)


def label(app: SphinxTestApp, record: dict[str, Any]) -> Element:
    """The label (first paragraph outside the body) of an exported quote, note or card."""
    div = html_of(app, record["docname"]).by_id(record["anchor"])
    return next(p for p in div.find_all("p")
                if not any(a.tag == "blockquote" for a in p.ancestors()))


def index_rows(app: SphinxTestApp, docname: str) -> list[list[str]]:
    """Cell texts of every body row of every table in ``docname``."""
    rows = []
    for table in html_of(app, docname).find_all("table"):
        for row in table.find("tbody").find_all("tr"):
            rows.append([c.text for c in row.find_all() if c.tag == "td" and c.parent is row])
    return rows


def all_label_texts(app: SphinxTestApp) -> list[str]:
    """The labels of every card, quote and commentary of the export."""
    data = export_of(app)
    records = data["sources"] + data["quotes"] + data["commentaries"]
    assert len(records) == 19  # 3 cards, 9 quotes, 7 commentaries
    return [label(app, r).text for r in records]


def header_cells(app: SphinxTestApp, docname: str) -> list[str]:
    table = html_of(app, docname).find("table")
    return [c.text for c in table.find("thead").find_all("th")]


def config_lines(app: SphinxTestApp) -> list[str]:
    return [line for line in warning_lines(app) if "[policynotes." in line]


# -- each value --------------------------------------------------------------------


@sphinx_root("d-resolve", confoverrides={"policynotes_default_source": "alpha"})
def test_default_source(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert quote_named(app, "q-implicit")["source"] == "alpha"
    assert quote_named(app, "q-md-implicit")["source"] == "alpha"
    assert "Alpha paper" in label(app, quote_named(app, "q-md-implicit")).text


@sphinx_root("d-basic", confoverrides={"policynotes_default_author": "既定の査読者"})
def test_default_author_in_label_and_index(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    note = note_with(app, "Cross-document note on two rST quotes.")
    assert note["author"] == "既定の査読者"
    assert "既定の査読者" in label(app, note).text
    rows = [r for r in index_rows(app, "a_index_dg") if r[0] == "第4章 方針1-1"]
    assert len(rows) == 1
    assert "既定の査読者" in rows[0][-1]
    assert "査読者" in rows[0][-1]


@sphinx_root("d-basic", confoverrides={"policynotes_policy_prefix": "施策",
                                        "exclude_patterns": WITHOUT_ROLES})
def test_policy_prefix(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    cloud_first = quote_named(app, "cloud-first")  # written `1-2`
    bpr = quote_named(app, "bpr")  # written `【方針１－１】`
    assert (cloud_first["policy"], bpr["policy"]) == ("施策1-2", "方針1-1")
    assert "施策1-2" in label(app, cloud_first).text
    assert [r[0] for r in index_rows(app, "a_index_dg")] == ["第4章 方針1-1", "第4章 施策1-2"]


@sphinx_root("d-basic", confoverrides={"policynotes_chapter_format": "Chapter {}"})
def test_chapter_format(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    bpr = quote_named(app, "bpr")
    assert bpr["chapter"] == 4
    text = label(app, bpr).text
    assert "Chapter 4" in text
    assert "第4章" not in text
    assert "Chapter 12" in label(app, quote_named(app, "md-quote")).text
    assert [r[0] for r in index_rows(app, "a_index_dg")] == [
        "Chapter 4 方針1-1", "Chapter 4 方針1-2"]


@sphinx_root("d-basic", confoverrides={"policynotes_json": "notes.json"})
def test_export_file_name(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert not (Path(app.outdir) / "policynotes.json").exists()
    data = export_of(app, "notes.json")
    assert data["schema"] == "sphinx-policynotes/2"
    assert {q["name"] for q in data["quotes"]} >= {"bpr", "cloud-first", "md-quote"}


@sphinx_root("d-basic", confoverrides={"policynotes_json": None})
def test_export_turned_off(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    outdir = Path(app.outdir)
    assert (outdir / "quotes.html").is_file()
    assert "先行的に" in html_of(app, "quotes").text
    assert sorted(p.name for p in outdir.glob("*.json")) == []


# -- bad values: warn policynotes.config and fall back --------------------------------

BAD_VALUES = {
    "chapter-format-without-braces": (
        {"policynotes_chapter_format": "x"},
        "WARNING: policynotes_chapter_format must hold one '{}' for the number, not 'x'; "
        "using '第{}章' [policynotes.config]"),
    "chapter-format-int": (
        {"policynotes_chapter_format": 5},
        "WARNING: policynotes_chapter_format must be of type str, not 5; using '第{}章' "
        "[policynotes.config]"),
    "chapter-format-two-fields": (
        {"policynotes_chapter_format": "Chapter {0} of {1}"},
        "WARNING: policynotes_chapter_format must hold one '{}' for the number, not "
        "'Chapter {0} of {1}'; using '第{}章' [policynotes.config]"),
    "policy-prefix-int": (
        {"policynotes_policy_prefix": 3},
        "WARNING: policynotes_policy_prefix must be of type str, not 3; using '方針' "
        "[policynotes.config]"),
    "default-author-int": (
        {"policynotes_default_author": 42},
        "WARNING: policynotes_default_author must be of type str or NoneType, not 42; "
        "using None [policynotes.config]"),
    "default-source-list": (
        {"policynotes_default_source": ["dg-2017"]},
        "WARNING: policynotes_default_source must be of type str or NoneType, not "
        "['dg-2017']; using None [policynotes.config]"),
    "json-path": (
        {"policynotes_json": "../escape.json"},
        "WARNING: policynotes_json must be a plain file name, not '../escape.json'; "
        "using 'policynotes.json' [policynotes.config]"),
    "json-int": (
        {"policynotes_json": 3},
        "WARNING: policynotes_json must be of type str or NoneType, not 3; "
        "using 'policynotes.json' [policynotes.config]"),
}


@pytest.mark.parametrize("case", [
    pytest.param(case, marks=sphinx_root("d-basic", confoverrides=overrides))
    for case, (overrides, _line) in BAD_VALUES.items()
])
def test_bad_config_value_warns_and_falls_back(app: SphinxTestApp, case: str) -> None:
    _overrides, line = BAD_VALUES[case]
    app.build()
    assert config_lines(app) == [line]
    # the defaults are in force
    bpr, cloud_first = quote_named(app, "bpr"), quote_named(app, "cloud-first")
    assert "第4章" in label(app, bpr).text
    assert cloud_first["policy"] == "方針1-2"
    assert note_with(app, "Cross-document note on two rST quotes.")["author"] is None
    assert not (Path(app.outdir).parent / "escape.json").exists()
    assert not (Path(app.srcdir) / "escape.json").exists()


# -- message catalogs --------------------------------------------------------------------


@sphinx_root("d-basic", confoverrides={"language": "ja"})
def test_labels_in_japanese(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    card = next(s for s in export_of(app)["sources"] if s["id"] == "dg-2017")
    assert label(app, card).text.startswith("出典")
    quote_label = label(app, quote_named(app, "bpr")).text
    assert quote_label.startswith("引用")
    assert "論評" in quote_label
    assert label(app, note_with(app, "Notes on both MyST quotes.")).text.startswith("論評")
    assert header_cells(app, "a_index_dg") == ["方針", "引用", "論評"]
    for text in all_label_texts(app):
        for english in ("Source", "Quote", "Commentary"):
            assert english not in text


@sphinx_root("d-basic", confoverrides={"language": "en"})
def test_labels_in_english(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    card = next(s for s in export_of(app)["sources"] if s["id"] == "dg-2017")
    assert label(app, card).text.startswith("Source")
    quote_label = label(app, quote_named(app, "bpr")).text
    assert quote_label.startswith("Quote")
    assert "Commentary" in quote_label
    assert label(app, note_with(app, "Notes on both MyST quotes.")).text.startswith(
        "Commentary")
    assert header_cells(app, "a_index_dg") == ["Policy", "Quote", "Commentary"]
    for text in all_label_texts(app):
        for japanese in ("出典", "引用", "論評"):
            assert japanese not in text
