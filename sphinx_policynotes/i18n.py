"""Message catalog of the labels the extension prints (出典, 論評 / Source, Commentary)."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "sphinx_policynotes"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)
