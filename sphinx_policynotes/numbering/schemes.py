"""Numbering schemes: user data checked and compiled into :class:`Scheme` objects.

A scheme says how one kind of source numbers its parts.  It is plain data, the
same for the built-in schemes (:mod:`.builtin`) and for the user's
``policynotes_schemes``: a list of *levels* from the outermost to the
innermost, each a dict with

``name``       the key prefix of the level, ``[a-z][a-z0-9]*`` (``art``, ``para``)
``pattern``    a regular expression matching one written segment, with exactly
               one capturing group for the number (none when ``numerals`` is
               ``none``)
``numerals``   how the number is written: a kind of :mod:`.numerals`
               (``arabic``, ``kanji``, ``roman``, ``latin``, ``kana``,
               ``circled``, ``hangul``, ``dotted``, ``none``) or ``policy``/
               ``chapter`` (a policy number or chapter as the project reads them
               today: :func:`~.values.normalise_policy`,
               :func:`~.values.parse_chapter`)

and optionally

``kana``       ``aiueo`` (default) or ``iroha``: the order of ``kana`` numerals
``branch``     a regular expression with one group, repeated after the number:
               ``の(二)`` makes ``第三条の二`` the number ``3-2``
``parents``    the levels that may come directly before this one (default: any
               level listed earlier); ``[]`` for a level that only starts a path
``start``      false when a locator cannot begin with this level (``(a)`` alone is
               no EU point); default true
``rank``       the level's place in the natural order against the other levels at
               the same position of a path (default: its position in the list);
               ``附則`` has 100 to sort after every main provision
``format``, ``branch_format``  how to write a segment (``第{}条``, ``の{}``), for
               rendering a key and for the property tests

Several entries may share a ``name``: they are alternative written forms of
one level (``제1항`` and ``①`` are both ``para``); the first one fixes the
level's place and rank.

:func:`validate_schemes` never raises on user data: it returns the schemes it
could compile and a list of clear messages for the rest.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass

from .builtin import BUILTIN_SCHEMES
from .numerals import KANA_ORDERS, KINDS

__all__ = [
    "BUILTIN_SCHEMES",
    "DEFAULT_SCHEME",
    "NUMERALS",
    "Level",
    "Scheme",
    "builtin_schemes",
    "compile_scheme",
    "scheme_digest",
    "validate_schemes",
]

#: Every ``numerals`` value a level may have.
NUMERALS = (*KINDS, "policy", "chapter")
#: The scheme of a source that names none.
DEFAULT_SCHEME = "ja-plan"

_NAME_RE = re.compile(r"[a-z][a-z0-9]*")
_KEYS = ("name", "pattern", "numerals", "kana", "branch", "parents", "start", "rank",
         "format", "branch_format")


@dataclass(frozen=True)
class Level:
    """One compiled level (one entry of a scheme's list)."""

    name: str
    pattern: re.Pattern[str]
    numerals: str
    kana: str = "aiueo"
    branch: re.Pattern[str] | None = None
    #: Level names that may come directly before; None: any shallower level.
    parents: frozenset[str] | None = None
    #: Whether a locator may begin with this level.
    start: bool = True
    rank: int = 0
    #: Position of the level's name among the scheme's distinct names.
    depth: int = 0
    format: str | None = None
    branch_format: str | None = None


@dataclass(frozen=True)
class Scheme:
    """A compiled numbering scheme: its name and levels, outermost first."""

    name: str
    levels: tuple[Level, ...]

    @functools.cached_property
    def _by_name(self) -> dict[str, tuple[Level, ...]]:
        grouped: dict[str, list[Level]] = {}
        for level in self.levels:
            grouped.setdefault(level.name, []).append(level)
        return {name: tuple(levels) for name, levels in grouped.items()}

    def entries(self, name: str) -> tuple[Level, ...]:
        """The entries (written forms) of the level ``name``; empty if unknown."""
        return self._by_name.get(name, ())

    def rank(self, name: str) -> int:
        """Sort rank of level ``name`` (unknown names sort last)."""
        entries = self.entries(name)
        return entries[0].rank if entries else len(self.levels) + 1_000_000

    def may_follow(self, level: Level, previous: str | None) -> bool:
        """Whether ``level`` may come directly after the level named ``previous``."""
        if previous is None:
            return level.start
        if level.parents is not None:
            return previous in level.parents
        before = self.entries(previous)
        return bool(before) and before[0].depth < level.depth


# -- validation ------------------------------------------------------------------


def _regex(value: object, what: str, groups: int) -> tuple[re.Pattern[str] | None, str | None]:
    """Compile ``value`` as a regex with exactly ``groups`` groups, or say why not."""
    if not isinstance(value, str) or not value:
        return None, f"{what} must be a non-empty string (a regular expression)"
    try:
        compiled = re.compile(value)
    except re.error as exc:
        return None, f"{what} {value!r} is not a valid regular expression: {exc}"
    if compiled.groups != groups:
        need = "exactly one group, for the number" if groups else "no group (it has no number)"
        return None, f"{what} {value!r} has {compiled.groups} group(s); it needs {need}"
    if compiled.fullmatch(""):
        return None, f"{what} {value!r} matches the empty string"
    return compiled, None


def _format(value: object, what: str, numbered: bool) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, str) or (value.count("{}") != 1 if numbered else "{" in value):
        need = "exactly one {} for the number" if numbered else "no {}"
        return None, f"{what} must be a string with {need}"
    return value, None


def _level_errors(raw: Mapping[str, object], where: str) -> list[str]:
    """Errors in the plain fields of one level dict (not regexes, not parents)."""
    errors = [f"{where}: unknown key {key!r} (known: {', '.join(_KEYS)})"
              for key in raw if key not in _KEYS]
    name, numerals = raw.get("name"), raw.get("numerals")
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
        errors.append(f"{where}: name {name!r} must match [a-z][a-z0-9]* (the key prefix)")
    if numerals not in NUMERALS:
        errors.append(f"{where}: numerals {numerals!r} is not one of {', '.join(NUMERALS)}")
    if raw.get("kana", "aiueo") not in KANA_ORDERS:
        errors.append(f"{where}: kana {raw.get('kana')!r} is not one of aiueo, iroha")
    if not isinstance(raw.get("start", True), bool):
        errors.append(f"{where}: start {raw.get('start')!r} must be true or false")
    rank = raw.get("rank", 0)
    if not isinstance(rank, int) or isinstance(rank, bool):
        errors.append(f"{where}: rank {rank!r} must be an integer")
    return errors


def _compile_level(raw: object, where: str) -> tuple[Level | None, list[str]]:
    """Compile one level dict; ``depth``, ``rank`` and parents are fixed later."""
    if not isinstance(raw, Mapping):
        return None, [f"{where} must be a dict with name, pattern and numerals"]
    errors = _level_errors(raw, where)
    numbered = raw.get("numerals") != "none"
    pattern, error = _regex(raw.get("pattern"), f"{where}: pattern", int(numbered))
    branch, branch_error = (None, None) if raw.get("branch") is None else _regex(
        raw.get("branch"), f"{where}: branch", 1)
    fmt, fmt_error = _format(raw.get("format"), f"{where}: format", numbered)
    bfmt, bfmt_error = _format(raw.get("branch_format"), f"{where}: branch_format", True)
    errors += [e for e in (error, branch_error, fmt_error, bfmt_error) if e is not None]
    if errors or pattern is None:
        return None, errors
    return Level(name=str(raw["name"]), pattern=pattern, numerals=str(raw["numerals"]),
                 kana=str(raw.get("kana", "aiueo")), branch=branch,
                 start=raw.get("start", True) is True, format=fmt,
                 branch_format=bfmt), []


def _parents(raw: object, where: str, names: list[str], own: str) -> tuple[
        frozenset[str] | None, list[str]]:
    if raw is None:
        return None, []
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        return None, [f"{where}: parents must be a list of level names"]
    unknown = [name for name in raw if name not in names or name == own]
    if unknown:
        return None, [f"{where}: parents {unknown!r} are not other levels of the scheme"]
    return frozenset(raw), []


def _place(raws: list[object], levels: list[Level], where: list[str]) -> tuple[
        list[Level], list[str]]:
    """Give each compiled level its depth, rank and parents."""
    names = list(dict.fromkeys(level.name for level in levels))
    placed: list[Level] = []
    errors: list[str] = []
    first_rank: dict[str, int] = {}
    for raw, level, at in zip(raws, levels, where, strict=True):
        assert isinstance(raw, Mapping)
        parents, parent_errors = _parents(raw.get("parents"), at, names, level.name)
        errors += parent_errors
        depth = names.index(level.name)
        rank = raw.get("rank")
        assert rank is None or isinstance(rank, int)  # checked by _level_errors
        if level.name not in first_rank:
            first_rank[level.name] = depth if rank is None else rank
        elif rank is not None and rank != first_rank[level.name]:
            errors.append(f"{at}: rank {rank} differs from the first {level.name!r} entry's")
        placed.append(dataclasses.replace(level, parents=parents, depth=depth,
                                          rank=first_rank[level.name]))
    return placed, errors


def compile_scheme(name: str, raw: object, *, label: str = "policynotes_schemes") -> tuple[
        Scheme | None, list[str]]:
    """Compile one scheme's level list; None and the reasons when it is not valid."""
    where = f"{label}[{name!r}]"
    if not isinstance(raw, list) or not raw:
        return None, [f"{where} must be a non-empty list of levels, not {type(raw).__name__}"]
    compiled: list[Level] = []
    places: list[str] = []
    errors: list[str] = []
    for index, level_raw in enumerate(raw):
        shown = level_raw.get("name") if isinstance(level_raw, Mapping) else None
        at = f"{where}[{index}]" + (f" ({shown})" if isinstance(shown, str) else "")
        level, level_errors = _compile_level(level_raw, at)
        errors += level_errors
        if level is not None:
            compiled.append(level)
            places.append(at)
    if errors:
        return None, errors
    placed, errors = _place(list(raw), compiled, places)
    return (None, errors) if errors else (Scheme(name, tuple(placed)), [])


def validate_schemes(raw: object, *, label: str = "policynotes_schemes") -> tuple[
        dict[str, Scheme], list[str]]:
    """Compile ``{name: [level, ...]}``; the valid schemes and a message per problem."""
    if not isinstance(raw, Mapping):
        return {}, [f"{label} must be a dict {{name: [level, ...]}}, not {type(raw).__name__}"]
    schemes: dict[str, Scheme] = {}
    errors: list[str] = []
    for name, levels in raw.items():
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{label}: scheme name {name!r} must be a non-empty string")
            continue
        scheme, scheme_errors = compile_scheme(name, levels, label=label)
        errors += scheme_errors
        if scheme is not None:
            schemes[name] = scheme
    return schemes, errors


@functools.cache
def builtin_schemes() -> Mapping[str, Scheme]:
    """The built-in schemes, compiled once from :data:`.builtin.BUILTIN_SCHEMES`."""
    schemes, errors = validate_schemes(BUILTIN_SCHEMES, label="built-in scheme")
    if errors:  # pragma: no cover - a bug in the shipped data, caught by the tests
        raise RuntimeError("; ".join(errors))
    return types.MappingProxyType(schemes)


def scheme_digest(scheme: Scheme) -> str:
    """A digest of a scheme's definition, the same in every process.

    What a cache of locators or parts read with the scheme is keyed by: a
    user's scheme edited in ``conf.py`` reads afresh. (``repr`` is not
    enough: a frozenset of parent levels prints in the order of the
    process's string hash.)
    """
    def plain(value: object) -> object:
        if isinstance(value, frozenset):
            return sorted(value)
        if isinstance(value, re.Pattern):
            return (value.pattern, value.flags)
        return value

    levels = [tuple(plain(getattr(level, f.name)) for f in dataclasses.fields(level))
              for level in scheme.levels]
    return hashlib.blake2b(repr((scheme.name, levels)).encode("utf-8"),
                           digest_size=8).hexdigest()
