"""Tests for ``policynotes import`` (:mod:`sphinx_policynotes.importer`, :mod:`.cli`).

The seed post (``../shared/seeds/000_84d23936fd46740a.txt`` beside the
repository) is its author's text: it is read from there, never copied into the
repository; the tests that need it skip with the reason on a fresh clone
(:func:`util.shared_file`) and fail where ``POLICYNOTES_REQUIRE_SHARED=1``.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin
from sphinx.testing.util import SphinxTestApp
from util import SHARED, html_of, shared_file, warnings_of

from sphinx_policynotes.cleaning import unify_char
from sphinx_policynotes.cli import main
from sphinx_policynotes.importer import ImportOptions, import_post
from sphinx_policynotes.importer.classify import classify_heading, find_date, guess_issuer
from sphinx_policynotes.importer.markdown import (
    BlockWriter,
    escape_line_start,
    fence_for,
    option_value,
)
from sphinx_policynotes.importer.parse import make_parser

REPO = Path(__file__).resolve().parents[1]
ROOTS = REPO / "tests" / "roots"
POSTS = ROOTS / "test-i-build" / "posts"
SEED = SHARED / "seeds" / "000_84d23936fd46740a.txt"
SEED_URL = "https://www.kantei.go.jp/jp/singi/it2/kettei/pdf/20170530/suisinhosin.pdf"


def seed_text() -> str:
    return shared_file("seeds", SEED.name).read_text(encoding="utf-8")


def imported(text: str, **options: Any) -> tuple[str, list[str]]:
    """The MyST page and the reports (formatted ``post.md:LINE: severity: …``)."""
    result = import_post(text, ImportOptions(**options))
    return result.markdown, [report.format("post.md") for report in result.reports]


def directives(markdown: str, name: str) -> list[dict[str, str]]:
    """The options (and ``body``) of every ``name`` directive in an imported page."""
    found: list[dict[str, str]] = []
    pattern = re.compile(rf"^(`{{3,}})\{{{name}\}}(?: ([^\n]*))?\n(.*?)^\1$", re.M | re.S)
    for match in pattern.finditer(markdown):
        options: dict[str, str] = {"argument": match.group(2) or ""}
        lines = match.group(3).split("\n")
        while lines and lines[0].startswith(":"):
            key, _sep, value = lines.pop(0)[1:].partition(": ")
            options[key.rstrip(":")] = value
        options["body"] = "\n".join(lines).strip()
        found.append(options)
    return found


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of the page's section headings (outside fences)."""
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        marker = re.match(r"(`{3,}|~{3,})", line)
        if marker and (fence is None or line.strip() == fence):
            fence = None if fence is not None else marker.group(1)
            continue
        heading = re.match(r"(#{1,6}) (.*)", line)
        if fence is None and heading:
            out.append((len(heading.group(1)), heading.group(2)))
    return out


# -- "nothing is dropped": every non-markup character of the input, in order ---------------


def text_of(markdown: str) -> str:
    """Every non-markup character of a post's text, in order, whitespace removed.

    Text, code, HTML, link and image destinations and titles (after the link
    text, where Markdown writes them), the front matter, and at the end the
    reference definitions (label, URL, title), which render nowhere and which
    the importer keeps together at the end of the page. The CJK compatibility
    mapping of :mod:`sphinx_policynotes.cleaning` is applied to both sides.
    """
    md = MarkdownIt("commonmark", {"inline_definitions": True})
    md.use(front_matter_plugin).enable("table")
    body: list[str] = []
    definitions: list[str] = []
    links: list[Token] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "definition":
                meta = token.meta
                definitions.extend([meta["label"], meta["url"], meta["title"]])
            elif token.type == "fence":
                body.extend([token.info, token.content])
            elif token.type in ("front_matter", "code_block", "html_block", "html_inline",
                                "text", "code_inline"):
                body.append(token.content)
            elif token.type == "image":
                body.extend([token.content, str(token.attrGet("src") or ""),
                             str(token.attrGet("title") or "")])
                continue
            elif token.type == "link_open":
                links.append(token)
            elif token.type == "link_close":
                link = links.pop()
                if link.markup != "autolink":  # an autolink's URL is its text
                    body.extend([str(link.attrGet("href") or ""),
                                 str(link.attrGet("title") or "")])
            if token.children:
                walk(token.children)

    walk(md.parse(markdown))
    return significant("".join(body) + "".join(definitions))


def significant(text: str) -> str:
    return "".join(unify_char(char) for char in text if not char.isspace())


def assert_in_order(needle: str, haystack: str) -> None:
    """Fail with the first character of ``needle`` missing from ``haystack`` in order."""
    position = 0
    for index, char in enumerate(needle):
        found = haystack.find(char, position)
        if found < 0:
            pytest.fail(f"character {index} ({char!r}) of the input text is missing from "
                        f"the output after …{haystack[max(0, position - 40):position]!r}; "
                        f"input context: …{needle[max(0, index - 40):index + 10]!r}")
        position = found + 1


def test_no_loss_seed() -> None:
    text = seed_text()
    markdown, _reports = imported(text)
    source = text_of(text)
    assert len(source) > 3000
    assert_in_order(source, significant(markdown))


@pytest.mark.parametrize("post", ["kitchen.md", "levels.md"])
def test_no_loss_constructs(post: str) -> None:
    text = (POSTS / post).read_text(encoding="utf-8")
    markdown, _reports = imported(text)
    assert_in_order(text_of(text), significant(markdown))


@pytest.mark.parametrize("clean", [True, False])
def test_no_loss_reparse(clean: bool) -> None:
    """The page's own text, read back by markdown-it, holds the post's text in order."""
    text = (POSTS / "kitchen.md").read_text(encoding="utf-8")
    markdown, _reports = imported(text, clean=clean)
    assert_in_order(text_of(text), text_of(markdown))


def test_assert_in_order_catches_a_loss() -> None:
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_in_order(text_of("a **b** c"), significant("a c"))
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_in_order(text_of("二 一"), significant("一二"))


# -- the seed post ----------------------------------------------------------------------------

SEED_ROWS = [
    "第1章", "第2章 背景1", "第2章 背景2", "第3章", "第3章 (1)", "第3章 (2)",
    "第4章 方針1", "第4章 方針1-1", "第4章 方針1-2", "第4章 方針2", "第4章 方針2-1",
    "第4章 方針2-2", "第4章 方針2-3", "第4章 方針3", "第4章 方針3-1", "第4章 方針3-2", "第5章",
]
#: The first line (1-based, in the seed) of the author's notes after each group of quotes.
SEED_NOTES = {
    "第1章": 48, "第2章 背景1": 48, "第2章 背景2": 48,
    "第3章": 83, "第3章 (1)": 83, "第3章 (2)": 83,
    **{row: 142 for row in SEED_ROWS if row.startswith("第4章")},
    "第5章": 155,
}


def seed_line(number: int) -> str:
    """The plain text of a line of the seed (Markdown link syntax removed)."""
    line = seed_text().split("\n")[number - 1]
    return re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line).strip(" >")


def test_seed_import_structure() -> None:
    markdown, reports = imported(seed_text())
    (source,) = directives(markdown, "source-ref")
    assert source["argument"] == "092b9160"
    assert source["title"] == "デジタル・ガバメント推進方針"
    assert source["url"] == SEED_URL
    assert source["date"] == "2017-05-30"
    quotes = directives(markdown, "policy-quote")
    assert {q["source"] for q in quotes} == {"092b9160"}
    assert [(q["chapter"], q.get("policy")) for q in quotes] == [
        ("第１章", None), ("第２章", "【背景１】"), ("第２章", "【背景２】"),
        ("第３章", None), ("第３章", "（１）"), ("第３章", "（２）"),
        ("第４章", "【方針１】"), ("第４章", "【方針１－１】"), ("第４章", "【方針１－２】"),
        ("第４章", "【方針２】"), ("第４章", "【方針２－１】"), ("第４章", "【方針２－２】"),
        ("第４章", "【方針２－３】"), ("第４章", "【方針３】"), ("第４章", "【方針３－１】"),
        ("第４章", "【方針３－２】"), ("第５章", None),
    ]
    assert len(directives(markdown, "commentary")) == 4
    # the loose paragraph under （２） (line 78, no '>') is part of that quote
    assert seed_line(78) in quotes[5]["body"]
    assert "post.md:78: note: paragraph directly after the quoted heading at line 77" in (
        "\n".join(reports))
    assert any(r.startswith("post.md:16: note:") for r in reports)
    assert not [r for r in reports if ": warning: " in r]
    # PDF breaks inside words are cleaned in quotes (seed lines 43-44)
    assert "明確になっている。" in quotes[2]["body"]
    # the quoted document's headings stay, below the page title, without level jumps
    levels = headings(markdown)
    assert levels[0] == (1, "デジタル・ガバメント推進方針")
    assert (4, "第１章 はじめに") in levels
    assert (6, "【方針１－１】サービスデザイン思考に基づく業務改革（ＢＰＲ）の推進") in levels
    assert all(b <= a + 1 for (a, _), (b, _) in itertools.pairwise(levels))
    assert [level for level, _text in levels].count(1) == 1


def build(make_app: Callable[..., SphinxTestApp], tmp_path: Path, root: str, markdown: str
          ) -> SphinxTestApp:
    """Build ``roots/<root>`` with ``markdown`` as notes.md, warnings as errors (-W)."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / root, srcdir)
    (srcdir / "notes.md").write_text(markdown, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, warningiserror=True, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert app.statuscode == 0
    return app


def test_seed_builds_with_index(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    seed_text()
    out = tmp_path / "notes.md"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    app = build(make_app, tmp_path, "test-i-seed", out.read_text(encoding="utf-8"))

    export = json.loads((Path(app.outdir) / "policynotes.json").read_text(encoding="utf-8"))
    (source,) = export["sources"]
    assert source["title"] == "デジタル・ガバメント推進方針"
    assert source["url"] == SEED_URL
    assert source["date"] == "2017-05-30"
    assert sorted({q["chapter"] for q in export["quotes"]}) == [1, 2, 3, 4, 5]
    keys = {q["policy"] for q in export["quotes"]} - {None}
    assert keys == {"背景1", "背景2", "方針1", "方針1-1", "方針1-2", "方針2", "方針2-1",
                    "方針2-2", "方針2-3", "方針3", "方針3-1", "方針3-2", "(1)", "(2)"}
    notes = {c["id"]: c for c in export["commentaries"]}
    for quote in export["quotes"]:
        key = f"第{quote['chapter']}章" + (f" {quote['policy']}" if quote["policy"] else "")
        (note,) = quote["commentaries"]
        assert notes[note]["text"].startswith(seed_line(SEED_NOTES[key])), key

    page = html_of(app, "index")
    table = page.find("table", cls="policynotes-index")
    rubric = page.find(cls="policynotes-index-source")
    assert "デジタル・ガバメント推進方針" in rubric.text
    rows = table.find("tbody").find_all("tr")
    assert [row.find_all("td")[0].text for row in rows] == SEED_ROWS
    for row in rows:
        key_text, quote_text, note_text = (cell.text for cell in row.find_all("td"))
        assert seed_line(SEED_NOTES[key_text]) in note_text, key_text
        assert quote_text.strip()
    notes_page = html_of(app, "notes")
    assert SEED_URL in [a.attrs["href"] for a in notes_page.links()]


def test_seed_cli_reports_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed_text()
    assert main(["import", str(SEED), "-o", str(tmp_path / "x.md")]) == 0
    err = capsys.readouterr().err
    assert f"{SEED}:78: note: paragraph directly after the quoted heading at line 77" in err
    assert f"{SEED}:16: note: paragraph directly after the quoted heading at line 15" in err
    assert "1 source(s), 17 quote(s), 4 commentary(ies)" in err


def test_seed_is_not_copied_into_the_repository() -> None:
    marker = seed_line(13)  # a sentence of the author's own
    paths = [p for p in REPO.iterdir() if p.is_file()]
    for folder in ("sphinx_policynotes", "tests", "docs"):
        paths.extend(p for p in (REPO / folder).rglob("*")
                     if p.is_file() and "_build" not in p.parts)
    for path in paths:
        try:
            assert marker not in path.read_text(encoding="utf-8"), path
        except UnicodeDecodeError:
            continue


# -- other posts build with -W ------------------------------------------------------------


@pytest.mark.parametrize("post", ["kitchen.md", "levels.md"])
def test_constructs_build_without_warnings(
    post: str, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    markdown, _reports = imported((POSTS / post).read_text(encoding="utf-8"))
    app = build(make_app, tmp_path, "test-i-build", markdown)
    assert (Path(app.outdir) / "notes.html").is_file()


def test_kitchen_sink_page() -> None:
    markdown, reports = imported((POSTS / "kitchen.md").read_text(encoding="utf-8"))
    (source,) = directives(markdown, "source-ref")
    assert source["argument"] == "cloud-policy"
    assert source["date"] == "2018-06-07"
    assert markdown.startswith("% Imported from post.md")
    assert "% layout: post\n" in markdown
    assert headings(markdown)[0] == (1, "Kitchen sink: 取り込みの試験")
    quotes = directives(markdown, "policy-quote")
    assert quotes[0]["body"].startswith("本文の一行目が改行された。Open data を推進する。行政の在り方")
    assert quotes[1]["policy"] == "方針1-1"
    assert "policy" not in quotes[2] and "chapter" not in quotes[2]
    assert "\\# not a heading" in markdown and "\\(label)=" in markdown
    assert reports == [
        "post.md:9: note: author text (lines 9-10) follows no quote, so it comments on "
        "nothing; kept as plain text",
        "post.md:46: warning: quoted heading '付録' names no chapter, policy or source; kept "
        "as a section heading, the quotes under it are filed under no chapter",
        "post.md:49: note: thematic break (---) dropped",
    ]


def test_heading_levels_never_jump() -> None:
    markdown, _reports = imported((POSTS / "levels.md").read_text(encoding="utf-8"))
    assert headings(markdown) == [
        (1, "表題"), (2, "[Source paper](https://example.org/src.pdf)"), (3, "第1章 総則"),
        (4, "【方針1】 深い見出し"), (2, "著者の節"), (2, "第2章 浅い見出し"),
    ]


# -- the rules, one post each ---------------------------------------------------------------

SMALL = """\
---
layout: default
title: 小さな記事
---

> ## 「[推進方針][dg]」平成29年5月30日
> ### 第４章 推進方針
> #### 【方針１－１】業務改革
> 先行的に業務改革を実施する。
> - 箇条書きも引用

わたしの意見。

> #### 【方針１－２】見直し
> コンテンツの作成を原則

- 意見その一
- 意見その二

[dg]: https://example.org/dg.pdf "推進方針"
"""


def test_front_matter_becomes_title_and_comment() -> None:
    markdown, _reports = imported(SMALL)
    assert markdown.split("\n\n")[1] == (
        "% Front matter of the post:\n% layout: default\n% title: 小さな記事")
    assert headings(markdown)[0] == (1, "小さな記事")


def test_reference_link_in_quoted_heading_becomes_source_ref() -> None:
    markdown, _reports = imported(SMALL)
    assert directives(markdown, "source-ref") == [{
        "argument": "dg", "title": "推進方針", "date": "2017-05-30",
        "url": "https://example.org/dg.pdf", "body": "",
    }]
    assert markdown.rstrip().endswith('[dg]: https://example.org/dg.pdf "推進方針"')


def test_quotes_and_commentaries_alternate() -> None:
    markdown, _reports = imported(SMALL, author="査読者")
    quotes = directives(markdown, "policy-quote")
    assert [(q["source"], q["chapter"], q["policy"]) for q in quotes] == [
        ("dg", "第４章", "【方針１－１】"), ("dg", "第４章", "【方針１－２】")]
    assert quotes[0]["body"] == "先行的に業務改革を実施する。\n\n- 箇条書きも引用"
    notes = directives(markdown, "commentary")
    assert [(n["author"], n["body"]) for n in notes] == [
        ("査読者", "わたしの意見。"), ("査読者", "- 意見その一\n- 意見その二")]
    order = [m.group(1) for m in re.finditer(r"\{(policy-quote|commentary)\}", markdown)]
    assert order == ["policy-quote", "commentary", "policy-quote", "commentary"]


@pytest.mark.parametrize(
    ("heading", "date"),
    [
        ("「[推進方針][dg]」2017年5月30日", "2017-05-30"),
        ("「[推進方針][dg]」平成29年5月30日", "2017-05-30"),
        ("「[推進方針][dg]」（令和元年5月1日決定）", "2019-05-01"),
        ("[推進方針][dg] ２０１７年５月３０日", "2017-05-30"),
        ("[推進方針][dg]", None),
    ],
)
def test_date_next_to_the_source(heading: str, date: str | None) -> None:
    post = f"> ## {heading}\n> ### 第1章\n> 本文。\n\n[dg]: https://example.org/\n"
    markdown, reports = imported(post)
    (source,) = directives(markdown, "source-ref")
    assert source.get("date") == date
    if date is None:
        assert any(r.startswith("post.md:1: note: no date next to source 'dg'")
                   for r in reports)


def test_date_and_issuer_on_the_line_after_the_source() -> None:
    post = ("> ## [方針][dg]\n 2017年5月30日IT総合戦略本部決定\n\n> ### 第1章\n> 本文。\n\n"
            "[dg]: https://example.org/\n")
    markdown, reports = imported(post)
    (source,) = directives(markdown, "source-ref")
    assert (source["date"], source["issuer"]) == ("2017-05-30", "IT総合戦略本部")
    assert source["body"] == "2017年5月30日IT総合戦略本部決定"
    assert reports[1:3] == [
        "post.md:2: note: paragraph directly after the quoted heading at line 1 (no blank "
        "line, no '>') read as the date and description of source 'dg'",
        "post.md:2: note: issuer of source 'dg' read as 'IT総合戦略本部' (from '…決定')",
    ]


def test_loose_paragraph_after_quoted_heading_joins_the_quote() -> None:
    post = "> ### 第1章\n> #### （２）協働\n多様な主体と連携する。\n>\n> 行政のみが提供主体ではない。\n"
    markdown, reports = imported(post)
    (quote,) = directives(markdown, "policy-quote")
    assert quote["policy"] == "（２）"
    assert quote["body"] == "多様な主体と連携する。\n\n行政のみが提供主体ではない。"
    assert ("post.md:3: note: paragraph directly after the quoted heading at line 2 (no "
            "blank line, no '>') taken into the quote, as its author meant") in reports


def test_paragraph_after_a_blank_line_is_the_authors() -> None:
    post = "> ### 第1章\n> 引用。\n> #### （２）協働\n\n著者の文。\n"
    markdown, _reports = imported(post)
    assert [n["body"] for n in directives(markdown, "commentary")] == ["著者の文。"]


def test_unclassified_things_are_reported_with_lines() -> None:
    post = "前書き。\n\n> ### はじめに\n> 出典のない引用。\n\n***\n\n感想。\n"
    markdown, reports = imported(post)
    assert reports == [
        "post.md:1: note: no title in the front matter and no heading first; the page is "
        "titled 'post' after the file",
        "post.md:1: note: author text (line 1) follows no quote, so it comments on nothing; "
        "kept as plain text",
        "post.md:3: warning: quoted heading 'はじめに' names no chapter, policy or source; "
        "kept as a section heading, the quotes under it are filed under no chapter",
        "post.md:4: warning: quote with no source: no quoted heading before it cites a link "
        "definition (the build falls back to policynotes_default_source or the only source)",
        "post.md:6: note: thematic break (---) dropped",
    ]
    assert directives(markdown, "commentary")[0]["body"] == "感想。"


def test_headings_nested_in_quoted_lists_are_reported() -> None:
    post = "> ### 第1章\n> - 項目\n>\n>   ## 入れ子の見出し\n"
    markdown, reports = imported(post)
    assert "**入れ子の見出し**" in directives(markdown, "policy-quote")[0]["body"]
    assert any(r.startswith("post.md:4: warning: heading '入れ子の見出し'") for r in reports)


def test_no_clean_keeps_quotes_as_written() -> None:
    post = "> ### 第1章\n> 明確にな ってい\n> る。\n"
    cleaned, _ = imported(post)
    kept, _ = imported(post, clean=False)
    assert directives(cleaned, "policy-quote")[0]["body"] == "明確になっている。"
    assert directives(kept, "policy-quote")[0]["body"] == "明確にな ってい\nる。"


def test_hard_breaks_split_paragraphs() -> None:
    post = "> ### 第1章\n> 一つ目  \n> 二つ目\\\n> 三つ目\n"
    markdown, _ = imported(post)
    assert directives(markdown, "policy-quote")[0]["body"] == "一つ目\n\n二つ目\n\n三つ目"


def test_chapter_and_policy_close_at_their_level() -> None:
    post = ("> ### 第1章\n> #### 【方針1】\n> 一。\n> ### 第2章\n> 二。\n> #### 【背景２】\n"
            "> 三。\n> ##### 補足\n> 四。\n")
    markdown, _ = imported(post)
    assert [(q.get("chapter"), q.get("policy")) for q in directives(markdown, "policy-quote")
            ] == [("第1章", "【方針1】"), ("第2章", None), ("第2章", "【背景２】"),
                  ("第2章", "【背景２】")]


# -- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "chapter", "policy"),
    [
        ("第１章 はじめに", "第１章", None),
        ("第四章", "第四章", None),
        ("第十二章 雑則", "第十二章", None),
        ("【背景１】社会環境の変化", None, "【背景１】"),
        ("【方針１－１】サービスデザイン", None, "【方針１－１】"),
        ("（１）デジタル技術の活用", None, "（１）"),
        ("(2) 官民協働", None, "(2)"),
        ("方針1-1 クラウド", None, "方針1-1"),
        ("背景２ 課題", None, "背景２"),
        ("1-1 タイトル", None, "1-1"),
        ("第４章 【方針１】改革", "第４章", "【方針１】"),
        ("平成29年度の取組", None, None),
        ("はじめに", None, None),
        ("第X章", None, None),
    ],
)
def test_classify_heading(text: str, chapter: str | None, policy: str | None) -> None:
    info = classify_heading(text)
    assert (info.chapter, info.policy) == (chapter, policy)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2017年5月30日IT総合戦略本部決定", "2017-05-30"),
        ("平成29年5月30日", "2017-05-30"),
        ("平成二十九年五月三十日", "2017-05-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("昭和64年1月7日", "1989-01-07"),
        ("２０１７年５月３０日", "2017-05-30"),
        ("2017年5月", "2017-05"),
        ("2017-05-30", "2017-05-30"),
        ("2017/5/30", "2017-05-30"),
        ("H29.5.30", "2017-05-30"),
        ("2017年2月30日 2018年1月16日", "2018-01-16"),
        ("日付なし", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found[0] if found else None) == iso


def test_find_date_span_is_in_the_original_text() -> None:
    text = "決定：２０１７年５月３０日。"
    found = find_date(text)
    assert found is not None
    assert text[found[1]:found[2]] == "２０１７年５月３０日"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("2017年5月30日IT総合戦略本部・官民データ活用推進戦略会議決定",
         "IT総合戦略本部・官民データ活用推進戦略会議"),
        ("2018年1月16日 eガバメント閣僚会議決定", "eガバメント閣僚会議"),
        ("（平成29年5月30日閣議決定）", "閣議"),
        ("2017年5月30日", None),
        ("本方針を決定した。", None),
    ],
)
def test_guess_issuer(text: str, issuer: str | None) -> None:
    assert guess_issuer(text) == issuer


# -- writing Markdown back ------------------------------------------------------------------


@pytest.mark.parametrize(
    "post",
    [
        "\\# not a heading\n\\- not a list\n1\\. not a list\n\\> not a quote",
        "\\% not a comment\n\\: not an option\n\\+ no\n\\= no\n(label)=",
        "stars \\* and \\_ under \\` tick \\[br\\] \\<tag> \\| pipe \\~ \\$ \\\\ back",
        "&amp;copy; and &copy; and AT&T",
        "*em* **strong** `co``de` ``a`b`` [t](http://x.org/a(b) \"q\\\"t\") ![i](p.png)",
        "<span>html</span> <https://auto.link/x> 日本語 *強調*です",
        "text  \nhard break",
        "{role}`not a role` and {{ subst }}",
    ],
)
def test_written_markdown_reads_back_the_same(post: str) -> None:
    md = make_parser()
    writer = BlockWriter(None, lambda line, message: None)
    tree_in = md.parse(post)
    written = "\n".join(writer.blocks(SyntaxTreeNode(tree_in).children))
    assert text_of(written) == text_of(post)
    reread = [t.type for t in md.parse(written)]
    assert set(reread) <= {"paragraph_open", "inline", "paragraph_close"}


def test_escape_line_start() -> None:
    assert escape_line_start("12) item") == "12\\) item"
    assert escape_line_start("  # x") == "\\# x"
    assert escape_line_start("(1)について") == "(1)について"
    assert escape_line_start("2017年") == "2017年"


def test_fence_and_option_value() -> None:
    assert fence_for("no ticks") == "```"
    assert fence_for("````python\n````") == "`````"
    assert option_value("デジタル・ガバメント推進方針") == "デジタル・ガバメント推進方針"
    assert option_value('"quoted" title') == '"\\"quoted\\" title"'
    assert option_value("title # with hash") == '"title # with hash"'
    assert option_value("a\n b") == "a b"


# -- the command line -----------------------------------------------------------------------


def test_cli_writes_file_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.md"
    post.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "notes.md"
    assert main(["import", str(post), "-o", str(out), "--author", "査読者"]) == 0
    assert ":author: 査読者" in out.read_text(encoding="utf-8")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 source(s), 2 quote(s), 2 commentary(ies)" in captured.err


def test_cli_stdout_quiet_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.md"
    post.write_text("> ### はじめに\n> 引用。\n", encoding="utf-8")
    assert main(["import", str(post), "-q"]) == 0
    captured = capsys.readouterr()
    assert "{policy-quote}" in captured.out
    assert f"{post}:1: warning: quoted heading 'はじめに'" in captured.err
    assert "note:" not in captured.err
    assert main(["import", str(post), "--strict", "-o", str(tmp_path / "x.md")]) == 1


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.md"
    assert main(["import", str(missing)]) == 1
    assert "cannot read" in capsys.readouterr().err
    post = tmp_path / "post.md"
    post.write_text("# x\n", encoding="utf-8")
    assert main(["import", str(post), "-o", str(post)]) == 1
    assert post.read_text(encoding="utf-8") == "# x\n"
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_python_dash_m(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(SMALL, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_policynotes", "import", str(post), "-o",
         str(tmp_path / "notes.md")],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "{policy-quote}" in (tmp_path / "notes.md").read_text(encoding="utf-8")


def test_repeated_link_definition_is_kept_as_a_comment() -> None:
    post = "> ## [方針][x]\n> ### 第1章\n> 本文\n\n[x]: http://e.org/1\n[X]: http://e.org/2\n"
    markdown, reports = imported(post)
    assert markdown.endswith("[x]: http://e.org/1\n% [X]: http://e.org/2\n")
    assert ("post.md:6: note: link definition [X] repeats an earlier label (Markdown uses the "
            "first); kept as a comment") in reports


def test_front_matter_values() -> None:
    markdown, _ = imported("---\ntitle: 表題 # a YAML comment\nlayout: post\n---\n本文。\n")
    assert headings(markdown) == [(1, "表題")]
    markdown, _ = imported("---\ntitle: 'quoted: # kept'\n---\n")
    assert headings(markdown) == [(1, "quoted: # kept")]


def test_front_matter_title_equal_to_the_first_heading_is_written_once() -> None:
    markdown, _ = imported("---\ntitle: サンプル 計画を読む\n---\n\n# サンプル 計画を読む\n\n本文。\n")
    assert headings(markdown) == [(1, "サンプル 計画を読む")]
    markdown, _ = imported("## 最初の見出し\n\n> ### 第1章\n> 本文。\n")
    assert headings(markdown) == [(1, "最初の見出し"), (2, "第1章")]
