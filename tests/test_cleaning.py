"""Tests for :func:`sphinx_policynotes.cleaning.clean_text`: one case (or more) per rule."""

from __future__ import annotations

import doctest

import pytest

from sphinx_policynotes import cleaning
from sphinx_policynotes.cleaning import clean_text, unify_char

# -- rule 1: ASCII spaces, tabs and line breaks between two CJK characters go ----------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("明確にな ってい\nる。", "明確になっている。"),  # the seed post, lines 43-44
        ("全ての機能を行政自らが構築すると いう自前主義", "全ての機能を行政自らが構築するという自前主義"),
        ("様々なサービス に行政サービス", "様々なサービスに行政サービス"),
        ("構築すると\tいう", "構築するという"),
        ("検討する\n必要がある。", "検討する必要がある。"),
        ("検討する  \r\n  必要", "検討する必要"),
        ("検討する\r必要", "検討する必要"),
        ("軸として、\nデジタル社会", "軸として、デジタル社会"),  # CJK punctuation is wide
        ("「公共」 の", "「公共」の"),
        ("ＢＰＲ の推進", "ＢＰＲの推進"),  # full-width Latin is wide (F)
        ("かな カナ ｶﾀｶﾅ", "かなカナ ｶﾀｶﾅ"),  # half-width kana is not wide (H)
    ],
)
def test_breaks_and_spaces_between_cjk_are_removed(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# -- rule 2: the ideographic space U+3000 is kept ---------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("第１章\u3000はじめに", "第１章\u3000はじめに"),
        ("見直しを進める\u3000\u3000", "見直しを進める\u3000\u3000"),
        ("全角\u3000 空白", "全角\u3000空白"),  # the ASCII space next to it goes
        ("全角 \u3000 空白", "全角\u3000空白"),
        ("\u3000字下げ", "\u3000字下げ"),
    ],
)
def test_ideographic_space_is_kept(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# -- rule 3: one space between Latin words, also across a line break --------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("digital   government", "digital government"),
        ("digital\tgovernment", "digital government"),
        ("digital\ngovernment", "digital government"),
        ("digital \n  government", "digital government"),
        ("Web 2.0, API; (UX)", "Web 2.0, API; (UX)"),
        ("end.\nNext", "end. Next"),
    ],
)
def test_one_space_between_latin_words(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# -- rule 4: Japanese next to Latin: a space only where the source had one --------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("IT を介した", "IT を介した"),  # the seed post, line 26: kept
        ("行政サービスの IT化", "行政サービスの IT化"),  # kept
        ("APIによる情報連携", "APIによる情報連携"),  # none in the source: none added
        ("政府CIOを中心", "政府CIOを中心"),
        ("API  による", "API による"),  # a run on the same line: one space
        ("API\tによる", "API による"),
    ],
)
def test_space_between_japanese_and_latin_only_where_the_source_had_one(
    raw: str, clean: str
) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Web\nサイト", "Web サイト"),
        ("行政サービスの\nIT化", "行政サービスの IT化"),
        ("行政サービスの  \n  IT化", "行政サービスの IT化"),
        ("推進する。\n(1) について", "推進する。 (1) について"),
    ],
)
def test_line_break_between_japanese_and_latin_becomes_one_space(
    raw: str, clean: str
) -> None:
    assert clean_text(raw) == clean


# -- rule 5: compatibility ideographs and radicals map to unified ideographs ------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u2f45針", "方針"),  # KANGXI RADICAL SQUARE → 方
        ("行政の在り\u2f45", "行政の在り方"),
        ("\u2f08\u2f26", "人子"),  # Kangxi radicals MAN, CHILD
        ("\u2e9f", "母"),  # CJK Radicals Supplement with a decomposition
        ("\uf91d", "\u6b04"),  # CJK COMPATIBILITY IDEOGRAPH-F91D → 欄
        ("\U0002f800", "\u4e3d"),  # Compatibility Ideographs Supplement
    ],
)
def test_compatibility_and_radical_characters_are_unified(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "kept",
    [
        "①②③",  # NFKC would give 123
        "ＢＰＲ",  # NFKC would give BPR
        "ｶﾀｶﾅ",  # NFKC would give カタカナ
        "㈱",  # NFKC would give (株)
        "﨑",  # U+FA11 is a unified ideograph inside the compatibility block
        "\u2e80",  # a radical without a unified form stays
        "【方針１－１】",
        "ｱ①ＢＰＲ⽅",
    ],
)
def test_nfkc_is_never_applied_to_the_whole_text(kept: str) -> None:
    assert clean_text(kept) == kept.replace("\u2f45", "方")


def test_unify_char_leaves_other_characters_alone() -> None:
    assert unify_char("\u2f45") == "方"
    assert unify_char("方") == "方"
    assert unify_char("①") == "①"
    assert unify_char("ab") == "ab"


# -- paragraph breaks and the text's own edges are left alone ----------------------------


@pytest.mark.parametrize(
    "kept",
    [
        "一つ目の段落。\n\n二つ目の段落。",
        "一つ目。\n  \n二つ目。",
        "first paragraph\n\nsecond",
        " 前後の空白 ",
        "\n改行で始まる",
        "文末の改行\n",
        "",
        "   ",
    ],
)
def test_paragraph_breaks_and_edges_are_kept(kept: str) -> None:
    assert clean_text(kept) == kept


# -- a paragraph that is half English -----------------------------------------------------


def test_half_english_paragraph() -> None:
    raw = (
        "The Digital Government Strategy aims at a   government that is\n"
        "digital by default. デジタル・ガバメント推進方針は、サービスデザイン思考を\n"
        "取り入れ、Open  data を\n"
        "推進し、行政サービスの\n"
        "IT化を進める。 See the\n"
        "Action Plan (デジタルファースト・アクションプラン)\tfor details.\n"
        "明確にな ってい\n"
        "る。\u2f45針は API による連携を前提とする。"
    )
    assert clean_text(raw) == (
        "The Digital Government Strategy aims at a government that is "
        "digital by default. デジタル・ガバメント推進方針は、サービスデザイン思考を"
        "取り入れ、Open data を"
        "推進し、行政サービスの "
        "IT化を進める。 See the "
        "Action Plan (デジタルファースト・アクションプラン) for details. "
        "明確になってい"
        "る。方針は API による連携を前提とする。"
    )


# -- properties ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "明確にな ってい\nる。",
        "IT を介した\nWeb\nサイト",
        "a  b\n\nc 　 d\u2f45",
        "行政サービスの\nIT化を進める。 See the\nAction Plan",
    ],
)
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


def test_only_whitespace_and_unified_characters_change() -> None:
    raw = "IT を介した「公共」の\nあり⽅、明確にな ってい\nる。①ＢＰＲ\u3000API  連携"
    cleaned = clean_text(raw)
    assert [c for c in cleaned if c not in " \t\r\n"] == [
        unify_char(c) for c in raw if c not in " \t\r\n"
    ]


def test_docstring_examples() -> None:
    result = doctest.testmod(cleaning)
    assert result.attempted >= 3
    assert result.failed == 0
