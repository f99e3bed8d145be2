"""Generated projects: any input builds, nothing written is lost, the export is valid.

Hypothesis writes small Sphinx projects (``strategies.projects``) in rST and
MyST with every directive and role, valid and invalid option values, hostile
Unicode bodies in paragraphs, lists, tables, code blocks and block quotes,
duplicate and missing ids; each is built with the html builder and checked:

- the build finishes (no exception, no traceback in the output);
- ``policynotes.json`` is valid JSON, matches the shipped JSON Schema
  (``sphinx_policynotes/schema/policynotes-2.json``) and holds exactly what
  the interface contract says of the generated input: sources, quotes and
  commentaries with their values, texts (the contract's whitespace rule),
  cross references and order;
- every quote's and commentary's text reaches its HTML page, and every
  quote's text reaches each ``policy-index`` covering every source;
- every internal link of every page (labels, roles, index) resolves to an
  existing page and id; ids are ASCII and unique in each page;
- every warning of the extension has a ``file:line`` location, and each
  kind of bad input generated was warned about.

``POLICYNOTES_HYPOTHESIS=long`` runs many more examples (see strategies.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
import strategies as S
from buildutil import Build, Element, build, main_body, parse_html, report
from hypothesis import given, note, settings
from hypothesis.errors import InvalidArgument
from util import href_target

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "sphinx_policynotes" / "schema" / "policynotes-2.json"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Warnings other than ours that generated input may legitimately cause.
FOREIGN_OK = (
    "undefined label",  # :ref: to a quote name nobody declared
)
STATS = {"projects": 0, "failed": 0}


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how many generated projects were built and how many failed."""
    yield
    report(request, f"generated projects ({S.PROFILE} profile): "
           f"{STATS['projects']} built, {STATS['failed']} failed")


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validate(export: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema()).validate(export)


def warning_lines(b: Build) -> list[str]:
    text = _ANSI.sub("", b.warnings).replace(str(b.srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]


def build_project(project: S.Project, base: Path, buildername: str = "html") -> Build:
    src = base / "src"
    project.write(src)
    return build(src, buildername, builddir=base / "build")


def page(b: Build, docname: str) -> Element:
    return parse_html(b.outdir / f"{docname}.html")


def element_text(root: Element, anchor: str) -> str:
    found = [e for e in root.iter() if e.attrs.get("id") == anchor]
    assert len(found) == 1, f"id {anchor!r} appears {len(found)} times"
    return found[0].raw_text()


# -- the checks --------------------------------------------------------------------------


def check_build_ran(b: Build) -> list[str]:
    lines = warning_lines(b)
    for stream in (b.warnings, b.status):
        assert "Traceback" not in stream
        assert "Exception occurred" not in stream
    ours = [ln for ln in lines if "[policynotes." in ln]
    unlocated = [ln for ln in ours if not re.match(r"^[^\s:][^:]*:\d+: WARNING: ", ln)]
    assert not unlocated, f"warnings without file:line: {unlocated}"
    foreign = [ln for ln in lines if "WARNING" in ln or "ERROR" in ln or "CRITICAL" in ln]
    foreign = [ln for ln in foreign if "[policynotes." not in ln
               and not any(ok in ln for ok in FOREIGN_OK)]
    assert not foreign, f"unexpected warnings (generator or extension): {foreign}"
    return ours


def check_expected_warnings(project: S.Project, expected: S.Expected, ours: list[str]) -> None:
    missing = []
    for filename, subtype in sorted(expected.warnings):
        if not any(ln.startswith(filename + ":") and ln.endswith(f"[policynotes.{subtype}]")
                   for ln in ours):
            missing.append((filename, subtype))
    assert not missing, f"bad input without its warning: {missing}"


def quote_ids_in_page(b: Build, docname: str, cls: str) -> list[str]:
    return [e.attrs["id"] for e in page(b, docname).find_all(cls=cls) if e.attrs.get("id")]


def check_export(project: S.Project, b: Build) -> dict[str, Any]:
    raw = b.read("policynotes.json")
    export: dict[str, Any] = json.loads(raw)
    expected = S.expected_export(project)

    # Sources: first declaration of each id wins, ordered by id.
    got_sources = [{k: s[k] for k in ("id", "title", "short", "issuer", "date", "url",
                                      "docname")} for s in export["sources"]]
    assert got_sources == expected.sources

    # Map the model's quotes and notes to export ids via document order in the pages.
    ids: list[str] = []
    note_ids: list[str] = []
    for docname in sorted({q["docname"] for q in expected.quotes}
                          | {n["docname"] for n in expected.notes}):
        ids += quote_ids_in_page(b, docname, "policynotes-quote")
        note_ids += quote_ids_in_page(b, docname, "policynotes-commentary")
    assert len(ids) == len(expected.quotes) == len(export["quotes"])
    assert len(note_ids) == len(expected.notes) == len(export["commentaries"])
    assert len(set(ids)) == len(ids) and len(set(note_ids)) == len(note_ids)
    # ``anchor`` is the HTML id of the element in its document's page; ``id`` is opaque
    # but unique, and the cross references use it.
    quotes_at = {(q["docname"], q["anchor"]): q for q in export["quotes"]}
    notes_at = {(c["docname"], c["anchor"]): c for c in export["commentaries"]}
    assert len(quotes_at) == len(export["quotes"]) and len(notes_at) == len(export["commentaries"])
    all_ids = [q["id"] for q in export["quotes"]] + [c["id"] for c in export["commentaries"]]
    assert len(set(all_ids)) == len(all_ids), "export ids are not unique"
    quote_docs = [q["docname"] for q in expected.quotes]
    note_docs = [n["docname"] for n in expected.notes]
    ids = [quotes_at[(d, a)]["id"] for d, a in zip(quote_docs, ids, strict=True)]
    note_ids = [notes_at[(d, a)]["id"] for d, a in zip(note_docs, note_ids, strict=True)]
    quotes = {q["id"]: q for q in export["quotes"]}
    notes = {c["id"]: c for c in export["commentaries"]}
    for src in export["sources"]:
        assert any(e.attrs.get("id") == src["anchor"] and "policynotes-source" in e.classes
                   for e in page(b, src["docname"]).iter()), src

    for qid, exp in zip(ids, expected.quotes, strict=True):
        got = quotes[qid]
        for key in ("name", "source", "chapter", "policy", "page", "docname"):
            assert got[key] == exp[key], (qid, key, got[key], exp[key])
        if exp["clean"]:
            # Cleaning removes whitespace and unifies compatibility ideographs only.
            assert S.squeeze(got["text"]) == S.squeeze(exp["cleaned"]), (qid, got["text"],
                                                                         exp["cleaned"])
        else:
            assert got["text"] == exp["text"], (qid, got["text"], exp["text"])
    for nid, exp in zip(note_ids, expected.notes, strict=True):
        got = notes[nid]
        assert got["author"] == exp["author"], (nid, got["author"], exp["author"])
        assert got["text"] == exp["text"], (nid, got["text"], exp["text"])
        assert got["docname"] == exp["docname"]

    # Cross references both ways, in the contract's order.
    for n, nid in enumerate(note_ids):
        assert notes[nid]["quotes"] == [ids[i] for i in expected.targets[n]], nid
    for i, qid in enumerate(ids):
        on_it = [note_ids[n] for n in range(len(note_ids)) if i in expected.targets[n]]
        assert quotes[qid]["commentaries"] == on_it, qid
    # Order: source id, chapter (null last), policy natural (null first), doc, position.
    assert [q["id"] for q in export["quotes"]] == [ids[i] for i in expected.quote_order]
    assert [c["id"] for c in export["commentaries"]] == note_ids
    return export


def check_html(project: S.Project, b: Build, export: dict[str, Any]) -> None:
    pages = {doc: page(b, doc) for doc in b.docnames}
    for doc, root in pages.items():
        ids = [e.attrs["id"] for e in root.iter() if "id" in e.attrs]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        assert not dupes, (doc, dupes)
        assert all(i.isascii() for i in ids), (doc, [i for i in ids if not i.isascii()])
    expected = S.expected_export(project)
    docs = sorted(project.docs, key=lambda d: d.name)
    model_quotes = [(d.name, it) for d in docs for it in d.items if isinstance(it, S.Quote)]
    model_notes = [(d.name, it) for d in docs for it in d.items if isinstance(it, S.Note)]
    q_ids = [i for d in sorted({n for n, _ in model_quotes}) for i in
             quote_ids_in_page(b, d, "policynotes-quote")]
    n_ids = [i for d in sorted({n for n, _ in model_notes}) for i in
             quote_ids_in_page(b, d, "policynotes-commentary")]
    for (doc, item), anchor, exp in zip(model_quotes, q_ids, expected.quotes, strict=True):
        shown = S.squeeze(element_text(pages[doc], anchor))
        body = S.cleaned_body(item.body) if exp["clean"] else item.body
        for unit, _verbatim in S.body_units(body):
            assert S.squeeze(unit) in shown, (doc, anchor, unit)
    for (doc, model_note), anchor in zip(model_notes, n_ids, strict=True):
        shown = S.squeeze(element_text(pages[doc], anchor))
        for unit, _verbatim in S.body_units(model_note.body):
            assert S.squeeze(unit) in shown, (doc, anchor, unit)
    # Every index covering all sources shows every quote and every note on a quote.
    for model_doc in project.docs:
        for part in model_doc.items:
            if not (isinstance(part, S.Index) and part.sources is None):
                continue
            blocks = pages[model_doc.name].find_all(cls="policynotes-index-block")
            assert blocks, model_doc.name
            shown = S.squeeze("".join(bl.raw_text() for bl in blocks))
            for q in export["quotes"]:
                assert S.squeeze(q["text"]) in shown, (model_doc.name, q["id"])
            for c in export["commentaries"]:
                if c["quotes"]:
                    assert S.squeeze(c["text"]) in shown, (model_doc.name, c["id"])
    # Every internal link resolves; every external one is http(s).
    for doc, root in pages.items():
        for a in main_body(root).find_all("a"):
            href = a.attrs.get("href")
            if href is None:
                continue
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
                assert href.lower().startswith(("http://", "https://", "mailto:")), (doc, href)
                continue
            target_doc, fragment = href_target(doc, unquote(href))
            assert target_doc in pages, (doc, href)
            if fragment:
                assert any(e.attrs.get("id") == fragment for e in pages[target_doc].iter()), \
                    (doc, href)


def _note(text: str) -> None:
    """``hypothesis.note`` inside a property, ``print`` (shown on failure) outside."""
    try:
        note(text)
    except InvalidArgument:
        print(text)


def check_project(project: S.Project) -> None:
    STATS["projects"] += 1
    _note(S.dump(project))
    with tempfile.TemporaryDirectory() as tmp:
        b = build_project(project, Path(tmp))
        try:
            ours = check_build_ran(b)
            check_expected_warnings(project, S.expected_export(project), ours)
            export = check_export(project, b)
            check_html(project, b, export)
            # Last, so that a schema mismatch does not hide the checks above.
            validate(export)
        except AssertionError:
            STATS["failed"] += 1
            _note("warnings:\n" + b.warnings)
            keep = os.environ.get("POLICYNOTES_KEEP_FAILED")
            if keep:  # a directory to copy the failing project to, for debugging
                dest = Path(keep) / f"project-{STATS['projects']}"
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(Path(tmp) / "src", dest)
                _note(f"project kept in {dest}")
            raise


# -- the properties ---------------------------------------------------------------------

def _para(*lines: str) -> S.Body:
    return (S.Para(tuple((S.Tok("text", line),) for line in lines)),)


#: Minimal failing inputs hypothesis found, kept as explicit examples.
#: rST backslash escapes reach the export as U+0000 (``a\x00*b\x00_c``).
ESCAPED = S.Project(docs=[S.Doc("a", "rst", [
    S.SourceRef("dg-2017", "T", None, None, None, None, ()),
    S.Quote(None, None, None, None, None, True, False, False, _para("a*b_c")),
])])
#: MyST: the CJK join removes the wrong soft break (``APIと行政サービス``).
MYST_BREAKS = S.Project(docs=[S.Doc("a", "md", [
    S.SourceRef("dg-2017", "T", None, None, None, None, ()),
    S.Quote(None, None, None, None, None, True, False, False, _para("API", "と行政", "サービス")),
])])
#: A source-ref without id gives the next source-ref of the document the same HTML id.
NO_ID_THEN_ID = S.Project(docs=[S.Doc("a", "rst", [
    S.SourceRef(None, "T", None, None, None, None, ()),
    S.SourceRef("dg-2017", "U", None, None, None, None, ()),
])])


@pytest.mark.parametrize("project", [ESCAPED, MYST_BREAKS, NO_ID_THEN_ID],
                         ids=["rst-escapes", "myst-soft-breaks", "source-without-id"])
def test_found_case(project: S.Project) -> None:
    """Cases hypothesis found once, checked on every run (whatever it generates)."""
    check_project(project)


@settings(max_examples=S.examples(20, 400))
@given(S.projects())
def test_generated_projects(project: S.Project) -> None:
    check_project(project)


@settings(max_examples=S.examples(6, 150))
@given(S.projects(max_docs=2, max_items=4).map(
    lambda p: S.Project(docs=[S.Doc(d.name, "md", d.items) for d in p.docs],
                        language=p.language, default_source=p.default_source,
                        default_author=p.default_author, clean_text=p.clean_text)))
def test_generated_myst_projects(project: S.Project) -> None:
    """MyST only: its escaping and option syntax differ from rST's."""
    check_project(project)


def test_schema_is_valid_draft_2020_12() -> None:
    data = schema()
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = data["$defs"]
    # Every key of the contract, with no key left optional and no other key allowed.
    contract = {
        "": (data, {"schema", "sources", "quotes", "commentaries", "diffs"}),
        "source": (defs["source"], {"id", "title", "short", "issuer", "date", "url",
                                    "docname", "anchor"}),
        "quote": (defs["quote"], {"id", "name", "source", "chapter", "policy", "at", "page",
                                  "text", "docname", "anchor", "commentaries"}),
        "commentary": (defs["commentary"], {"id", "author", "text", "docname", "anchor",
                                            "quotes", "stance", "tags", "reply_to", "status",
                                            "decision", "responses"}),
    }
    for where, (obj, keys) in contract.items():
        assert keys <= set(obj["properties"]), (where, keys - set(obj["properties"]))
        assert obj["additionalProperties"] is False, where
        assert set(obj["required"]) == set(obj["properties"]), where
    assert defs["quote"]["properties"]["chapter"]["type"] == ["integer", "null"]
    assert defs["quote"]["properties"]["page"]["type"] == ["integer", "null"]
    assert data["properties"]["schema"]["const"] == "sphinx-policynotes/2"


@pytest.mark.parametrize("mutate", [
    lambda e: e.update(extra=1),
    lambda e: e["quotes"][0].update(chapter="4"),
    lambda e: e["quotes"][0].pop("text"),
    lambda e: e["quotes"][0].update(page=0),
    lambda e: e["sources"][0].update(url="javascript:alert(1)"),
    lambda e: e["sources"][0].update(date="2017/05/30"),
    lambda e: e["commentaries"][0].update(quotes=[1]),
    lambda e: e.update(schema="sphinx-policynotes/1"),
    lambda e: e["quotes"][0].update(anchor="方針"),
    lambda e: e["commentaries"][0].update(stance="opinion"),
    lambda e: e["commentaries"][0].pop("reply_to"),
    lambda e: e["commentaries"][0].update(tags="a, b"),
], ids=["extra-key", "chapter-str", "no-text", "page-0", "js-url", "bad-date",
        "int-ref", "schema-1", "non-ascii-anchor", "bad-stance", "no-reply-to", "tags-str"])
def test_schema_rejects_what_the_contract_forbids(mutate: Any) -> None:
    good = {"schema": "sphinx-policynotes/2",
            "sources": [{"id": "dg", "title": "T", "short": None, "issuer": None,
                         "date": "2017-05-30", "url": "https://example.org/", "docname": "a",
                         "anchor": "src-a-1"}],
            "quotes": [{"id": "pq-a-1", "name": "bpr", "source": "dg", "chapter": 4,
                        "policy": "方針1-1", "page": 5, "text": "本文", "docname": "a",
                        "at": {"key": "chp_4__方針1-1", "label": "第4章 方針1-1",
                               "path": [{"level": "chp", "num": "4", "label": "第4章"},
                                        {"level": "policy", "num": "方針1-1",
                                         "label": "方針1-1"}]},
                        "anchor": "pq-a-1", "commentaries": ["pc-a-1"],
                        # quote verification (docs/reference/verification.md)
                        "verified": None, "match_score": None}],
            "commentaries": [{"id": "pc-a-1", "author": None, "text": "", "docname": "a",
                              "anchor": "pc-a-1", "quotes": ["pq-a-1"], "stance": "note",
                              "tags": [], "reply_to": None, "status": "open",
                              "decision": None, "responses": []}],
            "coverage": {}, "diffs": []}
    validate(good)
    mutate(good)
    with pytest.raises(jsonschema.ValidationError):
        validate(good)
