"""The documentation as a Japanese PDF, built as readthedocs builds it, then checked.

``sphinx -b latex`` with the docs' own conf.py (the ``ja-lualatex`` preset),
then ``latexmk -r latexmkrc -pdf -f -dvi- -ps-`` in the output folder, as
readthedocs runs it. The PDF lands in ``docs/_build/pdf/``. Checks: fonts
embedded, Japanese text copyable exactly, the policy index a longtable whose
header repeats on the pages it continues to, no unresolved references, no
overfull boxes in the index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from buildutil import require_tools

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "_build" / "pdf"
NAME = "sphinx-policynotes"
#: The index table's column spec (index.COLUMNS): how its longtables are found.
INDEX_SPEC = r"\begin{longtable}{\X{18}{100}\X{42}{100}\X{40}{100}}"
TOOLS = ("latexmk", "lualatex", "pdftotext", "pdffonts")


@pytest.fixture(scope="session")
def pdf() -> Path:
    require_tools(TOOLS, "PDF")
    shutil.rmtree(OUT, ignore_errors=True)
    latex = OUT / "latex"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "latex",
         "-d", str(OUT / "doctrees"), "-D", "language=en", str(REPO / "docs"), str(latex)],
        check=True,
    )
    subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-",
         "-interaction=nonstopmode", f"{NAME}.tex"],
        cwd=latex, check=False, stdout=subprocess.DEVNULL,
    )
    result = latex / f"{NAME}.pdf"
    assert result.is_file(), f"latexmk made no PDF; see {latex / (NAME + '.log')}"
    shutil.copy(result, OUT / f"{NAME}.pdf")
    print(f"\nPDF: {OUT / (NAME + '.pdf')}")
    return result


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_fonts_are_embedded(pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    assert any("HaranoAji" in line or "Noto" in line for line in listing), listing
    not_embedded = [line for line in listing if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_japanese_text_copies_out_exactly(pdf: Path) -> None:
    text = squeeze("".join(pages(pdf)))
    # Full-width brackets, digits and dash come back as written (not U+2212).
    assert "【方針１－１】" in text
    # Quotes of the worked example, character for character.
    for passage in (
        "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。",
        "行政サービスが日常的に利用している民間サービス等に組み込まれ、"
        "国民が行政の手続を意識しなくてすむようにすることが重要である。",
    ):
        assert passage in text, passage


def test_index_is_a_longtable_whose_header_repeats(pdf: Path) -> None:
    tex = (pdf.parent / f"{NAME}.tex").read_text(encoding="utf-8")
    assert INDEX_SPEC in tex
    with_header = [
        page for page in pages(pdf)
        if any(squeeze(line).startswith("PolicyQuoteCommentary") for line in page.splitlines())
    ]
    # The worked example's index spans pages: its header is on each of them,
    # under the longtable's "continued" line after the first.
    assert len(with_header) >= 2, len(with_header)
    assert any("continued from previous page" in page for page in with_header)


def test_no_unresolved_references(pdf: Path) -> None:
    log = (pdf.parent / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert "There were undefined references" not in log
    assert "??" not in "".join(pages(pdf))


def test_no_overfull_boxes_in_the_index(pdf: Path) -> None:
    tex_lines = (pdf.parent / f"{NAME}.tex").read_text(encoding="utf-8").splitlines()
    ranges = []
    start = None
    for number, line in enumerate(tex_lines, 1):
        if line.startswith(INDEX_SPEC):
            start = number
        elif start is not None and line.startswith(r"\end{longtable}"):
            ranges.append((start, number))
            start = None
    assert ranges
    log = (pdf.parent / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    overfull = [
        (int(a), int(b)) for a, b in
        re.findall(r"Overfull \\[hv]box .*? at lines? (\d+)(?:--(\d+))?", log)
        for a, b in [(a, b or a)]
    ]
    inside = [(a, b) for a, b in overfull for lo, hi in ranges if lo <= a <= hi]
    assert not inside, f"overfull boxes in the index at .tex lines {inside}"


@pytest.fixture(scope="session")
def long_pdf(pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Japanese project whose quote and commentary are each longer than a page."""
    src = tmp_path_factory.mktemp("long")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_policynotes"]\nproject = "long"\nlanguage = "ja"\n'
        'policynotes_latex_preset = "ja-lualatex"\nlatex_use_xindy = False\n',
        encoding="utf-8")
    para = "行政サービスの改革を進めるため、利用者の視点で業務を見直す。" * 6
    quote = "\n\n".join(f"   {i}. {para}" for i in range(1, 31))
    note = "\n\n".join(f"   {i}. {para}" for i in range(1, 31))
    (src / "index.rst").write_text(
        "長い引用\n========\n\n.. source-ref:: s\n   :title: 計画\n\n"
        f".. policy-quote::\n   :policy: 1-1\n\n   開始甲\n\n{quote}\n\n   終了甲\n\n"
        f".. commentary::\n\n   開始乙\n\n{note}\n\n   終了乙\n\n.. policy-index::\n",
        encoding="utf-8")
    out = src / "_build"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "latex", str(src),
                    str(out)], check=True)
    subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-",
                    "-interaction=nonstopmode", "long.tex"], cwd=out, check=False,
                   stdout=subprocess.DEVNULL)
    assert (out / "long.pdf").is_file(), f"no PDF; see {out / 'long.log'}"
    return out / "long.pdf"


def test_quote_and_commentary_break_across_pages(long_pdf: Path) -> None:
    texts = [squeeze(page) for page in pages(long_pdf)]

    def page_of(marker: str) -> int:
        found = [i for i, text in enumerate(texts) if marker in text]
        assert found, marker
        return found[0]

    # Each box starts on one page and ends on a later one: it breaks, it is
    # not pushed whole to a new page or cut off.
    assert page_of("開始甲") < page_of("終了甲")
    assert page_of("開始乙") < page_of("終了乙")
    assert page_of("終了甲") <= page_of("開始乙")


#: The picture of the how-to's responses table in the PDF, shown in the how-to.
PDF_SHOT = REPO / "docs" / "screenshots" / "pdf-responses.png"
UPDATE = os.environ.get("POLICYNOTES_UPDATE_SCREENSHOTS") == "1"


def test_the_responses_table_of_the_howto(pdf: Path, tmp_path: Path) -> None:
    """The how-to's 意見と考え方 table is in the PDF, its header on the page of
    its first row, every response in it; the page's picture in
    ``docs/screenshots/`` is of today's layout (``POLICYNOTES_UPDATE_SCREENSHOTS=1``
    rewrites it)."""
    require_tools(("pdftoppm",), "the PDF screenshot")
    all_pages = pages(pdf)
    found = [n for n, page in enumerate(all_pages, 1)
             if "Summary of the comment" in page and "Response and reasons" in page]
    assert found, "no responses table in the PDF"
    number = found[0]
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(number), "-l",
                          str(number + 1), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    table = squeeze(raw)
    for response in ("病院線は15分間隔とし、計画案に反映しました。",
                     "離島航路は別に定める離島交通計画の対象です。"):
        assert squeeze(response) in table, response
    for word in ("Adopted", "Noted", "Notadopted", "Pending"):
        assert word in table, word
    target = PDF_SHOT if UPDATE else tmp_path / PDF_SHOT.name
    subprocess.run(["pdftoppm", "-png", "-f", str(number), "-l", str(number), "-scale-to", "900",
                    "-singlefile", str(pdf), str(target.with_suffix(""))], check=True)
    assert target.is_file() and target.stat().st_size < 300 * 1024, target
    assert PDF_SHOT.is_file(), f"{PDF_SHOT} missing: rerun with POLICYNOTES_UPDATE_SCREENSHOTS=1"
    assert PDF_SHOT.read_bytes()[16:24] == target.read_bytes()[16:24], (
        "the committed PDF screenshot has another size: rerun with "
        "POLICYNOTES_UPDATE_SCREENSHOTS=1")
    howto = (REPO / "docs" / "howto" / "public-comment.md").read_text(encoding="utf-8")
    assert "screenshots/pdf-responses.png" in howto
