"""Fixtures of the real-browser tests: the docs built per theme, a local HTTP
server, and Debian's Chromium driven through Playwright.

These tests are **not part of the main test run**. This directory is collected
only when ``POLICYNOTES_BROWSER=1`` is set (``tox -e browser`` sets it) or when
it is named on the command line (``pytest tests/browser``); a plain ``pytest``
skips collecting it, so the main tox envs need neither Playwright nor Chromium.

Environment:

``POLICYNOTES_CHROMIUM``
    the browser binary, ``/usr/bin/chromium`` by default (Debian's
    ``chromium``). Never downloaded: no ``playwright install``.
``POLICYNOTES_BROWSER_HTML``
    a folder with ready builds, ``<folder>/<theme>/example/index.html``; by
    default the docs are built once per session, one outdir per theme.
``POLICYNOTES_ARTIFACTS``
    where the screenshots taken as test artifacts go; by default
    ``<pytest basetemp>/artifacts``. The path is printed at the end of the run.
``POLICYNOTES_UPDATE_SCREENSHOTS=1``
    rewrite the committed screenshots in ``docs/screenshots/``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn, cast

import pytest
from browserconf import (
    CHROMIUM_ARGS,
    DESKTOP,
    DOCS,
    LAYOUT_ROOT,
    LAYOUT_THEMES,
    REPO,
    THEME_ARGS,
    THEMES,
    VIEW_IDS,
    VIEWS,
    View,
    serve,
)

HERE = Path(__file__).parent.resolve()
CHECKS_JS = HERE / "pagechecks.js"
ENABLE_ENV = "POLICYNOTES_BROWSER"


# -- collection -------------------------------------------------------------


def _named_on_command_line(config: pytest.Config) -> bool:
    base = Path(config.invocation_params.dir)
    for arg in config.args:
        path = (base / arg.split("::", 1)[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.parent != HERE:
        return None
    if os.environ.get(ENABLE_ENV) == "1" or _named_on_command_line(config):
        return None
    return True


# -- artifacts ----------------------------------------------------------------

_ARTIFACTS: list[Path] = []


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("POLICYNOTES_ARTIFACTS")
    path = Path(env) if env else tmp_path_factory.getbasetemp() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS.append(path.resolve())
    return path.resolve()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for path in _ARTIFACTS:
        terminalreporter.write_line(f"browser test artifacts (screenshots): {path}")


# -- the docs, built once per theme ----------------------------------------------


def _build(theme: str, root: Path, src: Path = DOCS) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if importlib.util.find_spec("sphinx_policynotes") is None:
        # Run from a checkout without the package installed.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cmd = [
        sys.executable, "-m", "sphinx", "-b", "html", "-q",
        "-D", f"html_theme={theme}", *THEME_ARGS.get(theme, []),
        "-d", str(root / ".doctrees" / theme), str(src), str(root / theme),
    ]  # fmt: skip
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding one HTML build of ``docs/`` per theme."""
    ready = os.environ.get("POLICYNOTES_BROWSER_HTML")
    if ready:
        root = Path(ready).resolve()
    else:
        root = tmp_path_factory.mktemp("html")
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(zip(THEMES, pool.map(lambda t: _build(t, root), THEMES), strict=True))
        for theme, result in results.items():
            if result.returncode != 0:
                pytest.fail(
                    f"sphinx-build of docs/ with html_theme={theme} failed "
                    f"(exit {result.returncode}):\n{result.stderr[-3000:]}",
                    pytrace=False,
                )
    for theme in THEMES:
        if not (root / theme / "example" / "index.html").is_file():
            pytest.fail(f"no example/index.html in the {theme} build under {root}", pytrace=False)
    return root


@pytest.fixture(scope="session")
def layout_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding one HTML build of ``tests/roots/test-m-themes`` per
    theme of :data:`LAYOUT_THEMES`: a ``policy-lineage`` and a
    ``policy-index`` (a few seconds per theme, so always built)."""
    root = tmp_path_factory.mktemp("layout")
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(
            zip(
                LAYOUT_THEMES,
                pool.map(lambda t: _build(t, root, LAYOUT_ROOT), LAYOUT_THEMES),
                strict=True,
            )
        )
    for theme, result in results.items():
        if result.returncode != 0:
            pytest.fail(
                f"sphinx-build of {LAYOUT_ROOT.name} with html_theme={theme} failed "
                f"(exit {result.returncode}):\n{result.stderr[-3000:]}",
                pytrace=False,
            )
        if result.stderr.strip():
            pytest.fail(
                f"sphinx-build of {LAYOUT_ROOT.name} with html_theme={theme} "
                f"warned:\n{result.stderr[-3000:]}",
                pytrace=False,
            )
    return root


@pytest.fixture(scope="session")
def site(builds: Path) -> Iterator[str]:
    """Base URL of a local HTTP server on 127.0.0.1 serving :func:`builds`."""
    yield from serve(builds)


@pytest.fixture(scope="session")
def layout_site(layout_builds: Path) -> Iterator[str]:
    """Base URL of a local HTTP server serving :func:`layout_builds`."""
    yield from serve(layout_builds)


# -- the browser ------------------------------------------------------------------


def _font_dir(name: str) -> Path | None:
    for base in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        found = next(base.rglob(name), None) if base.is_dir() else None
        if found:
            return found.parent
    return None


def missing_system_package(message: str) -> NoReturn:
    """A system package the README installs is absent: skip loudly, or fail in CI.

    ``.ci/run`` installs Chromium and the fonts and sets
    ``POLICYNOTES_REQUIRE_TOOLS=1``, so there an absence is a failure; on a
    machine with only Python the browser checks are skipped with this notice.
    """
    banner = "!" * 70
    notice = f"\n{banner}\nBROWSER PAGES NOT CHECKED: {message}\n{banner}"
    print(notice, file=sys.stderr)
    if os.environ.get("POLICYNOTES_REQUIRE_TOOLS") == "1":
        pytest.fail(notice, pytrace=False)
    pytest.skip(notice)


@pytest.fixture(scope="session")
def fontconfig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fontconfig file that shows Chromium only the fonts CI installs by name.

    Which CJK font a page with ``lang="en"`` falls back to depends on every
    font on the machine (here TeX's Chinese fonts won over Noto CJK): with only
    Noto CJK (``fonts-noto-cjk``), DejaVu and Liberation visible, the pages and
    screenshots come out the same on every machine that installs them.
    """
    noto = _font_dir("NotoSansCJK-Regular.ttc")
    if noto is None:
        missing_system_package(
            "Noto CJK fonts not found: install Debian's fonts-noto-cjk "
            "(apt-get install -y fonts-noto-cjk)"
        )
    dirs = [noto, _font_dir("DejaVuSans.ttf"), _font_dir("LiberationSans-Regular.ttf")]
    tmp = tmp_path_factory.mktemp("fontconfig")
    families = (
        ("sans-serif", "DejaVu Sans", "Noto Sans CJK JP"),
        ("serif", "DejaVu Serif", "Noto Serif CJK JP"),
        ("monospace", "DejaVu Sans Mono", "Noto Sans Mono CJK JP"),
    )
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        *(f"  <dir>{d}</dir>" for d in dict.fromkeys(dirs) if d is not None),
        f"  <cachedir>{tmp / 'cache'}</cachedir>",
        *(
            f"  <alias><family>{generic}</family><prefer><family>{latin}</family>"
            f"<family>{cjk}</family></prefer></alias>"
            for generic, latin, cjk in families
        ),
        "</fontconfig>",
    ]
    path = tmp / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser(fontconfig: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright's Python package is missing: pip install playwright "
            "(its driver ships in the wheel; do not run 'playwright install', "
            "the tests drive Debian's chromium)",
            pytrace=False,
        )
    exe = Path(os.environ.get("POLICYNOTES_CHROMIUM", "/usr/bin/chromium"))
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        missing_system_package(
            f"Chromium not found at {exe}: the browser tests need Debian's chromium "
            "(apt-get install -y chromium fonts-noto-cjk), or POLICYNOTES_CHROMIUM "
            "set to a Chromium binary"
        )
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)}
    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(
                executable_path=str(exe), args=CHROMIUM_ARGS, env=env, timeout=60_000
            )
        except Exception as exc:  # pragma: no cover - depends on the machine
            pytest.fail(f"Chromium at {exe} did not start: {exc}", pytrace=False)
        try:
            yield instance
        finally:
            instance.close()


#: The themes that keep their dark switch in ``data-theme`` on ``html``
#: (sphinx-book-theme is built on pydata-sphinx-theme).
_PYDATA_LIKE = ("pydata_sphinx_theme", "sphinx_book_theme")


def _opener(browser: Any, site: str, contexts: list[Any]) -> Callable[..., Any]:
    def _open(
        theme: str, page: str, *, viewport: dict[str, int] = DESKTOP, dark: bool = False
    ) -> Any:
        context = browser.new_context(
            viewport=viewport, color_scheme="dark" if dark else "light", device_scale_factor=1
        )
        contexts.append(context)
        context.add_init_script(path=str(CHECKS_JS))
        if dark:
            # Where the themes' own switches keep the reader's choice, so the
            # page is dark from its first paint (furo: "theme"; pydata: "mode").
            context.add_init_script(
                "try { localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark'); }"
                " catch (e) {}"
            )
        tab = context.new_page()
        tab.goto(f"{site}/{theme}/{page}.html", wait_until="load")
        if dark and theme == "furo":
            tab.evaluate("document.body.dataset.theme = 'dark'")
        elif dark and theme in _PYDATA_LIKE:
            tab.evaluate(
                "document.documentElement.dataset.theme = 'dark'; document.documentElement.dataset.mode = 'dark'"
            )
        tab.evaluate("document.fonts.ready.then(() => true)")
        return tab

    return _open


@pytest.fixture(params=VIEWS, ids=VIEW_IDS)
def view(request: pytest.FixtureRequest) -> View:
    """Each theme at 375 px and desktop width, light and dark (:data:`VIEWS`)."""
    return cast("View", request.param)


@pytest.fixture
def open_page(browser: Any, site: str) -> Iterator[Callable[..., Any]]:
    """``open_page(theme, "example/chapter4", viewport=..., dark=False)``: a
    loaded page in a fresh browser context, with ``pagechecks.js`` installed
    as ``window.__policynotes``; for ``dark=True`` the reader's system asks
    for a dark scheme and the theme's own dark switch is set where it has one
    (furo: ``data-theme`` on ``body``; pydata and book: ``data-theme`` on
    ``html``).
    """
    contexts: list[Any] = []
    yield _opener(browser, site, contexts)
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def open_layout_page(browser: Any, layout_site: str) -> Iterator[Callable[..., Any]]:
    """:func:`open_page` for the builds of :func:`layout_builds`, for a whole
    module (its pages are measured once and looked at by several tests)."""
    contexts: list[Any] = []
    yield _opener(browser, layout_site, contexts)
    for context in contexts:
        with contextlib.suppress(Exception):  # closed after measuring already
            context.close()
