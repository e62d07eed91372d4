"""The garbage collector kept off the corpus while a big step runs (reading the pages, resolution, writing).

Each step makes millions of objects and keeps most of them, so the cycle collector ran its full pass again and
again, and each pass walked everything kept so far: the pages read, the corpus (a third of resolution's CPU, a
quarter of writing's; reading and resolving 10,000 articles spent a second in them). Within a block the heap that
was there is frozen, and reading and resolution have no full pass at all: the young generations are still
collected, and the cycles they leave are few. Writing keeps its full passes over what it makes itself: its
networkx graphs are cycles that only a full pass frees (without them the peak of 10,000 articles grew 13 MB).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["full_passes_again", "heap_frozen"]

_NO_FULL_PASS = 1 << 30  # young collections between full passes: never, in practice
_FULL_PASS = 10  # CPython's own


@contextmanager
def heap_frozen(*, full_passes: bool = False) -> Iterator[None]:
    """What is alive now frozen for the `with` block and, unless `full_passes`, no full pass over what the block
    makes either (its young generations are still collected); nothing changes in the result. A block inside
    another freezes what the outer one made so far and has its own passes; the outermost one thaws the heap."""
    outermost = not gc.get_freeze_count()
    thresholds = gc.get_threshold()
    gc.freeze()
    if not full_passes:
        gc.set_threshold(thresholds[0], thresholds[1], _NO_FULL_PASS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if outermost:
            gc.unfreeze()
        else:  # what the block made stays out of the outer block's passes too
            gc.freeze()


def full_passes_again() -> None:
    """For a process forked inside `heap_frozen` (a pool's worker): its own garbage gets full passes again, or the
    cycles of every page it reads would stay until it ends. The frozen heap it inherited stays frozen, shared with
    the parent's pages of memory instead of copied by the collector's touch."""
    young, middle, full = gc.get_threshold()
    if full == _NO_FULL_PASS:
        gc.set_threshold(young, middle, _FULL_PASS)
