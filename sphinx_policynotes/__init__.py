"""sphinx-policynotes: quote government policy documents and annotate them in Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every stage; each connects its own events."""
    from .collect import setup_collect
    from .config import setup_config
    from .export import setup_export
    from .i18n import setup_i18n
    from .read import setup_read
    from .write import setup_write

    setup_config(app)
    setup_collect(app)
    setup_read(app)
    setup_write(app)
    setup_export(app)
    setup_i18n(app)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

