"""``policynotes import`` on the real posts of ``../shared/corpus/`` and the seed.

The posts are their author's text: they are read from ``../shared/`` beside
the clone, never copied here, and these tests skip with the reason where it
is absent (:func:`util.shared_file`). For every post, and for all of them
imported together:

* fidelity: the page's prose, markup and whitespace removed, is the post's,
  apart from the documented cleaning (compatibility and private-use
  characters mapped, a lead-in moved after the quote that interrupts it);
* the pages build with ``-W`` (so no ``no_source``, no ``duplicate_source``),
  and no row of the policy index holds more than 3 quotes unless they share
  their place.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from sphinx.testing.util import SphinxTestApp
from util import html_of, shared_file, warnings_of

from sphinx_policynotes.cleaning import map_private_use, unify_text
from sphinx_policynotes.importer import ImportResult, import_post, import_posts
from sphinx_policynotes.importer.markdown import LITERAL_STRONG

ROOTS = Path(__file__).resolve().parent / "roots"
POSTS = [("corpus", "community-informatization", "dgovp", "itkihon.md"),
         ("corpus", "community-informatization", "dgovp", "dgovp.md"),
         ("corpus", "community-informatization", "govcio", "localgovopendata.md"),
         ("corpus", "community-informatization", "pd", "pd.md"),
         ("seeds", "000_84d23936fd46740a.txt")]
IDS = [parts[-1].split(".")[0] for parts in POSTS]


def read(parts: tuple[str, ...]) -> str:
    return shared_file(*parts).read_text(encoding="utf-8")


# -- fidelity ---------------------------------------------------------------------------

_DIRECTIVE_RE = re.compile(r"^(`{3,})\{([a-z-]+)\}[^\n]*\n((?::[^\n]*\n)*)(.*?)^\1$",
                           re.M | re.S)


def _words(tokens: list[Token], out: list[str]) -> None:
    for token in tokens:
        if token.type in ("text", "code_inline", "html_inline", "html_block", "fence",
                          "code_block"):
            out.append(token.content)
        elif token.type == "link_open" and token.markup != "autolink":
            out.append("\x00" + str(token.attrGet("href") or ""))
        if token.children:
            _words(token.children, out)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"inline_definitions": True})
    return md.use(front_matter_plugin).enable("table")


def prose(markdown: str) -> str:
    """A page's or a post's text without markup, whitespace, link definitions,
    front matter and MyST comments; link targets kept; bold written as the
    ``{strong}`` role read as its text."""
    body = _DIRECTIVE_RE.sub(lambda m: m.group(4), markdown)
    body = re.sub(r"^%[^\n]*$", "", body, flags=re.M)
    body = re.sub(r"\{source-ref\}`[^`]*`", "", body)
    body = body.replace("{strong}", "")
    out: list[str] = []
    _words([t for t in _parser().parse(body) if t.type != "front_matter"], out)
    return "".join(out).translate({ord(c): None for c in " \t\n\r\u3000"})


def post_prose(text: str, title: str | None) -> str:
    """The post's prose with the documented cleaning applied: compatibility and
    private-use characters mapped; the page title the importer writes added."""
    text = map_private_use(unify_text(text))
    return (title or "") + LITERAL_STRONG.sub(lambda m: m.group(1) or m.group(2), prose(text))


@pytest.mark.parametrize("parts", POSTS, ids=IDS)
def test_text_fidelity(parts: tuple[str, ...]) -> None:
    text = read(parts)
    result = import_post(text)
    page = result.markdown
    title = re.search(r"^# (.*)$", page, re.M)
    expected = post_prose(text, None)
    written = prose(page)
    written_title = prose(title.group(1)) if title else ""
    if not expected.startswith(written_title):
        written = written.removeprefix(written_title)
    assert Counter(written) == Counter(expected)
    assert len(written) == len(expected)
    # in order, but for a lead-in written after the quote that interrupts it
    if "one note" not in "\n".join(r.message for r in result.reports):
        assert written == expected


# -- builds -----------------------------------------------------------------------------


def build_pages(make_app: Callable[..., SphinxTestApp], tmp_path: Path,
                pages: dict[str, str]) -> SphinxTestApp:
    """Build the seed root with ``pages`` (name -> MyST) in its toctree, ``-W``."""
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-i-seed", srcdir)
    index = (srcdir / "index.md").read_text(encoding="utf-8")
    (srcdir / "index.md").write_text(index.replace("notes\n", "\n".join(pages) + "\n"),
                                     encoding="utf-8")
    for name, markdown in pages.items():
        (srcdir / f"{name}.md").write_text(markdown, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, warningiserror=True, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert app.statuscode == 0
    return app


def index_rows(app: SphinxTestApp) -> list[list[str]]:
    """For each row of every policy index table, the places of its quotes."""
    page = html_of(app, "index")
    rows: list[list[str]] = []
    for table in page.find_all("table", cls="policynotes-index"):
        for row in table.find("tbody").find_all("tr"):
            cells = row.find_all("td")
            if len(cells) < 2:
                continue
            rows.append([where.text for where in cells[1].find_all(cls="policynotes-index-where")])
    return rows


def check_rows(app: SphinxTestApp) -> None:
    for places in index_rows(app):
        if len(places) > 3:
            assert len({re.sub(r"\s*\(\d+\)$", "", place) for place in places}) == 1, places


@pytest.mark.parametrize("parts", POSTS, ids=IDS)
def test_each_post_builds(parts: tuple[str, ...], make_app: Callable[..., SphinxTestApp],
                          tmp_path: Path) -> None:
    result = import_post(read(parts))
    assert not [r for r in result.reports if r.severity == "warning"]
    app = build_pages(make_app, tmp_path, {"notes": result.markdown})
    check_rows(app)


def imported_together() -> list[tuple[str, ImportResult]]:
    texts = [(parts[-1], read(parts)) for parts in POSTS]
    return list(zip(IDS, import_posts(texts), strict=True))


def test_all_posts_build_together(make_app: Callable[..., SphinxTestApp],
                                  tmp_path: Path) -> None:
    results = imported_together()
    app = build_pages(make_app, tmp_path, {name: result.markdown for name, result in results})
    check_rows(app)


def test_one_set_of_source_ids() -> None:
    results = dict(imported_together())
    # the same label for two documents: two ids, and a report line
    assert results["itkihon"].sources == ["414d7e0a"]
    assert results["dgovp"].sources == ["414d7e0a-2"]
    assert any("link label [414d7e0a] names another document" in r.message
               for r in results["dgovp"].reports)
    declared = [sid for result in results.values() for sid in result.declared]
    assert len(declared) == len(set(declared))


@pytest.mark.parametrize(("name", "scheme", "places"), [
    ("itkihon", "ja-outline", ["Ⅲ． １．", "Ⅲ． ２． （２） ①", "Ⅲ． ４． （２）"]),
    # A post mixing forms gets the path it shows: ``３.２`` › ``1)``.
    ("dgovp", "dotted", ["１ .１", "３.２", "３.２ 1)", "５.３ 1)", "６", "６ 5)"]),
    ("localgovopendata", "ja-outline", ["１． (1)", "３． (5)", "４． (5)"]),
    ("pd", "ja-outline", ["第２ (1)", "第３ (5) ①", "第３ (6) ③", "第４"]),
])
def test_scheme_and_places_per_post(name: str, scheme: str, places: list[str]) -> None:
    parts = next(p for p, i in zip(POSTS, IDS, strict=True) if i == name)
    result = import_post(read(parts))
    assert set(result.schemes.values()) == {scheme}
    written = re.findall(r"^:at: (.*)$", result.markdown, re.M)
    for place in places:
        assert place in written
    assert result.located >= result.quotes - 2
    # Every numbered part the post shows is written in its place.
    reports = [r.format(name) for r in result.reports]
    assert not [r for r in reports if "cannot be written" in r], reports
