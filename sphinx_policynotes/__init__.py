"""sphinx-policynotes: quote government policy documents and annotate them in Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register everything; each module's ``setup_*`` adds its own part."""
    from docutils import nodes

    from .assets import setup_assets
    from .config import setup_config
    from .directives import setup_directives
    from .domain import (
        PolicyNotesDomain,
        PolicyNotesRole,
        on_build_finished,
        on_doctree_read,
        on_env_get_outdated,
        on_env_get_updated,
        on_env_updated,
    )
    from .export import write_export
    from .i18n import CATALOG, LOCALE_DIR
    from .render import setup_render
    from .searchwords import setup_searchwords
    from .textstore import missing_texts, write_pending
    from .writers import setup_writers

    setup_config(app)
    app.add_domain(PolicyNotesDomain)
    app.add_role("policy", PolicyNotesRole(innernodeclass=nodes.inline))
    app.add_role("source-ref", PolicyNotesRole(innernodeclass=nodes.inline))
    setup_directives(app)
    setup_writers(app)
    setup_render(app)
    setup_searchwords(app)
    setup_assets(app)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-get-updated", on_env_get_updated)
    app.connect("build-finished", write_export)
    app.connect("build-finished", on_build_finished, priority=900)
    app.connect("doctree-read", write_pending)
    app.connect("env-get-outdated", missing_texts)
    return {
        "version": __version__,
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

