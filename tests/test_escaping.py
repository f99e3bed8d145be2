"""User text is text in every format: markup and special characters come out escaped.

``test-b-esc`` puts ``<script>``, ``\\input{…}`` and ``% & # _ { } $ ^ ~ @ , :``
into a source's title, short title, issuer and description, a quote's body, a
commentary's author and body; every field carries its own prefix letter so a
failure names the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from buildutil import Build, cached_build, parse_html

ROOT = "b-esc"
#: prefix letter -> (field, the name after /etc/ in that field)
FIELDS = {
    "T": ("source title", "Ttitle"),
    "S": ("source short title", "Sshort"),
    "I": ("source issuer", "Iissuer"),
    "D": ("source description", "Ddesc"),
    "Q": ("quote body", "Qquote"),
    "N": ("commentary body", "Nnote"),
    "A": ("commentary author", "Aauthor"),
}
#: Where each field must show in the HTML output.
HTML_PAGES = {
    "T": ["sources", "roles", "policyindex"],
    "S": ["sources", "quotes", "roles", "policyindex"],
    "I": ["sources"],
    "D": ["sources"],
    "Q": ["quotes", "policyindex"],
    "N": ["quotes", "policyindex"],
    "A": ["quotes", "policyindex"],
}
#: marker word -> (the raw character, its LaTeX escape)
LATEX_SPECIALS = {
    "pct": ("%", r"\%"),
    "amp": ("&", r"\&"),
    "hash": ("#", r"\#"),
    "us": ("_", r"\_"),
    "lb": ("{", r"\{"),
    "rb": ("}", r"\}"),
    "dol": ("$", r"\$"),
    "car": ("^", r"\textasciicircum{}"),
    "til": ("~", r"\textasciitilde{}"),
}


def written(prefix: str) -> str:
    """A field's text as written in the source files."""
    etc = FIELDS[prefix][1]
    return (f"<script>alert(1)</script>{prefix}tag \\input{{/etc/{etc}}} {prefix}pct% "
            f"{prefix}amp& {prefix}hash# {prefix}us_ {prefix}lb{{ {prefix}rb}} {prefix}dol$ "
            f"{prefix}car^ {prefix}til~ {prefix}at@x {prefix}cm,x {prefix}col:x")


#: ``built(buildername)``: this module's root, built once per builder.
Built = Callable[[str], Build]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def get(buildername: str) -> Build:
        return cached_build(tmp_path_factory, ROOT, buildername)
    return get


@pytest.mark.parametrize("buildername", ["html", "latex", "man", "texinfo"])
def test_builds(built: Built, buildername: str) -> None:
    """Hostile text is not a reason to warn."""
    assert built(buildername).warnings == ""


# -- HTML ------------------------------------------------------------------------------


def test_html_has_no_injected_markup(built: Built) -> None:
    b = built("html")
    pages = sorted(b.outdir.glob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        assert "<script>alert" not in raw, path.name
        assert "alert(1)</script>" not in raw, path.name
        page = parse_html(raw)
        scripts = [s.raw_text() for s in page.find_all("script")]
        assert not any("alert" in s for s in scripts), path.name
        # No attribute was broken out of: every attribute name is a plain HTML one.
        names = {name for e in page.iter() for name in e.attrs}
        assert not any(re.search(r"[^a-z0-9_:.-]", n) for n in names), (path.name, names)


@pytest.mark.parametrize("prefix", list(HTML_PAGES))
def test_html_shows_user_text_as_text(built: Built, prefix: str) -> None:
    b = built("html")
    for doc in HTML_PAGES[prefix]:
        raw = (b.outdir / f"{doc}.html").read_text(encoding="utf-8")
        assert f"&lt;script&gt;alert(1)&lt;/script&gt;{prefix}tag" in raw, (prefix, doc)
        text = parse_html(raw).text()
        assert written(prefix) in text, (FIELDS[prefix][0], doc)


def test_html_titles_in_attributes_stay_attributes(built: Built) -> None:
    """Link titles carry the source title and labels, escaped within the attribute."""
    page = parse_html(built("html").outdir / "roles.html")
    titles = [a.attrs.get("title", "") for a in page.find_all("a")]
    assert any(written("T") == t for t in titles)
    assert any(t.startswith(written("S")) for t in titles)


# -- LaTeX -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(built: Built) -> str:
    b = built("latex")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(b.outdir.glob("*.tex")))


@pytest.mark.parametrize("prefix", list(FIELDS))
def test_latex_escapes_user_text(tex: str, prefix: str) -> None:
    etc = FIELDS[prefix][1]
    assert f"{prefix}tag" in tex, "the field does not reach the LaTeX output"
    assert f"\\input{{/etc/{etc}}}" not in tex
    assert f"\\textbackslash{{}}input\\{{/etc/{etc}\\}}" in tex
    assert "<script>" not in tex
    for word, (char, escaped) in LATEX_SPECIALS.items():
        assert f"{prefix}{word}{char}" not in tex, (FIELDS[prefix][0], char)
        assert f"{prefix}{word}{escaped}" in tex, (FIELDS[prefix][0], escaped)


def test_latex_labels_stay_balanced(tex: str) -> None:
    """The label line of the quote (short title, author) leaves braces balanced."""
    body = tex.split(r"\begin{document}", 1)[1]
    unescaped = re.sub(r"\\[{}]", "", body)
    assert unescaped.count("{") == unescaped.count("}")


# -- man -------------------------------------------------------------------------------


def test_man_user_lines_do_not_start_requests(built: Built) -> None:
    b = built("man")
    pages = sorted(b.outdir.glob("*.1"))
    assert pages
    man = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for marker in ("Qdotline", "Qaposline", "Ndotline", "Naposline"):
        assert marker in man
    user_markers = ["dotline", "aposline", *(f"{p}tag" for p in FIELDS)]
    requests = [line for line in man.splitlines()
                if line.startswith((".", "'")) and any(m in line for m in user_markers)]
    assert requests == []
    assert "\\input{" not in man  # a backslash of user text is not a roff escape


# -- texinfo ---------------------------------------------------------------------------


def texinfo_ref_args(texi: str) -> list[str]:
    """The argument of every ``@ref{…}``, honouring ``@@``, ``@{`` and ``@}``."""
    args = []
    for match in re.finditer(r"@ref\{", texi):
        i, depth, out = match.end(), 1, []
        while i < len(texi):
            ch = texi[i]
            if ch == "@" and texi[i + 1:i + 2] in ("@", "{", "}"):
                out.append(texi[i:i + 2])
                i += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    break
            out.append(ch)
            i += 1
        args.append("".join(out))
    return args


@pytest.fixture(scope="module")
def texi(built: Built) -> str:
    b = built("texinfo")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(b.outdir.glob("*.texi")))


@pytest.mark.parametrize("prefix", list(FIELDS))
def test_texinfo_escapes_user_text(texi: str, prefix: str) -> None:
    assert f"{prefix}tag" in texi, "the field does not reach the texinfo output"
    for raw, escaped in ((f"{prefix}at@x", f"{prefix}at@@x"),
                         (f"{prefix}lb{{", f"{prefix}lb@{{"),
                         (f"{prefix}rb}}", f"{prefix}rb@}}")):
        assert raw not in texi, (FIELDS[prefix][0], raw)
        assert escaped in texi, (FIELDS[prefix][0], escaped)


def test_texinfo_link_texts_keep_their_arguments(texi: str) -> None:
    """``@ref{node,,text}``: a comma in user text does not start another argument."""
    ours = [a for a in texinfo_ref_args(texi) if "tag" in a]
    assert len(ours) >= 5
    assert [a for a in ours if a.count(",") != 2] == []
