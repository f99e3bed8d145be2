"""``policynotes verify``: every quote's verification status, for CI.

Takes a built ``policynotes.json`` or a Sphinx source folder (which it builds
to a temporary folder with the html builder), prints one line per quote —
status, score, page, source, policy, where it stands, the start of its text —
and a summary. Exit status 1 when a quote is ``not_found`` or, without
``--allow-close``, ``close``; quotes whose source has no ``:text:`` or
``:pdf:`` are listed as ``-`` and do not fail (nothing to check them against),
unless ``--require-text``.

The messages and the summary are in the locale's language (:mod:`..messages`);
the table keeps the export's words (status, source, policy), for scripts.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..messages import _


def load_export(path: Path) -> dict[str, Any] | None:
    """The export of ``path``: a ``policynotes.json``, or a project built now."""
    if path.is_file():
        return read_export(path)
    if not (path / "conf.py").is_file():
        print(_("policynotes verify: %s is neither a policynotes.json nor a Sphinx "
                "source folder (no conf.py)") % path, file=sys.stderr)
        return None
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory() as tmp:
        status = build_main(["-q", "-b", "html", "-d", f"{tmp}/doctrees",
                             "-D", "policynotes_json=policynotes.json", str(path),
                             f"{tmp}/html"])
        export = Path(tmp, "html", "policynotes.json")
        if status != 0 or not export.is_file():
            print(_("policynotes verify: building %s failed") % path, file=sys.stderr)
            return None
        return read_export(export)


def read_export(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None, said on standard error, if it is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        data = error
    if not isinstance(data, dict) or not isinstance(data.get("quotes", []), list):
        why = data if isinstance(data, Exception) else _("no export object")
        print(_("policynotes verify: %s is not a policynotes.json export (%s)")
              % (path, why), file=sys.stderr)
        return None
    return data


def report(data: dict[str, Any], *, allow_close: bool, require_text: bool) -> int:
    """Print the table and the summary; the exit status."""
    counts: dict[str, int] = {}
    failed = 0
    print(f"{'status':<10} {'score':>5} {'page':>4}  {'source':<12} {'policy':<10} "
          "where / text")
    quotes = [quote for quote in data.get("quotes", []) if isinstance(quote, dict)]
    for quote in quotes:
        status = quote.get("verified") or "-"
        counts[status] = counts.get(status, 0) + 1
        bad = (status == "not_found" or (status == "close" and not allow_close)
               or (status == "-" and require_text))
        failed += bad
        score = quote.get("match_score")
        text = " ".join(str(quote.get("text", "")).split())
        text = text if len(text) <= 30 else text[:30] + "…"
        print(f"{status:<10} {'' if score is None else f'{score:.0f}':>5} "
              f"{quote.get('page') or '':>4}  {quote.get('source') or '':<12} "
              f"{quote.get('policy') or '':<10} "
              f"{quote.get('docname')}#{quote.get('anchor')}  {text}")
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    line = _("%(quotes)d quotes: %(summary)s; %(failing)d failing") % {
        "quotes": len(quotes), "summary": summary or _("none"),
        "failing": failed}
    print("\n" + line + (_(" (close allowed)") if allow_close else ""))
    for source, cov in sorted(data.get("coverage", {}).items()):
        print(_("coverage of %s: %s") % (source, cov.get("summary", "")))
    return 1 if failed else 0


def verify(path: Path, *, allow_close: bool, require_text: bool) -> int:
    data = load_export(path)
    if data is None:
        return 2
    return report(data, allow_close=allow_close, require_text=require_text)
