"""Shared fixtures: Sphinx's testing fixtures on the projects under ``roots/``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent.resolve() / "roots"


# The command line prints in the locale's language (Japanese under ja_*): the
# tests expect English unless they set a locale themselves.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
