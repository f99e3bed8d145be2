"""``policynotes_latex_preset``: the Japanese LuaLaTeX recipe in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("latex", testroot="m-latex", freshenv=True)
def test_ja_lualatex_preset(app: SphinxTestApp) -> None:
    app.build()
    assert app.config.latex_engine == "lualatex"
    tex = (Path(app.outdir) / "latex.tex").read_text(encoding="utf-8")
    assert r"\def\sphinxdocclass{ltjsbook}" in tex
    assert "polyglossia" not in tex
    assert r"\usepackage{fncychap}" not in tex.replace("%", "")
    # conf.py's own keys are kept next to the preset's.
    assert "a4paper" in tex
    assert (Path(app.outdir) / "sphinxpolicynotes.sty").is_file()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("latex", testroot="m-latex", freshenv=True,
                    confoverrides={"policynotes_latex_preset": "nonsense"})
def test_unknown_preset_warns(app: SphinxTestApp) -> None:
    app.build()
    # (language = "ja": the message is Japanese)
    assert "policynotes_latex_preset 'nonsense' は ja-lualatex のいずれでもないため、無視します" in (
        app.warning.getvalue())
    assert "[policynotes.config]" in app.warning.getvalue()
