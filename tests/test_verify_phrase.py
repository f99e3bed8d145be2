"""The search phrase of a quote's page link (``#page=N&search=PHRASE``) and the
Text Fragment of its link to a web page (``#:~:text=START,END``)."""

from __future__ import annotations

import urllib.parse

from sphinx_policynotes.verify.phrase import (
    LONGEST,
    LONGEST_SENTENCE,
    first_words,
    search_phrase,
    text_fragment,
)

PAGE = """第４章 方針
【方針１－１】 先行的にサービスデザイン思考による
業務改革（ＢＰＲ）を実施する。
１
"""


def test_the_longest_line_of_the_page_inside_the_quote() -> None:
    quote = "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。"
    # "【方針１－１】 …" is not inside the quote (the heading precedes it); the
    # second line is, whitespace and widths aside; "１" is too short.
    assert search_phrase(quote, PAGE) == "業務改革（ＢＰＲ）を実施する。"
    assert search_phrase("業務改革(BPR)を実施する。", PAGE) == "業務改革（ＢＰＲ）を実施する。"


def test_a_long_line_is_cut_but_stays_on_its_line() -> None:
    line = "あ" * 60
    assert search_phrase(line + "い", line + "\n") == "あ" * LONGEST


def test_without_the_source_text_the_first_words() -> None:
    assert search_phrase("先行的にサービスデザイン思考による業務改革を実施する。", None) == \
        "先行的にサービスデザイン思考によ"
    assert first_words("Member States shall ensure that the data are kept safe.") == \
        "Member States shall ensure that the"
    assert search_phrase("Short quote.", "Nothing of it here\n") == "Short quote."
    assert search_phrase("  ", PAGE) == ""


# -- the W3C Text Fragment of a quote of a web page -----------------------------------


def _decoded(fragment: str) -> list[str]:
    assert fragment.startswith(":~:text=")
    return [urllib.parse.unquote(part) for part in fragment[len(":~:text="):].split(",")]


def test_a_short_sentence_is_the_whole_fragment() -> None:
    assert _decoded(text_fragment("行政手続のオンライン化を原則とする。")) == [
        "行政手続のオンライン化を原則とする。"]


def test_first_and_last_sentences_are_start_and_end() -> None:
    quote = ("その上で、共通プラットフォームにおいて、クラウドの広域化を検討する。\n"
             "窓口は残す。  職員を育てる。")
    assert _decoded(text_fragment(quote)) == [
        "その上で、共通プラットフォームにおいて、クラウドの広域化を検討する。", "職員を育てる。"]


def test_a_long_sentence_gives_its_first_and_last_words() -> None:
    quote = ("Member States shall ensure that the data held by public sector bodies are made "
             "available for re-use under conditions that are fair and transparent")
    assert len(quote) > LONGEST_SENTENCE
    assert _decoded(text_fragment(quote)) == [
        "Member States shall ensure that the",
        "conditions that are fair and transparent"]


def test_the_directive_signs_are_escaped() -> None:
    # "-" marks a prefix or suffix, "," separates start and end, "&" the next
    # directive: in the quote's text they are percent-encoded.
    fragment = text_fragment("Re-use, share & publish.")
    assert fragment == ":~:text=Re%2Duse%2C%20share%20%26%20publish."
    assert _decoded(fragment) == ["Re-use, share & publish."]


def test_an_empty_quote_has_no_fragment() -> None:
    assert text_fragment(" \n ") == ""
