"""``:class:`` on source-ref, policy-quote, commentary and policy-index (issue 22): the names
reach the node in every builder that shows classes, as docutils' own option does."""

from __future__ import annotations

from pathlib import Path

from buildutil import build

PAGE = """Page
====

.. source-ref:: plan
   :title: Plan
   :class: card-x

.. policy-quote::
   :class: toggle quote-x

   A passage.

.. commentary::
   :class: note-x 方針

   A note.

.. policy-index::
   :class: index-x
"""


def project(tmp_path: Path, page: str = PAGE) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_policynotes"]\n'
                                 'language = "en"\n', encoding="utf-8")
    (src / "index.rst").write_text(page, encoding="utf-8")
    return src


def test_classes_reach_the_html(tmp_path: Path) -> None:
    b = build(project(tmp_path), "html", builddir=tmp_path / "build")
    html = (b.outdir / "index.html").read_text(encoding="utf-8")
    assert 'class="policynotes-source card-x' in html
    assert 'class="policynotes-quote toggle quote-x' in html
    assert 'class="policynotes-commentary note-x' in html
    assert 'class="policynotes-index-block no-search index-x' in html
    # a name that makes no class warns, with its place, and the note stays
    assert "index.rst:13: WARNING: commentary: :class: '方針' makes no class name; left " \
        "out [policynotes.bad_class]" in b.warnings, b.warnings
    assert "A note." in html


def test_classes_in_myst_too(tmp_path: Path) -> None:
    src = project(tmp_path, "# Page\n")
    (src / "index.rst").unlink()
    (src / "index.md").write_text(
        "# Page\n\n```{source-ref} plan\n:title: Plan\n```\n\n"
        "```{policy-quote}\n:class: toggle\nA passage.\n```\n", encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    assert 'class="policynotes-quote toggle' in (b.outdir / "index.html").read_text("utf-8")


def test_index_classes_where_the_index_is_resolved_into_nodes(tmp_path: Path) -> None:
    b = build(project(tmp_path), "pseudoxml", builddir=tmp_path / "build")
    tree = (b.outdir / "index.pseudoxml").read_text(encoding="utf-8")
    assert 'classes="policynotes-index-block no-search index-x"' in tree, tree
