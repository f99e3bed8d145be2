"""The importer's rules for real posts, one small synthetic post each (issue 21).

Numbering read from quoted headings and bold lines, a scheme per source and
the full path in ``:at:``; sources by document; cleaning that keeps the space
after a number; notes on the quotes they name; the report and the command
line for several posts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_policynotes.cleaning import clean_text
from sphinx_policynotes.cli import main
from sphinx_policynotes.importer import import_post, import_posts
from sphinx_policynotes.importer.structure import Token, choose_scheme, heading_token, locate


def options(markdown: str, name: str, option: str) -> list[str]:
    """The value of ``:option:`` of every ``name`` directive (``""`` when absent)."""
    found = []
    for block in re.findall(rf"^```\{{{name}\}}[^\n]*\n((?::[^\n]*\n)*)", markdown, re.M):
        match = re.search(rf"^:{option}: (.*)$", block, re.M)
        found.append(match.group(1) if match else "")
    return found


def arguments(markdown: str, name: str) -> list[str]:
    return re.findall(rf"^```\{{{name}\}} (\S+)$", markdown, re.M)


def messages(text: str) -> list[str]:
    return [r.format("post.md") for r in import_post(text).reports]


# -- structure --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "label", "kind"), [
    ("Ⅲ．基本原則", "Ⅲ．", "roman"), ("１．本指針の位置づけ", "１．", "num"),
    ("１はじめに", "１", "bare"), ("１　地方公共団体", "１", "bare"),
    ("１ .１ 本計画の趣旨", "１ .１", "dotted"), ("３.２ 横断的改革", "３.２", "dotted"),
    ("1)業務改革", "1)", "rparen"), ("（１）手続", "（１）", "paren"), ("① 運用", "①", "circled"),
    ("第２ 現状", "第２", "dai"), ("第４章 推進方針", "第４章", "chapter"),
    ("【方針１－１】改革", "【方針１－１】", "policy"), ("ア．住民票", "ア．", "kana"),
    ("（ア）次世代", "（ア）", "pkana"), ("第１条 利用者", "第１条", "law"),
    ("2018年1月", None, None), ("はじめに", None, None),
])
def test_heading_token(text: str, label: str | None, kind: str | None) -> None:
    token = heading_token(text)
    assert (token.label, token.kind) == (label, kind) if token else (label is None)


def test_scheme_is_the_one_that_reads_most() -> None:
    outline = [Token("Ⅲ．", "roman"), Token("２．", "num"), Token("（２）", "paren"),
               Token("①", "circled")]
    assert choose_scheme([outline]) == ("ja-outline", 4, 4)
    assert locate(outline, "ja-outline").text == "Ⅲ． ２． （２） ①"
    dotted = [Token("３", "bare"), Token("３.２", "dotted")]
    assert choose_scheme([dotted])[0] == "dotted"
    assert locate(dotted, "dotted").text == "３.２"
    plan = [Token("第４章", "chapter"), Token("【方針１】", "policy")]
    assert choose_scheme([plan])[0] == "ja-plan"
    assert choose_scheme([])[0] == "ja-plan"


OUTLINE = """\
# 記事

> ## [サンプル方針][s]
> ### Ⅲ．基本原則
> **（１）手続の見直し**
> 手続を見直す。
>
> **①電子化の原則**
> 原則として電子化する。
>
> **②共通化の原則**
> 共通化する。

②について、当然のこと。

[s]: https://example.org/plan.pdf "サンプル方針"
"""


def test_quoted_headings_and_bold_lines_give_the_full_path() -> None:
    markdown = import_post(OUTLINE).markdown
    assert options(markdown, "source-ref", "scheme") == ["ja-outline"]
    assert options(markdown, "policy-quote", "at") == [
        "Ⅲ． （１）", "Ⅲ． （１） ①", "Ⅲ． （１） ②"]
    assert options(markdown, "policy-quote", "chapter") == ["", "", ""]


DOTTED = """\
# 記事

> ## [計画][p]
> ### １はじめに
> #### １ .１ 趣旨
> 計画の趣旨。
> ### ３利用者中心の改革
> #### ３.２ 横断的改革
> **1)業務改革**
> 業務を見直す。

感想。

[p]: https://example.org/p.pdf
"""


def test_dotted_numbers_with_the_items_under_a_section() -> None:
    """A post mixing forms gets the path it shows: ``３.２`` › ``1)``."""
    result = import_post(DOTTED)
    assert options(result.markdown, "source-ref", "scheme") == ["dotted"]
    assert options(result.markdown, "policy-quote", "at") == ["１ .１", "３.２ 1)"]
    reports = [r.format("post.md") for r in result.reports]
    assert not [r for r in reports if "cannot be written" in r], reports
    assert result.schemes == {"p": "dotted"}
    assert (result.quotes, result.located) == (2, 2)


def test_a_part_the_scheme_cannot_write() -> None:
    result = import_post(DOTTED.replace("**1)業務改革**", "**ア　業務改革**"))
    assert options(result.markdown, "policy-quote", "at") == ["１ .１", "３.２"]
    reports = [r.format("post.md") for r in result.reports]
    assert ("post.md:9: note: numbered part 'ア' cannot be written in scheme 'dotted' of "
            "source 'p' after the parts above it; its quotes are filed under those") in reports
    assert (result.quotes, result.located) == (2, 2)


# -- sources ----------------------------------------------------------------------------

INTRO = """\
# 記事

本文章の引用は「[基本指針][a]」（2015年6月30日 本部決定）からのものです。

> 原則として電子化する。

とされている。

[a]: https://example.org/kihon.pdf "「基本指針」"
"""


def test_a_source_named_in_the_introduction() -> None:
    result = import_post(INTRO)
    assert arguments(result.markdown, "source-ref") == ["a"]
    assert options(result.markdown, "source-ref", "date") == ["2015-06-30"]
    assert options(result.markdown, "policy-quote", "source") == ["a"]
    assert not [r for r in result.reports if r.severity == "warning"]


def test_a_source_named_by_an_unquoted_heading() -> None:
    post = "# 「基本指針」\n\n> 引用。\n\n[a]: https://example.org/k.pdf \"基本指針\"\n"
    result = import_post(post)
    assert options(result.markdown, "policy-quote", "source") == ["a"]
    assert ("post.md:1: note: heading names source 'a': the quotes after it are filed "
            "under it") in [r.format("post.md") for r in result.reports]


def test_a_part_of_a_document_is_a_source_of_its_own() -> None:
    post = ("> ## 「[推進方針][dg]　別紙　アクションプラン」\n> 本文。\n\n"
            "[dg]: https://example.org/dg.pdf \"推進方針\"\n")
    markdown = import_post(post).markdown
    assert arguments(markdown, "source-ref") == ["dg", "dg-annex"]
    assert options(markdown, "source-ref", "title") == ["推進方針", "推進方針 別紙 アクションプラン"]
    assert "{source-ref}`dg`" in markdown
    assert options(markdown, "policy-quote", "source") == ["dg-annex"]


def post_of(label: str, url: str) -> str:
    return f"> ## [文書][{label}]\n> ### 第1章\n> 本文。\n\n意見。\n\n[{label}]: {url}\n"


def test_labels_are_local_to_a_post_documents_are_not() -> None:
    first, second, third = import_posts([
        ("a.md", post_of("x", "https://example.org/one.pdf")),
        ("b.md", post_of("x", "https://example.org/two.pdf")),
        ("c.md", post_of("y", "http://example.org/one.pdf")),
    ])
    assert (first.sources, second.sources, third.sources) == (["x"], ["x-2"], ["x"])
    assert (first.declared, second.declared, third.declared) == (["x"], ["x-2"], [])
    assert ("b.md:1: note: link label [x] names another document here than in a.md; this "
            "source gets the id 'x-2'") in [r.format("b.md") for r in second.reports]


def test_a_sources_page_is_reused() -> None:
    page = "```{source-ref} plan-2017\n:title: 文書\n:url: https://example.org/one.pdf\n```\n"
    (result,) = import_posts([("a.md", post_of("x", "https://example.org/one.pdf"))],
                             sources_page=page)
    assert result.sources == ["plan-2017"] and result.declared == []
    assert options(result.markdown, "policy-quote", "source") == ["plan-2017"]


# -- text -------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("第１条 利用者のニーズから出発する", "第１条 利用者のニーズから出発する"),
    ("府省の「２ 二次利用を促進する」", "府省の「２ 二次利用を促進する」"),
    ("（イ） 次世代", "（イ） 次世代"),
    ("等は、（中略） 積極的に", "等は、（中略） 積極的に"),
    ("Ⅲ． 基本原則", "Ⅲ． 基本原則"),
    ("第１条\n利用者", "第１条利用者"),  # a line break still goes
    ("２０１８ 年", "２０１８年"),  # a number and its unit are one word
    ("明確にな ってい\nる。", "明確になっている。"),
    ("\uf0d8 項目", "• 項目"),
])
def test_cleaning_keeps_the_space_after_a_number(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean_text(raw)) == clean_text(raw)


def test_lazy_line_breaking_a_word_is_joined() -> None:
    post = ("> ### 第1章\n> ③コネクテッド  \nどこからでも一か所で実  \n現する。\n"
            "> 第１条 利用者  \n第２条 事実\n")
    markdown = import_post(post).markdown
    body = markdown.split("```{policy-quote}")[1]
    assert "どこからでも一か所で実現する。" in body
    assert "③コネクテッド\n\nどこからでも" in body
    assert "第１条 利用者\n\n第２条 事実" in body


def test_unknown_private_use_character_is_kept_and_warned() -> None:
    reports = messages("> ### 第1章\n> \ue123 項目\n")
    assert ("post.md:2: warning: private-use character U+E123 (from a PDF's symbol font?) "
            "kept as written; replace it by what it stands for") in reports


def test_bold_next_to_cjk_punctuation_is_written_as_a_role() -> None:
    markdown = import_post("> ### 第1章\n> 本文。\n\n特に**「基本法」**を参照。\n\n"
                           "ここは**（１）注） **も。\n").markdown
    assert "特に{strong}`「基本法」`を参照。" in markdown
    assert "ここは{strong}`（１）注）`も。" in markdown


# -- notes ------------------------------------------------------------------------------

NAMED = """\
> ## [計画][p]
> ### 第３章 あり方
> 章の前文。
> #### （１）連携
> 連携する。
> #### （２）協働
> 協働する。

(2)について、協働は難しい。

[p]: https://example.org/p.pdf
"""


def test_a_note_naming_a_part_is_on_its_quotes() -> None:
    result = import_post(NAMED)
    # the chapter's own lead stays in, as the note's context; （１） is out
    assert options(result.markdown, "policy-quote", "name") == ["post-q1", "", "post-q3"]
    assert options(result.markdown, "commentary", "on") == ["post-q1 post-q3"]
    (note,) = result.notes
    assert note.quotes == (3, 7)


def test_a_note_naming_no_part_is_on_the_whole_group() -> None:
    result = import_post(NAMED.replace("(2)について、", ""))
    assert options(result.markdown, "commentary", "on") == [""]
    assert result.notes[0].quotes == (3, 5, 7) and result.shared_notes == 1


SPLIT = """\
> ## [計画][p]
> ### 第1章
> 意義を述べる。

計画が示す意義

> ア　課題の解決
> イ　行政の効率化

に加えて地域の課題を重く見ている。

[p]: https://example.org/p.pdf
"""


def test_a_note_interrupted_by_a_quote_stays_one_note() -> None:
    result = import_post(SPLIT)
    markdown = result.markdown
    assert markdown.count("```{commentary}") == 1
    note = markdown.split("```{commentary}")[1]
    assert "計画が示す意義" in note and "に加えて地域の課題" in note
    assert markdown.index("ア　課題の解決") < markdown.index("計画が示す意義")
    assert result.notes[0].quotes == (3, 7)


# -- report and command line ------------------------------------------------------------


def test_cli_several_posts_dry_run_and_strict(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(post_of("x", "https://example.org/one.pdf"), encoding="utf-8")
    b.write_text(post_of("x", "https://example.org/two.pdf"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(a), str(b), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert not out.exists() and "nothing written (--dry-run)" in err
    assert "  1 quote(s) with a place, 0 without; 0 commentary(ies) on more than one quote" in err
    assert "  source x-2: scheme ja-plan" in err
    assert "  commentary at line 5: on the quote(s) at line(s) 3" in err
    assert main(["import", str(a), str(b), "-o", f"{out}/"]) == 0
    assert "```{source-ref} x-2" in (out / "b.md").read_text(encoding="utf-8")
    assert main(["import", str(a), str(b)]) == 2
    assert "several posts need -o DIR/" in capsys.readouterr().err
    a.write_text("> 出典のない引用。\n", encoding="utf-8")
    assert main(["import", str(a), "--strict", "--dry-run"]) == 1
