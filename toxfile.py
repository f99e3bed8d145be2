"""tox plugin of this project: a matrix env whose Python is missing says how to get it.

tox skips an env whose interpreter it cannot find (``skip_missing_interpreters``)
with one line; this adds what the env needs and how to make it visible.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from tox.plugin import impl
from tox.tox_env.errors import Skip
from tox.tox_env.python.api import Python

if TYPE_CHECKING:
    from tox.tox_env.api import ToxEnv


def notice(name: str, version: str) -> str:
    """What a skipped env ``name`` needs (Python ``version``) and how to get it."""
    bar = "!" * 72
    return (
        f"\n{bar}\n{name} NOT RUN: it needs Python {version}, which tox did not find on PATH.\n"
        f"Install Python {version} (your system's python{version} package, or "
        f"`pyenv install {version}`) and put its bin folder on PATH, for example\n"
        f'  PATH="$PATH:$(pyenv prefix $(pyenv latest {version}))/bin" tox\n'
        "(.ci/run does this for every pyenv version; see docs/development.md).\n"
        f"The other envs do not depend on it.\n{bar}"
    )


@impl
def tox_env_teardown(tox_env: ToxEnv) -> None:
    """After an env is skipped for want of its interpreter, print what it needs."""
    if not isinstance(tox_env, Python):
        return
    try:
        tox_env.base_python  # noqa: B018  # raises Skip when it was not found
    except Skip:
        match = re.fullmatch(r"py3(\d+)", tox_env.conf.name.split("-")[0])
        version = f"3.{match.group(1)}" if match else ", ".join(tox_env.conf["base_python"])
        print(notice(tox_env.conf.name, version), file=sys.stderr, flush=True)
