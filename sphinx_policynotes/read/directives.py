"""The directives: ``source-ref``, ``policy-quote``, ``commentary``, ``policy-index``.

Options are taken as text and validated here, so a bad value warns and the
content is kept (a raising option converter would make docutils drop the
whole directive). Unknown options warn too, instead of dropping the directive.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import nodes as pn
from ..cleaning import clean_text
from ..config import schemes
from ..i18n import _
from ..model import (
    STANCES,
    STATUSES,
    CommentaryRecord,
    DiffRecord,
    IndexRecord,
    LineageRecord,
    QuoteRecord,
    ResponseRecord,
    ResponsesRecord,
    SourceRecord,
    note_anchor,
    place_text,
)
from ..numbering import (
    join_cjk_lines,
    make_anchor,
    parse_chapter,
    parse_date,
    parse_page,
    policy_key,
    read_policy,
    safe_url,
)
from ..warnings import Warn, close_matches, did_you_mean, suggestion, warn
from .bodytext import body_text, join_cjk, to_blocks
from .options import AnyOption, ContentOptions, take_options
from .review import read_review
from .texts import remember

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_KANJI_NUMERAL = re.compile("[〇一二三四五六七八九十百千]")
_SPLIT = re.compile(r"[\s,、，]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")
_PENDING = "policynotes_pending_quotes"
#: ``env.temp_data`` key of the page's ``default-source`` (the page being read).
PAGE_SOURCE = "policynotes_page_source"
_SERIAL = "policynotes_serial"
#: ``env.temp_data`` key of the anchor of the commentary whose body is being read.
COMMENTARY = "policynotes_commentary"
#: (source, place) -> quotes of it so far on the page (:meth:`next_occurrence`).
_PLACES = "policynotes_places"
#: A ``:name:`` that can be an HTML id as written (not one of the ids made here).
_NAME_ID = re.compile(r"(?!(?:pq|pl|pc|pr|pi|pg|src)-)[A-Za-z][A-Za-z0-9_.:-]*")


class Collector(Protocol):
    """What the directives hand their records to: the ``policynotes`` domain
    (:class:`..collect.domain.PolicyNotesDomain`), which collects them."""

    def add_source(self, record: SourceRecord) -> None: ...
    def add_quote(self, record: QuoteRecord) -> None: ...
    def add_commentary(self, record: CommentaryRecord) -> None: ...
    def add_index(self, record: IndexRecord) -> None: ...
    def add_lineage(self, record: LineageRecord) -> None: ...
    def add_diff(self, record: DiffRecord) -> None: ...
    def add_response(self, record: ResponseRecord) -> None: ...
    def add_responses(self, record: ResponsesRecord) -> None: ...


def split_names(value: str) -> tuple[str, ...]:
    """Names from a comma-, space- or 、-separated list, normalised like labels."""
    return tuple(nodes.fully_normalize_name(n) for n in _SPLIT.split(value) if n)


class PolicyNotesDirective(SphinxDirective):
    """Shared base: permissive options, validation helpers, the domain."""

    option_spec: ClassVar[dict[str, Any]] = AnyOption()  # type: ignore[misc]
    #: Known options that an unknown one looks like ("*": the options could
    #: not be read): the warning that they are missing would be a second one.
    misspelt: frozenset[str] = frozenset()

    @property
    def known_options(self) -> frozenset[str]:
        return frozenset(dict.keys(self.option_spec))

    @property
    def domain(self) -> Collector:
        return cast("Collector", self.env.get_domain("policynotes"))

    @property
    def prefix(self) -> str:
        return str(self.config.policynotes_policy_prefix)

    def read_options(self) -> None:
        """Options of a :class:`ContentOptions` directive: from the content's
        first lines (see :mod:`.options`)."""
        if isinstance(self.option_spec, ContentOptions):
            myst = type(self.state).__module__.startswith("myst_parser")
            found, self.content, self.content_offset, twice, error = take_options(
                self.content, self.content_offset, myst=myst)
            if error is not None:
                warn(Warn.unknown_option, _("%s: cannot read the options (%s); they are "
                     "kept as text in the body"), self.name, error,
                     location=self.get_location())
                self.misspelt = frozenset({"*"})
            self.options = {**found, **self.options}
            for name in twice:
                warn(Warn.unknown_option, _("%s: option %r given more than once; the first "
                     "is used"), self.name, name, location=self.get_location())

    def classes(self) -> list[str]:
        """``:class:``: the classes to add to the directive's node, as docutils'
        ``class`` option reads them (``toggle``, ``my-note``); a name that
        makes no class warns and is left out."""
        written = self.opt("class")
        found = []
        for name in (written or "").split():
            made = nodes.make_id(name)
            if made:
                found.append(made)
            else:
                warn(Warn.bad_class, _("%s: :class: %r makes no class name; left out"),
                     self.name, name, location=self.get_location())
        return found

    def opt(self, name: str) -> str | None:
        """An option's stripped text, or None when absent or blank."""
        value = self.options.get(name)
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    def check_options(self) -> None:
        misspelt = set(self.misspelt)
        for name in sorted(set(self.options) - self.known_options):
            close = close_matches(name, self.known_options, n=1)
            misspelt.update(m for m in close if m not in self.options)
            warn(Warn.unknown_option, _("%s: unknown option %r (ignored); known: %s"),
                 self.name, name, ", ".join(sorted(self.known_options)),
                 hint=suggestion(close), location=self.get_location())
        self.misspelt = frozenset(misspelt)

    def mark_misspelt(self, node: nodes.Element) -> None:
        """Keep :attr:`misspelt` on the node, for the warnings made when resolving."""
        if self.misspelt:
            node["misspelt"] = sorted(self.misspelt)

    def next_number(self, kind: str) -> int:
        """The next number of a kind of node in this document, taken before its
        body is parsed, so nested directives get numbers of their own."""
        key = f"policynotes_count_{kind}"
        number = int(self.env.temp_data.get(key) or 0) + 1
        self.env.temp_data[key] = number
        return number

    def next_serial(self) -> int:
        serial = int(self.env.temp_data.get(_SERIAL) or 0) + 1
        self.env.temp_data[_SERIAL] = serial
        return serial

    def parse_body(self, clean: bool = False) -> list[nodes.Node]:
        """The parsed body, CJK line breaks joined (and cleaned when ``clean``)."""
        if not self.content:
            return []
        body = self.parse_content_to_nodes()
        fix = clean_text if clean else join_cjk_lines
        for child in body:
            if isinstance(child, nodes.Element):
                join_cjk(child, fix)
        return body

    def warn_empty(self, body: list[nodes.Node]) -> None:
        if not body_text(body, self.prefix):
            warn(Warn.empty_body, _("%s has an empty body"), self.name,
                 location=self.get_location())


class SourceRefDirective(PolicyNotesDirective):
    """Declare a source document once per project; renders its citation card."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyOption.of("title", "short", "issuer", "date", "url", "continues",
                                "text", "pdf", "page-offset", "scheme", "class",
                                "supersedes", "version")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        location = self.get_location()
        source_id = self.arguments[0].strip() if self.arguments else ""
        if not source_id:
            warn(Warn.missing_id, _("source-ref needs an id argument"), location=location)
        title = self.opt("title")
        if title is None and "title" not in self.misspelt:  # else unknown_option said it
            warn(Warn.missing_title, _("source-ref %r has no :title:"), source_id,
                 location=location)
        date_raw = self.opt("date")
        date = parse_date(date_raw) if date_raw else None
        if date_raw and date is None:
            warn(Warn.bad_date, _("source-ref %r: invalid :date: %r (use YYYY, YYYY-MM "
                 "or YYYY-MM-DD)"), source_id, date_raw, location=location)
        url_raw = self.opt("url")
        url = safe_url(url_raw) if url_raw else None
        if url_raw and url is None:
            warn(Warn.bad_url, _("source-ref %r: :url: %r is not an http(s) URL; "
                 "not linked"), source_id, url_raw, location=location)
        serial = self.next_serial()
        docname = self.env.docname
        # Counted, not taken from the records: a card without id has no record.
        anchor = make_anchor("src", docname, str(self.next_number("cards")))
        short = self.opt("short")
        issuer = self.opt("issuer")
        body = self.parse_body()

        card = pn.source_ref(classes=["policynotes-source", *self.classes()], ids=[anchor],
                             docname=docname, source_id=source_id)
        self.set_source_info(card)
        head = nodes.paragraph(classes=["policynotes-source-title"])
        head += nodes.inline(_("Source"), _("Source"), classes=["policynotes-kind"])
        head += nodes.Text(" ")
        head += nodes.strong(title or source_id, title or source_id)
        if short:
            head += nodes.Text(f" ({short})")
        card += head
        fields = nodes.field_list(classes=["policynotes-source-fields"])
        version = (self.opt("version") or "").strip() or None
        for label, value in ((_("Issuer"), issuer), (_("Date"), date),
                             (_("Version"), version), ("URL", url)):
            if not value:
                continue
            para = nodes.paragraph()
            if label == "URL":
                para += nodes.reference(value, value, refuri=value)
            else:
                para += nodes.Text(value)
            fields += nodes.field("", nodes.field_name(label, label), nodes.field_body("", para))
        if len(fields):
            card += fields
        continues = self.opt("continues")
        if continues:
            later = pn.source_continues(classes=["policynotes-continues"], target=continues)
            self.set_source_info(later)
            card += later
        card.extend(body)

        text_path, text_kind, text_digest = self.source_file(source_id)
        offset_raw = self.opt("page-offset")
        offset = None
        if offset_raw is not None:
            try:
                offset = int(offset_raw.translate(_FULLWIDTH_DIGITS))
            except ValueError:
                warn(Warn.bad_page, _("source-ref %r: :page-offset: %r is not an integer"),
                     source_id, offset_raw, location=location)
        scheme = self.opt("scheme")
        known = schemes(self.config)
        if scheme is not None and scheme not in known:
            warn(Warn.unknown_scheme, _("source-ref %r: :scheme: %r is not a built-in scheme "
                 "nor one of policynotes_schemes; its quotes use %r"), source_id, scheme,
                 self.config.policynotes_default_scheme,
                 hint=did_you_mean(scheme, known), location=location)
            scheme = None
        if source_id:
            self.domain.add_source(SourceRecord(
                id=source_id, title=title, short=short, issuer=issuer, date=date, url=url,
                text=body_text(body, self.prefix), docname=docname, anchor=anchor,
                lineno=self.lineno, serial=serial, continues=continues,
                text_path=text_path, text_kind=text_kind, text_digest=text_digest,
                page_offset=offset, scheme=scheme,
                supersedes=(self.opt("supersedes") or "").strip() or None,
                version=version,
            ))
        return [card]


    def source_file(self, source_id: str) -> tuple[str | None, str | None, str | None]:
        """``:text:`` or ``:pdf:``: (path from the source folder, kind, sha256), checked."""
        for kind, option in (("text", "text"), ("pdf", "pdf")):
            raw = self.opt(option)
            if raw is None:
                continue
            srcdir = Path(self.env.srcdir).resolve()
            path = (srcdir / raw.lstrip("/")).resolve()
            if not path.is_relative_to(srcdir):
                warn(Warn.bad_path, _("source-ref %r: :%s: %r is outside the project; "
                     "ignored"), source_id, option, raw, location=self.get_location())
                return None, None, None
            if not path.is_file():
                warn(Warn.bad_path, _("source-ref %r: :%s: %r: no such file"), source_id,
                     option, raw, location=self.get_location())
                return None, None, None
            if kind == "pdf" and importlib.util.find_spec("pypdf") is None:
                warn(Warn.pdf_text, _("source-ref %r: reading :pdf: needs pypdf (pip install "
                     "'sphinx-policynotes[pdf]'); quotes are not verified"), source_id,
                     location=self.get_location())
                return None, None, None
            self.env.note_dependency(str(path))
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            return path.relative_to(srcdir).as_posix(), kind, digest
        return None, None, None


class PolicyQuoteDirective(PolicyNotesDirective):
    """A quoted passage tagged with source, chapter, policy and page."""

    has_content = True
    option_spec = ContentOptions.of("source", "at", "chapter", "policy", "page", "name",
                                    "verbatim", "continues", "class")

    def next_occurrence(self, source: str | None, at: str | None, chapter: int | None,
                        policy: str | None) -> int:
        """How many quotes of this source and place came before on this page."""
        if at is not None:
            place = place_text(at)
        elif chapter is not None or policy is not None:
            place = f"{chapter or ''}|{policy or ''}"
        else:
            return 0
        seen = cast("dict[tuple[str, str], int]", self.env.temp_data.setdefault(_PLACES, {}))
        occurrence = seen.get((source or "", place), 0)
        seen[source or "", place] = occurrence + 1
        return occurrence

    def quote_ids(self, record: QuoteRecord, name: str | None) -> list[str]:
        """The quote's HTML ids: its anchor, its id by place and its ``:name:``.

        An ASCII name becomes an id as written (``page.html#NAME``) unless it
        is already an id on the page (a section's, an earlier quote's) or looks
        like one of the ids this extension makes; it is registered, so a
        section or target after it gets another id. (Other names are reached
        by ``:ref:``: HTML ids here stay ASCII.)
        """
        ids = [record.anchor]
        if record.place_anchor is not None and record.place_anchor != record.anchor:
            ids.append(record.place_anchor)
        document = self.state.document
        if name and _NAME_ID.fullmatch(name) and name not in document.ids:
            ids.append(name)
        return ids

    def run(self) -> list[nodes.Node]:
        self.read_options()
        self.check_options()
        location = self.get_location()
        at = self.opt("at")
        at = at.strip() if at is not None and at.strip() else None
        if at is not None and (self.opt("chapter") or self.opt("policy")):
            warn(Warn.conflicting_locator, _("policy-quote: :at: %r and :chapter: / :policy: "
                 "name its place twice; :at: is used"), at, location=location)
            for option in ("chapter", "policy"):
                self.options.pop(option, None)
        chapter_raw = self.opt("chapter")
        chapter = parse_chapter(chapter_raw) if chapter_raw else None
        if chapter_raw and chapter is None:
            warn(Warn.bad_chapter, _("policy-quote: cannot read :chapter: %r as a chapter "
                 "number"), chapter_raw, location=location)
        policy_raw = self.opt("policy")
        policy = (policy_key(policy_raw, self.config.policynotes_policy_prefix)
                  if policy_raw else None)
        if policy is not None and read_policy(policy, self.prefix) is None \
                and _KANJI_NUMERAL.search(policy):
            warn(Warn.bad_policy, _("policy-quote: cannot read the kanji numerals of :policy: "
                 "%r; kept as %r"), policy_raw, policy, location=location)
        if policy_raw and policy is None:
            warn(Warn.bad_policy, _("policy-quote: cannot read :policy: %r as a policy "
                 "number"), policy_raw, location=location)
        page_raw = self.opt("page")
        page = parse_page(page_raw) if page_raw else None
        if page_raw and page is None:
            warn(Warn.bad_page, _("policy-quote: :page: %r is not a positive integer"),
                 page_raw, location=location)
        name_raw = self.opt("name")
        name = nodes.fully_normalize_name(name_raw) if name_raw else None

        serial = self.next_serial()
        docname = self.env.docname
        number = self.next_number("quotes")
        source = self.opt("source") or self.env.temp_data.get(PAGE_SOURCE)
        occurrence = self.next_occurrence(source, at, chapter, policy)
        record = QuoteRecord(
            number=number, name=name, source=source, chapter=chapter, policy=policy,
            page=page, text_digest="", docname=docname, lineno=self.lineno, serial=serial,
            continues=self.opt("continues"), at=at, occurrence=occurrence)
        anchor = record.anchor
        clean = bool(self.config.policynotes_clean_text) and "verbatim" not in self.options
        body = self.parse_body(clean=clean)
        self.warn_empty(body)

        node = pn.policy_quote(classes=["policynotes-quote", *self.classes()],
                               ids=self.quote_ids(record, name),
                               docname=docname, anchor=anchor)
        self.set_source_info(node)
        self.mark_misspelt(node)
        if name is not None and name in node["ids"]:
            self.state.document.ids[name] = node
        label = pn.policy_label(classes=["policynotes-label"])
        self.set_source_info(label)
        node += label
        if body:
            quote = nodes.block_quote("", *body)
            self.set_source_info(quote)
            node += quote

        self.domain.add_quote(replace(
            record, text_digest=remember(self.env, anchor, body_text(body, self.prefix),
                                         to_blocks(body, self.prefix))))
        cast("list[int]", self.env.temp_data.setdefault(_PENDING, [])).append(number)
        return [node]


class CommentaryDirective(PolicyNotesDirective):
    """The reviewer's note on the quotes before it, or on the quotes named in ``:on:``."""

    has_content = True
    option_spec = ContentOptions.of("on", "author", "class", "name", "stance", "tags",
                                    "reply-to", "status", "decision")

    def run(self) -> list[nodes.Node]:
        self.read_options()
        self.check_options()
        review = read_review(self.opt, self.get_location())
        on_raw = self.options.get("on")
        on = split_names(str(on_raw)) if on_raw is not None else None
        implicit = tuple(self.env.temp_data.pop(_PENDING, None) or ())
        author = self.opt("author") or self.config.policynotes_default_author or None

        serial = self.next_serial()
        docname = self.env.docname
        number = self.next_number("notes")
        anchor = note_anchor(docname, number)
        # A ``response`` nested in the body answers this commentary.
        outer = self.env.temp_data.get(COMMENTARY)
        self.env.temp_data[COMMENTARY] = anchor
        try:
            body = self.parse_body()
        finally:
            self.env.temp_data[COMMENTARY] = outer
        # The note's own text: without the responses nested in it.
        own = [n for n in body if not isinstance(n, pn.response)]
        self.warn_empty(own)

        ids = [anchor]
        if review.name and _NAME_ID.fullmatch(review.name) \
                and review.name not in self.state.document.ids:
            ids.append(review.name)  # ``page.html#NAME``, as a quote's name
        stance = [] if review.stance == STANCES[0] else [f"policynotes-stance-{review.stance}"]
        node = pn.commentary(classes=["policynotes-commentary", *stance, *self.classes()],
                             ids=ids, docname=docname, anchor=anchor)
        self.set_source_info(node)
        self.mark_misspelt(node)
        label = pn.policy_label(classes=["policynotes-label"])
        self.set_source_info(label)
        node += label
        node.extend(body)

        self.domain.add_commentary(CommentaryRecord(
            number=number, author=author, on=on, implicit=implicit,
            text_digest=remember(self.env, anchor, body_text(own, self.prefix),
                                 to_blocks(own, self.prefix)),
            docname=docname,
            lineno=self.lineno, serial=serial,
            name=review.name, stance=review.stance, tags=review.tags,
            reply_to=review.reply_to, status=review.status, decision=review.decision,
        ))
        if review.name in ids:
            self.state.document.ids[review.name] = node
        return [node]


class PolicyIndexDirective(PolicyNotesDirective):
    """The cross-referenced index of quotes and notes; filled when resolving."""

    has_content = False
    option_spec = AnyOption.of("source", "coverage", "class", "stance", "status")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        source_raw = self.opt("source")
        sources = split_names_raw(source_raw) if source_raw else None
        serial = self.next_serial()
        node = pn.policy_index(docname=self.env.docname, serial=serial)
        self.set_source_info(node)
        self.domain.add_index(IndexRecord(sources=sources, docname=self.env.docname,
                                          lineno=self.lineno, serial=serial,
                                          coverage="coverage" in self.options,
                                          classes=tuple(self.classes()),
                                          stances=self.stances(), status=self.status()))
        return [node]

    def stances(self) -> tuple[str, ...] | None:
        """``:stance: concern, question``: the stances shown (an unknown one warns)."""
        raw = self.opt("stance")
        if raw is None:
            return None
        found = []
        for stance in split_names_raw(raw.casefold()):
            if stance in STANCES:
                found.append(stance)
            else:
                warn(Warn.bad_stance, _("policy-index: unknown :stance: %r (known: %s); not "
                     "filtered by it"), stance, ", ".join(STANCES),
                     hint=did_you_mean(stance, STANCES), location=self.get_location())
        return tuple(dict.fromkeys(found)) or None

    def status(self) -> str | None:
        """``:status: open``: only the notes of that status."""
        raw = self.opt("status")
        if raw is None:
            return None
        if raw.casefold() in STATUSES:
            return raw.casefold()
        warn(Warn.bad_status, _("policy-index: unknown :status: %r (known: %s); not "
             "filtered by it"), raw, ", ".join(STATUSES),
             hint=did_you_mean(raw.casefold(), STATUSES), location=self.get_location())
        return None


class PolicyLineageDirective(PolicyNotesDirective):
    """The chain of one policy (``:policy: [SOURCE:]KEY``) or of all, as tables."""

    has_content = False
    option_spec = AnyOption.of("policy")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        serial = self.next_serial()
        target = self.opt("policy")
        node = pn.policy_lineage(docname=self.env.docname, serial=serial, target=target)
        self.set_source_info(node)
        self.domain.add_lineage(LineageRecord(target=target, docname=self.env.docname,
                                              lineno=self.lineno, serial=serial))
        return [node]


def split_names_raw(value: str) -> tuple[str, ...]:
    """Ids from a comma-, space- or 、-separated list, kept as written."""
    return tuple(n for n in _SPLIT.split(value) if n)


class DefaultSourceDirective(SphinxDirective):
    """``default-source:: ID``: the source of the rest of the page's quotes
    without ``:source:`` and ``:policy:`` roles without ``SOURCE:`` (as
    ``py:currentmodule`` sets the module); ahead of
    ``policynotes_default_source``. ``default-source:: None`` ends it."""

    required_arguments = 1
    final_argument_whitespace = False
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        source = self.arguments[0].strip()
        if source == "None":
            self.env.temp_data.pop(PAGE_SOURCE, None)
        else:
            self.env.temp_data[PAGE_SOURCE] = source
        return []


def setup_directives(app: Sphinx) -> None:
    """Register the directives."""
    app.add_directive("default-source", DefaultSourceDirective)
    app.add_directive("source-ref", SourceRefDirective)
    app.add_directive("policy-quote", PolicyQuoteDirective)
    app.add_directive("commentary", CommentaryDirective)
    app.add_directive("policy-index", PolicyIndexDirective)
    app.add_directive("policy-lineage", PolicyLineageDirective)
