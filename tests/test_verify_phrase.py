"""The search phrase of a quote's page link (``#page=N&search=PHRASE``)."""

from __future__ import annotations

from sphinx_policynotes.verify.phrase import LONGEST, first_words, search_phrase

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
