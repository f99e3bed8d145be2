"""The comparison core of 新旧対照表 (issue 24): parts, alignment, classes, runs.

Pure functions, no Sphinx: texts in, rows out.  The real manifesto pair is in
``test_compare_corpus.py``.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import examples

from sphinx_policynotes.compare import (
    PREAMBLE_KEY,
    REMARKS,
    Budget,
    Comparison,
    Profile,
    Row,
    Run,
    compare_passages,
    compare_texts,
    diff_runs,
    format_runs,
    new_text,
    old_text,
    similarity,
    split_parts,
    tokenize,
)
from sphinx_policynotes.numbering import builtin_schemes, int_to_kanji

OUTLINE = builtin_schemes()["ja-outline"]
LAW = builtin_schemes()["ja-law"]

#: Distinct article bodies: no two share much wording, as in a real law.
BODIES = [
    "この法律は、行政手続のデジタル化を推進し、国民の利便性を向上させることを目的とする。",
    "国は、前条の目的を達成するため、必要な施策を総合的に策定し、実施する責務を有する。",
    "地方公共団体は、地域の実情に応じた施策を講ずるよう努めなければならない。",
    "事業者は、その事業活動に関し、情報システムの安全性の確保に協力するものとする。",
    "政府は、毎年、国会に対し、施策の実施状況に関する報告書を提出しなければならない。",
    "内閣総理大臣は、基本計画の案を作成し、閣議の決定を求めなければならない。",
    "何人も、正当な理由なく、他人の識別符号を第三者に提供してはならない。",
    "この章に定めるもののほか、手数料の額その他必要な事項は、政令で定める。",
    "委員会は、委員長及び委員八人をもって組織し、委員は非常勤とする。",
    "第二十条の規定に違反した者は、一年以下の懲役又は五十万円以下の罰金に処する。",
    "主務大臣は、この法律の施行に必要な限度において、報告を求めることができる。",
    "前各項に定めるもののほか、審査の手続に関し必要な事項は、規則で定める。",
]
NEW_ARTICLE = "国及び地方公共団体は、教育の情報化に関する人材の育成に努めるものとする。"


def law(bodies: list[str], first: int = 1) -> str:
    """A law text: one chapter heading, then one article per body."""
    lines = ["第一章　総則"]
    lines += [f"第{int_to_kanji(n)}条　{body}" for n, body in enumerate(bodies, start=first)]
    return "\n".join(lines) + "\n"


def row_of(table: Comparison, *, old: str | None = None, new: str | None = None) -> Row:
    found = [row for row in table.rows
             if (old is None or (row.old is not None and row.old.key == old))
             and (new is None or (row.new is not None and row.new.key == new))]
    assert len(found) == 1, (old, new, [r.to_json() for r in table.rows])
    return found[0]


# -- parts -----------------------------------------------------------------------

PLAN = """\
前書きの一文。

# １．教育

## ビジョン

教育を変える。

## １）すべての子どもに届けます

### 現状認識・課題分析

現状の説明。

  ### 政策概要

政策の説明。

## ２）：働き方改革を進める

本文二。
"""


def test_headings_start_parts_and_unnumbered_headings_stay_inside() -> None:
    parts = split_parts(PLAN, OUTLINE)
    assert [p.key for p in parts] == [PREAMBLE_KEY, "num_1", "num_1__rparen_1",
                                      "num_1__rparen_2"]
    preamble, chapter, first, second = parts
    assert preamble.text == "前書きの一文。" and preamble.line == 1
    assert chapter.label == "１．" and chapter.title == "教育" and chapter.line == 3
    assert "## ビジョン" in chapter.text and "教育を変える。" in chapter.text
    assert first.title == "すべての子どもに届けます"
    assert "### 現状認識・課題分析" in first.text and "政策の説明。" in first.text
    assert first.path_label == "１． › １）"
    assert second.label == "２）" and second.title == "働き方改革を進める"  # "：" stripped
    assert second.line == 19 and second.text == "本文二。"


def test_every_line_is_in_one_part() -> None:
    """A line starts a part (its number and title) or is in exactly one part's body."""
    parts = split_parts(PLAN, OUTLINE)
    for number, line in enumerate(PLAN.splitlines(), start=1):
        if line.strip():
            owners = [p for p in parts
                      if p.line == number or line.rstrip() in p.text.splitlines()]
            assert len(owners) == 1, line


@pytest.mark.parametrize("line", ["アイデアを募集する。", "第一に、考える。", "IT化を進める。"])
def test_a_word_that_starts_like_a_number_starts_no_part(line: str) -> None:
    parts = split_parts(f"１．見出し\n{line}\nア　項目\n", OUTLINE)
    assert [p.key for p in parts] == ["num_1", "num_1__kana_1"]  # ア is kana 1
    assert parts[0].text == line


def test_numbered_lines_can_be_turned_off() -> None:
    text = "# １．見出し\n1. 箇条書き\n2. 箇条書き\n"
    assert [p.key for p in split_parts(text, OUTLINE)] == ["num_1", "num_1", "num_2"]
    assert [p.key for p in split_parts(text, OUTLINE, numbered_lines=False)] == ["num_1"]


def test_a_number_the_scheme_cannot_place_is_body_text() -> None:
    eu = builtin_schemes()["eu"]
    parts = split_parts("Recital 1\n(a) not a point here\nArticle 2\n(a) a point\n", eu)
    assert [p.key for p in parts] == ["rec_1", "art_2", "art_2__point_a"]
    assert parts[0].text == "(a) not a point here"


def test_law_articles_nest_under_their_chapter() -> None:
    parts = split_parts("第一章　総則\n第一条　目的。\n第一条の二　定義。\n附則\n第一条　施行。\n", LAW)
    assert [p.key for p in parts] == ["chp_1", "chp_1__art_1", "chp_1__art_1-2", "suppl",
                                      "suppl__art_1"]
    assert parts[2].label == "第一条の二" and parts[2].title == "定義。"


# -- classes of rows ---------------------------------------------------------------


def test_identical_texts_are_all_unchanged() -> None:
    table = compare_texts(PLAN, PLAN, OUTLINE, OUTLINE)
    assert [row.change for row in table.rows] == ["unchanged"] * 4
    assert all(row.similarity == 1.0 and not row.text_changed for row in table.rows)
    assert all(all(run.op == "equal" for run in row.text_runs) for row in table.rows)
    assert table.counts()["unchanged"] == 4


def test_an_empty_old_text_makes_everything_added() -> None:
    table = compare_texts("", PLAN, OUTLINE, OUTLINE)
    assert [row.change for row in table.rows] == ["added"] * 4
    assert all(row.old is None and row.similarity is None for row in table.rows)
    assert table.rows[2].text_runs == (Run("insert", table.rows[2].new.text),)  # type: ignore[union-attr]
    assert [r.remark.ja for r in table.rows] == ["追加"] * 4


def test_an_article_inserted_in_the_middle_renumbers_the_later_ones() -> None:
    """A new 第七条: old 第七条 … 第十二条 become 第八条 … 第十三条, unchanged in text."""
    old = law(BODIES)
    new = law([*BODIES[:6], NEW_ARTICLE, *BODIES[6:]])
    table = compare_texts(old, new, LAW, LAW)
    added = row_of(table, new="chp_1__art_7")
    assert added.change == "added" and added.old is None
    for n in range(7, 13):
        row = row_of(table, old=f"chp_1__art_{n}")
        assert row.new is not None and row.new.key == f"chp_1__art_{n + 1}"
        assert (row.change, row.text_changed, row.moved) == ("renumbered", False, False)
        assert row.remark.ja == "番号変更"
        assert row.old is not None and row.old.label == f"第{int_to_kanji(n)}条"
    for n in range(1, 7):
        assert row_of(table, old=f"chp_1__art_{n}").change == "unchanged"
    assert [row.new.key for row in table.rows if row.new] == [  # new order
        p.key for p in split_parts(new, LAW)]


def test_a_renumbered_article_that_also_changed_is_both() -> None:
    edited = BODIES[9].replace("一年以下", "二年以下")
    old = law(BODIES)
    new = law([*BODIES[:6], NEW_ARTICLE, *BODIES[6:9], edited, *BODIES[10:]])
    row = row_of(table := compare_texts(old, new, LAW, LAW), old="chp_1__art_10")
    assert row.new is not None and row.new.key == "chp_1__art_11"
    assert (row.change, row.text_changed) == ("renumbered", True)
    assert row.remark.id == "renumbered_changed" and row.remark.ja == "番号変更・変更"
    assert row.similarity is not None and 0.35 <= row.similarity < 1.0
    assert format_runs(row.title_runs).count("[-一-][+二+]") == 1
    assert table.to_json()["rows"][table.rows.index(row)] == {
        "change": "renumbered", "text_changed": True,
        "new": {"key": "chp_1__art_11", "label": "第十一条"},
        "old": {"key": "chp_1__art_10", "label": "第十条"},
        "similarity": round(row.similarity, 4)}


def test_a_deleted_article_renumbers_the_later_ones_back() -> None:
    table = compare_texts(law(BODIES), law(BODIES[:3] + BODIES[4:]), LAW, LAW)
    gone = row_of(table, old="chp_1__art_4")
    assert gone.change == "deleted" and gone.new is None and gone.remark.ja == "削除"
    assert row_of(table, old="chp_1__art_5").new.key == "chp_1__art_4"  # type: ignore[union-attr]
    keys = [(r.old.key if r.old else None) for r in table.rows]
    assert keys.index("chp_1__art_4") == keys.index("chp_1__art_3") + 1  # after its predecessor


def test_a_moved_part_is_found_and_marked() -> None:
    dotted = builtin_schemes()["dotted"]
    sections = BODIES[:6]
    old = "\n".join(f"{n} 見出し\n{body}" for n, body in enumerate(sections, start=1))
    moved = [*sections[1:], sections[0]]
    new = "\n".join(f"{n} 見出し\n{body}" for n, body in enumerate(moved, start=1))
    table = compare_texts(old, new, dotted, dotted)
    row = row_of(table, old="sec_1")
    assert row.new is not None and row.new.key == "sec_6"
    assert (row.change, row.text_changed, row.moved) == ("renumbered", False, True)
    others = [r for r in table.rows if r is not row]
    assert all(r.change == "renumbered" and not r.moved for r in others)


def test_a_low_similarity_pair_is_deleted_and_added_not_changed() -> None:
    old = law(BODIES[:3])
    new = law([*BODIES[:2], BODIES[7]])  # 第三条 keeps its number, not its subject
    table = compare_texts(old, new, LAW, LAW)
    assert [(r.change, r.old and r.old.key, r.new and r.new.key) for r in table.rows[-2:]] == [
        ("deleted", "chp_1__art_3", None), ("added", None, "chp_1__art_3")]
    loose = compare_texts(old, new, LAW, LAW, threshold=0.0)
    assert row_of(loose, old="chp_1__art_3").change == "changed"


def test_a_shifted_article_goes_to_its_text_not_to_its_old_number() -> None:
    """Two articles swapped and edited: each aligns with its text, renumbered."""
    a, b = BODIES[2], BODIES[3]
    old = law([BODIES[0], a, b])
    new = law([BODIES[0], b.replace("協力する", "協力しなければならない"), a + "また、報告する。"])
    table = compare_texts(old, new, LAW, LAW)
    assert row_of(table, old="chp_1__art_2").new.key == "chp_1__art_3"  # type: ignore[union-attr]
    assert row_of(table, old="chp_1__art_3").new.key == "chp_1__art_2"  # type: ignore[union-attr]
    assert {r.remark.id for r in table.rows[-2:]} == {"renumbered_changed"}


def test_latin_text_is_diffed_by_words() -> None:
    eu = builtin_schemes()["eu"]
    old = ("Article 1 Subject matter\nThis Regulation lays down rules.\n"
           "Article 2 Obligations\nMember States shall adopt the measures necessary.\n")
    new = old.replace("shall adopt the", "may adopt such")
    row = row_of(compare_texts(old, new, eu, eu), new="art_2")
    assert row.change == "changed" and row.remark.ja == "変更" and not row.title_changed
    assert row.text_runs == (Run("equal", "Member States "), Run("delete", "shall"),
                             Run("insert", "may"), Run("equal", " adopt "),
                             Run("delete", "the"), Run("insert", "such"),
                             Run("equal", " measures necessary."))
    assert format_runs(row.text_runs) == (
        "Member States [-shall-][+may+] adopt [-the-][+such+] measures necessary.")


def test_a_retitled_part_says_so() -> None:
    old = "## １）すべての子どもに家庭教師を届けます\n本文。\n"
    new = "## １）子ども一人ひとりにアシスタントを届けます\n本文。\n"
    row = compare_texts(old, new, OUTLINE, OUTLINE).rows[0]
    assert (row.change, row.text_changed, row.title_changed) == ("changed", True, True)
    assert new_text(row.title_runs) == "子ども一人ひとりにアシスタントを届けます"
    assert old_text(row.title_runs) == "すべての子どもに家庭教師を届けます"


def test_width_and_whitespace_alone_change_nothing() -> None:
    old = "第一条　番号は１２３とする。\n"
    new = "第一条　番号は123とする。  \n"
    assert compare_texts(old, new, LAW, LAW).rows[0].change == "unchanged"


# -- runs, similarity, passages, results ---------------------------------------------


def test_tokens_are_cjk_characters_and_latin_words() -> None:
    assert tokenize("AIリテラシーをgrow up") == ["AI", "リ", "テ", "ラ", "シ", "ー", "を",
                                                 "grow", " ", "up"]
    assert tokenize("２０２５年 data-driven") == ["２", "０", "２", "５", "年", " ", "data",
                                                  "-", "driven"]


def test_runs_read_both_ways_and_fold_chaff() -> None:
    old, new = "現状は様々な支援策が散らばっている。", "現状、支援を必要とする家庭へのアプローチは縦割りです。"
    runs = diff_runs(old, new)
    assert old_text(runs) == old and new_text(runs) == new
    assert len(runs) <= 5  # not a sprinkle of shared particles


def test_a_spent_budget_reports_blocks_whole() -> None:
    runs = diff_runs("甲は乙に払う。", "甲は丙に払う。", budget=Budget(total=1))
    assert runs == (Run("delete", "甲は乙に払う。"), Run("insert", "甲は丙に払う。"))


def test_similarity_keeps_an_expanded_part_and_a_short_edit() -> None:
    short = Profile.of(BODIES[1])
    grown = Profile.of(BODIES[1] + BODIES[4] + BODIES[5] + BODIES[6])
    assert similarity(short, grown) >= 0.9  # all of it kept, three times longer
    assert similarity(Profile.of("甲は乙に払う。"), Profile.of("甲は丙に払う。")) >= 0.8
    assert similarity(Profile.of(BODIES[0]), Profile.of(BODIES[8])) < 0.35


def test_passages_are_compared_when_there_is_no_text() -> None:
    table = compare_passages([("方針1", "【方針１】", BODIES[0]), ("方針2", "【方針２】", BODIES[1])],
                             [("方針1", "【方針１】", BODIES[1]), ("方針3", "【方針３】", BODIES[5])])
    assert table.basis == "passages"
    assert [(r.change, r.old and r.old.key, r.new and r.new.key) for r in table.rows] == [
        ("deleted", "方針1", None), ("renumbered", "方針2", "方針1"), ("added", None, "方針3")]


def test_the_result_pickles_and_exports() -> None:
    table = compare_texts(law(BODIES[:4]), law([NEW_ARTICLE, *BODIES[:4]]), LAW, LAW)
    again = pickle.loads(pickle.dumps(table))
    assert again == table
    rows = table.to_json()["rows"]
    assert rows[1] == {"change": "added", "text_changed": False,
                       "new": {"key": "chp_1__art_1", "label": "第一条"}, "old": None,
                       "similarity": None}
    assert set(table.by_old_key()) == {"chp_1", *(f"chp_1__art_{n}" for n in range(1, 5))}
    assert table.by_old_key()["chp_1__art_1"].new.key == "chp_1__art_2"  # type: ignore[union-attr]


def test_remarks_have_both_labels() -> None:
    assert [(r.id, r.ja) for r in REMARKS.values()] == [
        ("added", "追加"), ("deleted", "削除"), ("changed", "変更"), ("renumbered", "番号変更"),
        ("renumbered_changed", "番号変更・変更"), ("unchanged", "変更なし")]
    assert all(r.en for r in REMARKS.values())


# -- properties ------------------------------------------------------------------

_body = st.lists(st.sampled_from([*BODIES, NEW_ARTICLE, "短い。", "削除"]), min_size=0,
                 max_size=12)


@given(_body)
def test_a_text_compared_with_itself_is_unchanged(bodies: list[str]) -> None:
    text = law(bodies)
    table = compare_texts(text, text, LAW, LAW)
    assert {row.change for row in table.rows} == {"unchanged"}


@settings(max_examples=examples(40, 400))
@given(_body, _body, st.floats(min_value=0.0, max_value=1.0))
def test_every_part_is_in_exactly_one_row(old: list[str], new: list[str],
                                          threshold: float) -> None:
    old_text_, new_text_ = law(old), law(new, first=3)
    table = compare_texts(old_text_, new_text_, LAW, LAW, threshold=threshold)
    olds = [row.old.index for row in table.rows if row.old is not None]
    news = [row.new.index for row in table.rows if row.new is not None]
    assert sorted(olds) == list(range(len(split_parts(old_text_, LAW))))
    assert news == list(range(len(split_parts(new_text_, LAW))))  # in new order
    for row in table.rows:
        assert (row.similarity is None) == (row.change in ("added", "deleted"))
        if row.old is not None and row.new is not None:
            assert new_text(row.text_runs) == row.new.text
            assert row.similarity is not None and row.similarity >= threshold

