"""Write: labels, links and index tables filled in, and a visitor per builder.

:mod:`.render` fills labels and indexes once a page is resolved; :mod:`.html`,
:mod:`.latex` and :mod:`.texinfo` are the visitors; :mod:`.searchwords` and
:mod:`.assets` serve the HTML search index and the CSS / LaTeX package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_write(app: Sphinx) -> None:
    """Visitors, the resolver of labels and indexes, search words, assets."""
    from .assets import setup_assets
    from .render import setup_render
    from .search import setup_search
    from .searchwords import setup_searchwords
    from .visitors import register_visitors

    register_visitors(app)
    setup_render(app)
    setup_searchwords(app)
    setup_search(app)
    setup_assets(app)
