"""``policynotes.json``: where it is written, its keys, order, values and stability.

``test-b-all`` is a clean project (also regressed against
``tests/fixtures/export-b-all.json``; ``POLICYNOTES_REGEN=1`` rewrites it);
``test-b-exp`` holds the edge cases: nulls, empty bodies, refused values, an
unknown source, a duplicate source id and quotes in a scrambled order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from buildutil import (
    COMMENTARY_KEYS,
    QUOTE_KEYS,
    SCHEMA,
    SOURCE_KEYS,
    TOP_KEYS,
    Build,
    build,
    cached_build,
    check_fixture,
    copy_root,
    html_page,
    ids_of,
    parse_html,
)
from sphinx.testing.util import SphinxTestApp

HTML_BUILDERS = ["html", "dirhtml", "singlehtml"]
#: The quotes of test-b-exp in export order, by name (or first word of the text).
EXP_ORDER = ["a3", "c3", "c4", "a5", "b1", "c1", "c2", "a2", "b3", "c5", "a1", "TEXT-B2",
             "b5", "b4", "c6", "a4"]
#: The warnings test-b-exp is built to provoke (and no others).
EXP_WARNINGS = {"bad_date", "bad_url", "duplicate_source", "unknown_source", "empty_body",
                "unknown_quote"}


#: ``built(root, buildername, **overrides)``: a root, built once per builder and overrides.
Built = Callable[..., Build]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def get(root: str, buildername: str = "html", **overrides: Any) -> Build:
        return cached_build(tmp_path_factory, root, buildername, **overrides)
    return get


@pytest.fixture(scope="module")
def exp(built: Built) -> dict[str, Any]:
    return built("b-exp").export()


def quote_key(q: dict[str, Any]) -> str:
    key: str = q["name"] or q["text"].split()[0]
    return key


def by(items: list[dict[str, Any]], key: str = "id") -> dict[Any, dict[str, Any]]:
    return {item[key]: item for item in items}


# -- where it is written ---------------------------------------------------------------


@pytest.mark.parametrize("buildername", HTML_BUILDERS)
def test_written_to_output_root_of_html_builders(built: Built, buildername: str) -> None:
    b = built("b-all", buildername)
    assert b.warnings == ""
    data = b.export()
    assert data["schema"] == SCHEMA
    assert data == built("b-all", "html").export()


@pytest.mark.parametrize("buildername", ["latex", "text", "epub"])
def test_not_written_by_other_builders(built: Built, buildername: str) -> None:
    b = built("b-all", buildername)
    assert list(b.outdir.rglob("*.json")) == []


@pytest.mark.sphinx("html", testroot="b-all", freshenv=True,
                    confoverrides={"policynotes_json": None})
def test_not_written_when_turned_off(app: SphinxTestApp, warning: Any) -> None:
    app.build()
    assert warning.getvalue() == ""
    outdir = Path(app.outdir)
    assert (outdir / "policyindex.html").is_file()
    assert list(outdir.rglob("*.json")) == []


def test_file_name_is_configurable(built: Built) -> None:
    b = built("b-all", "html", policynotes_json="notes-export.json")
    assert [p.name for p in b.outdir.rglob("*.json")] == ["notes-export.json"]
    assert b.export("notes-export.json") == built("b-all", "html").export()


# -- shape -----------------------------------------------------------------------------


@pytest.mark.parametrize("root", ["b-all", "b-exp"])
def test_exact_key_sets(built: Built, root: str) -> None:
    data = built(root).export()
    assert set(data) == TOP_KEYS
    assert data["schema"] == SCHEMA
    assert data["sources"] and data["quotes"] and data["commentaries"]
    for source in data["sources"]:
        assert set(source) == SOURCE_KEYS
    for quote in data["quotes"]:
        assert set(quote) == QUOTE_KEYS
    for note in data["commentaries"]:
        assert set(note) == COMMENTARY_KEYS


def test_value_types(built: Built) -> None:
    data = built("b-all").export()
    for quote in data["quotes"]:
        assert isinstance(quote["chapter"], int | None)
        assert isinstance(quote["page"], int | None)
        assert isinstance(quote["commentaries"], list)
        assert isinstance(quote["text"], str)
    for note in data["commentaries"]:
        assert isinstance(note["quotes"], list)


def test_exp_root_warns_only_as_intended(built: Built) -> None:
    found = set(re.findall(r"\[policynotes\.(\w+)\]", built("b-exp").warnings))
    assert found == EXP_WARNINGS
    assert "Traceback" not in built("b-exp").warnings


# -- order -----------------------------------------------------------------------------


def test_quote_order(exp: dict[str, Any]) -> None:
    """Source id, chapter (null last), policy natural (null first), document, position."""
    assert [quote_key(q) for q in exp["quotes"]] == EXP_ORDER


def _natural(value: str | None) -> tuple[Any, ...]:
    if value is None:
        return (0,)
    return (1, *((0, int(p), "") if p.isdigit() else (1, 0, p)
                 for p in re.findall(r"\d+|\D+", value)))


@pytest.mark.parametrize("root", ["b-all", "b-exp"])
def test_quote_order_is_sorted(built: Built, root: str) -> None:
    quotes = built(root).export()["quotes"]
    keys = [(q["source"] or "", q["chapter"] is None, q["chapter"] or 0,
             _natural(q["policy"]), q["docname"]) for q in quotes]
    assert keys == sorted(keys)


def test_sources_ordered_by_id(exp: dict[str, Any]) -> None:
    assert [s["id"] for s in exp["sources"]] == ["aaa", "dup", "zzz"]


# -- cross references ------------------------------------------------------------------


@pytest.mark.parametrize("root", ["b-all", "b-exp"])
def test_commentaries_and_quotes_agree(built: Built, root: str) -> None:
    data = built(root).export()
    quotes, notes = by(data["quotes"]), by(data["commentaries"])
    pairs_from_quotes = {(q["id"], c) for q in data["quotes"] for c in q["commentaries"]}
    pairs_from_notes = {(q, c["id"]) for c in data["commentaries"] for q in c["quotes"]}
    assert pairs_from_quotes == pairs_from_notes
    assert len(pairs_from_quotes) >= 6
    assert {c for _, c in pairs_from_quotes} <= set(notes)
    assert {q for q, _ in pairs_from_notes} <= set(quotes)


def test_commentary_targets(exp: dict[str, Any]) -> None:
    names = {q["id"]: quote_key(q) for q in exp["quotes"]}
    targets = {c["text"].split()[0] if c["text"] else c["id"]:
               [names[q] for q in c["quotes"]] for c in exp["commentaries"]}
    empty = next(c["id"] for c in exp["commentaries"] if c["text"] == "")
    assert targets == {
        "NOTE-A1": ["a1", "a2"],  # implicit: the quotes before it in its document
        "NOTE-A2": ["b1", "c1"],  # :on:
        empty: ["a5"],
        "NOTE-D1": ["a3", "c5"],  # :on: with an unknown name, which is dropped
    }


@pytest.mark.parametrize("buildername", HTML_BUILDERS)
@pytest.mark.parametrize("root", ["b-all", "b-exp"])
def test_anchors_exist_in_their_pages(built: Built, root: str, buildername: str) -> None:
    b = built(root, buildername)
    data = b.export()
    items = data["sources"] + data["quotes"] + data["commentaries"]
    pages: dict[str, set[str]] = {}
    missing = []
    for item in items:
        doc = item["docname"]
        if doc not in pages:
            pages[doc] = set(ids_of(parse_html(html_page(b, doc))))
        if item["anchor"] not in pages[doc]:
            missing.append((doc, item["anchor"]))
    assert missing == []
    assert all(item["anchor"] for item in items)
    assert all(re.fullmatch(r"[A-Za-z0-9_.:-]+", item["anchor"]) for item in items)


def test_ids_stable_between_clean_builds(built: Built, tmp_path: Path) -> None:
    first = built("b-exp").export()
    again = build(copy_root("b-exp", tmp_path / "src"), "html").export()
    assert [q["id"] for q in again["quotes"]] == [q["id"] for q in first["quotes"]]
    assert [c["id"] for c in again["commentaries"]] == [c["id"] for c in first["commentaries"]]
    assert again == first


def test_ids_unique(built: Built) -> None:
    for root in ("b-all", "b-exp"):
        data = built(root).export()
        ids = [i["id"] for i in data["quotes"] + data["commentaries"]]
        assert len(ids) == len(set(ids))


# -- values ----------------------------------------------------------------------------


def test_missing_values_are_null(exp: dict[str, Any]) -> None:
    aaa = by(exp["sources"])["aaa"]
    assert (aaa["short"], aaa["issuer"], aaa["date"], aaa["url"]) == (None, None, None, None)
    assert aaa["title"] == "A source"
    b2 = next(q for q in exp["quotes"] if quote_key(q) == "TEXT-B2")
    assert (b2["name"], b2["chapter"], b2["policy"], b2["page"]) == (None, None, None, None)
    assert b2["commentaries"] == []
    authors = {c["text"].split()[0] if c["text"] else "": c["author"]
               for c in exp["commentaries"]}
    assert authors == {"NOTE-A1": "Rev A", "NOTE-A2": None, "": None, "NOTE-D1": "Rev D"}


def test_empty_bodies_export_empty_text(exp: dict[str, Any]) -> None:
    c6 = by(exp["quotes"], "name")["c6"]
    assert c6["text"] == ""
    assert (c6["source"], c6["chapter"]) == ("zzz", 3)
    assert [c["quotes"] for c in exp["commentaries"] if c["text"] == ""] == [
        [by(exp["quotes"], "name")["a5"]["id"]]]


def test_refused_values_are_null(exp: dict[str, Any]) -> None:
    zzz = by(exp["sources"])["zzz"]
    assert zzz["date"] is None
    assert zzz["url"] is None
    assert zzz["title"] == "Z source"


def test_unknown_source_as_written(exp: dict[str, Any]) -> None:
    b4 = by(exp["quotes"], "name")["b4"]
    assert b4["source"] == "nosuch"
    assert "nosuch" not in {s["id"] for s in exp["sources"]}


def test_duplicate_source_first_by_document_wins(exp: dict[str, Any]) -> None:
    dups = [s for s in exp["sources"] if s["id"] == "dup"]
    assert len(dups) == 1
    assert (dups[0]["title"], dups[0]["short"], dups[0]["docname"]) == (
        "Dup first (a)", "DupA", "a")
    assert by(exp["quotes"], "name")["b5"]["source"] == "dup"


def test_values_normalised(exp: dict[str, Any]) -> None:
    quotes = by(exp["quotes"], "name")
    assert quotes["a1"]["page"] == 12
    assert quotes["a5"]["page"] == 7  # written "p.7"
    assert quotes["a2"]["policy"] == "方針1-10"
    assert quotes["c5"]["policy"] == "背景1"
    assert quotes["a3"]["text"] == "TEXT-A3 spaced over lines."
    d1 = next(c for c in exp["commentaries"] if c["author"] == "Rev D")
    assert d1["text"] == "NOTE-D1 on a3 and c5. NOTE-D1 item."


def test_text_joins_cjk_lines(built: Built) -> None:
    quotes = by(built("b-all").export()["quotes"], "name")
    assert quotes["bpr"]["text"] == (
        "QALPHA 先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。")
    assert quotes["cloud"]["text"] == "QCHARLIE クラウド上に既に存在するサービスを組み合わせる。"



@pytest.mark.parametrize("root", ["b-all", "b-exp"])
def test_ja_plan_quotes_keep_chapter_and_policy_and_gain_at(built: Built, root: str) -> None:
    """A project of ja-plan quotes only (no ``:at:``, no ``:scheme:``) exports
    what format 1 did, plus ``at``: the locator of its chapter and policy."""
    quotes = built(root).export()["quotes"]
    assert any(q["chapter"] is not None and q["policy"] for q in quotes)
    for q in quotes:
        at = q["at"]
        if q["chapter"] is None and q["policy"] is None:
            assert at is None, q
            continue
        path = ([("chp", str(q["chapter"]))] if q["chapter"] is not None else []) + (
            [("policy", q["policy"])] if q["policy"] else [])
        assert [(seg["level"], seg["num"]) for seg in at["path"]] == path, q
        assert at["key"] == "__".join(f"chp_{num}" if level == "chp" else num
                                      for level, num in path)
        assert at["label"] == " ".join(seg["label"] for seg in at["path"])
        assert q["policy"] is None or at["label"].endswith(q["policy"])


# -- regression ------------------------------------------------------------------------


def test_matches_regression_fixture(built: Built) -> None:
    data = built("b-all").export()
    assert data == check_fixture(data, "export-b-all.json")


def test_collector_paused_restores_it() -> None:
    """The pause used by the exports and the HTML index tables gives the
    collector back as it was, after an error too, and leaves it off when it
    was off."""
    import gc

    from sphinx_policynotes.gcpause import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_kept_parts_take_their_own_size() -> None:
    """The exports keep each record's JSON text until its file is written; a
    text as orjson returns it holds the whole buffer orjson grew (9 KiB for a
    quote of 1 KiB), so the parts are copied to their own size."""
    import tracemalloc

    from sphinx_policynotes.export.parts import _dumps

    record = {"id": "pq-a-1", "text": "デジタル・ガバメントを推進する。" * 20, "page": 5}
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        parts = [_dumps(record) for _ in range(200)]
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    size = sum(map(len, parts))
    assert size > 200 * 900
    assert kept < 1.5 * size, (kept, size)
