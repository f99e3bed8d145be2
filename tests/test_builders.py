"""Every builder on a project that uses every directive and both roles (rST and MyST).

The root ``test-b-all`` is Japanese (``language = "ja"``) and sets ``copyright``
and ``version`` so that epub, too, builds without a warning.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from buildutil import (
    Build,
    Element,
    cached_build,
    html_page,
    ids_of,
    index_tables,
    main_body,
    parse_html,
    squeeze,
    table_rows,
)

import sphinx_policynotes

ROOT = "b-all"
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "text", "epub", "man", "texinfo",
            "gettext"]
HTML_FAMILY = ["html", "dirhtml", "singlehtml", "epub"]
DOCS = ["index", "sources", "chapter4", "chapter2", "roles", "policyindex"]

#: Quote bodies as readers must get them (CJK line breaks of the source removed).
QUOTES = {
    "QALPHA": "QALPHA 先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。",
    "QBRAVO": "QBRAVO 一度提出した情報は、二度提出することを不要とする。",
    "QCHARLIE": "QCHARLIE クラウド上に既に存在するサービスを組み合わせる。",
    "QDELTA": "QDELTA 国民や事業者に提供するサービスそのものの価値の拡大に焦点を当てる。",
    "QECHO": "QECHO 章も方針もない引用。",
    "QFOXTROT": "QFOXTROT 全ての国民がデジタル化の恩恵を享受できる社会を目指す。",
}
NOTES = {
    "CALPHA": "CALPHA 業務改革を先に行うことに賛成する。",
    "CITEMA": "CITEMA 自治体にも同じ考え方が要る。",
    "CBRAVO": "CBRAVO クラウドの利用は自治体でも進めるべきだ。",
    "CCHARLIE": "CCHARLIE 別の文書の引用への論評。",
    "CDELTA": "CDELTA 著者のない論評。",
}
#: Output files that hold the document text, per builder.
OUTPUT_GLOBS = {
    "html": "*.html", "dirhtml": "**/*.html", "singlehtml": "index.html",
    "latex": "*.tex", "text": "*.txt", "epub": "*.xhtml", "man": "*.1",
    "texinfo": "*.texi", "gettext": "*.pot",
}
#: Extension link classes: links to quotes, commentaries, sources, index rows.
OUR_LINK_CLASSES = {"policynotes-quote-link", "policynotes-note-link",
                    "policynotes-source-label", "policy", "source-ref"}


#: ``built(buildername)``: this module's root, built once per builder.
Built = Callable[[str], Build]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def get(buildername: str) -> Build:
        return cached_build(tmp_path_factory, ROOT, buildername)
    return get


def unescape(builder: str, text: str) -> str:
    """Undo the escaping of the few characters the test strings contain."""
    if builder in ("html", "dirhtml", "singlehtml", "epub"):
        return html.unescape(text)
    if builder == "latex":
        return text.replace(r"\sphinxhyphen{}", "-")
    if builder == "man":
        return text.replace(r"\-", "-")
    return text


def output_text(b: Build) -> str:
    files = sorted(b.outdir.glob(OUTPUT_GLOBS[b.builder]))
    assert files, f"{b.builder} wrote no {OUTPUT_GLOBS[b.builder]} in {b.outdir}"
    return unescape(b.builder, "\n".join(f.read_text(encoding="utf-8") for f in files))


def index_regions(b: Build) -> list[str]:
    """The parts of the output that hold policy-index tables, unescaped."""
    if b.builder in HTML_FAMILY:
        page = parse_html(html_page(b, "policyindex"))
        return [t.text() for t in index_tables(page)]
    text = output_text(b)
    if b.builder == "latex":
        pattern = r"\\begin\{longtable\}.*?\\end\{longtable\}"
    elif b.builder == "man":
        pattern = r"^\.TS$.*?^\.TE$"
    elif b.builder == "texinfo":
        pattern = r"^@multitable.*?^@end multitable$"
    elif b.builder == "text":
        return [" ".join(row) for row in text_grid_rows(b.read("policyindex.txt"))]
    else:
        raise AssertionError(b.builder)
    return re.findall(pattern, text, flags=re.S | re.M)


def text_grid_rows(text: str) -> list[list[str]]:
    """The rows of the text builder's grid tables, each a list of cell texts."""
    rows: list[list[str]] = []
    current: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("+"):
            if current:
                rows.append(["".join(cell) for cell in zip(*current, strict=True)])
            current = []
        elif line.startswith("|"):
            current.append([squeeze(cell) for cell in line.strip("|").split("|")])
    return rows


# -- every builder ---------------------------------------------------------------


@pytest.mark.parametrize("buildername", BUILDERS)
def test_builds_without_warnings(built: Built, buildername: str) -> None:
    b = built(buildername)
    lines = b.warnings.splitlines()
    if buildername == "latex":  # a Japanese project without the ja-lualatex preset
        fonts = [line for line in lines if "[policynotes.latex_fonts]" in line]
        assert len(fonts) == 1, lines
        lines.remove(fonts[0])
    assert lines == []


@pytest.mark.parametrize("buildername", BUILDERS)
def test_quote_and_commentary_text_reach_output(built: Built, buildername: str) -> None:
    out = squeeze(output_text(built(buildername)))
    missing = [text for text in (*QUOTES.values(), *NOTES.values())
               if squeeze(text) not in out]
    assert missing == []


@pytest.mark.parametrize("buildername", [b for b in BUILDERS if b != "gettext"])
def test_index_content_reaches_output(built: Built, buildername: str) -> None:
    regions = [squeeze(r) for r in index_regions(built(buildername))]
    assert regions, "no index table found"
    # The row of 方針1-1: the quote next to both commentaries on it.
    row_11 = [squeeze(s) for s in ("第4章", "方針1-1", QUOTES["QALPHA"], NOTES["CALPHA"],
                                   NOTES["CITEMA"], NOTES["CCHARLIE"])]
    assert any(all(s in r for s in row_11) for r in regions)
    # A quote without commentary says so.
    assert any(squeeze(QUOTES["QECHO"]) in r and "論評なし" in r for r in regions)
    # The it-2018 quote and its note are in a table too.
    assert any(squeeze(QUOTES["QFOXTROT"]) in r and squeeze(NOTES["CDELTA"]) in r
               for r in regions)


def test_gettext_catalogs_hold_quotes_and_notes(built: Built) -> None:
    b = built("gettext")
    for doc, markers in (("chapter4", ["QALPHA", "QBRAVO", "QFOXTROT", "CALPHA", "CITEMA",
                                       "CDELTA"]),
                         ("chapter2", ["QCHARLIE", "QDELTA", "QECHO", "CBRAVO",
                                       "CCHARLIE"])):
        msgids = re.findall(r'^msgid "(.*)"$', b.read(f"{doc}.pot"), flags=re.M)
        for marker in markers:
            expected = {**QUOTES, **NOTES}[marker]
            assert any(squeeze(expected) == squeeze(m) for m in msgids), (doc, marker)


# -- html family -----------------------------------------------------------------------


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "singlehtml"])
def test_html_css_shipped_and_linked(built: Built, buildername: str) -> None:
    b = built(buildername)
    css = b.outdir / "_static" / "policynotes.css"
    shipped = Path(sphinx_policynotes.__file__).parent / "static" / "policynotes.css"
    assert css.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    docs = ["index"] if buildername == "singlehtml" else DOCS
    for doc in docs:
        page_path = html_page(b, doc)
        page = parse_html(page_path)
        hrefs = [link.attrs.get("href", "").split("?")[0] for link in page.find_all("link")
                 if "stylesheet" in link.attrs.get("rel", "")]
        targets = {(page_path.parent / href).resolve() for href in hrefs}
        assert css.resolve() in targets, (doc, hrefs)


@pytest.mark.parametrize("buildername", HTML_FAMILY)
def test_html_index_is_a_table(built: Built, buildername: str) -> None:
    page = parse_html(html_page(built(buildername), "policyindex"))
    tables = [[{"key": r[0], "quote": r[1].split()[0], "notes": r[2]} for r in table_rows(t)]
              for t in index_tables(main_body(page))]
    # policyindex: one table per source; singlehtml also holds chapter2's (it-2018 only).
    assert len(tables) == (3 if buildername == "singlehtml" else 2)
    dg = [t for t in tables if any(r["quote"] == "QALPHA" for r in t)]
    assert len(dg) == 1
    rows = {r["quote"]: r for r in dg[0]}
    assert list(rows) == ["QCHARLIE", "QDELTA", "QALPHA", "QBRAVO", "QECHO"]
    assert rows["QALPHA"]["key"] == "第4章 方針1-1"
    assert "CALPHA" in rows["QALPHA"]["notes"] and "CCHARLIE" in rows["QALPHA"]["notes"]
    assert rows["QECHO"]["notes"] == "論評なし"
    others = [t for t in tables if t is not dg[0]]
    assert all([r["quote"] for r in t] == ["QFOXTROT"] for t in others)


@pytest.mark.parametrize(("doc", "marker"), [("chapter4", "QALPHA"), ("chapter2", "QCHARLIE")])
def test_html_quote_body_joins_cjk_lines(built: Built, doc: str, marker: str) -> None:
    """rST and MyST bodies: a source line break between CJK characters is removed."""
    page = parse_html(html_page(built("html"), doc))
    bodies = [q.find("blockquote").raw_text() for q in page.find_all(cls="policynotes-quote")
              if marker in q.text()]
    assert len(bodies) == 1
    assert bodies[0].strip() == QUOTES[marker]


def _our_links(page: Element) -> Iterator[Element]:
    for a in page.find_all("a"):
        classes = {*a.classes, *(c for span in a.find_all("span") for c in span.classes)}
        if classes & OUR_LINK_CLASSES:
            yield a


def test_singlehtml_links_are_anchors_in_the_page(built: Built) -> None:
    page = parse_html(built("singlehtml").outdir / "index.html")
    ids = set(ids_of(page))
    ours = list(_our_links(page))
    assert len(ours) > 20
    broken = sorted({a.attrs.get("href", "") for a in ours
                     if not a.attrs.get("href", "").startswith("#")
                     or a.attrs["href"][1:] not in ids})
    assert broken == []


def test_singlehtml_ids_unique(built: Built) -> None:
    page = parse_html(built("singlehtml").outdir / "index.html")
    ours = [e.attrs["id"] for e in page.iter() if "id" in e.attrs and (
        {"policynotes-quote", "policynotes-commentary", "policynotes-source"} & set(e.classes)
        or any("policynotes-index" in t.classes for t in e.ancestors()))]
    # 6 quotes, 5 commentaries, 2 sources, 6 index rows (5 + 1).
    assert len(ours) == 19
    counts = Counter(ids_of(page))
    assert {i: counts[i] for i in ours if counts[i] != 1} == {}


# -- LaTeX -----------------------------------------------------------------------------


def test_latex_package_and_sty(built: Built) -> None:
    b = built("latex")
    tex = output_text(b)
    preamble = tex.split(r"\begin{document}")[0]
    assert r"\usepackage{sphinxpolicynotes}" in preamble
    shipped = Path(sphinx_policynotes.__file__).parent / "texinputs" / "sphinxpolicynotes.sty"
    assert (b.outdir / "sphinxpolicynotes.sty").read_bytes() == shipped.read_bytes()


def test_latex_index_is_longtable(built: Built) -> None:
    tex = output_text(built("latex"))
    tables = re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}", tex, flags=re.S)
    assert len(tables) == 3  # policyindex: two sources; chapter2: it-2018 only
    assert sum("QALPHA" in t for t in tables) == 1
    assert sum("QFOXTROT" in t for t in tables) == 2


def test_latex_every_hyperref_has_a_label(built: Built) -> None:
    tex = "\n".join(p.read_text(encoding="utf-8")
                    for p in sorted(built("latex").outdir.glob("*.tex")))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    ours = {t for t in targets if re.search(r":(pq|pc|src|pi)-", t)}
    assert len(ours) >= 10
    assert sorted(targets - labels) == []


# -- text, texinfo ---------------------------------------------------------------------


def test_text_index_is_readable(built: Built) -> None:
    """A grid table: the policy, the quote and the notes on it side by side in a row."""
    rows = text_grid_rows(built("text").read("policyindex.txt"))
    by_quote = {re.findall("^[A-Z]*", row[1])[0]: row for row in rows if len(row) == 3}
    assert by_quote["QALPHA"][0] == squeeze("第4章 **方針1-1**")
    assert squeeze(QUOTES["QALPHA"]) in by_quote["QALPHA"][1]
    assert squeeze(NOTES["CALPHA"]) in by_quote["QALPHA"][2]
    assert squeeze(NOTES["CCHARLIE"]) in by_quote["QALPHA"][2]
    assert by_quote["QECHO"][2] == "論評なし"


def test_texinfo_anchors_stand_at_their_targets(built: Built) -> None:
    """Links to a quote, commentary or source land on it, not at the end of the manual."""
    texi = output_text(built("texinfo"))
    data = built("html").export()
    targets = [(q["docname"], q["anchor"], q["text"].split()[0]) for q in data["quotes"]]
    targets += [(c["docname"], c["anchor"], c["text"].split()[0]) for c in data["commentaries"]]
    targets += [(s["docname"], s["anchor"], "SDESCA") for s in data["sources"]
                if s["id"] == "dg-2017"]
    misplaced = []
    for docname, anchor, marker in targets:
        at = texi.find(f"@anchor{{{docname} {anchor}}}")
        text_at = texi.find(marker)
        between = texi[at:text_at] if 0 <= at < text_at else None
        if between is None or "@node" in between:
            misplaced.append(anchor)
    assert misplaced == []
