"""Python's cycle collector, paused around work that makes many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the body of the ``with``.

    For work that makes tens of thousands of objects and drops them before
    it ends (the exports, an index page's tables). With the collector
    running, each young collection during that work finds them still alive
    and moves them up; enough of them start a full collection, which walks
    every object of the build (all doctrees Sphinx holds between reading
    and writing), and once dropped they wait for another. Paused, they die
    young: reference counting frees what holds no cycle, and the first
    young collection after the pause frees the rest.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
