"""Settings shared by the browser tests' ``conftest.py`` and test module."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent.resolve()
REPO = HERE.parent.parent
DOCS = REPO / "docs"

#: The themes the example is checked under, as ``html_theme`` names.
THEMES = ("furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "alabaster")

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
PHONE = {"width": 375, "height": 812}
