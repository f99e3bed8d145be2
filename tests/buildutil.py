"""Helpers for the builder, export, incremental, parallel and escaping tests.

Builds go through :class:`sphinx.testing.util.SphinxTestApp` with their own
status and warning streams; :func:`cached_build` shares one build of a root
per builder (and options) across the whole session, so modules that look at
the same output do not build it twice.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    import pytest

HERE = Path(__file__).parent.resolve()
ROOTS = HERE / "roots"
FIXTURES = HERE / "fixtures"
REGEN_ENV = "POLICYNOTES_REGEN"

#: The keys of ``policynotes.json``, exactly as the interface contract lists them.
# The contract's keys (issue 2) plus the verification keys of issue 7:
# "coverage" at the top, "verified" and "match_score" on each quote.
TOP_KEYS = {"schema", "sources", "quotes", "commentaries", "coverage", "diffs"}
SOURCE_KEYS = {"id", "title", "short", "issuer", "date", "url", "docname", "anchor"}
QUOTE_KEYS = {"id", "name", "source", "chapter", "policy", "at", "page", "text", "docname",
              "anchor", "commentaries", "verified", "match_score"}
# Review work (issue 25): stance, tags, reply_to; status, decision and
# responses are the neutral values until the response directive fills them.
COMMENTARY_KEYS = {"id", "author", "text", "docname", "anchor", "quotes", "stance", "tags",
                   "reply_to", "status", "decision", "responses"}
SCHEMA = "sphinx-policynotes/2"  # format 2 added "at" to every quote


# -- projects and builds ------------------------------------------------------


def copy_root(name: str, dest: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to ``dest`` (without build output)."""
    shutil.copytree(ROOTS / f"test-{name}", dest,
                    ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return dest


@dataclass
class Build:
    """What a finished build left behind."""

    srcdir: Path
    outdir: Path
    doctreedir: Path
    builder: str
    warnings: str
    status: str
    #: Page names handed to ``html-page-context`` (serial html-family builds only).
    pages: list[str] = field(default_factory=list)
    docnames: set[str] = field(default_factory=set)

    def read(self, relpath: str) -> str:
        return (self.outdir / relpath).read_text(encoding="utf-8")

    def export(self, name: str = "policynotes.json") -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.read(name))
        return data


def build(srcdir: Path, buildername: str = "html", *, builddir: Path | None = None,
          freshenv: bool = True, parallel: int = 0,
          confoverrides: dict[str, Any] | None = None,
          setup: Callable[[SphinxTestApp], None] | None = None) -> Build:
    """Build ``srcdir`` with ``buildername``; output in ``builddir/<buildername>``.

    ``builddir`` defaults to ``srcdir/_build``; the doctrees go to
    ``builddir/doctrees``, outside the output directory (epub needs that).
    """
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=builddir, freshenv=freshenv,
                        confoverrides=confoverrides, status=status, warning=warning,
                        parallel=parallel)
    pages: list[str] = []
    try:
        app.connect("html-page-context", lambda _app, pagename, *_args: pages.append(pagename))
        if setup is not None:
            setup(app)
        app.build()
        docnames = set(app.env.found_docs)
    finally:
        app.cleanup()
    return Build(srcdir=Path(srcdir), outdir=Path(app.outdir),
                 doctreedir=Path(app.doctreedir), builder=buildername,
                 warnings=warning.getvalue(), status=status.getvalue(), pages=pages,
                 docnames=docnames)


_CACHE: dict[tuple[Any, ...], Build] = {}


def cached_build(tmp_path_factory: pytest.TempPathFactory, root: str, buildername: str = "html",
                 **confoverrides: Any) -> Build:
    """One clean build of ``root`` per builder and overrides, per test session."""
    key = (root, buildername, tuple(sorted((k, repr(v)) for k, v in confoverrides.items())))
    if key not in _CACHE:
        base = tmp_path_factory.mktemp(f"{root}-{buildername}")
        srcdir = copy_root(root, base / "src")
        _CACHE[key] = build(srcdir, buildername, builddir=base / "build",
                            confoverrides=confoverrides or None)
    return _CACHE[key]


def html_page(build_: Build, docname: str) -> Path:
    """The output file of ``docname`` for html, dirhtml, singlehtml and epub."""
    if build_.builder == "singlehtml":
        return build_.outdir / "index.html"
    if build_.builder == "dirhtml":
        if docname == "index":
            return build_.outdir / "index.html"
        return build_.outdir / docname / "index.html"
    if build_.builder == "epub":
        return build_.outdir / f"{docname}.xhtml"
    return build_.outdir / f"{docname}.html"


# -- a small HTML tree ---------------------------------------------------------

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "source", "track", "wbr"})


@dataclass(eq=False)
class Element:
    """An HTML element: tag, attributes, children (elements and strings)."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter()
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> under <{self.tag}>"
        return found[0]

    def raw_text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.raw_text())
        return "".join(parts)

    def text(self) -> str:
        """The text content with whitespace runs collapsed."""
        return collapse(self.raw_text())

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(source: str | Path) -> Element:
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    parser = _TreeBuilder()
    parser.feed(text)
    parser.close()
    return parser.root


def collapse(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Text without any whitespace: compares text that writers wrap differently."""
    return "".join(text.split())


def main_body(page: Element) -> Element:
    """The document body of a Sphinx page (not its sidebars)."""
    for element in page.iter():
        if element.attrs.get("role") == "main" or "body" in element.classes:
            return element
    return page


def ids_of(page: Element) -> list[str]:
    return [e.attrs["id"] for e in page.iter() if "id" in e.attrs]


def index_tables(page: Element) -> list[Element]:
    return [t for t in page.find_all("table") if "policynotes-index" in t.classes]


def table_rows(table: Element) -> list[list[str]]:
    """Cell texts of each body row of a table."""
    rows = []
    for tbody in table.find_all("tbody"):
        for tr in tbody.find_all("tr"):
            rows.append([cell.text() for cell in tr.children
                         if isinstance(cell, Element) and cell.tag in ("td", "th")])
    return rows


def links(element: Element) -> list[tuple[str, str, str]]:
    """(text, href, title) of each link under ``element``."""
    return [(a.text(), a.attrs.get("href", ""), a.attrs.get("title", ""))
            for a in element.find_all("a")]


def index_view(page: Element) -> list[Any]:
    """What a policy index shows: per table, the rubric before it, the rows' cell
    texts and the links in the rows (text, href, title)."""
    view: list[Any] = []
    for block in page.find_all(cls="policynotes-index-block"):
        for child in block.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "table":
                view.append({"rows": table_rows(child), "links": links(child)})
            else:
                view.append({"text": child.text(), "links": links(child)})
    return view


# -- fixtures ------------------------------------------------------------------


def check_fixture(data: Any, name: str) -> Any:
    """The stored regression fixture ``tests/fixtures/<name>``.

    With ``POLICYNOTES_REGEN=1`` in the environment it is first rewritten from
    ``data`` (review the diff before committing it).
    """
    path = FIXTURES / name
    if os.environ.get(REGEN_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with {REGEN_ENV}=1 to create it"
    return json.loads(path.read_text(encoding="utf-8"))


def touch(path: Path) -> None:
    """Make sure Sphinx sees ``path`` as changed (its mtime is now, not earlier)."""
    os.utime(path, None)


def mtimes(directory: Path, pattern: str = "**/*.html") -> dict[str, int]:
    return {str(p.relative_to(directory)): p.stat().st_mtime_ns
            for p in sorted(directory.glob(pattern))}


def require_tools(tools: tuple[str, ...], what: str) -> None:
    """Skip loudly when a command-line tool is missing; fail instead in CI.

    ``.ci/run`` installs TeX Live and Chromium and sets
    ``POLICYNOTES_REQUIRE_TOOLS=1``: there, a missing tool is a failure, so a
    check can never be skipped silently.
    """
    import shutil
    import sys

    import pytest

    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = (f"\n{'!' * 70}\n{what} NOT CHECKED: {', '.join(missing)} not found. Install "
               "TeX Live as the README says (.ci/run does).\n" + "!" * 70)
    print(message, file=sys.stderr)
    if os.environ.get("POLICYNOTES_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def extension_view(b: Build, index_doc: str = "policyindex") -> dict[str, Any]:
    """What the extension puts in an html build, as comparable data: the
    export, the JSON-LD and CSV exports (as text: their records' parts are
    kept between builds), the index page's view and every page's labels
    (text and links)."""
    labels = {}
    for doc in sorted(b.docnames):
        page = parse_html(b.outdir / f"{doc}.html")
        labels[doc] = [(p.text(), links(p)) for p in page.find_all(cls="policynotes-label")]
    return {
        "export": b.export(),
        "open data": {name: b.read(name) for name in ("policynotes.jsonld", "policynotes.csv")},
        "index": index_view(parse_html(b.outdir / f"{index_doc}.html")),
        "labels": labels,
    }


def report(request: pytest.FixtureRequest, line: str) -> None:
    """Print a line of figures past pytest's capture (seen in CI logs)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    assert capture is not None
    with capture.global_and_fixture_disabled():
        print(f"\n[policynotes] {line}")
