"""What the importer tells its user: decisions it made and things it could not place.

The importer never guesses silently. Every judgement call (a loose paragraph
taken into a quote, author text kept as plain text, an issuer read from a
``…決定`` line) is a *note*; everything it could not classify (a quoted heading
that names no chapter or policy, a quote without a source) is a *warning*.
Both carry the 1-based line of the input they are about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Message", "Report", "Reporter", "Severity"]

Severity = Literal["note", "warning"]


@dataclass(frozen=True)
class Report:
    """One message about the input, at a 1-based line.

    ``message`` is ``template % args``, in English; the command line prints
    it in the user's language from ``template`` (a msgid of the extension's
    catalog) and ``args``. The importer itself translates nothing.
    """

    line: int
    severity: Severity
    message: str
    template: str = field(default="", compare=False, repr=False)
    args: tuple[object, ...] = field(default=(), compare=False, repr=False)

    def format(self, filename: str, gettext: Callable[[str], str] | None = None) -> str:
        """``FILE:LINE: severity: message``, the shape compilers and editors read;
        with ``gettext``, severity and message translated."""
        if gettext is None:
            return f"{filename}:{self.line}: {self.severity}: {self.message}"
        message = self.message
        if self.template:
            try:
                message = gettext(self.template) % self.args if self.args else gettext(
                    self.template)
            except (TypeError, ValueError, KeyError):
                message = self.message
        return f"{filename}:{self.line}: {gettext(self.severity)}: {message}"


class Message(str):
    """``template % args`` (English), knowing its template and arguments: what
    a callback taking ``(line, message)`` passes on to :class:`Reporter`."""

    template: str
    args: tuple[object, ...]

    def __new__(cls, template: str, *args: object) -> Message:
        self = super().__new__(cls, template % args if args else template)
        self.template = template
        self.args = args
        return self


@dataclass
class Reporter:
    """Collects :class:`Report` objects in the order they were made.

    ``template`` is a msgid with ``%`` placeholders for ``args`` (or a
    :class:`Message`).
    """

    reports: list[Report] = field(default_factory=list)

    def note(self, line: int, template: str, *args: object) -> None:
        self.reports.append(_report(line, "note", template, args))

    def warning(self, line: int, template: str, *args: object) -> None:
        self.reports.append(_report(line, "warning", template, args))

    def sorted(self) -> list[Report]:
        """The reports by line (stable: same-line reports keep their order)."""
        return sorted(self.reports, key=lambda report: report.line)


def _report(line: int, severity: Severity, template: str, args: tuple[object, ...]) -> Report:
    message = template if isinstance(template, Message) else Message(template, *args)
    return Report(line, severity, str(message), message.template, message.args)
