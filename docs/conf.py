"""Sphinx configuration of the sphinx-policynotes documentation.

The site is built with the extension itself: every quote, commentary and
index on these pages is rendered by sphinx-policynotes, so a broken extension
shows here first. ``tox -e docs`` builds it with ``-W`` (warnings are errors).
"""

from __future__ import annotations

import sphinx_policynotes

# -- Project -------------------------------------------------------------------

project = "sphinx-policynotes"
author = "sphinx-policynotes developers"
copyright = "2026, sphinx-policynotes developers"  # noqa: A001
version = sphinx_policynotes.__version__
release = version

# -- General -------------------------------------------------------------------

extensions = ["myst_parser", "sphinx_policynotes"]

# colon_fence: ``:::{commentary}`` fences, used in the reference and the example;
# deflist: the definition lists of the front page and the warnings reference.
myst_enable_extensions = ["colon_fence", "deflist"]

# The pages are written in English; the worked example quotes and comments in
# Japanese. The labels the extension prints (Source, Quote, Commentary …) follow
# ``language``: set it to "ja" in your project for 出典, 引用, 論評 ….
language = "en"

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Every quote on this site names its source with ``:source:``, so the
# extension's defaults are kept and the reference pages show them as they are.
# policynotes_default_source = None
# policynotes_default_author = None
# policynotes_policy_prefix = "方針"
# policynotes_chapter_format = "第{}章"
# policynotes_json = "policynotes.json"

# -- HTML ----------------------------------------------------------------------

# furo: readable in both light and dark mode (it follows the reader's system
# setting, and the extension's CSS inherits its colours), good on phones (a
# responsive layout with a collapsible sidebar, so the policy index and the
# quote boxes stay usable at phone width), and widely used on readthedocs, so
# our users meet a layout they already know.
html_theme = "furo"
html_title = f"sphinx-policynotes {version}"

# -- LaTeX / PDF -----------------------------------------------------------------

# The PDF (``tox -e pdf``, and readthedocs' PDF download) carries the Japanese
# example: LuaLaTeX with the ltjsbook class embeds its Japanese fonts and keeps
# 【方針１－１】 copyable. The preset sets exactly that (see reference/config).
policynotes_latex_preset = "ja-lualatex"
latex_documents = [
    (root_doc, "sphinx-policynotes.tex", "sphinx-policynotes", author, "manual"),
]
# makeindex, not xindy: readthedocs runs latexmk without the XINDYOPTS that
# Sphinx's Makefile exports, and xindy then fails on the (English) index.
latex_use_xindy = False
