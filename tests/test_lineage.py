"""Lineage: ``:continues:`` on quotes and sources, chains in the index and ``policy-lineage``."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-m-lineage"


def text_of(html: str) -> str:
    body = html[html.index("<section"):html.rindex("</section>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.sphinx("html", testroot="m-lineage", freshenv=True)
def test_chain_in_index_label_card_and_view(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    index = (out / "index.html").read_text(encoding="utf-8")
    chain = "系譜 推進方針 方針1-1 → 実行計画 方針2-1 → 実行計画 方針3-1"
    # The index shows the chain in each row that is part of it, the current step bold.
    assert text_of(index).count(chain) == 3
    assert '<strong>推進方針 方針1-1</strong>' in index
    assert re.search(r'href="plan.html#pq-plan-1"[^>]*>\s*(?:<span[^>]*>)?実行計画 方針2-1', index)
    # The later source's card links to the earlier one.
    assert re.search(r'継承元 <a class="[^"]*reference internal" href="#src-index-1"', index)
    plan = (out / "plan.html").read_text(encoding="utf-8")
    # A continuing quote's label links to the quote it carries on.
    assert re.search(r'継承元 <a [^>]*href="index.html#pq-index-1"[^>]*>'
                     r'(?:<span[^>]*>)?推進方針 方針1-1', plan)
    view = text_of((out / "lineage.html").read_text(encoding="utf-8"))
    # One table, steps in date order, each with its quote and commentary.
    order = [view.index(s) for s in ("推進方針 (2017-05-30)", "先行的にサービスデザイン思考",
                                     "推進方針の論評。", "実行計画 (2018-01-16)",
                                     "サービス設計12箇条", "実行計画の論評。", "もう一つの継承。")]
    assert order == sorted(order)


@pytest.mark.sphinx("text", testroot="m-lineage", freshenv=True)
def test_lineage_view_is_a_table_in_text(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "lineage.txt").read_text(encoding="utf-8")
    assert "| 推進方針 (2017-05-30)" in text
    assert "+====" in text or "|====" in text


@pytest.mark.sphinx("html", testroot="m-lineage-bad", freshenv=True)
def test_unknown_targets_and_cycles_warn_and_keep_content(app: SphinxTestApp) -> None:
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert re.search(r"index.rst:14: WARNING: source-ref :continues: 'nowhere' is not a "
                     r"declared source \[policynotes.unknown_continues\]", warnings)
    assert re.search(r"index.rst:\d+: WARNING: source-ref :continues: '[ab]' goes round in a "
                     r"circle; ignored \[policynotes.lineage_cycle\]", warnings)
    assert re.search(r"index.rst:26: WARNING: policy-quote :continues: 'qa' goes round in a "
                     r"circle back to this quote's policy; ignored \[policynotes.lineage_cycle\]",
                     warnings)
    assert re.search(r"index.rst:33: WARNING: policy-quote :continues: 'no-such-quote' names "
                     r"no quote and no SOURCE:POLICY that has quotes "
                     r"\[policynotes.unknown_continues\]", warnings)
    assert re.search(r"index.rst:40: WARNING: policy-lineage: 'c:9' is in no lineage",
                     warnings)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for text in ("Quote A.", "Quote B.", "Quote C.", "No lineage yet."):
        assert text in html


def test_editing_continues_updates_the_index(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src).build()
    plan = src / "plan.rst"
    plan.write_text(plan.read_text(encoding="utf-8").replace(":continues: bpr\n", ""),
                    encoding="utf-8")
    stamp = plan.stat().st_mtime + 5
    os.utime(plan, (stamp, stamp))
    app = make_app("html", srcdir=src)
    app.build()
    index = text_of((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    assert "系譜 推進方針 方針1-1 → 実行計画 方針2-1 " in index
    assert "実行計画 方針3-1" not in index.split("系譜")[1]
