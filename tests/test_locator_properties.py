"""Property tests of locators, for every built-in numbering scheme (no Sphinx needed).

Paths are generated from a scheme's own levels (respecting ``parents`` and
depth, numbers each level's numerals can write, branches where the level has
them), written with :func:`segment_forms` (any written form per segment, any
whitespace between segments) and read back: the path, the key and the order
must come out as the interface says, and distinct paths must get distinct
keys.  Example counts follow the project's hypothesis profiles
(``POLICYNOTES_HYPOTHESIS=long`` for many more).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import strategies as S
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_policynotes.numbering import (
    Level,
    Locator,
    Scheme,
    Segment,
    builtin_schemes,
    int_to_roman,
    parse_key,
    parse_locator,
    path_key,
    read_locator,
    segment_forms,
)
from sphinx_policynotes.numbering.numerals import letters_to_int

SCHEMES = sorted(builtin_schemes())
PREFIX = "方針"
JOINERS = [" ", "\u3000", "  ", " \u3000"]


def _scheme(name: str) -> Scheme:
    return builtin_schemes()[name]


def _letters(value: int) -> str:
    out = ""
    while value:
        value, rest = divmod(value - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _base_numbers(level: Level) -> st.SearchStrategy[str]:
    """Canonical numbers (without branches) a level of these numerals may have."""
    kind = level.numerals
    if kind == "none":
        return st.just("")
    if kind == "latin":
        return st.integers(1, 60).map(_letters)
    if kind == "dotted":
        return st.lists(st.integers(0, 30), min_size=1, max_size=4).map(
            lambda parts: ".".join(map(str, parts)))
    if kind == "policy":
        return st.lists(st.integers(1, 30), min_size=1, max_size=3).map(
            lambda parts: PREFIX + "-".join(map(str, parts)))
    if kind in ("arabic", "kanji"):
        number = st.one_of(st.integers(1, 30), st.integers(1, 20000)).map(str)
        return number if kind == "kanji" else st.one_of(
            number, st.tuples(number, st.integers(1, 3).map(_letters)).map("".join))
    return st.integers(1, 60).map(str)


@st.composite
def _numbers(draw: st.DrawFn, scheme: Scheme, name: str, previous: str | None) -> str:
    """A number of level ``name`` that the scheme can write after ``previous``."""
    level = scheme.entries(name)[0]
    num = draw(_base_numbers(level))
    if level.branch is not None and draw(st.booleans()):
        num += "".join(f"-{n}" for n in draw(st.lists(st.integers(1, 12), min_size=1,
                                                       max_size=2)))
    return num


def _writable(scheme: Scheme, name: str, previous: str | None) -> Callable[[str], bool]:
    """Whether the scheme can write number ``n`` of level ``name`` after ``previous``."""
    return lambda n: bool(segment_forms(scheme, Segment(name, n), previous, prefix=PREFIX))


@st.composite
def paths(draw: st.DrawFn, scheme: Scheme) -> tuple[Segment, ...]:
    """A path of ``scheme`` that it can write, outermost segment first."""
    path: list[Segment] = []
    previous: str | None = None
    for _ in range(draw(st.integers(1, 5))):
        names = list(dict.fromkeys(
            level.name for level in scheme.levels
            if level.format is not None and scheme.may_follow(level, previous)))
        if not names:
            break
        name = draw(st.sampled_from(names))
        num = draw(_numbers(scheme, name, previous).filter(_writable(scheme, name, previous)))
        path.append(Segment(name, num))
        previous = name
    return tuple(path)


@st.composite
def written(draw: st.DrawFn, scheme: Scheme, path: tuple[Segment, ...]) -> str:
    """One written form of ``path``: any form per segment, any whitespace between."""
    text = ""
    previous: str | None = None
    for index, segment in enumerate(path):
        forms = segment_forms(scheme, segment, previous, prefix=PREFIX)
        text += (draw(st.sampled_from(JOINERS)) if index else "") + draw(st.sampled_from(forms))
        previous = segment.level
    return text


def _reference_num(scheme: Scheme, segment: Segment) -> tuple[tuple[int, int], ...]:
    """The issue's number order, independently: numbers, branches, letters."""
    kind = scheme.entries(segment.level)[0].numerals
    num = segment.num.removeprefix(PREFIX) if kind == "policy" else segment.num
    if kind == "latin":
        return ((letters_to_int(num), 0),)
    parts = []
    for part in re.split(r"[-.]", num) if num else []:
        match = re.fullmatch(r"([0-9]+)([a-z]*)", part)
        assert match is not None, part
        parts.append((int(match[1]), letters_to_int(match[2])))
    return tuple(parts)


def _reference(scheme: Scheme, path: tuple[Segment, ...]) -> list[tuple[int, object]]:
    """Parents before children (a prefix first), then the scheme's kind order."""
    return [(scheme.rank(s.level), _reference_num(scheme, s)) for s in path]


@st.composite
def _scheme_paths(draw: st.DrawFn, count: int) -> tuple[Scheme, list[tuple[Segment, ...]]]:
    scheme = _scheme(draw(st.sampled_from(SCHEMES)))
    return scheme, [draw(paths(scheme)) for _ in range(count)]


# -- round trip ------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMES)
@settings(max_examples=S.examples(40, 400))
@given(data=st.data())
def test_written_path_key_round_trip(name: str, data: st.DataObject) -> None:
    scheme = _scheme(name)
    path = data.draw(paths(scheme))
    text = data.draw(written(scheme, path))
    locator = parse_locator(text, scheme, prefix=PREFIX)
    assert locator.error is None, (text, locator.error)
    assert locator.path == path, text
    assert locator.key == path_key(scheme, path)
    assert locator.label == text.strip()
    assert re.sub(r"\s", "", "".join(s.label for s in locator.path)) == re.sub(r"\s", "", text)
    by_key = parse_key(locator.key, scheme, prefix=PREFIX)
    assert by_key is not None and by_key.path == path and by_key.key == locator.key
    assert read_locator(locator.key, scheme, prefix=PREFIX).key == locator.key
    assert read_locator(text, scheme, prefix=PREFIX).key == locator.key
    exported = locator.to_json()
    assert exported["key"] == locator.key
    assert [(s["level"], s["num"]) for s in exported["path"]] == [(s.level, s.num) for s in path]


# -- order -----------------------------------------------------------------------


@settings(max_examples=S.examples(80, 800))
@given(_scheme_paths(2))
def test_order_follows_the_path(drawn: tuple[Scheme, list[tuple[Segment, ...]]]) -> None:
    scheme, (one, two) = drawn
    a, b = (parse_key(path_key(scheme, p), scheme, prefix=PREFIX) for p in (one, two))
    assert a is not None and b is not None
    if one == two:
        assert a.sort_key == b.sort_key
        return
    expected = _reference(scheme, one) < _reference(scheme, two)
    assert (a.sort_key < b.sort_key) == expected, (a.key, b.key)


@pytest.mark.parametrize("name", SCHEMES)
@settings(max_examples=S.examples(30, 300))
@given(data=st.data())
def test_parents_before_children_and_numbers_numerically(name: str,
                                                        data: st.DataObject) -> None:
    scheme = _scheme(name)
    path = data.draw(paths(scheme))
    locator = parse_key(path_key(scheme, path), scheme, prefix=PREFIX)
    assert locator is not None
    for cut in range(1, len(path)):
        parent = parse_key(path_key(scheme, path[:cut]), scheme, prefix=PREFIX)
        assert parent is not None and parent.sort_key < locator.sort_key
    last = path[-1]
    if re.fullmatch(r"[1-9][0-9]*", last.num) and last.num != "1":
        smaller = Segment(last.level, str(int(last.num) - 1))
        if segment_forms(scheme, smaller, path[-2].level if len(path) > 1 else None):
            before = parse_key(path_key(scheme, (*path[:-1], smaller)), scheme)
            assert before is not None and before.sort_key < locator.sort_key


# -- distinct keys ---------------------------------------------------------------


@settings(max_examples=S.examples(80, 800))
@given(_scheme_paths(2))
def test_distinct_paths_give_distinct_keys(
        drawn: tuple[Scheme, list[tuple[Segment, ...]]]) -> None:
    scheme, (one, two) = drawn
    assert (path_key(scheme, one) == path_key(scheme, two)) == (one == two)


# -- hostile input -----------------------------------------------------------------

_LOCATOR_CHARS = st.sampled_from(
    list("第条項号章の二十百千一〇附則イロハアⅢ①（）()【】方針－-.．　 ")
    + list("Article Sec.§(a)(1)(A)(i)제조의항호가목부칙款项之")
    + ["\x00", "\u200b", "\U0001f600", "\\", "*", "{}", "\n"])


@pytest.mark.parametrize("name", SCHEMES)
@settings(max_examples=S.examples(60, 600))
@given(text=st.one_of(st.text(max_size=40), st.lists(_LOCATOR_CHARS, max_size=30).map("".join)))
def test_reading_never_raises_and_reports_a_part(name: str, text: str) -> None:
    scheme = _scheme(name)
    locator = read_locator(text, scheme, prefix=PREFIX)
    assert isinstance(locator, Locator)
    if locator.key is None:
        assert locator.error is not None and locator.error.scheme == name
        assert locator.error.part in locator.label
        assert locator.to_json() == {"key": None, "label": text.strip(), "path": []}
    else:
        assert parse_key(locator.key, scheme, prefix=PREFIX) is not None


def test_reference_letters_helper() -> None:
    assert [_letters(n) for n in (1, 26, 27, 52, 53)] == ["a", "z", "aa", "az", "ba"]
    assert int_to_roman(1994) == "MCMXCIV"
