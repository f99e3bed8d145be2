"""policynotes.jsonld and policynotes.csv written by html-family builds, and
policynotes.json against its shipped JSON Schema.

``test-x-locators`` quotes one source per numbering scheme (ja-law, eu,
dotted, ja-plan by ``:at:`` and by ``:chapter:``/``:policy:``), with one
``:at:`` its scheme cannot read and one quote without a place.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from buildutil import Build, cached_build
from sphinx.testing.util import SphinxTestApp

import sphinx_policynotes

PAR = Path(__file__).parent / "roots" / "test-b-par"
SCHEMAS = Path(sphinx_policynotes.__file__).parent / "schema"
#: The JSON Schema of the current export, and the one kept for old exports.
CURRENT_SCHEMA = "policynotes-2.json"
OLD_SCHEMA = "policynotes-1.json"


def read(outdir: Path, name: str) -> str:
    with (outdir / name).open(encoding="utf-8", newline="") as f:
        return f.read()


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.sphinx("html", testroot="m-lineage", freshenv=True,
                    confoverrides={"policynotes_base_url": "https://example.org/notes/"})
def test_html_writes_annotations_and_csv(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir)
    data = json.loads(read(out, "policynotes.json"))
    doc = json.loads(read(out, "policynotes.jsonld"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    commenting = [a for a in items if a["motivation"] == "commenting"]
    assert len(commenting) == len(data["commentaries"])
    for annotation in items:
        assert annotation["id"].startswith("https://example.org/notes/")
        assert annotation["target"]
    rows = csv_rows(read(out, "policynotes.csv"))
    assert [r["quote"] for r in rows] == [q["text"] for q in data["quotes"]]
    assert rows[0]["url"].startswith("https://example.org/notes/")
    assert {r["source"] for r in rows} == {"dg-2017", "dg-2018"}


@pytest.mark.sphinx("dirhtml", testroot="m-lineage", freshenv=True)
def test_dirhtml_page_urls(app: SphinxTestApp) -> None:
    app.build()
    rows = csv_rows(read(Path(app.outdir), "policynotes.csv"))
    assert any(r["url"].startswith("plan/#pq-plan-") for r in rows), rows


@pytest.mark.sphinx("singlehtml", testroot="m-lineage", freshenv=True)
def test_singlehtml_page_urls(app: SphinxTestApp) -> None:
    app.build()
    rows = csv_rows(read(Path(app.outdir), "policynotes.csv"))
    assert all(r["url"].startswith("index.html#pq-") for r in rows), rows


@pytest.mark.sphinx("html", testroot="m-lineage", freshenv=True, srcdir="exports-off",
                    confoverrides={"policynotes_jsonld": None, "policynotes_csv": None})
def test_exports_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir)
    assert (out / "policynotes.json").is_file()
    assert not (out / "policynotes.jsonld").exists()
    assert not (out / "policynotes.csv").exists()


@pytest.mark.sphinx("epub", testroot="m-lineage", freshenv=True, srcdir="exports-epub")
def test_epub_writes_no_exports(app: SphinxTestApp) -> None:
    app.build()
    assert not (Path(app.outdir) / "policynotes.csv").exists()


NAMES = ("policynotes.json", "policynotes.jsonld", "policynotes.csv")


def build(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, outdir: Path, parallel: int = 1
) -> dict[str, str]:
    app = make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel)
    app.build()
    return {name: read(Path(app.outdir), name) for name in NAMES}


def test_parallel_and_incremental_equal_clean(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(PAR, src)
    serial = build(make_app, src, tmp_path / "serial")
    parallel = build(make_app, src, tmp_path / "parallel", parallel=2)
    assert parallel == serial
    # Edit one document and rebuild incrementally; compare with a clean build.
    page = next(p for p in sorted(src.glob("*.rst")) if "policy-quote" in p.read_text("utf-8"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("policy-quote::", "policy-quote::\n   :page: 7", 1),
                    encoding="utf-8")
    stamp = page.stat().st_mtime + 5
    os.utime(page, (stamp, stamp))
    incremental = build(make_app, src, tmp_path / "serial")
    clean = build(make_app, src, tmp_path / "clean")
    assert incremental == clean
    assert incremental != serial


@cache
def schema(name: str = CURRENT_SCHEMA) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validate(export: dict[str, Any], name: str = CURRENT_SCHEMA) -> None:
    jsonschema.Draft202012Validator(schema(name)).validate(export)


@pytest.mark.sphinx("html", testroot="m-verify", freshenv=True, srcdir="schema-verify")
def test_export_matches_the_shipped_schema(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads(read(Path(app.outdir), "policynotes.json"))
    assert data["coverage"]  # the verification and coverage keys are exercised
    assert data["schema"] == "sphinx-policynotes/2"
    validate(data)


def test_both_schemas_are_shipped_and_name_their_format() -> None:
    current, old = schema(CURRENT_SCHEMA), schema(OLD_SCHEMA)
    assert current["properties"]["schema"]["const"] == "sphinx-policynotes/2"
    assert current["$id"].endswith("/schema/policynotes-2.json")
    assert old["properties"]["schema"]["const"] == "sphinx-policynotes/1"
    assert "at" in current["$defs"]["quote"]["required"]
    assert "at" not in old["$defs"]["quote"]["properties"]
    # Format 2 is format 1 plus "at" on each quote (and the locator's definitions)
    bare = copy.deepcopy(current)
    del bare["$defs"]["quote"]["properties"]["at"]
    bare["$defs"]["quote"]["required"].remove("at")
    for name in ("locator", "segment"):
        del bare["$defs"][name]
    # ... and the review keys on each commentary (issue 25).
    for key in ("stance", "tags", "reply_to", "status", "decision", "responses"):
        del bare["$defs"]["commentary"]["properties"][key]
        bare["$defs"]["commentary"]["required"].remove(key)
    assert bare["$defs"].keys() == old["$defs"].keys()
    assert bare["$defs"]["quote"]["required"] == old["$defs"]["quote"]["required"]
    assert bare["$defs"]["quote"]["properties"].keys() == old["$defs"]["quote"]["properties"].keys()
    assert bare["$defs"]["source"] == old["$defs"]["source"]
    assert bare["$defs"]["commentary"] == old["$defs"]["commentary"]
    assert bare["$defs"]["coverage"] == old["$defs"]["coverage"]


# -- quotes placed by several numbering schemes (test-x-locators) ------------------

#: ``at`` of each quote of test-x-locators, by name.
LOCATED: dict[str, dict[str, Any] | None] = {
    "law-item": {"key": "art_3-2__para_1__item_2", "label": "第三条の二第一項第二号",
                 "path": [{"level": "art", "num": "3-2", "label": "第三条の二"},
                          {"level": "para", "num": "1", "label": "第一項"},
                          {"level": "item", "num": "2", "label": "第二号"}]},
    "eu-point": {"key": "art_5__para_1__point_a", "label": "Art. 5(1)(a)",
                 "path": [{"level": "art", "num": "5", "label": "Art. 5"},
                          {"level": "para", "num": "1", "label": "(1)"},
                          {"level": "point", "num": "a", "label": "(a)"}]},
    "eu-bad": {"key": None, "label": "Article 99(zz9)", "path": []},
    "dotted": {"key": "sec_3.2.1", "label": "３．２．１",
               "path": [{"level": "sec", "num": "3.2.1", "label": "３．２．１"}]},
    "plan-at": {"key": "chp_4__方針1-1", "label": "第４章【方針１－１】",
                "path": [{"level": "chp", "num": "4", "label": "第４章"},
                         {"level": "policy", "num": "方針1-1", "label": "【方針１－１】"}]},
    "plan-options": {"key": "chp_4__方針1-2", "label": "第4章 方針1-2",
                     "path": [{"level": "chp", "num": "4", "label": "第4章"},
                              {"level": "policy", "num": "方針1-2", "label": "方針1-2"}]},
    "nowhere": None,
}


@pytest.fixture(scope="module")
def located(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, "x-locators")


def by_name(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["name"]: q for q in export["quotes"]}


def test_several_schemes_export_at_and_match_the_schema(located: Build) -> None:
    # The one warning is the locator the eu scheme cannot read.
    assert [w for w in located.warnings.splitlines() if "WARNING" in w] == [
        w for w in located.warnings.splitlines() if "[policynotes.bad_locator]" in w]
    assert "[policynotes.bad_locator]" in located.warnings
    data = located.export()
    assert data["schema"] == "sphinx-policynotes/2"
    quotes = by_name(data)
    assert {name: q["at"] for name, q in quotes.items()} == LOCATED
    # chapter and policy: filled for ja-plan places only.
    assert {name: (q["chapter"], q["policy"]) for name, q in quotes.items()} == {
        "law-item": (None, None), "eu-point": (None, None), "eu-bad": (None, None),
        "dotted": (None, None), "plan-at": (4, "方針1-1"), "plan-options": (4, "方針1-2"),
        "nowhere": (None, None)}
    validate(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data, OLD_SCHEMA)  # format 1 has no "at"


def test_several_schemes_csv_has_at_key_and_at_label(located: Build) -> None:
    rows = {r["quote"]: r for r in csv_rows(read(located.outdir, "policynotes.csv"))}
    quotes = by_name(located.export())
    got = {name: (rows[q["text"]]["at_key"], rows[q["text"]]["at_label"])
           for name, q in quotes.items()}
    assert got == {
        "law-item": ("art_3-2__para_1__item_2", "第三条の二第一項第二号"),
        "eu-point": ("art_5__para_1__point_a", "Art. 5(1)(a)"),
        "eu-bad": ("", "Article 99(zz9)"),
        "dotted": ("sec_3.2.1", "３．２．１"),
        "plan-at": ("chp_4__方針1-1", "第４章【方針１－１】"),
        "plan-options": ("chp_4__方針1-2", "第4章 方針1-2"),
        "nowhere": ("", "")}
    header = next(csv.reader(io.StringIO(read(located.outdir, "policynotes.csv")[1:])))
    assert header[header.index("policy") + 1:header.index("policy") + 3] == [
        "at_key", "at_label"]


def test_several_schemes_jsonld_targets_carry_the_place(located: Build) -> None:
    doc = json.loads(read(located.outdir, "policynotes.jsonld"))
    targets = [t for a in doc["first"]["items"]
               for t in (a["target"] if isinstance(a["target"], list) else [a["target"]])]
    got = {t["selector"]["exact"]: (t.get("dcterms:identifier"), t.get("label"))
           for t in targets}
    quotes = by_name(located.export())
    assert {name: got[q["text"]] for name, q in quotes.items()} == {
        name: ((at["key"], at["label"]) if at else (None, None))
        for name, at in LOCATED.items()}


def _good_export() -> dict[str, Any]:
    return {"schema": "sphinx-policynotes/2", "sources": [], "coverage": {}, "diffs": [],
            "commentaries": [],
            "quotes": [{"id": "pq-a-1", "name": None, "source": "eu-ai", "chapter": None,
                        "policy": None, "at": copy.deepcopy(LOCATED["eu-point"]), "page": None,
                        "text": "本文", "docname": "a", "anchor": "pq-a-1", "commentaries": [],
                        "verified": None, "match_score": None}]}


def _at(change: Callable[[Any], object]) -> Callable[[dict[str, Any]], object]:
    """A change of the first quote's ``at`` (in place) as a change of the export."""
    return lambda export: change(export["quotes"][0]["at"])


@pytest.mark.parametrize("mutate", [
    lambda e: e["quotes"][0].update(at="Art. 5(1)(a)"),  # the label alone, not an object
    _at(lambda at: at.pop("path")),                     # a key missing
    _at(lambda at: at.update(scheme="eu")),             # a key the format does not have
    _at(lambda at: at.update(key="")),                  # an empty key
    _at(lambda at: at.update(label=None)),              # a label is always there
    _at(lambda at: at.update(key=None)),                # no key, yet a path
    _at(lambda at: at.update(path=[])),                 # a key, yet no path
    _at(lambda at: at["path"][0].pop("level")),
    _at(lambda at: at["path"][0].update(num=5)),        # numbers are strings
    _at(lambda at: at["path"].append("art_6")),         # a segment is an object
    lambda e: e["quotes"][0].pop("at"),                 # "at" is required
], ids=["string", "no-path", "extra-key", "empty-key", "null-label", "null-key-with-path",
        "key-without-path", "segment-no-level", "segment-int-num", "segment-string",
        "missing"])
def test_schema_rejects_an_at_of_the_wrong_shape(mutate: Callable[[dict[str, Any]], object],
                                                 ) -> None:
    export = _good_export()
    validate(export)
    unreadable = _good_export()
    unreadable["quotes"][0]["at"] = copy.deepcopy(LOCATED["eu-bad"])
    validate(unreadable)
    nowhere = _good_export()
    nowhere["quotes"][0]["at"] = None
    validate(nowhere)
    mutate(export)
    with pytest.raises(jsonschema.ValidationError):
        validate(export)


@pytest.mark.sphinx("html", testroot="m-escapes", freshenv=True)
def test_rst_backslash_escapes_do_not_reach_the_export(app: SphinxTestApp) -> None:
    """docutils keeps escaped characters with a NUL marker in text nodes; the
    export, CSV and index show the text as the reader sees it."""
    app.build()
    out = Path(app.outdir)
    data = json.loads(read(out, "policynotes.json"))
    assert data["quotes"][0]["text"] == "a*b_c"
    assert data["commentaries"][0]["text"] == "x*y"
    assert "\x00" not in read(out, "policynotes.csv")
    assert "a*b_c" in read(out, "index.html")


@pytest.mark.sphinx("html", testroot="m-noid", freshenv=True)
def test_source_cards_without_id_do_not_share_anchors(app: SphinxTestApp) -> None:
    import re

    app.build()
    html = read(Path(app.outdir), "index.html")
    ids = re.findall(r'id="(src-[^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    assert "[policynotes.missing_id]" in app.warning.getvalue()
