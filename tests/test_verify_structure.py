"""find_structure: chapters and policy markers of a source, in document order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_policynotes.verify import Heading, SourceText, find_structure, policy_kind

FIXTURE = Path(__file__).parent / "fixtures" / "verify" / "suisinhosin.txt"


@pytest.fixture(scope="module")
def structure() -> list[Heading]:
    return find_structure(SourceText.from_file(FIXTURE))


def test_chapters_one_to_five_in_order_with_pages_and_titles(structure: list[Heading]) -> None:
    chapters = [h for h in structure if h.kind == "chapter"]
    assert [(h.key, h.chapter, h.page) for h in chapters] == [
        ("1", 1, 2),
        ("2", 2, 3),
        ("3", 3, 4),
        ("4", 4, 5),
        ("5", 5, 8),
    ]
    assert chapters[0].label == "第１章"
    assert chapters[0].title == "はじめに"
    assert chapters[3].title == "デジタル・ガバメント推進方針"


def test_policies_are_normalised_and_attached_to_their_chapter(structure: list[Heading]) -> None:
    policies = [(h.chapter, h.key) for h in structure if h.kind == "policy"]
    assert policies == [
        (2, "背景1"),
        (2, "背景2"),
        (3, "(1)"),
        (3, "(2)"),
        (4, "方針1"),
        (4, "方針1-1"),
        (4, "方針1-2"),
        (4, "方針2"),
        (4, "方針2-1"),
        (4, "方針2-2"),
        (4, "方針2-3"),
        (4, "方針3"),
        (4, "方針3-1"),
        (4, "方針3-2"),
    ]


def test_headings_keep_the_source_label_title_page_and_offset(structure: list[Heading]) -> None:
    source = SourceText.from_file(FIXTURE)
    heading = next(h for h in structure if h.key == "方針2-1")
    assert heading.label == "【方針２－１】"
    assert heading.title == "データ流通を促進する環境の整備"
    assert heading.page == 6
    assert source.pages[heading.page - 1][heading.offset :].startswith("【方針２－１】")
    assert heading.policy_kind == "方針"


def test_table_of_contents_and_references_in_running_text_are_not_headings(
    structure: list[Heading],
) -> None:
    assert all(h.page > 1 for h in structure)  # page 1 holds the 目次 with leaders
    assert sum(1 for h in structure if h.key == "3" and h.kind == "chapter") == 1


def test_chapter_label_must_be_followed_by_a_space_or_line_end() -> None:
    text = SourceText.from_text("第３章で述べたとおり、\n第三章\nはじめに\n第十二章：結び\n")
    headings = find_structure(text)
    assert [(h.key, h.title) for h in headings] == [("3", ""), ("12", "結び")]


def test_kanji_and_digit_chapters_full_width_and_ascii() -> None:
    text = SourceText.from_text(
        "第一章 総論\n【方針1】甲\n第2章 各論\n【方針2-1】乙\n（3）丙\n(4) 丁\n"
    )
    headings = find_structure(text)
    assert [(h.kind, h.key, h.chapter) for h in headings] == [
        ("chapter", "1", 1),
        ("policy", "方針1", 1),
        ("chapter", "2", 2),
        ("policy", "方針2-1", 2),
        ("policy", "(3)", 2),
        ("policy", "(4)", 2),
    ]


def test_markers_before_any_chapter_have_no_chapter_and_kangxi_is_folded() -> None:
    text = SourceText.from_text("【\u2f45針１】前文の方針\n第１章 本文\n")
    headings = find_structure(text)
    assert (headings[0].key, headings[0].chapter, headings[0].label) == (
        "方針1",
        None,
        "【方針１】",
    )


def test_markers_in_running_text_are_not_headings() -> None:
    text = SourceText.from_text("この点は【方針１】で述べた（１）の取組による。\n")
    assert find_structure(text) == []


def test_custom_patterns_with_named_groups() -> None:
    text = SourceText.from_text(
        "1．総論\n施策１　電子申請\n施策２　窓口改革\n2．各論\n施策３　基盤\n"
    )
    patterns = [
        r"^(?P<chapter>[0-9])．(?P<title>.*)",
        r"^(?P<policy>施策[0-9０-９]+)\u3000(?P<title>.*)",
    ]
    headings = find_structure(text, patterns)
    assert [(h.kind, h.key, h.chapter, h.title) for h in headings] == [
        ("chapter", "1", 1, "総論"),
        ("policy", "施策1", 1, "電子申請"),
        ("policy", "施策2", 1, "窓口改革"),
        ("chapter", "2", 2, "各論"),
        ("policy", "施策3", 2, "基盤"),
    ]
    compiled = re.compile(r"^(?P<policy>施策\d+)", re.MULTILINE)
    assert [h.key for h in find_structure(text, [compiled])] == ["施策1", "施策2", "施策3"]


def test_a_chapter_label_parse_chapter_cannot_read_is_ignored() -> None:
    text = SourceText.from_text("Ⅰ．総論\n施策１　電子申請\n")
    patterns = [r"^(?P<chapter>[ⅠⅡ])．", r"^(?P<policy>施策[0-9０-９]+)"]
    headings = find_structure(text, patterns)
    assert [(h.kind, h.key, h.chapter) for h in headings] == [("policy", "施策1", None)]


def test_a_pattern_needs_exactly_one_key_group() -> None:
    text = SourceText.from_text("x\n")
    with pytest.raises(ValueError, match="exactly one named group"):
        find_structure(text, [r"(?P<chapter>a)(?P<policy>b)"])


def test_policy_kind_of_keys() -> None:
    assert policy_kind("方針1-1") == "方針"
    assert policy_kind("背景2") == "背景"
    assert policy_kind("(1)") == "(N)"
