"""Quotes verified against the source's text: statuses, warnings, pages, coverage."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-m-verify"


def plain(warnings: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", warnings)


def quotes_by_policy(outdir: Path) -> dict[str | None, dict[str, Any]]:
    data = json.loads((outdir / "policynotes.json").read_text(encoding="utf-8"))
    return {q["policy"]: q for q in data["quotes"]}


@pytest.mark.sphinx("html", testroot="m-verify", freshenv=True)
def test_statuses_warnings_pages_and_coverage(app: SphinxTestApp) -> None:
    app.build()
    warnings = plain(app.warning.getvalue())
    # (language = "ja": the messages are Japanese)
    assert re.search(r"index.rst:18: WARNING: policy-quote が出典と異なります"
                     r"（スコア [\d.]+）: タを前提\[-う\]\[\+とし\]（オープ。出典では "
                     r"'行政が保有するデータについては、オープンデータを前提とし（オープンデータ・バイ・デザイン）' "
                     r"です \[policynotes.misquote\]", warnings)
    assert re.search(r"index.rst:31: WARNING: policy-quote が出典 'dg-2017' の本文に見当たりません: "
                     r"'この文は原文にない。.*' \[policynotes.quote_not_found\]", warnings)
    assert re.search(r"index.rst:24: WARNING: policy-quote の :page: は 1 ですが、出典では 3 "
                     r"ページにあります \[policynotes.page_mismatch\]", warnings)
    assert "index.rst:11:" not in warnings  # exact, on the page it says
    out = Path(app.outdir)
    quotes = quotes_by_policy(out)
    assert (quotes["方針1-1"]["verified"], quotes["方針1-1"]["match_score"]) == ("exact", 100.0)
    assert quotes["方針2-1"]["verified"] == "close"
    assert 85 <= quotes["方針2-1"]["match_score"] < 100
    assert quotes[None]["verified"] == "not_found"
    # A missing :page: is filled in with the printed page where the quote was found.
    assert quotes["方針2-1"]["page"] == 3
    html = (out / "index.html").read_text(encoding="utf-8")
    # Printed page 3 is physical page 4 (:page-offset: 1): #page= uses the physical page.
    assert 'href="https://example.org/suisinhosin.pdf#page=4&amp;search=' in html
    assert 'href="https://example.org/suisinhosin.pdf#page=3&amp;search=' in html  # :page: 2
    # The phrase searched for is a line of that page of the source's text.
    pages = (Path(app.srcdir) / "source.txt").read_text(encoding="utf-8").split("\f")
    phrases = [urllib.parse.unquote(m) for m in re.findall(
        r'suisinhosin\.pdf#page=3&amp;search=([^"]+)"', html)]
    assert phrases and all(p.strip() in [" ".join(line.split())
                                         for line in pages[2].splitlines()] for p in phrases)
    for status, text in (("exact", "照合済み"), ("close", "近似"), ("not_found", "原文に見当たらず")):
        # (navigation in labels is no-search: the status is not search text)
        assert f'policynotes-{status} no-search">{text}</span>' in html
    data = json.loads((out / "policynotes.json").read_text(encoding="utf-8"))
    coverage = data["coverage"]["dg-2017"]
    assert coverage["summary"] == "方針: 3/3 quoted, 3/3 commented"
    chapters = {c["chapter"]: c for c in coverage["chapters"]}
    assert [p["policy"] for p in chapters[4]["policies"]] == ["方針1-1", "方針2-1", "方針2-2"]
    assert "網羅状況 方針: 3/3 quoted, 3/3 commented" in re.sub(r"<[^>]+>", "", html)


@pytest.mark.sphinx("html", testroot="m-verify-bad", freshenv=True)
def test_paths_outside_the_project_or_missing_warn(app: SphinxTestApp) -> None:
    app.build()
    warnings = plain(app.warning.getvalue())
    assert re.search(r"index.rst:4: WARNING: source-ref 'outside': :text: '../../conftest.py' "
                     r"is outside the project; ignored \[policynotes.bad_path\]", warnings)
    assert re.search(r"index.rst:8: WARNING: source-ref 'missing': :text: 'nowhere.txt': no "
                     r"such file \[policynotes.bad_path\]", warnings)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Still rendered." in html
    data = json.loads((Path(app.outdir) / "policynotes.json").read_text(encoding="utf-8"))
    assert data["quotes"][0]["verified"] is None and data["coverage"] == {}


def test_editing_the_source_text_reverifies(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src).build()
    text = src / "source.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("前提とし", "前提う"),
                    encoding="utf-8")
    stamp = text.stat().st_mtime + 5
    os.utime(text, (stamp, stamp))
    app = make_app("html", srcdir=src)
    app.build()
    assert quotes_by_policy(Path(app.outdir))["方針2-1"]["verified"] == "exact"
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert index.count("照合済み") == 3


def test_verify_command(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_policynotes.cli import main

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")  # English messages (the locale decides)

    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    assert main(["verify", str(src)]) == 1  # a close match and a quote not found
    out = capsys.readouterr().out
    assert re.search(r"^close\s+\d+\s+3\s+dg-2017\s+方針2-1", out, flags=re.M)
    assert re.search(r"^not_found\s+\d+\s+\s+dg-2017", out, flags=re.M)
    assert "4 quotes: 1 close, 2 exact, 1 not_found; 2 failing" in out
    assert "coverage of dg-2017: 方針: 3/3 quoted, 3/3 commented" in out
    # From an export file; close matches allowed, the not-found quote still fails.
    export = tmp_path / "policynotes.json"
    index = (src / "index.rst").read_text(encoding="utf-8")
    (src / "index.rst").write_text(index.replace("この文は原文にない。まったく別の話題について述べている文章である。",
                                                 "デジタル社会に対応したデジタル・ガバメントを目指す。"),
                                   encoding="utf-8")
    from sphinx.cmd.build import build_main

    assert build_main(["-q", "-b", "html", str(src), str(tmp_path / "out")]) == 0
    shutil.copy(tmp_path / "out" / "policynotes.json", export)
    assert main(["verify", "--allow-close", str(export)]) == 0
    assert "0 failing (close allowed)" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "why"), [
    (b"not json", "Expecting value"),
    (b"\xff\xfe", "codec"),
    (b"[1, 2]", "no export object"),
    (b'{"quotes": 3}', "no export object"),
])
def test_verify_command_on_a_file_that_is_no_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, why: str) -> None:
    """A file that is not an export is said so, with exit status 2, no traceback."""
    from sphinx_policynotes.cli import main

    path = tmp_path / "policynotes.json"
    path.write_bytes(content)
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"policynotes verify: {path} is not a policynotes.json export (" in err
    assert why in err
    assert "Traceback" not in err


def test_verify_command_skips_malformed_quotes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx_policynotes.cli import main

    path = tmp_path / "policynotes.json"
    path.write_text('{"quotes": [{"text": "x", "verified": "exact"}, 3]}', encoding="utf-8")
    assert main(["verify", str(path)]) == 0
    assert "1 quotes: 1 exact; 0 failing" in capsys.readouterr().out


def pdf_project(tmp_path: Path) -> Path:
    """A project whose one quote (方針1-1, 先行的に業務改革を実施する。, line 8 of
    ``index.rst``) has the source ``plan`` with ``:pdf: plan.pdf`` (not written)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_policynotes"]\n', encoding="utf-8")
    (src / "index.rst").write_text(
        "Plan\n====\n\n.. source-ref:: plan\n   :title: Plan\n   :pdf: plan.pdf\n\n"
        ".. policy-quote::\n   :policy: 1-1\n\n   先行的に業務改革を実施する。\n",
        encoding="utf-8")
    return src


def test_pdf_source_is_extracted_cached_and_verified(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """``:pdf:``: text from the PDF with pypdf, cached in the doctree folder."""
    from test_verify_pdftext import write_pdf

    src = pdf_project(tmp_path)
    write_pdf(src / "plan.pdf", [["第４章 推進方針"],
                                 ["【方針１－１】業務改革の推進", "先行的に業務改革を実施する。"]])
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    quote = json.loads((Path(app.outdir) / "policynotes.json").read_text("utf-8"))["quotes"][0]
    assert (quote["verified"], quote["page"]) == ("exact", 2)
    cache = Path(app.doctreedir) / "policynotes-pdf"
    assert any(cache.glob("pdftext-*.json"))


def test_a_broken_pdf_warns_where_its_quotes_are_and_they_still_render(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """A ``:pdf:`` that pypdf cannot read: ``pdf_text`` at each quote of it,
    located, and the quote rendered and exported, unverified."""
    src = pdf_project(tmp_path)
    (src / "plan.pdf").write_bytes(b"%PDF-1.4\nthis is no PDF at all\n")
    app = make_app("html", srcdir=src)
    app.build()
    warnings = plain(app.warning.getvalue())
    assert re.search(r"index\.rst:8: WARNING: source 'plan': its text cannot be read: .+ "
                     r"\[policynotes\.pdf_text\]", warnings), warnings
    assert warnings.count("[policynotes.pdf_text]") == 1, warnings
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "先行的に業務改革を実施する。" in page
    quote = json.loads((Path(app.outdir) / "policynotes.json").read_text("utf-8"))["quotes"][0]
    assert quote["text"] == "先行的に業務改革を実施する。" and quote["verified"] is None


@pytest.mark.sphinx("html", testroot="m-verify", freshenv=True, srcdir="patterns",
                    confoverrides={"policynotes_structure_patterns": [
                        r"^(?P<chapter>第[0-9０-９]+章)",
                        r"^(?P<policy>[(broken",
                        r"^(?P<other>x)"]})
def test_structure_patterns_are_configurable(app: SphinxTestApp) -> None:
    app.build()
    warnings = plain(app.warning.getvalue())
    # (language = "ja": the messages are Japanese)
    assert ("policynotes_structure_patterns: '^(?P<policy>[(broken' は正規表現として読めません"
            in warnings)
    assert ("policynotes_structure_patterns: '^(?P<other>x)' には名前付きグループ 'chapter' か "
            "'policy' のどちらか 1 つが必要です。無視します [policynotes.config]") in warnings
    data = json.loads((Path(app.outdir) / "policynotes.json").read_text(encoding="utf-8"))
    # Only chapter headings are looked for now: the policies are not found
    # as markers, so every quoted one is "unmatched".
    coverage = data["coverage"]["dg-2017"]
    assert sorted(c["chapter"] for c in coverage["chapters"]) == [1, 4]
    assert all(c["policies"] == [] for c in coverage["chapters"])
    assert {u["policy"] for u in coverage["unmatched"]} == {"方針1-1", "方針2-1", "方針2-2"}


def test_source_texts_kept_in_a_process_are_bounded(tmp_path: Path) -> None:
    """A long-lived process (sphinx-autobuild) builds again and again, each
    edit of a source's text a new one: only the last ones used are kept."""
    from sphinx_policynotes.collect import verification
    from sphinx_policynotes.model import SourceRecord

    verification._TEXTS.clear()
    verifier = verification.Verifier(catalog=None, srcdir=str(tmp_path),  # type: ignore[arg-type]
                                     cachedir=None, memo={})
    first = None
    for n in range(verification._KEPT + 5):
        (tmp_path / f"t{n}.txt").write_text(f"本文{n}", encoding="utf-8")
        source = SourceRecord(id=f"s{n}", title=None, short=None, issuer=None, date=None,
                              url=None, text="", docname="d", anchor=f"src-{n}", lineno=1,
                              serial=n, text_path=f"t{n}.txt", text_kind="text",
                              text_digest=str(n))
        first = first or source
        assert verifier.source_text(source) is not None
        assert verifier.source_text(first) is not None  # used again: kept
    assert len(verification._TEXTS) == verification._KEPT
    assert ("t0.txt", "0") in verification._TEXTS  # the one used every time
    assert ("t1.txt", "1") not in verification._TEXTS  # the oldest others went
    verification._TEXTS.clear()
