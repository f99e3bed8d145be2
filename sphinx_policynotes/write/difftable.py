"""The table of a ``policy-diff``: 新 | 旧 | 区分, one row per part.

Each row shows the new part and the old one, each with its number as
written, its title and its text, the changed words marked: the new side's
added words as :class:`..nodes.diff_insert` (HTML ``<ins>``, LaTeX
underlined), the old side's removed words as :class:`..nodes.diff_delete`
(HTML ``<del>``, LaTeX struck out); other builders get ``[+…+]`` and
``[-…-]`` in the text. 区分 is 追加, 削除, 変更, 番号変更 (with the old and
the new number) or 番号変更・変更, or 変更なし for parts shown with
``:unchanged: show``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from .. import nodes as pn
from ..i18n import _
from ..numbering import read_locator
from .tables import _body_row, _cell

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog
    from ..collect.diffs import Pair
    from ..compare import Comparison, Part, Row, Run
    from ..model import DiffRecord, SourceRecord

COLUMNS = ((_("New"), 40), (_("Old"), 40), (_("Change"), 20))

#: The 区分 of each remark id, translated by the message catalog.
REMARK_TEXT = {
    "added": _("added"),
    "deleted": _("deleted"),
    "changed": _("changed"),
    "renumbered": _("renumbered"),
    "renumbered_changed": _("renumbered and changed"),
    "unchanged": _("unchanged"),
}

#: One CJK character, or a run of anything else but whitespace, or whitespace:
#: the pieces LaTeX underlines one by one, so a marked run can break lines.
_PIECE = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3000-\u9fff\uf900-"
                    r"\ufaff\uff00-\uffef]+|\s+")


def _marked(builder: Builder, op: str, text: str) -> list[nodes.Node]:
    """A changed run as the builder shows it."""
    if op == "equal":
        return [nodes.Text(text)]
    cls = pn.diff_insert if op == "insert" else pn.diff_delete
    classes = ["policynotes-ins" if op == "insert" else "policynotes-del"]
    if builder.format == "html":
        return [cls(text, text, classes=classes)]
    if builder.format == "latex":
        return [nodes.Text(piece) if piece.isspace() else cls(piece, piece, classes=classes)
                for piece in _PIECE.findall(text)]
    mark = "+" if op == "insert" else "-"
    return [nodes.Text(f"[{mark}{text}{mark}]")]


def _lines(builder: Builder, runs: tuple[Run, ...], keep: str) -> nodes.line_block:
    """The runs of one side (``keep`` "insert" or "delete", with the equal ones)
    as a line block, a line per line of the text."""
    block = nodes.line_block()
    line = nodes.line()
    for run in runs:
        if run.op not in ("equal", keep):
            continue
        for n, piece in enumerate(run.text.split("\n")):
            if n:
                block += line
                line = nodes.line()
            if piece:
                line.extend(_marked(builder, run.op, piece))
    block += line
    return block


def _side(builder: Builder, part: Part | None, row: Row, keep: str) -> nodes.entry:
    if part is None:
        return _cell()
    head = nodes.paragraph(classes=["policynotes-diff-head"])
    label = part.path_label or part.label or str(_("(before the first part)"))
    head += nodes.strong(label, label, classes=["policynotes-policy"])
    title_runs = tuple(r for r in row.title_runs if r.op in ("equal", keep))
    if title_runs:
        head += nodes.Text(" ")
        for run in title_runs:
            head.extend(_marked(builder, run.op, run.text))
    cell = _cell(head)
    if any(run.text.strip() for run in row.text_runs if run.op in ("equal", keep)):
        cell += _lines(builder, row.text_runs, keep)
    return cell


def _remark(row: Row) -> nodes.entry:
    text = str(REMARK_TEXT[row.remark.id])
    para = nodes.paragraph(classes=["policynotes-diff-change", f"policynotes-{row.remark.id}"])
    para += nodes.strong(text, text)
    if row.change == "renumbered" and row.old is not None and row.new is not None:
        same_parents = row.old.path[:-1] == row.new.path[:-1]
        old = row.old.label if same_parents else row.old.path_label or row.old.label
        new = row.new.label if same_parents else row.new.path_label or row.new.label
        para += nodes.Text(" ")
        para += nodes.inline("", str(_("%(old)s → %(new)s") % {"old": old, "new": new}),
                             classes=["policynotes-diff-numbers"])
    if row.title_changed and row.old is not None and row.new is not None:
        retitled = str(_("title changed"))
        para += nodes.Text(" ")
        para += nodes.inline(retitled, retitled, classes=["policynotes-diff-retitled"])
    return _cell(para)


def _within(catalog: Catalog, pair: Pair, record: DiffRecord) -> tuple[tuple[str, str], ...]:
    """The place of ``:at:`` as (level, number) pairs; () without ``:at:``."""
    if record.at is None or pair.new is None:
        return ()
    locator = read_locator(record.at, catalog.scheme_of(pair.new.id), prefix=catalog.prefix)
    return tuple((s.level, s.num) for s in locator.path)


def _inside(part: Part | None, place: tuple[tuple[str, str], ...]) -> bool:
    if part is None:
        return False
    path = tuple((s.level, s.num) for s in part.path)
    return path[:len(place)] == place


def _caption(catalog: Catalog, pair: Pair, comparison: Comparison, shown: int,
             hidden: int) -> nodes.paragraph:
    def name(src: SourceRecord | None) -> str:
        if src is None:
            return ""
        title = src.title or src.id
        version = src.version or src.date
        return f"{title} ({version})" if version else title

    para = nodes.paragraph(classes=["policynotes-diff-caption"])
    text = _("New: %(new)s; old: %(old)s") % {"new": name(pair.new), "old": name(pair.old)}
    para += nodes.strong(text, text)
    counts = comparison.counts()
    summary = ", ".join(f"{REMARK_TEXT[k]} {v}" for k, v in counts.items()
                        if v and not (hidden and k == "unchanged"))
    para += nodes.Text(f" — {summary}." if summary else "")
    if comparison.basis == "passages":
        para += nodes.Text(" " + _("(the sources have no :text:: only their quoted passages "
                                   "are compared)"))
    if hidden:
        para += nodes.Text(" " + _("%d unchanged parts are not shown.") % hidden)
    return para


def build_diff(catalog: Catalog, record: DiffRecord, pair: Pair, comparison: Comparison,
               builder: Builder) -> nodes.container:
    """The node that replaces one ``policy-diff`` placeholder."""
    place = _within(catalog, pair, record)
    rows = [row for row in comparison.rows
            if not place or _inside(row.new, place) or (row.new is None
                                                       and _inside(row.old, place))]
    hidden = 0
    if record.unchanged == "count":
        hidden = sum(1 for row in rows if row.change == "unchanged")
        rows = [row for row in rows if row.change != "unchanged"]
    container = nodes.container(classes=["policynotes-diff-block", "no-search"])
    container += _caption(catalog, pair, comparison, len(rows), hidden)
    table = nodes.table(classes=["policynotes-diff", "longtable", "colwidths-given"])
    tgroup = nodes.tgroup(cols=len(COLUMNS))
    table += tgroup
    for _title, width in COLUMNS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.paragraph(str(t), str(t)))
                                             for t, _w in COLUMNS)))
    body = nodes.tbody()
    for row in rows:
        line = _body_row(builder, _side(builder, row.new, row, "insert"),
                         _side(builder, row.old, row, "delete"), _remark(row))
        line["classes"].append(f"policynotes-{row.remark.id}")
        body += line
    if not rows:
        text = _("No part changed.")
        body += _body_row(builder, _cell(nodes.paragraph(text, text)), _cell(), _cell())
    tgroup += body
    container += table
    return container
