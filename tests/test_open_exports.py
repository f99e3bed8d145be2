"""policynotes.jsonld and policynotes.csv written by html-family builds."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

PAR = Path(__file__).parent / "roots" / "test-b-par"


def read(outdir: Path, name: str) -> str:
    with (outdir / name).open(encoding="utf-8", newline="") as f:
        return f.read()


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.sphinx("html", testroot="m-lineage", freshenv=True,
                    confoverrides={"policynotes_base_url": "https://example.org/notes/"})
def test_html_writes_annotations_and_csv(app) -> None:
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
def test_dirhtml_page_urls(app) -> None:
    app.build()
    rows = csv_rows(read(Path(app.outdir), "policynotes.csv"))
    assert any(r["url"].startswith("plan/#pq-plan-") for r in rows), rows


@pytest.mark.sphinx("singlehtml", testroot="m-lineage", freshenv=True)
def test_singlehtml_page_urls(app) -> None:
    app.build()
    rows = csv_rows(read(Path(app.outdir), "policynotes.csv"))
    assert all(r["url"].startswith("index.html#pq-") for r in rows), rows


@pytest.mark.sphinx("html", testroot="m-lineage", freshenv=True, srcdir="exports-off",
                    confoverrides={"policynotes_jsonld": None, "policynotes_csv": None})
def test_exports_can_be_switched_off(app) -> None:
    app.build()
    out = Path(app.outdir)
    assert (out / "policynotes.json").is_file()
    assert not (out / "policynotes.jsonld").exists()
    assert not (out / "policynotes.csv").exists()


@pytest.mark.sphinx("epub", testroot="m-lineage", freshenv=True, srcdir="exports-epub")
def test_epub_writes_no_exports(app) -> None:
    app.build()
    assert not (Path(app.outdir) / "policynotes.csv").exists()


NAMES = ("policynotes.json", "policynotes.jsonld", "policynotes.csv")


def build(make_app, srcdir: Path, outdir: Path, parallel: int = 1) -> dict[str, str]:  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel)
    app.build()
    return {name: read(Path(app.outdir), name) for name in NAMES}


def test_parallel_and_incremental_equal_clean(make_app, tmp_path: Path) -> None:
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


@pytest.mark.sphinx("html", testroot="m-verify", freshenv=True, srcdir="schema-verify")
def test_export_matches_the_shipped_schema(app) -> None:
    import jsonschema

    import sphinx_policynotes

    app.build()
    schema_path = Path(sphinx_policynotes.__file__).parent / "schema" / "policynotes-1.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(read(Path(app.outdir), "policynotes.json"))
    assert data["coverage"]  # the verification and coverage keys are exercised
    jsonschema.validate(data, schema)


@pytest.mark.sphinx("html", testroot="m-escapes", freshenv=True)
def test_rst_backslash_escapes_do_not_reach_the_export(app) -> None:
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
def test_source_cards_without_id_do_not_share_anchors(app) -> None:
    import re

    app.build()
    html = read(Path(app.outdir), "index.html")
    ids = re.findall(r'id="(src-[^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    assert "[policynotes.missing_id]" in app.warning.getvalue()
