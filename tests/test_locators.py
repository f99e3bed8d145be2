"""Unit tests of the locator model (sphinx_policynotes.numbering; no Sphinx needed).

The issue's table of built-in schemes row by row, unreadable locators, the
order rules, keys read back, ancestors, anchors, the validation of user
schemes, the numeral systems, and that the package stays pure and keeps every
name its importers use.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

import sphinx_policynotes.numbering as numbering
from sphinx_policynotes.numbering import (
    BUILTIN_SCHEMES,
    DEFAULT_SCHEME,
    Locator,
    Scheme,
    Segment,
    builtin_schemes,
    first_descendant,
    int_to_kanji,
    int_to_roman,
    is_ancestor,
    kanji_to_int,
    locator_anchor,
    normalise_policy,
    parse_chapter,
    parse_key,
    parse_locator,
    plan_locator,
    read_locator,
    read_number,
    render_locator,
    roman_to_int,
    validate_schemes,
    write_number,
)


def _scheme(name: str) -> Scheme:
    return builtin_schemes()[name]


def _key(scheme: str, written: str) -> str | None:
    return parse_locator(written, _scheme(scheme)).key


# -- the table -------------------------------------------------------------

TABLE = [
    ("ja-plan", "第４章【方針１－１】", "chp_4__方針1-1"),
    ("ja-outline", "Ⅲ． １． （１） ①", "roman_3__num_1__paren_1__circled_1"),
    ("ja-outline", "３．２）", "num_3__rparen_2"),
    ("ja-outline", "３． ２）", "num_3__rparen_2"),
    ("ja-outline", "第２ （１）", "dai_2__paren_1"),
    ("ja-outline", "４． （１） ア", "num_4__paren_1__kana_1"),
    ("dotted", "3.2.1", "sec_3.2.1"),
    ("dotted", "３．２．１", "sec_3.2.1"),
    ("dotted", "１ .１", "sec_1.1"),
    ("ja-law", "第三条の二第一項第二号", "art_3-2__para_1__item_2"),
    ("ja-law", "第3条の2第1項第2号", "art_3-2__para_1__item_2"),
    ("ja-law", "第二章の二", "chp_2-2"),
    ("ja-law", "第二十二章", "chp_22"),
    ("ja-law", "附則第二条", "suppl__art_2"),
    ("ja-law", "第十五条第一項第二号イ", "art_15__para_1__item_2__subitem1_1"),
    ("eu", "Article 5(1)(a)", "art_5__para_1__point_a"),
    ("eu", "Art. 5(1)(a)", "art_5__para_1__point_a"),
    ("eu", "article 5 (1) (a)", "art_5__para_1__point_a"),
    ("eu", "Recital 12", "rec_12"),
    ("eu", "Annex II", "annex_2"),
    ("eu", "Article 4a", "art_4a"),
    ("eu", "Chapter IV", "chp_4"),
    ("us", "Sec. 101(a)(1)(A)(i)", "sec_101__subsec_a__para_1__subpara_a__clause_1"),
    ("us", "Section 101(a)(1)(A)(i)", "sec_101__subsec_a__para_1__subpara_a__clause_1"),
    ("us", "§ 101(a)(1)(A)(i)", "sec_101__subsec_a__para_1__subpara_a__clause_1"),
    ("us", "Title I", "title_1"),
    ("us", "Division A", "div_a"),
    ("kr", "제7조의2 제1항 제2호", "art_7-2__para_1__item_2"),
    ("kr", "제7조의2 ③", "art_7-2__para_3"),
    ("kr", "제3조 제1항 제2호 가목", "art_3__para_1__item_2__subitem_1"),
    ("zh", "第一百零一条（一）", "art_101__item_1"),
    ("zh", "第一章", "chp_1"),
]


@pytest.mark.parametrize(("scheme", "written", "key"), TABLE)
def test_table_row(scheme: str, written: str, key: str) -> None:
    locator = parse_locator(f" {written}\u3000", _scheme(scheme))
    assert locator.error is None
    assert locator.key == key
    assert locator.label == written
    exported = locator.to_json()
    assert list(exported) == ["key", "label", "path"]
    assert exported["key"] == key and exported["label"] == written
    assert "__".join(s["num"] if s["level"] == "policy" else
                     f"{s['level']}_{s['num']}" if s["num"] else s["level"]
                     for s in exported["path"]) == key
    assert all(set(s) == {"level", "num", "label"} and s["label"] for s in exported["path"])
    assert parse_key(key, _scheme(scheme)) is not None
    assert read_locator(key, _scheme(scheme)).key == key


def test_ja_plan_is_the_default_and_its_options_make_the_same_key() -> None:
    assert DEFAULT_SCHEME == "ja-plan"
    via_at = parse_locator("第４章【方針１－１】", _scheme("ja-plan"))
    via_options = plan_locator("第４章", "【方針１－１】")
    assert via_options is not None and via_options.key == via_at.key == "chp_4__方針1-1"
    assert via_options.path == via_at.path
    assert [s.label for s in via_options.path] == ["第４章", "【方針１－１】"]
    assert via_options.label == "第４章 【方針１－１】"


def test_ja_plan_with_only_a_chapter_or_only_a_policy() -> None:
    chapter = plan_locator("4", None)
    policy = plan_locator(None, "1-1")
    assert chapter is not None and chapter.key == "chp_4"
    assert policy is not None and policy.key == "方針1-1"
    assert plan_locator(None, None) is None and plan_locator(" ", "") is None
    assert parse_locator("第4章", _scheme("ja-plan")).key == "chp_4"
    prefixed = plan_locator("Chapter 4", "1-1", prefix="施策")
    assert prefixed is not None and prefixed.key == "chp_4__施策1-1"


@pytest.mark.parametrize("value", ["1-1", "１－１", "方針1-1", "【方針１－１】", " 方針 1 - 1 ",
                                   "方針1\u30fc1", "【方針１－１】サービスデザイン", "背景２", "（１）",
                                   "方針データ", "データ1", "1-2-3"])
def test_ja_plan_policy_part_is_todays_policy_key(value: str) -> None:
    locator = plan_locator(None, value)
    assert locator is not None and locator.key == normalise_policy(value)
    assert read_locator(value, _scheme("ja-plan")).key == normalise_policy(value)


@pytest.mark.parametrize(("value", "key"), [("方針一の二", "方針1-2"), ("方針1の2", "方針1-2"),
                                            ("一の二", "方針1-2"), ("方針十二", "方針12"),
                                            ("【方針一－一】", "方針1-1")])
def test_kanji_numerals_in_a_policy_are_read(value: str, key: str) -> None:
    locator = plan_locator(None, value)
    assert locator is not None and locator.key == key


@pytest.mark.parametrize("value", ["方針三重", "方針一の", "方針十十", "方針_1"])
def test_unreadable_kanji_in_a_policy_is_reported(value: str) -> None:
    locator = plan_locator("第4章", value)
    assert locator is not None and locator.key is None
    assert locator.error is not None and locator.error.part == value
    assert locator.to_json() == {"key": None, "label": f"第4章 {value}", "path": []}


def test_policy_written_to_resolve_eu_forms_and_keys() -> None:
    eu = _scheme("eu")
    keys = {read_locator(text, eu).key for text in
            ("Art. 5(1)(a)", "art_5__para_1__point_a", "Article 5 (1) (a)")}
    assert keys == {"art_5__para_1__point_a"}
    assert read_locator("1-1", _scheme("ja-plan")).key == "方針1-1"


# -- unreadable locators -----------------------------------------------------------


@pytest.mark.parametrize(("scheme", "written", "part"), [
    ("eu", "Article 5(1)(zz9)", "(zz9)"),
    ("eu", "Paragraph 5", "Paragraph 5"),
    ("eu", "(a)", "(a)"),
    ("eu", "Annex IIII", "Annex IIII"),
    ("ja-law", "第三条の二第一項第二号x", "x"),
    ("ja-law", "第十十条", "第十十条"),
    ("ja-law", "第一項第三条", "第三条"),
    ("us", "Sec. 101(A)", "(A)"),
    ("dotted", "3..2", ".2"),
    ("kr", "제7조의2 ㊿㊿", "㊿"),
    ("ja-outline", "（１） ３．", "３．"),
    ("zh", "第一百零一条（一）（二）", "（二）"),
    ("ja-law", "", ""),
    ("ja-law", "   ", ""),
])
def test_an_unreadable_locator_names_the_part(scheme: str, written: str, part: str) -> None:
    locator = parse_locator(written, _scheme(scheme))
    assert locator.key is None and not locator.ok and locator.path == ()
    assert locator.error is not None
    assert locator.error.scheme == scheme and locator.error.part == part
    assert scheme in str(locator.error) and f'"{part}"' in str(locator.error)
    assert locator.to_json() == {"key": None, "label": written.strip(), "path": []}
    assert read_locator(written, _scheme(scheme)).error == locator.error


def test_an_over_long_locator_is_reported_not_read() -> None:
    locator = parse_locator("第一条" * 400, _scheme("ja-law"))
    assert locator.key is None and locator.error is not None
    deep = parse_locator(" ".join(["(1)"] * 100), _scheme("ja-outline"))
    assert deep.key is None


def test_a_number_that_is_not_one_is_reported_as_such() -> None:
    locator = parse_locator("Annex IIII", _scheme("eu"))
    assert locator.error is not None and "roman" in locator.error.because


# -- order -----------------------------------------------------------------------


def _sorted(scheme: str, *written: str) -> list[str]:
    locators = [parse_locator(text, _scheme(scheme)) for text in written]
    assert all(locator.ok for locator in locators), locators
    return [locator.label for locator in sorted(locators, key=lambda loc: loc.sort_key)]


@pytest.mark.parametrize(("scheme", "order"), [
    ("ja-law", ["第二条", "第十条"]),
    ("ja-law", ["第三条", "第三条の二", "第三条の十", "第四条"]),
    ("ja-law", ["第三条", "第三条第一項", "第三条第一項第二号", "第三条第二項", "第三条の二"]),
    ("ja-law", ["第二章", "第二章の二", "第三章", "第二十二章"]),
    ("ja-law", ["第一条", "第九十九条", "附則", "附則第一条", "附則第二条"]),
    ("eu", ["Article 4", "Article 4a", "Article 4b", "Article 5"]),
    ("eu", ["Recital 12", "Recital 100", "Article 1", "Article 5(1)", "Article 5(1)(a)",
            "Article 5(1)(b)", "Article 5(2)", "Article 10", "Annex I", "Annex II"]),
    ("eu", ["Article 5(1)(z)", "Article 5(1)(aa)"]),
    ("us", ["Sec. 2", "Sec. 10", "Sec. 101(a)", "Sec. 101(a)(1)", "Sec. 101(a)(1)(A)",
            "Sec. 101(a)(2)", "Sec. 101(b)"]),
    ("dotted", ["1", "1.1", "1.2", "1.10", "2", "10"]),
    ("kr", ["제7조", "제7조의2", "제7조의10", "제8조", "부칙"]),
    ("zh", ["第一章", "第二章", "第九条", "第十条", "第一百零一条"]),
    ("ja-outline", ["１．", "２．", "１０．"]),
    ("ja-plan", ["第4章", "第4章 方針1-1", "第4章 方針1-2", "第4章 方針1-10", "第10章", "方針2"]),
])
def test_natural_order(scheme: str, order: list[str]) -> None:
    assert _sorted(scheme, *reversed(order)) == order
    assert _sorted(scheme, *sorted(order)) == order


def test_unreadable_locators_sort_last() -> None:
    eu = _scheme("eu")
    bad = parse_locator("nonsense", eu)
    good = parse_locator("Annex XX", eu)
    assert good.sort_key < bad.sort_key


# -- keys, ancestors, anchors --------------------------------------------------------


@pytest.mark.parametrize(("scheme", "key"), [
    ("eu", "art_05"), ("eu", "art_5__art_6"), ("eu", "para_1"), ("eu", "art_5__"),
    ("eu", "art_5__para_1 "), ("eu", "Art_5"), ("ja-law", "art_3-02"), ("ja-law", "para_1-2"),
    ("ja-law", "suppl_1"), ("ja-law", "subitem1_48"), ("ja-plan", "chp_04"), ("ja-plan", "1-1"),
    ("dotted", "sec_3..2"), ("us", "clause_0"), ("kr", "subitem_29"), ("zh", ""),
])
def test_non_canonical_keys_are_not_keys(scheme: str, key: str) -> None:
    assert parse_key(key, _scheme(scheme)) is None


def test_a_key_reads_back_to_its_path() -> None:
    locator = parse_key("art_3-2__para_1__item_2", _scheme("ja-law"))
    assert locator is not None
    assert locator.path == (Segment("art", "3-2"), Segment("para", "1"), Segment("item", "2"))
    assert parse_key("chp_4__方針1-1", _scheme("ja-plan")) == Locator(
        key="chp_4__方針1-1", label="chp_4__方針1-1",
        path=(Segment("chp", "4", "chp_4"), Segment("policy", "方針1-1", "方針1-1")))


def test_ancestors_and_the_first_quoted_descendant() -> None:
    eu = _scheme("eu")
    article, quoted = parse_locator("Article 5", eu), parse_locator("Art. 5(1)(a)", eu)
    later = parse_locator("Article 5(2)", eu)
    assert is_ancestor(article, quoted) and is_ancestor(article, later)
    assert not is_ancestor(quoted, article) and not is_ancestor(article, article)
    assert not is_ancestor(parse_locator("Article 50", eu), quoted)
    assert first_descendant(article, [later, quoted, parse_locator("Article 6", eu)]) == quoted
    assert first_descendant(parse_locator("Article 7", eu), [later, quoted]) is None
    law = _scheme("ja-law")
    assert not is_ancestor(parse_locator("第三条", law), parse_locator("第三条の二", law))
    dotted = _scheme("dotted")
    assert is_ancestor(parse_locator("3.2", dotted), parse_locator("3.2.1", dotted))
    assert not is_ancestor(parse_locator("3.2", dotted), parse_locator("3.20", dotted))
    plan = _scheme("ja-plan")
    assert is_ancestor(parse_locator("第4章", plan), parse_locator("第4章【方針1-1】", plan))
    assert not is_ancestor(parse_locator("nonsense (", eu), quoted)


def test_anchor_is_ascii_deterministic_and_distinct() -> None:
    keys = ["方針1-1", "方針1-2", "chp_4__方針1-1", "art_5__para_1__point_a", "suppl"]
    anchors = [locator_anchor("plan", key) for key in keys]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", anchor) for anchor in anchors)
    assert len(set(anchors)) == len(anchors)
    assert anchors == [locator_anchor("plan", key) for key in keys]
    assert locator_anchor("eu-ai", "art_5__para_1__point_a").startswith(
        "pl-eu-ai-art-5-para-1-point-a-")
    assert locator_anchor("a", "b_c") != locator_anchor("a-b", "c")


def test_render_gives_a_form_that_reads_back() -> None:
    law = _scheme("ja-law")
    path = parse_locator("第3条の2第1項第2号", law).path
    assert render_locator(law, path) == "第三条の二 第一項 第二号"
    assert render_locator(law, path, joiner="") == "第三条の二第一項第二号"
    eu = _scheme("eu")
    assert render_locator(eu, parse_locator("art. 5 (1)(a)", eu).path, joiner="") == \
        "Article 5(1)(a)"
    assert render_locator(eu, (Segment("point", "a"),)) is None  # a point cannot start


# -- user schemes --------------------------------------------------------------------

USER = {"guide": [
    {"name": "part", "pattern": r"Part\s*([IVX]+)", "numerals": "roman", "format": "Part {}"},
    {"name": "step", "pattern": r"Step\s*([0-9]+)", "numerals": "arabic", "branch": r"-([0-9]+)",
     "format": "Step {}", "branch_format": "-{}"},
    {"name": "note", "pattern": "([いろは])", "numerals": "kana", "kana": "iroha"},
    {"name": "appendix", "pattern": "Appendix", "numerals": "none", "parents": [],
     "rank": 9},
]}


def test_a_user_scheme_works_like_a_built_in_one() -> None:
    schemes, errors = validate_schemes(USER)
    assert errors == []
    guide = schemes["guide"]
    locator = parse_locator("Part II Step 3-2 ろ", guide)
    assert locator.key == "part_2__step_3-2__note_2"
    assert parse_key(locator.key, guide) == locator.__class__(
        key=locator.key, label=locator.key, path=locator.path)
    assert _sorted_with(guide, "Appendix", "Part II", "Part I Step 10", "Part I Step 2") == [
        "Part I Step 2", "Part I Step 10", "Part II", "Appendix"]
    assert parse_locator("Part II Appendix", guide).error is not None


def _sorted_with(scheme: Scheme, *written: str) -> list[str]:
    locators = sorted((parse_locator(t, scheme) for t in written), key=lambda x: x.sort_key)
    return [locator.label for locator in locators]


def test_built_in_schemes_are_user_data_compiled_once() -> None:
    schemes, errors = validate_schemes(BUILTIN_SCHEMES)
    assert errors == [] and set(schemes) == set(builtin_schemes())
    assert builtin_schemes() is builtin_schemes()
    assert set(BUILTIN_SCHEMES) == {"ja-plan", "ja-outline", "dotted", "ja-law", "eu", "us",
                                    "kr", "zh"}


def _level(**changes: object) -> dict[str, object]:
    level: dict[str, object] = {"name": "art", "pattern": r"Art\s*([0-9]+)",
                                "numerals": "arabic"}
    level.update(changes)
    return {key: value for key, value in level.items() if value is not None}


@pytest.mark.parametrize(("raw", "message"), [
    ([], "must be a dict"),
    ({"s": {}}, "must be a non-empty list of levels"),
    ({"s": []}, "must be a non-empty list of levels"),
    ({"s": ["art"]}, "must be a dict with name, pattern and numerals"),
    ({"": [_level()]}, "scheme name '' must be a non-empty string"),
    ({"s": [_level(name=None)]}, "name None must match"),
    ({"s": [_level(name="Art_1")]}, "name 'Art_1' must match"),
    ({"s": [_level(numerals="hex")]}, "numerals 'hex' is not one of"),
    ({"s": [_level(pattern=None)]}, "pattern must be a non-empty string"),
    ({"s": [_level(pattern="Art [0-9]+")]}, "has 0 group(s); it needs exactly one"),
    ({"s": [_level(pattern="(Art) ([0-9]+)")]}, "has 2 group(s); it needs exactly one"),
    ({"s": [_level(pattern="Art (")]}, "is not a valid regular expression"),
    ({"s": [_level(pattern="([0-9]*)")]}, "matches the empty string"),
    ({"s": [_level(numerals="none")]}, "needs no group"),
    ({"s": [_level(branch="-[0-9]+")]}, "branch '-[0-9]+' has 0 group(s)"),
    ({"s": [_level(kana="abc")]}, "kana 'abc' is not one of aiueo, iroha"),
    ({"s": [_level(parents=["chp"])]}, "parents ['chp'] are not other levels"),
    ({"s": [_level(parents="art")]}, "parents must be a list"),
    ({"s": [_level(rank="1")]}, "rank '1' must be an integer"),
    ({"s": [_level(start="no")]}, "start 'no' must be true or false"),
    ({"s": [_level(format="Art")]}, "format must be a string with exactly one {}"),
    ({"s": [_level(numeral="arabic")]}, "unknown key 'numeral'"),
    ({"s": [_level(rank=1), _level(rank=2, pattern=r"A\.\s*([0-9]+)")]}, "rank 2 differs"),
])
def test_user_scheme_errors_are_clear_messages(raw: object, message: str) -> None:
    schemes, errors = validate_schemes(raw)
    assert schemes == {}
    assert any(message in error for error in errors), errors
    assert all(error.startswith("policynotes_schemes") for error in errors)


def test_valid_schemes_survive_an_invalid_neighbour() -> None:
    schemes, errors = validate_schemes({"good": [_level()], "bad": [_level(numerals="x")]})
    assert set(schemes) == {"good"}
    assert len(errors) == 1 and "policynotes_schemes['bad'][0] (art)" in errors[0]


# -- numerals ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("〇", 0), ("零", 0), ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("百", 100),
    ("百一", 101), ("一百零一", 101), ("千", 1000), ("千二百三十四", 1234), ("一千零一", 1001),
    ("一万", 10000), ("二万五千", 25000), ("一万零一", 10001), ("12", 12),
])
def test_kanji_numerals(text: str, value: int) -> None:
    assert kanji_to_int(text) == value
    assert kanji_to_int(int_to_kanji(value)) == value


@pytest.mark.parametrize("text", ["", "十十", "一二", "百千", "两", "一百零", "零一", "万",
                                  "二〇二三", "一万万"])
def test_malformed_kanji_numerals(text: str) -> None:
    assert kanji_to_int(text) is None


def test_parse_chapter_reads_kanji_through_the_numerals_module() -> None:
    assert parse_chapter("第一百零一章") == 101
    assert parse_chapter("第十十章") is None


@pytest.mark.parametrize(("kind", "text", "num"), [
    ("arabic", "12", "12"), ("arabic", "012", "12"), ("arabic", "4A", "4a"),
    ("roman", "XIV", "14"), ("roman", "xiv", "14"), ("roman", "Ⅻ", "12"), ("roman", "ⅲ", "3"),
    ("roman", "MCMXCIV", "1994"), ("circled", "①", "1"), ("circled", "⑳", "20"),
    ("circled", "㉑", "21"), ("circled", "㊿", "50"), ("kana", "ア", "1"), ("kana", "ン", "46"),
    ("kana", "あ", "1"), ("hangul", "가", "1"), ("hangul", "하", "14"), ("hangul", "거", "15"),
    ("latin", "a", "a"), ("latin", "AB", "ab"), ("dotted", "3 . 2.10", "3.2.10"),
    ("kanji", "三十", "30"), ("kanji", "30", "30"), ("none", "", ""),
])
def test_read_number(kind: str, text: str, num: str) -> None:
    assert read_number(kind, text) == num
    if kind not in ("none", "dotted") and num.isdigit():
        assert num in {read_number(kind, form) for form in write_number(kind, num)}


def test_kana_orders() -> None:
    assert read_number("kana", "イ", kana="iroha") == "1"
    assert read_number("kana", "イ") == "2"
    assert read_number("kana", "ス", kana="iroha") == "47"
    assert write_number("kana", "3", kana="iroha") == ["ハ"]


@pytest.mark.parametrize(("kind", "text"), [
    ("roman", "IIII"), ("roman", "IC"), ("roman", ""), ("circled", "⓪"), ("kana", "ガ"),
    ("hangul", "각"), ("latin", "a1"), ("arabic", "a"), ("dotted", "3."), ("none", "x"),
    ("kanji", "十十"), ("nope", "1"),
])
def test_unreadable_numbers(kind: str, text: str) -> None:
    assert read_number(kind, text) is None


def test_roman_writing() -> None:
    assert [int_to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 3999)] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CD", "MMMCMXCIX"]
    assert all(roman_to_int(int_to_roman(n)) == n for n in range(1, 4000))
    assert write_number("circled", "51") == [] and write_number("hangul", "29") == []


# -- the package ---------------------------------------------------------------------

PACKAGE = Path(numbering.__file__).parent


def test_numbering_is_pure_stdlib() -> None:
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1, (path.name, node.module)
                continue
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert top == "__future__" or top in sys.stdlib_module_names, (path.name, name)


def test_importers_keep_every_name() -> None:
    old = ["NaturalKey", "ascii_slug", "is_wide", "join_cjk_lines", "make_anchor",
           "natural_key", "normalise_policy", "parse_chapter", "parse_date", "parse_page",
           "plain_text", "safe_url"]
    assert all(name in numbering.__all__ and hasattr(numbering, name) for name in old)
    assert numbering._DASH_RE.pattern
    assert all(hasattr(numbering, name) for name in numbering.__all__)


def test_modules_stay_small() -> None:
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name
