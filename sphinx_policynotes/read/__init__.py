"""Read: the directives, their options and body texts, as each document is read.

Directives leave nodes in the doctree and hand their records to the
collecting stage through :class:`.directives.Collector`; the texts of quotes
and commentaries go beside the doctrees (:mod:`.texts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_read(app: Sphinx) -> None:
    """The directives, and the texts written once a document is read."""
    from .diff import setup_diff_directive
    from .directives import setup_directives
    from .responses import setup_response_directives
    from .texts import write_pending

    setup_directives(app)
    setup_diff_directive(app)
    setup_response_directives(app)
    app.connect("doctree-read", write_pending)
