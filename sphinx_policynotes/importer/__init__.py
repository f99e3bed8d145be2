"""``policynotes import``: turn a blockquote-style Markdown blog post into MyST notes.

Years of annotations already exist as blog posts (Jekyll, Hugo, Qiita, note):
the source cited in a quoted heading, the quoted chapters and policies as
headings inside ``>`` block quotes, the quoted passages, and the author's own
notes between them. :func:`import_post` reads such a post with markdown-it and
writes a MyST page with ``source-ref``, ``policy-quote`` and ``commentary``
directives, plus reports (with line numbers) of every judgement call it made
and of anything it could not classify.

Modules, one concern each: :mod:`.parse` (markdown-it, front matter, the flat
item list), :mod:`.classify` (chapters, policies, dates, issuers),
:mod:`.markdown` (writing trees back as MyST Markdown), :mod:`.convert` (the
walk that places quotes and commentaries), :mod:`.reports`.
"""

from __future__ import annotations

from .convert import ImportOptions, ImportResult, convert
from .parse import make_parser, parse_post
from .reports import Report

__all__ = ["ImportOptions", "ImportResult", "Report", "import_post", "make_parser"]


def import_post(text: str, options: ImportOptions | None = None) -> ImportResult:
    """Convert the Markdown post ``text`` into a MyST page (see :mod:`.convert`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return convert(parse_post(text), options)
