"""Hypothesis strategies that write whole Sphinx projects using sphinx-policynotes.

A generated :class:`Project` is a model: documents in rST or MyST holding
``source-ref``, ``policy-quote``, ``commentary``, ``policy-index`` and
paragraphs with our roles, with valid and invalid option values and bodies of
hostile Unicode text (CJK, full-width, combining marks, right-to-left,
emoji, control and format characters, the ideographic space, TeX, HTML and
roff specials, very long lines) in paragraphs, lists, tables, code blocks and
block quotes. :meth:`Project.write` renders it to files; :func:`expected_export`
says, from the interface contract alone, what ``policynotes.json`` must hold.

Text is written so that it means itself: every ASCII punctuation character of
user text is backslash-escaped (rST and MyST both read ``\\*`` as ``*``), and
MyST option values are double-quoted YAML strings. What the parsers
themselves drop (docutils and markdown-it strip Unicode whitespace at the
start and end of a line) is not generated: that is not the extension's doing.

Profiles: ``ci`` (default; small, derandomized, so CI is reproducible) and
``long`` (``POLICYNOTES_HYPOTHESIS=long``; many more examples, random seed).
"""

from __future__ import annotations

import json
import os
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# -- profiles -------------------------------------------------------------------

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large,
           HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much]
#: CI does not shrink a failure (that can take minutes); the long profile does.
settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True,
                          suppress_health_check=_HEALTH, print_blob=True, database=None,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.register_profile("long", max_examples=400, deadline=None, derandomize=False,
                          suppress_health_check=_HEALTH, print_blob=True, database=None)
PROFILE = os.environ.get("POLICYNOTES_HYPOTHESIS", "ci")
settings.load_profile(PROFILE)
LONG = PROFILE == "long"


def examples(ci: int, long: int) -> int:
    """``max_examples`` for one property: ``ci`` by default, ``long`` in the long profile."""
    return long if LONG else ci


# -- characters -------------------------------------------------------------------

CJK = "漢字政策方針推進行政手続業務改革官民協働検討必要あいうえおかきくけこアイウエオカタカナ、。「」『』（）・〜ー"
FULLWIDTH = "ＡＢＣａｂｃ０１２３４５６７８９－＋＝！？＃＄％＆＠［］｛｝＜＞＼"
HALFWIDTH = "ｶﾀｶﾅﾞﾟ･"
#: Kangxi radical U+2F45, U+2F8F; compatibility ideographs U+F91D, U+FA11 (kept), U+2F800.
COMPAT = ["\u2f45", "\u2f8f", "\uf91d", "\ufa11", "\U0002f800"]
COMBINING = ["e\u0301", "a\u0308\u0323", "か\u3099", "\u0915\u094d\u0937", "n\u0303"]
RTL = ["שלום", "مرحبا", "\u200f", "\u202b", "\u202e", "\u2067", "\u05d0\u05b8"]
EMOJI = ["😀", "👨\u200d👩\u200d👧", "🇯🇵", "🏳\ufe0f\u200d🌈", "1\ufe0f\u20e3", "🀄", "👍🏽"]
#: Control and format characters that are not line breaks for any parser
#: (no NUL, CR, VT, FF, U+001C-U+001E, U+0085, U+2028, U+2029).
CONTROL = ["\x01", "\x07", "\x08", "\x1b", "\x1f", "\x7f", "\x80", "\x9f", "\u200b",
           "\u200d", "\u2060", "\ufeff", "\u00ad", "\u061c"]
#: Unicode spaces that are not ASCII whitespace: inside a line only.
INNER_SPACES = ["\u3000", "\u00a0", "\u2003", "\u202f"]
TEX = ["\\write18", "\\input{x}", "\\catcode", "^^5c", "^^M", "\\def\\x{}", "%", "#", "{", "}",
       "~", "$", "&", "_", "\\", "\\\\", "\\par", "\\end{document}"]
HTML = ["<script>", "</div>", "&amp;", "&#x09;", '"', "'", "<!--", "]]>", "javascript:"]
ROFF = [".", "'", "\\fB", ".TH", "\\(aq"]
TEXINFO = ["@", "@bye", "@{", "@}", "@c"]
LATIN = list(string.ascii_letters + string.digits)
PUNCT = list(string.punctuation)

_VISIBLE_ATOMS = (list(CJK) + list(FULLWIDTH) + list(HALFWIDTH) + COMPAT + COMBINING + RTL
                  + EMOJI + CONTROL + TEX + HTML + ROFF + TEXINFO + LATIN * 2 + PUNCT)
#: rST reads these at the start of a line as bullets; escaped like ASCII punctuation.
_RST_BULLETS = "•‣⁃"


def _word_ok(word: str) -> bool:
    """No whitespace at the edges (parsers strip it), no ASCII whitespace inside."""
    return bool(word) and not word[0].isspace() and not word[-1].isspace() and not any(
        ch in " \t\n\r\x0b\x0c" for ch in word)


atoms = st.sampled_from(_VISIBLE_ATOMS)
inner_space = st.sampled_from(INNER_SPACES)
cjk_words = st.text(alphabet=st.sampled_from(CJK), min_size=1, max_size=12)
latin_words = st.text(alphabet=st.sampled_from(LATIN), min_size=1, max_size=10)


@st.composite
def hostile_words(draw: st.DrawFn, max_atoms: int = 8) -> str:
    """A run of text without ASCII whitespace; Unicode spaces only inside."""
    parts = draw(st.lists(st.one_of(atoms, atoms, atoms, inner_space), min_size=1,
                          max_size=max_atoms))
    word = "".join(parts)
    if not _word_ok(word):
        word = "x" + word.strip() + "x"
        word = "".join(ch for ch in word if ch not in " \t\n\r\x0b\x0c")
    return word


words = st.one_of(hostile_words(), cjk_words, latin_words)
#: Emphasis and strong hold plain words only: rST and CommonMark have
#: different rules for markup next to punctuation.
markup_words = st.one_of(cjk_words, latin_words)
#: Inline code: no backticks, no whitespace at the edges.
code_words = hostile_words().map(lambda w: w.replace("`", "'")).filter(_word_ok)


def squeeze(text: str) -> str:
    """Text without any whitespace: compares text that writers wrap differently."""
    return "".join(text.split())


# -- the body model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tok:
    """One token of a line: ``text``, ``em``, ``strong`` or ``code``."""

    kind: str
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph: lines of tokens, tokens separated by ``seps``."""

    lines: tuple[tuple[Tok, ...], ...]
    seps: str = " "

    def line_text(self, line: tuple[Tok, ...]) -> str:
        return self.seps.join(t.text for t in line)

    def text(self) -> str:
        return "\n".join(self.line_text(line) for line in self.lines)


@dataclass(frozen=True)
class Items:
    ordered: bool
    items: tuple[Para, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Para, ...], ...]


@dataclass(frozen=True)
class Code:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class BlockQuote:
    paras: tuple[Para, ...]


Block = Para | Items | Table | Code | BlockQuote
Body = tuple[Block, ...]


def block_text(block: Block) -> str:
    """The plain text of a block as written (before the whitespace rule)."""
    if isinstance(block, Para):
        return block.text()
    if isinstance(block, Items):
        return "\n\n".join(p.text() for p in block.items)
    if isinstance(block, Table):
        return "\n\n".join(p.text() for row in block.rows for p in row)
    if isinstance(block, Code):
        return "\n".join(block.lines)
    return "\n\n".join(p.text() for p in block.paras)


def body_units(body: Body) -> list[tuple[str, bool]]:
    """Each smallest text unit of a body (paragraph, item, cell, code line) and
    whether it is verbatim (code)."""
    out: list[tuple[str, bool]] = []
    for block in body:
        if isinstance(block, Para):
            out.append((block.text(), False))
        elif isinstance(block, Items):
            out += [(p.text(), False) for p in block.items]
        elif isinstance(block, Table):
            out += [(p.text(), False) for row in block.rows for p in row]
        elif isinstance(block, Code):
            out += [(line, True) for line in block.lines]
        else:
            out += [(p.text(), False) for p in block.paras]
    return out


def written_text(body: Body) -> str:
    return "\n\n".join(block_text(b) for b in body)


def _unify_para(para: Para) -> Para:
    return Para(tuple(tuple(t if t.kind == "code" else Tok(t.kind, unify(t.text)) for t in line)
                      for line in para.lines), para.seps)


def cleaned_text(body: Body) -> str:
    """``written_text`` with compatibility ideographs unified outside code (cleaning rule
    5); cleaning changes nothing else but whitespace, so compare squeezed."""
    return written_text(cleaned_body(body))


def cleaned_body(body: Body) -> Body:
    """The body with cleaning rule 5 applied outside code."""
    out: list[Block] = []
    for block in body:
        if isinstance(block, Para):
            out.append(_unify_para(block))
        elif isinstance(block, Items):
            out.append(Items(block.ordered, tuple(_unify_para(p) for p in block.items)))
        elif isinstance(block, Table):
            out.append(Table(tuple(tuple(_unify_para(p) for p in row) for row in block.rows)))
        elif isinstance(block, BlockQuote):
            out.append(BlockQuote(tuple(_unify_para(p) for p in block.paras)))
        else:
            out.append(block)
    return tuple(out)


# -- the contract's whitespace rule, written independently --------------------------------

_RUN = re.compile(r"[ \t\n\r\x0b\x0c]+")


def wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def contract_plain(text: str) -> str:
    """The contract's ``text``: a run of ASCII whitespace holding exactly one line
    break between two East-Asian-wide characters vanishes; every other run is one
    space; the ends are stripped. U+3000 and other Unicode spaces stay."""
    out: list[str] = []
    pos = 0
    for match in _RUN.finditer(text):
        out.append(text[pos:match.start()])
        run = match.group()
        breaks = run.count("\n") + run.count("\r") - run.count("\r\n")
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if breaks == 1 and before and after and wide(before) and wide(after):
            pass
        else:
            out.append(" ")
        pos = match.end()
    out.append(text[pos:])
    return "".join(out).strip(" ")


def unify(text: str) -> str:
    """Compatibility ideographs and radicals to unified ideographs (cleaning rule 5)."""
    blocks = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
    out = []
    for ch in text:
        if any(lo <= ord(ch) <= hi for lo, hi in blocks):
            mapped = unicodedata.normalize("NFKC", ch)
            out.append(mapped if len(mapped) == 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


# -- body strategies ---------------------------------------------------------------------


@st.composite
def tokens(draw: st.DrawFn, allow_markup: bool = True) -> Tok:
    kind = draw(st.sampled_from(["text"] * 6 + (["em", "strong", "code"] if allow_markup else [])))
    if kind == "text":
        return Tok("text", draw(words))
    if kind == "code":
        return Tok("code", draw(code_words))
    return Tok(kind, draw(markup_words))


@st.composite
def paras(
    draw: st.DrawFn, max_lines: int = 4, allow_markup: bool = True, long: bool = True
) -> Para:
    n = draw(st.integers(1, max_lines))
    lines = []
    for _ in range(n):
        line = draw(st.lists(tokens(allow_markup), min_size=1, max_size=6))
        if long and draw(st.integers(0, 30)) == 0:  # now and then a very long line
            line = [*line, Tok("text", draw(cjk_words) * 40), Tok("text", "x" * 600)]
        lines.append(tuple(line))
    seps = draw(st.sampled_from([" ", " ", " ", "\t", "  "]))
    return Para(tuple(lines), seps)


#: Code lines: no backticks (MyST fences); no BOM first (Pygments drops a leading U+FEFF).
code_lines = hostile_words().map(lambda w: w.replace("`", "'").lstrip("\ufeff")).filter(_word_ok)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["p", "p", "p", "items", "table", "code", "quote"]))
    if kind == "p":
        return draw(paras())
    if kind == "items":
        return Items(draw(st.booleans()),
                     tuple(draw(st.lists(paras(2, long=False), min_size=1, max_size=3))))
    if kind == "table":
        cols = draw(st.integers(1, 3))
        rows = draw(st.lists(st.tuples(*[paras(2, allow_markup=False, long=False)] * cols),
                             min_size=1, max_size=3))
        return Table(tuple(rows))
    if kind == "code":
        return Code(tuple(draw(st.lists(code_lines, min_size=1, max_size=3))))
    return BlockQuote(tuple(draw(st.lists(paras(2, long=False), min_size=1, max_size=2))))


bodies = st.lists(blocks(), min_size=0, max_size=3).map(tuple)
nonempty_bodies = st.lists(blocks(), min_size=1, max_size=3).map(tuple)


# -- rendering: rST -----------------------------------------------------------------


def rst_escape(text: str) -> str:
    return "".join("\\" + ch if ch in string.punctuation or ch in _RST_BULLETS else ch
                   for ch in text)


def _token(tok: Tok, escape: Callable[[str], str], code: str) -> str:
    """A token in rST or Markdown: the two differ in escaping and code marks."""
    if tok.kind == "text":
        return escape(tok.text)
    mark = {"em": "*", "strong": "**"}.get(tok.kind, code)
    return f"{mark}{tok.text}{mark}"


def rst_token(tok: Tok) -> str:
    return _token(tok, rst_escape, "``")


def rst_para(para: Para, indent: str, first: str = "", rest: str = "") -> list[str]:
    out = []
    for i, line in enumerate(para.lines):
        lead = first if i == 0 else rest
        out.append(indent + lead + para.seps.join(rst_token(t) for t in line))
    return out


def rst_block(block: Block, indent: str) -> list[str]:
    if isinstance(block, Para):
        return rst_para(block, indent)
    if isinstance(block, Items):
        out: list[str] = []
        for item in block.items:
            mark = "#. " if block.ordered else "* "
            out += rst_para(item, indent, mark, " " * len(mark))
        return out
    if isinstance(block, Table):
        out = [indent + ".. list-table::", ""]
        for row in block.rows:
            for j, cell in enumerate(row):
                mark = "* - " if j == 0 else "  - "
                out += rst_para(cell, indent + "   ", mark, "    ")
        return out
    if isinstance(block, Code):
        return [indent + ".. code-block:: text", ""] + [indent + "   " + ln for ln in block.lines]
    # An empty comment ends a list or code block before it: without it the
    # indented quote would continue them.
    out = [indent + "..", ""]
    for i, para in enumerate(block.paras):
        if i:
            out.append("")
        out += rst_para(para, indent + "   ")
    return out


def rst_body(body: Body, indent: str) -> list[str]:
    out: list[str] = []
    for block in body:
        out.append("")
        out += rst_block(block, indent)
    return out


# -- rendering: MyST ----------------------------------------------------------------


def md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


def md_token(tok: Tok) -> str:
    return _token(tok, md_escape, "`")


def md_para(para: Para, first: str = "", rest: str = "") -> list[str]:
    return [(first if i == 0 else rest) + para.seps.join(md_token(t) for t in line)
            for i, line in enumerate(para.lines)]


def md_block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return md_para(block)
    if isinstance(block, Items):
        out: list[str] = []
        for n, item in enumerate(block.items, 1):
            mark = f"{n}. " if block.ordered else "- "
            out += md_para(item, mark, " " * len(mark))
        return out
    if isinstance(block, Table):
        out = ["```{list-table}"]
        for row in block.rows:
            for j, cell in enumerate(row):
                out += md_para(cell, "* - " if j == 0 else "  - ", "    ")
        return [*out, "```"]
    if isinstance(block, Code):
        return ["```text", *block.lines, "```"]
    out = []
    for i, para in enumerate(block.paras):
        if i:
            out.append(">")
        out += ["> " + line for line in md_para(para)]
    return out


def md_body(body: Body) -> list[str]:
    out: list[str] = []
    for block in body:
        out.append("")
        out += md_block(block)
    return out


def yaml_quote(value: str) -> str:
    """A double-quoted YAML scalar (MyST directive options) that reads back as ``value``."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif not ch.isprintable() or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# -- option values with what the contract says they mean -------------------------------

#: :chapter: as written -> the chapter number (None: refused, warns bad_chapter).
CHAPTERS = {"4": 4, "４": 4, "第4章": 4, "第４章": 4, "第四章": 4, "第十二章": 12, "1": 1,
            "第一章": 1, "2": 2, "第２章": 2, "10": 10,
            "abc": None, "第章": None, "0": None, "-1": None, "<b>4</b>": None,
            "\\input{x}": None}
#: :policy: as written -> key (prefix 方針).
POLICIES = {"1-1": "方針1-1", "１－１": "方針1-1", "方針1-1": "方針1-1",
            "【方針１－１】": "方針1-1", "方針１‐１": "方針1-1", "方針1ー1": "方針1-1",
            "1−1": "方針1-1", "背景２": "背景2", "（１）": "(1)", "1-10": "方針1-10",
            "1-2": "方針1-2", "1": "方針1", "2": "方針2", "方針 2": "方針2",
            "<i>x</i>": "<i>x</i>", "\\catcode": "\\catcode", "^^5c": "^^5c",
            "a&b": "a&b", "{": "{", "@x": "@x"}
#: :page: as written -> page number (None: refused, warns bad_page).
PAGES = {"5": 5, "５": 5, "12": 12, "1": 1, "0": None, "-3": None, "abc": None, "五": None,
         "5.5": None}
#: :date: as written -> exported date (None: refused, warns bad_date).
DATES = {"2017": "2017", "2017-05": "2017-05", "2017-05-30": "2017-05-30",
         "2017-13-01": None, "2017-02-30": None, "17-05": None, "May 2017": None,
         "2017/05/30": None}
#: :url: as written -> exported url (None: refused, warns bad_url).
URLS = {"https://example.org/a.pdf": "https://example.org/a.pdf",
        "http://example.org/x?a=1&b=2": "http://example.org/x?a=1&b=2",
        "HTTPS://EXAMPLE.ORG/%7Bx%7D#frag": "HTTPS://EXAMPLE.ORG/%7Bx%7D#frag",
        "JaVaScRiPt:alert(1)": None, " javascript:alert(1)": None,
        "java&#x09;script:alert(1)": None, "java\tscript:alert(1)": None,
        "data:text/html,<script>alert(1)</script>": None, "vbscript:msgbox(1)": None,
        "//example.org/x": None, "ftp://example.org/x": None, "https:///x": None,
        "file:///etc/passwd": None}
SOURCE_IDS = ["dg-2017", "it", "クラウド", "a&b<c>"]
NAMES = ["bpr", "once", "Cloud-First", "名前", "q_1"]


def norm_name(name: str) -> str:
    return " ".join(name.lower().split())


# -- the project model ------------------------------------------------------------------


@dataclass
class SourceRef:
    id: str | None
    title: str | None
    short: str | None
    issuer: str | None
    date: str | None
    url: str | None
    body: Body


@dataclass
class Quote:
    source: str | None
    chapter: str | None
    policy: str | None
    page: str | None
    name: str | None
    verbatim: bool
    unknown_option: bool
    label: bool
    body: Body


@dataclass
class Note:
    on: tuple[str, ...] | None
    on_sep: str
    author: str | None
    body: Body


@dataclass
class Index:
    sources: tuple[str, ...] | None


@dataclass
class Roles:
    refs: tuple[tuple[str, str, str | None], ...]  # (role, target, explicit title)


Item = SourceRef | Quote | Note | Index | Roles


@dataclass
class Doc:
    name: str
    fmt: str  # "rst" | "md"
    items: list[Item]

    @property
    def filename(self) -> str:
        return self.name + (".rst" if self.fmt == "rst" else ".md")


@dataclass
class Project:
    docs: list[Doc]
    language: str = "ja"
    default_source: str | None = None
    default_author: str | None = None
    clean_text: bool = True
    extra_conf: dict[str, Any] = field(default_factory=dict)

    # -- files --

    def conf_py(self) -> str:
        lines = [
            '"""A generated project (tests/strategies.py)."""',
            'project = "Generated"',
            'author = "Tester"',
            'copyright = "2026, Tester"',
            'version = release = "1.0"',
            f"language = {self.language!r}",
            'extensions = ["myst_parser", "sphinx_policynotes"]',
            'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}',
            'myst_enable_extensions = ["colon_fence"]',
            'exclude_patterns = ["_build"]',
            "smartquotes = False",
            f"policynotes_default_source = {self.default_source!r}",
            f"policynotes_default_author = {self.default_author!r}",
            f"policynotes_clean_text = {self.clean_text!r}",
        ]
        lines += [f"{k} = {v!r}" for k, v in self.extra_conf.items()]
        return "\n".join(lines) + "\n"

    def index_rst(self) -> str:
        names = [d.name for d in self.docs if d.name != "index"]
        return ("Generated\n=========\n\n.. toctree::\n\n"
                + "".join(f"   {n}\n" for n in names))

    def write(self, srcdir: Path) -> None:
        srcdir.mkdir(parents=True, exist_ok=True)
        (srcdir / "conf.py").write_text(self.conf_py(), encoding="utf-8")
        if not any(d.name == "index" for d in self.docs):
            (srcdir / "index.rst").write_text(self.index_rst(), encoding="utf-8")
        for doc in self.docs:
            path = srcdir / doc.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_doc(doc, self), encoding="utf-8")

    def all_docnames(self) -> list[str]:
        names = {d.name for d in self.docs} | {"index"}
        return sorted(names)


def _rst_options(opts: list[tuple[str, str | None]]) -> list[str]:
    return [f"   :{k}: {v}" if v is not None else f"   :{k}:" for k, v in opts]


def _md_options(opts: list[tuple[str, str | None]]) -> list[str]:
    return [f":{k}: {yaml_quote(v)}" if v is not None else f":{k}:" for k, v in opts]


def item_options(item: Item) -> tuple[str, str, list[tuple[str, str | None]], Body]:
    """(directive, argument, options, body) of a directive item."""
    opts: list[tuple[str, str | None]]
    if isinstance(item, SourceRef):
        opts = [(k, v) for k, v in (("title", item.title), ("short", item.short),
                                    ("issuer", item.issuer), ("date", item.date),
                                    ("url", item.url)) if v is not None]
        return "source-ref", item.id or "", opts, item.body
    if isinstance(item, Quote):
        opts = [(k, v) for k, v in (("source", item.source), ("chapter", item.chapter),
                                    ("policy", item.policy), ("page", item.page),
                                    ("name", item.name)) if v is not None]
        if item.verbatim:
            opts.append(("verbatim", None))
        if item.unknown_option:
            opts.append(("colour", "red"))
        return "policy-quote", "", opts, item.body
    if isinstance(item, Note):
        opts = []
        if item.on is not None:
            opts.append(("on", item.on_sep.join(item.on)))
        if item.author is not None:
            opts.append(("author", item.author))
        return "commentary", "", opts, item.body
    assert isinstance(item, Index)
    opts = [("source", ", ".join(item.sources))] if item.sources is not None else []
    return "policy-index", "", opts, ()


def _role_rst(role: str, target: str, title: str | None) -> str:
    inner = f"{rst_escape(title)} <{target}>" if title else target
    return f":{role}:`{inner}`"


def _role_md(role: str, target: str, title: str | None) -> str:
    inner = f"{md_escape(title)} <{target}>" if title else target
    return f"{{{role}}}`{inner}`"


def render_doc(doc: Doc, project: Project) -> str:
    title = f"Document {doc.name}"
    lines: list[str]
    lines = [title, "=" * (2 * len(title))] if doc.fmt == "rst" else [f"# {title}"]
    for n, item in enumerate(doc.items):
        lines.append("")
        if isinstance(item, Roles):
            render = _role_rst if doc.fmt == "rst" else _role_md
            lines.append("See " + " and ".join(render(*ref) for ref in item.refs) + ".")
            continue
        if isinstance(item, Quote) and item.label:
            label = f"lbl-{doc.name.replace('/', '-')}-{n}"
            lines += [f".. _{label}:" if doc.fmt == "rst" else f"({label})=", ""]
        name, arg, opts, body = item_options(item)
        if doc.fmt == "rst":
            lines.append(f".. {name}::" + (f" {arg}" if arg else ""))
            lines += _rst_options(opts)
            lines += rst_body(body, "   ")
        else:
            inner = md_body(body)
            fence = "`" * (4 if any(ln.startswith("```") for ln in inner) else 3)
            lines.append(f"{fence}{{{name}}}" + (f" {arg}" if arg else ""))
            lines += _md_options(opts)
            lines += inner
            lines.append(fence)
    return "\n".join(lines) + "\n"


# -- project strategies ------------------------------------------------------------

single_line = hostile_words(max_atoms=10)
opt_text = st.one_of(single_line, cjk_words, st.just("<script>alert(1)</script>"),
                     st.just("\\input{/etc/passwd} % & # _ { } ~ ^^5c"))


@st.composite
def source_refs(draw: st.DrawFn) -> SourceRef:
    sid = draw(st.one_of(st.sampled_from(SOURCE_IDS), st.sampled_from(SOURCE_IDS), st.none()))
    return SourceRef(
        id=sid,
        title=draw(st.one_of(opt_text, opt_text, st.none())),
        short=draw(st.one_of(opt_text, st.none())),
        issuer=draw(st.one_of(opt_text, st.none())),
        date=draw(st.one_of(st.sampled_from(sorted(DATES)), st.none())),
        url=draw(st.one_of(st.sampled_from(sorted(URLS)), st.none())),
        body=draw(st.one_of(st.just(()), bodies)),
    )


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    return Quote(
        source=draw(st.one_of(st.none(), st.sampled_from([*SOURCE_IDS, "unknown-src"]))),
        chapter=draw(st.one_of(st.none(), st.sampled_from(sorted(CHAPTERS)))),
        policy=draw(st.one_of(st.none(), st.sampled_from(sorted(POLICIES)))),
        page=draw(st.one_of(st.none(), st.sampled_from(sorted(PAGES)))),
        name=draw(st.one_of(st.none(), st.sampled_from(NAMES))),
        verbatim=draw(st.booleans()),
        unknown_option=draw(st.integers(0, 9)) == 0,
        label=draw(st.integers(0, 4)) == 0,
        body=draw(st.one_of(nonempty_bodies, nonempty_bodies, nonempty_bodies, bodies)),
    )


@st.composite
def notes(draw: st.DrawFn) -> Note:
    on = draw(st.one_of(st.none(), st.none(), st.lists(
        st.sampled_from([*NAMES, "missing-name", "BPR"]), min_size=1, max_size=3).map(tuple)))
    return Note(on=on, on_sep=draw(st.sampled_from([", ", " ", "、", ","])),
                author=draw(st.one_of(st.none(), opt_text)),
                body=draw(st.one_of(nonempty_bodies, nonempty_bodies, bodies)))


indexes = st.one_of(st.just(Index(None)), st.just(Index(None)), st.lists(
    st.sampled_from([*SOURCE_IDS, "nope"]), min_size=1, max_size=2, unique=True).map(
        lambda s: Index(tuple(s))))


@st.composite
def role_paras(draw: st.DrawFn) -> Roles:
    refs = []
    for _ in range(draw(st.integers(1, 3))):
        role = draw(st.sampled_from(["policy", "source-ref", "ref"]))
        if role == "policy":
            key = draw(st.sampled_from(["1-1", "方針1-2", "背景２", "2", "9-9"]))
            if draw(st.booleans()):
                key = draw(st.sampled_from(SOURCE_IDS[:3])) + ":" + key
            target = key
        elif role == "source-ref":
            target = draw(st.sampled_from([*SOURCE_IDS[:3], "nope"]))
        else:
            target = norm_name(draw(st.sampled_from(NAMES)))
        title = draw(st.one_of(st.none(), st.none(), cjk_words, latin_words))
        refs.append((role, target, title))
    return Roles(tuple(refs))


items = st.one_of(quotes(), quotes(), quotes(), notes(), notes(), source_refs(), indexes,
                  role_paras())
DOC_NAMES = ["a", "b", "sub/c", "日本語", "z-last"]


@st.composite
def projects(draw: st.DrawFn, max_docs: int = 4, max_items: int = 6) -> Project:
    names = draw(st.lists(st.sampled_from(DOC_NAMES), min_size=1, max_size=max_docs,
                          unique=True))
    docs = []
    for name in names:
        its = draw(st.lists(items, min_size=1, max_size=max_items))
        docs.append(Doc(name, draw(st.sampled_from(["rst", "md"])), its))
    # At least one source-ref somewhere, most of the time.
    if draw(st.integers(0, 4)) and not any(isinstance(i, SourceRef) for d in docs for i in d.items):
        docs[0].items.insert(0, draw(source_refs()))
    return Project(
        docs=docs,
        language=draw(st.sampled_from(["ja", "en"])),
        default_source=draw(st.one_of(st.none(), st.none(), st.sampled_from(SOURCE_IDS[:2]))),
        default_author=draw(st.one_of(st.none(), st.none(), cjk_words)),
        clean_text=draw(st.booleans()),
    )


# -- the contract's export, computed from the model ---------------------------------------

_DIGITS_SPLIT = re.compile(r"([0-9]+)")


def natural(value: str | None) -> tuple[Any, ...]:
    """None first; digit runs compared as numbers (then as written).

    Written differently from ``numbering.natural_key`` on purpose (a split,
    not a scan), so the two check each other.
    """
    if value is None:
        return (0,)
    pieces = _DIGITS_SPLIT.split(value)  # text, digits, text, digits … (odd: digits)
    return (1, tuple((0, int(piece), piece) if i % 2 else (1, 0, piece)
                     for i, piece in enumerate(pieces) if piece))


@dataclass
class Expected:
    """What the export must hold for one generated project."""

    sources: list[dict[str, Any]]
    #: per quote, in document order: its expected fields (without ids)
    quotes: list[dict[str, Any]]
    #: per commentary, in document order
    notes: list[dict[str, Any]]
    #: expected order of quotes in the export, as indexes into ``quotes``
    quote_order: list[int]
    #: per commentary index: indexes of the quotes it comments on
    targets: list[list[int]]
    #: (docname, subtype) of warnings that must be emitted
    warnings: set[tuple[str, str]]


def _stripped(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def expected_export(project: Project) -> Expected:
    warnings: set[tuple[str, str]] = set()
    docs = sorted(project.docs, key=lambda d: d.name)
    sources: list[tuple[str, SourceRef]] = []
    quotes_: list[tuple[str, int, Quote]] = []
    notes_: list[tuple[str, int, Note, list[int]]] = []
    for doc in docs:
        pending: list[int] = []
        for pos, item in enumerate(doc.items):
            if isinstance(item, SourceRef):
                sources.append((doc.name, item))
                if item.date is not None and DATES[item.date] is None:
                    warnings.add((doc.filename, "bad_date"))
                if item.url is not None and URLS[item.url] is None:
                    warnings.add((doc.filename, "bad_url"))
                if item.id is None:
                    warnings.add((doc.filename, "missing_id"))
                if item.title is None:
                    warnings.add((doc.filename, "missing_title"))
            elif isinstance(item, Quote):
                pending.append(len(quotes_))
                quotes_.append((doc.name, pos, item))
                if item.chapter is not None and CHAPTERS[item.chapter] is None:
                    warnings.add((doc.filename, "bad_chapter"))
                if item.page is not None and PAGES[item.page] is None:
                    warnings.add((doc.filename, "bad_page"))
                if item.unknown_option:
                    warnings.add((doc.filename, "unknown_option"))
                if not contract_plain(written_text(item.body)):
                    warnings.add((doc.filename, "empty_body"))
            elif isinstance(item, Note):
                notes_.append((doc.name, pos, item, pending))
                pending = []
                if not contract_plain(written_text(item.body)):
                    warnings.add((doc.filename, "empty_body"))
    by_id: dict[str, tuple[str, SourceRef]] = {}
    for docname, src in sources:
        if src.id is not None:
            if src.id in by_id:
                warnings.add((_file(project, docname), "duplicate_source"))
            by_id.setdefault(src.id, (docname, src))
    only = next(iter(by_id)) if len(by_id) == 1 else None
    exp_sources = [
        {"id": sid, "title": src.title, "short": src.short, "issuer": src.issuer,
         "date": DATES[src.date] if src.date is not None else None,
         "url": url.strip() if src.url is not None and (url := URLS[src.url]) else None,
         "docname": docname}
        for sid, (docname, src) in sorted(by_id.items())
    ]
    by_name: dict[str, int] = {}
    exp_quotes: list[dict[str, Any]] = []
    for i, (docname, _pos, q) in enumerate(quotes_):
        source = _stripped(q.source) or project.default_source or only
        if source is None:
            warnings.add((_file(project, docname), "no_source"))
        elif source not in by_id:
            warnings.add((_file(project, docname), "unknown_source"))
        name = norm_name(q.name) if q.name else None
        if name is not None:
            if name in by_name:
                warnings.add((_file(project, docname), "duplicate_name"))
            by_name.setdefault(name, i)
        clean = project.clean_text and not q.verbatim
        exp_quotes.append({
            "name": name, "source": source,
            "chapter": CHAPTERS[q.chapter] if q.chapter is not None else None,
            "policy": POLICIES[q.policy] if q.policy is not None else None,
            "page": PAGES[q.page] if q.page is not None else None,
            "text": contract_plain(written_text(q.body)),
            "clean": clean,
            "cleaned": cleaned_text(q.body),
            "docname": docname,
        })
    targets: list[list[int]] = []
    exp_notes = []
    for docname, _pos, note, pending in notes_:
        unknown = False
        if note.on is None:
            found = list(pending)
        else:
            names = [norm_name(n) for n in note.on]
            found = list(dict.fromkeys(by_name[n] for n in names if n in by_name))
            unknown = any(n not in by_name for n in names)
            if unknown:
                warnings.add((_file(project, docname), "unknown_quote"))
        if not found and not unknown:  # else unknown_quote is the one warning
            warnings.add((_file(project, docname), "nothing_to_comment"))
        targets.append(found)
        exp_notes.append({
            "author": _stripped(note.author) or project.default_author,
            "text": contract_plain(written_text(note.body)),
            "docname": docname,
        })

    def order(i: int) -> tuple[Any, ...]:
        q = exp_quotes[i]
        return (q["source"] is None, q["source"] or "", q["chapter"] is None,
                q["chapter"] or 0, natural(q["policy"]), q["docname"], i)

    return Expected(sources=exp_sources, quotes=exp_quotes, notes=exp_notes,
                    quote_order=sorted(range(len(exp_quotes)), key=order),
                    targets=targets, warnings=warnings)


def _file(project: Project, docname: str) -> str:
    for doc in project.docs:
        if doc.name == docname:
            return doc.filename
    return docname + ".rst"


def dump(project: Project) -> str:
    """A readable dump of a project's files, for failure messages."""
    files = {"conf.py": project.conf_py()}
    files.update({d.filename: render_doc(d, project) for d in project.docs})
    return "\n".join(f"--- {k}\n{v}" for k, v in files.items())


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
