"""The ``response`` and ``policy-responses`` directives.

``response`` is the answering body's reply to a commentary: nested in the
commentary's body, or anywhere with the commentary's ``:name:`` as its
argument. ``policy-responses`` is where the 意見と考え方 table of a source
goes, filled when resolving (:mod:`..write.responses`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from docutils import nodes

from .. import nodes as pn
from ..i18n import _
from ..model import DECISIONS, STATUSES, ResponseRecord, ResponsesRecord
from ..numbering import parse_date
from ..warnings import Warn, did_you_mean, warn
from .bodytext import body_text, to_blocks
from .directives import COMMENTARY, PolicyNotesDirective
from .options import AnyOption
from .texts import remember

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ResponseDirective(PolicyNotesDirective):
    """``.. response:: [NAME]``: the reply to the commentary it stands in, or to
    the commentary of that ``:name:``; ``:by:`` who answers, ``:date:``."""

    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec = AnyOption.of("by", "date", "class")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        location = self.get_location()
        to = (nodes.fully_normalize_name(self.arguments[0])
              if self.arguments and self.arguments[0].strip() else None)
        parent = self.env.temp_data.get(COMMENTARY)
        date = self.opt("date")
        if date and parse_date(date) is None:
            warn(Warn.bad_date, _("response: :date: %r is not YYYY, YYYY-MM or YYYY-MM-DD; "
                 "shown as written"), date, location=location)
        serial = self.next_serial()
        docname = self.env.docname
        number = self.next_number("responses")
        record = ResponseRecord(number=number, parent=None if to else parent, to=to,
                                by=self.opt("by") or None, date=date, text_digest="",
                                docname=docname, lineno=self.lineno, serial=serial)
        body = self.parse_body()
        self.warn_empty(body)
        node = pn.response(classes=["policynotes-response", *self.classes()],
                           ids=[record.anchor], docname=docname, anchor=record.anchor)
        self.set_source_info(node)
        self.mark_misspelt(node)
        label = pn.policy_label(classes=["policynotes-label"])
        self.set_source_info(label)
        node += label
        node.extend(body)
        self.domain.add_response(replace(
            record, text_digest=remember(self.env, record.anchor, body_text(body, self.prefix),
                                         to_blocks(body, self.prefix))))
        return [node]


class PolicyResponsesDirective(PolicyNotesDirective):
    """``.. policy-responses::`` with ``:source: ID``: the 意見と考え方 table of the
    commentaries on that source's quotes, in the order of its parts."""

    has_content = False
    option_spec = AnyOption.of("source", "status", "decision", "class")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        location = self.get_location()
        source = self.opt("source")
        if source is None:
            warn(Warn.unknown_source, _("policy-responses: no :source: given; the table "
                 "is empty"), location=location)
        status = self._filter("status", STATUSES)
        decision = self._filter("decision", DECISIONS)
        serial = self.next_serial()
        node = pn.policy_responses(docname=self.env.docname, serial=serial)
        self.set_source_info(node)
        self.domain.add_responses(ResponsesRecord(
            source=source or "", status=status, decision=decision,
            docname=self.env.docname, lineno=self.lineno, serial=serial,
            classes=tuple(self.classes())))
        return [node]

    def _filter(self, option: str, known: tuple[str, ...]) -> str | None:
        raw = self.opt(option)
        if raw is None:
            return None
        value = raw.casefold()
        if value in known:
            return value
        kind = Warn.bad_status if option == "status" else Warn.bad_decision
        warn(kind, _("policy-responses: unknown :%s: %r (known: %s); not filtered by it"),
             option, raw, ", ".join(known), hint=did_you_mean(value, known),
             location=self.get_location())
        return None


def setup_response_directives(app: Sphinx) -> None:
    app.add_directive("response", ResponseDirective)
    app.add_directive("policy-responses", PolicyResponsesDirective)
