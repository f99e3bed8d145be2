"""The 新旧対照表 in the exports: ``"diffs"`` in ``policynotes.json`` and one
``policynotes-diff-NEW-OLD.csv`` per comparison (UTF-8 with BOM, for Excel).

``"diffs"``: ``[{"new": ID, "old": ID, "rows": [{"change", "text_changed",
"new": {"key", "label"} | null, "old": … | null, "similarity"}]}]``, one
entry per distinct pair of sources a ``policy-diff`` compares, in the order
of the pairs' ids; every row of the comparison (also the unchanged ones,
whatever ``:unchanged:`` shows on the page); ``[]`` in a project without a
``policy-diff``.

CSV columns, a public contract like the JSON keys: :data:`COLUMNS`. Parts
are written with their number as written (``label``, the whole path), title
and text; a cell that starts like a formula is neutralised as in
``policynotes.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .csvexport import BOM, LineWriter, neutralise

if TYPE_CHECKING:
    from ..compare import Comparison, Part

COLUMNS = ("change", "remark", "text_changed", "similarity", "new_key", "new_label",
           "new_title", "new_text", "old_key", "old_label", "old_title", "old_text")


def diff_entries(pairs: Iterable[tuple[str, str, Comparison]]) -> list[dict[str, Any]]:
    """``"diffs"`` of the export: one entry per (new, old) pair, sorted."""
    seen: dict[tuple[str, str], Comparison] = {}
    for new, old, comparison in pairs:
        seen.setdefault((new, old), comparison)
    return [{"new": new, "old": old, "rows": list(comparison.to_json()["rows"])}
            for (new, old), comparison in sorted(seen.items())]


def csv_name(new: str, old: str) -> str:
    """``policynotes-diff-NEW-OLD.csv`` (ids with characters other than
    letters, digits, ``-`` and ``_`` have them replaced by ``_``)."""
    def safe(value: str) -> str:
        return "".join(c if c.isalnum() or c in "-_" else "_" for c in value)
    return f"policynotes-diff-{safe(new)}-{safe(old)}.csv"


def _part(part: Part | None) -> list[str]:
    if part is None:
        return ["", "", "", ""]
    return [part.key or "", part.path_label or part.label, part.title, part.text]


def diff_csv(comparison: Comparison, remarks: Mapping[str, str]) -> str:
    """The rows of one comparison as CSV text starting with a BOM; ``remarks``
    gives the 区分 shown in the ``remark`` column (the build's language)."""
    writer = LineWriter()
    lines = [BOM, writer.line(COLUMNS)]
    for row in comparison.rows:
        cells = [row.change, remarks.get(row.remark.id, row.remark.ja),
                 "true" if row.text_changed else "false",
                 "" if row.similarity is None else f"{row.similarity:.4f}",
                 *_part(row.new), *_part(row.old)]
        lines.append(writer.line(neutralise(c) for c in cells))
    return "".join(lines)
