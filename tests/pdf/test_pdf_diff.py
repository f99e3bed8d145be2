"""A 新旧対照表 in the PDF: every part of both versions is there, with its 区分.

The ``m-diff`` root (two versions of a plan's chapter, ２） and ３） swapped,
１） retitled, ４） added) is compiled with LuaLaTeX
(``policynotes_latex_preset = "ja-lualatex"``) and with Sphinx's default for
Japanese, upLaTeX. The changed words are underlined and struck out one CJK
character at a time (so lines break); ``pdftotext`` must give every text of
both sides, whitespace aside, and each 区分.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from buildutil import build, copy_root, require_tools

ENGINES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "lualatex": ({"policynotes_latex_preset": "ja-lualatex"},
                 ["latexmk", "-pdf", "-dvi-", "-ps-"]),
    # (the default path: its fonts may not be embedded, which it warns about)
    "uplatex": ({"suppress_warnings": ["policynotes.latex_fonts"]},
                ["latexmk", "-r", "latexmkjarc", "-pdfdvi", "-dvi-", "-ps-"]),
}
TOOLS = {"lualatex": ("latexmk", "lualatex", "pdftotext"),
         "uplatex": ("latexmk", "uplatex", "dvipdfmx", "pdftotext")}
ROOT = Path(__file__).parents[1] / "roots" / "test-m-diff"


def _lines(name: str) -> list[str]:
    """The text lines of a version (headings without their marks)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return [line.lstrip("# ").strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_part_of_both_versions_is_in_the_pdf(tmp_path: Path, engine: str) -> None:
    require_tools(TOOLS[engine], f"the {engine} PDF")
    overrides, command = ENGINES[engine]
    b = build(copy_root("m-diff", tmp_path / "src"), "latex", builddir=tmp_path / "build",
              confoverrides={**overrides, "latex_documents": [
                  ("diff", "diff.tex", "Diff", "Tester", "howto")]})
    assert b.warnings == "", b.warnings
    done = subprocess.run([*command, "-interaction=nonstopmode", "-halt-on-error", "diff.tex"],
                          cwd=b.outdir, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    # -raw: in the order LaTeX wrote them, so a cell's lines stay together
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(b.outdir / "diff.pdf"),
                           "-"],
                          check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s", "", text)
    for line in _lines("new.txt")[1:] + _lines("old.txt")[1:]:
        body = re.sub(r"\s", "", re.sub(r"^[０-９]+）", "", line))
        assert body in flat, (engine, line)
    for remark in ("番号変更", "追加", "変更"):
        assert remark in flat, remark
    assert "３）→２）" in flat and "２）→３）" in flat
