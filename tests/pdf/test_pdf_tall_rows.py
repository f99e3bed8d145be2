"""The policy index in a PDF loses no text: a row of any height breaks across pages.

longtable never breaks inside a row, so an index row taller than a page used
to run off the bottom of the page and the rest of it never appeared (issue
"Nothing lost in any output"). A Japanese project whose index has a short row
and rows of about 1, 2 and 4 pages (several long quotes under one policy, one
quote of a single paragraph longer than a page, a commentary covering many
quotes and one longer than a page) is compiled with LuaLaTeX
(``policynotes_latex_preset = "ja-lualatex"``) and with Sphinx's default for
Japanese, upLaTeX (``latexmk -r latexmkjarc -pdfdvi``). ``pdftotext -bbox``
gives every word's place; the words under the index header, split into the
table's columns by the header's words, must hold every quote's and
commentary's text, in order, and each page at most one header row.
"""

from __future__ import annotations

import html
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from buildutil import build, report, require_tools

NAME = "tall"
#: The index header (index.COLUMNS, in Japanese).
HEADER = ("方針", "引用", "論評")
#: Lines longtable adds above and below a page's part of the table.
FURNITURE = {"表", "–", "前のページからの続き", "次のページに続く"}
#: engine -> (configuration, latexmk command): as Sphinx's Makefile runs them.
ENGINES = {
    "lualatex": ({"policynotes_latex_preset": "ja-lualatex"},
                 ["latexmk", "-pdf", "-dvi-", "-ps-"]),
    "uplatex": ({}, ["latexmk", "-r", "latexmkjarc", "-pdfdvi", "-dvi-", "-ps-"]),
}
TOOLS = {"lualatex": ("latexmk", "lualatex", "pdftotext"),
         "uplatex": ("latexmk", "uplatex", "dvipdfmx", "pdftotext")}

# No ASCII in the texts: pdftotext gives page numbers as words of digits.
SENTENCE = "行政サービスの改革を進めるため、利用者の視点で業務を見直し、手続のデジタル化を推進する。"
DIGITS = "〇一二三四五六七八九"


def kanji(n: int) -> str:
    return "".join(DIGITS[int(d)] for d in f"{n:02d}")


def passage(tag: str, chars: int) -> str:
    """About ``chars`` characters, one paragraph, starting and ending with ``tag``."""
    return f"{tag}始" + SENTENCE * max(1, chars // len(SENTENCE)) + f"{tag}終"


@dataclass
class Row:
    policy: str | None
    quotes: list[str]
    notes: list[list[str]]  # one commentary per entry, its paragraphs


def rows() -> list[Row]:
    """The index rows, in the index's order (by policy)."""
    n = iter(range(1, 100))

    def q(chars: int) -> str:  # a quote, 引〇一始 … 引〇一終
        return passage(f"引{kanji(next(n))}", chars)

    def c(chars: int) -> str:  # a commentary's paragraph, 注〇九始 … 注〇九終
        return passage(f"注{kanji(next(n))}", chars)

    return [
        # about 4 pages: the case, 8 quotes of about 330 characters (here
        # under one policy: quotes without a place are a row each), and one
        # commentary on all of them, in paragraphs, taller still
        Row("1", [q(330) for _ in range(8)], [[c(500) for _ in range(6)]]),
        # short: kept whole, as before
        Row("1-1", [q(60)], [[c(40)]]),
        # about 1 page
        Row("1-2", [q(400), q(400)], [[c(300)]]),
        # about 2 pages: a quote of one paragraph longer than a page, and a
        # commentary longer than a page
        Row("1-3", [q(1600)], [[c(1200)]]),
        Row("1-4", [q(60)], [[c(40)]]),
    ]


def write_project(src: Path) -> list[Row]:
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_policynotes"]\nproject = "tall"\nlanguage = "ja"\n'
        "latex_use_xindy = False\n"
        f'latex_documents = [("index", "{NAME}.tex", "Tall", "Tester", "howto")]\n',
        encoding="utf-8")
    out = ["長い行\n======\n\n.. source-ref:: s\n   :title: 計画\n"]
    made = rows()
    for row in made:
        for text in row.quotes:
            policy = f"   :policy: {row.policy}\n" if row.policy else ""
            out.append(f".. policy-quote::\n{policy}\n   {text}\n")
        for paragraphs in row.notes:
            out.append(".. commentary::\n\n" + "\n\n".join(f"   {p}" for p in paragraphs)
                       + "\n")
    out.append(".. policy-index::\n")
    (src / "index.rst").write_text("\n".join(out), encoding="utf-8")
    return made


# -- the PDF's words -----------------------------------------------------------------

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">'
                  r"(.*?)</word>")


def page_words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, its words as (x, y, text)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
    return [[(float(x), float(y), html.unescape(t)) for x, y, t in WORD.findall(page)]
            for page in xhtml.split("<page ")[1:]]


@dataclass
class IndexText:
    columns: list[str]  # each column's text, whitespace removed, page after page
    headers: list[int]  # header rows on each page
    pages: list[str]  # each page's index text (all columns), whitespace removed


def index_text(pdf: Path) -> IndexText:
    columns = ["", "", ""]
    headers, pages = [], []
    for words in page_words(pdf):
        lines: dict[int, list[tuple[float, str]]] = {}
        for x, y, text in words:
            lines.setdefault(round(y), []).append((x, text))
        # a header row: a line of the three titles and nothing else
        heads = sorted((y, {t: x for x, t in line}) for y, line in lines.items()
                       if tuple(t for _x, t in sorted(line)) == HEADER)
        headers.append(len(heads))
        if not heads:
            pages.append("")
            continue
        top, xs = heads[0]
        edges = [xs[h] - 2 for h in HEADER[1:]]
        cells = ["", "", ""]
        for x, y, text in sorted(words, key=lambda w: (round(w[1]), w[0])):
            column = sum(x >= e for e in edges)
            # (ASCII: page numbers; the policy keys' numbers are in the first column)
            if round(y) <= top or text in FURNITURE or (text.isascii() and column):
                continue
            cells[column] += text
        for i, text in enumerate(cells):
            columns[i] += text
        pages.append("".join(cells))
    return IndexText(columns, headers, pages)


def in_order(stream: str, texts: list[str]) -> list[str]:
    """The texts not found in ``stream`` one after the other (empty: all found)."""
    missing, at = [], 0
    for text in texts:
        found = stream.find(text, at)
        if found < 0:
            missing.append(text[:8] + "…" + text[-4:])
        else:
            at = found + len(text)
    return missing


# -- the builds ------------------------------------------------------------------


@pytest.fixture(scope="module", params=list(ENGINES))
def tall(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Row], Path]:
    engine = request.param
    require_tools(TOOLS[engine], f"PDF ({engine})")
    conf, latexmk = ENGINES[engine]
    base = tmp_path_factory.mktemp(f"tall-{engine}")
    made = write_project(base / "src")
    b = build(base / "src", "latex", builddir=base / "build", confoverrides=conf or None)
    # (upLaTeX: the warning that its PDF may not embed the fonts, and only that)
    ours = [ln for ln in b.warnings.splitlines()
            if "WARNING" in ln and "[policynotes.latex_fonts]" not in ln]
    assert not ours, ours
    start = time.monotonic()
    run = subprocess.run([*latexmk, "-f", "-interaction=nonstopmode", f"{NAME}.tex"],
                         cwd=b.outdir, capture_output=True, timeout=900)
    seconds = time.monotonic() - start
    pdf = b.outdir / f"{NAME}.pdf"
    log = (b.outdir / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert pdf.is_file(), (run.returncode, log[-3000:])
    errors = [ln for ln in log.splitlines() if ln.startswith("! ")]
    assert not errors, errors
    report(request, f"tall-row PDF, {engine}: {len(page_words(pdf))} pages in "
                    f"{seconds:.1f} s: {pdf}")
    return engine, made, pdf


def test_every_quote_and_commentary_is_in_the_index_in_order(
    tall: tuple[str, list[Row], Path]
) -> None:
    engine, made, pdf = tall
    text = index_text(pdf)
    quotes = [t for row in made for t in row.quotes]
    notes = ["".join(paragraphs) for row in made for paragraphs in row.notes]
    assert in_order(text.columns[1], quotes) == [], engine
    assert in_order(text.columns[2], notes) == [], engine
    keys = [f"方針{row.policy}" for row in made]
    assert in_order(text.columns[0], keys) == [], (engine, text.columns[0])


def test_each_page_has_at_most_one_header_row(tall: tuple[str, list[Row], Path]) -> None:
    engine, _made, pdf = tall
    text = index_text(pdf)
    assert max(text.headers) == 1, (engine, text.headers)
    # The index is the end of the document: from its first page to the last
    # page with a quote's or commentary's words, each page has its header.
    start = text.headers.index(1)
    end = max(i for i, words in enumerate(page_words(pdf))
              if any(w[2].startswith(("引", "注")) for w in words))
    assert text.headers[start:end + 1] == [1] * (end + 1 - start), (engine, text.headers)


def test_rows_of_one_two_and_four_pages(tall: tuple[str, list[Row], Path]) -> None:
    """The rows are as tall as meant: each spans the pages it should (so the
    checks above really cover rows cut across 1, 2 and 4 pages)."""
    engine, made, pdf = tall
    text = index_text(pdf)

    def page_of(marker: str) -> int:
        found = [i for i, p in enumerate(text.pages) if marker in p]
        assert found, (engine, marker, "not in the index")
        return found[0]

    def span(row: Row) -> int:
        ends = [row.quotes[-1][-4:]] + [paragraphs[-1][-4:] for paragraphs in row.notes]
        return max(map(page_of, ends)) - page_of(row.quotes[0][:4]) + 1

    spans = [span(row) for row in made]
    report_line = ", ".join(f"{row.policy or '-'}: {n}" for row, n in zip(made, spans, strict=True))
    print(f"\n{engine}: pages per row: {report_line}")
    assert spans[0] >= 4, (engine, spans)  # 8 quotes: about 4 pages
    assert spans[3] >= 2, (engine, spans)  # one paragraph longer than a page
    assert spans[1] == spans[4] == 1, (engine, spans)  # short rows stay whole
