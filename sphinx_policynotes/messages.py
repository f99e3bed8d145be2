"""The command line's messages in the user's language: stdlib ``gettext``, no Sphinx.

``policynotes`` prints its messages (and the importer's reports) in Japanese
when the locale is Japanese: the first of ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` that is set starts with ``ja``. Otherwise, English. The catalog is
the extension's own (``locale/<lang>/LC_MESSAGES/sphinx_policynotes.mo``),
which Sphinx builds use for the project's ``language``. ``--help`` stays
English.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["CATALOG", "LOCALE_DIR", "_", "locale_language", "translation"]

CATALOG = "sphinx_policynotes"
LOCALE_DIR = Path(__file__).parent / "locale"


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """``"ja"`` when the locale of messages is Japanese, else None (English)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else None
    return None


def translation(environ: Mapping[str, str] | None = None) -> _gettext.NullTranslations:
    """The catalog of the locale's language (the messages as written: English)."""
    language = locale_language(environ)
    if language is None:
        return _gettext.NullTranslations()
    return _gettext.translation(CATALOG, str(LOCALE_DIR), languages=[language], fallback=True)


def _(message: str) -> str:
    """``message`` in the language of the current locale (read at each call)."""
    return translation().gettext(message)
