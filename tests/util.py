"""Small helpers for tests that build the roots under ``roots/``.

Kept deliberately small and stable; other test modules may import from it
(``from util import ...``: pytest puts this directory on ``sys.path``).

- :func:`sphinx_root`: a ``pytest.mark.sphinx`` on a fresh copy of a test root,
  so builds never share an output or doctree directory.
- :func:`warnings_of` / :func:`warning_lines`: the warnings of a build, colour
  codes removed and the source directory stripped from locations, so a line
  reads ``quotes.rst:12: WARNING: ... [policynotes.bad_page]``. Works with the
  ``sphinx.testing`` of Sphinx 8.1 and 9.x (``app.warning`` on both).
- :func:`parse_html` / :func:`html_of`: a stdlib parse of an output page into
  :class:`Element` trees with ``find``/``find_all``/``text``.
- :func:`export_of`: the ``policynotes.json`` export of a build.
- :func:`href_target`: ``(docname, id)`` an internal ``href`` points to.
- :func:`shared_file`: a file of the real material in ``../shared/`` beside the
  clone; the only reason a test may skip.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

__all__ = [
    "Element",
    "export_of",
    "href_target",
    "html_of",
    "parse_html",
    "shared_file",
    "sphinx_root",
    "warning_lines",
    "warnings_of",
]

_COUNTER = itertools.count(1)
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})


def sphinx_root(testroot: str, buildername: str = "html", **kwargs: Any) -> pytest.MarkDecorator:
    """``pytest.mark.sphinx`` building a fresh, private copy of ``roots/test-<testroot>``.

    Each call makes a new copy: on a parametrized test, give each
    ``pytest.param(..., marks=sphinx_root(...))`` its own.
    """
    srcdir = f"{testroot}-{next(_COUNTER)}"
    return pytest.mark.sphinx(buildername, testroot=testroot, srcdir=srcdir, **kwargs)


def warnings_of(app: SphinxTestApp) -> str:
    """All warning output of ``app``; locations relative to its source directory."""
    text = _ANSI_RE.sub("", app.warning.getvalue())
    srcdir = str(Path(app.srcdir))
    return text.replace(srcdir + "/", "").replace(srcdir + "\\", "")


def warning_lines(app: SphinxTestApp) -> list[str]:
    """The non-empty lines of :func:`warnings_of`."""
    return [line for line in warnings_of(app).splitlines() if line.strip()]


def export_of(app: SphinxTestApp, name: str = "policynotes.json") -> dict[str, Any]:
    """The parsed export written to the output root."""
    data: dict[str, Any] = json.loads((Path(app.outdir) / name).read_text(encoding="utf-8"))
    return data


class Element:
    """An HTML element: ``tag``, ``attrs`` and ``children`` (elements and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def raw_text(self) -> str:
        """The text content exactly as in the page (line breaks included)."""
        return "".join(c if isinstance(c, str) else c.raw_text for c in self.children)

    @property
    def text(self) -> str:
        """The text content with whitespace runs collapsed to one space."""
        return " ".join(self.raw_text.split())

    def iter(self) -> Iterator[Element]:
        """This element and all its descendants, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 **attrs: str) -> list[Element]:
        """Descendants (self included) with this tag, class and attribute values
        (``id_`` / ``class_`` accepted for ``id`` / ``class``)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            el for el in self.iter()
            if (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
            and all(el.attrs.get(k) == v for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        """The first match of :meth:`find_all`; fails the test when there is none."""
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in <{self.tag} id={self.id!r}>"
        return found[0]

    def by_id(self, value: str) -> Element:
        return self.find(id_=value)

    def links(self) -> list[Element]:
        """``<a href>`` descendants."""
        return [a for a in self.find_all("a") if "href" in a.attrs]

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs!r}>"


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """Parse an HTML page into an :class:`Element` tree (root tag ``#document``)."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.root


def html_of(app: SphinxTestApp, docname: str) -> Element:
    """The parsed HTML page of ``docname`` in ``app``'s output directory."""
    path = Path(app.outdir) / f"{docname}.html"
    return parse_html(path.read_text(encoding="utf-8"))


def href_target(fromdoc: str, href: str) -> tuple[str, str]:
    """``(docname, fragment)`` that ``href`` in the page of ``fromdoc`` points to
    (html builder, pages named ``<docname>.html``)."""
    path, _, fragment = href.partition("#")
    if not path:
        return fromdoc, fragment
    base = fromdoc.rpartition("/")[0]
    parts = [p for p in base.split("/") if p] if base else []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    docname = "/".join(parts)
    return docname.removesuffix(".html"), fragment


#: ``../shared/`` beside the clone: real posts that may not be copied into it.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_file(*parts: str) -> Path:
    """The path of ``../shared/PARTS``; skip the test where it is absent.

    The real posts are their authors' text and are never copied into the
    repository, so a fresh clone has no ``../shared/``: the tests that read
    it are skipped there with this reason, and only they may skip. Where
    ``POLICYNOTES_REQUIRE_SHARED=1`` (``.ci/run`` sets it when ``../shared/``
    exists) a missing file fails the test instead.
    """
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    reason = (f"{path} not found: this test reads real material from shared/ beside the "
              "clone (../shared/ relative to the repository root), which a fresh clone "
              "does not have")
    if os.environ.get("POLICYNOTES_REQUIRE_SHARED") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
