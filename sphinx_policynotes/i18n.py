"""Message catalog of the labels (出典, 論評 / Source, Commentary) and warnings the
extension prints, in the project's ``language`` (``_()`` gives a lazy proxy:
it is translated when printed). The command line has its own, :mod:`.cli_i18n`."""

from __future__ import annotations

from sphinx.locale import get_translation

from .cli_i18n import CATALOG, LOCALE_DIR

__all__ = ["CATALOG", "LOCALE_DIR", "_"]

_ = get_translation(CATALOG)
