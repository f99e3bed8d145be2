"""What a rebuild keeps from the last build: the locators read, the parts of
a source's text, the configuration as compared, and that none of it goes stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from buildutil import Build, build, copy_root, touch

from sphinx_policynotes.numbering import builtin_schemes, parse_locator, scheme_digest

ROOT = "m-locators"


def _spy_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each locator the catalog reads (the catalog's own reference)."""
    from sphinx_policynotes.collect import catalog

    read: list[str] = []

    def spy(text: str, *args: object, **kwargs: object) -> object:
        read.append(text)
        return parse_locator(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "parse_locator", spy)
    return read


def test_a_touch_reads_no_locator_again(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    read = _spy_parse(monkeypatch)
    first = build(src, "html", freshenv=False)
    assert first.warnings == "", first.warnings
    assert "第三条の二第一項第二号" in read  # the first build reads them
    keys = {q["text"]: q["at"]["key"] for q in first.export()["quotes"]}
    read.clear()
    touch(src / "law.rst")
    second = build(src, "html", freshenv=False)
    assert read == []  # remembered from the first build
    assert {q["text"]: q["at"]["key"] for q in second.export()["quotes"]} == keys


def test_a_changed_scheme_reads_its_locators_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo is keyed by the scheme's definition, not its name: a level
    renamed in conf.py gives the new keys in the incremental build."""
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", freshenv=False)
    assert any(q["at"]["key"].startswith("goal_") for q in first.export()["quotes"]
               if q.get("at") and q["at"]["key"])
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"name": "goal"', '"name": "aim"'),
                    encoding="utf-8")
    read = _spy_parse(monkeypatch)
    second = build(src, "html", freshenv=False)
    assert "基本目標２ 施策（１）" in read
    keys = [q["at"]["key"] for q in second.export()["quotes"] if q.get("at") and q["at"]["key"]]
    assert any(k.startswith("aim_") for k in keys) and not any(k.startswith("goal_")
                                                              for k in keys)
    # The export too (its key is the pages' digests, which hold the settings).
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert second.export() == clean.export()
    assert "aim_2__measure_1" in (second.outdir / "policynotes.csv").read_text(encoding="utf-8")


def test_a_changed_prefix_shows_in_the_export(tmp_path: Path) -> None:
    """Sphinx resets the configuration status before ``env-get-updated``: a
    changed ``policynotes_policy_prefix`` still rewrites the export."""
    src = copy_root("b-inc", tmp_path / "src")
    build(src, "html", freshenv=False)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\npolicynotes_policy_prefix = "施策"\n',
                    encoding="utf-8")
    second = build(src, "html", freshenv=False)
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert second.export() == clean.export()
    assert second.export() != build(copy_root("b-inc", tmp_path / "orig"), "html").export()


def test_scheme_digest_is_the_same_in_every_process() -> None:
    """A frozenset of parent levels (eu, us) prints in the order of the
    process's string hash; the digest must not follow it, or every new
    process would compare and read again."""
    code = ("from sphinx_policynotes.numbering import builtin_schemes, scheme_digest;"
            "print(sorted((n, scheme_digest(s)) for n, s in builtin_schemes().items()))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
    here = sorted((n, scheme_digest(s)) for n, s in builtin_schemes().items())
    assert outputs == {f"{here}\n"}
    assert len({digest for _name, digest in here}) == len(here)


def test_an_incremental_build_reports_no_configuration_change(tmp_path: Path) -> None:
    """The CSS's static path is added before the environment is loaded, so
    the pickled configuration equals the new one (run as ``sphinx-build``
    does, in two processes: within one, Sphinx's default list is shared)."""
    src = copy_root(ROOT, tmp_path / "src")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(doctrees), str(src), str(out)]
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    touch(src / "law.rst")
    again = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "reading sources... [100%] law" in again.stdout
    assert "configuration has changed" not in again.stdout
    assert (out / "_static" / "policynotes.css").is_file()


def test_the_parts_of_a_text_are_kept_and_follow_its_edits(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Coverage of a source of another scheme reads the parts of its text
    once; the next build loads them; an edited text is read again, and the
    result equals a clean build's."""
    from sphinx_policynotes.collect import verification
    from sphinx_policynotes.verify.placed import source_parts

    src = copy_root("m-diff", tmp_path / "src")
    read: list[int] = []
    original = source_parts

    def spy(*args: object, **kwargs: object) -> object:
        read.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(verification, "source_parts", spy)
    first = build(src, "html", freshenv=False)
    assert first.warnings == "", first.warnings
    assert len(read) == 2  # the two versions' texts
    assert len(list((first.doctreedir / "policynotes-parts").glob("*.pickle"))) == 2
    read.clear()
    touch(src / "sources.rst")
    build(src, "html", freshenv=False)
    assert read == []
    new = src / "new.txt"
    new.write_text(new.read_text(encoding="utf-8").replace(
        "## ４）社会教育施設を変えます", "## ５）社会教育施設を変えます"), encoding="utf-8")
    third = build(src, "html", freshenv=False)
    assert len(read) == 1
    # The old version's parts are dropped: one file per text the sources have.
    assert len(list((third.doctreedir / "policynotes-parts").glob("*.pickle"))) == 2
    labels = [p["label"] for c in third.export()["coverage"]["plan-june"]["chapters"]
              for p in c["policies"]]
    assert "１． › ５）" in labels and "１． › ４）" not in labels
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert clean.export()["coverage"] == third.export()["coverage"]


def test_the_kept_places_and_inventory_follow_the_records(tmp_path: Path) -> None:
    """``objects.inv`` and the :policy: links come from the places kept beside
    the doctrees when the pages show the same; after a touch, a renumbered
    policy and a deleted page, they equal a clean build's."""
    from test_domain import load_inventory

    src = copy_root("b-inc", tmp_path / "src")
    first = build(src, "html", freshenv=False)
    assert (first.doctreedir / "policynotes-derived.pickle").is_file()

    def same_as_clean(b: Build, name: str) -> None:
        clean_src = tmp_path / f"clean-{name}"
        shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = build(clean_src, "html")
        assert load_inventory(b.outdir) == load_inventory(clean.outdir), name
        assert (b.outdir / "roles.html").read_text(encoding="utf-8") == \
            (clean.outdir / "roles.html").read_text(encoding="utf-8").replace(
                str(clean.srcdir), str(b.srcdir)), name

    touch(src / "ch1.rst")
    same_as_clean(build(src, "html", freshenv=False), "touch")
    ch1 = src / "ch1.rst"
    ch1.write_text(ch1.read_text(encoding="utf-8").replace(":policy: 1-1", ":policy: 1-9", 1),
                   encoding="utf-8")
    same_as_clean(build(src, "html", freshenv=False), "renumbered")


def test_a_new_export_file_name_rewrites_no_page(tmp_path: Path) -> None:
    """The page digests hold only the settings that re-read documents: with
    the export renamed in the same build as a new quote, the new file is
    written and the pages that show nothing of the quote are not."""
    src = copy_root("b-inc", tmp_path / "src")
    build(src, "html", freshenv=False)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\npolicynotes_json = "notes.json"\n',
                    encoding="utf-8")
    with (src / "ch1.rst").open("a", encoding="utf-8") as f:
        f.write("\n.. policy-quote::\n   :source: dg\n   :chapter: 9\n   :policy: 9-9\n\n"
                "   QNEW 新しい引用。\n")
    again = build(src, "html", freshenv=False)
    assert "QNEW 新しい引用。" in (again.outdir / "notes.json").read_text(encoding="utf-8")
    assert "ch1" in again.pages and "ch3" not in again.pages, again.pages
