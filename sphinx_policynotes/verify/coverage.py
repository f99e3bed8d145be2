"""Coverage of a source: which of its policies are quoted and commented on.

:func:`coverage` combines the source's structure (:func:`.structure.find_structure`)
with the ``(chapter, policy)`` keys of the project's quotes and of the quotes
that have a commentary.  Each policy of the source is

* ``"commented"``: quoted, and at least one of those quotes has a commentary;
* ``"quoted"``: quoted, without commentary;
* ``"untouched"``: not quoted at all.

A quote key is ``(chapter number or None, policy key or None)`` as the
export writes them.  ``(4, "方針1-1")`` names the policy 方針1-1 under 第4章;
``(None, "方針1-1")`` names it when exactly one chapter has such a policy;
``(4, None)`` marks only the chapter as quoted.  Keys that name no policy of
the source (a typo, a wrong chapter, an ambiguous chapter-less key) are listed
in ``unmatched``.  A repeated marker (the same key twice in one chapter)
counts once, at its first occurrence.

JSON form (:meth:`Coverage.to_dict`, the export's ``"coverage"`` entry for one
source)::

    {"summary": "方針: 9/12 quoted, 7/12 commented; 背景: 1/2 quoted, 0/2 commented",
     "totals": [{"kind": "方針", "total": 12, "quoted": 9, "commented": 7,
                 "untouched": 3}, ...],
     "chapters": [{"chapter": 4, "label": "第４章", "title": "デジタル・ガバメント推進方針",
                   "page": 5, "quoted": true,
                   "policies": [{"policy": "方針1-1", "kind": "方針",
                                 "label": "【方針１－１】", "title": "…", "page": 5,
                                 "status": "commented"}, ...]}, ...],
     "unmatched": [{"chapter": 4, "policy": "方針9-9"}]}

``totals`` lists one entry per kind of policy (the key's non-numeric prefix,
or a template such as ``(N)``), the configured prefix (``方針``) first, then
in order of first appearance; ``quoted`` counts commented policies too, so
``untouched = total - quoted``.  ``chapters`` is in document order; a chapter
without markers is listed with ``"policies": []``; markers before the first
chapter heading sit in a leading entry with ``"chapter": null``.  ``page`` is
the physical page of the heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .structure import Heading

__all__ = [
    "ChapterCoverage",
    "Coverage",
    "KindTotals",
    "PolicyCoverage",
    "QuoteKey",
    "coverage",
]

#: ``(chapter, policy)`` of a quote, as in the export.
QuoteKey = tuple[int | None, str | None]
PolicyStatus = Literal["commented", "quoted", "untouched"]


@dataclass(frozen=True)
class PolicyCoverage:
    """One policy marker of the source and whether it is quoted / commented."""

    policy: str
    kind: str
    chapter: int | None
    label: str
    title: str
    page: int
    status: PolicyStatus

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see the module docstring)."""
        return {
            "policy": self.policy,
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "page": self.page,
            "status": self.status,
        }


@dataclass(frozen=True)
class ChapterCoverage:
    """One chapter (or the part before the first chapter) and its policies."""

    chapter: int | None
    label: str
    title: str
    page: int | None
    quoted: bool
    policies: tuple[PolicyCoverage, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see the module docstring)."""
        return {
            "chapter": self.chapter,
            "label": self.label,
            "title": self.title,
            "page": self.page,
            "quoted": self.quoted,
            "policies": [policy.to_dict() for policy in self.policies],
        }


@dataclass(frozen=True)
class KindTotals:
    """Counts for one kind of policy; ``quoted`` includes ``commented``."""

    kind: str
    total: int
    quoted: int
    commented: int

    @property
    def untouched(self) -> int:
        """Policies of this kind that no quote names."""
        return self.total - self.quoted

    def summary(self) -> str:
        """Return ``方針: 9/12 quoted, 7/12 commented``."""
        return (
            f"{self.kind}: {self.quoted}/{self.total} quoted, "
            f"{self.commented}/{self.total} commented"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see the module docstring)."""
        return {
            "kind": self.kind,
            "total": self.total,
            "quoted": self.quoted,
            "commented": self.commented,
            "untouched": self.untouched,
        }


@dataclass(frozen=True)
class Coverage:
    """Per-chapter coverage of one source, totals per kind, unmatched quote keys."""

    chapters: tuple[ChapterCoverage, ...]
    totals: tuple[KindTotals, ...]
    unmatched: tuple[QuoteKey, ...]

    @property
    def summary(self) -> str:
        """One line for the index, e.g. ``方針: 9/12 quoted, 7/12 commented``."""
        return "; ".join(total.summary() for total in self.totals)

    def to_dict(self) -> dict[str, Any]:
        """Return the export's JSON form (see the module docstring)."""
        return {
            "summary": self.summary,
            "totals": [total.to_dict() for total in self.totals],
            "chapters": [chapter.to_dict() for chapter in self.chapters],
            "unmatched": [
                {"chapter": chapter, "policy": policy} for chapter, policy in self.unmatched
            ],
        }


def _resolve(
    keys: Iterable[QuoteKey],
    known: set[tuple[int | None, str]],
    chapters_of: dict[str, list[int | None]],
) -> tuple[set[tuple[int | None, str]], set[int | None], list[QuoteKey]]:
    """Map quote keys to (chapter, policy) of the source; chapters; unmatched keys."""
    policies: set[tuple[int | None, str]] = set()
    chapters: set[int | None] = set()
    unmatched: list[QuoteKey] = []
    for chapter, policy in keys:
        if policy is None:
            if chapter is not None:
                chapters.add(chapter)
            continue
        if (chapter, policy) in known:
            policies.add((chapter, policy))
            chapters.add(chapter)
        elif chapter is None and len(chapters_of.get(policy, [])) == 1:
            owner = chapters_of[policy][0]
            policies.add((owner, policy))
            chapters.add(owner)
        else:
            unmatched.append((chapter, policy))
            if chapter is not None:
                chapters.add(chapter)
    return policies, chapters, unmatched


def _sort_unmatched(keys: Iterable[QuoteKey]) -> tuple[QuoteKey, ...]:
    """Deduplicate and order unmatched keys (None first) for stable output."""
    return tuple(sorted(set(keys), key=lambda k: (k[0] is not None, k[0] or 0, k[1] or "")))


def coverage(
    structure: Sequence[Heading],
    quoted: Iterable[QuoteKey],
    commented: Iterable[QuoteKey] = (),
    *,
    prefix: str = "方針",
) -> Coverage:
    """Return which policies of ``structure`` are quoted, commented, untouched.

    ``quoted`` holds the key of every quote of this source, ``commented``
    the keys of quotes that have a commentary (these count as quoted too).
    ``prefix`` is ``policynotes_policy_prefix``: its kind is listed first.
    """
    quoted_keys = list(quoted)
    commented_keys = list(commented)
    known: set[tuple[int | None, str]] = set()
    chapters_of: dict[str, list[int | None]] = {}
    for heading in structure:
        if heading.kind == "policy" and (heading.chapter, heading.key) not in known:
            known.add((heading.chapter, heading.key))
            chapters_of.setdefault(heading.key, []).append(heading.chapter)
    q_policies, q_chapters, q_unmatched = _resolve(quoted_keys, known, chapters_of)
    c_policies, c_chapters, c_unmatched = _resolve(commented_keys, known, chapters_of)
    q_policies |= c_policies
    q_chapters |= c_chapters

    groups: list[tuple[Heading | None, list[PolicyCoverage]]] = [(None, [])]
    group_of: dict[int | None, int] = {None: 0}
    seen: set[tuple[int | None, str]] = set()
    for heading in structure:
        if heading.kind == "chapter":
            if heading.chapter not in group_of:  # a repeated heading counts once
                group_of[heading.chapter] = len(groups)
                groups.append((heading, []))
            continue
        key = (heading.chapter, heading.key)
        if key in seen:
            continue
        seen.add(key)
        status: PolicyStatus = (
            "commented" if key in c_policies else "quoted" if key in q_policies else "untouched"
        )
        entry = PolicyCoverage(
            heading.key,
            heading.policy_kind,
            heading.chapter,
            heading.label,
            heading.title,
            heading.page,
            status,
        )
        groups[group_of.get(heading.chapter, 0)][1].append(entry)
    if not groups[0][1]:
        groups.pop(0)

    chapters = tuple(
        ChapterCoverage(
            chapter=head.chapter if head is not None else None,
            label=head.label if head is not None else "",
            title=head.title if head is not None else "",
            page=head.page if head is not None else None,
            quoted=(head.chapter if head is not None else None) in q_chapters
            or any(p.status != "untouched" for p in policies),
            policies=tuple(policies),
        )
        for head, policies in groups
    )
    return Coverage(
        chapters=chapters,
        totals=_totals(chapters, prefix),
        unmatched=_sort_unmatched(q_unmatched + c_unmatched),
    )


def _totals(chapters: Sequence[ChapterCoverage], prefix: str) -> tuple[KindTotals, ...]:
    """Count policies per kind, the configured prefix's kind first."""
    counts: dict[str, list[int]] = {}
    for chapter in chapters:
        for policy in chapter.policies:
            total = counts.setdefault(policy.kind, [0, 0, 0])
            total[0] += 1
            total[1] += policy.status != "untouched"
            total[2] += policy.status == "commented"
    order = sorted(counts, key=lambda kind: kind != prefix)  # stable: appearance order
    return tuple(KindTotals(kind, *counts[kind]) for kind in order)
