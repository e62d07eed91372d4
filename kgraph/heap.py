"""The objects alive now kept out of the garbage collector's full passes while a big step runs.

Resolution and writing make millions of new objects, so the cycle collector runs its full pass again and again,
and each pass walked the whole corpus too (a third of resolution's CPU, a quarter of writing's, at 10,000
articles). Frozen rather than switched off: the cycles the step itself leaves are still collected as it goes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["heap_frozen"]


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The heap as it is now, frozen for the `with` block; nothing changes in the result. An outer freeze is left
    alone (and ends where it began)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
