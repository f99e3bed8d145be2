"""SourceText: pages from form feeds, page labels and offsets, JSON round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_policynotes.verify import SourceText

FIXTURE = Path(__file__).parent / "fixtures" / "verify" / "suisinhosin.txt"


def test_from_text_splits_on_form_feeds_and_drops_the_final_empty_page() -> None:
    source = SourceText.from_text("一頁目\n\f二頁目\n\f三頁目\n\f")
    assert source.pages == ("一頁目\n", "二頁目\n", "三頁目\n")
    assert source.page_count == 3


def test_from_text_keeps_a_blank_page_in_the_middle_and_text_without_feed() -> None:
    assert SourceText.from_text("a\f\fb").pages == ("a", "", "b")
    assert SourceText.from_text("only one page").pages == ("only one page",)


def test_to_text_round_trips_like_pdftotext_output() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    source = SourceText.from_text(text)
    assert source.to_text() == text
    assert SourceText.from_text(source.to_text()) == source


def test_from_file_reads_the_fixture_with_eight_pages() -> None:
    source = SourceText.from_file(FIXTURE, page_offset=1)
    assert source.page_count == 8
    assert source.pages[1].startswith("第１章")
    assert source.page_offset == 1


def test_printed_page_without_labels_or_offset_is_the_physical_page() -> None:
    source = SourceText(("a", "b", "c"))
    assert [source.printed_page(n) for n in (1, 2, 3)] == ["1", "2", "3"]
    assert source.physical_page("2") == 2
    assert source.physical_page(4) is None
    assert source.physical_page("ii") is None


def test_printed_page_uses_labels() -> None:
    source = SourceText(("a", "b", "c", "d"), page_labels=("i", "ii", "1", "2"))
    assert [source.printed_page(n) for n in (1, 2, 3, 4)] == ["i", "ii", "1", "2"]
    assert source.physical_page("1") == 3
    assert source.physical_page("ii") == 2
    assert source.physical_page("9") is None


def test_an_explicit_offset_overrides_labels() -> None:
    source = SourceText(("a", "b", "c"), page_labels=("i", "ii", "1"), page_offset=1)
    assert source.printed_page(3) == "2"
    assert source.printed_page(1) == "0"
    assert source.physical_page(2) == 3
    assert source.physical_page(3) is None
    assert source.with_offset(None).printed_page(3) == "1"


def test_labels_must_match_the_page_count() -> None:
    with pytest.raises(ValueError, match="2 page labels for 3 pages"):
        SourceText(("a", "b", "c"), page_labels=("1", "2"))


def test_dict_round_trip_and_validation() -> None:
    source = SourceText(("一", "二"), page_labels=("i", "1"), page_offset=None)
    assert SourceText.from_dict(source.to_dict()) == source
    with pytest.raises(ValueError):
        SourceText.from_dict({"schema": "other", "pages": []})
    with pytest.raises(ValueError):
        SourceText.from_dict({"schema": source.to_dict()["schema"], "pages": [1]})
    with pytest.raises(ValueError):
        SourceText.from_dict({**source.to_dict(), "page_offset": True})


def test_digest_changes_with_the_text_but_not_with_the_offset() -> None:
    source = SourceText(("一", "二"))
    assert source.digest == SourceText(("一", "二"), page_offset=3).digest
    assert source.digest != SourceText(("一", "三")).digest
    assert source.digest != SourceText(("一二",)).digest


def test_source_text_is_hashable_for_caching() -> None:
    assert len({SourceText(("a",)), SourceText(("a",)), SourceText(("b",))}) == 2
