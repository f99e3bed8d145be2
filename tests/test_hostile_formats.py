"""User text never escapes its format: HTML, LaTeX (and the PDF), text, man, texinfo, JSON.

Hostile text (every TeX special, ``^^5c``, ``\\write18``, ``\\input``,
``\\catcode``, unbalanced braces, HTML tags and entities, roff requests at the
start of a line, texinfo ``@`` commands) is put into every field a user
writes: source title, short title (quote labels), issuer and description,
the chapter label (``policynotes_chapter_format``), the policy key, quote
and commentary bodies and the author, in rST and in MyST. Each field is
bracketed by markers (``ZQ<fmt><field>A`` … ``ZQ<fmt><field>B``), so the
checks can find exactly what the writer made of it:

- HTML: the text of the page holds the field as written; no ``<script>`` or
  stray attribute appears; link titles hold it as attribute text; ``:url:``
  values that are not http(s) after removing whitespace and control
  characters are refused with ``policynotes.bad_url`` and linked nowhere.
- LaTeX: between the markers only escaped characters remain (no raw
  ``\\ { } % & # $ _ ~ ^``), and unescaping gives the field back; one hostile
  document is compiled with LuaLaTeX (latexmk) and the PDF's text, whitespace
  removed, holds every field exactly.
- text: the output holds every field.
- man: no line of user text starts a roff request; groff's rendering holds
  every field.
- texinfo: between the markers ``@``, ``{`` and ``}`` appear only escaped.
- JSON: any generated text round-trips: the export's ``text`` is the plain
  text of what was written, by the contract's whitespace rule.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import strategies as S
from buildutil import build, parse_html, require_tools
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_policynotes.numbering import safe_url

BUILDERS = ("html", "latex", "text", "man", "texinfo")
#: Fields a user writes, by letter.
FIELDS = {"T": "source title", "S": "short title (quote label)", "I": "issuer",
          "D": "source description", "P": "policy key", "Q": "quote body",
          "A": "commentary author", "N": "commentary body", "C": "chapter label"}

# -- hostile text ------------------------------------------------------------------------

ATOMS = [*S.TEX, "<script>alert(1)</script>", "<b", "\">", "' onmouseover='x", "&amp;",
         "&#x09;", "@bye", "@{", "@}", "@c", "@", "\\fB", "\\(aq", "\\-", "``", "''", "--",
         "|", "<<", ">>", "[1]", "*", "?`", "!`", "-", ",", ":", "\"",
         *list("漢字の方針ＡＢ【】"), *list(string.ascii_letters[:10]), "1", "2"]
#: Lines of a body may start with these (man: a request or a control line).
LINE_LEADS = [".", "'", ".TH x", ".sp 100", "'sp", ".\\\"", ".de", "@c", "\\input", "%"]
atom = st.sampled_from(ATOMS)


@st.composite
def hostile(draw: st.DrawFn, max_atoms: int = 6, spaces: bool = True) -> str:
    parts = draw(st.lists(atom, min_size=1, max_size=max_atoms))
    if spaces:
        return " ".join("".join(parts[i:i + 2]) for i in range(0, len(parts), 2))
    return "".join(parts)


@st.composite
def hostile_lines(draw: st.DrawFn) -> list[str]:
    lines = [draw(hostile())]
    for _ in range(draw(st.integers(1, 3))):
        lead = draw(st.sampled_from(LINE_LEADS))
        lines.append(lead + draw(hostile(3)))
    return lines


def policy_text(value: str) -> str:
    """A policy value that the key normalisation leaves as it is."""
    value = "".join(ch for ch in value if not ch.isspace() and ch not in "-【】")
    value = unicodedata.normalize("NFKC", value)
    return "K" + value if not re.fullmatch(r"[0-9]*", value) else "K"


def mark(fmt: str, field: str, text: str) -> str:
    return f"ZQ{fmt}{field}A{text}ZQ{fmt}{field}B"


def hostile_project(values: dict[str, str], body_lines: dict[str, list[str]]) -> S.Project:
    """A project with every field of ``values`` (by field letter) in an rST and a MyST document."""
    docs = []
    for fmt, ext in (("r", "rst"), ("m", "md")):
        def v(field: str, fmt: str = fmt) -> str:
            return mark(fmt, field, values[field])

        def body(field: str, fmt: str = fmt) -> S.Body:
            lines = list(body_lines[field])
            lines[0] = f"ZQ{fmt}{field}A" + lines[0]
            lines[-1] = lines[-1] + f"ZQ{fmt}{field}B"
            return (S.Para(tuple((S.Tok("text", ln),) for ln in lines)),)

        sid = f"evil-{fmt}"
        docs.append(S.Doc(f"doc_{ext}", ext, [
            S.SourceRef(sid, v("T"), v("S"), v("I"), "2020-01-02",
                        "https://example.org/doc.pdf?a=1&b=2", body("D")),
            S.Quote(sid, "4", policy_text(v("P")), "3", f"q-{fmt}", True, False, False,
                    body("Q")),
            S.Note(None, ", ", v("A"), body("N")),
            S.Roles((("source-ref", sid, None), ("ref", f"q-{fmt}", None))),
            S.Index(None),
        ]))
    chapter = "C{}" + mark("x", "C", values["C"]).replace("{", "{{").replace("}", "}}")
    return S.Project(docs=docs, extra_conf={"policynotes_chapter_format": chapter})


def field_values(project: S.Project) -> dict[str, str]:
    """marker key (fmt + field) -> the text as the reader must see it."""
    out: dict[str, str] = {}
    for doc in project.docs:
        fmt = "r" if doc.fmt == "rst" else "m"
        src, quote, note = doc.items[0], doc.items[1], doc.items[2]
        assert isinstance(src, S.SourceRef) and isinstance(quote, S.Quote)
        assert isinstance(note, S.Note)
        for field, value in (("T", src.title), ("S", src.short), ("I", src.issuer),
                             ("A", note.author), ("P", quote.policy)):
            assert value is not None
            out[fmt + field] = inner(value, fmt + field)
        for field, body in (("D", src.body), ("Q", quote.body), ("N", note.body)):
            out[fmt + field] = inner(S.written_text(body), fmt + field)
    chapter = project.extra_conf["policynotes_chapter_format"].format(4)
    out["xC"] = inner(chapter, "xC")
    return out


def inner(text: str, key: str) -> str:
    start, end = f"ZQ{key}A", f"ZQ{key}B"
    return text[text.index(start) + len(start):text.index(end)]


def segments(text: str, key: str) -> list[str]:
    """Every stretch of ``text`` between the markers of ``key``."""
    return re.findall(f"ZQ{key}A(.*?)ZQ{key}B", text, flags=re.S)


def build_all(project: S.Project, base: Path, builders: tuple[str, ...] = BUILDERS,
              **conf: Any) -> dict[str, Any]:
    src = base / "src"
    project.write(src)
    out = {}
    for name in builders:
        b = build(src, name, builddir=base / "build", confoverrides=conf or None)
        for stream in (b.warnings, b.status):
            assert "Traceback" not in stream and "Exception" not in stream, stream
        ours = [ln for ln in b.warnings.splitlines() if "WARNING" in ln
                and "[policynotes.latex_fonts]" not in ln]  # Japanese, no ja-lualatex
        assert not ours, (name, ours)
        out[name] = b
    return out


def read_all(directory: Path, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(directory.glob(pattern)))


# -- per format checks ----------------------------------------------------------------

def check_html(builds: dict[str, Any], values: dict[str, str]) -> None:
    b = builds["html"]
    pages = {p.stem: p.read_text(encoding="utf-8") for p in b.outdir.glob("*.html")}
    for name, raw in pages.items():
        assert "<script>alert" not in raw, name
        page = parse_html(raw)
        scripts = [s.raw_text() for s in page.find_all("script")]
        assert not any("ZQ" in s for s in scripts), name
        # No attribute was broken out of: names are plain HTML ones, none from user text.
        attrs = {k for e in page.iter() for k in e.attrs}
        odd = {k for k in attrs if not re.fullmatch(r"[a-z][a-z0-9_:.-]*", k) or "zq" in k
               or k.startswith("on")}
        assert not odd, (name, odd)
        for e in page.iter():
            for k, v in e.attrs.items():
                if k == "href" and "&search=" in v:
                    # A page link's phrase for the PDF viewer: the quote's own
                    # words, percent-encoded (nothing else breaks out of it).
                    phrase = v.split("&search=", 1)[1]
                    assert re.fullmatch(r"[A-Za-z0-9%._~-]*", phrase), (name, v)
                    v = v.split("&search=", 1)[0]
                # User text is in link titles and in a quote link's popup only.
                if k not in ("title", "data-policynotes-head", "data-policynotes-text"):
                    assert "ZQ" not in v, (name, e.tag, k, v)
    text = S.squeeze(" ".join(parse_html(raw).raw_text() for raw in pages.values()))
    for key, value in values.items():
        assert f"ZQ{key}A" + S.squeeze(value) + f"ZQ{key}B" in text, (key, FIELDS[key[1]])
    # Link titles hold labels and titles as attribute text, unchanged.
    titles = [a.attrs[k] for raw in pages.values() for a in parse_html(raw).find_all("a")
              for k in ("title", "data-policynotes-head", "data-policynotes-text")
              if "ZQ" in a.attrs.get(k, "")]
    assert titles
    for title in titles:
        for key in {m for m in re.findall(r"ZQ(\w\w)A", title)}:
            for seg in segments(title, key):
                assert seg == values[key] or S.squeeze(seg) == S.squeeze(values[key]), (key, seg)
    export = json.loads(b.read("policynotes.json"))
    for src in export["sources"]:
        fmt = src["id"][-1]
        for field, k in (("T", "title"), ("S", "short"), ("I", "issuer")):
            assert src[k] == mark(fmt, field, values[fmt + field]), (k, src[k])


TEX_ESCAPES = [(r"\textbackslash{}", "\\"), (r"\textasciitilde{}", "~"),
               (r"\textasciicircum{}", "^"), (r"\sphinxhyphen{}", "-"), (r"\textless{}", "<"),
               (r"\textgreater{}", ">"), (r"\textbar{}", "|"), (r"\textquotesingle{}", "'"),
               (r"\textasciigrave{}", "`"), (r"\textquotedbl{}", '"'), ("{[}", "["),
               ("{]}", "]"), (r"\{", "{"), (r"\}", "}"), (r"\%", "%"), (r"\&", "&"),
               (r"\#", "#"), (r"\$", "$"), (r"\_", "_")]
TEX_SPECIALS = set("\\{}%&#$_~^")


def unescape(segment: str, escapes: list[tuple[str, str]]) -> tuple[str, str]:
    """(segment with the escapes removed, segment with the escapes turned back)."""
    removed, restored, i = [], [], 0
    while i < len(segment):
        for macro, char in escapes:
            if segment.startswith(macro, i):
                restored.append(char)
                i += len(macro)
                break
        else:
            removed.append(segment[i])
            restored.append(segment[i])
            i += 1
    return "".join(removed), "".join(restored)


def check_latex(builds: dict[str, Any], values: dict[str, str]) -> str:
    tex = read_all(builds["latex"].outdir, "*.tex")
    body = tex.split(r"\begin{document}", 1)[1]
    assert "&search=" not in body  # (the viewer's search phrase: HTML pages only)
    for key, value in values.items():
        segs = segments(body, key)
        assert segs, (key, "does not reach the LaTeX output")
        for seg in segs:
            bare, restored = unescape(seg, TEX_ESCAPES)
            raw = sorted(set(bare) & TEX_SPECIALS)
            assert not raw, (key, FIELDS[key[1]], raw, seg)
            assert S.squeeze(restored) == S.squeeze(value), (key, restored, value)
    assert "^^" not in body
    for word in (r"\write18", r"\catcode", r"\input{"):
        assert word not in body.replace(r"\textbackslash{}", "/"), word
    unescaped = re.sub(r"\\[{}]", "", body)
    assert unescaped.count("{") == unescaped.count("}")
    return tex


def check_text(builds: dict[str, Any], values: dict[str, str]) -> None:
    text = S.squeeze(read_all(builds["text"].outdir, "*.txt"))
    for key, value in values.items():
        assert f"ZQ{key}A" + S.squeeze(value) + f"ZQ{key}B" in text, (key, FIELDS[key[1]])


GROFF_GLYPHS = {"‐": "-", "−": "-", "ˆ": "^", "˜": "~", "’": "'", "‘": "`", "´": "'",
                "“": "``", "”": "''", "\u00ad": ""}


def check_man(builds: dict[str, Any], values: dict[str, str]) -> None:
    pages = sorted(builds["man"].outdir.glob("*.1"))
    man = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for key in values:
        segs = segments(man, key)
        assert segs, (key, "does not reach the man page")
        for seg in segs:
            for line in seg.split("\n")[1:]:
                assert not line.startswith((".", "'")), (key, FIELDS[key[1]], line)
    groff = shutil.which("groff")
    if groff is None:
        print("\n" + "!" * 70 + "\nMAN PAGE NOT RENDERED: groff not found; only the roff "
              "source was checked.\n" + "!" * 70, file=sys.stderr)
        return
    rendered = []
    for page in pages:
        result = subprocess.run([groff, "-k", "-man", "-Tutf8", "-rLL=5000n", "-P-c", "-P-b",
                                 "-P-o", "-P-u", str(page)], capture_output=True, check=True)
        rendered.append(result.stdout.decode("utf-8", "replace"))
    text = "".join(GROFF_GLYPHS.get(ch, ch) for ch in S.squeeze("".join(rendered)))
    for key, value in values.items():
        want = "".join(GROFF_GLYPHS.get(ch, ch) for ch in S.squeeze(value))
        assert f"ZQ{key}A" + want + f"ZQ{key}B" in text, (key, FIELDS[key[1]], want)


TEXI_ESCAPES = [("@w{`}", "`"), ("@w{'}", "'"), ("@comma{}", ","), ("@@", "@"), ("@{", "{"),
                ("@}", "}")]


def check_texinfo(builds: dict[str, Any], values: dict[str, str]) -> None:
    texi = read_all(builds["texinfo"].outdir, "*.texi")
    for key, value in values.items():
        segs = segments(texi, key)
        assert segs, (key, "does not reach the texinfo output")
        for seg in segs:
            bare, restored = unescape(seg, TEXI_ESCAPES)
            assert not set(bare) & set("@{}"), (key, FIELDS[key[1]], seg)
            # Sphinx writes ':' as ';' in @ref arguments (Info node syntax); that is all.
            assert S.squeeze(restored) in (
                S.squeeze(value), S.squeeze(value).replace(":", ";")), (key, seg)


# -- the fixed hostile document, every format, and its PDF ---------------------------------

FIXED_VALUES = {
    "T": r"<script>alert(1)</script>\write18{rm -rf x} \input{/etc/passwd} {unbalanced",
    "S": r"\catcode`\@=11 ^^5c^^5cinput{x} %&#$_~^ }{",
    "I": r"@bye @{ @} }unbalanced ' onmouseover='x",
    "A": r"\def\x{\x}\x ^^M %author{ <b>",
    "P": r"\input{x}%^^5c{&#_~$}",
    "C": r"\catcode%{ ^^5c } & #",
}
FIXED_LINES = {
    "D": [r"\write18{x} \catcode`\{=12 %&#$_~^{", r".TH evil", r"'sp 100 }"],
    "Q": [r"\input{/etc/passwd} \write18{rm -rf /} \catcode`\%=12 ^^5c^^5c",
          "日本語のＡＢＣ【方針１－１】 {unbalanced %&#$_~^",
          r".sp 100 \fB bold", r"'br ``q'' -- --- @c @bye @{}@@", r"\par\end{document}}"],
    "N": [r"\catcode`\}=1 }}} <script>alert(1)</script>", ".de xx", r"'\" comment ^^5c"],
}


def fixed_project() -> S.Project:
    return hostile_project(FIXED_VALUES, FIXED_LINES)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("hostile")
    project = fixed_project()
    return {"builds": build_all(project, base), "values": field_values(project),
            "base": base}


def test_fixed_html(fixed: dict[str, Any]) -> None:
    check_html(fixed["builds"], fixed["values"])


def test_fixed_latex(fixed: dict[str, Any]) -> None:
    check_latex(fixed["builds"], fixed["values"])


def test_fixed_text(fixed: dict[str, Any]) -> None:
    check_text(fixed["builds"], fixed["values"])


def test_fixed_man(fixed: dict[str, Any]) -> None:
    check_man(fixed["builds"], fixed["values"])


def test_fixed_texinfo(fixed: dict[str, Any]) -> None:
    check_texinfo(fixed["builds"], fixed["values"])


def test_fixed_json(fixed: dict[str, Any]) -> None:
    export = json.loads(fixed["builds"]["html"].read("policynotes.json"))
    by_doc = {q["docname"]: q for q in export["quotes"]}
    for fmt, doc in (("r", "doc_rst"), ("m", "doc_md")):
        quote = by_doc[doc]
        want = S.contract_plain("\n".join(FIXED_LINES["Q"]))
        assert quote["text"] == f"ZQ{fmt}QA{want}ZQ{fmt}QB"
        assert quote["policy"] == policy_text(mark(fmt, "P", FIXED_VALUES["P"]))
        note = next(c for c in export["commentaries"] if c["docname"] == doc)
        assert note["author"] == mark(fmt, "A", FIXED_VALUES["A"])
        want = S.contract_plain("\n".join(FIXED_LINES["N"]))
        assert note["text"] == f"ZQ{fmt}NA{want}ZQ{fmt}NB"


PDF_TOOLS = ("latexmk", "lualatex", "pdftotext")


def test_fixed_pdf_text_is_the_input(tmp_path: Path) -> None:
    """Compile the hostile document with LuaLaTeX; the PDF's text is the input text."""
    require_tools(PDF_TOOLS, "PDF")
    project = fixed_project()
    project.extra_conf.update({
        "policynotes_latex_preset": "ja-lualatex",
        "latex_documents": [("index", "hostile.tex", "Hostile", "Tester", "howto")],
        # No hyphenation: pdftotext would show the hyphens it adds.
        "latex_elements": {"preamble": r"\hyphenpenalty=10000 \exhyphenpenalty=10000"},
    })
    (tmp_path / "src").mkdir()
    project.write(tmp_path / "src")
    index = tmp_path / "src" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(
        ".. toctree::", ".. toctree::\n   :maxdepth: 1"), encoding="utf-8")
    b = build(tmp_path / "src", "latex", builddir=tmp_path / "build")
    assert "WARNING" not in b.warnings, b.warnings
    run = subprocess.run(["latexmk", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode",
                          "hostile.tex"], cwd=b.outdir, capture_output=True, timeout=600)
    pdf = b.outdir / "hostile.pdf"
    log = (b.outdir / "hostile.log").read_text(encoding="utf-8", errors="replace")
    assert pdf.is_file(), (run.returncode, log[-3000:])
    assert "! " not in "".join(ln[:2] for ln in log.splitlines()), \
        [ln for ln in log.splitlines() if ln.startswith("! ")]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    shown = S.squeeze(text)
    values = field_values(project)
    for key, value in values.items():
        assert f"ZQ{key}A" + S.squeeze(value) + f"ZQ{key}B" in shown, (key, FIELDS[key[1]], value)
    print(f"\nhostile PDF: {len(values)} fields found exactly in {pdf}")


# -- generated hostile text, every format ---------------------------------------------------


@st.composite
def hostile_inputs(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, list[str]]]:
    values = {f: draw(hostile()) for f in ("T", "S", "I", "A", "C")}
    values["P"] = draw(hostile(spaces=False))
    lines = {f: draw(hostile_lines()) for f in ("D", "Q", "N")}
    return values, lines


@settings(max_examples=S.examples(4, 100))
@given(hostile_inputs())
def test_generated_hostile_text_in_every_format(inputs: Any) -> None:
    values, lines = inputs
    project = hostile_project(values, lines)
    with tempfile.TemporaryDirectory() as tmp:
        builds = build_all(project, Path(tmp))
        vals = field_values(project)
        check_html(builds, vals)
        check_latex(builds, vals)
        check_text(builds, vals)
        check_man(builds, vals)
        check_texinfo(builds, vals)


# -- HTML: :url: only http(s) ----------------------------------------------------------------

REFUSED_URLS = ["JaVaScRiPt:alert(1)", " javascript:alert(1)", "java&#x09;script:alert(1)",
                "data:text/html,<script>alert(1)</script>", "java\tscript:alert(1)",
                "\x01javascript:alert(1)", "jav\u200bascript:alert(1)", "vbscript:msgbox(1)",
                "javascript://example.org/%0aalert(1)", "//example.org/x", "https:example.org",
                "https:///x", "ftp://example.org/x", "file:///etc/passwd", "\u3000data:,x",
                "ＨＴＴＰＳ://example.org/"]
ACCEPTED_URLS = {"https://example.org/a.pdf": "https://example.org/a.pdf",
                 "HTTP://EXAMPLE.ORG/x?a=1&b=2": "HTTP://EXAMPLE.ORG/x?a=1&b=2",
                 " https://example.org/ a b ": "https://example.org/ab"}


def test_urls_refused_and_accepted(tmp_path: Path) -> None:
    items: list[S.Item] = []
    urls = [*REFUSED_URLS, *ACCEPTED_URLS]
    for n, url in enumerate(urls):
        items.append(S.SourceRef(f"s{n}", f"Title {n}", None, None, None, url, ()))
        items.append(S.Quote(f"s{n}", "1", "1-1", "5", None, True, False, False,
                             (S.Para(((S.Tok("text", f"quote {n}"),),)),)))
    docs = [S.Doc("urls", "rst", items[:len(items) // 2]),
            S.Doc("urls_md", "md", items[len(items) // 2:])]
    src = tmp_path / "src"
    S.Project(docs=docs).write(src)
    b = build(src, "html", builddir=tmp_path / "build")
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", b.warnings)
    export = {s["id"]: s for s in json.loads(b.read("policynotes.json"))["sources"]}
    pages = "".join(p.read_text(encoding="utf-8") for p in b.outdir.glob("*.html"))
    hrefs = [a.attrs.get("href", "") for a in parse_html(pages).find_all("a")]
    for n, url in enumerate(urls):
        want = ACCEPTED_URLS.get(url)
        assert export[f"s{n}"]["url"] == want, (url, export[f"s{n}"]["url"])
        if want is None:
            # A located warning that names the source and the refused value.
            line = next((ln for ln in warnings.splitlines() if f"source-ref 's{n}'" in ln
                         and ln.endswith("[policynotes.bad_url]")), None)
            assert line is not None, url
            assert re.match(r"^\S.*\.(rst|md):\d+: WARNING: ", line), line
            # (rST expands a tab of an option line to spaces)
            shown = [repr(url.strip().replace("\t", " " * k)) for k in range(9)]
            assert repr(url.strip()) in line or any(v in line for v in shown), (url, line)
        else:
            assert want in hrefs and any(h.startswith(f"{want}#page=5&search=")
                                         for h in hrefs), url
    for href in hrefs:
        scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", href)
        if scheme:
            assert scheme.group(1).lower() in ("http", "https", "mailto"), href
    assert warnings.count("[policynotes.bad_url]") == len(REFUSED_URLS)


_INVISIBLE = st.sampled_from([" ", "\t", "\n", "\x00", "\x01", "\x1f", "\x7f", "\u200b",
                              "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3000", "\u00a0"])


@settings(max_examples=S.examples(300, 5000))
@given(st.lists(st.one_of(st.sampled_from(["java", "script", "JaVa", "ScRiPt", "data", "http",
                                           "https", "HTTPS", "vb", ":", "//", "/", "&#x09;",
                                           "example.org", "@", "%0a", "\\"]),
                          _INVISIBLE, st.text(max_size=3)), max_size=10).map("".join))
def test_safe_url_only_http_after_removing_invisibles(value: str) -> None:
    url = safe_url(value)
    visible = "".join(ch for ch in value if not ch.isspace()
                      and unicodedata.category(ch) not in ("Cc", "Cf"))
    if url is None:
        # Refused: then it is not a plain http(s) URL with a host.
        assert not re.fullmatch(r"(?i)https?://[a-z0-9.-]+([/?#][^\\@]*)?", visible), visible
        return
    assert re.match(r"(?i)https?://", url), url
    assert not any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url)
    assert re.match(r"(?i)https?://", visible), (value, url)


# -- JSON: any input round-trips ---------------------------------------------------------------


@st.composite
def roundtrip_projects(draw: st.DrawFn) -> S.Project:
    fmt = draw(st.sampled_from(["rst", "md"]))
    note_body = draw(S.nonempty_bodies)
    quote_body = draw(S.nonempty_bodies)
    cleaned_body = draw(S.nonempty_bodies)
    title = draw(S.single_line)
    return S.Project(
        docs=[S.Doc("doc", fmt, [
            S.SourceRef("src", title, draw(S.single_line), draw(S.single_line), None, None, ()),
            S.Quote(None, None, None, None, None, True, False, False, quote_body),
            S.Quote(None, None, None, None, None, False, False, False, cleaned_body),
            S.Note(None, ", ", draw(S.single_line), note_body),
        ])], clean_text=True)


@settings(max_examples=S.examples(10, 300))
@given(roundtrip_projects())
def test_json_roundtrips_any_text(project: S.Project) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        project.write(src)
        b = build(src, "html", builddir=Path(tmp) / "build")
        raw = b.read("policynotes.json")
    export = json.loads(raw)
    assert json.loads(json.dumps(export, ensure_ascii=True)) == export
    items = project.docs[0].items
    src_item, verbatim, cleaned, note = items
    assert isinstance(src_item, S.SourceRef) and isinstance(note, S.Note)
    assert isinstance(verbatim, S.Quote) and isinstance(cleaned, S.Quote)
    (source,) = export["sources"]
    assert (source["title"], source["short"], source["issuer"]) == (
        src_item.title, src_item.short, src_item.issuer)
    # Same source, chapter and policy (none): the export keeps the page's order.
    first, second = export["quotes"]
    assert first["text"] == S.contract_plain(S.written_text(verbatim.body))
    assert S.squeeze(second["text"]) == S.squeeze(S.cleaned_text(cleaned.body))
    (comment,) = export["commentaries"]
    assert comment["author"] == note.author
    assert comment["text"] == S.contract_plain(S.written_text(note.body))
