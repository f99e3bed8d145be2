"""The extension's warning subtypes and the one helper that emits them.

Every warning the extension prints has ``type="policynotes"``, a subtype from
:class:`Warn` and a location, so users can silence one kind with
``suppress_warnings = ["policynotes.<subtype>"]``.

Messages are msgids of the extension's catalog (``_("...")``, see
:mod:`.i18n`): they are printed in the project's ``language`` (Japanese or
English). The "not found" warnings end with :func:`did_you_mean`.

The warnings of one document that come from resolving it (its roles, then
its cards, quotes, commentaries and indexes) are held while it is resolved
(:meth:`Held.holding`) and then emitted by file and line (:meth:`Held.flush`).
"""

from __future__ import annotations

import contextvars
import difflib
import enum
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

from .i18n import _

logger = logging.getLogger(__name__)

TYPE = "policynotes"


class Warn(enum.Enum):
    """Warning subtypes; the docs' reference lists each of them."""

    #: ``source-ref`` without an id argument.
    missing_id = "missing_id"
    #: ``source-ref`` without ``:title:``.
    missing_title = "missing_title"
    #: ``:date:`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    bad_date = "bad_date"
    #: ``:url:`` is not an http(s) URL; the source is not linked.
    bad_url = "bad_url"
    #: A second ``source-ref`` with an id that is already declared.
    duplicate_source = "duplicate_source"
    #: ``:source:`` names a source that no ``source-ref`` declares.
    unknown_source = "unknown_source"
    #: No ``:source:``, no default and not exactly one declared source.
    no_source = "no_source"
    #: ``:chapter:`` is not a chapter number.
    bad_chapter = "bad_chapter"
    #: ``:policy:`` is empty once normalised.
    bad_policy = "bad_policy"
    #: ``:page:`` is not a positive integer.
    bad_page = "bad_page"
    #: A ``policy-quote`` or ``commentary`` without body.
    empty_body = "empty_body"
    #: A quote or commentary ``:name:`` used twice, or a quote's already a label elsewhere.
    duplicate_name = "duplicate_name"
    #: ``commentary :on:`` names a quote that does not exist.
    unknown_quote = "unknown_quote"
    #: A ``commentary`` with no quote to comment on.
    nothing_to_comment = "nothing_to_comment"
    #: ``commentary :stance:`` other than note, support, concern, question, proposal.
    bad_stance = "bad_stance"
    #: ``commentary :status:`` other than open, resolved.
    bad_status = "bad_status"
    #: ``commentary :decision:`` other than adopted, noted, rejected, pending.
    bad_decision = "bad_decision"
    #: ``commentary :decision:`` (other than pending) that no ``response`` answers.
    decision_without_response = "decision_without_response"
    #: ``response`` neither inside a commentary nor naming one that exists.
    orphan_response = "orphan_response"
    #: ``commentary :reply-to:`` names no commentary's ``:name:``.
    unknown_reply = "unknown_reply"
    #: ``commentary :reply-to:`` links that go round back to the commentary.
    reply_cycle = "reply_cycle"
    #: A ``:policy:`` or ``:source-ref:`` target that does not exist.
    unknown_ref = "unknown_ref"
    #: A ``:policy:`` target without source that more than one source has.
    ambiguous_ref = "ambiguous_ref"
    #: ``:continues:`` names no source, policy or quote name that exists.
    unknown_continues = "unknown_continues"
    #: ``:continues:`` links that go round in a circle.
    lineage_cycle = "lineage_cycle"
    #: ``:text:`` or ``:pdf:`` names a missing file or one outside the project.
    bad_path = "bad_path"
    #: The source's PDF cannot be read (no pypdf, or a broken file).
    pdf_text = "pdf_text"
    #: A quote matches its source's text only approximately.
    misquote = "misquote"
    #: A quote is not found in its source's text.
    quote_not_found = "quote_not_found"
    #: A quote is found on another page than its ``:page:``.
    page_mismatch = "page_mismatch"
    #: A ``:class:`` name that makes no class (``:class: 方針``).
    bad_class = "bad_class"
    #: A directive option the directive does not know.
    unknown_option = "unknown_option"
    #: A ``policynotes_*`` configuration value of the wrong type or form.
    config = "config"
    #: ``policy-quote :at:`` that its source's numbering scheme cannot read.
    bad_locator = "bad_locator"
    #: ``policy-quote :at:`` together with ``:chapter:`` or ``:policy:``.
    conflicting_locator = "conflicting_locator"
    #: ``source-ref :scheme:`` names no built-in or ``policynotes_schemes`` scheme.
    unknown_scheme = "unknown_scheme"
    #: A ``policy-diff`` that cannot compare: an unknown source, no older
    #: version, a bad ``:unchanged:`` or ``:at:``.
    bad_diff = "bad_diff"
    #: A Japanese LaTeX build whose PDF may not embed its fonts (no
    #: ``policynotes_latex_preset = "ja-lualatex"``); once per build.
    latex_fonts = "latex_fonts"


def format_message(message: Any, args: tuple[Any, ...]) -> str:
    """``message % args`` in the project's language; never raises.

    ``message`` is what ``_("msgid")`` gave: the translation, or a lazy
    proxy of it (made before the catalog was loaded), or a plain string.
    Should a translation not take the arguments (the catalog's test checks
    that every translation has its msgid's placeholders), the msgid (of a
    proxy) or the message followed by the arguments is printed.
    """
    text = str(message)
    if not args:
        return text
    try:
        return text % args
    except (TypeError, ValueError, KeyError):
        original = str(getattr(message, "_message", text))
        try:
            return original % args
        except (TypeError, ValueError, KeyError):
            return " ".join([original, *map(repr, args)])


#: How alike (``difflib`` ratio) a known value must be to be suggested:
#: ``brp`` for ``bpr`` (0.67) and ``dg-2071`` for ``dg-2017`` (0.86) are,
#: ``q-md-missing`` for ``q-md-option`` (0.61) is not.
CUTOFF = 0.65


def close_matches(word: str, known: Iterable[str], n: int = 2,
                  cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` known values closest to ``word`` (``difflib``), best first."""
    candidates = {k for k in known if k and k != word}
    return difflib.get_close_matches(word, sorted(candidates), n=n, cutoff=cutoff)


def did_you_mean(word: str, known: Iterable[str], n: int = 2, cutoff: float = CUTOFF) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``) for the known values
    closest to ``word``; ``""`` when none is close."""
    return suggestion(close_matches(word, known, n=n, cutoff=cutoff))


def suggestion(matches: list[str]) -> str:
    """``"; did you mean 'x'?"`` for these matches; ``""`` for none."""
    if not matches:
        return ""
    return format_message(_("; did you mean %s?"),
                          (str(_(" or ")).join(repr(m) for m in matches),))


def warn(subtype: Warn, message: Any, *args: Any, location: Any = None,
         hint: str = "") -> None:
    """Emit a located, typed warning of the given subtype.

    ``message`` is formatted with ``args`` (see :func:`format_message`) and
    ``hint`` (a :func:`did_you_mean`) appended. While a document is resolved
    (:meth:`Held.holding`), the warning is held and emitted with the others
    of that document, in line order.
    """
    text = format_message(message, args) + hint
    held = _HOLDING.get()
    if held is not None:
        where, key = _where(location)
        held.append((key, subtype.value, text, where))
        return
    logger.warning("%s", text, type=TYPE, subtype=subtype.value, location=location)


#: (sort key (file, line), subtype, message, location) of a held warning.
_HeldWarning = tuple[tuple[str, int], str, str, Any]
_HOLDING: contextvars.ContextVar[list[_HeldWarning] | None] = contextvars.ContextVar(
    "policynotes_holding", default=None)


def _where(location: Any) -> tuple[Any, tuple[str, int]]:
    """A location as Sphinx prints it (a node's is taken now: the node may be
    gone when the warning is emitted), and its (file, line) sort key."""
    if isinstance(location, nodes.Node):
        source, line = get_source_line(location)
        if source:
            source = os.path.abspath(source)
        if source and line:
            where: Any = f"{source}:{line}"
        elif source:
            where = f"{source}:"
        elif line:
            where = f"<unknown>:{line}"
        else:
            where = None
        return where, (source or "", line or 0)
    if isinstance(location, tuple) and len(location) == 2:
        return location, (str(location[0] or ""), int(location[1] or 0))
    if isinstance(location, str):
        head, _sep, tail = location.rpartition(":")
        if head and tail.isdigit():
            return location, (head, int(tail))
        return location, (location, 0)
    return location, ("", 0)


class Held:
    """Warnings held per document while it is resolved, emitted by file and line.

    Sphinx resolves a document's roles (``resolve_xref``) before
    ``doctree-resolved``, where the extension fills in its cards, quotes,
    commentaries and indexes, each kind in turn: held, and sorted when the
    document is done, the warnings read from the top of the page down.
    Sphinx resolves every document in the main process (also with ``-j N``),
    so one instance, the domain's, holds them all.
    """

    def __init__(self) -> None:
        self.docs: dict[str, list[_HeldWarning]] = {}

    @contextmanager
    def holding(self, docname: str) -> Iterator[None]:
        """Hold the warnings :func:`warn` is given meanwhile, as ``docname``'s."""
        token = _HOLDING.set(self.docs.setdefault(docname, []))
        try:
            yield
        finally:
            _HOLDING.reset(token)

    def flush(self, docname: str | None = None) -> None:
        """Emit the held warnings of ``docname`` (of every document: None),
        sorted by file and line (stable: one line keeps their order)."""
        names = [docname] if docname is not None else sorted(self.docs)
        for name in names:
            held = self.docs.pop(name, None)
            for _key, subtype, text, where in sorted(held or (), key=lambda h: h[0]):
                logger.warning("%s", text, type=TYPE, subtype=subtype, location=where)
