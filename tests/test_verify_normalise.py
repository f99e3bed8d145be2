"""Comparison normalisation: each rule, and the map back to the original text."""

from __future__ import annotations

import re

import pytest

from sphinx_policynotes import numbering
from sphinx_policynotes.verify import fold, is_page_number_line, normalise_pages
from sphinx_policynotes.verify.normalise import DASHES


def test_nfkc_folds_full_width_forms_and_half_width_kana() -> None:
    assert fold("ＢＰＲ（２０１７）") == "BPR(2017)"
    assert fold("ﾃﾞｼﾞﾀﾙ") == "デジタル"
    assert fold("①の取組") == "1の取組"


def test_every_dash_of_numbering_folds_to_hyphen() -> None:
    dash_re = re.compile(numbering._DASH_RE.pattern)
    numbering_dashes = [chr(c) for c in range(0x10000) if dash_re.fullmatch(chr(c))]
    assert numbering_dashes, "numbering's dash set changed shape"
    for dash in numbering_dashes:
        assert fold(f"1{dash}1") == "1-1", hex(ord(dash))
    for dash in DASHES:
        assert fold(f"1{dash}1") == "1-1", hex(ord(dash))


def test_long_vowel_is_a_dash_only_between_digits() -> None:
    assert fold("方針１ー１") == fold("方針１－１") == "方針1-1"
    assert fold("1ｰ2") == "1-2"
    assert fold("データ") == "データ"
    assert fold("ー1") == "ー1"


def test_hyphen_between_latin_letters_is_dropped() -> None:
    assert fold("infor-\nmation") == fold("information") == "information"
    assert fold("e-Gov") == "eGov"
    assert fold("1-1") == "1-1"


def test_whitespace_controls_and_format_characters_are_removed() -> None:
    assert fold("デジタル　技術\nの\t活用 ") == "デジタル技術の活用"
    assert fold("soft\u00adhy\u200bphen\ufeff") == "softhyphen"


def test_kangxi_radicals_and_compatibility_ideographs_are_unified() -> None:
    assert fold("\u2f45針") == "方針"  # KANGXI RADICAL SQUARE
    assert fold("\u2f8f政") == "行政"  # KANGXI RADICAL WALK ENCLOSURE
    assert fold("\uf90a") == "金"  # CJK COMPATIBILITY IDEOGRAPH-F90A


def test_encoding_lookalikes_are_folded() -> None:
    assert fold("1〜2") == fold("1～2") == "1~2"
    assert fold("“quote”") == '"quote"'
    assert fold("データ·バイ") == "データ・バイ"


def test_case_is_kept() -> None:
    assert fold("IT") != fold("it")


@pytest.mark.parametrize(
    "line",
    [
        "5",
        "５",
        "- 5 -",
        "－５－",
        "— 12 —",
        "  - 5 -  \n",
        "p. 5",
        "Page 3 of 10",
        "5 / 30",
        "ii",
        "xiv",
    ],
)
def test_page_number_only_lines_are_recognised(line: str) -> None:
    assert is_page_number_line(line)


@pytest.mark.parametrize(
    "line", ["", "第5章", "（５）", "2017年", "5月", "API", "c", "12345", "方針1-1"]
)
def test_other_lines_are_not_page_numbers(line: str) -> None:
    assert not is_page_number_line(line)


def test_page_number_lines_are_dropped_from_the_normalised_text() -> None:
    norm = normalise_pages(["明確にな\n                - 2 -\n", "っている。\n３\n"])
    assert norm.text == "明確になっている。"


def test_map_back_gives_page_offset_and_original_wording() -> None:
    pages = ["第１章　はじめに\n  ＩＴを介した\n", "市民と⽅針\n- 2 -\n"]
    norm = normalise_pages(pages)
    assert norm.text == "第1章はじめにITを介した市民と方針"
    start = norm.text.index("IT")
    assert norm.locate(start) == (0, pages[0].index("ＩＴ"))
    end = norm.text.index("方針") + 2
    assert norm.original_text(start, end) == "ＩＴを介した\n\f市民と⽅針"
    page, offset = norm.locate(norm.text.index("市民"))
    assert (page, offset) == (1, 0)


def test_composed_half_width_voiced_kana_maps_to_both_original_characters() -> None:
    norm = normalise_pages(["ﾃﾞｰﾀ"])
    assert norm.text == "データ"
    assert norm.original_text(0, 1) == "ﾃﾞ"


def test_normalisation_is_idempotent_on_its_output() -> None:
    text = "【方針１－１】ｻｰﾋﾞｽ\u3000デザイン\n- 4 -\n⽅針 infor-\nmation"
    assert fold(fold(text)) == fold(text)
