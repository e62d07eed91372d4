"""Resolution and writing run with the heap frozen out of the collector's full passes, and leave it as it was."""

from __future__ import annotations

import gc

from kgraph.heap import heap_frozen


def test_heap_frozen_freezes_for_the_block_and_thaws_after():
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with heap_frozen():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_heap_frozen_inside_a_freeze_leaves_it_to_the_outer_one():
    with heap_frozen():
        frozen = gc.get_freeze_count()
        with heap_frozen():
            pass
        assert gc.get_freeze_count() == frozen  # the inner block did not thaw the outer one
    assert gc.get_freeze_count() == 0


def test_heap_frozen_thaws_when_the_block_fails():
    try:
        with heap_frozen():
            raise ValueError("a step fails")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0
