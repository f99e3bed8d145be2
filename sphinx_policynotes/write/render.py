"""Fill in what only the whole project knows: labels, links and the index.

Runs at ``doctree-resolved`` (after Sphinx's post-transforms), once per
written document (or once on the assembled tree of LaTeX and singlehtml), and
emits the warnings that depend on other documents there, located at the node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .. import nodes as pn
from ..collect.answers import answers_of, check_decision, check_response
from ..collect.inventory import short_key
from ..collect.links import HTML_BUILDERS, link
from ..collect.threads import check_reply
from ..i18n import _
from ..warnings import Warn, did_you_mean, warn
from .difftable import build_diff
from .index import build_index, build_lineage
from .labels import label_parts, searched_texts, to_nodes
from .responses import build_responses

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..collect.catalog import Catalog
    from ..collect.domain import PolicyNotesDomain
    from ..model import QuoteRecord


def fill(label: nodes.Element, kind: str, anchor: str, catalog: Catalog, builder: Builder,
         fromdoc: str) -> None:
    """Fill the label of a quote or commentary (``kind``, ``anchor``).

    HTML pages: the translator makes its parts and writes them
    (``writers.html.visit_label``), so with ``-j N`` that is done in the
    processes that write the pages, not in the main one; here the label only
    gets the texts of its searchable parts, for the search index (which
    Sphinx feeds in the main process). Other outputs get nodes.
    """
    label.clear()
    if builder.name in HTML_BUILDERS:
        label["record"] = (kind, anchor)
        label["fromdoc"] = fromdoc
        label.extend(nodes.Text(text) for text in searched_texts(catalog, kind, anchor))
    else:
        label.extend(to_nodes(label_parts(catalog, kind, anchor), builder, fromdoc, catalog))


def place(record: Any) -> str:
    """``docname:line`` of a record, for messages that name a second place."""
    return f"{record.docname}:{record.lineno}"


class PolicyNotesResolver(SphinxTransform):
    """Fill quote and commentary labels, replace index placeholders.

    Links are made from the node's own document (``docname``), not the one
    being written: LaTeX and singlehtml resolve one tree assembled from all.
    """

    def apply(self, **kwargs: Any) -> None:
        """``builder``: the running builder (handed over by the
        ``doctree-resolved`` handler, which Sphinx gives the application)."""
        domain = cast("PolicyNotesDomain", self.env.get_domain("policynotes"))
        catalog = domain.catalog
        builder = cast("Builder", kwargs["builder"])
        for card in list(self.document.findall(pn.source_ref)):
            first = catalog.duplicate_sources.get(card["ids"][0] if card["ids"] else "")
            if first is not None:
                warn(Warn.duplicate_source, _("duplicate source-ref id %r; the first, at "
                     "%s, is used"), first.id, place(first), location=card)
            own = catalog.by_source_id.get(card.get("source_id") or "")
            if own is not None and own.supersedes and first is None \
                    and own.supersedes not in catalog.by_source_id:
                warn(Warn.unknown_source, _("source-ref %r: :supersedes: %r is not a declared "
                     "source"), own.id, own.supersedes,
                     hint=did_you_mean(own.supersedes, catalog.by_source_id), location=card)
        for later in list(self.document.findall(pn.source_continues)):
            self.source_continues(later, catalog, builder)
        for quote_node in list(self.document.findall(pn.policy_quote)):
            self.quote(quote_node, domain, catalog, builder, quote_node["docname"])
        for note in list(self.document.findall(pn.commentary)):
            self.commentary(note, catalog, builder, note["docname"])
        for answer in list(self.document.findall(pn.response)):
            self.response(answer, catalog, builder, answer["docname"])
        for index in list(self.document.findall(pn.policy_index)):
            record = catalog.index_at(index["docname"], index["serial"])
            if record is None:
                index.replace_self([])
                continue
            for name in dict.fromkeys(record.sources or ()):
                if name not in catalog.by_source_id:
                    warn(Warn.unknown_source, _("policy-index: unknown source %r"), name,
                         hint=did_you_mean(name, catalog.by_source_id), location=index)
            if builder.format == "html":
                # Built by the HTML translator (writers.html): with -j N that
                # runs in the writing processes, not in the main one.
                index["deferred"] = True
                continue
            index.replace_self(build_index(catalog, record, builder, record.docname))
        for diff in list(self.document.findall(pn.policy_diff)):
            self.diff(diff, domain, builder)
        for table in list(self.document.findall(pn.policy_responses)):
            self.responses(table, catalog, builder)
        for view in list(self.document.findall(pn.policy_lineage)):
            found = next((r for r in catalog.lineage_records
                          if r.docname == view["docname"] and r.serial == view["serial"]), None)
            if found is None:
                view.replace_self([])
                continue
            view.replace_self(build_lineage(catalog, found, builder, found.docname, view))

    def diff(self, node: nodes.Element, domain: PolicyNotesDomain, builder: Builder) -> None:
        """Replace a ``policy-diff`` placeholder with its table, or warn why not."""
        from ..collect.diffs import comparison_of

        record = next((r for r in domain.all_records("diffs")
                       if r.docname == node["docname"] and r.serial == node["serial"]), None)
        if record is None:
            node.replace_self([])
            return
        pair, comparison = comparison_of(domain, record)
        catalog = domain.catalog
        if comparison is None:
            messages = {
                "unknown_new": _("policy-diff: unknown source %r"),
                "unknown_old": _("policy-diff: unknown source %r"),
                "no_old": _("policy-diff: source %r supersedes no source; name the older "
                            "one (.. policy-diff:: NEW OLD) or give it :supersedes:"),
                "same": _("policy-diff: %r compared with itself"),
            }
            about = pair.about or record.new
            known = pair.problem not in ("unknown_new", "unknown_old")
            warn(Warn.bad_diff, messages[pair.problem or "unknown_new"], about,
                 hint="" if known else did_you_mean(about, catalog.by_source_id),
                 location=node)
            node.replace_self([])
            return
        table = build_diff(catalog, record, pair, comparison, builder)
        table["classes"].extend(node.get("extra_classes", ()))
        node.replace_self(table)

    def source_continues(self, node: pn.source_continues, catalog: Catalog,
                         builder: Builder) -> None:
        card = node.parent
        anchor = card["ids"][0] if card is not None and card["ids"] else ""
        lineage = catalog.lineage
        if anchor in lineage.source_unknown:
            warn(Warn.unknown_continues, _("source-ref :continues: %r is not a declared "
                 "source"), node["target"], hint=did_you_mean(node["target"],
                                                               catalog.by_source_id),
                 location=node)
            node.parent.remove(node)
            return
        if anchor in lineage.source_cycles:
            warn(Warn.lineage_cycle, _("source-ref :continues: %r goes round in a circle; "
                 "ignored"), node["target"], location=node)
            node.parent.remove(node)
            return
        earlier = catalog.by_source_id.get(node["target"])
        node.clear()
        if earlier is None:  # a duplicate card: its first instance carries the link
            node.parent.remove(node)
            return
        node += nodes.Text(_("Continues") + " ")
        node += link(builder, card["docname"], earlier.docname, earlier.anchor,
                     earlier.title or earlier.id, earlier.title, ["policynotes-source-label"])

    def quote(self, node: pn.policy_quote, domain: PolicyNotesDomain, catalog: Catalog,
              builder: Builder, fromdoc: str) -> None:
        quote = catalog.by_anchor.get(node["anchor"])
        if quote is None:
            return
        source = catalog.source_of(quote)
        if source is None:
            if not misspelt(node, "source"):  # else its unknown_option is the warning
                warn(Warn.no_source, _("policy-quote has no :source:, no "
                     "policynotes_default_source is set and the project does not declare "
                     "exactly one source"), location=node)
        elif source not in catalog.by_source_id:
            warn(Warn.unknown_source, _("policy-quote: unknown source %r"), source,
                 hint=did_you_mean(source, catalog.by_source_id), location=node)
        locator = catalog.locators.get(quote.anchor)
        if locator is not None and locator.error is not None:
            error = locator.error
            reason = _(error.reason) % error.args if error.args else _(error.reason)
            why = _('numbering scheme %r cannot read "%s": %s') % (error.scheme, error.part,
                                                                    reason)
            warn(Warn.bad_locator, _("policy-quote :at: %r: %s; it is indexed with its "
                 "source's passages without a place"), locator.label, why, location=node)
        first = catalog.duplicate_names.get(quote.anchor)
        if first is not None:
            warn(Warn.duplicate_name, _("duplicate quote name %r; the first, at %s, is "
                 "used"), quote.name, place(first), location=node)
        clash = domain.data["label_clashes"].get(quote.anchor)
        if clash is not None:
            warn(Warn.duplicate_name, _("quote name %r is already a label in %s; "
                 ":ref: goes there"), quote.name, clash[0], location=node)
        lineage = catalog.lineage
        if quote.anchor in lineage.unknown:
            written = str(quote.continues)
            known = [*catalog.by_name, *(f"{s}:{short_key(k, catalog.prefix)}"
                                         for s, k in catalog.policy_pairs() if s)]
            warn(Warn.unknown_continues, _("policy-quote :continues: %r names no quote and "
                 "no SOURCE:POLICY that has quotes"), quote.continues,
                 hint=did_you_mean(written, known), location=node)
        if quote.anchor in lineage.cycles:
            warn(Warn.lineage_cycle, _("policy-quote :continues: %r goes round in a circle "
                 "back to this quote's policy; ignored"), quote.continues, location=node)
        label = node.next_node(pn.policy_label)
        if label is None:
            return
        self.verification(node, catalog, quote)
        fill(label, "quote", quote.anchor, catalog, builder, fromdoc)

    def verification(self, node: nodes.Element, catalog: Catalog, quote: QuoteRecord) -> None:
        """Warn about misquotes and wrong pages (the label shows the status)."""
        verifier = catalog.verifier
        source = catalog.source_of(quote)
        if source in verifier.errors:
            warn(Warn.pdf_text, _("source %r: its text cannot be read: %s"), source,
                 verifier.errors[source], location=node)
        result = verifier.result(quote)
        if result is None:
            return
        if result.status == "close":
            warn(Warn.misquote, _("policy-quote differs from the source (score %s): %s; the "
                 "source reads %r"), result.score, result.diff, _short(result.wording),
                 location=node)
        elif result.status == "not_found":
            warn(Warn.quote_not_found, _("policy-quote not found in the text of source %r: "
                 "%r"), source, _short(catalog.text(quote)), location=node)
        elif quote.page is not None and result.page is not None:
            expected = verifier.physical_page(quote)
            if expected != result.page:
                warn(Warn.page_mismatch, _("policy-quote :page: %s, but the source has it on "
                     "page %s"), quote.page, result.printed_page or result.page,
                     location=node)

    def commentary(self, node: pn.commentary, catalog: Catalog, builder: Builder,
                   fromdoc: str) -> None:
        note = catalog.notes_by_anchor.get(node["anchor"])
        if note is None:
            return
        targets = [catalog.by_anchor[a] for a in catalog.targets.get(note.anchor, ())]
        unknown = tuple(dict.fromkeys(catalog.unknown_names.get(note.anchor, ())))
        for name in unknown:
            # When no name of :on: exists, this is the one warning of the mistake.
            message = (_("commentary :on: names an unknown quote %r") if targets else
                       _("commentary :on: names an unknown quote %r, so it comments on no "
                         "quote"))
            warn(Warn.unknown_quote, message, name, hint=did_you_mean(name, catalog.by_name),
                 location=node)
        check_reply(catalog, note, node)
        check_decision(catalog, note, node)
        # A reply comments on the note it answers (or warned that it cannot).
        if not targets and not unknown and not misspelt(node, "on") and note.reply_to is None:
            why = (_("none of the quotes named in :on: exists") if note.on is not None else
                   _("no policy-quote before it since the previous commentary, and no :on:"))
            warn(Warn.nothing_to_comment, _("commentary has no quote to comment on (%s)"),
                 str(why), location=node)
        label = node.next_node(pn.policy_label)
        if label is None:
            return
        fill(label, "commentary", note.anchor, catalog, builder, fromdoc)


    def response(self, node: pn.response, catalog: Catalog, builder: Builder,
                 fromdoc: str) -> None:
        found = answers_of(catalog).by_anchor.get(node["anchor"])
        if found is None:
            return
        check_response(catalog, found, node)
        label = node.next_node(pn.policy_label)
        if label is not None:
            fill(label, "response", found.anchor, catalog, builder, fromdoc)

    def responses(self, node: nodes.Element, catalog: Catalog, builder: Builder) -> None:
        """Replace a ``policy-responses`` placeholder with its table."""
        record = next((r for r in catalog.response_tables
                       if r.docname == node["docname"] and r.serial == node["serial"]), None)
        if record is None:
            node.replace_self([])
            return
        if record.source and record.source not in catalog.by_source_id:
            warn(Warn.unknown_source, _("policy-responses: unknown source %r"), record.source,
                 hint=did_you_mean(record.source, catalog.by_source_id), location=node)
        node.replace_self(build_responses(catalog, record, builder, record.docname))


def misspelt(node: nodes.Element, option: str) -> bool:
    """Whether the directive of ``node`` had an unknown option that looks like
    ``option``, or options it could not read (it warned then: the missing
    option is that warning's consequence, not a second mistake)."""
    written = node.get("misspelt") or ()
    return option in written or "*" in written


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit] + "…"


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in labels and indexes once Sphinx's own post-transforms are done.

    Rendering after them keeps their passes (each walks the whole tree) off
    the thousands of label and index nodes: a tenth of a large build. What
    is made here needs none of them: links are final ``reference`` nodes.
    """
    if getattr(doctree.settings, "env", None) is None:
        doctree.settings.env = app.env
    held = cast("PolicyNotesDomain", app.env.get_domain("policynotes")).held
    try:
        with held.holding(docname):
            PolicyNotesResolver(doctree).apply(builder=app.builder)
    finally:
        # With the warnings of its roles (held by the domain's resolve_xref),
        # from the top of the page down.
        held.flush(docname)


def setup_render(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved)
