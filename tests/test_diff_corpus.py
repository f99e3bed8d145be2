"""The 新旧対照表 of a real plan: one chapter of a party manifesto at two dates
(``../shared/corpus/team-mirai/``, CC BY 4.0; read from there, never copied
into the repository). Between the versions ２） and ３） swapped places and
were retitled, １） and ４） were rewritten, ５） and ６） were added."""

from __future__ import annotations

import shutil
from pathlib import Path

from buildutil import build, parse_html, table_rows
from util import shared_file

OLD = "11_ステップ１教育.2025-05-15.md"
NEW = "11_ステップ１教育.2025-06-25.md"

SOURCES = """Sources
=======

.. source-ref:: mirai-0515
   :title: 教育
   :version: 2025-05-15
   :scheme: ja-outline
   :text: old.txt

.. source-ref:: mirai-0625
   :title: 教育
   :version: 2025-06-25
   :scheme: ja-outline
   :text: new.txt
   :supersedes: mirai-0515

.. policy-diff:: mirai-0625
"""


def test_the_manifesto_revision(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(shared_file("corpus", "team-mirai", OLD), src / "old.txt")
    shutil.copy(shared_file("corpus", "team-mirai", NEW), src / "new.txt")
    (src / "conf.py").write_text('extensions = ["sphinx_policynotes"]\nlanguage = "en"\n',
                                 encoding="utf-8")
    (src / "index.rst").write_text(SOURCES, encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    (entry,) = b.export()["diffs"]
    found = [(r["change"], r["text_changed"], r["old"] and r["old"]["label"],
              r["new"] and r["new"]["label"]) for r in entry["rows"] if r["new"] is None
             or r["new"]["key"] is not None]
    assert ("renumbered", True, "３）", "２）") in found
    assert ("renumbered", True, "２）", "３）") in found
    assert ("added", False, None, "５）") in found and ("added", False, None, "６）") in found
    assert ("changed", True, "１）", "１）") in found and ("changed", True, "４）", "４）") in found
    assert not [f for f in found if f[0] == "deleted"]
    root = parse_html(b.outdir / "index.html")
    table = next(t for t in root.iter()
                 if "policynotes-diff" in t.attrs.get("class", "").split())
    remarks = [row[2] for row in table_rows(table)]
    assert remarks.count("added") == 2
    # the swapped items were retitled too
    assert "renumbered and changed ３） → ２） title changed" in remarks
    assert "renumbered and changed ２） → ３） title changed" in remarks
    page = (b.outdir / "index.html").read_text(encoding="utf-8")
    assert '<del class="policynotes-del">' in page and '<ins class="policynotes-ins">' in page
