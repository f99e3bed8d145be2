"""The domain: inventory entries, ``:any:``, and which pages an edit rewrites."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

ROOT = Path(__file__).parent / "roots" / "test-m-domain"


def load_inventory(outdir: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    with open(outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", os.path.join)
    result: dict[str, dict[str, tuple[str, ...]]] = {}
    for objtype, entries in inv.data.items() if hasattr(inv, "data") else inv.items():
        result[objtype] = {name: (getattr(item, "uri", None) or tuple(item)[2],)
                           for name, item in entries.items()}
    return result


@pytest.mark.sphinx("html", testroot="m-domain", freshenv=True)
def test_inventory_has_sources_policies_and_quote_names(app: SphinxTestApp) -> None:
    app.build()
    inventory = load_inventory(Path(app.outdir))
    assert "dg-2017" in inventory["policynotes:source"]
    assert "dg-2017:方針1-1" in inventory["policynotes:policy"]
    # A quote is SOURCE:NAME of the domain; its bare name is the std label
    # (intersphinx :ref:) alone.
    assert "dg-2017:bpr" in inventory["policynotes:quote"]
    assert "bpr" not in inventory["policynotes:quote"]
    assert "bpr" in inventory["std:label"]
    uri = str(inventory["std:label"]["bpr"][0])
    assert uri.endswith("a.html#pq-a-1")


@pytest.mark.sphinx("html", testroot="m-domain", freshenv=True)
def test_any_role_reaches_source_and_ref_shows_label(app: SphinxTestApp) -> None:
    app.build()
    html = (Path(app.outdir) / "roles.html").read_text(encoding="utf-8")
    assert re.search(r'href="sources.html#src-sources-1"[^>]*>.*?デジタル・ガバメント推進方針', html)
    assert re.search(r'href="a.html#pq-a-1"[^>]*>.*?推進方針 方針1-1', html)
    assert re.search(r'href="index.html#pi-index-1-1"[^>]*>.*?方針1-1', html)


def written_pages(app_output: str) -> set[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", app_output)
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", plain))


def build(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> tuple[SphinxTestApp, str]:
    """Build and return the app and what this build alone printed."""
    app = make_app("html", srcdir=srcdir)
    start = len(app.status.getvalue())
    app.build()
    return app, app.status.getvalue()[start:]


def test_edit_rewrites_only_affected_pages(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Editing a quote's text rewrites its page and the index page, not the rest."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(make_app, src)
    page = src / "b.rst"
    page.write_text(page.read_text(encoding="utf-8").replace("環境の整備", "環境を整備"),
                    encoding="utf-8")
    stamp = page.stat().st_mtime + 5
    os.utime(page, (stamp, stamp))
    app, printed = build(make_app, src)
    assert written_pages(printed) == {"b", "index"}
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "データ流通を促進する環境を整備。" in index


def test_source_title_change_rewrites_labels_and_roles(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(make_app, src)
    page = src / "sources.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(":short: 推進方針", ":short: 方針本文"),
                    encoding="utf-8")
    stamp = page.stat().st_mtime + 5
    os.utime(page, (stamp, stamp))
    app, printed = build(make_app, src)
    assert written_pages(printed) == {"sources", "a", "b", "index", "roles"}
    roles = (Path(app.outdir) / "roles.html").read_text(encoding="utf-8")
    assert "方針本文 方針1-1" in roles


def test_environment_stores_records_not_nodes(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app, _ = build(make_app, src)
    data = app.env.domaindata["policynotes"]
    dumped = pickle.dumps(data)
    assert b"docutils.nodes" not in dumped
    assert len(dumped) < 8000


@pytest.mark.sphinx("html", testroot="m-search", freshenv=True)
def test_index_page_does_not_index_quotes_again(app: SphinxTestApp) -> None:
    import json

    import sphinx

    app.build()
    raw = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    docnames = index["docnames"]
    for word in ("zyxwvquot", "zyxwvnot"):
        found = {docnames[i] for i in _as_list(index["terms"].get(word, []))}
        assert "notes" in found, (word, index["terms"].keys())
        if sphinx.version_info >= (9, 0):
            # The index table repeats the texts, marked no-search.
            assert "index" not in found


def _as_list(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_texts_live_beside_the_doctrees_and_come_back(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Texts are not in the environment; if their files vanish, the pages are re-read."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app, _ = build(make_app, src)
    assert "先行的に業務改革を実施する。".encode() not in pickle.dumps(
        app.env.domaindata["policynotes"])
    texts = Path(app.doctreedir) / "policynotes-texts"
    assert len(list(texts.glob("*.json"))) == 2  # a.rst and b.rst hold quotes
    shutil.rmtree(texts)
    (Path(app.outdir) / "policynotes.json").unlink()
    app, printed = build(make_app, src)
    assert {"a", "b"} <= written_pages(printed)
    export = (Path(app.outdir) / "policynotes.json").read_text(encoding="utf-8")
    assert "先行的に業務改革を実施する。" in export
    assert "先行的に業務改革を実施する。" in (Path(app.outdir) / "index.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="m-domain", freshenv=True)
def test_search_index_lists_sources_not_quotes(app: SphinxTestApp) -> None:
    """Quotes stay in objects.inv but not in searchindex.js; label navigation
    (kinds, source and note links, pages) is no-search, chapter and policy not."""
    import json

    app.build()
    raw = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    assert "policynotes:source" in index["objtypes"].values()
    assert "policynotes:quote" not in index["objtypes"].values()
    assert "dg-2017:bpr" in load_inventory(Path(app.outdir))["policynotes:quote"]
    assert "policynotes:policy" not in index["objtypes"].values()
    html = (Path(app.outdir) / "a.html").read_text(encoding="utf-8")
    label = re.search(r'<p class="policynotes-label">(.*?)</p>', html, re.S)
    assert label is not None
    assert re.search(r'<span class="policynotes-kind no-search">', label.group(1))
    assert re.search(r'<a class="policynotes-source-label no-search reference internal" href="sources.html#', label.group(1))
    assert '<strong class="policynotes-policy">' in label.group(1) or \
        '<span class="policynotes-policy">' in label.group(1)
