"""Compare two versions of a text part by part: the core of a 新旧対照表 (no Sphinx here).

Pure functions and frozen, picklable records, in pipeline order:

* :mod:`.parts`: :func:`split_parts`, a text cut into numbered :class:`Part`
  objects through a numbering scheme (Markdown headings and numbered lines);
* :mod:`.similarity`: how alike two parts are (trigram containment and
  difflib's ratio);
* :mod:`.align`: :func:`align`, which old part became which new one
  (identical first, then by key, then by similarity above a threshold);
* :mod:`.runs`: :func:`diff_runs`, the changed words of a pair as equal,
  inserted and deleted runs (CJK by character, Latin by word);
* :mod:`.table`: :func:`compare_texts` / :func:`compare_passages`, the rows
  with their 区分 (追加, 削除, 変更, 番号変更, 番号変更・変更, 変更なし).

Typical use::

    table = compare_texts(old_text, new_text, "ja-outline", "ja-outline")
    for row in table.rows:
        row.remark.ja, row.old and row.old.label, row.new and row.new.label
        format_runs(row.text_runs)
    table.to_json()   # {"rows": [{"change", "text_changed", "new", "old", "similarity"}]}
"""

from __future__ import annotations

from .align import CONFIDENT, DEFAULT_THRESHOLD, KEY_BONUS, Pair, align, same_key
from .parts import PREAMBLE_KEY, Part, read_number_prefix, split_parts
from .runs import (
    MAX_TOKEN_PRODUCT,
    TOKEN_BUDGET,
    Budget,
    Run,
    RunOp,
    diff_runs,
    format_runs,
    new_text,
    old_text,
    tokenize,
)
from .similarity import MIN_GRAMS, RATIO_MAX_CHARS, Profile, normalise, similarity
from .table import (
    REMARKS,
    Basis,
    Change,
    Comparison,
    ComparisonJSON,
    Passage,
    Remark,
    RemarkId,
    Row,
    RowJSON,
    SideJSON,
    compare_parts,
    compare_passages,
    compare_texts,
)

__all__ = [
    "CONFIDENT",
    "DEFAULT_THRESHOLD",
    "KEY_BONUS",
    "MAX_TOKEN_PRODUCT",
    "MIN_GRAMS",
    "PREAMBLE_KEY",
    "RATIO_MAX_CHARS",
    "REMARKS",
    "TOKEN_BUDGET",
    "Basis",
    "Budget",
    "Change",
    "Comparison",
    "ComparisonJSON",
    "Pair",
    "Part",
    "Passage",
    "Profile",
    "Remark",
    "RemarkId",
    "Row",
    "RowJSON",
    "Run",
    "RunOp",
    "SideJSON",
    "align",
    "compare_parts",
    "compare_passages",
    "compare_texts",
    "diff_runs",
    "format_runs",
    "new_text",
    "normalise",
    "old_text",
    "read_number_prefix",
    "same_key",
    "similarity",
    "split_parts",
    "tokenize",
]
