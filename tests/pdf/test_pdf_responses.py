"""The review work in the PDF: the 意見と考え方 table, the responses nested in
their commentaries and standing apart, the badges, every text in it.

The ``m-responses`` root (six comments, two replies, responses with each
decision, a page of mistakes) is compiled with LuaLaTeX
(``policynotes_latex_preset = "ja-lualatex"``); ``pdftotext`` must give every
text of a commentary and a response, whitespace aside, and the table's words.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from buildutil import build, copy_root, require_tools

ROOT = Path(__file__).parents[1] / "roots" / "test-m-responses"


def _bodies() -> list[str]:
    """The body paragraphs of the root's directives (indented, not options)."""
    out = []
    for page in sorted(set(ROOT.glob("*.rst")) - {ROOT / "index.rst"}):  # not its toctree
        for line in page.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if line.startswith("   ") and text and not text.startswith((":", "..")):
                out.append(text)
    return out


def test_every_comment_and_response_is_in_the_pdf(tmp_path: Path) -> None:
    require_tools(("latexmk", "lualatex", "pdftotext"), "the review PDF")
    b = build(copy_root("m-responses", tmp_path / "src"), "latex", builddir=tmp_path / "build",
              confoverrides={"policynotes_latex_preset": "ja-lualatex"})
    done = subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "-halt-on-error", "review.tex"],
                          cwd=b.outdir, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(b.outdir / "review.pdf"),
                           "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s", "", text)
    bodies = _bodies()
    assert len(bodies) > 15
    for body in bodies:
        assert re.sub(r"\s", "", body) in flat, body
    for word in ("Summary of the comment", "Response and reasons", "Not adopted", "Pending",
                 "Adopted", "Noted", "Resolved", "Concern", "Proposal"):
        assert re.sub(r"\s", "", word) in flat, word
