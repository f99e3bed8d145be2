"""Our directives beside sphinx-needs, sphinx-design and sphinxcontrib-bibtex,
in every builder Sphinx ships (issue 22): they build without a warning and
every quote and commentary is in the output.

Root ``x-mixed``: quotes and commentaries inside sphinx-design cards and
tabs, a need, a citation, a bibliography and a policy index.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from buildutil import build, copy_root

ROOT = "x-mixed"
TEXTS = ("Quote inside a card with", "Commentary inside a card citing", "Quote inside a tab.",
         "Commentary inside a tab on")

#: builder -> the files that hold the pages' text
OUTPUTS = {
    "html": "*.html", "dirhtml": "**/index.html", "singlehtml": "index.html",
    "epub": "*.xhtml", "latex": "*.tex", "text": "*.txt", "man": "*.1",
    "texinfo": "*.texi", "xml": "*.xml", "pseudoxml": "*.pseudoxml", "gettext": "*.pot",
    "json": "*.fjson", "pickle": "*.fpickle",
}


def _text(builder: str, outdir: Path) -> str:
    out = []
    for path in sorted(outdir.glob(OUTPUTS[builder])):
        if builder == "pickle":
            with path.open("rb") as handle:
                out.append(repr(pickle.load(handle)))
        elif builder == "json":
            import json

            out.append(json.dumps(json.loads(path.read_text(encoding="utf-8")),
                                  ensure_ascii=False))
        else:
            out.append(path.read_text(encoding="utf-8"))
    return "\n".join(out)


#: Warnings of the other extensions, not ours: sphinx-needs writes
#: ``permalink.html`` and ``schema_violations.json`` into the output, which
#: epub does not know, and lays a need out as a table with spanned cells,
#: which docutils' man writer cannot draw.
OTHERS = ("[epub.unknown_project_files]", '"table cell spanning" not supported')


def _ours(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines()
            if line.strip() and not any(known in line for known in OTHERS)]


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_every_builder_with_needs_design_and_bibtex(tmp_path: Path, builder: str) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), builder, builddir=tmp_path / "build")
    assert _ours(b.warnings) == [], b.warnings
    text = _text(builder, b.outdir)
    missing = [t for t in TEXTS if t not in text]
    assert missing == [], (builder, missing)


def test_the_index_holds_the_quotes_and_notes_inside_cards_and_tabs(tmp_path: Path) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), "html", builddir=tmp_path / "build")
    index = (b.outdir / "policyindex.html").read_text(encoding="utf-8")
    assert [t for t in TEXTS if t not in index] == []
    assert "REQ_001" in (b.outdir / "notes.html").read_text(encoding="utf-8")
