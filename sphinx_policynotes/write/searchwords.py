"""Search words of quotes and notes, split by the processes that read them.

Sphinx feeds its search index in the main process, one page after another,
also under ``-j N``. For Japanese and Chinese the word splitter (a word
segmenter written in Python) is most of that work: in a project of
10,000 quotes it was two thirds of a ``-j 2`` build, all in one process.

When the build reads in parallel, the text this extension owns (the bodies
of quotes and notes) is split where the document is read, by the reading
processes, with a splitter made from the same configuration as the one of
the search index. The words travel with the doctree, in one attribute of
the document, as one string per text. At ``doctree-resolved`` the attribute
is taken off (no writer sees it) and the search index's splitter looks the
texts up before it splits: the index is the same, byte for byte, and a text
the lookup does not hold (changed after reading, a label, a heading) is
split as before.

Only for languages whose search splitter is not Sphinx's plain pattern (the
others split in microseconds), only for HTML builders that index, and only
under ``-j N``: a serial build would split the same text in the same
process, only earlier, and hold the words in memory in between.
``policynotes_search_presplit`` turns it on or off regardless.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from .. import nodes as pn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.search import SearchLanguage

logger = logging.getLogger(__name__)

#: The document attribute that carries the words from reading to writing.
ATTRIBUTE = "policynotes_search_words"
#: Joins a text's words; a text whose words do not come back the same is not kept.
SEPARATOR = "\x1f"

_OWN = (pn.policy_quote, pn.commentary)

#: Splitters made for reading, one per configuration, per process (None: none can be made).
_splitters: dict[tuple[str, str], SearchLanguage | None] = {}


def _configured(app: Sphinx) -> tuple[str, str]:
    """The search language and options, as the HTML builder passes them."""
    config = app.config
    options = dict(config.html_search_options or {})
    return config.html_search_language or config.language or "en", repr(sorted(options.items()))


def fingerprint(app: Sphinx, language: SearchLanguage) -> tuple[str, ...]:
    """What makes two splitters split alike: class, language and options."""
    cls = type(language)
    return (f"{cls.__module__}.{cls.__qualname__}", *_configured(app))


def _own_splitter(language: SearchLanguage) -> bool:
    from sphinx.search import SearchLanguage

    return type(language).split is not SearchLanguage.split


def _wanted(app: Sphinx) -> bool:
    builder = app.builder
    if not getattr(builder, "search", False) or getattr(builder, "format", "") != "html":
        return False
    setting = app.config.policynotes_search_presplit
    if setting is not None:
        return bool(setting)
    return bool(getattr(app, "parallel", 0) > 1)


def reading_splitter(app: Sphinx) -> SearchLanguage | None:
    """The splitter the search index will use, made the way the HTML builder makes it."""
    if not _wanted(app):
        return None
    from sphinx.search import IndexBuilder

    key = _configured(app)
    if key not in _splitters:
        try:  # no scorer: it does not split
            _splitters[key] = IndexBuilder(app.env, key[0], app.config.html_search_options or {},
                                           "").lang
        except Exception as exc:  # the HTML builder reports a broken search setup itself
            logger.debug("[policynotes] no search splitter for reading: %s", exc)
            _splitters[key] = None
    language = _splitters[key]
    if language is None:
        return None
    if app.config.policynotes_search_presplit is None and not _own_splitter(language):
        return None
    return language


def _texts(node: nodes.Node, found: list[str], inside: bool = False) -> None:
    """The texts of quotes and notes that Sphinx's search indexer splits: in
    the nodes it visits (no comment, raw or ``no-search``), one walk."""
    if isinstance(node, (nodes.comment, nodes.raw)):
        return
    if isinstance(node, nodes.Element) and "no-search" in node["classes"]:
        return
    inside = inside or isinstance(node, _OWN)
    if inside and isinstance(node, (nodes.Text, nodes.title)):
        found.append(node.astext())
    for child in node.children:
        _texts(child, found, inside)


def presplit(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``: split the texts of quotes and notes, keep the words."""
    language = reading_splitter(app)
    if language is None:
        return
    texts: list[str] = []
    _texts(doctree, texts)
    words: dict[str, str] = {}
    split = language.split
    for text in texts:
        if text in words or SEPARATOR in text:
            continue
        found = split(text)
        joined = SEPARATOR.join(found)
        if joined.split(SEPARATOR) == found:
            words[text] = joined
    if words:
        doctree[ATTRIBUTE] = (fingerprint(app, language), words)


class Lookup:
    """Stands in for the search index's ``split``: the words kept, or a split."""

    def __init__(self, split: Callable[[str], list[str]], stamp: tuple[str, ...]) -> None:
        self.split = split
        #: The fingerprint of the splitter it stands in for: kept words must match it.
        self.stamp = stamp
        self.words: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        joined = self.words.get(text)
        return self.split(text) if joined is None else joined.split(SEPARATOR)


def attach(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At ``doctree-resolved``: take the words off the document, hand them to the index."""
    kept = doctree.attributes.pop(ATTRIBUTE, None)
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if language is None:
        return
    lookup = vars(language).get("split")
    if kept is None:
        if isinstance(lookup, Lookup):
            lookup.words = {}
        return
    if not isinstance(lookup, Lookup):
        lookup = Lookup(language.split, fingerprint(app, language))
        setattr(language, "split", lookup)  # noqa: B010 (an instance attribute over the method)
    stamp, words = kept
    lookup.words = words if stamp == lookup.stamp else {}


def make_splitter(app: Sphinx, env: Any, docnames: Any) -> None:
    """At ``env-before-read-docs``: make the splitter before Sphinx forks its readers.

    Each reading process then starts with it; a splitter with a dictionary
    to load (``html_search_options = {"type": "...JanomeSplitter"}``) loads
    it once, not once per batch of documents.
    """
    reading_splitter(app)


def setup_searchwords(app: Sphinx) -> None:
    app.connect("env-before-read-docs", make_splitter)
    app.connect("doctree-read", presplit, priority=900)
    app.connect("doctree-resolved", attach, priority=100)
