"""``policy-lineage`` and the index's source headings under five HTML themes.

``tests/roots/test-m-themes`` (a lineage of three versions, a policy index
with long source titles, Japanese and English passages) is built once per
theme of :data:`browserconf.LAYOUT_THEMES` (alabaster, furo,
sphinx-rtd-theme, pydata-sphinx-theme, sphinx-book-theme) and its lineage
and index pages are opened at 1200 px and at 375 px, with the reader's
system in light and in dark mode. On each:

- the page does not scroll sideways, and each lineage or index table fits
  its column, or scrolls inside a wrapper that does;
- the tables' cells wrap (sphinx-rtd-theme sets ``white-space: nowrap`` on
  every table cell): at 1200 px no table needs to scroll at all;
- an index's source heading (``p.policynotes-index-source``: the source's
  short-title link, `` / `` and its title) is not split: the title starts on
  the line where the link ends, and a heading that fits on one line is on
  one line (pydata-sphinx-theme lays a ``p.rubric`` out as a flex column,
  one line per child);
- the extension's text keeps a WCAG contrast of 4.5.

Each page is measured once and its screenshot kept as a test artifact
(``layout-<theme>-<width>-<scheme>-<page>.png``).

Collected only with ``POLICYNOTES_BROWSER=1`` or ``pytest tests/browser``
(see ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browserconf import DARK_THEMES, LAYOUT_ROOT, LAYOUT_THEMES, PHONE, WIDE, required_contrast

OpenPage = Callable[..., Any]
Measure = Callable[[str, dict[str, int], str, str], dict[str, Any]]

#: The root's pages: the lineage, and the index with its source headings.
LINEAGE, INDEX = "lineage", "index"
VIEWPORTS = [WIDE, PHONE]
VIEWPORT_IDS = [f"{v['width']}px" for v in VIEWPORTS]
SCHEMES = ["light", "dark"]


def test_the_root_has_what_these_tests_look_at() -> None:
    # Guards the parametrisation: without a lineage, an index and source
    # titles of both kinds the checks below would pass on nothing.
    lineage = (LAYOUT_ROOT / "lineage.rst").read_text(encoding="utf-8")
    index = (LAYOUT_ROOT / "index.rst").read_text(encoding="utf-8")
    assert ".. policy-lineage::" in lineage
    assert ".. policy-index::" in index
    assert index.count(".. source-ref::") >= 3
    assert ":title: Open Government" in index, "no source with a long English title"


@pytest.fixture(scope="module")
def measure(open_layout_page: OpenPage, artifacts_dir: Path) -> Measure:
    """``measure(theme, viewport, scheme, page)``: what ``pagechecks.js``
    finds on the page, taken once per page and kept for every test."""
    cache: dict[tuple[str, int, str, str], dict[str, Any]] = {}

    def _measure(theme: str, viewport: dict[str, int], scheme: str, page: str) -> dict[str, Any]:
        key = (theme, viewport["width"], scheme, page)
        if key not in cache:
            tab = open_layout_page(theme, page, viewport=viewport, dark=scheme == "dark")
            found: dict[str, Any] = {
                name: tab.evaluate(f"window.__policynotes.{name}()")
                for name in ("overflow", "tables", "indexHeadings", "contrast", "pageLuminance")
            }
            shot = artifacts_dir / f"layout-{theme}-{viewport['width']}px-{scheme}-{page}.png"
            tab.screenshot(path=str(shot), full_page=True)
            tab.context.close()
            cache[key] = found
        return cache[key]

    return _measure


def _what(theme: str, viewport: dict[str, int], scheme: str, page: str) -> str:
    return f"{theme} {page}.html at {viewport['width']}px, {scheme}"


parametrize = [
    pytest.mark.parametrize("scheme", SCHEMES),
    pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS),
    pytest.mark.parametrize("theme", LAYOUT_THEMES),
]


def _each(func: Callable[..., None]) -> Callable[..., None]:
    for mark in parametrize:
        func = mark(func)
    return func


# -- no horizontal overflow -------------------------------------------------------------


@_each
def test_no_horizontal_overflow(
    measure: Measure, theme: str, viewport: dict[str, int], scheme: str
) -> None:
    problems = []
    for page in (LINEAGE, INDEX):
        where = _what(theme, viewport, scheme, page)
        m = measure(theme, viewport, scheme, page)
        over = m["overflow"]
        if over["scrollWidth"] > over["clientWidth"] + 1:
            problems.append(
                f"{where}: the page scrolls sideways (scrollWidth {over['scrollWidth']} > "
                f"{over['clientWidth']}); sticking out: {over['offenders']}"
            )
        tables = m["tables"]["tables"]
        if not tables:
            problems.append(f"{where}: no lineage or index table")
        width = m["tables"]["viewportWidth"]
        for t in tables:
            frame = t["scroller"]
            if frame is None and t["right"] > min(t["parentRight"], width) + 1:
                problems.append(
                    f"{where}: {t['what']} ends at {t['right']:.0f}px, outside its column "
                    f"(ends at {t['parentRight']:.0f}px) and with nothing to scroll it in"
                )
            elif frame is not None and frame["right"] > width + 1:
                problems.append(
                    f"{where}: {t['what']} scrolls in {frame['what']}, which ends at "
                    f"{frame['right']:.0f}px, outside the {width}px viewport"
                )
    assert not problems, "\n".join(problems)


@_each
def test_table_cells_wrap(
    measure: Measure, theme: str, viewport: dict[str, int], scheme: str
) -> None:
    """The cells wrap; at 1200 px every table fits its column without
    scrolling, at 375 px a table may scroll in its wrapper but is not more
    than twice the screen wide."""
    problems = []
    for page in (LINEAGE, INDEX):
        where = _what(theme, viewport, scheme, page)
        for t in measure(theme, viewport, scheme, page)["tables"]["tables"]:
            if t["nowrapCells"]:
                problems.append(
                    f"{where}: {t['nowrapCells']} of the {t['cells']} cells of {t['what']} "
                    "do not wrap (white-space: nowrap)"
                )
            frame = t["scroller"]
            if viewport["width"] == WIDE["width"]:
                if frame is not None and frame["scrollWidth"] > frame["clientWidth"] + 1:
                    problems.append(
                        f"{where}: {t['what']} ({t['width']:.0f}px) scrolls in "
                        f"{frame['what']} ({frame['clientWidth']}px wide)"
                    )
                if t["right"] > t["parentRight"] + 1:
                    problems.append(
                        f"{where}: {t['what']} ends at {t['right']:.0f}px, its column at "
                        f"{t['parentRight']:.0f}px"
                    )
            elif t["width"] > 2 * viewport["width"]:
                problems.append(f"{where}: {t['what']} is {t['width']:.0f}px wide")
    assert not problems, "\n".join(problems)


# -- the index's source headings -------------------------------------------------------------


@_each
def test_index_source_heading_not_split(
    measure: Measure, theme: str, viewport: dict[str, int], scheme: str
) -> None:
    """No heading split as pydata-sphinx-theme and sphinx-book-theme split
    it: the link on one line and `` / title`` on the next, however wide the
    column. A heading is split when the title's first word does not start on
    the line where the link ends, or when it takes more than one line
    although its text is narrower than its column (at 375 px a long title
    wraps, as any paragraph does)."""
    headings = measure(theme, viewport, scheme, INDEX)["indexHeadings"]
    where = _what(theme, viewport, scheme, INDEX)
    assert len(headings) >= 3, f"{where}: {len(headings)} source headings"
    problems = []
    fitting = 0
    for h in headings:
        name = f"{h['what']} «{h['text']}» (display: {h['display']})"
        if h["joined"] is not True:
            problems.append(f"{where}: {name}: the title does not start on the link's line")
        fits = h["oneLineWidth"] <= h["available"] + 1
        fitting += fits
        if fits and h["lines"] != 1:
            problems.append(
                f"{where}: {name}: {h['lines']} lines, {h['height']:.0f}px high, although "
                f"its {h['oneLineWidth']:.0f}px of text fit in {h['available']:.0f}px"
            )
        if fits and h["height"] > 1.5 * h["lineHeight"]:
            problems.append(
                f"{where}: {name}: {h['height']:.0f}px high, for one line of "
                f"{h['lineHeight']:.0f}px"
            )
    if viewport["width"] == WIDE["width"]:
        # At 1200 px the Japanese titles fit on a line in every theme.
        assert fitting >= 2, f"{where}: only {fitting} headings fit on a line: {headings}"
    assert not problems, "\n".join(problems)


# -- contrast in light and dark ----------------------------------------------------------------


@_each
def test_lineage_and_heading_contrast(
    measure: Measure, theme: str, viewport: dict[str, int], scheme: str
) -> None:
    problems = []
    for page, need in ((LINEAGE, {"lineage"}), (INDEX, {"heading", "index"})):
        where = _what(theme, viewport, scheme, page)
        m = measure(theme, viewport, scheme, page)
        luminance = m["pageLuminance"]
        if theme in DARK_THEMES:
            dark = scheme == "dark"
            assert (luminance < 0.2) if dark else (luminance > 0.5), (
                f"{where}: page luminance {luminance:.2f}"
            )
        parts = {item["part"] for item in m["contrast"]}
        assert need <= parts, f"{where}: measured {sorted(parts)}"
        problems += [
            f"{where}: {item['what']} «{item['text']}»: {item['ratio']:.2f} "
            f"(text {item['fg']} on {item['bg']})"
            for item in m["contrast"]
            if item["ratio"] < required_contrast(item)
        ]
    assert not problems, "contrast too low:\n" + "\n".join(problems)
