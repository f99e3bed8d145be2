"""The messages: did-you-mean, one warning per mistake, a page's warnings in
line order, the LaTeX fonts warning, every message in the project's language
(and the command line's in the locale's), and the message catalog itself.

Roots: ``test-m-messages`` (typos, a page of mistakes in reverse order, a
quote of an undeclared source), ``test-d-bad`` and ``test-m-latex``.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from sphinx.testing.util import SphinxTestApp
from util import sphinx_root, warning_lines

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "sphinx_policynotes"
LOCALE = PACKAGE / "locale"
#: msgids the code passes to gettext as values, not literals (Report.format).
DYNAMIC_MSGIDS = {"note", "warning"}
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdrif%]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def ours(app: SphinxTestApp) -> list[str]:
    return [line for line in warning_lines(app) if "[policynotes." in line]


def of_file(app: SphinxTestApp, filename: str) -> list[str]:
    return [line for line in ours(app) if line.startswith(filename + ":")]


def by_line(lines: list[str]) -> list[str]:
    """Warnings of one file by line: those of reading it (its directives' own
    options and values) come before those of resolving it."""
    return sorted(lines, key=lambda line: int(line.split(":")[1]))


# -- did you mean -------------------------------------------------------------------


TYPOS = [
    "typos.rst:4: WARNING: policy-quote: unknown source 'dg2017'; did you mean 'dg-2017'? "
    "[policynotes.unknown_source]",
    "typos.rst:9: WARNING: commentary :on: names an unknown quote 'brp', so it comments on "
    "no quote; did you mean 'bpr'? [policynotes.unknown_quote]",
    "typos.rst:14: WARNING: commentary :on: names an unknown quote 'nope', so it comments on "
    "no quote [policynotes.unknown_quote]",
    "typos.rst:19: WARNING: commentary: unknown option 'onn' (ignored); known: author, class, "
    "decision, name, on, reply-to, stance, status, tags; did you mean 'on'? "
    "[policynotes.unknown_option]",
    "typos.rst:24: WARNING: policy-quote: unknown option 'sorce' (ignored); known: at, "
    "chapter, class, continues, name, page, policy, source, verbatim; did you mean 'source'? "
    "[policynotes.unknown_option]",
    "typos.rst:30: WARNING: policy-index: unknown source 'dg-2071'; did you mean 'dg-2017'? "
    "[policynotes.unknown_source]",
    "typos.rst:33: WARNING: policy-lineage: 'dg-2071:1-1' is in no lineage (no :continues: "
    "links it); did you mean 'dg-2017:1-1'? [policynotes.unknown_ref]",
    "typos.rst:36: WARNING: source-ref target 'dg-2071' is not a declared source; did you "
    "mean 'dg-2017'? [policynotes.unknown_ref]",
    "typos.rst:36: WARNING: policy target 'dg-2071:1-1': no quote has policy dg-2071:1-1; "
    "did you mean 'dg-2017:1-1'? [policynotes.unknown_ref]",
    "typos.rst:36: WARNING: policy target 'dg-2017:1-2': source dg-2017 has no quote with "
    "policy 方針1-2; did you mean 'dg-2017:1-1'? [policynotes.unknown_ref]",
    "typos.rst:36: WARNING: policy target '9-9': no quote has policy 方針9-9 "
    "[policynotes.unknown_ref]",
]


@sphinx_root("m-messages")
def test_typos_get_one_warning_each_with_the_closest_known_ids(app: SphinxTestApp) -> None:
    """Each typo of typos.rst: one warning, naming what is close (nothing for
    'nope' and '9-9'); a name written twice, or a misspelt option, is one
    mistake: no second warning (nothing_to_comment, no_source, missing_title)."""
    app.build()
    assert by_line(of_file(app, "typos.rst")) == TYPOS
    assert by_line(of_file(app, "sources.rst")) == [
        "sources.rst:8: WARNING: source-ref :continues: 'dg-2071' is not a declared source; "
        "did you mean 'dg-2017'? [policynotes.unknown_continues]",
        "sources.rst:12: WARNING: source-ref: unknown option 'titel' (ignored); known: "
        "class, continues, date, issuer, page-offset, pdf, scheme, short, supersedes, text, "
        "title, url, version; did you mean 'title'? [policynotes.unknown_option]"]
    assert not [line for line in ours(app) if "nothing_to_comment" in line
                or "no_source" in line or "missing_title" in line]


@sphinx_root("m-messages")
def test_a_quote_of_an_undeclared_source_warns_once(app: SphinxTestApp) -> None:
    """``{policy}`white-paper:1-1``` finds the quote of the undeclared source
    white-paper: its quote's unknown_source is the one warning of the page."""
    app.build()
    assert of_file(app, "undeclared.md") == [
        "undeclared.md:3: WARNING: policy-quote: unknown source 'white-paper' "
        "[policynotes.unknown_source]"]
    page = (Path(app.outdir) / "undeclared.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="reference internal"[^>]* href="([^"]*)"[^>]*>'
                     r'<span[^>]*>方針1-1</span></a>', page)
    assert link is not None, page
    anchor = link.group(1).partition("#")[2]
    assert f'id="{anchor}"' in page  # the quote, on this page


# -- one page's warnings, from the top down ----------------------------------------


ORDER = [
    "order.rst:4: WARNING: policy-index: unknown source 'zz-index' [policynotes.unknown_source]",
    "order.rst:7: WARNING: commentary :on: names an unknown quote 'zz-note', so it comments "
    "on no quote [policynotes.unknown_quote]",
    "order.rst:12: WARNING: policy-quote: unknown source 'zz-quote' [policynotes.unknown_source]",
    "order.rst:20: WARNING: duplicate source-ref id 'zz-card'; the first, at order:17, is used "
    "[policynotes.duplicate_source]",
    "order.rst:23: WARNING: source-ref target 'zz-role' is not a declared source "
    "[policynotes.unknown_ref]",
]


@sphinx_root("m-messages")
def test_warnings_of_a_page_come_in_line_order(app: SphinxTestApp) -> None:
    """order.rst has its mistakes in the reverse of the order they are found
    (roles, cards, quotes, commentaries, indexes): they are printed by line."""
    app.build()
    assert of_file(app, "order.rst") == ORDER


@sphinx_root("m-messages", "latex")
def test_warnings_of_an_assembled_document_come_by_file_and_line(app: SphinxTestApp) -> None:
    """LaTeX resolves one tree of every page: its warnings (the roles' too)
    come by file and line after those of reading the pages."""
    app.build()
    lines = ours(app)
    reading = [line for line in lines if "unknown_option" in line]
    assert lines[:len(reading)] == reading
    resolved = lines[len(reading):]

    def place(line: str) -> tuple[str, int]:
        name, number = line.split(":")[:2]
        return name, int(number)

    assert resolved == sorted(resolved, key=place)
    assert set(ORDER) <= set(resolved)
    assert len(resolved) == 16


@sphinx_root("m-messages", confoverrides={"suppress_warnings": ["policynotes.unknown_ref"]})
def test_held_warnings_can_still_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert of_file(app, "order.rst") == ORDER[:-1]
    assert not [line for line in ours(app) if "unknown_ref" in line]


@sphinx_root("m-messages")
def test_held_warnings_are_not_lost_when_resolving_fails(app: SphinxTestApp) -> None:
    """A role's warning, held for its page, is printed even when the page's
    ``doctree-resolved`` never comes to the extension (another handler fails)."""

    def fail(_app: Any, _doctree: Any, docname: str) -> None:
        if docname == "order":
            raise RuntimeError("another extension fails")

    app.connect("doctree-resolved", fail, priority=100)
    with pytest.raises(Exception, match="another extension fails"):
        app.build()
    assert ORDER[-1] in ours(app)


# -- LaTeX fonts -------------------------------------------------------------------------

LATEX_FONTS = (
    "WARNING: policynotes_latex_preset = 'ja-lualatex' を使わずに作る日本語 PDF には、"
    "フォントが埋め込まれないことがあります（latex_engine 'uplatex' では TeX の設定次第で、"
    "Debian の既定では埋め込まれません）。埋め込むにはこの値を設定してください "
    "[policynotes.latex_fonts]")


@pytest.mark.parametrize(("expected", "confoverrides"), [
    pytest.param([LATEX_FONTS], {"policynotes_latex_preset": None}, id="ja-uplatex",
                 marks=sphinx_root("m-latex", "latex",
                                   confoverrides={"policynotes_latex_preset": None})),
    pytest.param([], {}, id="ja-lualatex", marks=sphinx_root("m-latex", "latex")),
    pytest.param([], {}, id="en", marks=sphinx_root(
        "m-latex", "latex", confoverrides={"policynotes_latex_preset": None,
                                           "language": "en"})),
    pytest.param([], {}, id="ja-html", marks=sphinx_root(
        "m-latex", "html", confoverrides={"policynotes_latex_preset": None})),
])
def test_japanese_pdf_without_embedded_fonts_warns_once(app: SphinxTestApp, expected: list[str],
                                                        confoverrides: dict[str, Any]) -> None:
    app.build()
    assert ours(app) == expected


# -- the project's language ------------------------------------------------------------


@sphinx_root("m-messages", confoverrides={"language": "ja"})
def test_japanese_project_gets_japanese_messages(app: SphinxTestApp) -> None:
    app.build()
    lines = ours(app)
    assert ("typos.rst:4: WARNING: policy-quote の :source: 'dg2017' は未宣言の出典です。"
            "もしかして 'dg-2017'? [policynotes.unknown_source]") in lines
    assert ("typos.rst:9: WARNING: commentary の :on: 'brp' は存在しない引用のため、論評する"
            "引用がありません。もしかして 'bpr'? [policynotes.unknown_quote]") in lines
    assert ("typos.rst:36: WARNING: :policy: の参照先 'dg-2017:1-2': 出典 dg-2017 には 方針1-2 "
            "の引用がありません。もしかして 'dg-2017:1-1'? [policynotes.unknown_ref]") in lines
    assert len(lines) == 19
    for line in lines:
        message = line.split(" WARNING: ", 1)[1]
        assert JAPANESE.search(message), line


@sphinx_root("m-messages", confoverrides={"language": "en"})
def test_english_project_gets_english_messages(app: SphinxTestApp) -> None:
    app.build()
    assert by_line(of_file(app, "typos.rst")) == TYPOS


@sphinx_root("d-bad", confoverrides={"language": "ja", "policynotes_json": "out/x.json"})
def test_every_warning_of_the_bad_inputs_in_japanese(app: SphinxTestApp) -> None:
    app.build()
    lines = ours(app)
    assert ("bad_source.rst:6: WARNING: policy-quote の :source: 'nosuch' は未宣言の出典です "
            "[policynotes.unknown_source]") in lines
    assert ("WARNING: policynotes_json にはフォルダを含まないファイル名を書いてください。"
            "'out/x.json' の代わりに 'policynotes.json' を使います [policynotes.config]") in lines
    assert len(lines) > 30
    for line in lines:
        assert JAPANESE.search(line.split("WARNING: ", 1)[1]), line


# -- the command line --------------------------------------------------------------------


POST = "> ### はじめに\n> 引用。\n\n論評。\n"


def set_locale(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)


def test_command_line_speaks_japanese_in_a_japanese_locale(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_policynotes.cli import main

    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    set_locale(monkeypatch, "ja_JP.UTF-8")
    assert main(["import", str(post), "-o", str(tmp_path / "notes.md")]) == 0
    err = capsys.readouterr().err
    assert (f"{post}:1: 警告: 引用見出し 'はじめに' は章・方針・出典のどれも示していません。"
            "節の見出しとして残し、その下の引用は章なしに分類します") in err
    assert "出典 0 件、引用 1 件、論評 1 件。備考 1 件、警告 2 件" in err
    assert main(["verify", str(tmp_path / "nowhere")]) == 2
    assert "は policynotes.json でも Sphinx のソースフォルダでもありません" in capsys.readouterr().err
    # The library's reports stay English; --help too.
    from sphinx_policynotes.importer import import_post

    messages = [report.message for report in import_post(POST).reports]
    assert any(m.startswith("quoted heading 'はじめに' names no chapter") for m in messages)
    assert not any(JAPANESE.search(m.replace("はじめに", "")) for m in messages)
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    assert "Tools for sphinx-policynotes projects." in help_text
    assert not JAPANESE.search(help_text)


def test_command_line_speaks_english_otherwise(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_policynotes.cli import main

    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    for lang in ("C", "en_US.UTF-8"):
        set_locale(monkeypatch, lang)
        assert main(["import", str(post), "-o", str(tmp_path / "notes.md")]) == 0
        err = capsys.readouterr().err
        assert f"{post}:1: warning: quoted heading 'はじめに' names no chapter" in err
        assert "0 source(s), 1 quote(s), 1 commentary(ies); 1 note(s), 2 warning(s)" in err
    # LC_ALL comes first
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert main(["verify", str(tmp_path / "nowhere")]) == 2
    assert "is neither a policynotes.json nor a Sphinx" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "expected"), [
    ("ja_JP.UTF-8", "policynotes import: 存在しない.md を読み込めません"),
    ("C", "policynotes import: cannot read 存在しない.md"),
])
def test_command_line_language_follows_lang(tmp_path: Path, lang: str, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANG=lang, PYTHONIOENCODING="utf-8", PYTHONPATH=os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    done = subprocess.run([sys.executable, "-m", "sphinx_policynotes", "import", "存在しない.md"],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=tmp_path, check=False)
    assert done.returncode == 1
    assert expected in done.stderr, done.stderr


def test_the_importer_and_the_command_line_messages_need_no_sphinx() -> None:
    code = ("import sys, sphinx_policynotes.importer, sphinx_policynotes.messages; "
            "print(sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"


# -- the catalog -------------------------------------------------------------------------


def code_msgids() -> dict[str, str]:
    """Every msgid written in the package: ``_("...")``, and the importer's
    report templates (``Message("...")``, ``.note(line, "...")``, ``.warning(line, "...")``),
    and the reasons the locator reader gives (``fail(…, "...")``, ``bad_locator(…, "...")``)."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        importer = "importer" in path.relative_to(PACKAGE).parts
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func, arg = node.func, None
            names = ("_", "Message") if importer else ("_",)
            if isinstance(func, ast.Name) and func.id in names and node.args:
                arg = node.args[0]
            elif (importer and isinstance(func, ast.Attribute)
                  and func.attr in ("note", "warning") and len(node.args) >= 2):
                arg = node.args[1]
            elif (path.name == "reading.py" and isinstance(func, (ast.Name, ast.Attribute))
                  and getattr(func, "attr", getattr(func, "id", None)) in (
                      "fail", "bad_locator")):
                # the reasons a locator is unreadable: the build translates them
                texts = [a for a in node.args
                         if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                arg = texts[-1] if texts else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def placeholders(text: str) -> list[str]:
    """The ``%`` placeholders: in order when positional, sorted when named."""
    found = [p for p in PLACEHOLDER.findall(text) if p != "%%"]
    return sorted(found) if any("(" in p for p in found) else found


def test_the_catalog_holds_every_message() -> None:
    written = code_msgids()
    template = catalog(LOCALE / "sphinx_policynotes.pot")
    missing = {m: where for m, where in written.items() if m not in template}
    assert not missing, f"not in sphinx_policynotes.pot: {missing}"
    unused = set(template) - set(written) - DYNAMIC_MSGIDS
    assert not unused, f"in sphinx_policynotes.pot, not in the code: {unused}"
    for language in ("ja", "en"):
        po = catalog(LOCALE / language / "LC_MESSAGES" / "sphinx_policynotes.po")
        assert set(po) == set(template), language
        assert all(po.values()), f"{language}: untranslated {[m for m, s in po.items() if not s]}"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_translations_keep_the_placeholders(language: str) -> None:
    po = catalog(LOCALE / language / "LC_MESSAGES" / "sphinx_policynotes.po")
    wrong = {m: s for m, s in po.items() if placeholders(m) != placeholders(s)}
    assert not wrong, wrong
    if language == "en":
        assert all(m == s for m, s in po.items())


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_mo_files_are_compiled_from_the_po_files(language: str) -> None:
    """After editing a .po: ``msgfmt --check-format -o X.mo X.po`` (GNU gettext)."""
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "sphinx_policynotes.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    po = catalog(folder / "sphinx_policynotes.po")
    stale = {m: s for m, s in po.items() if compiled.gettext(m) != s}
    assert not stale, f"{language}: the .mo is older than the .po: {stale}"
    # (+ header; _catalog is private to gettext, so typeshed does not declare it)
    assert len(compiled._catalog) - 1 == len(po)  # type: ignore[attr-defined]
