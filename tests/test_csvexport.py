"""``sphinx_policynotes.export.csvexport``: the export as CSV for spreadsheets.

The input is the hand-written export ``fixtures/annotations/export-small.json``
(its cases are listed in that folder's README; a ``sphinx-policynotes/1``
export, without ``at``, which must still convert) and small dicts built here
for CSV injection and the quote's place (``at``, ``sphinx-policynotes/2``). The
text is parsed back with the ``csv`` module and compared value by value.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sphinx_policynotes.export.csvexport import BOM, COLUMNS, neutralise, to_csv

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
BASE = "https://example.org/docs/"
PAGE_URLS = {"sources": "sources.html", "notes/policies": "notes/policies.html",
             "notes/other": "notes/other.html"}
HEADER = ["source", "source_title", "chapter", "policy", "at_key", "at_label", "page", "quote",
          "commentary", "authors", "url", "stances", "tags", "statuses", "decisions",
          "responses"]
#: A column's index in a row, by name.
C = {name: i for i, name in enumerate(HEADER)}
Q1 = "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。"
Q2 = "一度提出した情報は、二度提出することを不要とする（\"ワンスオンリー\"）。"
NOTE1 = "賛成。ただし、\"BPR\" の範囲は広い 👍\n次の段落、続き。"
DG_TITLE = "デジタル・ガバメント推進方針"
IT_TITLE = "世界最先端デジタル国家創造宣言, \"官民データ\" 編"
#: The rows of export-small.json, relative URLs (base_url None), as the CSV must give them.
EXPECTED = [
    ["dg-2017", DG_TITLE, "4", "方針1-1", "", "", "5", Q1,
     NOTE1 + "\n\n" + "-2 点: 反対, 理由は後述。", "査読者; 市民A",
     "notes/policies.html#pq-notes-policies-1", "note; note; note", "",
     "open; open; open", "; ; ", ""],
    ["dg-2017", DG_TITLE, "4", "方針1-2", "", "", "", Q2, NOTE1, "査読者",
     "notes/policies.html#pq-notes-policies-2", "note", "", "open", "", ""],
    ["dg-2017", DG_TITLE, "", "", "", "", "7", "'=HYPERLINK(\"https://evil.example/\",\"開く\")", "", "",
     "notes/policies.html#pq-notes-policies-3", "", "", "", "", ""],
    ["it-2018", IT_TITLE, "12", "(1)", "", "", "3", "全ての国民が、\nデジタル化の恩恵を 🎌 享受できる社会。",
     "", "", "notes/other.html#pq-notes-other-3", "", "", "", "", ""],
    ["nosuch", "", "1", "背景2", "", "", "2", "未知の出典からの引用。", "", "", "", "", "", "", "",
     ""],
    ["dg-2017", DG_TITLE, "5", "方針3", "", "", "9", "", "", "", "notes/other.html#pq-notes-other-4",
     "", "", "", "", ""],
]


def load_export() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "export-small.json").read_text(encoding="utf-8"))
    return data


def parse(text: str) -> list[list[str]]:
    """Read CSV text (BOM and all) back as Excel-dialect rows."""
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def one_quote(text: str, *, note: str = "ok", author: str | None = "査読者",
              policy: str | None = "方針1", at: dict[str, Any] | None = None,
              ) -> dict[str, Any]:
    """An export of one quote with one commentary, for single-field checks."""
    return {
        "schema": "sphinx-policynotes/2",
        "sources": [{"id": "s", "title": "T", "short": None, "issuer": None, "date": None,
                     "url": None, "docname": "d", "anchor": "src-d-1"}],
        "quotes": [{"id": "pq-d-1", "name": None, "source": "s", "chapter": 1,
                    "policy": policy, "at": at, "page": 1, "text": text, "docname": "d",
                    "anchor": "pq-d-1", "commentaries": ["pc-d-1"]}],
        "commentaries": [{"id": "pc-d-1", "author": author, "text": note, "docname": "d",
                          "anchor": "pc-d-1", "quotes": ["pq-d-1"]}],
    }


# -- format ------------------------------------------------------------------------


def test_starts_with_a_bom_and_the_header() -> None:
    text = to_csv(load_export(), page_urls=PAGE_URLS, base_url=None)
    assert text.startswith("\ufeffsource,source_title,chapter,policy,at_key,at_label,page,"
                           "quote,commentary,authors,url,stances,tags,statuses,decisions,"
                           "responses\r\n")
    assert list(COLUMNS) == HEADER
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    # What Excel does: the BOM says UTF-8, the rest decodes as such.
    assert data.decode("utf-8-sig") == text[1:]


def test_parses_back_to_the_same_values() -> None:
    rows = parse(to_csv(load_export(), page_urls=PAGE_URLS, base_url=None))
    assert rows[0] == HEADER
    assert rows[1:] == EXPECTED
    assert all(len(row) == len(HEADER) for row in rows)


def test_one_row_per_quote_in_export_order() -> None:
    export = json.loads((FIXTURES.parent / "export-b-all.json").read_text(encoding="utf-8"))
    rows = parse(to_csv(export, page_urls={}, base_url=None))[1:]
    assert [r[C["quote"]] for r in rows] == [q["text"] for q in export["quotes"]]


def test_rfc4180_records_and_quoting() -> None:
    text = to_csv(load_export(), page_urls=PAGE_URLS, base_url=None)
    body = text[len(BOM):]
    # Records end in CRLF; a newline inside a field stays a bare LF inside quotes.
    assert body.count("\r\n") == 1 + len(EXPECTED)
    assert body.endswith("\r\n")
    assert '"全ての国民が、\nデジタル化の恩恵を 🎌 享受できる社会。"' in body
    # Commas and double quotes: the field is quoted and inner quotes doubled.
    assert '"世界最先端デジタル国家創造宣言, ""官民データ"" 編"' in body
    assert '"一度提出した情報は、二度提出することを不要とする（""ワンスオンリー""）。"' in body
    # Plain fields are not quoted (minimal quoting).
    assert "\r\ndg-2017,デジタル・ガバメント推進方針,4,方針1-1,,,5," in body


def test_absolute_urls_with_base_url() -> None:
    rows = parse(to_csv(load_export(), page_urls=PAGE_URLS, base_url=BASE.rstrip("/")))
    url = C["url"]
    assert [r[url] for r in rows[1:]] == [BASE + e[url] if e[url] else "" for e in EXPECTED]


def test_empty_for_null_and_unknown() -> None:
    rows = parse(to_csv(load_export(), page_urls=PAGE_URLS, base_url=BASE))[1:]
    no_chapter = rows[2]
    assert no_chapter[2:7] == ["", "", "", "", "7"]  # chapter, policy and at null, page 7
    orphan = rows[4]
    assert orphan[1] == "" and orphan[C["url"]] == ""  # unknown source, page URL unknown


def test_commentaries_joined_by_a_blank_line_and_distinct_authors() -> None:
    rows = parse(to_csv(load_export(), page_urls=PAGE_URLS, base_url=None))[1:]
    first = rows[0]
    assert first[C["commentary"]].split("\n\n") == [NOTE1, "-2 点: 反対, 理由は後述。"]  # empty note left out; not at the cell start, so not marked
    assert first[C["authors"]] == "査読者; 市民A"  # 査読者 wrote two of the three, listed once
    assert rows[3][C["commentary"]] == rows[3][C["authors"]] == ""  # no commentary


def test_output_is_deterministic_and_input_untouched() -> None:
    export = load_export()
    before = copy.deepcopy(export)
    first = to_csv(export, page_urls=PAGE_URLS, base_url=BASE)
    assert to_csv(export, page_urls=PAGE_URLS, base_url=BASE) == first
    assert export == before


def test_empty_export_is_the_header_only() -> None:
    text = to_csv({"sources": [], "quotes": [], "commentaries": []}, page_urls={}, base_url=None)
    assert text == BOM + ",".join(HEADER) + "\r\n"


# -- CSV injection -------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"])
def test_formula_starts_are_neutralised_in_every_text_field(start: str) -> None:
    payload = start + "cmd|' /C calc'!A0"
    export = one_quote(payload, note=payload, author=payload, policy=payload,
                       at={"key": payload, "label": payload, "path": []})
    export["sources"][0]["title"] = payload
    (row,) = parse(to_csv(export, page_urls={"d": "d.html"}, base_url=None))[1:]
    neutral = "'" + payload
    texts = ("source_title", "policy", "at_key", "at_label", "quote", "commentary", "authors")
    assert [row[C[name]] for name in texts] == [neutral] * len(texts)
    assert row[C["source"]] == "s" and row[C["url"]] == "d.html#pq-d-1"
    # No field, as a spreadsheet reads it, starts with a formula character.
    assert all(not field or field[0] not in "=+-@\t\r＝＋－＠" for field in row)


def test_hyperlink_formula_in_a_quote_is_text() -> None:
    rows = parse(to_csv(load_export(), page_urls=PAGE_URLS, base_url=None))
    assert rows[3][C["quote"]] == "'=HYPERLINK(\"https://evil.example/\",\"開く\")"


@pytest.mark.parametrize("text", ["方針1-1 を実施する", "a=b", "'既に引用符", "1+1", " =空白で始まる", ""])
def test_harmless_text_is_left_alone(text: str) -> None:
    (row,) = parse(to_csv(one_quote(text), page_urls={}, base_url=None))[1:]
    assert row[C["quote"]] == text
    assert neutralise(text) == text


def test_only_the_commentary_that_starts_with_a_formula_is_marked() -> None:
    export = one_quote("本文", note="=1+1")
    export["commentaries"].append({"id": "pc-d-2", "author": None, "text": "普通の論評",
                                   "docname": "d", "anchor": "pc-d-2", "quotes": ["pq-d-1"]})
    export["quotes"][0]["commentaries"].append("pc-d-2")
    (row,) = parse(to_csv(export, page_urls={}, base_url=None))[1:]
    assert row[C["commentary"]] == "'=1+1\n\n普通の論評"


# -- the quote's place (at_key, at_label) -----------------------------------------

#: ``at`` of quotes placed by three schemes, as ``policynotes.json`` has them.
AT_EU = {"key": "art_5__para_1__point_a", "label": "Art. 5(1)(a)",
         "path": [{"level": "art", "num": "5", "label": "Art. 5"},
                  {"level": "para", "num": "1", "label": "(1)"},
                  {"level": "point", "num": "a", "label": "(a)"}]}
AT_LAW = {"key": "art_3-2__para_1__item_2", "label": "第三条の二第一項第二号",
          "path": [{"level": "art", "num": "3-2", "label": "第三条の二"},
                   {"level": "para", "num": "1", "label": "第一項"},
                   {"level": "item", "num": "2", "label": "第二号"}]}
AT_PLAN = {"key": "chp_4__方針1-1", "label": "第4章 方針1-1",
           "path": [{"level": "chp", "num": "4", "label": "第4章"},
                    {"level": "policy", "num": "方針1-1", "label": "方針1-1"}]}


def test_at_columns_come_right_after_policy() -> None:
    assert COLUMNS.index("at_key") == COLUMNS.index("policy") + 1
    assert COLUMNS.index("at_label") == COLUMNS.index("at_key") + 1
    # Every other column is where it was in sphinx-policynotes/1.
    assert [c for c in COLUMNS if not c.startswith("at_")] == [
        "source", "source_title", "chapter", "policy", "page", "quote", "commentary",
        "authors", "url", "stances", "tags", "statuses", "decisions", "responses"]


@pytest.mark.parametrize(("at", "policy", "key", "label"), [
    (AT_EU, None, "art_5__para_1__point_a", "Art. 5(1)(a)"),
    (AT_LAW, None, "art_3-2__para_1__item_2", "第三条の二第一項第二号"),
    (AT_PLAN, "方針1-1", "chp_4__方針1-1", "第4章 方針1-1"),
], ids=["eu", "ja-law", "ja-plan"])
def test_at_key_and_label_of_a_placed_quote(at: dict[str, Any], policy: str | None,
                                            key: str, label: str) -> None:
    export = one_quote("本文", policy=policy, at=at)
    (row,) = parse(to_csv(export, page_urls={}, base_url=None))[1:]
    assert row[C["at_key"]] == key
    assert row[C["at_label"]] == label
    assert row[C["policy"]] == (policy or "")
    assert row[C["page"]] == "1" and row[C["quote"]] == "本文"  # the columns after shift by two
    assert len(row) == len(HEADER)


def test_an_unreadable_place_has_its_label_and_no_key() -> None:
    export = one_quote("本文", policy=None, at={"key": None, "label": "Article 99(zz9)",
                                                "path": []})
    (row,) = parse(to_csv(export, page_urls={}, base_url=None))[1:]
    assert (row[C["at_key"]], row[C["at_label"]]) == ("", "Article 99(zz9)")


def test_no_place_leaves_both_empty_also_in_an_export_of_format_1() -> None:
    (row,) = parse(to_csv(one_quote("本文", at=None), page_urls={}, base_url=None))[1:]
    assert (row[C["at_key"]], row[C["at_label"]]) == ("", "")
    old = one_quote("本文")
    del old["quotes"][0]["at"]
    old["schema"] = "sphinx-policynotes/1"
    (row,) = parse(to_csv(old, page_urls={}, base_url=None))[1:]
    assert (row[C["policy"]], row[C["at_key"]], row[C["at_label"]]) == ("方針1", "", "")
