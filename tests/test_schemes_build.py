"""The schemes not in ``m-locators`` (ja-outline, us, kr, zh) in a build: each
source's quotes read by its scheme, in every builder, without a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildutil import build, copy_root

ROOT = "m-schemes"
KEYS = {
    "Outline passage one.": "roman_3__num_1__paren_1__circled_1",
    "Outline passage two.": "dai_2__paren_1",
    "Bill passage one.": "sec_101__subsec_a__para_1__subpara_a__clause_1",
    "Bill passage two.": "title_1",
    "Korean passage one.": "art_7-2__para_1__item_2",
    "Korean passage two.": "art_3__para_1__item_2__subitem_1",
    "Chinese passage one.": "art_101__item_1",
    "Chinese passage two.": "chp_1",
}


def test_each_scheme_gives_its_keys(tmp_path: Path) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    assert {q["text"]: q["at"]["key"] for q in b.export()["quotes"]} == KEYS


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "latex", "text", "man",
                                     "texinfo", "epub", "xml"])
def test_every_builder(tmp_path: Path, builder: str) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), builder, builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
