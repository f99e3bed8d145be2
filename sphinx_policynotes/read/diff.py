"""The ``policy-diff`` directive: where a 新旧対照表 goes, filled when resolving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .. import nodes as pn
from ..i18n import _
from ..model import DiffRecord
from ..warnings import Warn, warn
from .directives import PolicyNotesDirective
from .options import AnyOption

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The values of ``:unchanged:``.
UNCHANGED = ("count", "show")


class PolicyDiffDirective(PolicyNotesDirective):
    """``.. policy-diff:: NEW [OLD]``: the table of what changed from OLD (by
    default the source NEW supersedes) to NEW, part by part."""

    required_arguments = 1
    optional_arguments = 1
    has_content = False
    option_spec = AnyOption.of("at", "unchanged", "class")

    def run(self) -> list[nodes.Node]:
        self.check_options()
        new, old = self.arguments[0].strip(), None
        if len(self.arguments) > 1:
            old = self.arguments[1].strip() or None
        unchanged = (self.opt("unchanged") or "count").strip().lower()
        if unchanged not in UNCHANGED:
            warn(Warn.bad_diff, _("policy-diff: :unchanged: %r is neither 'count' nor "
                 "'show'; 'count' is used"), unchanged, location=self.get_location())
            unchanged = "count"
        at = (self.opt("at") or "").strip() or None
        serial = self.next_serial()
        node = pn.policy_diff(docname=self.env.docname, serial=serial,
                              extra_classes=self.classes())
        self.set_source_info(node)
        self.domain.add_diff(DiffRecord(new=new, old=old, at=at, unchanged=unchanged,
                                        docname=self.env.docname, lineno=self.lineno,
                                        serial=serial))
        return [node]


def setup_diff_directive(app: Sphinx) -> None:
    app.add_directive("policy-diff", PolicyDiffDirective)
