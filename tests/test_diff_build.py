"""``policy-diff`` in a build: the 新旧対照表 of two versions of a plan.

Root ``m-diff``: a chapter of a plan at two dates (``plan-may``, ``plan-june``
with ``:supersedes: plan-may``), both with ``:text:``; between them ２） and
３） swapped places, １） was retitled and ４） added.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from buildutil import Build, build, cached_build, copy_root, parse_html, table_rows

from sphinx_policynotes.collect import diffs

ROOT = "m-diff"
ENGLISH = {"language": "en"}


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, ROOT, "html", **ENGLISH)


def _rows(b: Build, page: str = "diff.html") -> list[list[str]]:
    root = parse_html(b.outdir / page)
    tables = [t for t in root.iter() if "policynotes-diff" in t.attrs.get("class", "").split()]
    return [row for table in tables for row in table_rows(table)]


def test_the_table_marks_renumbered_changed_and_added_parts(html: Build) -> None:
    assert html.warnings == "", html.warnings
    rows = _rows(html)
    # １） was retitled (家庭教師 -> アシスタント)
    assert [row[2] for row in rows] == ["changed title changed", "renumbered ３） → ２）",
                                        "renumbered ２） → ３）", "added"]
    assert rows[0][0].startswith("１． › １） すべての子どもにAIアシスタントを届けます")
    assert rows[3][1] == ""  # an added part has no old side
    page = (html.outdir / "diff.html").read_text(encoding="utf-8")
    assert '<ins class="policynotes-ins">アシスタント</ins>' in page
    assert '<del class="policynotes-del">家庭教師</del>' in page
    assert "1 unchanged parts are not shown." in page


def test_labels_in_japanese(tmp_path: Path) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), "html", builddir=tmp_path / "build")
    page = (b.outdir / "diff.html").read_text(encoding="utf-8")
    for text in ("<p>新</p>", "<p>旧</p>", "<p>区分</p>", "<strong>追加</strong>",
                 "<strong>番号変更</strong>", "<strong>変更</strong>"):
        assert text in page, text


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "epub", "latex", "text", "man",
                                     "texinfo", "xml"])
def test_every_builder(tmp_path: Path, builder: str) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), builder, builddir=tmp_path / "build",
              confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    text = "\n".join(p.read_text(encoding="utf-8") for p in b.outdir.rglob("*")
                     if p.suffix in (".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".xml"))
    if builder == "latex":  # marked character by character, so lines can break
        assert r"\policynotesins{図}\policynotesins{書}" in text
    else:
        assert "図書館" in text
    if builder == "latex":
        assert r"\policynotesins{ア}" in text and r"\policynotesdel{家}" in text
    if builder == "text":
        assert "AI[+アシ" in text and "AI[-家庭" in text  # cells wrap


def test_the_export_and_the_csv(html: Build) -> None:
    data = html.export()
    schema = json.loads((Path(diffs.__file__).parents[1] / "schema" / "policynotes-2.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    (entry,) = data["diffs"]
    assert (entry["new"], entry["old"]) == ("plan-june", "plan-may")
    changes = [(r["change"], r["text_changed"], r["old"] and r["old"]["label"],
                r["new"] and r["new"]["label"]) for r in entry["rows"]]
    assert changes == [("unchanged", False, "１．", "１．"), ("changed", True, "１）", "１）"),
                       ("renumbered", False, "３）", "２）"),
                       ("renumbered", False, "２）", "３）"), ("added", False, None, "４）")]
    assert all(r["similarity"] is None for r in entry["rows"] if r["change"] == "added")
    raw = (html.outdir / "policynotes-diff-plan-june-plan-may.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("change,remark,text_changed,similarity,new_key")
    assert lines[-1].startswith("added,added,false,,")


def test_a_project_without_policy_diff_has_no_diffs(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    (src / "diff.rst").write_text("Diff\n====\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.export()["diffs"] == []
    assert not list(b.outdir.glob("policynotes-diff-*.csv"))


def test_unchanged_show_and_at(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    (src / "diff.rst").write_text(
        "Diff\n====\n\n.. policy-diff:: plan-june plan-may\n   :unchanged: show\n\n"
        ".. policy-diff:: plan-june\n   :at: １． ４）\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    rows = _rows(b)
    assert [row[2] for row in rows[:5]] == ["unchanged", "changed title changed",
                                          "renumbered ３） → ２）",
                                          "renumbered ２） → ３）", "added"]
    assert [row[2] for row in rows[5:]] == ["added"]  # only the part at １． ４）


def test_what_cannot_be_compared_warns_with_its_place(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    (src / "diff.rst").write_text(
        "Diff\n====\n\n.. policy-diff:: plan-jun\n\n.. policy-diff:: plan-may\n\n"
        ".. policy-diff:: plan-june\n   :unchanged: maybe\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert "diff.rst:4: WARNING: policy-diff: unknown source 'plan-jun'; did you mean " \
        "'plan-june'? [policynotes.bad_diff]" in b.warnings, b.warnings
    assert "diff.rst:6: WARNING: policy-diff: source 'plan-may' supersedes no source" \
        in b.warnings
    assert "diff.rst:8: WARNING: policy-diff: :unchanged: 'maybe' is neither 'count' nor " \
        "'show'; 'count' is used [policynotes.bad_diff]" in b.warnings
    assert len(_rows(b)) == 4  # the third still renders


def test_sources_without_text_compare_their_quoted_passages(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    sources = src / "sources.rst"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "   :text: old.txt\n", "").replace("   :text: new.txt\n", "") + (
        "\n.. policy-quote::\n   :source: plan-june\n   :at: １． ２）\n\n"
        "   校務をデジタル化し、先生の時間を子どもに向けます。\n"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    page = (b.outdir / "diff.html").read_text(encoding="utf-8")
    assert "only their quoted passages are compared" in page
    # a passage's place is its locator as written
    assert [row[2] for row in _rows(b)] == ["renumbered １． ３） → １． ２）"]


def test_an_edited_text_rebuilds_the_table_and_nothing_else_is_compared_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    calls: list[object] = []
    real = diffs.compare

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(diffs, "compare", counting)
    (src / "index.rst").write_text((src / "index.rst").read_text(encoding="utf-8") + "\n",
                                   encoding="utf-8")
    build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH, freshenv=False)
    assert calls == []  # neither text changed: nothing compared again
    new = src / "new.txt"
    new.write_text(new.read_text(encoding="utf-8").replace("図書館と公民館", "図書館"),
                   encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH,
                  freshenv=False)
    assert len(calls) == 1
    clean = build(src, "html", builddir=tmp_path / "clean", confoverrides=ENGLISH)
    assert _rows(again) == _rows(clean)
    assert "図書館をデジタルでつなぎます。" in _rows(again)[-1][0]


def test_parallel_equals_serial(tmp_path: Path) -> None:
    one = build(copy_root(ROOT, tmp_path / "a"), "html", builddir=tmp_path / "a1",
                confoverrides=ENGLISH)
    two = build(copy_root(ROOT, tmp_path / "b"), "html", builddir=tmp_path / "b2",
                confoverrides=ENGLISH, parallel=2)
    assert (one.outdir / "diff.html").read_text(encoding="utf-8") == \
        (two.outdir / "diff.html").read_text(encoding="utf-8")
    assert json.loads((one.outdir / "policynotes.json").read_text(encoding="utf-8"))["diffs"] \
        == json.loads((two.outdir / "policynotes.json").read_text(encoding="utf-8"))["diffs"]


def test_notes_on_the_old_version_are_carried_to_the_new_ones_index(html: Build) -> None:
    root = parse_html(html.outdir / "policyindex.html")
    tables = [t for t in root.iter()
              if "policynotes-carried" in t.attrs.get("class", "").split()]
    rows = [row for table in tables for row in table_rows(table)]
    # the old ３） is the new ２）, its text unchanged; the note comes along
    assert len(rows) == 1, rows
    assert rows[0][0] == "１． ３）" and rows[0][1] == "１． › ２）", rows
    assert "働き方改革は急務。" in rows[0][2]
    page = (html.outdir / "policyindex.html").read_text(encoding="utf-8")
    assert "Commentaries on the earlier version (2025-05-15)" in page


def test_a_carried_note_says_when_its_part_changed_since(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    new = src / "new.txt"
    new.write_text(new.read_text(encoding="utf-8").replace(
        "校務をデジタル化し、先生の時間を子どもに向けます。",
        "校務をすべてデジタル化し、先生の時間を子どもに向けます。"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    root = parse_html(b.outdir / "policyindex.html")
    (table,) = [t for t in root.iter()
                if "policynotes-carried" in t.attrs.get("class", "").split()]
    (row,) = table_rows(table)
    assert row[1] == "１． › ２） (changed since) (the quoted words are no longer there)"


def test_the_carried_notes_follow_an_edited_text_incrementally(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    new = src / "new.txt"
    new.write_text(new.read_text(encoding="utf-8").replace(
        "校務をデジタル化し", "校務をすべてデジタル化し"), encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH,
                  freshenv=False)
    clean = build(src, "html", builddir=tmp_path / "clean", confoverrides=ENGLISH)
    assert (again.outdir / "policyindex.html").read_text(encoding="utf-8") == \
        (clean.outdir / "policyindex.html").read_text(encoding="utf-8")
    assert "(changed since)" in (again.outdir / "policyindex.html").read_text(encoding="utf-8")


def test_a_quote_of_the_new_version_continues_its_aligned_old_part(tmp_path: Path) -> None:
    """:supersedes: implies :continues: through the alignment: the new ２）
    (the old ３）, renumbered) carries on the old version's quote at ３）."""
    src = copy_root(ROOT, tmp_path / "src")
    sources = src / "sources.rst"
    sources.write_text(sources.read_text(encoding="utf-8") + (
        "\n.. policy-quote::\n   :source: plan-june\n   :at: １． ２）\n\n"
        "   校務をデジタル化し、先生の時間を子どもに向けます。\n"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    quotes = {q["source"]: q for q in b.export()["quotes"]}
    page = (b.outdir / "sources.html").read_text(encoding="utf-8")
    new_quote = page[page.index(f'id="{quotes["plan-june"]["anchor"]}"'):]
    label = new_quote[:new_quote.index("</p>")]
    assert f'href="#{quotes["plan-may"]["anchor"]}"' in label, label


def test_an_edited_old_text_rebuilds_the_table_as_a_clean_build(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    old = src / "old.txt"
    old.write_text(old.read_text(encoding="utf-8").replace("情報教育の時間を増やします。",
                                                           "情報教育を始めます。"),
                   encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH,
                  freshenv=False)
    clean = build(src, "html", builddir=tmp_path / "clean", confoverrides=ENGLISH)
    assert _rows(again) == _rows(clean)
    assert "renumbered and changed ２） → ３）" in [row[2] for row in _rows(again)]


def test_a_carried_note_shows_in_the_row_of_the_part_it_now_concerns(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    sources = src / "sources.rst"
    sources.write_text(sources.read_text(encoding="utf-8") + (
        "\n.. policy-quote::\n   :source: plan-june\n   :at: １． ２）\n\n"
        "   校務をデジタル化し、先生の時間を子どもに向けます。\n"), encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    assert b.warnings == "", b.warnings
    root = parse_html(b.outdir / "policyindex.html")
    index = [t for t in root.iter() if "policynotes-index" in t.attrs.get("class", "").split()]
    (row,) = [row for table in index for row in table_rows(table)]
    assert row[2].startswith("On the earlier version (2025-05-15), at １． ３）"), row
    assert "働き方改革は急務。" in row[2]
    # shown in the row, so not again in the table below
    assert not [t for t in root.iter()
                if "policynotes-carried" in t.attrs.get("class", "").split()]


def test_comparisons_are_kept_beside_the_doctrees_and_a_touch_rewrites_no_table(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH)
    kept = sorted((tmp_path / "build" / "doctrees" / "policynotes-compared").glob("*.pickle"))
    assert kept  # one file per comparison, not rows in environment.pickle
    page = first.outdir / "diff.html"
    written = page.stat().st_mtime_ns
    (src / "index.rst").write_text((src / "index.rst").read_text(encoding="utf-8") + "\n",
                                   encoding="utf-8")
    build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH, freshenv=False)
    assert page.stat().st_mtime_ns == written  # nothing it shows changed
    # A comparison made by other code (its key holds a digest of the code):
    # compared again, and the pages showing it are written again.
    monkeypatch.setattr(diffs, "CODE", "other code")
    for path in kept:
        path.unlink()
    again = build(src, "html", builddir=tmp_path / "build", confoverrides=ENGLISH,
                  freshenv=False)
    assert page.stat().st_mtime_ns != written
    assert _rows(again) == _rows(first)
