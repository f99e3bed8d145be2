"""Incremental builds (no ``-E``, same output and doctree directories) equal clean ones.

Each scenario builds ``test-b-inc``, edits it, builds again in place, and
compares what the extension shows (the index tables, ``policynotes.json``,
the quote and commentary labels and the links of ``roles.rst``, a document
nobody touches) with a clean build of the same final sources.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    for part in ("index", "export", "roles", "labels"):
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


def _count_digest_passes(app: Any, calls: list[set[str] | None]) -> None:
    from sphinx_policynotes.domain import PolicyNotesDomain

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
    # A new text: the digests of its page and of the index showing it.
    assert calls == [{"ch1", "policyindex"}]
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html")
    assert "QONE 業務改革を見直して実施する。" in quote_texts(snapshot(clean))
    assert_same(snapshot(edited), snapshot(clean))
