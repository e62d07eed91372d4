"""The garbage collector kept off the corpus while a big step runs (reading the pages, resolution, writing).

Each step makes millions of objects and keeps most of them, so the cycle collector ran its full pass again and
again, and each pass walked everything kept so far: the pages read, the corpus, the triples the page reads (at
10,000 articles reading and resolving spent a second in them, at 60,000 writing spent 12 s). Within a block the
heap that was there is frozen and the collector does not run by itself at all: a build makes few cycles (at 10,000
articles about 10,000 objects of garbage in cycles, left to the block's end), and its young collections alone were
3 % of its CPU. The big cycles are networkx's graphs, which the steps that drop them free at once
(`cycles_freed`: without it the peak of 60,000 articles grew 50 MB).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cycles_freed", "full_passes_again", "heap_frozen"]

_NO_FULL_PASS = 1 << 30  # young collections between full passes: never, in practice
_FULL_PASS = 10  # CPython's own
# blocks entered and not left: `gc.get_freeze_count()` would say whether one is open, but it counts the frozen
# objects one by one (0.15 s at 10,000 articles, 1 s at 60,000)
_depth = 0
_collecting = True  # whether the collector ran by itself when the outermost block was entered


@contextmanager
def heap_frozen() -> Iterator[None]:
    """What is alive now frozen for the `with` block, and no collection of what the block makes either but those
    asked for (`cycles_freed`); nothing changes in the result. A block inside another freezes what the
    outer one made so far; the outermost one thaws the heap and gives the collector its passes back."""
    global _depth, _collecting
    outermost = not _depth
    if outermost:
        _collecting = gc.isenabled()
    young, middle, full = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(young, middle, _NO_FULL_PASS)
    gc.disable()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if outermost:
            gc.set_threshold(young, middle, full)
            gc.unfreeze()
            if _collecting:
                gc.enable()
        else:  # what the block made stays out of the collector's reach too
            gc.freeze()


def full_passes_again() -> None:
    """For a process forked inside `heap_frozen` (a pool's worker): its own garbage gets the collector's passes
    again, or the cycles of every page it reads would stay until it ends. The frozen heap it inherited stays
    frozen, shared with the parent's pages of memory instead of copied by the collector's touch."""
    young, middle, full = gc.get_threshold()
    if full == _NO_FULL_PASS:
        gc.set_threshold(young, middle, _FULL_PASS)
        if _collecting:
            gc.enable()


@contextmanager
def cycles_freed() -> Iterator[None]:
    """Inside a `heap_frozen` block without full passes, a step that makes and drops big cycles (a networkx graph
    holds views of itself, so only the collector frees it): what is alive when it begins is frozen first, and the
    cycles it dropped are freed when it ends by a pass over what it made alone. A pass over everything the block
    had made (the Turtle's IRIs, the page's index) cost 0.3 s at 60,000 articles, for a few cycles. Elsewhere
    the collector's own passes do it."""
    inside = gc.get_threshold()[2] == _NO_FULL_PASS
    if inside:
        gc.freeze()
    yield
    if inside:
        gc.collect()
