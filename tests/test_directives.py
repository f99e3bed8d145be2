"""The directives through real builds, in rST and MyST (backtick and colon fences).

Roots: ``test-d-basic`` (every directive and option), ``test-d-norm`` (the
normalisation of ``:chapter:`` and ``:policy:``), ``test-d-resolve`` (which
source a quote belongs to) and ``test-d-index`` (the order and content of
``policy-index`` rows).
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from sphinx.testing.util import SphinxTestApp
from util import Element, export_of, href_target, html_of, sphinx_root, warning_lines

DG_TITLE = "デジタル・ガバメント推進方針"
DG_ISSUER = "IT総合戦略本部・官民データ活用推進戦略会議"
DG_URL = "https://www.kantei.go.jp/jp/singi/it2/kettei/pdf/20170530/suisinhosin.pdf"
CLOUD_URL = "http://example.org/cloud.pdf"
NO_SOURCE = (
    "policy-quote has no :source:, no policynotes_default_source is set and the "
    "project does not declare exactly one source [policynotes.no_source]"
)

# -- helpers -------------------------------------------------------------------


def quotes_by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["name"]: q for q in data["quotes"] if q["name"]}


def sources_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in data["sources"]}


def notes_by_text(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["text"]: c for c in data["commentaries"]}


def element_of(app: SphinxTestApp, record: dict[str, Any]) -> Element:
    """The HTML element of an exported record (its ``anchor`` in its page)."""
    return html_of(app, record["docname"]).by_id(record["anchor"])


def label_of(div: Element) -> Element:
    """The label of a quote, commentary or card: its first paragraph outside the body."""
    for p in div.find_all("p"):
        if not any(a.tag == "blockquote" for a in p.ancestors()):
            return p
    raise AssertionError(f"no label in {div!r}")


def targets(fromdoc: str, element: Element) -> list[tuple[str, str]]:
    """Where the internal links inside ``element`` point, as (docname, id)."""
    return [href_target(fromdoc, a.attrs["href"]) for a in element.links()
            if not a.attrs["href"].startswith(("http:", "https:"))]


def assert_in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found after position {position} in {text!r}"
        position = found + len(part)


def assert_target_exists(app: SphinxTestApp, target: tuple[str, str]) -> Element:
    docname, anchor = target
    return html_of(app, docname).by_id(anchor)


# -- source-ref ----------------------------------------------------------------


@sphinx_root("d-basic")
def test_basic_root_builds_without_any_warning(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []


@sphinx_root("d-basic")
def test_source_ref_rst_card_has_every_option(app: SphinxTestApp) -> None:
    app.build()
    src = sources_by_id(export_of(app))["dg-2017"]
    assert src == {
        "id": "dg-2017", "title": DG_TITLE, "short": "推進方針", "issuer": DG_ISSUER,
        "date": "2017-05-30", "url": DG_URL, "docname": "sources", "anchor": src["anchor"],
    }
    assert src["anchor"].startswith("src-")
    card = element_of(app, src)
    text = card.text
    assert_in_order(text, DG_TITLE, "推進方針", DG_ISSUER, "2017-05-30", DG_URL,
                    "Decided in May 2017")
    assert [a.attrs["href"] for a in card.links()] == [DG_URL]


@sphinx_root("d-basic")
def test_source_ref_myst_card_has_every_option(app: SphinxTestApp) -> None:
    app.build()
    src = sources_by_id(export_of(app))["cloud-2018"]
    assert src == {
        "id": "cloud-2018", "title": "Cloud by Default Basic Policy", "short": "Cloud policy",
        "issuer": "CIO Council", "date": "2018", "url": CLOUD_URL, "docname": "sources_md",
        "anchor": src["anchor"],
    }
    assert src["anchor"].startswith("src-")
    card = element_of(app, src)
    assert_in_order(card.text, "Cloud by Default Basic Policy", "Cloud policy", "CIO Council",
                    "2018", CLOUD_URL, "The government cloud policy.")
    assert [a.attrs["href"] for a in card.links()] == [CLOUD_URL]


@sphinx_root("d-basic")
def test_source_ref_date_forms_and_optional_options(app: SphinxTestApp) -> None:
    app.build()
    sources = sources_by_id(export_of(app))
    assert {k: s["date"] for k, s in sources.items()} == {
        "dg-2017": "2017-05-30", "ai-2019": "2019-06", "cloud-2018": "2018"}
    ai = sources["ai-2019"]
    assert (ai["short"], ai["issuer"], ai["url"]) == (None, None, None)
    card = element_of(app, ai)
    assert_in_order(card.text, "AI戦略2019", "2019-06")
    assert card.links() == []


# -- policy-quote ----------------------------------------------------------------


@sphinx_root("d-basic")
def test_policy_quote_rst_label_and_blockquote(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quote = quotes_by_name(data)["bpr"]
    src = sources_by_id(data)["dg-2017"]
    assert {k: quote[k] for k in ("name", "source", "chapter", "policy", "page", "docname")} == {
        "name": "bpr", "source": "dg-2017", "chapter": 4, "policy": "方針1-1", "page": 5,
        "docname": "quotes"}
    assert quote["id"] == quote["anchor"]
    div = element_of(app, quote)
    label = label_of(div)
    assert_in_order(label.text, "推進方針", "第4章", "方針1-1", "p. 5")
    source_links = [a for a in label.links() if a.text == "推進方針"]
    assert len(source_links) == 1
    assert href_target("quotes", source_links[0].attrs["href"]) == ("sources", src["anchor"])
    page_links = [a for a in label.links() if a.text == "p. 5"]
    # the page, and the quote's first words for the viewer to search for there
    # (the source has no text: the words of the quote, not of a line of the page)
    assert [a.attrs["href"] for a in page_links] == [
        DG_URL + "#page=5&search=" + urllib.parse.quote("先行的にサービスデザイン思考によ")]
    blockquote = div.find("blockquote")
    assert blockquote.text == "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。"
    assert "先行的に" not in label.text


@sphinx_root("d-basic")
def test_policy_quote_myst_backtick_fence(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quote = quotes_by_name(data)["md-quote"]
    src = sources_by_id(data)["cloud-2018"]
    assert (quote["source"], quote["chapter"], quote["policy"], quote["page"]) == (
        "cloud-2018", 12, "(1)", 12)
    div = element_of(app, quote)
    label = label_of(div)
    assert_in_order(label.text, "Cloud policy", "第12章", "(1)", "p. 12")
    links = {a.text: a.attrs["href"] for a in label.links()}
    assert href_target("notes_md", links["Cloud policy"]) == ("sources_md", src["anchor"])
    assert links["p. 12"].startswith(CLOUD_URL + "#page=12&search=")
    # the body (its CJK line join is tested below)
    assert_in_order(div.find("blockquote").text, "クラウドを", "第一候補とする。")


@sphinx_root("d-basic")
def test_policy_quote_myst_colon_fence(app: SphinxTestApp) -> None:
    app.build()
    quote = quotes_by_name(export_of(app))["md-colon-quote"]
    assert (quote["source"], quote["chapter"], quote["policy"], quote["page"]) == (
        "cloud-2018", 3, None, None)
    div = element_of(app, quote)
    label = label_of(div)
    assert_in_order(label.text, "Cloud policy", "第3章")
    assert "p." not in label.text
    assert div.find("blockquote").text == "A colon-fenced quote."


@sphinx_root("d-basic")
def test_policy_quote_label_uses_title_without_short(app: SphinxTestApp) -> None:
    app.build()
    quote = quotes_by_name(export_of(app))["ai-bg"]
    label = label_of(element_of(app, quote))
    assert_in_order(label.text, "AI戦略2019", "第2章", "背景2")


# -- commentary ------------------------------------------------------------------


@sphinx_root("d-basic")
def test_commentary_without_on_takes_the_quotes_since_the_previous_one(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    name_of = {q["id"]: q["name"] for q in data["quotes"]}
    notes = notes_by_text(data)
    # quotes.rst: quote, quote, commentary, quote, commentary
    first = notes["BPR first, then systems: the order is right."]
    second = notes["デジタル人材の育成は、全省庁の課題である。 人材は DX の鍵であり、 AI も同じ。"]
    assert [name_of[a] for a in first["quotes"]] == ["bpr", "cloud-first"]
    assert [name_of[a] for a in second["quotes"]] == ["ai-bg"]
    # notes_md.md: quote (backtick), quote (colon), commentary (colon)
    myst = notes["Notes on both MyST quotes."]
    assert [name_of[a] for a in myst["quotes"]] == ["md-quote", "md-colon-quote"]
    by_name = quotes_by_name(data)
    assert first["id"] in by_name["bpr"]["commentaries"]
    assert first["id"] in by_name["cloud-first"]["commentaries"]
    assert first["id"] not in by_name["ai-bg"]["commentaries"]
    assert second["id"] in by_name["ai-bg"]["commentaries"]
    assert second["id"] not in by_name["bpr"]["commentaries"]
    # quote, commentary with :on:, quote, commentary: the :on: one closes the group too
    last = notes["Note on the last group."]
    assert [name_of[a] for a in last["quotes"]] == ["ai-4"]
    assert by_name["ai-3"]["commentaries"] == []


@sphinx_root("d-basic")
def test_commentary_on_in_rst(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    name_of = {q["id"]: q["name"] for q in data["quotes"]}
    note = notes_by_text(data)["rST note on two MyST quotes."]
    assert sorted(name_of[a] for a in note["quotes"]) == ["md-colon-quote", "md-quote"]
    assert note["docname"] == "quotes"
    assert "rST note on two MyST quotes." in element_of(app, note).text


@sphinx_root("d-basic")
def test_commentary_on_names_quotes_in_other_documents(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    name_of = {q["id"]: q["name"] for q in data["quotes"]}
    notes = notes_by_text(data)
    comma = notes["Cross-document note on two rST quotes."]
    space = notes["Space-separated names."]
    assert sorted(name_of[a] for a in comma["quotes"]) == ["ai-bg", "bpr"]
    assert sorted(name_of[a] for a in space["quotes"]) == ["cloud-first", "md-quote"]
    by_name = quotes_by_name(data)
    assert comma["id"] in by_name["bpr"]["commentaries"]
    assert space["id"] in by_name["cloud-first"]["commentaries"]
    assert space["id"] in by_name["md-quote"]["commentaries"]
    assert space["id"] not in by_name["md-colon-quote"]["commentaries"]


@sphinx_root("d-basic")
def test_commentary_author_and_body(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    authors = {c["text"]: c["author"] for c in data["commentaries"]}
    assert authors == {
        "BPR first, then systems: the order is right.": "査読者",
        "デジタル人材の育成は、全省庁の課題である。 人材は DX の鍵であり、 AI も同じ。": None,
        "Notes on both MyST quotes.": "MyST reviewer",
        "Cross-document note on two rST quotes.": None,
        "Space-separated names.": None,
        "rST note on two MyST quotes.": None,
        "Note on the last group.": "査読者",
    }
    note = notes_by_text(data)["BPR first, then systems: the order is right."]
    div = element_of(app, note)
    assert note["anchor"].startswith("pc-")
    assert "査読者" in label_of(div).text
    assert "BPR first, then systems: the order is right." in div.text
    myst = notes_by_text(data)["Notes on both MyST quotes."]
    assert "MyST reviewer" in label_of(element_of(app, myst)).text


@sphinx_root("d-basic", confoverrides={"policynotes_default_author": "既定の査読者"})
def test_commentary_default_author(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    data = export_of(app)
    authors = {c["text"]: c["author"] for c in data["commentaries"]}
    assert authors["BPR first, then systems: the order is right."] == "査読者"
    assert authors["Notes on both MyST quotes."] == "MyST reviewer"
    assert authors["Cross-document note on two rST quotes."] == "既定の査読者"
    assert authors["Space-separated names."] == "既定の査読者"
    note = notes_by_text(data)["Space-separated names."]
    assert "既定の査読者" in label_of(element_of(app, note)).text


@sphinx_root("d-basic")
def test_quotes_and_commentaries_link_both_ways(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quotes = {q["id"]: q for q in data["quotes"]}
    notes = {c["id"]: c for c in data["commentaries"]}
    pairs = [(q, c) for c in notes.values() for q in (quotes[a] for a in c["quotes"])]
    assert len(pairs) == 12
    for quote, note in pairs:
        assert note["id"] in quote["commentaries"]
        quote_label = label_of(element_of(app, quote))
        note_label = label_of(element_of(app, note))
        assert (note["docname"], note["anchor"]) in targets(quote["docname"], quote_label), (
            quote["name"], note["text"])
        assert (quote["docname"], quote["anchor"]) in targets(note["docname"], note_label), (
            quote["name"], note["text"])


# -- normalisation -----------------------------------------------------------------

#: name (without the r-/m- prefix of norm.rst/norm_md.md) -> (value as written, key);
#: None in the key stands for the policy prefix.
POLICIES = {
    "p-1": ("1-1", None), "p-fw": ("１－１", None), "p-prefixed": ("方針1-1", "方針1-1"),
    "p-bracket": ("【方針１－１】", "方針1-1"), "p-hyphen": ("方針１\u2010１", "方針1-1"),
    "p-long-vowel": ("方針1\u30fc1", "方針1-1"), "p-bg": ("背景２", "背景2"),
    "p-paren": ("（１）", "(1)"),
}
#: Further dash variants, in norm_md.md only.
MYST_ONLY_POLICIES = {
    "p-em-dash": ("1\u20141", None), "p-minus": ("1\u22121", None),
    "p-half-long-vowel": ("1\uff701", None),
}
CHAPTERS = {"c-4": ("4", 4), "c-fw4": ("４", 4), "c-dai4": ("第4章", 4),
            "c-dai-fw4": ("第４章", 4), "c-kanji4": ("第四章", 4), "c-kanji12": ("第十二章", 12)}


def expected_values(prefix: str) -> dict[str, tuple[int | None, str | None]]:
    """name -> (chapter, policy) expected in the export of test-d-norm."""
    expected: dict[str, tuple[int | None, str | None]] = {}
    for doc_prefix, policies in (("r-", POLICIES), ("m-", POLICIES | MYST_ONLY_POLICIES)):
        for name, (_written, chapter) in CHAPTERS.items():
            expected[doc_prefix + name] = (chapter, None)
        for name, (_written, key) in policies.items():
            expected[doc_prefix + name] = (None, key or prefix + "1-1")
    return expected


@sphinx_root("d-norm")
def test_norm_root_writes_what_the_tables_say(app: SphinxTestApp) -> None:
    """Guards the tables above: each quote's body names the value as written."""
    app.build()
    quotes = quotes_by_name(export_of(app))
    for doc_prefix, policies in (("r-", POLICIES), ("m-", POLICIES | MYST_ONLY_POLICIES)):
        for name, (written, _chapter) in CHAPTERS.items():
            assert quotes[doc_prefix + name]["text"] == f"Chapter written {written}."
        for name, (written, _key) in policies.items():
            assert quotes[doc_prefix + name]["text"] == f"Policy written {written}."


@sphinx_root("d-norm")
def test_chapter_and_policy_normalisation(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    quotes = quotes_by_name(export_of(app))
    actual = {name: (q["chapter"], q["policy"]) for name, q in quotes.items()}
    assert actual == expected_values("方針")
    label = label_of(element_of(app, quotes["r-p-bracket"]))
    assert "方針1-1" in label.text
    assert "【" not in label.text
    label = label_of(element_of(app, quotes["m-c-kanji12"]))
    assert "第12章" in label.text


@sphinx_root("d-norm", confoverrides={"policynotes_policy_prefix": "施策"})
def test_policy_prefix_is_put_before_bare_numbers_only(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    quotes = quotes_by_name(export_of(app))
    actual = {name: (q["chapter"], q["policy"]) for name, q in quotes.items()}
    assert actual == expected_values("施策")
    assert actual["r-p-1"] == (None, "施策1-1")
    assert actual["r-p-prefixed"] == (None, "方針1-1")
    assert "施策1-1" in label_of(element_of(app, quotes["m-p-fw"])).text


# -- source resolution -------------------------------------------------------------


@sphinx_root("d-resolve", confoverrides={"policynotes_default_source": "beta"})
def test_source_option_then_default_source(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    quotes = quotes_by_name(export_of(app))
    assert {n: q["source"] for n, q in quotes.items()} == {
        "q-explicit": "alpha", "q-md-explicit": "alpha",
        "q-implicit": "beta", "q-md-implicit": "beta"}
    assert "Beta paper" in label_of(element_of(app, quotes["q-implicit"])).text
    assert "Alpha paper" in label_of(element_of(app, quotes["q-explicit"])).text


@sphinx_root("d-resolve", confoverrides={"exclude_patterns": ["_build", "sources_beta.md"]})
def test_source_is_the_only_declared_one(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    quotes = quotes_by_name(export_of(app))
    assert {n: q["source"] for n, q in quotes.items()} == {
        "q-explicit": "alpha", "q-md-explicit": "alpha",
        "q-implicit": "alpha", "q-md-implicit": "alpha"}
    assert "Alpha paper" in label_of(element_of(app, quotes["q-md-implicit"])).text


@sphinx_root("d-resolve", confoverrides={"exclude_patterns": ["_build", "sources_beta.md"],
                                          "policynotes_default_source": "beta"})
def test_default_source_comes_before_the_only_declared_one(app: SphinxTestApp) -> None:
    app.build()
    quotes = quotes_by_name(export_of(app))
    assert quotes["q-implicit"]["source"] == "beta"
    assert quotes["q-md-implicit"]["source"] == "beta"
    assert quotes["q-explicit"]["source"] == "alpha"
    lines = warning_lines(app)
    assert ("quotes.rst:12: WARNING: policy-quote: unknown source 'beta' "
            "[policynotes.unknown_source]") in lines
    assert ("quotes_md.md:14: WARNING: policy-quote: unknown source 'beta' "
            "[policynotes.unknown_source]") in lines


@sphinx_root("d-resolve")
def test_no_source_warns_and_keeps_the_quote(app: SphinxTestApp) -> None:
    app.build()
    assert sorted(warning_lines(app)) == [
        f"quotes.rst:12: WARNING: {NO_SOURCE}",
        f"quotes_md.md:14: WARNING: {NO_SOURCE}",
    ]
    quotes = quotes_by_name(export_of(app))
    assert quotes["q-implicit"]["source"] is None
    assert quotes["q-md-implicit"]["source"] is None
    assert quotes["q-explicit"]["source"] == "alpha"
    assert quotes["q-implicit"]["text"] == "No source given (rST)."
    assert element_of(app, quotes["q-implicit"]).find("blockquote").text == (
        "No source given (rST).")
    assert element_of(app, quotes["q-md-implicit"]).find("blockquote").text == (
        "No source given (MyST).")


# -- CJK line join -----------------------------------------------------------------


@sphinx_root("d-basic")
def test_cjk_line_break_is_removed_rst(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quotes = quotes_by_name(data)
    expected = {
        "bpr": "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。",
        "ai-bg": "人材育成が急務である。",
    }
    for name, text in expected.items():
        assert quotes[name]["text"] == text
        paragraph = element_of(app, quotes[name]).find("blockquote").find("p")
        assert paragraph.raw_text == text, name
    note = notes_by_text(data)[
        "デジタル人材の育成は、全省庁の課題である。 人材は DX の鍵であり、 AI も同じ。"]
    paragraphs = [p.raw_text for p in element_of(app, note).find_all("p")]
    assert "デジタル人材の育成は、全省庁の課題である。" in paragraphs


@sphinx_root("d-basic")
def test_cjk_line_break_is_removed_myst(app: SphinxTestApp) -> None:
    app.build()
    quote = quotes_by_name(export_of(app))["md-quote"]
    assert quote["text"] == "クラウドを第一候補とする。"
    paragraph = element_of(app, quote).find("blockquote").find("p")
    assert paragraph.raw_text == "クラウドを第一候補とする。"


@sphinx_root("d-basic")
def test_line_break_next_to_latin_text_stays_a_space(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quote = quotes_by_name(data)["cloud-first"]
    assert quote["text"] == "Cloud by default for every new system."
    paragraph = element_of(app, quote).find("blockquote").find("p")
    assert paragraph.text == "Cloud by default for every new system."
    assert "forevery" not in paragraph.raw_text
    note = notes_by_text(data)[
        "デジタル人材の育成は、全省庁の課題である。 人材は DX の鍵であり、 AI も同じ。"]
    texts = [p.text for p in element_of(app, note).find_all("p")]
    assert "人材は DX の鍵であり、 AI も同じ。" in texts


# -- policy-index --------------------------------------------------------------------


def index_tables(page: Element) -> list[Element]:
    return page.find_all("table")


def body_rows(table: Element) -> list[Element]:
    return table.find("tbody").find_all("tr")


def cells(row: Element) -> list[Element]:
    return [c for c in row.find_all() if c.tag in ("td", "th") and c.parent is row]


def table_sources(app: SphinxTestApp, docname: str) -> list[str]:
    """The source of each index table in ``docname``, from the quotes it links to."""
    data = export_of(app)
    by_place = {(q["docname"], q["anchor"]): q["source"] for q in data["quotes"]}
    out = []
    for table in index_tables(html_of(app, docname)):
        found = {by_place[t] for t in targets(docname, table) if t in by_place}
        assert len(found) == 1, found
        out.append(found.pop())
    return out


@sphinx_root("d-basic")
def test_policy_index_per_source_and_for_all(app: SphinxTestApp) -> None:
    app.build()
    # a_index_dg.md: `:source: dg-2017` (MyST); b_index_all.rst: `:source: cloud-2018`, then all.
    assert table_sources(app, "a_index_dg") == ["dg-2017"]
    assert table_sources(app, "b_index_all") == ["cloud-2018", "ai-2019", "cloud-2018", "dg-2017"]
    data = export_of(app)
    dg_rows = body_rows(index_tables(html_of(app, "a_index_dg"))[0])
    assert [cells(r)[0].text for r in dg_rows] == ["第4章 方針1-1", "第4章 方針1-2"]
    src = sources_by_id(data)["dg-2017"]
    assert ("sources", src["anchor"]) in targets("a_index_dg", html_of(app, "a_index_dg"))


@sphinx_root("d-basic")
def test_policy_index_row_holds_quote_and_commentary(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quote = quotes_by_name(data)["bpr"]
    note = notes_by_text(data)["BPR first, then systems: the order is right."]
    cross = notes_by_text(data)["Cross-document note on two rST quotes."]
    for docname in ("a_index_dg", "b_index_all"):
        rows = [r for t in index_tables(html_of(app, docname)) for r in body_rows(t)
                if (quote["docname"], quote["anchor"]) in targets(docname, r)]
        assert len(rows) == 1, docname
        row = rows[0]
        row_cells = cells(row)
        quote_cell = next(c for c in row_cells if quote["text"] in c.text)
        note_cell = next(c for c in row_cells if note["text"] in c.text)
        assert quote_cell is not note_cell
        assert cross["text"] in note_cell.text
        assert "査読者" in note_cell.text
        assert (note["docname"], note["anchor"]) in targets(docname, note_cell)
        assert (cross["docname"], cross["anchor"]) in targets(docname, note_cell)
        assert (quote["docname"], quote["anchor"]) in targets(docname, quote_cell)
        assert "推進方針" in quote_cell.text
        for target in targets(docname, row):
            assert_target_exists(app, target)


INDEX_KEYS = ["第1章", "第1章 方針1", "第1章 方針1-1", "第1章 方針1-2", "第1章 方針1-10",
              "第1章 方針2", "第2章 方針3", "第10章 方針1", "方針1"]
INDEX_QUOTES = [["a-1-none"], ["a-1-1", "b-1-1"], ["a-1-1-1"], ["a-1-1-2"], ["b-1-1-10"],
                ["b-1-2"], ["a-2-3"], ["b-10-1"], ["b-none-1"]]


@sphinx_root("d-index")
def test_policy_index_row_order(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    data = export_of(app)
    name_of = {(q["docname"], q["anchor"]): q["name"] for q in data["quotes"]}
    tables = index_tables(html_of(app, "index"))
    assert len(tables) == 1
    rows = body_rows(tables[0])
    assert [cells(r)[0].text for r in rows] == INDEX_KEYS
    linked = [[name_of[t] for t in targets("index", r) if t in name_of] for r in rows]
    assert linked == INDEX_QUOTES
    # the export orders quotes the same way
    assert [q["name"] for q in data["quotes"]] == [n for names in INDEX_QUOTES for n in names]


@sphinx_root("d-index")
def test_policy_index_row_contents(app: SphinxTestApp) -> None:
    app.build()
    data = export_of(app)
    quotes = quotes_by_name(data)
    rows = body_rows(index_tables(html_of(app, "index"))[0])
    by_key = {cells(r)[0].text: r for r in rows}

    row = by_key["第1章 方針1"]
    assert_in_order(row.text, "Chapter one, policy one (A).", "Chapter one, policy one (B).",
                    "Note on all of B, without author.")
    note_b = notes_by_text(data)["Note on all of B, without author."]
    assert (note_b["docname"], note_b["anchor"]) in targets("index", row)

    row = by_key["第1章"]
    note_a = notes_by_text(data)["Note on the first three of A."]
    row_cells = cells(row)
    quote_cell = next(c for c in row_cells if "Chapter one without a policy." in c.text)
    note_cell = next(c for c in row_cells if note_a["text"] in c.text)
    assert quote_cell is not note_cell
    assert "Reviewer A" in note_cell.text
    assert (note_a["docname"], note_a["anchor"]) in targets("index", note_cell)
    quote = quotes["a-1-none"]
    assert (quote["docname"], quote["anchor"]) in targets("index", quote_cell)
    assert "Sample" in quote_cell.text

    row = by_key["第1章 方針1-1"]
    assert "Chapter one, policy one-one." in row.text
    assert [c.text for c in cells(row)][1:].count("No commentary") == 1
    assert [t for t in targets("index", row) if t[1].startswith("pc-")] == []
    for row in rows:
        for target in targets("index", row):
            assert_target_exists(app, target)


@sphinx_root("d-index", confoverrides={"language": "ja"})
def test_policy_index_no_commentary_in_japanese(app: SphinxTestApp) -> None:
    app.build()
    rows = body_rows(index_tables(html_of(app, "index"))[0])
    by_key = {cells(r)[0].text: r for r in rows}
    assert [c.text for c in cells(by_key["第1章 方針1-1"])][1:].count("論評なし") == 1
    assert "No commentary" not in html_of(app, "index").text
