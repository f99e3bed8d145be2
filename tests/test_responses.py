"""Review work (issue 25): decisions, ``response``, ``policy-responses`` (the
意見と考え方 table), the index's counts and ``:stance:``/``:status:`` filters.

``test-m-responses``: a draft plan (``ja-outline``) with six comments by three
people (Aoki, Baba, Chiba) and two replies; responses nested in a commentary
(Aoki's concern, adopted) and on another page naming the commentary
(Chiba's question, noted; Chiba's proposal, rejected); Aoki's second concern
pending; a table of every comment and one of those not adopted; an index of
concerns; a page of mistakes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from buildutil import (
    Build,
    build,
    cached_build,
    copy_root,
    main_body,
    parse_html,
    table_rows,
)

from sphinx_policynotes.export.responsesexport import COLUMNS

ROOT = "m-responses"
WARNINGS = [
    "bad.rst:18: WARNING: commentary: unknown :decision: 'agreed' (known: adopted, noted, "
    "rejected, pending); no decision is made [policynotes.bad_decision]",
    "bad.rst:18: WARNING: commentary: unknown :status: 'done' (known: open, resolved); "
    "'open' is used [policynotes.bad_status]",
    "bad.rst:4: WARNING: response is neither inside a commentary nor names one (.. response:: "
    "NAME, a commentary's :name:); shown where it stands [policynotes.orphan_response]",
    "bad.rst:8: WARNING: response: no commentary has the :name: 'nobody-here'; shown where "
    "it stands [policynotes.orphan_response]",
    "bad.rst:31: WARNING: commentary :decision: 'adopted' without a response that gives the "
    "reasons (a response directive in it, or naming it) "
    "[policynotes.decision_without_response]",
]
#: The full table: (part, comment, response, decision cell), by the draft's parts.
ROWS = [
    ["1", "１ （１）", "Does it cover the islands?", "The islands have their own ferry plan",
     "Noted Resolved"],
    ["2", "２ （１）", "Thirty minutes is too long for the hospital line.",
     "The hospital line runs every fifteen minutes", "Adopted Resolved"],
    ["3", "２ （２）", "Start with the three busiest stations in 2027.",
     "The order of the stations follows", "Not adopted Resolved"],
    ["4", "２ （２）", "Lifts alone do not help wheelchair users", "No response yet",
     "Pending Open"],
    ["5", "２ （２）", "Lifts are long overdue.", "No response yet", "— Open"],
    ["6", "３", "Keep the fares.", "No response yet", "— Open"],
    ["7", "４", "Fares for children go down.", "No response yet", "Adopted Resolved"],
]


def warning_lines(b: Build) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", b.warnings).replace(str(b.srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, ROOT, "html")


def tables(b: Build, doc: str = "table") -> list[list[list[str]]]:
    """Each table's rows, its header first."""
    body = main_body(parse_html(b.outdir / f"{doc}.html"))
    return [[[th.text() for th in t.find("thead").find_all("th")], *table_rows(t)]
            for t in body.find_all("table", cls="policynotes-responses")]


def shown(rows: list[list[str]]) -> list[list[str]]:
    """Each row as ROWS has it: the cells cut to the length ROWS gives."""
    return [[cell[:len(want)] for cell, want in zip(row, expected, strict=True)]
            for row, expected in zip(rows, ROWS, strict=False)]


def test_exactly_the_warnings_of_the_mistakes_with_file_and_line(html: Build) -> None:
    assert warning_lines(html) == WARNINGS


def test_the_table_lists_every_comment_by_the_drafts_parts(html: Build) -> None:
    full, rejected = tables(html)
    assert full[0] == ["No.", "Part", "Summary of the comment", "Response and reasons",
                       "Decision"]
    body = full[1:]
    assert len(body) == len(ROWS)
    assert shown(body) == ROWS
    # The comment's cell: its stance and author, not its decision (a column of its own).
    assert "Question Chiba → Commentary" in body[0][2]
    assert "Noted" not in body[0][2]
    # A reply is part of the discussion of the note it answers, not a row.
    assert not any("Residents near the hospital" in row[2] for row in body)
    # The response's cell: who answered, when, and a link to the response.
    assert "Transport Division 2026-11-20 → Response" in body[0][3]
    # Filtered by :decision: rejected: one row, numbered from 1.
    assert [row[:3] for row in rejected[1:]] == [
        ["1", "２ （２）", "Start with the three busiest stations in 2027. Proposal Chiba → "
                          "Commentary"]]


def test_parts_link_to_the_quotes_and_responses_to_where_they_stand(html: Build) -> None:
    body = main_body(parse_html(html.outdir / "table.html"))
    table = body.find("table", cls="policynotes-responses")
    hrefs = [a.attrs["href"] for a in table.find_all("a")]
    assert any(h.startswith("comments.html#pl-") for h in hrefs)  # the quote, by place
    assert "answers.html#pr-answers-1" in hrefs  # the response on another page
    assert any(h.startswith("comments.html#pr-comments-") for h in hrefs)  # the nested one


def test_a_nested_response_is_shown_in_the_commentary_but_is_not_its_text(
        html: Build) -> None:
    page = main_body(parse_html(html.outdir / "comments.html"))
    first = page.find("div", cls="policynotes-commentary")
    response = first.find("div", cls="policynotes-response")
    assert "every fifteen minutes" in response.text()
    assert response.find(cls="policynotes-label").text() == \
        "Response Transport Division 2026-11-20"
    note = next(c for c in html.export()["commentaries"] if c["author"] == "Aoki")
    assert note["text"] == "Thirty minutes is too long for the hospital line."
    assert note["responses"] == [{
        "text": "The hospital line runs every fifteen minutes in the final plan.",
        "by": "Transport Division", "date": "2026-11-20"}]


def test_a_response_elsewhere_links_to_the_commentary_it_answers(html: Build) -> None:
    page = main_body(parse_html(html.outdir / "answers.html"))
    label = page.find_all(cls="policynotes-label")[0]
    assert label.text() == "Response Transport Division 2026-11-20 | to Chiba"
    assert label.find("a").attrs["href"].startswith("comments.html#pc-comments-")
    # the mistakes are still shown
    bad = main_body(parse_html(html.outdir / "bad.html")).text()
    assert "Nobody asked." in bad and "Nobody by that name." in bad
    assert "Keep the fares." in bad


def test_decision_and_status_badges_in_the_label(html: Build) -> None:
    page = main_body(parse_html(html.outdir / "comments.html"))
    labels = [lab.text() for lab in page.find_all(cls="policynotes-label")
              if lab.text().startswith("Commentary")]
    assert labels[0] == "Commentary Concern Adopted Resolved Aoki | on Draft ２ （１）"
    assert labels[4].startswith("Commentary Concern Pending Aoki |")  # pending stays open
    badges = page.find_all("span", cls="policynotes-decision-rejected")
    assert [b.text() for b in badges] == ["Not adopted"]


def test_the_index_of_concerns_shows_their_rows_threads_and_counts(html: Build) -> None:
    body = main_body(parse_html(html.outdir / "concerns.html"))
    rows = table_rows(body.find("table", cls="policynotes-index"))
    text = " ".join(" ".join(row) for row in rows)
    assert "Thirty minutes is too long" in text and "Lifts alone do not help" in text
    # their replies follow them; other notes of the same rows do not
    assert "Residents near the hospital" in text and "Low-floor buses would." in text
    assert "Lifts are long overdue." not in text and "islands" not in text
    assert "Keep the fares." not in text  # a row without a concern
    counts = [c.text() for c in body.find_all(cls="policynotes-index-counts")]
    assert counts == ["Support 1 · Concern 1 | Open 1 · Resolved 1",
                      "Note 1 · Concern 1 | Open 2"]


def test_a_project_without_review_options_shows_no_counts(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    plain = cached_build(tmp_path_factory, "b-all", "html")
    for path in plain.outdir.glob("*.html"):
        assert "policynotes-index-counts" not in path.read_text(encoding="utf-8")
    assert plain.export()["commentaries"], "the root has commentaries"
    assert {c["status"] for c in plain.export()["commentaries"]} == {"open"}


def test_japanese_labels(tmp_path_factory: pytest.TempPathFactory) -> None:
    ja = cached_build(tmp_path_factory, ROOT, "html", language="ja")
    full = tables(ja)[0]
    assert full[0] == ["No.", "該当箇所", "意見の概要", "考え方", "対応"]
    decisions = [row[4] for row in full[1:]]
    assert decisions[:4] == ["参考 対応済み", "反映 対応済み", "不採用 対応済み", "検討中 未対応"]


def test_json_export_keys_and_schema(html: Build) -> None:
    export = html.export()
    schema = json.loads((Path(__file__).parents[1] / "sphinx_policynotes" / "schema"
                         / "policynotes-2.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, schema)
    by_text = {c["text"]: c for c in export["commentaries"]}
    question = by_text["Does it cover the islands?"]
    assert (question["stance"], question["status"], question["decision"]) == \
        ("question", "resolved", "noted")
    assert question["responses"][0]["date"] == "2026-11-20"
    pending = by_text["Lifts alone do not help wheelchair users at the bus stops."]
    assert (pending["status"], pending["decision"], pending["responses"]) == \
        ("open", "pending", [])
    fares = by_text["Keep the fares."]  # unknown status and decision: the defaults
    assert (fares["status"], fares["decision"]) == ("open", None)


def test_responses_csv_twin(html: Build) -> None:
    text = html.read("policynotes-responses-draft.csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == COLUMNS
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [r["at_labels"] for r in records] == [row[1] for row in ROWS]
    assert [r["decision"] for r in records] == ["noted", "adopted", "rejected", "pending", "",
                                                "", "adopted"]
    assert records[1]["response"].startswith("The hospital line runs every fifteen")
    assert records[1]["response_by"] == "Transport Division"
    assert records[1]["at_keys"] and records[1]["url"].startswith("comments.html#pc-")
    assert records[1]["author"] == "Aoki" and records[1]["stance"] == "concern"


def test_policynotes_csv_has_status_decision_and_response_columns(html: Build) -> None:
    rows = list(csv.DictReader(io.StringIO(html.read("policynotes.csv")[1:])))
    hospital = next(r for r in rows if r["quote"].startswith("Community buses"))
    assert hospital["statuses"] == "resolved"  # Aoki's note (Baba's reply is on it, not
    assert hospital["decisions"] == "adopted"  # on the quote)
    lifts = next(r for r in rows if r["quote"].startswith("Stations get lifts"))
    assert lifts["statuses"] == "resolved; open; open"
    assert lifts["decisions"] == "rejected; pending; "
    assert hospital["responses"].startswith("The hospital line runs every fifteen")


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "xml", "epub",
                                     "singlehtml", "dirhtml"])
def test_every_builder_shows_the_table_and_responses(
        tmp_path_factory: pytest.TempPathFactory, builder: str) -> None:
    b = cached_build(tmp_path_factory, ROOT, builder)
    assert warning_lines(b) == WARNINGS
    out = "".join(p.read_text(encoding="utf-8", errors="replace")
                  for p in b.outdir.rglob("*") if p.is_file()
                  and p.suffix in {".txt", ".tex", ".1", ".texi", ".xml", ".xhtml", ".html"})
    flat = re.sub(r"\s+", "", out)
    for text in ("The hospital line runs every fifteen minutes in the final plan.",
                 "The order of the stations follows the 2029 rebuilding works.",
                 "Nobody asked.", "Summary of the comment", "Not adopted"):
        assert re.sub(r"\s+", "", text) in flat, (builder, text)
    if builder == "latex":
        assert r"\begin{policynotesresponse}" in out
        assert r"\policynotesstance{rejected}{Not adopted}" in out


def _snapshot(b: Build) -> dict[str, Any]:
    pages = {}
    for doc in sorted(b.docnames):
        body = main_body(parse_html(b.outdir / f"{doc}.html"))
        pages[doc] = [(e.tag, tuple(e.classes), e.attrs.get("href", ""), e.text()
                       if e.tag in {"td", "p"} else "") for e in body.iter()]
    return {"pages": pages, "export": b.export(),
            "csv": b.read("policynotes-responses-draft.csv"),
            "open data": b.read("policynotes.csv")}


def test_incremental_builds_equal_clean_ones(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", freshenv=False)
    clean_src = tmp_path / "clean"

    def clean() -> Build:
        shutil.rmtree(clean_src, ignore_errors=True)
        shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
        return build(clean_src, "html")

    # A decision changed on one page: the table on another is rebuilt.
    comments = src / "comments.rst"
    comments.write_text(comments.read_text(encoding="utf-8").replace(
        ":decision: pending", ":decision: rejected"), encoding="utf-8")
    again = build(src, "html", freshenv=False)
    assert {"table", "concerns"} <= set(again.pages)
    expected = _snapshot(clean())
    assert _snapshot(again) == expected
    assert "Lifts alone do not help" in json.dumps(expected["pages"]["table"])
    # A reply added and a response answered on the answers page.
    answers = src / "answers.rst"
    answers.write_text(answers.read_text(encoding="utf-8") + (
        "\n.. response:: aoki-lifts\n   :by: Transport Division\n\n"
        "   Low-floor buses come first.\n\n"
        ".. commentary::\n   :author: Chiba\n   :reply-to: aoki-bus\n   :stance: concern\n\n"
        "   Fifteen minutes only on weekdays?\n"), encoding="utf-8")
    third = build(src, "html", freshenv=False)
    assert {"table", "concerns", "comments"} <= set(third.pages)
    expected = _snapshot(clean())
    assert "Low-floor buses come first." in json.dumps(expected["pages"]["table"])
    assert "Fifteen minutes only on weekdays?" in json.dumps(expected["pages"]["concerns"])
    assert _snapshot(third) == expected
    # The response removed again: the decision has none any more.
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        ".. response:: aoki-lifts", ".. response:: nobody-else"), encoding="utf-8")
    fourth = build(src, "html", freshenv=False)
    assert "decision_without_response" in fourth.warnings  # comments.rst warns again
    assert _snapshot(fourth) == _snapshot(clean())


def test_parallel_build_equals_a_serial_one(tmp_path: Path, html: Build) -> None:
    parallel = build(copy_root(ROOT, tmp_path / "j2"), "html", parallel=2)
    assert sorted(warning_lines(parallel)) == sorted(WARNINGS)
    assert _snapshot(parallel) == _snapshot(html)


def test_jsonld_responses_are_replying_bodies_of_the_commentary(html: Build) -> None:
    items = json.loads(html.read("policynotes.jsonld"))["first"]["items"]
    by_text = {item["body"][0]["value"]: item for item in items if "body" in item
               and isinstance(item["body"], list)}
    aoki = by_text["Thirty minutes is too long for the hospital line."]
    (reply,) = [b for b in aoki["body"] if b.get("purpose") == "replying"]
    assert reply["value"] == "The hospital line runs every fifteen minutes in the final plan."
    assert reply["creator"] == {"name": "Transport Division"}
    assert reply["dcterms:date"] == "2026-11-20"
    assert aoki["creator"] == {"name": "Aoki"}  # the commentary's own author
    pending = by_text["Lifts alone do not help wheelchair users at the bus stops."]
    assert not [b for b in pending["body"] if b.get("purpose") == "replying"]
