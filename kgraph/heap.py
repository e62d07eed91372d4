"""The garbage collector's full passes left out while a big step runs (reading a corpus, resolution, writing).

Each step makes millions of objects and keeps most of them, so the cycle collector ran its full pass again and
again, and each pass walked everything kept so far: the pages read, the corpus (a third of resolution's CPU, a
quarter of writing's; at 10,000 articles a second of the whole build's 24). Within the block the heap that was
there is frozen and the full passes wait for its end; the young generations are still collected, so the cycles a
step leaves behind as it goes are freed as before (the peak memory of a 10,000-article build is the same).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["full_passes_again", "heap_frozen"]

_NO_FULL_PASS = 1 << 30  # young collections between full passes: never, in practice
_FULL_PASS = 10  # CPython's own


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The heap as it is now frozen, and no full pass of the collector, for the `with` block; nothing changes in
    the result. An outer freeze is left alone (and ends where it began)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], _NO_FULL_PASS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()



def full_passes_again() -> None:
    """For a process forked inside `heap_frozen` (a pool's worker): its own garbage gets full passes again, or the
    cycles of every page it reads would stay until it ends. The frozen heap it inherited stays frozen, shared with
    the parent's pages of memory instead of copied by the collector's touch."""
    young, middle, full = gc.get_threshold()
    if full == _NO_FULL_PASS:
        gc.set_threshold(young, middle, _FULL_PASS)
