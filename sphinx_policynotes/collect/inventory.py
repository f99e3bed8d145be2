"""What ``objects.inv`` lists, and the roles' links into other projects' lists.

Another Sphinx project reaches, through intersphinx, each source
(``policynotes:source``, by id), each policy or locator of a source
(``policynotes:policy``, ``SOURCE:KEY``) and each named quote
(``policynotes:quote``, ``SOURCE:NAME``; the bare ``NAME`` is its ``std:label``
alone, so ``:ref:`` and MyST's untyped ``inv:`` links find one target).

``:policy:`INV:SOURCE:KEY``` and ``:source-ref:`INV:SOURCE``` of a project
with the extension are looked up in the inventory ``INV`` here, with the
policy written as the role accepts it (``1-1`` for ``方針1-1``, any written form
of a locator), and warn located like a local target when it has no such entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..i18n import _
from ..numbering import DEFAULT_SCHEME, natural_key, policy_key, read_locator
from ..warnings import Warn, close_matches, did_you_mean, format_message, suggestion, warn

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.environment import BuildEnvironment

    from .catalog import Catalog

#: One ``objects.inv`` entry: name, display name, type, docname, anchor, priority.
Entry = tuple[str, str, str, str, str, int]


def inventory_entries(catalog: Catalog) -> Iterator[Entry]:
    """Sources, policies and named quotes, for ``objects.inv``.

    Policies and quotes have priority -1: they stay in the inventory but not
    in the search index, where their text is already indexed as it stands.
    A quote of no source has only its ``std:label``.
    """
    for src in catalog.by_source_id.values():
        yield (src.id, src.title or src.id, "source", src.docname, src.anchor, 1)
    for source, key in catalog.policy_pairs():
        place = catalog.policy_target(source, key) if source is not None else None
        if source is None or place is None:
            continue
        title = f"{catalog.source_label(source)} {catalog.key_label(source, key)}"
        yield (f"{source}:{key}", title, "policy", place[0], place[1], -1)
    for name, quote in catalog.by_name.items():
        source = catalog.source_of(quote)
        if source is not None:
            yield (f"{source}:{name}", catalog.quote_label(quote), "quote", quote.docname,
                   quote.anchor, -1)


def link_remote(env: BuildEnvironment, catalog: Catalog, typ: str, target: str, unknown: str,
                node: pending_xref, contnode: Element) -> nodes.reference | None:
    """The link of a role target not found here: in the intersphinx inventory
    its ``INV:`` names, with that inventory's warning; else warn ``unknown``."""
    remote = resolve_remote(env, catalog, typ, target, node, contnode)
    if remote is not None and remote.warning is not None:
        warn(remote.warning[0], "%s", remote.warning[1], location=node)
    elif remote is None or remote.node is None:
        warn(Warn.unknown_ref, "%s", unknown, location=node)
    return remote.node if remote is not None else None


class Remote(NamedTuple):
    """A role target in another project's inventory: the link (None when the
    inventory lacks it) and the warning to emit (subtype, message), if any."""

    node: nodes.reference | None
    warning: tuple[Warn, str] | None = None


def _inventories(env: BuildEnvironment) -> Mapping[str, Any]:
    """intersphinx's inventories by name; none when intersphinx is not loaded."""
    if not hasattr(env, "intersphinx_named_inventory"):
        return {}
    from sphinx.ext.intersphinx import InventoryAdapter

    return InventoryAdapter(env).named_inventory


def resolve_remote(env: BuildEnvironment, catalog: Catalog, typ: str, target: str,
                   node: pending_xref, contnode: Element) -> Remote | None:
    """A ``source-ref`` or ``policy`` target ``INV:…`` whose ``INV`` names an
    intersphinx inventory (and no source here), resolved there; None when it
    names none."""
    head, sep, rest = target.strip().partition(":")
    inventories = _inventories(env)
    inv, rest = head.strip(), rest.strip()
    if not sep or inv not in inventories or inv in catalog.by_source_id \
            or inv in catalog.quoted_sources():
        return None  # a source of this project wins over an inventory's name
    if typ == "source-ref":
        sources: Mapping[str, Any] = inventories[inv].get("policynotes:source", {})
        if rest not in sources:
            return Remote(None, (Warn.unknown_ref, format_message(
                _("source-ref target %r: inventory %s has no source %s"), (target, inv, rest))
                + did_you_mean(rest, sources)))
        return Remote(_link(env, inv, rest, node, contnode))
    policies: Mapping[str, Any] = inventories[inv].get("policynotes:policy", {})
    source, colon, written = rest.partition(":")
    source, written = (source.strip(), written) if colon else ("", source)
    keys = _keys(catalog, written.strip())
    if source:
        found = _first([f"{source}:{k}" for k in keys], policies)
        candidates = [source] if found else []
    else:
        found_by: dict[str, str] = {}
        for name in sorted(policies, key=natural_key):
            if name.split(":", 1)[-1] in keys:
                found_by.setdefault(name.split(":", 1)[0], name)
        candidates = sorted(found_by)
        found = found_by[candidates[0]] if candidates else None
    if found is None:
        return Remote(None, (Warn.unknown_ref, format_message(
            _("policy target %r: inventory %s has no policy %s"), (target, inv, rest))
            + suggestion(_suggest(rest, policies, catalog.prefix))))
    link = _link(env, inv, found, node, contnode)
    if len(candidates) > 1:
        key = found.split(":", 1)[1]
        return Remote(link, (Warn.ambiguous_ref, format_message(
            _("policy target %r is ambiguous: %s in %s; write SOURCE:%s (linked to %s)"),
            (target, key, ", ".join(candidates), key, candidates[0]))))
    return Remote(link)


def _keys(catalog: Catalog, written: str) -> list[str]:
    """The keys a written policy may be in another project, most literal first:
    as written, as a ``ja-plan`` policy (``1-1`` -> ``方針1-1``), as a locator of
    each other scheme known here."""
    keys = [written]
    key = policy_key(written, catalog.prefix)
    if key:
        keys.append(key)
    for name, scheme in catalog.schemes.items():
        if name != DEFAULT_SCHEME:
            locator = read_locator(written, scheme, prefix=catalog.prefix)
            if locator.ok and locator.key:
                keys.append(locator.key)
    return list(dict.fromkeys(keys))


def short_key(key: str, prefix: str) -> str:
    """A policy key as a role target may be written: ``方針1-1`` -> ``1-1``."""
    return key[len(prefix):] if prefix and key.startswith(prefix) and key != prefix else key


def _suggest(rest: str, policies: Mapping[str, Any], prefix: str) -> list[str]:
    """The listed policies closest to ``SOURCE:KEY``, as a role may write them
    (``dg-2017:1-1``); else the sources that list its key."""
    written = sorted({f"{name.split(':', 1)[0]}:{short_key(name.split(':', 1)[-1], prefix)}"
                      for name in policies}, key=natural_key)
    key = rest.rpartition(":")[2].strip()
    return close_matches(rest, written) or [w for w in written if w.endswith(f":{key}")][:2]


def _first(names: list[str], policies: Mapping[str, Any]) -> str | None:
    """The first of ``names`` listed, else the first listed locator below one of
    them (``Article 5`` names ``art_5__para_1__point_a`` when only that is)."""
    for name in names:
        if name in policies:
            return name
    below = sorted((p for p in policies for name in names if p.startswith(f"{name}__")),
                   key=natural_key)
    return below[0] if below else None


def _link(env: BuildEnvironment, inv: str, name: str, node: pending_xref,
          contnode: Element) -> nodes.reference | None:
    """intersphinx's link to ``name`` in inventory ``inv`` (its URI, its title)."""
    from sphinx.ext.intersphinx import resolve_reference_in_inventory

    written = node["reftarget"]
    node["reftarget"] = name
    try:
        return resolve_reference_in_inventory(env, inv, node, contnode)  # type: ignore[arg-type]
    finally:
        node["reftarget"] = written
