"""Roles and references: ``:policy:``, ``:source-ref:``, ``:ref:``, ``:any:`` and
MyST ``[text](#target)`` links, on ``test-d-basic`` (``roles.rst``, ``roles_md.md``).

``a_index_dg.md`` holds a ``policy-index`` of ``dg-2017`` only; ``b_index_all.rst``
one of ``cloud-2018`` and then one of every source.
"""

from __future__ import annotations

from sphinx.testing.util import SphinxTestApp
from util import Element, export_of, href_target, html_of, sphinx_root, warning_lines

DG_TITLE = "デジタル・ガバメント推進方針"
NO_INDEXES = {"exclude_patterns": ["_build", "a_index_dg.md", "b_index_all.rst"]}


def paragraph(app: SphinxTestApp, docname: str, starts: str) -> Element:
    """The paragraph of ``docname`` whose text starts with ``starts``."""
    found = [p for p in html_of(app, docname).find_all("p") if p.text.startswith(starts)]
    assert len(found) == 1, (starts, [p.text for p in found])
    return found[0]


def only_link(app: SphinxTestApp, docname: str, starts: str) -> tuple[str, tuple[str, str]]:
    """(text, (docname, id)) of the one link in the paragraph starting with ``starts``."""
    links = paragraph(app, docname, starts).links()
    assert len(links) == 1, starts
    return links[0].text, href_target(docname, links[0].attrs["href"])


def place_of(app: SphinxTestApp, target: tuple[str, str]) -> tuple[int, str]:
    """(number of the table in its page, text of the first cell of the row) of an index row."""
    docname, anchor = target
    page = html_of(app, docname)
    element = page.by_id(anchor)
    row = next(a for a in element.ancestors() if a.tag == "tr")
    table = next(a for a in row.ancestors() if a.tag == "table")
    first = next(c for c in row.find_all() if c.tag in ("td", "th"))
    return page.find_all("table").index(table), first.text


def quote_place(app: SphinxTestApp, name: str) -> tuple[str, str]:
    quote = next(q for q in export_of(app)["quotes"] if q["name"] == name)
    return quote["docname"], quote["anchor"]


def source_place(app: SphinxTestApp, source_id: str) -> tuple[str, str]:
    src = next(s for s in export_of(app)["sources"] if s["id"] == source_id)
    return src["docname"], src["anchor"]


# -- :policy: ------------------------------------------------------------------------


@sphinx_root("d-basic")
def test_policy_role_links_to_the_row_of_the_first_index_covering_the_source(
    app: SphinxTestApp
) -> None:
    app.build()
    assert warning_lines(app) == []
    # dg-2017: a_index_dg (first by document name)
    text, target = only_link(app, "roles", "Bare key")
    assert text == "方針1-1"
    assert target[0] == "a_index_dg"
    assert place_of(app, target) == (0, "第4章 方針1-1")
    text, target = only_link(app, "roles", "With source")
    assert target[0] == "a_index_dg"
    assert place_of(app, target) == (0, "第4章 方針1-2")
    # ai-2019: not in a_index_dg, not in the first index of b_index_all (cloud-2018 only):
    # the second index of b_index_all, whose tables are ai-2019, cloud-2018, dg-2017
    text, target = only_link(app, "roles", "Other source")
    assert target[0] == "b_index_all"
    assert place_of(app, target) == (1, "第2章 背景2")
    # cloud-2018: the first index of b_index_all (by position)
    text, target = only_link(app, "roles", "Cloud key")
    assert target[0] == "b_index_all"
    assert place_of(app, target) == (0, "第12章 (1)")


@sphinx_root("d-basic")
def test_policy_role_explicit_title(app: SphinxTestApp) -> None:
    app.build()
    text, target = only_link(app, "roles", "Explicit title")
    assert text == "the BPR policy"
    assert place_of(app, target) == (0, "第4章 方針1-1")
    assert target[0] == "a_index_dg"


@sphinx_root("d-basic")
def test_policy_role_myst(app: SphinxTestApp) -> None:
    app.build()
    text, target = only_link(app, "roles_md", "Bare key")
    assert text == "方針1-1"
    assert target[0] == "a_index_dg"
    assert place_of(app, target) == (0, "第4章 方針1-1")
    text, target = only_link(app, "roles_md", "Explicit title")
    assert text == "MyST policy"
    assert target[0] == "a_index_dg"
    assert place_of(app, target) == (0, "第4章 方針1-2")


@sphinx_root("d-basic", confoverrides=NO_INDEXES)
def test_policy_role_links_to_the_first_quote_without_index(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert only_link(app, "roles", "Bare key")[1] == quote_place(app, "bpr")
    assert only_link(app, "roles", "With source")[1] == quote_place(app, "cloud-first")
    assert only_link(app, "roles", "Explicit title") == ("the BPR policy", quote_place(app, "bpr"))
    assert only_link(app, "roles", "Other source")[1] == quote_place(app, "ai-bg")
    assert only_link(app, "roles", "Cloud key")[1] == quote_place(app, "md-quote")
    assert only_link(app, "roles_md", "Bare key")[1] == quote_place(app, "bpr")


# -- :source-ref: ------------------------------------------------------------------


@sphinx_root("d-basic")
def test_source_ref_role_shows_the_title(app: SphinxTestApp) -> None:
    app.build()
    assert only_link(app, "roles", "Plain card") == (DG_TITLE, source_place(app, "dg-2017"))
    assert only_link(app, "roles_md", "Plain card") == (
        "Cloud by Default Basic Policy", source_place(app, "cloud-2018"))


@sphinx_root("d-basic")
def test_source_ref_role_explicit_title(app: SphinxTestApp) -> None:
    app.build()
    assert only_link(app, "roles", "Card with title") == (
        "the AI strategy", source_place(app, "ai-2019"))


# -- :ref:, :any:, MyST links ---------------------------------------------------------


@sphinx_root("d-basic")
def test_ref_to_a_quote_name_shows_the_quote_label(app: SphinxTestApp) -> None:
    app.build()
    text, target = only_link(app, "roles", "Name reference")
    assert target == quote_place(app, "bpr")
    assert text.startswith("推進方針 第4章 方針1-1"), text


@sphinx_root("d-basic")
def test_any_role_reaches_the_source_card(app: SphinxTestApp) -> None:
    app.build()
    assert only_link(app, "roles", "Any ") == (DG_TITLE, source_place(app, "dg-2017"))


@sphinx_root("d-basic")
def test_myst_links_reach_quotes_and_cards(app: SphinxTestApp) -> None:
    app.build()
    bpr = quote_place(app, "bpr")
    assert only_link(app, "roles_md", "Link with text") == ("the BPR passage", bpr)
    text, target = only_link(app, "roles_md", "Link without text")
    assert target == bpr
    assert text.startswith("推進方針 第4章 方針1-1"), text
    assert only_link(app, "roles_md", "Link to a card") == (
        "the DG card", source_place(app, "dg-2017"))


def assert_label_points_at_quote(app: SphinxTestApp, docname: str, starts: str, text: str) -> None:
    link_text, (target_doc, anchor) = only_link(app, docname, starts)
    assert link_text == text
    assert target_doc == docname
    element = html_of(app, docname).by_id(anchor)
    quotes = [e for e in (element, *element.ancestors()) if e.id and e.id.startswith("pq-")]
    if not quotes:  # the label may also stand just before the quote's element
        assert element.parent is not None
        siblings = [c for c in element.parent.children if not isinstance(c, str)]
        after = siblings[siblings.index(element) + 1:]
        quotes = [e for e in after[:1] if e.id and e.id.startswith("pq-")]
    assert quotes, f"#{anchor} is not at a policy-quote"
    exported = {(q["docname"], q["anchor"]) for q in export_of(app)["quotes"]}
    assert (docname, quotes[0].id) in exported


@sphinx_root("d-basic")
def test_rst_label_right_before_a_quote(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert_label_points_at_quote(app, "roles", "Label before a quote", "see the labelled quote")


@sphinx_root("d-basic")
def test_myst_label_right_before_a_quote(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert_label_points_at_quote(app, "roles_md", "Label before a quote",
                                 "the labelled MyST quote")
