"""coverage: quoted / commented / untouched policies, totals, summary, JSON form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_policynotes.verify import Coverage, Heading, SourceText, coverage, find_structure

FIXTURE = Path(__file__).parent / "fixtures" / "verify" / "suisinhosin.txt"


@pytest.fixture(scope="module")
def structure() -> list[Heading]:
    return find_structure(SourceText.from_file(FIXTURE))


@pytest.fixture(scope="module")
def result(structure: list[Heading]) -> Coverage:
    quoted = {
        (4, "方針1"),
        (4, "方針1-1"),
        (4, "方針2-1"),
        (None, "方針3-2"),  # no chapter: the only 方針3-2 of the source
        (2, "背景2"),
        (1, None),  # a quote of chapter 1 without a policy
        (4, "方針9-9"),  # not in the source
    }
    commented = {(4, "方針1-1"), (4, "方針2-1")}
    return coverage(structure, quoted, commented)


def _statuses(result: Coverage) -> dict[tuple[int | None, str], str]:
    return {
        (chapter.chapter, policy.policy): policy.status
        for chapter in result.chapters
        for policy in chapter.policies
    }


def test_each_policy_gets_its_status(result: Coverage) -> None:
    statuses = _statuses(result)
    assert statuses[(4, "方針1-1")] == "commented"
    assert statuses[(4, "方針2-1")] == "commented"
    assert statuses[(4, "方針1")] == "quoted"
    assert statuses[(4, "方針3-2")] == "quoted"
    assert statuses[(2, "背景2")] == "quoted"
    assert statuses[(2, "背景1")] == "untouched"
    assert statuses[(4, "方針2-3")] == "untouched"
    assert statuses[(3, "(1)")] == "untouched"
    assert len(statuses) == 14


def test_chapters_in_order_with_quoted_flag(result: Coverage) -> None:
    assert [(c.chapter, c.quoted) for c in result.chapters] == [
        (1, True),
        (2, True),
        (3, False),
        (4, True),
        (5, False),
    ]
    assert result.chapters[0].policies == ()
    assert result.chapters[3].title == "デジタル・ガバメント推進方針"


def test_totals_and_summary_count_by_kind_prefix_first(result: Coverage) -> None:
    totals = {t.kind: (t.total, t.quoted, t.commented, t.untouched) for t in result.totals}
    assert totals == {"方針": (10, 4, 2, 6), "背景": (2, 1, 0, 1), "(N)": (2, 0, 0, 2)}
    assert result.totals[0].kind == "方針"
    assert result.summary == (
        "方針: 4/10 quoted, 2/10 commented; 背景: 1/2 quoted, 0/2 commented; "
        "(N): 0/2 quoted, 0/2 commented"
    )


def test_keys_not_in_the_source_are_unmatched(result: Coverage) -> None:
    assert result.unmatched == ((4, "方針9-9"),)


def test_ambiguous_chapterless_key_is_unmatched() -> None:
    text = SourceText.from_text("第１章 a\n（１）x\n第２章 b\n（１）y\n")
    result = coverage(find_structure(text), {(None, "(1)"), (2, "(1)")})
    assert result.unmatched == ((None, "(1)"),)
    assert _statuses(result) == {(1, "(1)"): "untouched", (2, "(1)"): "quoted"}


def test_commented_counts_as_quoted_and_repeated_markers_count_once() -> None:
    text = SourceText.from_text(
        "第１章 a\n【方針１】x\n\f第１章 a\n【方針１】x again\n【方針２】y\n"
    )
    result = coverage(find_structure(text), set(), {(1, "方針1")})
    assert [(p.policy, p.status, p.page) for p in result.chapters[0].policies] == [
        ("方針1", "commented", 1),
        ("方針2", "untouched", 2),
    ]
    assert len(result.chapters) == 1
    assert result.summary == "方針: 1/2 quoted, 1/2 commented"


def test_markers_before_the_first_chapter_get_a_leading_group() -> None:
    text = SourceText.from_text("【背景１】前文\n第１章 本文\n【方針１】x\n")
    result = coverage(find_structure(text), {(None, "背景1")})
    assert [c.chapter for c in result.chapters] == [None, 1]
    assert result.chapters[0].policies[0].status == "quoted"
    assert result.totals[0].kind == "方針"


def test_prefix_decides_which_kind_is_listed_first(structure: list[Heading]) -> None:
    result = coverage(structure, set(), prefix="背景")
    assert [t.kind for t in result.totals] == ["背景", "(N)", "方針"]


def test_no_structure_gives_an_empty_summary() -> None:
    result = coverage([], {(1, "方針1")})
    assert result.summary == ""
    assert result.chapters == ()
    assert result.unmatched == ((1, "方針1"),)


def test_json_form_has_the_documented_keys(result: Coverage) -> None:
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert set(data) == {"summary", "totals", "chapters", "unmatched"}
    assert data["totals"][0] == {
        "kind": "方針",
        "total": 10,
        "quoted": 4,
        "commented": 2,
        "untouched": 6,
    }
    chapter4 = data["chapters"][3]
    assert set(chapter4) == {"chapter", "label", "title", "page", "quoted", "policies"}
    assert (chapter4["chapter"], chapter4["label"], chapter4["page"]) == (4, "第４章", 5)
    assert chapter4["policies"][1] == {
        "policy": "方針1-1",
        "kind": "方針",
        "label": "【方針１－１】",
        "title": "サービスデザイン思考に基づく業務改革（ＢＰＲ）の推進",
        "page": 5,
        "status": "commented",
    }
    assert data["unmatched"] == [{"chapter": 4, "policy": "方針9-9"}]
