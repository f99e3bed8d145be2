"""``objects.inv`` and links between projects through intersphinx (no network).

``test-m-inventory`` ("notes") is built first; a project without the extension
and one with it link to it through its ``objects.inv`` on disk, and notes,
built again, links back to the second.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from test_domain import load_inventory
from util import html_of, warning_lines

ROOT = Path(__file__).parent / "roots" / "test-m-inventory"
DG_TITLE = "デジタル・ガバメント推進方針"


def write_project(srcdir: Path, extensions: list[str], mapping: dict[str, Path],
                  pages: dict[str, str]) -> Path:
    """A project in ``srcdir`` with these pages and intersphinx ``mapping``
    (inventory name -> a built output directory)."""
    srcdir.mkdir(parents=True, exist_ok=True)
    inventories = {name: (str(out), str(out / "objects.inv")) for name, out in mapping.items()}
    (srcdir / "conf.py").write_text(
        f"extensions = {[*extensions, 'sphinx.ext.intersphinx']!r}\n"
        f"intersphinx_mapping = {inventories!r}\n"
        "project = 'Other'\nversion = release = '1'\nlanguage = 'en'\n", encoding="utf-8")
    toctree = "".join(f"   {name.rsplit('.', 1)[0]}\n" for name in pages)
    (srcdir / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n{toctree}",
                                      encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return srcdir


def build(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()  # the next project registers Sphinx's nodes again
    return app


@pytest.fixture
def notes(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> Path:
    """The output directory of ``test-m-inventory``, built with no warning."""
    src = tmp_path / "notes"
    shutil.copytree(ROOT, src)
    app = build(make_app, src)
    assert warning_lines(app) == []
    return Path(app.outdir)


def links(app: SphinxTestApp, docname: str) -> list[tuple[str, str]]:
    """(text, href) of every link in the body of ``docname``, in order."""
    body = html_of(app, docname).find_all(role="main")[0]
    return [(a.text, a.attrs["href"]) for a in body.links()
            if "headerlink" not in a.attrs.get("class", "")]


def test_inventory_lists_sources_policies_and_quotes_once(notes: Path) -> None:
    inventory = load_inventory(notes)
    ours = {kind: entries for kind, entries in inventory.items()
            if kind.startswith("policynotes:")}
    assert ours == {
        "policynotes:source": {"dg-2017": ("sources.html#src-sources-1",),
                               "eu-ai": ("sources.html#src-sources-2",)},
        "policynotes:policy": {
            "dg-2017:方針1-1": ("index.html#pi-index-1-1",),
            "dg-2017:方針2-1": ("index.html#pi-index-1-2",),
            "eu-ai:art_5__para_1__point_a": ("eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da",),
        },
        "policynotes:quote": {
            "dg-2017:card-q": ("plan.html#pq-plan-1",),
            "eu-ai:eu-ban": ("eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da",),
        },
    }
    assert inventory["std:label"]["card-q"] == ("plan.html#pq-plan-1",)
    assert inventory["std:label"]["eu-ban"] == ("eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da",)
    # A bare name is one entry: MyST's untyped inv: link finds one target.
    for name in ("card-q", "eu-ban", "dg-2017", "dg-2017:方針1-1"):
        assert sum(name in entries for entries in inventory.values()) == 1, name


def test_project_without_the_extension_links_by_ref_and_myst(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path, notes: Path) -> None:
    src = write_project(tmp_path / "plain", ["myst_parser"], {"notes": notes}, {
        "ref.rst": """\
            Ref
            ===

            :ref:`notes:card-q` and :ref:`card-q` and :ref:`the ban <notes:eu-ban>`.
            """,
        "inv.md": """\
            # Inv

            [](inv:notes#card-q) [](inv:notes#dg-2017) [](inv:notes#dg-2017:方針1-1)
            [](inv:notes#eu-ai:art_5__para_1__point_a) [](inv:notes#dg-2017:card-q)
            [the act](inv:notes:policynotes:source#eu-ai)
            """,
    })
    app = build(make_app, src)
    assert warning_lines(app) == []
    base = f"{notes}/"
    assert links(app, "ref") == [
        ("推進方針 第4章 方針1-1", base + "plan.html#pq-plan-1"),
        ("推進方針 第4章 方針1-1", base + "plan.html#pq-plan-1"),
        ("the ban", base + "eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da"),
    ]
    assert links(app, "inv") == [
        ("推進方針 第4章 方針1-1", base + "plan.html#pq-plan-1"),
        (DG_TITLE, base + "sources.html#src-sources-1"),
        ("推進方針 方針1-1", base + "index.html#pi-index-1-1"),
        ("AI Act Art. 5(1)(a)", base + "eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da"),
        ("推進方針 第4章 方針1-1", base + "plan.html#pq-plan-1"),
        ("the act", base + "sources.html#src-sources-2"),
    ]


OTHER = {
    "other.rst": """\
        Other
        =====

        .. source-ref:: e-plan
           :title: Another plan
           :short: E

        .. policy-quote::
           :source: e-plan
           :policy: 1-1
           :name: e-q

           別の計画の方針。

        :policy:`notes:dg-2017:1-1` :source-ref:`notes:dg-2017`
        :policy:`notes:dg-2017:【方針１－１】` :policy:`notes:1-1`
        :policy:`notes:eu-ai:Art. 5(1)(a)` :policy:`notes:eu-ai:Article 5`
        :policy:`the first <notes:dg-2017:方針1-1>` :ref:`notes:card-q`
        :policy:`1-1`
        """,
    "other_md.md": """\
        # Other in MyST

        {policy}`notes:dg-2017:2-1` {source-ref}`notes:eu-ai` [](inv:notes#dg-2017:方針1-1)
        """,
}


def test_project_with_the_extension_links_by_its_roles_both_ways(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path, notes: Path) -> None:
    other = build(make_app, write_project(
        tmp_path / "other", ["myst_parser", "sphinx_policynotes"], {"notes": notes}, OTHER))
    assert warning_lines(other) == []
    base = f"{notes}/"
    row, act = base + "index.html#pi-index-1-1", base + "eu.html#pl-eu-eu-ai-art-5-1-a-ba36c3da"
    assert links(other, "other")[-9:] == [
        ("推進方針 方針1-1", row), (DG_TITLE, base + "sources.html#src-sources-1"),
        ("推進方針 方針1-1", row), ("推進方針 方針1-1", row),
        ("AI Act Art. 5(1)(a)", act), ("AI Act Art. 5(1)(a)", act),
        ("the first", row), ("推進方針 第4章 方針1-1", base + "plan.html#pq-plan-1"),
        ("方針1-1", "#pq-other-1"),
    ]
    assert links(other, "other_md") == [
        ("推進方針 方針2-1", base + "index.html#pi-index-1-2"),
        ("Artificial Intelligence Act", base + "sources.html#src-sources-2"),
        ("推進方針 方針1-1", row),
    ]
    assert {"e-plan", "e-plan:方針1-1", "e-q"} <= {
        name for entries in load_inventory(Path(other.outdir)).values() for name in entries}

    # And back: notes, built again, links to the other project.
    src = tmp_path / "notes-again"
    shutil.copytree(ROOT, src)
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(f"extensions.append('sphinx.ext.intersphinx')\n"
                   f"intersphinx_mapping = {{'e': {(str(other.outdir), None)!r}}}\n")
    (src / "back.rst").write_text(
        "Back\n====\n\n:policy:`e:e-plan:1-1` :source-ref:`e:e-plan` :ref:`e:e-q`\n",
        encoding="utf-8")
    with open(src / "index.rst", "a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   back\n")
    again = build(make_app, src)
    assert warning_lines(again) == []
    back = f"{other.outdir}/"
    assert links(again, "back") == [
        ("E 方針1-1", back + "other.html#pq-other-1"),
        ("Another plan", back + "other.html#src-other-1"),
        ("E 方針1-1", back + "other.html#pq-other-1"),
    ]


def test_unknown_targets_in_another_inventory_warn(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path, notes: Path) -> None:
    app = build(make_app, write_project(
        tmp_path / "bad", ["sphinx_policynotes"], {"notes": notes}, {"bad.rst": """\
            Bad
            ===

            :policy:`notes:dg-2017:9-9` :source-ref:`notes:dg-2071` :policy:`notes:x:1-1`
            """}))
    assert warning_lines(app) == [
        "bad.rst:4: WARNING: policy target 'notes:dg-2017:9-9': inventory notes has no "
        "policy dg-2017:9-9; did you mean 'dg-2017:2-1' or 'dg-2017:1-1'? "
        "[policynotes.unknown_ref]",
        "bad.rst:4: WARNING: source-ref target 'notes:dg-2071': inventory notes has no "
        "source dg-2071; did you mean 'dg-2017'? [policynotes.unknown_ref]",
        "bad.rst:4: WARNING: policy target 'notes:x:1-1': inventory notes has no "
        "policy x:1-1; did you mean 'dg-2017:1-1'? [policynotes.unknown_ref]",
    ]
    text = html_of(app, "bad").text
    assert "notes:dg-2017:9-9" in text and "notes:dg-2071" in text
