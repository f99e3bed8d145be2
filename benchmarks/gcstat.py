"""Run sphinx-build and write how long Python's cycle collector ran (benchmark only).

``python benchmarks/gcstat.py OUT.json SPHINX-BUILD-ARGUMENTS...`` builds as
``python -m sphinx`` does and writes ``{"seconds": ..., "collections": [...]}``
to OUT.json at exit: the time between each collection's ``start`` and
``stop`` callbacks (``gc.callbacks``), and the number of collections per
generation. The scaling series uses it to show how much of the time per
quote is the collector's, whose full passes walk the whole heap.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
import time
from pathlib import Path

from sphinx.cmd.build import main

seconds = [0.0, 0.0, 0.0]
collections = [0, 0, 0]
started = [0.0]


def timer(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        seconds[info["generation"]] += time.perf_counter() - started[0]
        collections[info["generation"]] += 1


def write(out: Path) -> None:
    out.write_text(json.dumps({"seconds": sum(seconds), "per_generation": seconds,
                               "collections": collections}), encoding="utf-8")


if __name__ == "__main__":
    gc.callbacks.append(timer)
    atexit.register(write, Path(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
