"""The command-line reference (``docs/reference/cli.md``) cannot drift from ``--help``.

Each ``--help`` text of ``policynotes``, ``policynotes import`` and
``policynotes verify``, as argparse formats it at 80 columns, must be a
```` ```text ```` block of the page's section on that command, and every
option and argument of the command must be named (as inline code) in the
prose of that section. The help is formatted in-process, with the terminal
width and the locale fixed, so the result does not depend on the machine.

Python 3.13 changed how argparse lists an option with a metavar
(``-o, --output NOTES.md``, where 3.11 and 3.12 print ``-o NOTES.md, --output
NOTES.md``), so the page carries the help of ``import`` in both forms; each
Python checks its own.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import sphinx_policynotes
from sphinx_policynotes.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "reference" / "cli.md"
PAGE_NAME = "docs/reference/cli.md"


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """80 columns (argparse wraps to ``COLUMNS``), no colour, the C locale."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "25")
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.delenv("LANGUAGE", raising=False)
    # Python 3.14 colours help by default on a terminal (pytest -s).
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PYTHON_COLORS", "0")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def parsers() -> list[argparse.ArgumentParser]:
    """``policynotes`` and each of its subcommands' parsers."""
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [parser, *commands.choices.values()]


def section(text: str, prog: str) -> str:
    """The part of the page under the heading ``## `PROG```, up to the next ``## ``."""
    match = re.search(rf"^## `{re.escape(prog)}`\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, (f"{PAGE_NAME} has no section '## `{prog}`'; every command of "
                   "sphinx_policynotes.cli.build_parser() needs one")
    return match.group(1)


FENCE = re.compile(r"^(`{3,})([^\n]*)\n(.*?)^\1$", re.M | re.S)


def text_blocks(text: str) -> list[str]:
    """The bodies of the ```` ```text ```` blocks of ``text``, without their last newline."""
    return [m.group(3).removesuffix("\n") for m in FENCE.finditer(text) if m.group(2) == "text"]


def prose(text: str) -> str:
    """``text`` without its fenced code blocks."""
    return FENCE.sub("", text)


def refresh_hint(prog: str) -> str:
    """How to bring the help block of ``prog`` on the page up to date."""
    command = "python -m sphinx_policynotes" + prog.removeprefix("policynotes")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    hint = (f"replace the section's ```text help block with the output of "
            f"`COLUMNS=80 LANG=C {command} --help` run with Python {python}")
    if prog == "policynotes import":
        hint += (" (this section has two: the help of Python 3.13 and later, then that of "
                 "3.11 and 3.12; replace the one of that Python, and the other with "
                 "another Python if it changed too)")
    return hint


@pytest.mark.parametrize("prog", ["policynotes", "policynotes import", "policynotes verify"])
def test_every_command_is_on_the_page(prog: str) -> None:
    assert [p.prog for p in parsers()] == ["policynotes", "policynotes import",
                                           "policynotes verify"]
    section(page(), prog)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["policynotes", "import", "verify"])
def test_help_text_is_on_the_page_verbatim(index: int) -> None:
    parser = parsers()[index]
    expected = parser.format_help().removesuffix("\n")
    blocks = text_blocks(section(page(), parser.prog))
    assert expected in blocks, (
        f"{PAGE_NAME} is out of date: no ```text block in its section '## `{parser.prog}`' "
        f"is what `{parser.prog} --help` prints now; {refresh_hint(parser.prog)}. "
        f"It prints:\n{expected}"
    )


@pytest.mark.parametrize("index", [0, 1, 2], ids=["policynotes", "import", "verify"])
def test_every_option_and_argument_is_documented(index: int) -> None:
    parser = parsers()[index]
    text = prose(section(page(), parser.prog))
    names = [s for action in parser._actions for s in action.option_strings]
    names += [str(action.metavar) for action in parser._actions if not action.option_strings]
    missing = [name for name in names if not re.search(rf"`{re.escape(name)}[ `]", text)]
    assert not missing, (
        f"{PAGE_NAME}, section '## `{parser.prog}`', does not describe {missing} (each as "
        f"inline code, outside the help block): add them to the section's list of options, "
        f"and {refresh_hint(parser.prog)}"
    )


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"policynotes {sphinx_policynotes.__version__}\n"


def test_python_m_prints_the_version(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("LANGUAGE", None)
    done = subprocess.run([sys.executable, "-m", "sphinx_policynotes", "--version"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"policynotes {sphinx_policynotes.__version__}\n"
    assert done.stderr == ""


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("usage: policynotes ")


def test_the_console_script_is_the_one_the_page_names() -> None:
    with open(REPO / "pyproject.toml", "rb") as file:
        scripts = tomllib.load(file)["project"]["scripts"]
    assert scripts == {"policynotes": "sphinx_policynotes.cli:main"}
    assert '`policynotes = "sphinx_policynotes.cli:main"`' in page()
