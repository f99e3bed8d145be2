"""What the catalog derives for the whole project, kept beside the doctrees.

Where each policy is linked to (``Catalog._policy_places``: the first index
row covering it, else its first quote) and the ``objects.inv`` entries are
made from every quote of the project: about 0.2 s at 10,000 quotes, on every
build that resolves a ``:policy:`` role or writes ``objects.inv``, a touch
and a no-op included. They depend only on what the pages show, so they are
kept in ``doctrees/policynotes-derived.pickle`` under the key of the pages'
digests (``domain.export_key``: every record, the ``policynotes_*``
settings) and of this code; a build with the same key loads them instead.
A missing, damaged or older file is made again; nothing is kept in the
environment pickle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import code_digest
from .kept import read_kept, write_kept

if TYPE_CHECKING:
    from .catalog import Catalog

#: The code the kept values are made by: kept values of other code are made again.
CODE = code_digest([*Path(__file__).parent.glob("*.py"),
                    *Path(__file__).parents[1].joinpath("numbering").glob("*.py"),
                    Path(__file__).parents[1] / "model.py"])

FILE = "policynotes-derived.pickle"


def load(catalog: Catalog, doctreedir: str, key: str | None) -> None:
    """Give the catalog the values kept under ``key``, if the file holds them;
    remember the key and the file for :func:`save`."""
    if key is None:
        return
    catalog.derived_key = (CODE, key)
    catalog.derived_file = str(Path(doctreedir) / FILE)
    stored = read_kept(Path(catalog.derived_file))
    if isinstance(stored, dict) and stored.get("key") == catalog.derived_key:
        catalog.adopt_derived(stored["values"])


def save(catalog: Catalog) -> None:
    """Keep what this build derived anew (nothing when it loaded them)."""
    values: dict[str, Any] | None = catalog.derived_values()
    if catalog.derived_key is None or catalog.derived_file is None or values is None:
        return
    write_kept(Path(catalog.derived_file), {"key": catalog.derived_key, "values": values})
