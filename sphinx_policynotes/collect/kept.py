"""Values kept in pickle files beside the doctrees, not in the environment.

The 新旧対照表 comparisons (``policynotes-compared/``), the parts of source
texts (``policynotes-parts/``) and the derived places and inventory
(``policynotes-derived.pickle``) are large, or needed only in some builds:
kept in files of their own, the environment pickle Sphinx loads and saves on
every build stays small. A file is named by a digest of what its value
depends on; one that is missing, damaged or of an older format reads as
absent (its value is made again), and a file is written whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any


def kept_file(doctreedir: str | Path, folder: str, key: object, *, tag: str = "") -> Path:
    """The file of the value made from ``key`` in ``doctreedir/folder``;
    ``tag`` starts its name (what :func:`prune_kept` keeps files by)."""
    name = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=12).hexdigest()
    return Path(doctreedir) / folder / (f"{tag}-{name}.pickle" if tag else f"{name}.pickle")


def prune_kept(doctreedir: str | Path, folder: str, tags: set[str]) -> None:
    """Delete the files of ``doctreedir/folder`` whose tag is not in ``tags``."""
    for path in (Path(doctreedir) / folder).glob("*.pickle"):
        if path.name.partition("-")[0] not in tags:
            path.unlink(missing_ok=True)


def read_kept(path: Path) -> Any | None:
    """The value kept in ``path``, or None (missing, damaged, of other code)."""
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # any unpickling failure means: make it again
        return None


def write_kept(path: Path, value: object) -> None:
    """Keep ``value`` in ``path``, atomically (a parallel build or an
    interrupted one never leaves half a file); a failure to write is not an
    error, the value is made again next time."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
