"""What the importer tells its user: decisions it made and things it could not place.

The importer never guesses silently. Every judgement call (a loose paragraph
taken into a quote, author text kept as plain text, an issuer read from a
``…決定`` line) is a *note*; everything it could not classify (a quoted heading
that names no chapter or policy, a quote without a source) is a *warning*.
Both carry the 1-based line of the input they are about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Report", "Reporter", "Severity"]

Severity = Literal["note", "warning"]


@dataclass(frozen=True)
class Report:
    """One message about the input, at a 1-based line."""

    line: int
    severity: Severity
    message: str

    def format(self, filename: str) -> str:
        """``FILE:LINE: severity: message``, the shape compilers and editors read."""
        return f"{filename}:{self.line}: {self.severity}: {self.message}"


@dataclass
class Reporter:
    """Collects :class:`Report` objects in the order they were made."""

    reports: list[Report] = field(default_factory=list)

    def note(self, line: int, message: str) -> None:
        self.reports.append(Report(line, "note", message))

    def warning(self, line: int, message: str) -> None:
        self.reports.append(Report(line, "warning", message))

    def sorted(self) -> list[Report]:
        """The reports by line (stable: same-line reports keep their order)."""
        return sorted(self.reports, key=lambda report: report.line)
