"""Options of ``policy-quote`` and ``commentary``, read from the content
(``sphinx_policynotes.read.options``): every form docutils and MyST accept."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils.statemachine import StringList
from sphinx.testing.util import SphinxTestApp
from util import export_of, sphinx_root, warning_lines

from sphinx_policynotes.read.options import take_options


@sphinx_root("m-options")
def test_rst_and_myst_options(app: SphinxTestApp) -> None:
    app.build()
    quotes = {q["text"]: q for q in export_of(app)["quotes"]}
    one = quotes["Rstbody one."]
    assert (one["chapter"], one["policy"], one["page"], one["name"]) == (
        4, "方針1-1", 3, "wrapped name")
    two = quotes["Rstbody two, straight after the options."]
    assert (two["chapter"], two["policy"]) == (4, "方針1-2")  # the first :chapter: wins
    role = next(q for t, q in quotes.items() if t.endswith("opens this body: a role, not an option."))
    assert role["policy"] is None and role["text"].startswith("方針1-1")
    colon = quotes["Mystbody colon."]
    assert (colon["chapter"], colon["policy"], colon["name"]) == (4, "方針2-1", "myst-colon")
    yaml = quotes["Mystbody yaml."]
    assert (yaml["chapter"], yaml["policy"], yaml["page"], yaml["name"]) == (
        4, "方針2-2", 9, "myst-yaml")
    notes = {n["text"].split(",")[0]: n for n in export_of(app)["commentaries"]}
    assert notes["Rstnote"]["author"] == "査読者"
    assert notes["Mystnote"]["author"] == "査読者B"
    assert len(notes["Mystnote"]["quotes"]) == 2

    lines = warning_lines(app)
    # The second :chapter: warns, located at the directive.
    assert any(ln.startswith("index.rst:21:") and "option 'chapter' given more than once"
               in ln and ln.endswith("[policynotes.unknown_option]") for ln in lines), lines
    # Body lines keep their own line numbers (the options are taken off the top).
    assert any(ln.startswith("index.rst:37:") and "no-such-label" in ln for ln in lines), lines
    assert any(ln.startswith("mystdoc.md:27:") and "no-such-label-2" in ln for ln in lines), lines


@pytest.mark.parametrize(("lines", "options", "body"), [
    ([":a: 1", ":b: two", "   words", "", "body"], {"a": "1", "b": "two\nwords"}, ["body"]),
    ([":a:", "body"], {"a": ""}, ["body"]),
    ([":a\\:b: x", "", "body"], {"a:b": "x"}, ["body"]),
    ([":ref:`x` text"], {}, [":ref:`x` text"]),
    (["body", ":a: 1"], {}, ["body", ":a: 1"]),
])
def test_rst_option_lines(lines: list[str], options: dict[str, str], body: list[str]) -> None:
    found, rest, offset, twice, error = take_options(StringList(lines), 10, myst=False)
    assert error is None
    assert found == options
    assert list(rest) == body
    assert offset == 10 + len(lines) - len(body)
    assert twice == []


@sphinx_root("m-options")
def test_code_is_shown_as_written_and_exported_joined(app: SphinxTestApp) -> None:
    """docs/reference/syntax.md: code blocks are shown as written; the export's
    ``text`` is one string and the CJK line-join rule applies to all of it."""
    app.build()
    note = next(n for n in export_of(app)["commentaries"] if n["text"].startswith("Codenote"))
    assert note["text"] == "Codenote: コード漢字"
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<pre>(?:<span></span>)?コード\n漢字", html)


def test_unreadable_myst_options_stay_in_the_body() -> None:
    found, rest, offset, twice, error = take_options(
        StringList([':a: "unclosed', "", "body"]), 3, myst=True)
    assert (found, list(rest), offset, twice) == ({}, [':a: "unclosed', "", "body"], 3, [])
    assert error


def test_unreadable_myst_options_warn_and_keep_the_quote(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_policynotes"]\n',
                                      encoding="utf-8")
    (tmp_path / "index.md").write_text(
        '# T\n\n```{source-ref} s\n:title: S\n```\n\n```{policy-quote}\n:page: "3\n\n'
        "Kept body.\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    lines = warning_lines(app)
    assert any(ln.startswith("index.md:7:") and "cannot read the options" in ln
               and ln.endswith("[policynotes.unknown_option]") for ln in lines), lines
    quote = export_of(app)["quotes"][0]
    assert "Kept body." in quote["text"] and quote["page"] is None
