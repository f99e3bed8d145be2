"""find_quote: exact, close (with diff), not_found; pages, labels, wording."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sphinx_policynotes.verify import (
    Match,
    SourceIndex,
    SourceText,
    available_backend,
    find_quote,
    prepare,
)
from sphinx_policynotes.verify.match import Backend

FIXTURE = Path(__file__).parent / "fixtures" / "verify" / "suisinhosin.txt"
BACKENDS: tuple[Backend, ...] = ("rapidfuzz", "difflib")

#: The seed post's quote of 方針２－１, mistyped (前提う for 前提とし).
SEED_TYPO = (
    "行政が保有するデータについては、オープンデータを前提う（オープンデータ・バイ・デザイン）"
)


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText.from_file(FIXTURE, page_offset=1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_seed_typo_is_close_with_the_source_wording_and_a_diff(
    source: SourceText, backend: Backend
) -> None:
    match = find_quote(source, SEED_TYPO, backend=backend)
    assert match.status == "close"
    assert 85 <= match.score < 100
    assert match.page == 6
    assert match.printed_page == "5"
    assert match.source_text is not None
    assert "前提とし（オープンデータ・\nバイ・デザイン）" in match.source_text
    assert [(op.kind, op.quote, op.source) for op in match.diff] == [("replace", "う", "とし")]
    assert "[-う][+とし]" in match.diff_text
    assert match.diff_text.startswith("タを前提")


def test_quote_across_a_page_break_and_its_footer_is_exact_on_the_first_page(
    source: SourceText,
) -> None:
    quote = "今後のデジタル化を阻む障壁も明確になっている。こうしたデジタル化と相反する制度の見直し"
    match = find_quote(source, quote)
    assert match.status == "exact"
    assert match.score == 100
    assert (match.page, match.end_page) == (3, 4)
    assert match.printed_page == "2"
    assert match.source_text is not None
    assert "- 2 -" in match.source_text and "\f" in match.source_text
    assert match.source_text.startswith("今後の")
    assert match.source_text.endswith("制度の見直し")


def test_kangxi_and_full_width_digits_in_the_quote_match_ascii_source(
    source: SourceText,
) -> None:
    quote = "ＩＴ総合戦略本部は２０１７年５月３０日に本⽅針を決定した。"
    match = find_quote(source, quote)
    assert match.status == "exact"
    assert match.page == 2
    assert match.source_text == "IT総合戦略本部は2017年5月30日に本方針を決定した。"


def test_kangxi_in_the_source_matches_the_plain_ideograph(source: SourceText) -> None:
    match = find_quote(source, "地方におけるITガバナンスの強化を支援する。")
    assert match.status == "exact"
    assert match.source_text == "地\n方におけるＩＴガバナンスの強化を⽀援する。"


def test_page_number_only_line_inside_the_span_is_ignored() -> None:
    source = SourceText.from_text(
        "官民データ活用のための\n        ５\n  インタフェースの整備が必要である。\n\f"
    )
    match = find_quote(source, "官民データ活用のためのインタフェースの整備が必要である。")
    assert match.status == "exact"
    assert match.source_text is not None and "５" in match.source_text


def test_whitespace_and_line_breaks_in_the_quote_do_not_matter(source: SourceText) -> None:
    quote = "デジタル技術の徹底活用と、官民協働を軸として、\n\nデジタル社会に対応した デジタル・ガバメントを目指す。"
    match = find_quote(source, quote)
    assert match.status == "exact"
    assert match.offset == source.pages[1].index("デジタル技術の徹底活用")


def test_page_labels_give_the_printed_page_and_physical_page_stays() -> None:
    text = SourceText.from_text("表紙\f目次\f第１章　はじめに\n本文の一行目である。\f")
    labelled = SourceText(text.pages, page_labels=("表紙", "i", "1"))
    match = find_quote(labelled, "本文の一行目である。")
    assert (match.page, match.printed_page) == (3, "1")
    offset = labelled.with_offset(2)
    assert find_quote(offset, "本文の一行目である。").printed_page == "1"
    assert find_quote(text, "本文の一行目である。").printed_page == "3"


def test_expected_page_chooses_between_identical_passages() -> None:
    source = SourceText.from_text("同じ文章がここにある。\f別の頁。\f同じ文章がここにある。\f")
    assert find_quote(source, "同じ文章がここにある。").page == 1
    assert find_quote(source, "同じ文章がここにある。", expected_page=3).page == 3
    assert find_quote(source, "同じ文章がここにある。", expected_page=2).page == 1


def test_a_wrong_expected_page_does_not_move_a_unique_match(source: SourceText) -> None:
    match = find_quote(
        source, "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。", 2
    )
    assert match.status == "exact"
    assert match.page == 5
    assert source.physical_page(match.printed_page or "") == 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_unrelated_text_is_not_found(source: SourceText, backend: Backend) -> None:
    match = find_quote(
        source,
        "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。",
        backend=backend,
    )
    assert match.status == "not_found"
    assert match.score < 85
    assert match.page is None and match.source_text is None and match.diff == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_threshold_decides_between_close_and_not_found(
    source: SourceText, backend: Backend
) -> None:
    close = find_quote(source, SEED_TYPO, backend=backend)
    strict = find_quote(source, SEED_TYPO, threshold=close.score + 0.5, backend=backend)
    assert strict.status == "not_found"
    assert strict.score == close.score


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_and_extra_words_show_in_the_diff(source: SourceText, backend: Backend) -> None:
    missing = find_quote(
        source,
        "政府ＣＩＯを中心とした戦略的な体制と、各府省における体制の双方を強化する。",
        backend=backend,
    )
    assert missing.status == "close"
    assert [(op.kind, op.quote, op.source) for op in missing.diff] == [("insert", "", "内")]
    extra = find_quote(
        source,
        "デジタルを前提としてサービス全体を一から構築することが重要となる。",
        backend=backend,
    )
    assert extra.status == "close"
    assert [(op.kind, op.quote, op.source) for op in extra.diff] == [("delete", "一から", "")]
    assert extra.page == 4


@pytest.mark.parametrize("backend", BACKENDS)
def test_close_match_across_a_page_break(source: SourceText, backend: Backend) -> None:
    quote = "今後のデジタル化を阻む障壁も明確になっている。こうしたデジタル化と相反する制度の見直しまで踏み込んで"
    match = find_quote(source, quote, backend=backend)
    assert match.status == "close"
    assert (match.page, match.end_page) == (3, 4)
    assert [op.source for op in match.diff] == ["に"]


def test_elided_quote_matches_its_pieces_in_order(source: SourceText) -> None:
    match = find_quote(source, "電子行政に関する全てのレイヤーを変革していくこと、…分水嶺である。")
    assert match.status == "exact"
    assert (match.page, match.end_page) == (3, 4)
    reversed_pieces = find_quote(
        source, "分水嶺である。（中略）電子行政に関する全てのレイヤーを変革していくこと"
    )
    assert reversed_pieces.status != "exact"


def test_empty_and_very_short_quotes() -> None:
    source = SourceText.from_text("行政サービス\f")
    assert find_quote(source, " \n").status == "not_found"
    assert find_quote(source, "行政").status == "exact"
    assert find_quote(source, "立法").status == "not_found"


def test_prepare_is_cached_and_source_index_is_accepted(source: SourceText) -> None:
    assert prepare(source) is prepare(source)
    index = SourceIndex(source)
    assert find_quote(index, SEED_TYPO).status == "close"


def test_default_backend_is_rapidfuzz_when_installed() -> None:
    assert available_backend() == "rapidfuzz"


def test_match_to_dict_is_json_ready(source: SourceText) -> None:
    data = find_quote(source, SEED_TYPO).to_dict()
    assert data["verified"] == "close"
    assert isinstance(data["match_score"], float)
    assert data["page"] == 6 and data["printed_page"] == "5"
    assert "[-う][+とし]" in data["diff"]
    assert Match("not_found", 0.0).to_dict()["diff"] is None


def test_results_pickle_for_the_sphinx_environment(source: SourceText) -> None:
    match = find_quote(source, SEED_TYPO)
    again = pickle.loads(pickle.dumps(match))
    assert again == match
    assert again.diff_text == match.diff_text
    assert pickle.loads(pickle.dumps(source)) == source
