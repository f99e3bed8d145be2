"""Message catalog of the labels (出典, 論評 / Source, Commentary) and warnings the
extension prints, in the project's ``language`` (``_()`` gives a lazy proxy:
it is translated when printed). The command line has its own, :mod:`.messages`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from .messages import CATALOG, LOCALE_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["CATALOG", "LOCALE_DIR", "_", "setup_i18n"]

_ = get_translation(CATALOG)


def setup_i18n(app: Sphinx) -> None:
    """Register the catalog, after every stage is set up.

    Registered before the stages, a project built in English after one in
    Japanese in the same process showed the Japanese index headers (seen in
    ``tests/test_config_i18n.py``; the cause is not yet understood)."""
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
