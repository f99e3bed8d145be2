"""The numbering-scheme pages cannot drift from :mod:`sphinx_policynotes.numbering`.

``docs/reference/schemes.md`` and ``docs/howto/schemes.md`` are read as data:

Scheme sections
    A heading that starts with an inline code span names a scheme
    (``## `eu`: European Union acts``); its section runs to the next heading
    of the same or a higher level that names no scheme, or names another.
Example tables
    A table whose header starts ``| Written | Key |``: in each row the first
    cell is a locator as written and the second its key, each one inline code
    span. The row is read with the scheme of its section and must give that key.
Message tables
    A table whose header starts ``| Scheme | Written | Message |``: the
    scheme, a locator it cannot read and the message of the error, each one
    inline code span. The locator must fail with that message.
Exports
    Each ```` ```json ```` block of the reference is a locator's export form,
    as some built-in scheme gives it for its ``label``.
Orders
    In the prose, code spans joined by ``<`` (`` `第三条` < `第三条の二` ``) are
    locators in their natural order: read with the section's scheme, or
    outside a scheme section with some built-in scheme that reads them all.
``:at:``
    Every ``:at:`` of a reference section's ```` ```md ```` example must read to
    a key of that section's table; in the how-to, with the ``:scheme:`` of its
    block.

The reference must have a section with examples for every built-in scheme
and show every row of the table of ``tests/test_locators.py``. In the how-to,
the ``conf.py`` block (the ```` ```python ```` block setting
``policynotes_schemes`` under ``## The schemes in `conf.py```) must validate
without messages and gives the schemes its tables are read with; each
```` ```python ```` block of ``## What the validator reports`` must give exactly
the messages of the ```` ```text ```` block after it; the ```` ```pycon ````
sessions must run as written, next to that ``conf.py``.
"""

from __future__ import annotations

import doctest
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_locators import TABLE

from sphinx_policynotes.numbering import (
    Scheme,
    builtin_schemes,
    parse_locator,
    validate_schemes,
)

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "docs" / "reference" / "schemes.md"
HOWTO = REPO / "docs" / "howto" / "schemes.md"

FENCE = re.compile(r"^(`{3,})([^\n]*)\n(.*?)^\1$", re.M | re.S)
HEADING = re.compile(r"(#{1,6}) (.*)")
CODE = re.compile(r"`([^`\n]+)`")
CHAIN = re.compile(r"`[^`\n]+`(?:\s*<\s*`[^`\n]+`)+")
AT = re.compile(r"^:at: (.+)$", re.M)
EXAMPLE_HEADER = ("Written", "Key")
MESSAGE_HEADER = ("Scheme", "Written", "Message")
CONF_HEADING = "## The schemes in `conf.py`"
VALIDATOR_HEADING = "## What the validator reports"
WARNING_PREFIX, WARNING_SUFFIX = "WARNING: ", " [policynotes.config]"


@dataclass(frozen=True)
class Row:
    """One body row of a table: the scheme of its section, its cells, where it is."""

    scheme: str | None
    cells: tuple[str, ...]
    where: str

    def code(self, index: int) -> str:
        """The content of cell ``index``, which must be one inline code span."""
        match = CODE.fullmatch(self.cells[index])
        assert match, f"{self.where}: cell {self.cells[index]!r} must be one `code` span"
        return match.group(1)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blank_fences(text: str) -> str:
    """``text`` with every fenced block blanked out, keeping lines and offsets."""
    return FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def line_schemes(text: str) -> list[str | None]:
    """The scheme section each line of ``text`` is in (None: no scheme section)."""
    scheme: str | None = None
    depth = 0  # the level of the heading that named ``scheme``
    found = []
    for line in blank_fences(text).split("\n"):
        heading = HEADING.fullmatch(line)
        if heading:
            named = CODE.match(heading.group(2))
            level = len(heading.group(1))
            if named is not None:
                scheme, depth = named.group(1), level
            elif level <= depth:
                scheme, depth = None, 0
        found.append(scheme)
    return found


def sections(path: Path) -> dict[str, str]:
    """Scheme name -> the text of its section, fenced blocks included."""
    text = read(path)
    found: dict[str, list[str]] = {}
    for line, scheme in zip(text.split("\n"), line_schemes(text), strict=True):
        if scheme is not None:
            found.setdefault(scheme, []).append(line)
    return {name: "\n".join(lines) for name, lines in found.items()}


def tables(path: Path, header: tuple[str, ...]) -> Iterator[Row]:
    """The body rows of every table of ``path`` whose header starts with ``header``."""
    text = read(path)
    in_table = False
    lines = blank_fences(text).split("\n")
    for number, (line, scheme) in enumerate(zip(lines, line_schemes(text), strict=True), 1):
        if not line.startswith("|"):
            in_table = False
            continue
        cells = tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        if not in_table and cells[:len(header)] == header:
            in_table = True
        elif in_table and not set(line) <= set("|-: "):
            yield Row(scheme, cells, f"{path.name}:{number}")


def check_examples(rows: Iterator[Row], schemes: Mapping[str, Scheme]) -> list[str]:
    """Every example row that does not read to its key, said."""
    problems = []
    for row in rows:
        written, key = row.code(0), row.code(1)
        assert row.scheme is not None and row.scheme in schemes, (
            f"{row.where}: an example table outside a scheme section")
        locator = parse_locator(written, schemes[row.scheme])
        if locator.key != key:
            problems.append(f"{row.where}: {row.scheme} reads {written!r} as {locator.key!r} "
                            f"({locator.error}), the page says {key!r}")
    return problems


def check_messages(rows: Iterator[Row], schemes: Mapping[str, Scheme]) -> list[str]:
    """Every message row whose locator does not fail with its message, said."""
    problems = []
    for row in rows:
        name, written, message = row.code(0), row.code(1), row.code(2)
        assert name in schemes, f"{row.where}: no scheme {name!r}"
        locator = parse_locator(written, schemes[name])
        if locator.ok or str(locator.error) != message:
            problems.append(f"{row.where}: {name} gives {locator.key!r} / {locator.error}, "
                            f"the page says {message!r}")
    return problems


def in_order(written: list[str], scheme: Scheme) -> bool:
    locators = [parse_locator(text, scheme) for text in written]
    if not all(locator.ok for locator in locators):
        return False
    ordered = sorted(reversed(locators), key=lambda locator: locator.sort_key)
    return [locator.label for locator in ordered] == written


def check_orders(path: Path, schemes: Mapping[str, Scheme]) -> tuple[int, list[str]]:
    """How many orders the prose of ``path`` states, and those that do not hold."""
    text = read(path)
    prose, owners = blank_fences(text), line_schemes(text)
    problems, count = [], 0
    for match in CHAIN.finditer(prose):
        count += 1
        written = [part.strip().strip("`") for part in match.group(0).split("<")]
        line = prose.count("\n", 0, match.start())
        owner = owners[line]
        candidates = [schemes[owner]] if owner is not None else list(schemes.values())
        if not any(in_order(written, scheme) for scheme in candidates):
            problems.append(f"{path.name}:{line + 1}: {' < '.join(written)} is not the "
                            f"order of {owner or 'any built-in scheme'}")
    return count, problems


# -- the reference ---------------------------------------------------------------


def test_every_example_of_the_reference_reads_to_its_key() -> None:
    assert len(list(tables(REFERENCE, EXAMPLE_HEADER))) > 50
    problems = check_examples(tables(REFERENCE, EXAMPLE_HEADER), builtin_schemes())
    assert not problems, "\n".join(problems)


def test_every_unreadable_locator_of_the_reference_gives_its_message() -> None:
    assert list(tables(REFERENCE, MESSAGE_HEADER))
    problems = check_messages(tables(REFERENCE, MESSAGE_HEADER), builtin_schemes())
    assert not problems, "\n".join(problems)


def test_the_orders_the_reference_states_hold() -> None:
    count, problems = check_orders(REFERENCE, builtin_schemes())
    assert count >= 10
    assert not problems, "\n".join(problems)


def test_the_reference_has_a_section_with_examples_for_every_built_in_scheme() -> None:
    text = read(REFERENCE)
    named = {row.scheme for row in tables(REFERENCE, EXAMPLE_HEADER)}
    for name in builtin_schemes():
        assert f"\n(scheme-{name})=\n## `{name}`" in text, f"no section (scheme-{name})="
        assert name in named, f"no example table for {name}"


def test_the_reference_shows_the_whole_table_of_the_locator_tests() -> None:
    shown = {(row.scheme, row.code(0), row.code(1))
             for row in tables(REFERENCE, EXAMPLE_HEADER)}
    missing = [row for row in TABLE if row not in shown]
    assert missing == [], f"add these rows to {REFERENCE.name}: {missing}"


def test_every_at_of_a_scheme_section_is_one_of_its_examples() -> None:
    keys: dict[str, set[str]] = {}
    for row in tables(REFERENCE, EXAMPLE_HEADER):
        assert row.scheme is not None
        keys.setdefault(row.scheme, set()).add(row.code(1))
    found = 0
    for name, text in sections(REFERENCE).items():
        for written in AT.findall(text):
            found += 1
            locator = parse_locator(written, builtin_schemes()[name])
            assert locator.key in keys[name], (name, written, locator.key, locator.error)
    assert found >= len(builtin_schemes())


def test_the_exported_locators_of_the_reference_are_the_schemes_own() -> None:
    blocks = [json.loads(m.group(3)) for m in FENCE.finditer(read(REFERENCE))
              if m.group(2) == "json"]
    assert blocks
    for shown in blocks:
        assert any(parse_locator(shown["label"], scheme).to_json() == shown
                   for scheme in builtin_schemes().values()), shown


def test_a_wrong_example_is_caught() -> None:
    rows = [Row("eu", ("`Article 5(1)(a)`", "`art_5__para_1__point_b`"), "made-up:1")]
    assert check_examples(iter(rows), builtin_schemes()) != []
    assert not in_order(["Article 5(2)", "Article 5(1)"], builtin_schemes()["eu"])


# -- the how-to ------------------------------------------------------------------


def conf_block() -> str:
    """The how-to's ``conf.py`` block: the one of its section that sets the schemes."""
    text = read(HOWTO)
    start = text.index(f"\n{CONF_HEADING}\n")
    part = text[start:text.find("\n## ", start + 1)]
    [block] = [m.group(3) for m in FENCE.finditer(part)
               if m.group(2) == "python" and m.group(3).startswith("policynotes_schemes = {")]
    return block


def howto_schemes() -> dict[str, Scheme]:
    namespace: dict[str, object] = {}
    exec(conf_block(), namespace)
    schemes, errors = validate_schemes(namespace["policynotes_schemes"])
    assert errors == [], errors
    return schemes


def test_the_howto_conf_block_is_valid_and_its_examples_read() -> None:
    schemes = howto_schemes()
    assert set(schemes) == {"city-plan", "strategy"}
    assert {row.scheme for row in tables(HOWTO, EXAMPLE_HEADER)} == set(schemes)
    problems = check_examples(tables(HOWTO, EXAMPLE_HEADER), schemes)
    assert not problems, "\n".join(problems)
    assert list(tables(HOWTO, MESSAGE_HEADER))
    problems = check_messages(tables(HOWTO, MESSAGE_HEADER), schemes)
    assert not problems, "\n".join(problems)


def test_the_howto_orders_and_at_examples_hold() -> None:
    schemes = howto_schemes()
    text = read(HOWTO)
    blocks = [(m.group(2), m.group(3)) for m in FENCE.finditer(text)]
    stated = [block for language, block in blocks if language == "text" and " < " in block]
    assert stated
    plan = sections(HOWTO)["city-plan"]
    for block in stated:
        assert block in plan, "an order block outside the city-plan section"
        assert in_order(block.strip().split(" < "), schemes["city-plan"]), block
    examples = [block for language, block in blocks if language == "md" and AT.search(block)]
    assert examples
    for block in examples:
        scheme = re.search(r"^:scheme: (.+)$", block, re.M)
        assert scheme is not None, block
        for written in AT.findall(block):
            assert parse_locator(written, schemes[scheme.group(1)]).ok, written


def validator_pairs() -> list[tuple[str, list[str]]]:
    """Each mistake of the validator section, and the messages the page shows for it."""
    text = read(HOWTO)
    start = text.index(f"\n{VALIDATOR_HEADING}\n")
    part = text[start:text.find("\n## ", start + 1)]
    blocks = [(m.group(2), m.group(3)) for m in FENCE.finditer(part)]
    pairs = []
    for index, (language, body) in enumerate(blocks):
        if language == "python":
            after, shown = blocks[index + 1] if index + 1 < len(blocks) else ("", "")
            assert after == "text", "each mistake needs a ```text block of its warnings"
            lines = shown.splitlines()
            assert all(line.startswith(WARNING_PREFIX) and line.endswith(WARNING_SUFFIX)
                       for line in lines), lines
            pairs.append((body, [line.removeprefix(WARNING_PREFIX).removesuffix(WARNING_SUFFIX)
                                 for line in lines]))
    return pairs


def test_the_howto_shows_the_validators_own_messages() -> None:
    pairs = validator_pairs()
    assert len(pairs) >= 3
    for body, shown in pairs:
        namespace: dict[str, object] = {}
        exec(body, namespace)
        schemes, errors = validate_schemes(namespace["policynotes_schemes"])
        assert schemes == {}
        assert errors == shown


def test_the_howto_python_sessions_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "conf.py").write_text(conf_block(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sessions = [m.group(3) for m in FENCE.finditer(read(HOWTO)) if m.group(2) == "pycon"]
    assert len(sessions) >= 2
    parser = doctest.DocTestParser()
    for number, session in enumerate(sessions, start=1):
        out = io.StringIO()
        runner = doctest.DocTestRunner()
        test = parser.get_doctest(session, {"__name__": "howto"}, f"session {number}",
                                  HOWTO.name, 0)
        runner.run(test, out=out.write)
        assert runner.failures == 0, out.getvalue()
