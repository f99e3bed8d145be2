"""``-j 2`` gives the same export, index and labels as ``-j 1``.

``test-b-par`` has 13 documents (rST and MyST), more than the 5 below which
Sphinx reads serially; the test checks that Sphinx really merged domain data
from worker processes, so the parallel path was taken.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from buildutil import (
    Build,
    build,
    copy_root,
    extension_view,
    index_view,
    links,
    main_body,
    parse_html,
    touch,
)

from sphinx_policynotes.collect.domain import PolicyNotesDomain

ROOT = "b-par"


def snapshot(b: Build) -> dict[str, Any]:
    """What the extension puts in the output, and every link of every page."""
    pages = {doc: links(main_body(parse_html(b.outdir / f"{doc}.html")))
             for doc in sorted(b.docnames)}
    return {**extension_view(b), "links": pages}


class MergeSpy:
    """Counts the documents merged into the main process's domain."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.docnames: list[str] = []
        original = PolicyNotesDomain.merge_domaindata

        def spy(domain: PolicyNotesDomain, docnames: Any, otherdata: Any) -> None:
            docnames = list(docnames)
            self.docnames.extend(docnames)
            original(domain, docnames, otherdata)

        monkeypatch.setattr(PolicyNotesDomain, "merge_domaindata", spy)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("parallel")
    with pytest.MonkeyPatch.context() as mp:
        spy = MergeSpy(mp)
        parallel = build(copy_root(ROOT, base / "j2"), "html", parallel=2)
        merged = list(spy.docnames)
    serial = build(copy_root(ROOT, base / "j1"), "html", parallel=1)
    return {"j2": parallel, "j1": serial, "merged": merged}


def test_parallel_read_really_happened(builds: dict[str, Any]) -> None:
    assert len(builds["j2"].docnames) >= 8
    assert sorted(builds["merged"]) == sorted(builds["j2"].docnames)


def test_no_warnings(builds: dict[str, Any]) -> None:
    assert builds["j2"].warnings == ""
    assert builds["j1"].warnings == ""


def test_same_export(builds: dict[str, Any]) -> None:
    parallel, serial = builds["j2"].export(), builds["j1"].export()
    assert len(serial["quotes"]) == 20
    assert sum(len(q["commentaries"]) for q in serial["quotes"]) == 30
    assert parallel == serial


def test_same_open_data(builds: dict[str, Any]) -> None:
    names = ("policynotes.jsonld", "policynotes.csv")
    serial = [builds["j1"].read(name) for name in names]
    data = builds["j1"].export()
    assert json.loads(serial[0])["total"] == len(data["commentaries"]) + sum(
        not q["commentaries"] for q in data["quotes"])
    assert len(list(csv.reader(io.StringIO(serial[1])))) == 21  # the header and 20 quotes
    assert [builds["j2"].read(name) for name in names] == serial


def test_same_index_page(builds: dict[str, Any]) -> None:
    parallel = index_view(parse_html(builds["j2"].outdir / "policyindex.html"))
    serial = index_view(parse_html(builds["j1"].outdir / "policyindex.html"))
    assert sum(len(part.get("rows", [])) for part in serial) >= 15
    assert parallel == serial


def test_same_labels_and_links(builds: dict[str, Any]) -> None:
    parallel, serial = snapshot(builds["j2"]), snapshot(builds["j1"])
    assert sum(len(labels) for labels in serial["labels"].values()) >= 15
    assert (parallel["labels"], parallel["links"]) == (serial["labels"], serial["links"])


def test_parallel_incremental_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-reading many documents in parallel replaces their records exactly."""
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", parallel=2, freshenv=False)
    assert first.warnings == ""
    path = src / "doc03.rst"
    path.write_text(path.read_text(encoding="utf-8").replace(
        ":policy: 1-3", ":policy: 3-3"), encoding="utf-8")
    for doc in sorted(src.glob("doc*")):
        touch(doc)
    spy = MergeSpy(monkeypatch)
    again = build(src, "html", parallel=2, freshenv=False)
    assert again.warnings == ""
    assert len(spy.docnames) >= 10
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html", parallel=1)
    assert "方針3-3" in [q["policy"] for q in clean.export()["quotes"]]
    assert snapshot(again) == snapshot(clean)
