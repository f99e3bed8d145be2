"""The review work in a browser: badges, threads and the 意見と考え方 table.

The how-to's live example (``docs/howto/public-comment.md``: six comments by
three people, two replies, responses with each decision, its
``policy-responses`` table and a policy index) is opened under the four
themes of :data:`browserconf.THEMES`, at 375 px and at desktop width, with
the reader's system light and dark. On each:

- every badge (stance, decision, status) is visible, has its word and a
  frame, keeps a WCAG contrast of 4.5 on what is behind it, and stays inside
  its label, cell or box;
- every reply in the index is below the by-line of the note it answers and
  indented from that note's text; every reply on the page links to a
  commentary above it, by that commentary's author;
- the responses table fits its column or scrolls inside a wrapper that
  does, and the page does not scroll sideways;
- the extension's text, the table's included, keeps a contrast of 4.5.

``docs/screenshots/`` holds furo's responses table, light and dark, shown in
the how-to; ``POLICYNOTES_UPDATE_SCREENSHOTS=1`` rewrites them.

Collected only with ``POLICYNOTES_BROWSER=1`` or ``pytest tests/browser``
(see ``conftest.py``).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browserconf import DARK_THEMES, DOCS, MIN_CONTRAST, View, required_contrast

OpenPage = Callable[..., Any]

PAGE = "howto/public-comment"
HOWTO = DOCS / "howto" / "public-comment.md"
SCREENSHOTS = DOCS / "screenshots"
#: The committed pictures of the responses table (furo, 1000 px wide).
SHOTS = ("furo-light-responses.png", "furo-dark-responses.png")
MAX_SHOT_BYTES = 300 * 1024
UPDATE = os.environ.get("POLICYNOTES_UPDATE_SCREENSHOTS") == "1"

def test_the_example_has_what_these_tests_look_at() -> None:
    # Guards the parametrisation: without badges of each kind, replies and a
    # responses table the checks below would pass on nothing.
    text = HOWTO.read_text(encoding="utf-8")
    for needle in (":stance:", ":decision:", ":reply-to:", "```{policy-responses}",
                   "```{policy-index}", "```{response}"):
        assert needle in text, needle


@pytest.fixture(scope="module")
def review_of() -> Callable[..., dict[str, Any]]:
    """``review_of(open_page, theme, viewport, scheme)``: what the page shows."""
    cache: dict[tuple[str, int, str], dict[str, Any]] = {}

    def _review(open_page: OpenPage, theme: str, viewport: dict[str, int],
                scheme: str) -> dict[str, Any]:
        key = (theme, viewport["width"], scheme)
        if key not in cache:
            tab = open_page(theme, PAGE, viewport=viewport, dark=scheme == "dark")
            cache[key] = {name: tab.evaluate(f"window.__policynotes.{name}()")
                          for name in ("review", "overflow", "contrast", "pageLuminance")}
        return cache[key]

    return _review


def test_badges_are_readable_framed_and_inside(open_page: OpenPage, review_of: Any,
                                               view: View) -> None:
    theme, viewport, scheme = view
    found = review_of(open_page, theme, viewport, scheme)
    badges = found["review"]["badges"]
    words = {b["text"] for b in badges}
    # Each kind the example uses, in the label and in the index.
    for word in ("Question", "Concern", "Support", "Proposal", "Adopted", "Noted",
                 "Not adopted", "Pending", "Resolved"):
        assert word in words, (word, sorted(words))
    assert {b["part"] for b in badges} >= {"label", "index", "responses"}
    for badge in badges:
        assert badge["visible"], badge
        assert badge["text"], badge
        assert badge["border"] >= 1 and badge["borderStyle"] in ("solid", "dashed"), badge
        assert badge["ratio"] >= MIN_CONTRAST, badge
        assert badge["inside"], badge
    if scheme == "dark" and theme in DARK_THEMES:
        assert found["pageLuminance"] < 0.2, "the theme did not switch to dark"


def test_threads_show_under_the_note_they_answer(open_page: OpenPage, review_of: Any,
                                                 view: View) -> None:
    review = review_of(open_page, *view)["review"]
    replies = review["indexReplies"]
    assert len(replies) == 2, replies  # the example's two replies, each shown once
    for reply in replies:
        assert reply["visible"] and reply["text"], reply
        assert reply["noteBottom"] is not None and reply["top"] >= reply["noteBottom"] - 1, reply
        assert reply["left"] >= reply["noteLeft"] + 8, reply  # indented
        assert reply["right"] <= reply["cellRight"] + 1, reply
        assert reply["noteAuthor"] == "青木", reply  # both answer Aoki's notes
    on_page = review["pageReplies"]
    assert len(on_page) == 2, on_page
    for reply in on_page:
        assert reply["target"] is not None and reply["below"], reply
        assert reply["linkText"] == reply["targetAuthor"] == "青木", reply


def test_the_responses_table_fits_and_reads(open_page: OpenPage, review_of: Any,
                                            view: View) -> None:
    found = review_of(open_page, *view)
    tables = found["review"]["responses"]
    assert len(tables) == 1, tables
    table = tables[0]
    assert table["headers"] == ["No.", "Part", "Summary of the comment",
                                "Response and reasons", "Decision"], table
    assert table["rows"] == 6, table  # every comment with a decision, in part order
    limit = table["scroller"]["right"] if table["scroller"] else table["parentRight"]
    assert table["right"] <= limit + 1 or table["scroller"] is not None, table
    page = found["overflow"]
    assert page["scrollWidth"] <= page["clientWidth"] + 1, page["offenders"]
    shown = [c for c in found["contrast"] if c["part"] == "responses"]
    assert shown, "no text of the responses table measured"
    low = [c for c in found["contrast"] if c["ratio"] < required_contrast(c)]
    assert not low, low[:5]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def shoot_responses(tab: Any, path: Path, pad: int = 12) -> None:
    """Screenshot of the responses table (its block, with a margin)."""
    block = tab.locator("div.policynotes-responses-block").first
    block.scroll_into_view_if_needed()
    box = block.bounding_box()
    scroll_y = tab.evaluate("window.scrollY")
    clip = {"x": max(0, box["x"] - pad), "y": max(0, box["y"] - pad) + scroll_y,
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    tab.screenshot(path=str(path), clip=clip, full_page=True)


@pytest.mark.parametrize("name", SHOTS)
def test_docs_screenshots_of_the_table(open_page: OpenPage, artifacts_dir: Path,
                                       name: str) -> None:
    """The how-to shows furo's responses table, light and dark; the committed
    pictures have today's layout (same width, height within 10 %)."""
    tab = open_page("furo", PAGE, viewport={"width": 1000, "height": 900},
                    dark="-dark-" in name)
    target = SCREENSHOTS / name if UPDATE else artifacts_dir / f"docs-{name}"
    shoot_responses(tab, target)
    fresh = _png_size(target)
    assert fresh[0] > 600 and fresh[1] > 200, fresh
    committed = SCREENSHOTS / name
    assert committed.is_file(), (
        f"{committed} missing: run the browser tests with POLICYNOTES_UPDATE_SCREENSHOTS=1")
    assert committed.stat().st_size < MAX_SHOT_BYTES, committed.stat().st_size
    width, height = _png_size(committed)
    assert width == fresh[0] and abs(height - fresh[1]) <= 0.1 * fresh[1], (
        f"{committed} is {width}x{height}, the page now gives {fresh[0]}x{fresh[1]}: "
        "rerun with POLICYNOTES_UPDATE_SCREENSHOTS=1")
    assert f"screenshots/{name}" in HOWTO.read_text(encoding="utf-8"), (
        f"the how-to does not show {name}")
