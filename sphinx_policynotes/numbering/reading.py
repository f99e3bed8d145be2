"""Reading locators: written text or a key, through a numbering scheme, to a path.

:func:`parse_locator` reads a written locator left to right.  At each point
(whitespace between segments is skipped) it tries the scheme's levels in
order, keeping only those allowed after the previous segment (``parents``, or
any deeper level), reads the number of the one whose pattern matches, and
backtracks when the rest cannot be read; so ``（１）`` is a ``paren`` by its
marker wherever it stands, and skipped levels are fine.  Input is user text:
nothing here raises on it.  A locator that cannot be read comes back as a
:class:`~.locators.Locator` without key whose error names the part that could
not be read, from the furthest point the reading got to.

:func:`parse_key` reads a key (``art_5__para_1__point_a``) back to its path,
accepting only canonical keys (the key of the path it names), and
:func:`read_locator` accepts either, as ``:policy:`` does.  :func:`plan_locator`
builds the ``ja-plan`` locator of the ``:chapter:`` and ``:policy:`` options
with the project's own :func:`~.values.parse_chapter` and
:func:`~.values.normalise_policy`.  Rendering a path back to written text is
:mod:`.writing`.

Numbers written in the policy part (``方針一の二``, ``方針1の2``) are read to
today's policy key (``方針1-2``); kanji numerals that cannot be read are
reported, never kept as a key of their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .locators import Locator, Segment, bad_locator, make_locator
from .numerals import is_canonical, kanji_to_int, read_number
from .schemes import DEFAULT_SCHEME, Level, Scheme, builtin_schemes
from .values import DASHES, normalise_policy, parse_chapter

__all__ = [
    "MAX_SEGMENTS",
    "fold_width",
    "parse_key",
    "parse_locator",
    "plan_locator",
    "read_level_number",
    "read_locator",
    "read_policy",
    "read_segment",
]

#: Longest path read; deeper input is reported instead of recursed into.
MAX_SEGMENTS = 32
#: Longest written locator read.
MAX_LENGTH = 1000
DEFAULT_PREFIX = "方針"

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20})
_FOLD.update({ord(dash): ord("-") for dash in DASHES})
_FOLD.update({c: ord(folded) for c in range(0xFF61, 0xFFA0)
              if len(folded := unicodedata.normalize("NFKC", chr(c))) == 1})

_KANJI_DIGIT_RE = re.compile("[〇零一二三四五六七八九十百千万]")
_POLICY_NUMBER_RE = re.compile(r"[0-9]+(?:-[0-9]+)*")
_CHAPTER_NUM_RE = re.compile("[1-9][0-9]*")
_N = "[0-9〇零一二三四五六七八九十百千万]+"
_POLICY_PARTS_RE = re.compile(f"{_N}(?:[-の]{_N})*")


def fold_width(text: str) -> str:
    """Fold full-width ASCII, half-width katakana, dashes and Unicode spaces, 1:1.

    Every character maps to exactly one character, so offsets in the folded
    text are offsets in the original (labels are cut from the original).
    """
    return text.translate(_FOLD)


def policy_key(text: str, prefix: str = DEFAULT_PREFIX) -> str | None:
    """The key of a ``:policy:`` value or a role's policy: :func:`read_policy`
    (kanji and ``の`` numbers read), else today's
    :func:`~.values.normalise_policy` key (so a key it cannot read, ``方針三重``
    or one with ``_``, is kept as it was)."""
    return read_policy(text, prefix) or normalise_policy(text, prefix)


def read_policy(text: str, prefix: str = DEFAULT_PREFIX) -> str | None:
    """The policy key of a written policy part, or None when it cannot be read.

    Today's :func:`~.values.normalise_policy` key, with numbers written in
    kanji or joined by ``の`` read as well (``方針一の二`` → ``方針1-2``).  A number
    part (after the prefix) that starts with a kanji numeral but cannot be
    read (``方針三重``) is unreadable, as is a key holding ``_`` (reserved for
    keys); other labels (``背景2``, ``方針データ``) are today's keys.
    """
    key = normalise_policy(text, prefix)
    for _ in range(3):  # NFKC before removing spaces is not idempotent: "A´" → "Á" → "Á"
        again = None if key is None else normalise_policy(key, prefix)
        if again == key:
            break
        key = again
    if key is None or "_" in key or normalise_policy(key, prefix) != key:
        return None
    rest = key[len(prefix):] if prefix and key.startswith(prefix) else key
    if _POLICY_NUMBER_RE.fullmatch(rest):
        return key
    if _POLICY_PARTS_RE.fullmatch(rest):
        numbers = [kanji_to_int(part) for part in re.split("[-の]", rest)]
        if all(number is not None for number in numbers):
            return prefix + "-".join(str(number) for number in numbers)
        return None
    return None if _KANJI_DIGIT_RE.match(rest) else key


def read_level_number(level: Level, text: str, prefix: str = DEFAULT_PREFIX) -> str | None:
    """The canonical number of ``text`` written as a number of ``level``."""
    if level.numerals == "policy":
        return read_policy(text, prefix)
    if level.numerals == "chapter":
        chapter = parse_chapter(text)
        return None if chapter is None else str(chapter)
    return read_number(level.numerals, text, kana=level.kana)


def _canonical(level: Level, num: str, prefix: str) -> bool:
    """Whether ``num`` is the number a key holds for ``level`` (branches included)."""
    if level.numerals == "policy":
        return read_policy(num, prefix) == num
    if level.numerals == "chapter":
        return _CHAPTER_NUM_RE.fullmatch(num) is not None
    parts = num.split("-") if level.branch is not None else [num]
    return all(is_canonical(level.numerals, part, kana=level.kana) for part in parts)


# -- written locators ------------------------------------------------------------


@dataclass
class _Walk:
    """One reading of a written locator: the text, and the furthest failure."""

    scheme: Scheme
    label: str
    folded: str
    prefix: str
    failure: tuple[int, int, str, str, tuple[str, ...]] = (-1, 0, "", "", ())
    dead: set[tuple[int, str | None]] = field(default_factory=set)

    def fail(self, pos: int, weight: int, part: str, reason: str, *args: str) -> None:
        """Remember a failure if it got further (or is more precise) than the last
        (``reason`` a message template, ``args`` its values)."""
        if (pos, weight) > self.failure[:2]:
            self.failure = (pos, weight, part, reason, args)

    def segment(self, level: Level, pos: int, previous: str | None) -> tuple[
            Segment, int] | None:
        """Read one segment of ``level`` at ``pos``, with its branches."""
        match = level.pattern.match(self.folded, pos)
        if match is None or match.end() == pos:
            return None
        written = self.label[pos:match.end()]
        if not self.scheme.may_follow(level, previous):
            self.fail(pos, 1, written, "%s cannot follow %s", level.name, str(previous))
            return None
        number_text = (match[1] or "") if level.pattern.groups else ""
        num = read_level_number(level, number_text, self.prefix)
        if num is None:
            self.fail(pos, 2, written, "not a %s number (%s)", level.numerals, level.name)
            return None
        end, nums = match.end(), [num]
        while level.branch is not None:
            branch = level.branch.match(self.folded, end)
            extra = None if branch is None or branch.end() == end else read_level_number(
                level, branch[1] or "", self.prefix)
            if branch is None or extra is None:
                break
            nums.append(extra)
            end = branch.end()
        return Segment(level.name, "-".join(nums), self.label[pos:end].strip()), end

    def walk(self, pos: int, previous: str | None, depth: int) -> list[Segment] | None:
        """The path of ``folded[pos:]`` after a ``previous`` segment, or None."""
        while pos < len(self.folded) and self.folded[pos].isspace():
            pos += 1
        if pos == len(self.folded):
            return []
        if (pos, previous) in self.dead:
            return None
        if depth >= MAX_SEGMENTS:
            self.fail(pos, 0, self.label[pos:], "more parts than any path has")
            return None
        for level in self.scheme.levels:
            found = self.segment(level, pos, previous)
            if found is None:
                continue
            rest = self.walk(found[1], level.name, depth + 1)
            if rest is not None:
                return [found[0], *rest]
        self.dead.add((pos, previous))
        if previous:
            self.fail(pos, 0, self.label[pos:], "no level of the scheme reads it (after %s)",
                      previous)
        else:
            self.fail(pos, 0, self.label[pos:], "no level of the scheme reads it")
        return None


def read_segment(level: Level, text: str, scheme: Scheme, *, previous: str | None = None,
                 prefix: str = DEFAULT_PREFIX) -> Segment | None:
    """``text`` read whole as one segment of ``level`` (after ``previous``), or None."""
    label = text.strip()
    found = _Walk(scheme, label, fold_width(label), prefix).segment(level, 0, previous)
    return found[0] if found is not None and found[1] == len(label) else None


def parse_locator(text: str, scheme: Scheme, *, prefix: str = DEFAULT_PREFIX) -> Locator:
    """Read a written locator with ``scheme``; never raises on user input.

    ``prefix`` is the project's ``policynotes_policy_prefix`` (for ``policy``
    levels).  An unreadable locator has ``key`` None and an error naming the
    part that could not be read.
    """
    label = text.strip()
    if not label:
        return bad_locator(scheme, label, "", "the locator is empty")
    if len(label) > MAX_LENGTH:
        return bad_locator(scheme, label, label[:40],
                           "the locator is longer than %s characters", str(MAX_LENGTH))
    walk = _Walk(scheme, label, fold_width(label), prefix)
    path = walk.walk(0, None, 0)
    if path is None:
        _, _, part, reason, args = walk.failure
        return bad_locator(scheme, label, part, reason, *args)
    return make_locator(scheme, path, label)


# -- keys ------------------------------------------------------------------------


def _key_segment(scheme: Scheme, part: str, previous: str | None, prefix: str) -> Segment | None:
    name, underscore, num = part.partition("_")
    candidates = ([(level, num) for level in scheme.entries(name)] if underscore else
                  [(level, "") for level in scheme.entries(part)])
    candidates += [(level, part) for level in scheme.levels if level.numerals == "policy"]
    for level, number in candidates:
        if scheme.may_follow(level, previous) and (
                number or level.numerals == "none") and _canonical(level, number, prefix):
            return Segment(level.name, number, part)
    return None


def parse_key(key: str, scheme: Scheme, *, prefix: str = DEFAULT_PREFIX) -> Locator | None:
    """The locator a canonical ``key`` of ``scheme`` names, or None if it is not one."""
    if not key or key != key.strip() or len(key) > MAX_LENGTH:
        return None
    path: list[Segment] = []
    for part in key.split("__"):
        segment = _key_segment(scheme, part, path[-1].level if path else None, prefix)
        if segment is None or len(path) >= MAX_SEGMENTS:
            return None
        path.append(segment)
    locator = make_locator(scheme, path, key)
    return locator if locator.key == key else None


def read_locator(text: str, scheme: Scheme, *, prefix: str = DEFAULT_PREFIX) -> Locator:
    """Any written form or the key (``Art. 5(1)(a)``, ``art_5__para_1__point_a``).

    The written reading wins when both succeed: in ``ja-plan`` any text is a
    possible policy key, but ``第1章`` is chapter 1.  When neither succeeds the
    error is the written reading's.
    """
    locator = parse_locator(text, scheme, prefix=prefix)
    if locator.ok:
        return locator
    return parse_key(text.strip(), scheme, prefix=prefix) or locator


def plan_locator(chapter: str | None, policy: str | None, *, prefix: str = DEFAULT_PREFIX,
                 scheme: Scheme | None = None) -> Locator | None:
    """The ``ja-plan`` locator of a quote's ``:chapter:`` and ``:policy:`` options.

    None when both are empty.  The key is ``chp_4__方針1-1``; with only a
    chapter ``chp_4``; with only a policy the policy key alone (``方針1-1``),
    so a plan's policy keeps the key it has always had.  The label is the
    options as written, joined by a space.
    """
    scheme = scheme or builtin_schemes()[DEFAULT_SCHEME]
    written = [value.strip() for value in (chapter, policy) if value and value.strip()]
    label = " ".join(written)
    path: list[Segment] = []
    if chapter and chapter.strip():
        number = parse_chapter(chapter)
        if number is None:
            return bad_locator(scheme, label, chapter, "not a chapter number")
        path.append(Segment("chp", str(number), chapter.strip()))
    if policy and policy.strip():
        key = read_policy(policy, prefix)
        if key is None:
            return bad_locator(scheme, label, policy, "not a policy number")
        path.append(Segment("policy", key, policy.strip()))
    return make_locator(scheme, path, label) if path else None
