"""A large index over several sources hands each source with its own index to it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx.builders import Builder
from sphinx.testing.util import SphinxTestApp
from test_domain import build, written_pages

ROOT = Path(__file__).parent / "roots" / "test-m-split"


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="m-split", freshenv=True)
def test_large_index_links_to_the_sources_own_index(app: SphinxTestApp) -> None:
    app.build()
    assert not app.warning.getvalue()
    everything = page(app, "all")
    # Plan A has its own index: no rows of it here, a summary and links instead
    # (its text only in the popups of the page's :policy: links).
    shown = re.sub(r' data-policynotes-(?:head|text)="[^"]*"', "", everything)
    assert "Alphaquote" not in shown
    assert "Alphanote" not in everything
    handed = re.search(r'<p class="policynotes-index-handed">(.*?)</p>', everything, re.S)
    assert handed is not None
    summary = handed.group(1)
    assert "Quotes: 3, commentaries: 1," in summary
    row = r"pi-idx-a-1-(\d)-[0-9a-f]{8}"  # ASCII anchors of idx_a's rows
    assert re.search(rf'href="idx_a.html#{row}"[^>]*>.*?Index of plan A', summary)
    chapters = re.findall(rf'href="idx_a.html#{row}"[^>]*>(?:<span[^>]*>)?(第\d章)', summary)
    assert chapters == [("1", "第1章"), ("2", "第2章")]
    # Plan B has no index of its own: shown in full.
    assert "Betaquote of plan B." in everything
    # Plan A's own index holds every row.
    own = page(app, "idx_a")
    for n in ("one", "two", "three"):
        assert f"Alphaquote {n} of plan A." in own
    assert "Alphanote on both quotes of plan A." in own
    # :policy: goes to the row that is shown: A's in its own index, B's here.
    assert re.search(r'href="idx_a.html#pi-idx-a-1-1-[0-9a-f]{8}"[^>]*><span[^>]*>方針1-1',
                     everything)
    assert re.search(r'href="#pi-all-1-\d+"[^>]*><span[^>]*>方針1-1', everything)


@pytest.mark.sphinx("html", testroot="m-split", freshenv=True,
                    confoverrides={"policynotes_index_page_quotes": 0})
def test_zero_never_splits(app: SphinxTestApp) -> None:
    app.build()
    everything = page(app, "all")
    assert "policynotes-index-handed" not in everything
    assert "Alphaquote one of plan A." in everything
    assert re.search(r'href="#pi-all-1-1"[^>]*><span[^>]*>方針1-1', everything)


def test_rows_after_a_handed_source_keep_their_anchors(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Plan A's rows are not shown in the large index but still counted: plan
    B's row has the anchor it has when nothing is handed over."""

    def b_row(limit: int) -> str:
        src = tmp_path / f"src{limit}"
        shutil.copytree(ROOT, src)
        app = make_app("html", srcdir=src, freshenv=True,
                       confoverrides={"policynotes_index_page_quotes": limit})
        app.build()
        found = re.search(r'id="(pi-all-1-\d+)"(?:(?!id="pi-).)*Betaquote', page(app, "all"),
                          re.S)
        assert found is not None
        return found.group(1)

    split, whole = b_row(3), b_row(0)
    assert split == whole
    assert split != "pi-all-1-1"  # plan A's rows come first


@pytest.mark.sphinx("html", testroot="m-split", freshenv=True,
                    confoverrides={"policynotes_index_page_quotes": 4})
def test_small_index_is_shown_in_full(app: SphinxTestApp) -> None:
    app.build()
    assert "Alphaquote one of plan A." in page(app, "all")


@pytest.mark.sphinx("html", testroot="m-split", freshenv=True,
                    confoverrides={"policynotes_index_page_quotes": -1})
def test_negative_limit_warns_and_uses_default(app: SphinxTestApp) -> None:
    app.build()
    assert "policynotes_index_page_quotes must be a whole number" in app.warning.getvalue()
    assert "Alphaquote one of plan A." in page(app, "all")  # 4 quotes <= 500


def test_edit_rewrites_the_sources_index_not_the_large_one(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(make_app, src)
    notes = src / "notes.rst"
    notes.write_text(notes.read_text("utf-8").replace("Alphaquote two", "Alphaquote TWO"),
                     encoding="utf-8")
    app, printed = build(make_app, src)
    # (index is the toctree parent of notes: Sphinx rewrites it)
    assert written_pages(printed) == {"notes", "idx_a", "index"}
    assert "Alphaquote TWO of plan A." in page(app, "idx_a")
    # A new quote of A changes the summary: the large index is rewritten too.
    notes.write_text(notes.read_text("utf-8") + """
.. policy-quote::
   :source: a
   :chapter: 3

   Alphaquote four of plan A.
""", encoding="utf-8")
    app, printed = build(make_app, src)
    assert {"notes", "idx_a", "all"} <= written_pages(printed)
    assert "Quotes: 4, commentaries: 1," in page(app, "all")
    assert "第3章" in page(app, "all")
    # The large index names the source's own index by its title: a new title
    # rewrites it (the own index's records are the same).
    idx_a = src / "idx_a.rst"
    idx_a.write_text(idx_a.read_text("utf-8").replace("Index of plan A\n===============",
                                                      "Plan A, indexed\n==============="),
                     encoding="utf-8")
    app, printed = build(make_app, src)
    assert {"idx_a", "all"} <= written_pages(printed)
    assert "Plan A, indexed" in page(app, "all")
    # Deleting the source's own index brings its rows back into the large one.
    (src / "idx_a.rst").unlink()
    index = src / "index.rst"
    index.write_text(index.read_text("utf-8").replace("   idx_a\n", ""), encoding="utf-8")
    app, printed = build(make_app, src)
    assert "all" in written_pages(printed)
    assert "Alphaquote TWO of plan A." in page(app, "all")


@pytest.mark.sphinx("html", testroot="m-split", freshenv=True)
def test_tables_are_written_with_the_collector_paused_and_let_go(
        app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML translator makes each index's tables with Python's cycle
    collector paused and takes them off the page once written, so that they
    die young instead of reaching the oldest generation (whose collections
    walk every doctree of the build); the page still shows them. Nothing
    refers to them from the instant the collector resumes: a young collection
    (not a full one) then frees every node of them, and again when the page
    is done. Kept alive (by the translator's ``colspecs``, or by the locals
    of the code that made them), the first young collection after the pause
    would move them up."""
    import gc
    import weakref

    from sphinx_policynotes.write import index

    real, real_enable = index.deferred_index, gc.enable
    seen: list[tuple[bool, nodes.Element]] = []
    made: dict[str, list[weakref.ref[object]]] = {}
    alive: dict[str, int] = {}
    at_resume: dict[str, int] = {}
    pending: list[str] = []

    def spy(builder: Builder, node: nodes.Element) -> list[nodes.Node]:
        seen.append((gc.isenabled(), node))
        content = real(builder, node)
        made[node["docname"]] = [weakref.ref(n) for top in content for n in top.findall()]
        pending.append(node["docname"])
        return content

    def resumed() -> None:  # the instant the collector resumes after the tables
        real_enable()
        while pending:
            name = pending.pop()
            gc.collect(1)
            at_resume[name] = sum(ref() is not None for ref in made[name])

    def page_written(app: SphinxTestApp, pagename: str, *args: Any) -> None:
        if pagename in made:  # the translator of the page is still alive here
            gc.collect(1)
            alive[pagename] = sum(ref() is not None for ref in made[pagename])

    monkeypatch.setattr(index, "deferred_index", spy)
    monkeypatch.setattr(gc, "enable", resumed)
    app.connect("html-page-context", page_written)
    app.build()
    assert not app.warning.getvalue()
    assert len(seen) == 2  # the all-sources index and plan A's own
    assert all(enabled is False for enabled, _ in seen)
    assert all(len(node.children) == 0 for _, node in seen)
    assert gc.isenabled()
    assert all(len(refs) > 20 for refs in made.values())  # tables, rows, cells, texts
    # nothing of ours holds them when the collector resumes: not the locals
    # of the code that made them (gone with `_write_tables`' frame; written
    # inline, they are kept by the frame that raises SkipNode, even after)
    assert at_resume == {"all": 0, "idx_a": 0}
    assert alive == {"all": 0, "idx_a": 0}
    assert "Alphaquote one of plan A." in page(app, "idx_a")
    assert "Betaquote of plan B." in page(app, "all")
