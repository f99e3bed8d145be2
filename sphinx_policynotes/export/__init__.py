"""Export: ``policynotes.json``, ``.jsonld`` and ``.csv`` of html-family builds.

:mod:`.files` writes them at ``build-finished``; :mod:`.parts` keeps each
record's part of them between builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_export(app: Sphinx) -> None:
    """Write the exports once the build is done."""
    from .files import write_export

    app.connect("build-finished", write_export)
