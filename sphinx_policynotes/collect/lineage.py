"""A policy's lineage: the items of later sources that carry on an earlier one.

``policy-quote :continues: SOURCE:POLICY`` (or a quote name) links the
quote's own item (its source and policy key) to an item of an earlier source;
``source-ref :continues: SOURCE`` links whole documents. A chain is every item
reachable through such links, in the date order of their sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..numbering import policy_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..compare import Comparison
    from ..model import QuoteRecord, SourceRecord
    from ..numbering import Locator


class Records(Protocol):
    """What a lineage reads of the collected records (a :class:`.catalog.Catalog`)."""

    @property
    def quotes(self) -> list[QuoteRecord]: ...
    @property
    def by_source_id(self) -> dict[str, SourceRecord]: ...
    @property
    def by_name(self) -> dict[str, QuoteRecord]: ...
    def source_of(self, quote: QuoteRecord) -> str | None: ...
    def source_label(self, source_id: str | None) -> str: ...
    def ordered_quotes(self) -> list[QuoteRecord]: ...
    def policy_target(self, source: str, policy: str) -> tuple[str, str] | None: ...
    def find_locator(self, source: str, written: str) -> str | None: ...
    def locator(self, quote: QuoteRecord) -> Locator | None: ...
    @property
    def compared(self) -> Callable[[str, str], Comparison | None] | None: ...


#: A lineage item: a source id and a policy key.
Item = tuple[str | None, str | None]


@dataclass
class Lineage:
    """Links between items, computed once from the catalog."""

    catalog: Records
    prefix: str
    edges: dict[Item, set[Item]] = field(init=False)  # item -> items it connects to
    targets: dict[str, Item] = field(init=False)  # quote anchor -> item it continues
    unknown: dict[str, str] = field(init=False)  # quote anchor -> target as written
    cycles: dict[str, Item] = field(init=False)  # quote anchor -> item closing a circle
    source_unknown: dict[str, str] = field(init=False)  # source anchor -> target
    source_cycles: set[str] = field(init=False)  # source anchors closing a circle
    _by_item: dict[Item, list[QuoteRecord]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        catalog = self.catalog
        self.edges = {}
        self.targets = {}
        self.unknown = {}
        self.cycles = {}
        parents: dict[Item, set[Item]] = {}
        for quote in catalog.quotes:
            if quote.continues is None:
                continue
            target = self.resolve(quote.continues)
            if target is None:
                self.unknown[quote.anchor] = quote.continues
                continue
            item = self.item_of(quote)
            if target == item or self._reaches(parents, target, item):
                self.cycles[quote.anchor] = target
                continue
            self.targets[quote.anchor] = target
            parents.setdefault(item, set()).add(target)
            self.edges.setdefault(item, set()).add(target)
            self.edges.setdefault(target, set()).add(item)
        self._implied(parents)
        self.source_unknown = {}
        self.source_cycles = set()
        source_parent: dict[str, str] = {}
        for src in catalog.by_source_id.values():
            if src.continues is None:
                continue
            if src.continues not in catalog.by_source_id:
                self.source_unknown[src.anchor] = src.continues
                continue
            walk, seen = src.continues, {src.id}
            while walk in source_parent and walk not in seen:
                seen.add(walk)
                walk = source_parent[walk]
            if walk in seen:
                self.source_cycles.add(src.anchor)
                continue
            source_parent[src.id] = src.continues

    def _implied(self, parents: dict[Item, set[Item]]) -> None:
        """The links ``:supersedes:`` implies: a quote of the new version, with
        no ``:continues:``, carries on the part of the old version its own
        part was aligned with (the 新旧対照表 of the two), where the old version
        has quotes there. Never a warning: a link that would close a circle
        is left out."""
        catalog = self.catalog
        compared = catalog.compared
        if compared is None:
            return
        tables: dict[tuple[str, str], dict[str, Any] | None] = {}
        for quote in catalog.quotes:
            source = catalog.by_source_id.get(catalog.source_of(quote) or "")
            if quote.continues is not None or source is None or not source.supersedes:
                continue
            pair = (source.id, source.supersedes)
            if pair not in tables:
                found = compared(*pair)
                tables[pair] = found.by_new_key() if found is not None else None
            rows, locator = tables[pair], catalog.locator(quote)
            row = rows.get(locator.key) if rows and locator and locator.key else None
            if row is None or row.old is None or not row.old.path:
                continue
            old = row.old.path[-1].num if row.old.path[-1].level == "policy" else row.old.key
            target: Item = (source.supersedes, old)
            item = self.item_of(quote)
            if old is None or catalog.policy_target(source.supersedes, old) is None \
                    or target == item or self._reaches(parents, target, item):
                continue
            self.targets[quote.anchor] = target
            parents.setdefault(item, set()).add(target)
            self.edges.setdefault(item, set()).add(target)
            self.edges.setdefault(target, set()).add(item)

    @staticmethod
    def _reaches(parents: dict[Item, set[Item]], start: Item, goal: Item) -> bool:
        """Whether ``goal`` is among ``start`` and its ancestors."""
        stack, seen = [start], set()
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(parents.get(current, ()))
        return False

    def item_of(self, quote: QuoteRecord) -> Item:
        return (self.catalog.source_of(quote), quote.policy)

    def resolve(self, target: str) -> Item | None:
        """``SOURCE:POLICY`` or a quote name -> the item, if it exists."""
        catalog = self.catalog
        if ":" in target:
            head, tail = (part.strip() for part in target.split(":", 1))
            key = catalog.find_locator(head, tail) or policy_key(tail, self.prefix)
            if head in catalog.by_source_id and key and catalog.policy_target(head, key):
                return (head, key)
        quote = catalog.by_name.get(target.strip().lower())
        return self.item_of(quote) if quote is not None else None

    def _date(self, item: Item) -> tuple[bool, str, str]:
        src: SourceRecord | None = self.catalog.by_source_id.get(item[0] or "")
        date = src.date if src is not None else None
        return (date is None, date or "", item[0] or "")

    def chain(self, item: Item) -> list[Item]:
        """Every item linked to ``item``, in the date order of their sources."""
        if item not in self.edges:
            return []
        found, stack = {item}, [item]
        while stack:
            for other in self.edges.get(stack.pop(), ()):
                if other not in found:
                    found.add(other)
                    stack.append(other)
        return sorted(found, key=lambda i: (*self._date(i), i[1] or ""))

    def chains(self) -> list[list[Item]]:
        """Every chain of the project, ordered by its first item."""
        seen: set[Item] = set()
        result = []
        for item in sorted(self.edges, key=lambda i: (*self._date(i), i[1] or "")):
            if item not in seen:
                chain = self.chain(item)
                seen.update(chain)
                result.append(chain)
        return result

    def quotes_of(self, item: Item) -> list[QuoteRecord]:
        """The quotes of an item, in index order."""
        if self._by_item is None:
            by_item: dict[Item, list[QuoteRecord]] = {}
            for quote in self.catalog.ordered_quotes():
                by_item.setdefault(self.item_of(quote), []).append(quote)
            self._by_item = by_item
        return self._by_item.get(item, [])

    def label(self, item: Item) -> str:
        """``推進方針 方針1-1``: the item as links show it."""
        return " ".join(p for p in (self.catalog.source_label(item[0]), item[1] or "") if p)
