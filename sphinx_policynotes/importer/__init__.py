"""``policynotes import``: turn blockquote-style Markdown blog posts into MyST notes.

Years of annotations already exist as blog posts (Jekyll, Hugo, Qiita, note):
the source cited in a quoted heading or the introduction, the quoted
chapters, sections and items as headings (or bold lines) inside ``>`` block
quotes, the quoted passages, and the author's own notes between them.
:func:`import_post` reads such a post with markdown-it and writes a MyST page
with ``source-ref``, ``policy-quote`` and ``commentary`` directives, plus
reports (with line numbers) of every judgement call it made and of anything
it could not classify; :func:`import_posts` imports several posts with one
set of source ids.

Modules, one concern each: :mod:`.parse` (markdown-it, front matter, the flat
item list), :mod:`.classify` (chapters, policies, dates, issuers),
:mod:`.structure` (numbering tokens, scheme choice, ``:at:``),
:mod:`.sources` (sources by document), :mod:`.citing` (where a post names
them), :mod:`.markdown` (writing trees back as MyST Markdown),
:mod:`.convert` (the walk that places quotes and commentaries),
:mod:`.placing` and :mod:`.finish` (writing them), :mod:`.reports`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .convert import Converter
from .finish import choose_schemes, finish
from .options import ImportOptions, ImportResult, NoteSummary
from .parse import ParsedPost, make_parser, parse_post
from .reports import Report
from .sources import Sources, read_sources_page

__all__ = ["ImportOptions", "ImportResult", "NoteSummary", "Report", "convert",
           "import_post", "import_posts", "make_parser"]


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def convert(post: ParsedPost, options: ImportOptions | None = None,
            lines: list[str] | None = None) -> ImportResult:
    """Convert one parsed post on its own (see :mod:`.convert`)."""
    sources = Sources()
    converter = Converter(post, options or ImportOptions(), sources, lines or [])
    converter.walk()
    choose_schemes(sources)
    return _finish(converter)


def _finish(converter: Converter) -> ImportResult:
    return finish(converter.out, converter.reporter, converter.sources, converter.used,
                  converter.quotes, converter.notes)


def import_post(text: str, options: ImportOptions | None = None) -> ImportResult:
    """Convert the Markdown post ``text`` into a MyST page (see :mod:`.convert`)."""
    text = _normalise(text)
    return convert(parse_post(text), options, text.split("\n"))


def import_posts(posts: Iterable[tuple[str, str]], options: ImportOptions | None = None,
                 sources_page: str | None = None) -> list[ImportResult]:
    """Convert several posts, ``(file name, text)`` each, with one set of source ids.

    A document quoted in several posts is one source, declared on the first
    page that quotes it; a label two posts use for different documents gives
    two ids. ``sources_page`` is the text of an existing MyST page whose
    ``source-ref`` directives are reused (their ids kept, not written again).
    """
    sources = Sources()
    for source_id, title, url in read_sources_page(sources_page or ""):
        sources.add_declared(source_id, title, url)
    converters: list[Converter] = []
    for filename, text in posts:
        text = _normalise(text)
        converter = Converter(parse_post(text), replace(options or ImportOptions(),
                                                        filename=filename),
                              sources, text.split("\n"))
        converter.walk()
        converters.append(converter)
    choose_schemes(sources)
    return [_finish(converter) for converter in converters]
