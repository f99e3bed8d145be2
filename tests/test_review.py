"""Review work (issue 25, first part): ``commentary :stance:``, ``:tags:``,
``:name:`` and ``:reply-to:``.

``test-m-review``: a concern on 方針1-1 (``aoki-bus``) answered on its page
by a support (``baba-bus``, another author) and on another page, in MyST, by
a proposal, which Aoki answers in turn; a question with a tag; a page of
mistakes (an unknown stance, a reply to nobody, two replies to each other).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from buildutil import (
    COMMENTARY_KEYS,
    Build,
    build,
    cached_build,
    copy_root,
    extension_view,
    main_body,
    parse_html,
)

ROOT = "m-review"
WARNINGS = [
    "bad.rst:11: WARNING: commentary: unknown :stance: 'concen' (known: note, support, "
    "concern, question, proposal); 'note' is used; did you mean 'concern'? "
    "[policynotes.bad_stance]",
    "bad.rst:17: WARNING: commentary :reply-to: 'nobody' names no commentary; shown as a "
    "note [policynotes.unknown_reply]",
    "bad.rst:22: WARNING: commentary :reply-to: 'loop-b' goes round in a circle back to this "
    "commentary; shown as a note [policynotes.reply_cycle]",
    "bad.rst:28: WARNING: commentary :reply-to: 'loop-a' goes round in a circle back to this "
    "commentary; shown as a note [policynotes.reply_cycle]",
]


def warning_lines(b: Build) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", b.warnings).replace(str(b.srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return cached_build(tmp_path_factory, ROOT, "html")


def page(b: Build, doc: str) -> Any:
    return main_body(parse_html(b.outdir / f"{doc}.html"))


def labels(b: Build, doc: str) -> list[str]:
    return [label.text() for label in page(b, doc).find_all(cls="policynotes-label")]


# -- pages --------------------------------------------------------------------------


def test_exactly_the_warnings_of_the_mistakes_with_file_and_line(html: Build) -> None:
    assert warning_lines(html) == WARNINGS


def test_badge_and_tags_in_the_commentary_label(html: Build) -> None:
    body = page(html, "review")
    badges = [(b.text(), b.classes) for b in body.find_all(cls="policynotes-badge")]
    assert badges == [
        ("Concern", ["policynotes-badge", "policynotes-stance-concern", "no-search"]),
        ("Support", ["policynotes-badge", "policynotes-stance-support", "no-search"]),
        ("Question", ["policynotes-badge", "policynotes-stance-question", "no-search"]),
    ]
    assert labels(html, "review")[1] == ("Commentary Concern #transport #rural stops Aoki | "
                                         "on Plan 第1章 方針1-1")
    notes = [d for d in body.find_all("div") if "policynotes-commentary" in d.classes]
    assert "policynotes-stance-concern" in notes[0].classes
    assert notes[0].attrs["id"] == "pc-review-1"
    assert any(e.attrs.get("id") == "aoki-bus" for e in notes[0].iter())  # its :name:


def test_a_reply_links_to_the_note_it_answers_and_stays_where_written(html: Build) -> None:
    assert labels(html, "review")[2] == "Commentary Support Baba | reply to Aoki"
    reply = [a for a in page(html, "review").find_all("a") if a.text() == "Aoki"]
    assert reply[0].attrs["href"] == "#pc-review-1"
    # on another page, in MyST, by another author
    assert labels(html, "replies") == [
        "Commentary Proposal #transport Chiba | reply to Aoki",
        "Commentary Aoki | reply to Baba",
    ]
    hrefs = [a.attrs["href"] for a in page(html, "replies").find_all("a")
             if "policynotes-note-link" in a.classes]
    assert hrefs == ["review.html#pc-review-1", "review.html#pc-review-2"]
    assert "Run the demand bus on weekends too." in page(html, "replies").text()


def test_bad_input_is_still_rendered_as_plain_notes(html: Build) -> None:
    body = page(html, "bad")
    assert not body.find_all(cls="policynotes-badge")
    for text in ("Staff costs rise.", "An answer to nobody.", "First of a circle.",
                 "Second of a circle."):
        assert text in body.text()
    assert all("reply to" not in label for label in labels(html, "bad"))


def test_the_index_shows_each_reply_under_the_note_it_answers_in_order(html: Build) -> None:
    (table,) = [t for t in page(html, "policyindex").find_all("table")
                if "policynotes-index" in t.classes]
    cell = table.find_all("tbody")[0].find_all("tr")[0].find_all("td")[2]
    replies = [(d.classes[1], d.find_all("p")[0].text())
               for d in cell.find_all("div") if "policynotes-reply" in d.classes]
    assert replies == [("policynotes-reply-1", "Run the demand bus on weekends too."),
                       ("policynotes-reply-1", "The plan keeps a demand bus there."),
                       ("policynotes-reply-2", "Only on weekdays, so far.")]
    by = [p.text() for p in cell.find_all("p") if "policynotes-index-by" in p.classes]
    assert by == ["Concern #transport #rural stops Aoki → Commentary",
                  "Proposal #transport Chiba → Commentary",
                  "Support Baba → Commentary",
                  "Aoki → Commentary"]
    # the replies are not shown a second time
    assert cell.text().count("The plan keeps a demand bus there.") == 1


def test_text_output_shows_the_badge_words(tmp_path_factory: pytest.TempPathFactory) -> None:
    b = cached_build(tmp_path_factory, ROOT, "text")
    assert warning_lines(b) == WARNINGS
    text = b.read("review.txt")
    assert "Commentary Concern #transport #rural stops Aoki" in " ".join(text.split())
    assert "Commentary Support Baba | reply to Aoki" in text
    index = " ".join(b.read("policyindex.txt").split())
    assert "Proposal #transport Chiba" in index


def test_latex_writes_the_badge_macro(tmp_path_factory: pytest.TempPathFactory) -> None:
    b = cached_build(tmp_path_factory, ROOT, "latex")
    tex = b.read("review.tex")
    assert (r"\policynotesstance{concern}{Concern} \DUrole{policynotes-tag}{\#transport}"
            in tex)
    assert tex.count(r"\policynotesstance{proposal}{Proposal}") == 2  # label and index
    assert r"reply to {\hyperref[\detokenize{review:pc-review-1}]" in tex
    sty = (b.outdir / "sphinxpolicynotes.sty").read_text(encoding="utf-8")
    assert r"\providecommand{\policynotesstance}[2]" in sty


def test_japanese_badges(tmp_path_factory: pytest.TempPathFactory) -> None:
    b = cached_build(tmp_path_factory, ROOT, "html", language="ja")
    assert [e.text() for e in page(b, "review").find_all(cls="policynotes-badge")] == [
        "懸念", "賛成", "質問"]
    assert labels(b, "replies")[0].startswith("論評 提案 #transport Chiba | 返信先： Aoki")


# -- exports ------------------------------------------------------------------------


def notes_by_text(b: Build) -> dict[str, dict[str, Any]]:
    return {c["text"]: c for c in b.export()["commentaries"]}


def test_json_keys_and_values(html: Build) -> None:
    notes = notes_by_text(html)
    assert all(set(c) == COMMENTARY_KEYS for c in notes.values())
    concern = notes["Rural stops lose their service."]
    assert (concern["stance"], concern["tags"], concern["reply_to"]) == (
        "concern", ["transport", "rural stops"], None)
    assert (concern["status"], concern["decision"], concern["responses"]) == ("open", None, [])
    assert notes["The plan keeps a demand bus there."]["reply_to"] == "pc-review-1"
    assert notes["Only on weekdays, so far."]["reply_to"] == "pc-review-2"
    assert notes["Only on weekdays, so far."]["stance"] == "note"
    for text in ("An answer to nobody.", "First of a circle.", "Second of a circle."):
        assert notes[text]["reply_to"] is None
    assert notes["Staff costs rise."]["stance"] == "note"


def test_jsonld_motivations_and_reply_targets(html: Build) -> None:
    doc = json.loads(html.read("policynotes.jsonld"))
    items = {a["body"][0]["value"]: a for a in doc["first"]["items"]
             if a["motivation"] != "highlighting"}
    concern = items["Rural stops lose their service."]
    assert concern["motivation"] == "assessing"
    assert concern["body"][0]["purpose"] == "assessing"
    assert [b["value"] for b in concern["body"][1:]] == ["方針1-1", "transport", "rural stops"]
    assert all(b["purpose"] == "tagging" for b in concern["body"][1:])
    assert items["Which stations come first?"]["motivation"] == "questioning"
    reply = items["Run the demand bus on weekends too."]
    assert reply["motivation"] == "replying"
    assert reply["target"] == concern["id"] == "urn:policynotes:pc-review-1"
    assert reply["body"][0]["purpose"] == "commenting"  # a proposal
    assert items["Only on weekdays, so far."]["target"] == "urn:policynotes:pc-review-2"
    assert items["An answer to nobody."]["motivation"] == "commenting"


def test_csv_stances_and_tags_columns(html: Build) -> None:
    text = html.read("policynotes.csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert list(rows[0])[-5:-3] == ["stances", "tags"]
    by_policy = {r["policy"]: r for r in rows}
    assert (by_policy["方針1-1"]["stances"], by_policy["方針1-1"]["tags"]) == (
        "concern", "transport; rural stops")
    assert (by_policy["方針1-2"]["stances"], by_policy["方針1-2"]["tags"]) == (
        "question", "access")
    assert by_policy["方針2-1"]["stances"] == "note"


# -- incremental and parallel builds ---------------------------------------------------


def snapshot(b: Build) -> dict[str, Any]:
    """What the extension shows, and the shape of every page's body."""
    shapes = {doc: [(e.tag, tuple(e.classes), e.attrs.get("href", ""))
                    for e in page(b, doc).iter()] for doc in sorted(b.docnames)}
    return {**extension_view(b), "shapes": shapes}


def edit(src: Path) -> None:
    """Change a stance on one page and add a reply on another to a third's note."""
    replies = src / "replies.md"
    replies.write_text(replies.read_text(encoding="utf-8").replace(
        ":stance: proposal", ":stance: question"), encoding="utf-8")
    bad = src / "bad.rst"
    bad.write_text(bad.read_text(encoding="utf-8") + (
        "\n.. commentary::\n   :author: Doi\n   :reply-to: aoki-bus\n   :stance: support\n"
        "\n   Agreed, rural stops matter.\n"), encoding="utf-8")


def test_incremental_build_equals_a_clean_one(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", freshenv=False)
    assert warning_lines(first) == WARNINGS
    edit(src)
    again = build(src, "html", freshenv=False)
    assert set(again.pages) >= {"replies", "bad", "review", "policyindex"}
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html")
    assert warning_lines(clean) == WARNINGS
    view = snapshot(clean)
    assert "Agreed, rural stops matter." in json.dumps(view["index"], ensure_ascii=False)
    assert snapshot(again) == view
    # Only the text of a reply without quotes of its own: its index is rewritten too.
    replies = src / "replies.md"
    replies.write_text(replies.read_text(encoding="utf-8").replace(
        "on weekends too", "on Sundays"), encoding="utf-8")
    third = build(src, "html", freshenv=False)
    assert "policyindex" in third.pages
    shutil.rmtree(clean_src)
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert snapshot(third) == snapshot(build(clean_src, "html"))


def test_parallel_build_equals_a_serial_one(tmp_path: Path, html: Build) -> None:
    parallel = build(copy_root(ROOT, tmp_path / "j2"), "html", parallel=2)
    assert sorted(warning_lines(parallel)) == sorted(WARNINGS)
    assert snapshot(parallel) == snapshot(html)
