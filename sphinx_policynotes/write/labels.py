"""What a quote's or commentary's label shows, written once, output two ways.

A label is a short list of parts (text, spans and links). HTML pages get it
as HTML text written by the translator itself (its own ``starttag`` and
escaping, so the markup is the one the nodes would give); every other output
gets docutils nodes. Ten thousand labels of twenty nodes each were a fifth of
a large HTML build: making, post-processing and visiting the nodes cost more
than the text they produce.

Parts the search index keeps (chapter, policy, author) are searchable; the
rest (kinds, links, pages) is navigation repeated on every quote, like a
heading's permalink, and marked ``no-search`` (Sphinx 9 skips it).
"""

from __future__ import annotations

import urllib.parse
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

from .. import nodes as pn
from ..collect.answers import answers_of
from ..collect.links import link, previews_on, relative_uri
from ..collect.threads import threads_of
from ..i18n import _
from ..model import STANCES
from ..verify.phrase import text_fragment

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog
    from ..model import CommentaryRecord, QuoteRecord, ResponseRecord, SourceRecord

SEARCHED = frozenset({"policynotes-chapter", "policynotes-policy", "policynotes-author",
                      "policynotes-tag"})


class Part(NamedTuple):
    """Text (no ``classes``), a span, a link to ``todoc#anchor`` or to ``uri``."""

    text: str
    classes: tuple[str, ...] = ()
    todoc: str | None = None
    anchor: str = ""
    title: str | None = None
    uri: str | None = None
    #: A link's popup on HTML pages: the anchor of the quote it shows
    #: (:meth:`.Catalog.preview`, made only where popups are written).
    preview: str | None = None


#: The attributes of a link's popup (``policynotes.css`` shows them on hover
#: and keyboard focus, with ``content: attr(…)``).
PREVIEW_HEAD = "data-policynotes-head"
PREVIEW_TEXT = "data-policynotes-text"

#: The class of a stance's badge (with ``policynotes-stance-<stance>``).
BADGE = "policynotes-badge"


def span(text: str, cls: str) -> Part:
    return Part(text, (cls,) if cls in SEARCHED else (cls, "no-search"))


def to(todoc: str, anchor: str, text: str, title: str | None, cls: str,
       preview: str | None = None) -> Part:
    return Part(text, (cls, "no-search"), todoc, anchor, title, preview=preview)


# -- what a label shows -----------------------------------------------------------------


def quote_parts(catalog: Catalog, quote: QuoteRecord) -> list[Part]:
    """Kind, source (linked to its card), chapter, policy, page (linked to the
    PDF), verification, the quote it continues and the notes on it."""
    parts = [span(_("Quote"), "policynotes-kind"), Part(" ")]
    source_id = catalog.source_of(quote)
    label = catalog.source_label(source_id)
    src = catalog.by_source_id.get(source_id or "")
    if src is None:
        parts.append(span(label, "policynotes-source-label"))
    else:
        parts.append(to(src.docname, src.anchor, label, src.title or src.id,
                        "policynotes-source-label"))
    for text, cls in ((catalog.chapter_label(quote.chapter), "policynotes-chapter"),
                      (catalog.policy_text(quote), "policynotes-policy")):
        if text:
            parts += [Part(" "), span(text, cls)]
    page = page_part(catalog, quote)
    if page is not None:
        parts += [Part(" "), page]
    else:
        passage = passage_part(catalog, quote)
        if passage is not None:
            parts += [Part(" "), passage]
    result = catalog.verifier.result(quote)
    if result is not None:
        text = {"exact": _("verified"), "close": _("close"), "not_found": _("not found")}[
            result.status]
        parts += [Part(" "), Part(text, ("policynotes-status", f"policynotes-{result.status}",
                                         "no-search"))]
    lineage = catalog.lineage
    continued = lineage.targets.get(quote.anchor)
    earlier = lineage.quotes_of(continued)[:1] if continued else []
    if continued and earlier:
        parts += [Part(" | " + _("Continues") + " "),
                  to(earlier[0].docname, earlier[0].anchor, lineage.label(continued),
                     catalog.quote_label(earlier[0]), "policynotes-quote-link",
                     earlier[0].anchor)]
    notes = catalog.notes_on.get(quote.anchor, [])
    if notes:
        parts += [Part(" | "), span(_("Commentary"), "policynotes-kind")]
        for number, note in enumerate(notes, 1):
            text = f"[{number}] {note.author}" if note.author else f"[{number}]"
            parts += [Part(" "), to(note.docname, note.anchor, text, _("Commentary"),
                                    "policynotes-note-link")]
    return parts


def stance_text(stance: str) -> str:
    """A stance as readers see it (``concern``: Concern, 懸念)."""
    return {"note": _("Note"), "support": _("Support"), "concern": _("Concern"),
            "question": _("Question"), "proposal": _("Proposal")}.get(stance, stance)


def decision_text(decision: str) -> str:
    """A decision as readers see it (``adopted``: Adopted, 反映)."""
    return {"adopted": _("Adopted"), "noted": _("Noted"), "rejected": _("Not adopted"),
            "pending": _("Pending")}.get(decision, decision)


def status_text(status: str) -> str:
    """A status as readers see it (``resolved``: Resolved, 対応済み)."""
    return {"open": _("Open"), "resolved": _("Resolved")}.get(status, status)


def review_parts(note: CommentaryRecord, *, decision: bool = True) -> list[Part]:
    """The stance's badge (none for a plain note), the decision's and
    "resolved" (an open note has none; neither with ``decision`` false) and
    the tags, each after a space."""
    parts: list[Part] = []
    if note.stance != STANCES[0]:
        parts += [Part(" "), Part(stance_text(note.stance),
                                  (BADGE, f"policynotes-stance-{note.stance}", "no-search"))]
    if decision and note.decision is not None:
        parts += [Part(" "), Part(decision_text(note.decision),
                                  (BADGE, f"policynotes-decision-{note.decision}",
                                   "no-search"))]
    if decision and note.status != "open":
        parts += [Part(" "), Part(status_text(note.status),
                                  (BADGE, f"policynotes-status-{note.status}", "no-search"))]
    for tag in note.tags:
        parts += [Part(" "), span(f"#{tag}", "policynotes-tag")]
    return parts


def response_parts(catalog: Catalog, response: ResponseRecord) -> list[Part]:
    """``Response`` by whom and when, and (standing apart from it) the
    commentary it answers."""
    parts = [span(_("Response"), "policynotes-kind")]
    if response.by:
        parts += [Part(" "), span(response.by, "policynotes-author")]
    if response.date:
        parts += [Part(" "), Part(response.date, ("policynotes-date", "no-search"))]
    note = answers_of(catalog).answered.get(response.anchor)
    if note is not None and response.parent != note.anchor:
        shown = note.author or note.name or _("Commentary")
        parts += [Part(" | "), Part(_("to") + " "),
                  to(note.docname, note.anchor, shown, _("Commentary"),
                     "policynotes-note-link")]
    return parts


def note_parts(catalog: Catalog, note: CommentaryRecord,
               targets: list[QuoteRecord]) -> list[Part]:
    """Kind, stance, tags, author, the note it answers and the quotes it discusses."""
    parts = [span(_("Commentary"), "policynotes-kind"), *review_parts(note)]
    if note.author:
        parts += [Part(" "), span(note.author, "policynotes-author")]
    answered = threads_of(catalog).parent.get(note.anchor)
    if answered is not None:
        shown = answered.author or answered.name or _("Commentary")
        parts += [Part(" | "), Part(_("reply to") + " "),
                  to(answered.docname, answered.anchor, shown, _("Commentary"),
                     "policynotes-note-link")]
    if targets:
        parts += [Part(" | "), Part(_("on") + " ")]
        for i, quote in enumerate(targets):
            if i:
                parts.append(Part(", "))
            parts.append(to(quote.docname, quote.anchor, catalog.quote_label(quote, page=False),
                            catalog.quote_label(quote), "policynotes-quote-link",
                            quote.anchor))
    return parts


def label_parts(catalog: Catalog, kind: str, anchor: str) -> list[Part]:
    """The parts of the label of the quote (``kind`` "quote") or commentary
    ("commentary") with this anchor."""
    if kind == "quote":
        return quote_parts(catalog, catalog.by_anchor[anchor])
    if kind == "response":
        return response_parts(catalog, response_at(catalog, anchor))
    note = catalog.notes_by_anchor[anchor]
    return note_parts(catalog, note, [catalog.by_anchor[a]
                                      for a in catalog.targets.get(anchor, ())])


def searched_texts(catalog: Catalog, kind: str, anchor: str) -> list[str]:
    """The texts of the label's searchable parts (those of ``label_parts``
    with a class in ``SEARCHED``), without making the others."""
    if kind == "quote":
        quote = catalog.by_anchor[anchor]
        texts = [catalog.chapter_label(quote.chapter), catalog.policy_text(quote)]
    elif kind == "response":
        texts = [response_at(catalog, anchor).by or ""]
    else:
        note = catalog.notes_by_anchor[anchor]
        texts = [*(f"#{tag}" for tag in note.tags), note.author or ""]
    return [text for text in texts if text]


def page_part(catalog: Catalog, quote: QuoteRecord) -> Part | None:
    """``p. N``, linked to ``url#page=N&search=PHRASE`` when the source has a URL."""
    verifier = catalog.verifier
    shown = verifier.shown_page(quote)
    if shown is None:
        return None
    text = _("p. %s") % shown
    source = catalog.by_source_id.get(catalog.source_of(quote) or "")
    physical = verifier.physical_page(quote)
    if source is None or source.url is None or physical is None:
        return Part(text, ("policynotes-page", "no-search"))
    # The viewer opens the page and searches for a phrase of the quote on it
    # (pdf.js, Acrobat and Chrome's viewer read ``page``; pdf.js ``search``).
    uri = f"{source.url.split('#', 1)[0]}#page={physical}"
    phrase = verifier.search_phrase(quote)
    if phrase:
        uri += f"&search={urllib.parse.quote(phrase, safe='')}"
    return Part(text, ("policynotes-page", "no-search"), uri=uri)


#: The endings of a URL's path that name a web page (``""``: none, as in
#: ``/city/open-data``); a ``.pdf``, ``.docx`` or ``.xlsx`` is a document a
#: browser opens or downloads, where a Text Fragment finds nothing.
WEB_PAGE_SUFFIXES = frozenset({"", ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp",
                               ".aspx", ".jsp", ".cgi"})


def is_html_source(source: SourceRecord) -> bool:
    """Whether the source's URL is a web page: no ``:pdf:``, and a path that
    ends in ``/``, in no suffix or in one of :data:`WEB_PAGE_SUFFIXES`."""
    if source.url is None or source.text_kind == "pdf":
        return False
    path = urllib.parse.urlsplit(source.url).path
    return path.endswith("/") or PurePosixPath(path).suffix.lower() in WEB_PAGE_SUFFIXES


def passage_part(catalog: Catalog, quote: QuoteRecord) -> Part | None:
    """"in the source", linked to the quote's passage on its HTML source
    (``url#:~:text=START,END``, a W3C Text Fragment): for a quote of a web
    page, which has no page to open."""
    source = catalog.by_source_id.get(catalog.source_of(quote) or "")
    if source is None or not is_html_source(source):
        return None
    fragment = text_fragment(catalog.text(quote))
    if not fragment:
        return None
    assert source.url is not None
    uri = f"{source.url.split('#', 1)[0]}#{fragment}"
    return Part(_("in the source"), ("policynotes-passage", "no-search"), uri=uri)


# -- the two outputs --------------------------------------------------------------------


def to_nodes(parts: list[Part], builder: Builder, fromdoc: str,
             catalog: Catalog | None = None) -> list[nodes.Node]:
    """The parts as docutils nodes (every builder but the HTML ones); links
    with a popup where the builder writes them and ``catalog`` is given."""
    out: list[nodes.Node] = []
    previews = catalog is not None and previews_on(builder)
    for part in parts:
        if not part.classes:
            out.append(nodes.Text(part.text))
        elif part.todoc is not None and part.preview is not None and previews:
            assert catalog is not None
            plain = link(builder, fromdoc, part.todoc, part.anchor, part.text, part.title,
                         list(part.classes))
            previewed = pn.preview_reference("", "", *plain.children, **plain.attributes)
            previewed["preview"] = catalog.preview(catalog.by_anchor[part.preview])
            out.append(previewed)
        elif part.todoc is not None:
            out.append(link(builder, fromdoc, part.todoc, part.anchor, part.text, part.title,
                            list(part.classes)))
        elif part.uri is not None:
            # The viewer's search phrase only on HTML pages: a PDF, an e-book
            # or a manual page links to the page (their viewers ignore it).
            uri = part.uri if builder.format == "html" else part.uri.split("&search=", 1)[0]
            out.append(nodes.reference(part.text, part.text, refuri=uri,
                                       classes=list(part.classes)))
        elif part.classes[0] == BADGE:
            out.append(badge(part.text, part.classes))
        else:
            out.append(nodes.inline(part.text, part.text, classes=list(part.classes)))
    return out


def response_at(catalog: Catalog, anchor: str) -> ResponseRecord:
    """The response of this anchor."""
    return answers_of(catalog).by_anchor[anchor]


def badge(text: str, classes: tuple[str, ...]) -> nodes.Node:
    """A stance's, decision's or status's badge as a node (LaTeX writes
    ``\\policynotesstance``, with the colour of ``concern``, ``adopted``…)."""
    stance = classes[1].split("-", 2)[-1]
    return pn.stance_badge(text, text, classes=list(classes), stance=stance)


def to_html(translator: Any, parts: list[Part], fromdoc: str,
            catalog: Catalog | None = None) -> str:
    """The parts as HTML, as the translator would write their nodes: its own
    ``starttag`` (attributes sorted, classes of the node first) and escaping,
    and the ``reference`` attributes of Sphinx's ``visit_reference``."""
    encode = translator.encode
    starttag = translator.starttag
    builder = translator.builder
    out: list[str] = []
    previews = catalog is not None and previews_on(builder)
    for part in parts:
        if not part.classes:
            out.append(encode(part.text))
            continue
        classes = {"classes": list(part.classes)}
        if part.todoc is not None:
            atts = {"class": "reference internal"}
            if part.todoc == fromdoc and part.anchor:
                atts["href"] = "#" + part.anchor
            else:
                uri = relative_uri(builder, fromdoc, part.todoc)
                if part.anchor:
                    uri = "#" + part.anchor if "#" in uri else f"{uri}#{part.anchor}"
                atts["href"] = uri or "#"
            if part.title:
                atts["title"] = part.title
            if part.preview is not None and previews:
                assert catalog is not None
                atts[PREVIEW_HEAD], atts[PREVIEW_TEXT] = catalog.preview(
                    catalog.by_anchor[part.preview])
            out.append(starttag(classes, "a", "", **atts) + encode(part.text) + "</a>")
        elif part.uri is not None:
            out.append(starttag(classes, "a", "", **{"class": "reference external",
                                                        "href": part.uri or "#"})
                       + encode(part.text) + "</a>")
        else:
            out.append(starttag(classes, "span", "") + encode(part.text) + "</span>")
    return "".join(out)
