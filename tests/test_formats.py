"""No file format by accident (issue 26): what a build stores for the next one
is never read into the wrong fields or reused by other code.

- Records pickle with a format key of their fields (``model.shape``): an
  environment stored by a version whose records had other fields is not
  loaded; Sphinx reads the project afresh.
- The export's parts store is keyed by a digest of the export code: parts
  made by other code (a new export key) are not reused.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from buildutil import build, copy_root

from sphinx_policynotes import model
from sphinx_policynotes.export import files, parts
from sphinx_policynotes.model import FormatChanged, QuoteRecord

ROOT = "m-groups"


def _quote() -> QuoteRecord:
    return QuoteRecord(number=1, name=None, source="s", chapter=10, policy="方針1", page=12,
                       text_digest="t", docname="d", lineno=3, serial=1)


def test_a_record_round_trips_with_its_fields() -> None:
    quote = _quote()
    again = pickle.loads(pickle.dumps(quote))
    assert again == quote and (again.chapter, again.page) == (10, 12)


def test_a_record_stored_with_other_fields_is_not_read(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    stored = pickle.dumps(_quote())
    # as if a later version had reordered or added a field
    monkeypatch.setitem(model._SHAPES, QuoteRecord, "another-shape")
    with pytest.raises(FormatChanged):
        pickle.loads(stored)


def test_a_build_after_the_records_changed_reads_afresh_and_is_right(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", builddir=tmp_path / "build")
    expected = first.export()["quotes"]
    monkeypatch.setitem(model._SHAPES, QuoteRecord, "another-shape")
    again = build(src, "html", builddir=tmp_path / "build", freshenv=False)
    assert "records were stored with other fields" in again.status, again.status
    assert again.warnings == "", again.warnings
    assert again.export()["quotes"] == expected


def test_the_parts_store_is_keyed_by_the_export_code(tmp_path: Path) -> None:
    one, two = tmp_path / "a.py", tmp_path / "b.py"
    one.write_text("KEYS = ['id']\n", encoding="utf-8")
    two.write_text("x = 1\n", encoding="utf-8")
    before = model.code_digest([one, two])
    one.write_text("KEYS = ['id', 'status']\n", encoding="utf-8")
    assert model.code_digest([one, two]) != before
    assert model.code_digest([tmp_path / "gone.py"]) == ""
    assert parts.STORE_FORMAT[1] == model.code_digest(
        [*Path(parts.__file__).parent.glob("*.py"), Path(model.__file__),
         Path(model.__file__).parent / "collect" / "threads.py",
         Path(model.__file__).parent / "collect" / "answers.py"])


def test_parts_of_other_export_code_are_not_reused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A new export key, no version bumped: the next build's export has it on
    every record, not only on those of the pages it re-read."""
    src = copy_root(ROOT, tmp_path / "src")
    build(src, "html", builddir=tmp_path / "build")
    original = parts.Records.quote

    def with_status(self: parts.Records, q: QuoteRecord) -> dict[str, object]:
        found = dict(original(self, q))
        found["status"] = "draft"
        return found

    monkeypatch.setattr(parts.Records, "quote", with_status)
    # what a change of the export code changes (files.py keeps its own name)
    monkeypatch.setattr(parts, "STORE_FORMAT", (1, "other-code"))
    monkeypatch.setattr(files, "STORE_FORMAT", (1, "other-code"))
    page = src / "city.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build(src, "html", builddir=tmp_path / "build", freshenv=False)
    assert {q.get("status") for q in again.export()["quotes"]} == {"draft"}
