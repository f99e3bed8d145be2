"""``policynotes.jsonld``: the export as W3C Web Annotations (JSON-LD).

Why: the notes should be open data that any W3C Web Annotation client
(Hypothesis-style tools, annotation servers, RDF stores) reads without scraping
HTML. This module is pure: it turns the ``policynotes.json`` dict into a JSON-LD document and knows
nothing of Sphinx, so the same input always gives the same bytes.

Shape (Web Annotation Data Model, https://www.w3.org/TR/annotation-model/):

- The document is an ``AnnotationCollection`` (§5.1) whose ``first`` (and
  ``last``) page is an embedded ``AnnotationPage`` (§5.2) holding every
  annotation in ``items``. The model defines the collection for exactly this,
  a set of annotations published together, with a ``label``, a ``total`` and
  a ``generator``, and ``items`` is an ordered ``@list`` in the context, so the
  export order survives into RDF. A bare ``@graph`` is a JSON-LD device, not a
  class of the model: annotation clients that read the JSON form do not know it,
  and it is unordered.
- Each annotation also carries ``@context``, so that it stays a complete
  Annotation (the model's MUST) when a client takes it out of the page, for
  example to POST it to a Web Annotation Protocol container.
- One annotation per commentary: a ``TextualBody`` (``format`` ``text/plain``,
  ``language`` of the project) with its text, one ``tagging`` ``TextualBody``
  per distinct policy key of its quotes and then per ``:tags:`` tag,
  ``creator`` ``{"name": author}`` when an author is set, one target per
  quote, and one ``replying`` ``TextualBody`` per response to it (with the
  responder as its ``creator`` and its date as ``dcterms:date``). Its
  ``motivation`` and its text's purpose follow its ``stance``
  (:data:`MOTIVATIONS`). A reply's ``motivation`` is ``replying`` and its one
  target the id of the annotation of the commentary it answers.
- One ``highlighting`` annotation per quote without commentary (with a
  ``tagging`` body when the quote has a policy key).
- A target is a ``SpecificResource`` whose ``source`` is the source document's
  URL, with a ``TextQuoteSelector`` (``exact``, and ``prefix``/``suffix`` of up
  to :data:`CONTEXT_CHARS` characters around the first occurrence when
  ``source_texts`` gives the source's text). When the page is known, a second,
  alternative selector narrows to the page first: a ``FragmentSelector``
  ``page=N`` (RFC 8118 PDF fragment, ``conformsTo`` the RFC 3778 IRI the model
  lists for PDF) ``refinedBy`` the same ``TextQuoteSelector``. The model reads
  ``refinedBy`` as "apply the second selector within the first", so the page
  selector is the outer one; listing the plain text quote selector first keeps
  simple clients, which look only at the top level, working. ``scope`` is the
  page of this site where the quote stands.
- A target whose quote has a place in its source (the export's ``at``) carries
  it as two properties of the ``SpecificResource``, in vocabularies the Web
  Annotation context already names (so ``@context`` stays the one string the
  model asks for, and clients that do not know them ignore them): ``label``
  (``rdfs:label``, a term of the context) is the place as written
  (``Art. 5(1)(a)``, ``第4章 方針1-1``), and ``dcterms:identifier`` (a compact
  IRI of the context's ``dcterms`` prefix) its key, the same whatever the
  spelling (``art_5__para_1__point_a``, ``chp_4__方針1-1``); the key is left out
  for a locator its scheme cannot read. Both describe the part of the source
  the quote stands in, not a way to find the text (the model has no selector
  for a citation), so they are properties of the resource and not selectors,
  and they are kept when the source has no URL. Neither has a ``language``:
  the label is in the source document's language, like the tags.
- When the source has no URL, the target's ``source`` is the quote's own page
  on this site, and page and ``prefix``/``suffix`` are left out: they describe
  the source document, not our page, and would make anchoring fail there.

Identifiers: with ``base_url`` (the published site's root) an annotation's id
is the absolute URL of the element it stands for, ``base_url + page_url +
'#' + anchor``; without it, ``urn:policynotes:<anchor>``, an absolute IRI that
does not depend on where the file is copied (anchors are ASCII and unique in a
project, not across projects). Links to pages (``source`` fallback, ``scope``)
are relative references without ``base_url``: JSON-LD resolves them against
the document's own URL, and the file is written to the output root, where page
URLs are relative to.

No timestamps, no random ids: the output is byte-identical for identical input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urljoin

from .. import __version__
from . import jsontext

#: The JSON-LD context of the Web Annotation Data Model.
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: How many characters of the source's text ``prefix`` and ``suffix`` take.
CONTEXT_CHARS = 32
#: ``conformsTo`` of a PDF ``FragmentSelector``, as the model's table lists it.
PDF_FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3778"
#: The target's property carrying the key of the quote's place (``at.key``):
#: ``http://purl.org/dc/terms/identifier``, through the context's ``dcterms`` prefix.
LOCATOR_KEY = "dcterms:identifier"
#: The target's property carrying the place as written (``at.label``): the
#: context's term for ``http://www.w3.org/2000/01/rdf-schema#label``.
LOCATOR_LABEL = "label"
#: The default file name, used for the collection's id when ``base_url`` is set.
DEFAULT_FILENAME = "policynotes.jsonld"
#: The extension, as the ``generator`` of every annotation and the collection.
GENERATOR: dict[str, Any] = {
    "id": "https://pypi.org/project/sphinx-policynotes/",
    "type": "Software",
    "name": f"sphinx-policynotes {__version__}",
    "homepage": "https://sphinx-policynotes.readthedocs.io/",
}
URN_PREFIX = "urn:policynotes:"
#: A commentary's ``stance`` -> its motivation (any other: ``commenting``).
MOTIVATIONS = {"question": "questioning", "concern": "assessing", "support": "assessing"}

# Characters that may not appear in an IRI (RFC 3987): controls, space and
# the ASCII delimiters ``<>"{}|\^``` ; everything else, non-ASCII included,
# is kept so Japanese document names stay readable.
_NOT_IRI_RE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def _iri_escape(text: str) -> str:
    """Percent-encode the characters an IRI cannot hold, and only those."""
    return _NOT_IRI_RE.sub(lambda m: quote(m.group(0), safe=""), text)


def page_url(
    page_urls: Mapping[str, str] | None,
    base_url: str | None,
    docname: str | None,
    anchor: str | None = None,
) -> str | None:
    """The URL of a document's page (``#anchor`` appended when given), or None.

    Absolute when ``base_url`` is given (a missing trailing slash is added, so
    ``https://example.org/docs`` means the ``docs`` folder), else relative to
    the output root, as ``page_urls`` (the builder's target URIs) has it. None
    when the document's page is unknown. Shared with the CSV export so both
    give the same links.
    """
    if page_urls is None or docname is None or docname not in page_urls:
        return None
    url = page_urls[docname]
    if base_url:
        url = urljoin(base_url if base_url.endswith("/") else base_url + "/", url)
    if anchor:
        url = f"{url}#{anchor}"
    return _iri_escape(url)


def _urn(name: str) -> str:
    """``urn:policynotes:<name>``, with anything outside ``[A-Za-z0-9-._~:]`` escaped."""
    return URN_PREFIX + quote(name, safe="-._~:")


def _bcp47(language: str | None) -> str | None:
    """Sphinx's ``language`` (``ja``, ``zh_CN``) as a BCP 47 tag (``zh-CN``)."""
    return language.replace("_", "-") if language else None


def _context(text: str, exact: str) -> tuple[str, str] | None:
    """Up to CONTEXT_CHARS characters before and after the first ``exact`` in ``text``."""
    if not exact:
        return None
    at = text.find(exact)
    if at < 0:
        return None
    end = at + len(exact)
    return text[max(0, at - CONTEXT_CHARS):at], text[end:end + CONTEXT_CHARS]


class Annotator:
    """Makes one annotation at a time: the lookups a conversion needs.

    ``sources``: the export's source dicts (the first of duplicates wins);
    ``quotes_by_id``: a quote's export dict by its id, for the targets of a
    commentary (any mapping: the incremental export makes them on demand).
    """

    def __init__(
        self,
        sources: Iterable[Mapping[str, Any]],
        quotes_by_id: Mapping[str, Mapping[str, Any]],
        base_url: str | None,
        language: str | None,
        page_urls: Mapping[str, str] | None,
        source_texts: Mapping[str, str] | None,
        notes_by_id: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.base_url = base_url or None
        self.language = _bcp47(language)
        self.page_urls = page_urls
        self.source_texts = source_texts or {}
        self.sources: dict[str, Mapping[str, Any]] = {}
        for src in sources:
            self.sources.setdefault(src["id"], src)
        self.quotes_by_id = quotes_by_id
        #: A commentary's export dict by its id, for the target of a reply.
        self.notes_by_id = notes_by_id or {}

    # -- identifiers -----------------------------------------------------

    def annotation_id(self, record: Mapping[str, Any]) -> str:
        """The IRI of the annotation standing for a quote or commentary record."""
        anchor = record.get("anchor") or record["id"]
        if self.base_url:
            url = page_url(self.page_urls, self.base_url, record.get("docname"), anchor)
            if url is not None:
                return url
        return _urn(anchor)

    def page(self, docname: str | None, anchor: str | None = None) -> str:
        """A page of this site (absolute with base_url, else relative), or a URN."""
        url = page_url(self.page_urls, self.base_url, docname, anchor)
        if url is not None:
            return url
        return _urn("page:" + (docname or "") + (f"#{anchor}" if anchor else ""))

    # -- parts -----------------------------------------------------------

    @staticmethod
    def tags(quotes: Iterable[Mapping[str, Any]], free: Iterable[str] = (),
             ) -> list[dict[str, Any]]:
        """One ``tagging`` body per distinct policy key, in quote order, then
        per free tag (``:tags:``) not among them. No ``language``: a key is in
        the source document's language, which need not be the project's."""
        keys = dict.fromkeys([*(q["policy"] for q in quotes if q.get("policy")), *free])
        return [{"type": "TextualBody", "purpose": "tagging", "value": key} for key in keys]

    @staticmethod
    def place(quote: Mapping[str, Any]) -> dict[str, str]:
        """The quote's place in its source (``at``) as target properties:
        ``label`` as written and ``dcterms:identifier`` its key (see the module
        docstring); nothing without a place (``at`` null, or missing in a
        ``sphinx-policynotes/1`` export)."""
        at = quote.get("at")
        if not at:
            return {}
        found: dict[str, str] = {}
        if at.get("label"):
            found[LOCATOR_LABEL] = at["label"]
        if at.get("key"):
            found[LOCATOR_KEY] = at["key"]
        return found

    def target(self, quote: Mapping[str, Any]) -> dict[str, Any]:
        """The quote as a SpecificResource: its source document, selected by its
        text, with its place in the source when known."""
        src = self.sources.get(quote.get("source") or "")
        source_url = src.get("url") if src else None
        text = quote.get("text") or ""
        target: dict[str, Any] = {"type": "SpecificResource"}
        scope = self.page(quote.get("docname"), quote.get("anchor"))
        target.update(self.place(quote))
        if not source_url:
            # Our own page shows the quote's text, but neither the paper's page
            # number nor the paper's surrounding text.
            target["source"] = self.page(quote.get("docname"))
            target["scope"] = scope
            if text:
                target["selector"] = {"type": "TextQuoteSelector", "exact": text}
            return target
        target["source"] = _iri_escape(source_url)
        target["scope"] = scope
        selectors: list[dict[str, Any]] = []
        text_selector: dict[str, Any] | None = None
        if text:
            text_selector = {"type": "TextQuoteSelector", "exact": text}
            source_text = self.source_texts.get(src["id"]) if src else None
            around = _context(source_text, text) if source_text else None
            if around is not None:
                before, after = around
                if before:
                    text_selector["prefix"] = before
                if after:
                    text_selector["suffix"] = after
            selectors.append(text_selector)
        page = quote.get("page")
        if page is not None:
            fragment: dict[str, Any] = {
                "type": "FragmentSelector",
                "conformsTo": PDF_FRAGMENT_SPEC,
                "value": f"page={page}",
            }
            if text_selector is not None:
                fragment["refinedBy"] = dict(text_selector)
            selectors.append(fragment)
        if selectors:
            target["selector"] = selectors[0] if len(selectors) == 1 else selectors
        return target

    def commenting(self, note: Mapping[str, Any]) -> dict[str, Any]:
        """A commentary as an annotation on its quotes, a reply on the note it answers."""
        quotes = [self.quotes_by_id[i] for i in note.get("quotes", []) if i in self.quotes_by_id]
        motivation = MOTIVATIONS.get(note.get("stance") or "", "commenting")
        answered = self.notes_by_id.get(note.get("reply_to") or "")
        body: dict[str, Any] = {"type": "TextualBody", "purpose": motivation,
                                "value": note.get("text") or "", "format": "text/plain"}
        if self.language:
            body["language"] = self.language
        annotation: dict[str, Any] = {
            "@context": CONTEXT,
            "id": self.annotation_id(note),
            "type": "Annotation",
            "motivation": "replying" if answered is not None else motivation,
            "body": [body, *self.tags(quotes, note.get("tags") or ()),
                     *self.responses(note)],
            "generator": dict(GENERATOR),
        }
        if note.get("author"):
            # No ``type``: an author string may name a person or a group.
            annotation["creator"] = {"name": note["author"]}
        if answered is not None:
            annotation["target"] = self.annotation_id(answered)
        elif quotes:
            targets = [self.target(q) for q in quotes]
            annotation["target"] = targets[0] if len(targets) == 1 else targets
        else:
            # Nothing to comment on (the build warned): the page it stands on.
            annotation["target"] = self.page(note.get("docname"))
        return annotation

    def responses(self, note: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The responses to a commentary, as ``replying`` bodies of its
        annotation, each with its own ``creator`` (who answered) and its
        ``dcterms:date`` as written."""
        out = []
        for response in note.get("responses") or ():
            body: dict[str, Any] = {"type": "TextualBody", "purpose": "replying",
                                    "value": response.get("text") or "",
                                    "format": "text/plain"}
            if self.language:
                body["language"] = self.language
            if response.get("by"):
                body["creator"] = {"name": response["by"]}
            if response.get("date"):
                body["dcterms:date"] = response["date"]
            out.append(body)
        return out

    def highlighting(self, quote: Mapping[str, Any]) -> dict[str, Any]:
        """A quote nobody commented on, as a ``highlighting`` annotation."""
        annotation: dict[str, Any] = {
            "@context": CONTEXT,
            "id": self.annotation_id(quote),
            "type": "Annotation",
            "motivation": "highlighting",
            "target": self.target(quote),
            "generator": dict(GENERATOR),
        }
        tags = self.tags([quote])
        if tags:
            annotation["body"] = tags[0]
        return annotation


def to_web_annotations(
    export: Mapping[str, Any],
    *,
    base_url: str | None,
    language: str | None,
    page_urls: Mapping[str, str] | None = None,
    source_texts: Mapping[str, str] | None = None,
    filename: str = DEFAULT_FILENAME,
    label: str | None = None,
) -> dict[str, Any]:
    """The export as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD dict).

    ``export`` is the ``policynotes.json`` dict; ``base_url`` the published
    site's root (None: URN ids, relative page links); ``language`` the project's
    language (Sphinx form, ``ja`` or ``zh_CN``; None leaves it out);
    ``page_urls`` maps docnames to page URLs relative to the output root (the
    builder's ``get_target_uri``); ``source_texts`` maps source ids to the
    plain text of the source document, for ``prefix``/``suffix``; ``filename``
    is where the document is written, for the collection's id; ``label`` its
    human-readable name. See the module docstring for the shape and why.
    """
    quotes = list(export.get("quotes", []))
    maker = Annotator(export.get("sources", []), {q["id"]: q for q in quotes},
                      base_url, language, page_urls, source_texts,
                      {c["id"]: c for c in export.get("commentaries", [])})
    # Commentaries in export order, then uncommented quotes in export order.
    items: list[Any] = [maker.commenting(note) for note in export.get("commentaries", [])]
    items.extend(maker.highlighting(q) for q in quotes if not q.get("commentaries"))
    return collection(items, base_url=base_url, filename=filename, label=label)


def collection(
    items: list[Any], *, base_url: str | None, filename: str = DEFAULT_FILENAME,
    label: str | None = None,
) -> dict[str, Any]:
    """The ``AnnotationCollection`` holding ``items`` (annotations, or their
    JSON text as ``jsontext.Raw``) in one embedded page."""
    base_url = base_url or None
    if base_url:
        root = base_url
        collection_id = _iri_escape(urljoin(root if root.endswith("/") else root + "/", filename))
        page_id = collection_id + "#page-1"
    else:
        collection_id = _urn("annotations")
        page_id = _urn("annotations:page-1")
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label or "sphinx-policynotes: quotes and commentaries",
        "generator": dict(GENERATOR),
        "total": len(items),
    }
    if items:
        doc["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
        doc["last"] = page_id
    return doc


def dumps_jsonld(doc: Mapping[str, Any], *, spans: dict[int, jsontext.Spans] | None = None,
                 ) -> bytes:
    """Serialise with sorted keys and fixed indentation, as UTF-8 bytes.

    Sorted keys make the bytes depend on the content only, so builds of the same
    input can be compared and a no-op rebuild can leave the file untouched.
    """
    return jsontext.dumps(doc, sort_keys=True, spans=spans)
