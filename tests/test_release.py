"""The version is set once (``__version__``); the files that repeat it agree.

flit reads ``__version__`` for the wheel and the sdist; the LaTeX package and
the message catalogs' headers carry it too, and a release that bumps one
only is caught here (the release how-to in docs/development.md lists them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sphinx_policynotes

PACKAGE = Path(sphinx_policynotes.__file__).parent
CATALOGS = sorted(PACKAGE.glob("locale/**/*.po")) + sorted(PACKAGE.glob("locale/*.pot"))


def test_the_latex_package_carries_the_version() -> None:
    sty = (PACKAGE / "texinputs" / "sphinxpolicynotes.sty").read_text(encoding="utf-8")
    provided = re.search(r"\\ProvidesPackage\{sphinxpolicynotes\}\[[^\]]* v([^ \]]+) ", sty)
    assert provided is not None
    assert provided.group(1) == sphinx_policynotes.__version__


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_message_catalogs_carry_the_version(catalog: Path) -> None:
    header = re.search(r'"Project-Id-Version: sphinx-policynotes ([^\\]+)\\n"',
                       catalog.read_text(encoding="utf-8"))
    assert header is not None
    assert header.group(1) == sphinx_policynotes.__version__


def test_there_are_catalogs_to_check() -> None:
    assert len(CATALOGS) >= 3  # en, ja and the template
