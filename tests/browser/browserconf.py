"""Settings shared by the browser tests' ``conftest.py`` and test module."""

from __future__ import annotations

import functools
import http.server
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent.resolve()
REPO = HERE.parent.parent
DOCS = REPO / "docs"

#: The themes the example is checked under, as ``html_theme`` names.
THEMES = ("furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "alabaster")

#: The themes the layout of ``policy-lineage`` and of the index's source
#: headings is checked under (``tests/roots/test-m-themes``).
LAYOUT_THEMES = (
    "alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme",
)  # fmt: skip
LAYOUT_ROOT = REPO / "tests" / "roots" / "test-m-themes"

#: The themes with a dark palette of their own (the others stay light when
#: the reader's system asks for dark).
DARK_THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")

#: Extra ``sphinx-build`` arguments per theme. pydata's navbar does not let
#: the site title shrink: with the title of docs/conf.py ("sphinx-policynotes
#: <version>", meant for furo) its header is 4 px wider than a 375 px phone,
#: whatever the page holds. That is the theme's header, not the extension's
#: output, so the pydata build uses the bare project name.
THEME_ARGS: dict[str, list[str]] = {
    "pydata_sphinx_theme": ["-D", "html_title=sphinx-policynotes"],
}

#: How the machine's notes say Chromium runs here: headless as root, with
#: nothing that reaches for the network. Playwright adds a fresh
#: ``--user-data-dir`` of its own to every launch.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DESKTOP = {"width": 1280, "height": 900}
WIDE = {"width": 1200, "height": 900}
PHONE = {"width": 375, "height": 812}

#: A theme, a viewport and a colour scheme ("light" or "dark"): each theme of
#: :data:`THEMES` at a phone's width and a desktop's, light and dark (the
#: ``view`` fixture of ``conftest.py``).
View = tuple[str, dict[str, int], str]
VIEWS: list[View] = list(itertools.product(THEMES, [PHONE, DESKTOP], ["light", "dark"]))
VIEW_IDS = [f"{theme}-{viewport['width']}px-{scheme}" for theme, viewport, scheme in VIEWS]

#: WCAG 2 AA for normal text.
MIN_CONTRAST = 4.5

#: How much of the theme's own link contrast a link in the extension's boxes
#: keeps, where the theme's link colour is itself below 4.5 on its pages.
THEME_LINK_SHARE = 0.9


def required_contrast(item: dict[str, Any]) -> float:
    """The contrast an item of ``pagechecks.js``'s ``contrast()`` must reach.

    4.5 for all text. The one allowance: a theme whose link colour is below
    4.5 on its own page background (sphinx-rtd-theme's #2980B9, 4.19 on
    #FCFCFC) cannot be fixed by the extension without overriding the theme's
    links, so there a link must keep 90 % of the theme's own contrast (the
    commentary tint may dim it a little, a label opacity of 0.9 may not)."""
    link: float | None = item["themeLink"]
    if link is not None and link < MIN_CONTRAST:
        return THEME_LINK_SHARE * link
    return MIN_CONTRAST


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 for as long as the generator runs:
    yields the base URL (for a fixture's ``yield from``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
