"""Unit tests for sphinx_policynotes.numbering (no Sphinx needed)."""

from __future__ import annotations

import hashlib
import itertools
import re

import pytest

from sphinx_policynotes.numbering import (
    ascii_slug,
    is_wide,
    join_cjk_lines,
    make_anchor,
    natural_key,
    normalise_policy,
    parse_chapter,
    parse_date,
    parse_page,
    plain_text,
    safe_url,
)

IDEOGRAPHIC_SPACE = "\u3000"


def _hash8(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:8]


# --- parse_chapter ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4", 4),
        ("４", 4),
        ("12", 12),
        ("第4章", 4),
        ("第４章", 4),
        ("第四章", 4),
        ("第十章", 10),
        ("第十二章", 12),
        ("第二十章", 20),
        ("第二十三章", 23),
        ("第百章", 100),
        ("第百一章", 101),
        ("第千章", 1000),
        ("第千二百三十四章", 1234),
        ("第二千章", 2000),
        ("Chapter 4", 4),
        ("chapter 4", 4),
        ("CHAPTER４", 4),
        (" 第 ４ 章 ", 4),
        (f"{IDEOGRAPHIC_SPACE}第{IDEOGRAPHIC_SPACE}４{IDEOGRAPHIC_SPACE}章", 4),
        ("第 四 章", 4),
        ("04", 4),
    ],
)
def test_parse_chapter_valid(value: str, expected: int) -> None:
    assert parse_chapter(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "abc",
        "第章",
        "4.5",
        "-1",
        "第4節",
        "0",
        "０",
        "第0章",
        "第〇章",
        "第十十章",
        "第一二章",
        "第百千章",
        "第两章",
        "四",
        "第4",
        "4章",
        "Chapter",
        "Chapter 四",
        "第4.5章",
        "第-1章",
    ],
)
def test_parse_chapter_invalid(value: str) -> None:
    assert parse_chapter(value) is None


# --- normalise_policy ------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "1-1",
        "１－１",
        "方針1-1",
        "【方針１－１】",
        "方針１\u2010１",
        "方針1\u2011１",
        "方針1\u20121",
        "方針1\u20131",
        "方針1\u20141",
        "方針1\u20151",
        "方針1\u22121",
        "方針1\ufe581",
        "方針1\ufe631",
        "方針1\uff0d1",
        "方針1\u30fc1",
        "方針1\uff701",
        " 方針 1 - 1 ",
        f"{IDEOGRAPHIC_SPACE}方針{IDEOGRAPHIC_SPACE}1-1{IDEOGRAPHIC_SPACE}",
        "【方針１－１】サービスデザイン思考に基づく業務改革（ＢＰＲ）の推進",
        "【方針１－１】 サービスデザイン",
        "【方針１－１】【方針２】",
    ],
)
def test_normalise_policy_1_1(value: str) -> None:
    assert normalise_policy(value) == "方針1-1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("背景２", "背景2"),
        ("【背景２】", "背景2"),
        ("（１）", "(1)"),
        ("2", "方針2"),
        ("２", "方針2"),
        ("1-2-3", "方針1-2-3"),
        ("方針データ", "方針データ"),
        ("データ1", "データ1"),
        ("方針1ー", "方針1ー"),
        ("方針ー1", "方針ー1"),
        ("【方針１－１】" + IDEOGRAPHIC_SPACE, "方針1-1"),
        ("1-", "1-"),
        ("-1", "-1"),
    ],
)
def test_normalise_policy_other(value: str, expected: str) -> None:
    assert normalise_policy(value) == expected


@pytest.mark.parametrize(
    ("value", "prefix", "expected"),
    [
        ("1-1", "Policy ", "Policy 1-1"),
        (" 1 - 1 ", "Policy ", "Policy 1-1"),
        ("2", "P", "P2"),
        ("方針1-1", "Policy ", "方針1-1"),
    ],
)
def test_normalise_policy_prefix(value: str, prefix: str, expected: str) -> None:
    assert normalise_policy(value, prefix=prefix) == expected


@pytest.mark.parametrize(
    "value", ["", "  ", IDEOGRAPHIC_SPACE, "【】", "【 】", "【】【】"]
)
def test_normalise_policy_empty(value: str) -> None:
    assert normalise_policy(value) is None


# --- natural_key -----------------------------------------------------------


def test_natural_key_order() -> None:
    expected = [None, "方針1", "方針1-1", "方針1-2", "方針1-10", "方針2", "方針10"]
    for permutation in itertools.permutations(expected):
        assert sorted(permutation, key=natural_key) == expected


@pytest.mark.parametrize(
    "values",
    [
        ["1", "a", "a1", "1a", "", None],
        [None, None, "", ""],
        ["01", "1", "001", "a01", "a1"],
        ["x", "10", "9", "x9", "x10", "9x", None],
    ],
)
def test_natural_key_mixed_never_raises_and_is_deterministic(
    values: list[str | None],
) -> None:
    first = sorted(values, key=natural_key)
    for permutation in itertools.permutations(values):
        assert sorted(permutation, key=natural_key) == first


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        (None, ""),
        ("", "1"),
        ("1", "a"),
        ("1a", "a"),
        ("a", "a1"),
        ("9", "10"),
        ("a9", "a10"),
        ("01", "1"),
        ("方針1", "方針1-1"),
        ("方針1-10", "方針2"),
    ],
)
def test_natural_key_pairs(smaller: str | None, larger: str | None) -> None:
    assert natural_key(smaller) < natural_key(larger)


@pytest.mark.parametrize(("a", "b"), [("01", "1"), ("", None), ("a", "A")])
def test_natural_key_distinct_values_have_distinct_keys(
    a: str | None, b: str | None
) -> None:
    assert natural_key(a) != natural_key(b)


# --- parse_page ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5),
        ("５", 5),
        (" 5 ", 5),
        ("12", 12),
        ("05", 5),
        ("p.5", 5),
        ("p5", 5),
        ("P. 5", 5),
        ("P.５", 5),
        ("5頁", 5),
        ("5 頁", 5),
        ("5ページ", 5),
        ("５ﾍﾟｰｼﾞ", 5),
    ],
)
def test_parse_page_valid(value: str, expected: int) -> None:
    assert parse_page(value) == expected


@pytest.mark.parametrize(
    "value",
    ["0", "p.0", "-1", "abc", "5-6", "", "  ", "5.5", "p.", "頁", "p.5頁", "pp.5"],
)
def test_parse_page_invalid(value: str) -> None:
    assert parse_page(value) is None


# --- parse_date ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017", "2017"),
        ("2017-05", "2017-05"),
        ("2017-05-30", "2017-05-30"),
        ("２０１７-０５-３０", "2017-05-30"),
        ("２０１７－０５－３０", "2017-05-30"),
        (" 2017-05-30 ", "2017-05-30"),
        ("2016-02-29", "2016-02-29"),
        ("2017-12-31", "2017-12-31"),
    ],
)
def test_parse_date_valid(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2017-02-30",
        "2017-02-29",
        "2017-13",
        "2017-00",
        "2017-05-00",
        "2017-5-3",
        "2017-5",
        "2017-05-3",
        "17",
        "0000",
        "20170530",
        "2017/05/30",
        "2017-05-30T00:00",
        "abc",
        "",
        "2017 -05",
    ],
)
def test_parse_date_invalid(value: str) -> None:
    assert parse_date(value) is None


# --- safe_url --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.kantei.go.jp/jp/a.pdf", "https://www.kantei.go.jp/jp/a.pdf"),
        ("HTTP://Example.com/x", "HTTP://Example.com/x"),
        ("  https://a.example/b  ", "https://a.example/b"),
        ("https://a.example/p df", "https://a.example/pdf"),
        ("https://a.example/p\u200bdf", "https://a.example/pdf"),
        (f"https://a.example/{IDEOGRAPHIC_SPACE}x", "https://a.example/x"),
        ("http://a.example", "http://a.example"),
        ("https://user@a.example:8443/x?q=1#f", "https://user@a.example:8443/x?q=1#f"),
        ("https://[::1]/x", "https://[::1]/x"),
    ],
)
def test_safe_url_accepted(value: str, expected: str) -> None:
    assert safe_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "java\u200bscript:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html,x",
        "ftp://x",
        "//example.com",
        "https://",
        "https:///x",
        "https://?q",
        "https://:80",
        "https://user@",
        "https:example.com",
        "httpx://a.example",
        "mailto:a@b",
        "",
        "   ",
    ],
)
def test_safe_url_refused(value: str) -> None:
    assert safe_url(value) is None


# --- is_wide ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("あ", True),
        ("漢", True),
        ("、", True),
        ("。", True),
        ("Ａ", True),
        (IDEOGRAPHIC_SPACE, True),
        ("a", False),
        (" ", False),
        ("ｱ", False),
        ("é", False),
        ("", False),
        ("あい", False),
    ],
)
def test_is_wide(char: str, expected: bool) -> None:
    assert is_wide(char) is expected


# --- join_cjk_lines / plain_text -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "デジタル技術の徹底活用と、\nデジタル社会",
            "デジタル技術の徹底活用と、デジタル社会",
        ),
        ("明確にな ってい\nる。", "明確にな っている。"),
        ("あ \t\n \tい", "あい"),
        ("あ\r\nい", "あい"),
        ("あ\rい", "あい"),
        ("あ\nい\nう", "あいう"),
        ("API\nを", "API\nを"),
        ("と\nAPI", "と\nAPI"),
        ("あ\n\nい", "あ\n\nい"),
        (f"あ{IDEOGRAPHIC_SPACE}\nい", f"あ{IDEOGRAPHIC_SPACE}い"),
        (f"あ\n{IDEOGRAPHIC_SPACE}い", f"あ{IDEOGRAPHIC_SPACE}い"),
        (f"あ{IDEOGRAPHIC_SPACE}い", f"あ{IDEOGRAPHIC_SPACE}い"),
        ("\nあ", "\nあ"),
        ("あ\n", "あ\n"),
        ("", ""),
    ],
)
def test_join_cjk_lines(text: str, expected: str) -> None:
    assert join_cjk_lines(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "デジタル技術の徹底活用と、\nデジタル社会",
            "デジタル技術の徹底活用と、デジタル社会",
        ),
        ("  API\nを  ", "API を"),
        ("a \t\r\n\f\v b", "a b"),
        ("\n\nあ\nい\n\n", "あい"),
        ("あ\n\nい", "あ い"),
        (
            f"{IDEOGRAPHIC_SPACE}あ{IDEOGRAPHIC_SPACE}{IDEOGRAPHIC_SPACE}い{IDEOGRAPHIC_SPACE}",
            f"{IDEOGRAPHIC_SPACE}あ{IDEOGRAPHIC_SPACE}{IDEOGRAPHIC_SPACE}い{IDEOGRAPHIC_SPACE}",
        ),
        (f" {IDEOGRAPHIC_SPACE} ", IDEOGRAPHIC_SPACE),
        ("", ""),
    ],
)
def test_plain_text(text: str, expected: str) -> None:
    assert plain_text(text) == expected


# --- ascii_slug ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("notes", "notes"),
        ("Notes", "notes"),
        ("notes/policies", "notes-policies"),
        ("a  b__c", "a-b-c"),
        ("a--b", "a-b"),
        ("-a-", "a"),
        ("方針1-1", "1-1"),
        ("方針", ""),
        ("", ""),
        ("\u0130x", "x"),
        ("\u212a", ""),
        ("ＡＢ", ""),
    ],
)
def test_ascii_slug(value: str, expected: str) -> None:
    assert ascii_slug(value) == expected


# --- make_anchor -----------------------------------------------------------

ANCHOR_RE = re.compile(r"^[a-z][a-z0-9-]*$")


@pytest.mark.parametrize(
    ("prefix", "parts", "expected"),
    [
        ("pq", ("notes", "3"), "pq-notes-3"),
        (
            "pq",
            ("notes/policies", "3"),
            "pq-notes-policies-3-" + _hash8("notes/policies", "3"),
        ),
        ("pi", ("方針1-1",), "pi-1-1-" + _hash8("方針1-1")),
        ("pq", (), "pq"),
        ("pq", ("",), "pq-" + _hash8("")),
        ("pq", ("a-b",), "pq-a-b-" + _hash8("a-b")),
        ("pq", ("Notes",), "pq-notes-" + _hash8("Notes")),
    ],
)
def test_make_anchor(prefix: str, parts: tuple[str, ...], expected: str) -> None:
    assert make_anchor(prefix, *parts) == expected
    assert make_anchor(prefix, *parts) == expected  # deterministic


LOOKALIKES: list[tuple[str, ...]] = [
    ("a/b",),
    ("a-b",),
    ("a", "b"),
    ("a b",),
    ("A-b",),
    ("方針1-1",),
    ("背景1-1",),
    ("1-1",),
    ("1", "1"),
    ("11",),
    ("方針1", "1"),
    ("notes/policies", "3"),
    ("notes-policies", "3"),
    ("notes", "policies", "3"),
    ("notes", "policies-3"),
    ("a",),
    ("a", ""),
    ("", "a"),
    ("",),
    (),
]


def test_make_anchor_lookalikes_are_distinct() -> None:
    anchors = [make_anchor("pq", *parts) for parts in LOOKALIKES]
    assert len(set(anchors)) == len(anchors), anchors


@pytest.mark.parametrize("parts", LOOKALIKES)
def test_make_anchor_is_html_id_safe(parts: tuple[str, ...]) -> None:
    assert ANCHOR_RE.match(make_anchor("pq", *parts))
