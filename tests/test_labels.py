"""Labels: the HTML the translator is given equals the HTML of the label's nodes.

HTML pages get each label as text written from its parts (``labels.to_html``);
other builders get nodes (``labels.to_nodes``). For every quote and commentary
of projects with links, pages, statuses, lineage and escapes, the two must give
the same markup when the same HTML translator writes them, from the label's
own page and from another one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp

from sphinx_policynotes.collect.domain import PolicyNotesDomain
from sphinx_policynotes.write.labels import (
    SEARCHED,
    Part,
    label_parts,
    note_parts,
    quote_parts,
    searched_texts,
    to_html,
    to_nodes,
)

ROOTS = ["b-all", "m-verify", "m-lineage", "m-escapes", "b-esc"]


def via_nodes(translator: Any, parts: list[Part], fromdoc: str) -> str:
    label = nodes.paragraph()
    label.extend(to_nodes(parts, translator.builder, fromdoc))
    translator.body = []
    for child in label.children:
        child.walkabout(translator)
    return "".join(translator.body)


@pytest.mark.parametrize("root", ROOTS)
@pytest.mark.parametrize("buildername", ["html", "dirhtml", "singlehtml"])
def test_html_text_equals_the_nodes(make_app: Callable[..., SphinxTestApp], rootdir: Path,
                                    tmp_path: Path, root: str, buildername: str) -> None:
    import shutil

    src = tmp_path / root
    shutil.copytree(rootdir / f"test-{root}", src)
    app = make_app(buildername, srcdir=src, freshenv=True)
    app.build()
    catalog = cast("PolicyNotesDomain", app.env.get_domain("policynotes")).catalog
    pages = sorted(app.env.found_docs)
    # A translator as the builder makes it to write a page.
    doctree = app.env.get_doctree(pages[0])
    builder = cast("StandaloneHTMLBuilder", app.builder)  # html, dirhtml, singlehtml
    doctree.settings = builder.docsettings
    translator = builder.create_translator(doctree, builder)
    labels = [quote_parts(catalog, q) for q in catalog.quotes]
    labels += [note_parts(catalog, c, [catalog.by_anchor[a]
                                       for a in catalog.targets.get(c.anchor, ())])
               for c in catalog.commentaries]
    assert labels
    if root == "b-all":  # links of every kind: to cards, notes, quotes and PDF pages
        kinds = {(p.todoc is not None, p.uri is not None) for parts in labels for p in parts}
        assert {(True, False), (False, True)} <= kinds
    for parts in labels:
        for fromdoc in {pages[0], pages[-1]}:
            assert to_html(translator, parts, fromdoc) == via_nodes(translator, parts, fromdoc)


@pytest.mark.parametrize("root", ROOTS)
def test_searched_texts_are_the_searchable_parts(make_app: Callable[..., SphinxTestApp],
                                                 rootdir: Path, tmp_path: Path, root: str
                                                 ) -> None:
    """An HTML label holds only the texts of its searchable parts (its parts are
    made by the translator); they must be those ``label_parts`` marks so."""
    import shutil

    src = tmp_path / root
    shutil.copytree(rootdir / f"test-{root}", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    catalog = cast("PolicyNotesDomain", app.env.get_domain("policynotes")).catalog
    found = []
    for kind, records in (("quote", catalog.quotes), ("commentary", catalog.commentaries)):
        for record in records:
            parts = label_parts(catalog, kind, record.anchor)
            texts = searched_texts(catalog, kind, record.anchor)
            assert texts == [p.text for p in parts if SEARCHED.intersection(p.classes)]
            found.append(len(texts))
    if root == "b-all":  # quotes with chapter and policy, notes with an author
        assert 2 in found and 1 in found
