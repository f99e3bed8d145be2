"""What an import is asked to do, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from .reports import Report

__all__ = ["ImportOptions", "ImportResult", "NoteSummary"]


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the commentaries' author, whether to clean quotes, the post's name."""

    author: str | None = None
    clean: bool = True
    filename: str = "post.md"


@dataclass(frozen=True)
class NoteSummary:
    """A commentary (its first input line) and the quotes it is on (their lines)."""

    line: int
    quotes: tuple[int, ...]


@dataclass(frozen=True)
class ImportResult:
    """The MyST page, the reports (by line) and what was written.

    ``sources`` are the ids of the sources its quotes are filed under (and
    those it names), ``declared`` those whose ``source-ref`` is on this page,
    ``schemes`` the numbering scheme chosen for each of ``sources``;
    ``located`` counts the quotes written with a place (``:at:``, or
    ``:chapter:``/``:policy:``).
    """

    markdown: str
    reports: list[Report]
    sources: list[str] = field(default_factory=list)
    quotes: int = 0
    commentaries: int = 0
    located: int = 0
    declared: list[str] = field(default_factory=list)
    schemes: dict[str, str] = field(default_factory=dict)
    notes: list[NoteSummary] = field(default_factory=list)

    @property
    def unlocated(self) -> int:
        """Quotes written without a place."""
        return self.quotes - self.located

    @property
    def shared_notes(self) -> int:
        """Commentaries on more than one quote."""
        return sum(1 for note in self.notes if len(note.quotes) > 1)

    @property
    def warnings(self) -> int:
        return sum(1 for report in self.reports if report.severity == "warning")
