"""Cleaning of pasted Japanese text in policy-quote bodies: on, :verbatim:, off."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def quote_texts(app: SphinxTestApp) -> dict[str, str]:
    data = json.loads((Path(app.outdir) / "policynotes.json").read_text(encoding="utf-8"))
    return {q["name"]: q["text"] for q in data["quotes"]}


def paragraph_of(html: str, needle: str) -> str:
    for para in re.findall(r"<p>(.*?)</p>", html, flags=re.S):
        plain = re.sub(r"<[^>]+>", "", para)
        if needle in plain:
            return plain
    raise AssertionError(f"no paragraph holds {needle!r}")


@pytest.mark.sphinx("html", testroot="m-clean", freshenv=True)
def test_quotes_are_cleaned_by_default(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    texts = quote_texts(app)
    # Spaces and breaks inside Japanese go; ① and full-width ＢＰＲ stay; ⽅ -> 方.
    assert texts["pasted"] == ("紙や申請を前提とした制度といった、今後のデジタル化を阻む障壁も"
                               "明確になっている。方針①はＢＰＲを進める。")
    # Half English: one space between Latin words, spaces next to Latin text kept
    # where written, a break next to Latin text a space.
    assert texts["english"] == "The plan says that APIs should be open. 行政サービスの IT 化を Web サイトで進める。"
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "明確になっている。方針①はＢＰＲを進める。" in paragraph_of(html, "阻む障壁")
    # Commentary bodies only get the line join.
    assert "論評も改行をつなぐ。" in paragraph_of(html, "論評も")


@pytest.mark.sphinx("html", testroot="m-clean", freshenv=True)
def test_verbatim_keeps_spaces_and_characters(app: SphinxTestApp) -> None:
    app.build()
    kept = quote_texts(app)["kept"]
    # Only the line break between Japanese characters is joined (the core rule).
    assert kept == "明確にな っている。⽅針"


@pytest.mark.sphinx("html", testroot="m-clean", freshenv=True)
def test_myst_cleaning_across_inline_markup(app: SphinxTestApp) -> None:
    app.build()
    md = quote_texts(app)["md-pasted"]
    assert md == "情報システムの導入に当たっては、全ての機能を行政自らが構築するという自前主義に拘泥するのではなく、"
    html = (Path(app.outdir) / "mdpage.html").read_text(encoding="utf-8")
    assert "構築するという自前主義に拘泥するのではなく、" in paragraph_of(html, "情報システム")


@pytest.mark.sphinx("html", testroot="m-clean", freshenv=True,
                    confoverrides={"policynotes_clean_text": False})
def test_cleaning_off_for_the_project(app: SphinxTestApp) -> None:
    app.build()
    assert quote_texts(app)["pasted"].endswith("明確にな っている。⽅針①は ＢＰＲ を進める。")


@pytest.mark.sphinx("latex", testroot="m-clean", freshenv=True)
def test_latex_shows_cleaned_text(app: SphinxTestApp) -> None:
    app.build()
    tex = (Path(app.outdir) / "clean.tex").read_text(encoding="utf-8")
    assert "明確になっている。方針①はＢＰＲを進める。" in tex


@pytest.mark.sphinx("html", testroot="m-clean", freshenv=True, srcdir="clean-softbreaks")
def test_each_soft_break_is_judged_by_its_own_neighbours(app: SphinxTestApp) -> None:
    """Two equal "\\n" text nodes: the one between Latin and Japanese stays a space,
    the one between two Japanese characters goes (not the other way round)."""
    app.build()
    assert quote_texts(app)["md-verbatim"] == "API と行政サービス"
