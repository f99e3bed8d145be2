"""Collect: the domain keeps every document's records and resolves roles.

The records of all documents are merged into one :class:`.catalog.Catalog`
(with its :mod:`.lineage` and :mod:`.verification`), which the writing and
exporting stages read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_collect(app: Sphinx) -> None:
    """The domain, its roles and the events that keep its records current."""
    from docutils import nodes

    from .diffs import on_env_updated as compare_diffs
    from .domain import (
        PolicyNotesDomain,
        PolicyNotesRole,
        missing_texts,
        on_build_finished,
        on_doctree_read,
        on_env_get_outdated,
        on_env_get_updated,
        on_env_updated,
    )
    from .verification import prune_parts

    app.add_domain(PolicyNotesDomain)
    app.add_role("policy", PolicyNotesRole(innernodeclass=nodes.inline))
    app.add_role("source-ref", PolicyNotesRole(innernodeclass=nodes.inline))
    app.connect("env-updated", on_env_updated)
    app.connect("env-updated", compare_diffs)
    app.connect("env-updated", prune_parts)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-get-outdated", missing_texts)
    app.connect("env-get-updated", on_env_get_updated)
    # After the exports (priority 500) have read the catalog: let it go.
    app.connect("build-finished", on_build_finished, priority=900)
