"""A translated build (gettext ``.po`` files) shows the translated quotes and
commentaries everywhere: on their page, in the index and in the exports."""

from __future__ import annotations

from pathlib import Path

from buildutil import build

PAGE = """Page
====

.. source-ref:: plan
   :title: Plan

.. policy-quote::
   :chapter: 1
   :policy: 1-1

   行政手続をオンラインで完結する。

.. commentary::

   良い方針だと考える。

.. policy-index::
"""

PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "行政手続をオンラインで完結する。"
msgstr "Complete administrative procedures online."

msgid "良い方針だと考える。"
msgstr "I think this is a good policy."
"""


def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_policynotes"]\nlanguage = "en"\n'
                                 'locale_dirs = ["locales"]\n', encoding="utf-8")
    (src / "index.rst").write_text(PAGE, encoding="utf-8")
    (src / "locales" / "en" / "LC_MESSAGES" / "index.po").write_text(
        PO, encoding="utf-8")
    return src


def test_page_index_and_export_show_the_translation(tmp_path: Path) -> None:
    b = build(project(tmp_path), "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    html = (b.outdir / "index.html").read_text(encoding="utf-8")
    index = html[html.index("policynotes-index-block"):]
    for english, japanese in (("Complete administrative procedures online.", "行政手続を"),
                              ("I think this is a good policy.", "良い方針")):
        assert english in index, index  # the index, not only the quote itself
        assert japanese not in index
    export = b.export()
    assert export["quotes"][0]["text"] == "Complete administrative procedures online."
    assert export["commentaries"][0]["text"] == "I think this is a good policy."


def test_without_the_catalog_the_source_language_stays(tmp_path: Path) -> None:
    src = project(tmp_path)
    (src / "locales" / "en" / "LC_MESSAGES" / "index.po").unlink()
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.export()["quotes"][0]["text"] == "行政手続をオンラインで完結する。"


def test_a_translated_response_in_the_table_and_the_export(tmp_path: Path) -> None:
    src = project(tmp_path)
    page = src / "index.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "   良い方針だと考える。\n",
        "   :decision: adopted\n\n   良い方針だと考える。\n\n   .. response::\n      :by: 市\n\n"
        "      計画に反映しました。\n") + "\n.. policy-responses::\n   :source: plan\n",
        encoding="utf-8")
    po = src / "locales" / "en" / "LC_MESSAGES" / "index.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "計画に反映しました。"\n'
                  'msgstr "Reflected in the plan."\n', encoding="utf-8")
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    html = (b.outdir / "index.html").read_text(encoding="utf-8")
    table = html[html.index("policynotes-responses-block"):]
    assert "Reflected in the plan." in table and "計画に反映" not in table
    note = b.export()["commentaries"][0]
    assert note["text"] == "I think this is a good policy."  # without the response
    assert note["responses"][0]["text"] == "Reflected in the plan."
