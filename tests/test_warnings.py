"""Bad input: a located, typed warning, and the content still rendered and exported.

Root ``test-d-bad``: one orphan document per kind of bad input (rST), and
``bad_md.md`` with the MyST variants. Each case asserts the exact warning line
(``file:line: WARNING: message [policynotes.<subtype>]``), that the content is
in the HTML page and what the export holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from util import export_of, html_of, parse_html, sphinx_root, warning_lines

NOTHING = ("commentary has no quote to comment on (no policy-quote before it since the "
           "previous commentary, and no :on:)")
KNOWN_QUOTE_OPTIONS = ("known: at, chapter, class, continues, name, page, policy, source, "
                       "verbatim")
LINE_RE = re.compile(r"^[\w/.-]+\.(rst|md):[0-9]+: WARNING: .+ \[policynotes\.[a-z_]+\]$")


@dataclass(frozen=True)
class Case:
    """One bad input: where it warns, with what, what stays in the page and export."""

    file: str
    line: int
    subtype: str
    message: str
    #: texts that must be in the page of ``file``
    content: tuple[str, ...]
    #: (kind, key, field, expected): kind "quotes" keyed by name, "sources" by id,
    #: "commentaries" by text
    export: tuple[tuple[str, str, str, Any], ...] = field(default=())

    @property
    def warning(self) -> str:
        return f"{self.file}:{self.line}: WARNING: {self.message} [policynotes.{self.subtype}]"

    @property
    def docname(self) -> str:
        return self.file.rsplit(".", 1)[0]


CASES = {
    # -- unknown :source: (exported as written)
    "unknown-source": Case(
        "bad_source.rst", 6, "unknown_source", "policy-quote: unknown source 'nosuch'",
        ("Quote from an undeclared source.",),
        (("quotes", "q-bad-source", "source", "nosuch"),
         ("quotes", "q-bad-source", "chapter", 1),
         ("quotes", "q-bad-source", "text", "Quote from an undeclared source."))),
    "unknown-source-myst": Case(
        "bad_md.md", 7, "unknown_source", "policy-quote: unknown source 'nosuch-md'",
        ("MyST quote with bad values.",),
        (("quotes", "q-md-bad", "source", "nosuch-md"),
         ("quotes", "q-md-bad", "text", "MyST quote with bad values."))),
    # -- unparseable :chapter: / :page: (exported null)
    "bad-chapter": Case(
        "bad_chapter.rst", 6, "bad_chapter",
        "policy-quote: cannot read :chapter: '第X章' as a chapter number",
        ("Quote with a bad chapter.",),
        (("quotes", "q-bad-chapter", "chapter", None),
         ("quotes", "q-bad-chapter", "source", "good"),
         ("quotes", "q-bad-chapter", "text", "Quote with a bad chapter."))),
    "bad-chapter-myst": Case(
        "bad_md.md", 7, "bad_chapter",
        "policy-quote: cannot read :chapter: 'chapter X' as a chapter number",
        ("MyST quote with bad values.",),
        (("quotes", "q-md-bad", "chapter", None),)),
    "bad-page": Case(
        "bad_page.rst", 6, "bad_page", "policy-quote: :page: 'abc' is not a positive integer",
        ("Quote with a bad page.",),
        (("quotes", "q-bad-page", "page", None),
         ("quotes", "q-bad-page", "text", "Quote with a bad page."))),
    "zero-page": Case(
        "bad_page.rst", 13, "bad_page", "policy-quote: :page: '0' is not a positive integer",
        ("Quote with page zero.",),
        (("quotes", "q-zero-page", "page", None),
         ("quotes", "q-zero-page", "text", "Quote with page zero."))),
    "bad-page-myst": Case(
        "bad_md.md", 7, "bad_page", "policy-quote: :page: 'p.-2' is not a positive integer",
        ("MyST quote with bad values.",),
        (("quotes", "q-md-bad", "page", None),)),
    # -- invalid :date: (null)
    "bad-date": Case(
        "bad_date.rst", 6, "bad_date",
        "source-ref 'bad-date': invalid :date: '2017-13-01' (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ("Badly dated source", "Card with a bad date."),
        (("sources", "bad-date", "date", None),
         ("sources", "bad-date", "title", "Badly dated source"))),
    "bad-date-myst": Case(
        "bad_md.md", 34, "bad_date",
        "source-ref 'md-js': invalid :date: '2017-02-30' (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ("MyST script source",),
        (("sources", "md-js", "date", None),)),
    # -- non-http(s) :url: (null, not linked)
    "javascript-url": Case(
        "bad_url.rst", 6, "bad_url",
        "source-ref 'js-url': :url: 'javascript:alert(1)' is not an http(s) URL; not linked",
        ("Script source", "Card with a javascript URL."),
        (("sources", "js-url", "url", None),
         ("sources", "js-url", "title", "Script source"))),
    "mixed-case-javascript-url": Case(
        "bad_url.rst", 12, "bad_url",
        "source-ref 'js-mixed': :url: 'JaVaScRiPt:x' is not an http(s) URL; not linked",
        ("Mixed-case script source",),
        (("sources", "js-mixed", "url", None),)),
    "javascript-url-myst": Case(
        "bad_md.md", 34, "bad_url",
        "source-ref 'md-js': :url: 'javascript:alert(1)' is not an http(s) URL; not linked",
        ("MyST script source",),
        (("sources", "md-js", "url", None),)),
    # -- empty bodies (exported as "")
    "empty-quote": Case(
        "empty.rst", 6, "empty_body", "policy-quote has an empty body",
        ("第2章",),
        (("quotes", "q-empty", "text", ""), ("quotes", "q-empty", "chapter", 2))),
    "empty-commentary": Case(
        "empty.rst", 11, "empty_body", "commentary has an empty body",
        ("Silent reviewer",),
        (("commentaries", "", "author", "Silent reviewer"),)),
    "empty-commentary-myst": Case(
        "bad_md.md", 24, "empty_body", "commentary has an empty body",
        ("MyST quote with an unknown option.",),
        (("commentaries", "", "author", None), ("commentaries", "", "text", ""))),
    # -- :on: naming an unknown quote
    "unknown-quote": Case(
        "unknown_on.rst", 6, "unknown_quote",
        "commentary :on: names an unknown quote 'no-such-quote', so it comments on no quote",
        ("Note on a quote that does not exist.",),
        (("commentaries", "Note on a quote that does not exist.", "quotes", []),)),
    "unknown-quote-myst": Case(
        "bad_md.md", 27, "unknown_quote",
        "commentary :on: names an unknown quote 'q-md-missing', so it comments on no quote",
        ("MyST note on a missing quote.",),
        (("commentaries", "MyST note on a missing quote.", "quotes", []),)),
    # -- a commentary with nothing to comment on
    "nothing-to-comment": Case(
        "nothing.rst", 6, "nothing_to_comment", NOTHING,
        ("A note with no quote before it.",),
        (("commentaries", "A note with no quote before it.", "quotes", []),
         ("commentaries", "A note with no quote before it.", "docname", "nothing"))),
    # -- duplicate source-ref ids: both places named, the first wins
    "duplicate-source": Case(
        "dup_b.rst", 6, "duplicate_source",
        "duplicate source-ref id 'dup'; the first, at dup_a:6, is used",
        ("Second dup title", "The second card of dup."),
        (("sources", "dup", "title", "First dup title"),
         ("sources", "dup", "docname", "dup_a"))),
    "duplicate-source-same-document": Case(
        "dup_b.rst", 20, "duplicate_source",
        "duplicate source-ref id 'dup-same'; the first, at dup_b:17, is used",
        ("dup-same first", "dup-same second"),
        (("sources", "dup-same", "title", "dup-same first"),)),
    # -- duplicate :name:
    "duplicate-name": Case(
        "dup_b.rst", 11, "duplicate_name",
        "duplicate quote name 'same-name'; the first, at dup_a:9, is used",
        ("Second quote named same-name.",)),
    "name-is-already-a-label": Case(
        "label_clash.rst", 8, "duplicate_name",
        "quote name 'clash-label' is already a label in label_clash; :ref: goes there",
        ("Quote whose name is already a section label.",),
        (("quotes", "clash-label", "text", "Quote whose name is already a section label."),)),
    # -- unknown option: warned, the directive still rendered
    "unknown-option": Case(
        "unknown_option.rst", 6, "unknown_option",
        f"policy-quote: unknown option 'colour' (ignored); {KNOWN_QUOTE_OPTIONS}",
        ("Quote with an unknown option.",),
        (("quotes", "q-option", "source", "good"),
         ("quotes", "q-option", "text", "Quote with an unknown option."))),
    "unknown-option-myst": Case(
        "bad_md.md", 16, "unknown_option",
        f"policy-quote: unknown option 'shade' (ignored); {KNOWN_QUOTE_OPTIONS}",
        ("MyST quote with an unknown option.",),
        (("quotes", "q-md-option", "text", "MyST quote with an unknown option."),)),
    # -- role targets
    "unknown-policy": Case(
        "roles.rst", 20, "unknown_ref", "policy target '9-9': no quote has policy 方針9-9",
        ("Unknown policy 9-9.",)),
    "ambiguous-policy": Case(
        "roles.rst", 22, "ambiguous_ref",
        "policy target '1-1' is ambiguous: 方針1-1 in good, other; write SOURCE:方針1-1 "
        "(linked to good)",
        ("Ambiguous policy",)),
    "unknown-source-ref": Case(
        "roles.rst", 24, "unknown_ref", "source-ref target 'nosuch-card' is not a declared source",
        ("Unknown card nosuch-card.",)),
    "unknown-source-ref-myst": Case(
        "bad_md.md", 32, "unknown_ref", "source-ref target 'md-nosuch' is not a declared source",
        ("Unknown MyST card md-nosuch.",)),
    # -- source-ref without :title: / without id
    "missing-title": Case(
        "missing.rst", 6, "missing_title", "source-ref 'no-title' has no :title:",
        ("no-title", "A card without a title."),
        (("sources", "no-title", "title", None),)),
    "missing-id": Case(
        "missing.rst", 10, "missing_id", "source-ref needs an id argument",
        ("Card without id",)),
}


def record(data: dict[str, Any], kind: str, key: str, docname: str | None = None
           ) -> dict[str, Any]:
    """The first exported record of ``kind`` with this key (and document, if given)."""
    field_name = {"quotes": "name", "sources": "id", "commentaries": "text"}[kind]
    found: list[dict[str, Any]] = [r for r in data[kind]
             if r[field_name] == key and docname in (None, r["docname"])]
    assert len(found) >= 1, f"no {kind} {key!r} in the export"
    return found[0]


@pytest.mark.parametrize(
    "case_id", [pytest.param(case_id, marks=sphinx_root("d-bad")) for case_id in CASES])
def test_bad_input(app: SphinxTestApp, case_id: str) -> None:
    case = CASES[case_id]
    app.build()
    lines = warning_lines(app)
    assert case.warning in lines, "\n".join(lines)
    page = html_of(app, case.docname).text
    for text in case.content:
        assert text in page
    data = export_of(app)
    for kind, key, field_name, expected in case.export:
        docname = case.docname if kind == "commentaries" else None
        assert record(data, kind, key, docname)[field_name] == expected, (kind, key, field_name)


@sphinx_root("d-bad")
def test_every_warning_is_located_and_typed(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    assert lines
    for line in lines:
        assert LINE_RE.match(line), line
    assert "Traceback" not in app.status.getvalue()


@sphinx_root("d-bad")
def test_non_http_urls_are_never_linked(app: SphinxTestApp) -> None:
    app.build()
    for path in sorted(Path(app.outdir).rglob("*.html")):
        page = parse_html(path.read_text(encoding="utf-8"))
        for a in page.find_all("a"):
            href = "".join(a.attrs.get("href", "").split()).lower()
            assert not href.startswith("javascript"), (path.name, a.attrs)
    quote = record(export_of(app), "quotes", "q-js-page")
    assert quote["page"] == 5
    div = html_of(app, "bad_url").by_id(quote["anchor"])
    assert "p. 5" in div.text
    assert [a.text for a in div.links() if "p. 5" in a.text] == []
    assert "Quote whose source has no usable URL." in div.text


@sphinx_root("d-bad")
def test_duplicate_names_keep_both_quotes(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    named = sorted((q["docname"], q["text"]) for q in data["quotes"] if q["name"] == "same-name")
    assert named == [("dup_a", "First quote named same-name."),
                     ("dup_b", "Second quote named same-name.")]
    assert "First quote named same-name." in html_of(app, "dup_a").text
    assert "Second quote named same-name." in html_of(app, "dup_b").text
    cards = [s for s in data["sources"] if s["id"] == "dup"]
    assert len(cards) == 1


@sphinx_root("d-bad", confoverrides={"suppress_warnings": ["policynotes.bad_page"]})
def test_suppress_warnings_silences_one_subtype(app: SphinxTestApp) -> None:
    app.build()
    subtypes = {re.findall(r"\[policynotes\.([a-z_]+)\]$", line)[0]
                for line in warning_lines(app)}
    expected = {case.subtype for case in CASES.values()} - {"bad_page"}
    assert subtypes == expected
    quotes = {q["name"]: q for q in export_of(app)["quotes"]}
    assert quotes["q-bad-page"]["page"] is None
    assert "Quote with a bad page." in html_of(app, "bad_page").text


@sphinx_root("d-bad")
def test_empty_bodies_still_render_and_link(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quotes = {q["name"]: q for q in data["quotes"]}
    for docname, names in (("empty", ["q-empty"]), ("bad_md", ["q-md-bad", "q-md-option"])):
        note = record(data, "commentaries", "", docname)
        assert note["quotes"] == [quotes[name]["anchor"] for name in names]
        for name in names:
            assert note["id"] in quotes[name]["commentaries"]
        page = html_of(app, docname)
        assert page.by_id(note["anchor"]).links(), "the empty commentary lost its label"
    empty = quotes["q-empty"]
    assert empty["text"] == ""
    div = html_of(app, "empty").by_id(empty["anchor"])
    assert "Good" in div.text
    assert "Silent reviewer" in div.text
