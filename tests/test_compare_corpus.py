"""The 新旧対照表 of a real revision: one chapter of a party manifesto, two versions.

``../shared/corpus/team-mirai/`` (CC BY 4.0) holds the education chapter as
of 2025-05-15 and 2025-06-25; the text is never copied here.  Read side by
side, the revision

* rewrote the chapter's 「ビジョン」 (under ``# １．教育``) and the note above it;
* kept １） and ４） in place, retitled and rewritten (４） grew from two
  bullet points to a whole section, both old points kept word for word);
* swapped ２） and ３）: the old ２） 「子どものAIリテラシー…」 is now ３）, the
  old ３） 「AI＆ITによる教員の働き方改革」 now ２） 「デジタルによる…」, both
  retitled and rewritten;
* added ５） 「社会教育施設のデジタルトランスフォーメーション」 and ６）
  「アルゴリズムを活用し、子どもの進学機会を保障します」;
* deleted nothing.
"""

from __future__ import annotations

from util import shared_file

from sphinx_policynotes.compare import Comparison, compare_texts

FOLDER = ("corpus", "team-mirai")
OLD = "11_ステップ１教育.2025-05-15.md"
NEW = "11_ステップ１教育.2025-06-25.md"


def table() -> Comparison:
    old = shared_file(*FOLDER, OLD).read_text(encoding="utf-8")
    new = shared_file(*FOLDER, NEW).read_text(encoding="utf-8")
    return compare_texts(old, new, "ja-outline", "ja-outline")


def test_the_revision_reads_as_a_reader_of_it_sees_it() -> None:
    rows = [(r.old and r.old.key, r.new and r.new.key, r.remark.ja, r.title_changed)
            for r in table().rows]
    assert rows == [
        (None, None, "変更", False),  # the note above the chapter: a link added
        ("num_1", "num_1", "変更", False),  # １．教育: the vision rewritten
        ("num_1__rparen_1", "num_1__rparen_1", "変更", True),
        ("num_1__rparen_3", "num_1__rparen_2", "番号変更・変更", True),
        ("num_1__rparen_2", "num_1__rparen_3", "番号変更・変更", True),
        ("num_1__rparen_4", "num_1__rparen_4", "変更", True),
        (None, "num_1__rparen_5", "追加", False),
        (None, "num_1__rparen_6", "追加", False),
    ]


def test_the_swapped_items_keep_their_labels_and_their_words() -> None:
    by_old = table().by_old_key()
    work = by_old["num_1__rparen_3"]
    assert work.old is not None and work.new is not None
    assert (work.old.label, work.new.label) == ("３）", "２）")
    assert work.old.title.startswith("AI＆ITによる教員の働き方改革")
    assert work.new.title.startswith("デジタルによる教員の働き方改革")
    marked = {(run.op, run.text) for run in work.title_runs}
    assert ("delete", "AI＆IT") in marked and ("insert", "デジタル") in marked
    literacy = by_old["num_1__rparen_2"]
    assert literacy.new is not None and literacy.new.label == "３）"
    assert literacy.similarity is not None and literacy.similarity >= 0.5


def test_the_kept_bullet_points_are_equal_runs() -> None:
    support = table().by_old_key()["num_1__rparen_4"]
    equal = "".join(run.text for run in support.text_runs if run.op == "equal")
    assert "関連する制度や支援策をワンストップで紹介し" in equal
    assert "あらかじめ問題を検知し" in equal
    assert any(run.op == "insert" and "多機関連携型のデータプラットフォーム" in run.text
               for run in support.text_runs)


def test_the_export_rows() -> None:
    rows = table().to_json()["rows"]
    assert [row["change"] for row in rows] == [
        "changed", "changed", "changed", "renumbered", "renumbered", "changed", "added", "added"]
    assert rows[3]["text_changed"] is True
    assert rows[3]["old"] == {"key": "num_1__rparen_3", "label": "３）"}
    assert rows[3]["new"] == {"key": "num_1__rparen_2", "label": "２）"}
    assert rows[6] == {"change": "added", "text_changed": False, "old": None,
                       "new": {"key": "num_1__rparen_5", "label": "５）"}, "similarity": None}
