"""Incremental builds (no ``-E``, same output and doctree directories) equal clean ones.

Each scenario builds ``test-b-inc``, edits it, builds again in place, and
compares what the extension shows (the index tables, ``policynotes.json``,
the quote and commentary labels and the links of ``roles.rst``, a document
nobody touches) with a clean build of the same final sources.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from buildutil import (
    Build,
    build,
    copy_root,
    extension_view,
    links,
    main_body,
    mtimes,
    parse_html,
    touch,
)
from sphinx.testing.util import SphinxTestApp

from sphinx_policynotes.export import files as export
from sphinx_policynotes.export.parts import write_files

ROOT = "b-inc"


def snapshot(b: Build) -> dict[str, Any]:
    """What the extension puts in the output (and the roles' links)."""
    roles = main_body(parse_html(b.outdir / "roles.html"))
    return {**extension_view(b), "roles": [link for link in links(roles) if link[0] != "¶"]}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    touch(path)


def incremental_and_clean(tmp_path: Path, change: Callable[[Path], None]) -> tuple[
        dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Snapshots of the first build, the incremental rebuild and a clean build."""
    src = copy_root(ROOT, tmp_path / "inc")
    first = build(src, "html", freshenv=False)
    assert first.warnings == ""
    before = snapshot(first)  # now: the rebuild writes to the same directory
    change(src)
    second = build(src, "html", freshenv=False)
    assert second.warnings == ""
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html")
    assert clean.warnings == ""
    return before, snapshot(second), snapshot(clean)


def quote_texts(snap: dict[str, Any]) -> list[str]:
    return [q["text"] for q in snap["export"]["quotes"]]


def assert_same(incremental: dict[str, Any], clean: dict[str, Any]) -> None:
    for part in ("index", "export", "open data", "roles", "labels"):
        assert incremental[part] == clean[part], part


def test_edit_quote_text(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        edit(src / "ch1.rst", "QONE 業務改革を実施する。", "QONE 業務改革を見直して実施する。")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert "QONE 業務改革を見直して実施する。" in quote_texts(clean)
    assert first["export"] != clean["export"]
    assert_same(second, clean)


def test_change_policy_number(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        edit(src / "ch1.rst", ":policy: 1-1\n   :page: 5", ":policy: 1-3\n   :page: 5")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert any("方針1-3" in text for text, _href, _title in clean["roles"])
    assert first["roles"] != clean["roles"]
    assert first["index"] != clean["index"]
    assert_same(second, clean)


def test_add_document(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        (src / "ch4.rst").write_text(
            "第６章\n======\n\n"
            ".. policy-quote::\n   :source: dg\n   :chapter: 4\n   :policy: 1-0\n"
            "   :name: zero\n\n   QSEVEN 新しい文書の引用。\n\n"
            ".. commentary::\n   :on: cloud\n   :author: 新しい査読者\n\n"
            "   CFOUR 新しい論評。\n",
            encoding="utf-8")
        edit(src / "index.rst", "   ch3\n", "   ch3\n   ch4\n")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert "QSEVEN 新しい文書の引用。" in quote_texts(clean)
    assert first["roles"] != clean["roles"]  # row anchors of the index moved
    assert first["labels"]["ch2"] != clean["labels"]["ch2"]  # cloud has a new note
    assert_same(second, clean)


def test_delete_document(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        (src / "ch3.rst").unlink()
        edit(src / "index.rst", "   ch3\n", "")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert not any("QFIVE" in text for text in quote_texts(clean))
    assert any("QFIVE" in text for text in quote_texts(first))
    assert first["roles"] != clean["roles"]
    assert first["labels"]["ch2"] != clean["labels"]["ch2"]  # cloud lost a note
    assert_same(second, clean)


def test_change_source_short_title(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        edit(src / "sources.rst", ":short: 推進方針", ":short: 方針文書")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert any("方針文書" in text for text, _href, _title in clean["roles"])
    assert any("方針文書" in label for label, _links in clean["labels"]["ch1"])
    assert first["labels"]["ch1"] != clean["labels"]["ch1"]
    assert_same(second, clean)


# -- the exports' parts, kept between builds (exportparts) ------------------------------


def annotation_of(snap: dict[str, Any], anchor_end: str) -> dict[str, Any]:
    items = json.loads(snap["open data"]["policynotes.jsonld"])["first"]["items"]
    return next(i for i in items if i["id"].endswith(anchor_end))


def csv_row(snap: dict[str, Any], quote_text: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(snap["open data"]["policynotes.csv"].lstrip("\ufeff")))
    return next(r for r in rows if r["quote"].startswith(quote_text))


def test_edit_commentary_on_a_quote_of_another_document(tmp_path: Path) -> None:
    """ch1's quote ``bpr`` keeps its record; its CSV row shows ch2's new note."""
    def change(src: Path) -> None:
        edit(src / "ch2.rst", "CTWO 別文書の引用への論評。", "CTWO 書き直した論評。")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert "CTWO 書き直した論評。" in csv_row(clean, "QONE")["commentary"]
    assert "CTWO 別文書の引用への論評。" in csv_row(first, "QONE")["commentary"]
    assert_same(second, clean)


def test_edit_a_quote_another_document_discusses(tmp_path: Path) -> None:
    """ch2's commentary keeps its record; its annotation shows ch1's new text."""
    def change(src: Path) -> None:
        edit(src / "ch1.rst", "QONE 業務改革を実施する。", "QONE 業務改革を見直す。")

    first, second, clean = incremental_and_clean(tmp_path, change)
    note = annotation_of(clean, "ch2-1")
    assert "QONE 業務改革を見直す。" in json.dumps(note["target"], ensure_ascii=False)
    assert "QONE 業務改革を実施する。" in json.dumps(annotation_of(first, "ch2-1")["target"],
                                                ensure_ascii=False)
    assert_same(second, clean)


def test_change_source_url(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        edit(src / "sources.rst", "https://example.org/dg.pdf", "https://example.org/new.pdf")

    first, second, clean = incremental_and_clean(tmp_path, change)
    assert "https://example.org/new.pdf" in clean["open data"]["policynotes.jsonld"]
    assert "https://example.org/new.pdf" not in first["open data"]["policynotes.jsonld"]
    assert_same(second, clean)


class PartsMade:
    """How many records' export parts each build made (the rest were kept)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[int] = []
        # files.py calls write_files through its own global, so the spy goes
        # there; the function it wraps is the one parts.py defines.
        original = write_files

        def spy(*args: Any, **kwargs: Any) -> int:
            made = original(*args, **kwargs)
            self.made.append(made)
            return made

        monkeypatch.setattr(export, "write_files", spy)


def test_an_edit_makes_only_the_parts_that_show_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PartsMade(monkeypatch)
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", freshenv=False)
    data = first.export()
    docs = [r["docname"] for r in data["quotes"] + data["commentaries"]]
    edit(src / "ch3.rst", "QFIVE", "QFIVE 改")
    second = build(src, "html", freshenv=False)
    assert second.warnings == ""
    assert any("QFIVE 改" in q["text"] for q in second.export()["quotes"])
    # The first build made every part. The edit makes those of ch3 and of ch2,
    # whose quote ``cloud`` ch3 discusses (its CSV row shows ch3's note); ch1's
    # and the roles page's parts are taken from the files as they are.
    assert spy.made[0] == len(docs)
    assert spy.made[1] == sum(doc in ("ch2", "ch3") for doc in docs)
    assert sum(doc not in ("ch2", "ch3") for doc in docs) >= 3


def test_a_damaged_parts_store_is_made_again(tmp_path: Path) -> None:
    def change(src: Path) -> None:
        for store in src.glob("_build/**/policynotes-export-parts-*.pickle"):
            store.write_bytes(b"not a pickle")
        edit(src / "ch1.rst", "QONE 業務改革を実施する。", "QONE 業務改革を見直す。")

    _first, second, clean = incremental_and_clean(tmp_path, change)
    assert_same(second, clean)


def test_an_export_changed_by_hand_is_not_trusted(tmp_path: Path) -> None:
    """The parts' offsets hold only for the files the last build wrote."""
    def change(src: Path) -> None:
        for name in ("policynotes.json", "policynotes.jsonld", "policynotes.csv"):
            for path in src.glob(f"_build/**/{name}"):
                path.write_bytes(b"\n" + path.read_bytes())
        edit(src / "ch1.rst", "QONE 業務改革を実施する。", "QONE 業務改革を見直す。")

    _first, second, clean = incremental_and_clean(tmp_path, change)
    assert_same(second, clean)


# -- no-op rebuilds ----------------------------------------------------------------------


def _assert_noop(src: Path, before: Build) -> None:
    html_before = mtimes(before.outdir)
    json_before = (before.outdir / "policynotes.json").stat().st_mtime_ns
    again = build(src, "html", freshenv=False)
    assert again.warnings == ""
    assert sorted(set(again.pages) & again.docnames) == []
    after = mtimes(again.outdir)
    assert {f"{doc}.html": after[f"{doc}.html"] for doc in again.docnames} == {
        f"{doc}.html": html_before[f"{doc}.html"] for doc in again.docnames}
    assert (again.outdir / "policynotes.json").stat().st_mtime_ns == json_before


def test_noop_rebuild_writes_nothing(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", freshenv=False)
    assert first.warnings == ""
    assert set(first.pages) >= first.docnames  # the capture sees written pages
    _assert_noop(src, first)


def test_noop_rebuild_after_an_edit_writes_nothing(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", freshenv=False)
    edit(src / "ch2.rst", "QTHREE クラウドを使う。", "QTHREE クラウドを活用する。")
    second = build(src, "html", freshenv=False)
    assert "QTHREE クラウドを活用する。" in [q["text"] for q in second.export()["quotes"]]
    _assert_noop(src, second)


# -- re-read documents that hold the same records -------------------------------------


def _count_digest_passes(app: SphinxTestApp, calls: list[set[str] | None]) -> None:
    from sphinx_policynotes.collect.domain import PolicyNotesDomain

    domain = app.env.get_domain("policynotes")
    assert isinstance(domain, PolicyNotesDomain)
    original = domain.doc_digests

    def spy(only: set[str] | None = None) -> dict[str, str]:
        calls.append(only)
        return original(only)

    domain.doc_digests = spy  # type: ignore[method-assign]


def test_touch_reuses_the_digests_and_later_edits_still_show(tmp_path: Path) -> None:
    """A re-read document with the same records rewrites only itself, without
    computing any page's digest again; a new quote text computes those of the
    pages that show it; the result equals a clean build."""
    src = copy_root(ROOT, tmp_path / "inc")
    build(src, "html", freshenv=False)
    calls: list[set[str] | None] = []
    # A touch, and a paragraph added after the last directive: same records.
    touch(src / "ch1.rst")
    with (src / "ch2.rst").open("a", encoding="utf-8") as f:
        f.write("\n追記の段落。\n")
    touched = build(src, "html", freshenv=False,
                    setup=lambda app: _count_digest_passes(app, calls))
    assert touched.warnings == ""
    assert calls == []
    # (index is their toctree parent: Sphinx rewrites it)
    assert set(touched.pages) & touched.docnames == {"ch1", "ch2", "index"}

    edit(src / "ch1.rst", "QONE 業務改革を実施する。", "QONE 業務改革を見直して実施する。")
    edited = build(src, "html", freshenv=False,
                   setup=lambda app: _count_digest_passes(app, calls))
    # A new text: the digests of its page, of the index showing it, and of
    # the pages whose links show it in their popups (ch2's commentary on it,
    # roles' :policy: links).
    assert calls == [{"ch1", "policyindex", "ch2", "roles"}]
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html")
    assert "QONE 業務改革を見直して実施する。" in quote_texts(snapshot(clean))
    assert_same(snapshot(edited), snapshot(clean))
