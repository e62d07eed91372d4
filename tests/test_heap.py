"""Reading, resolution and writing run with the heap frozen and no collection by itself, and leave it as it was."""

from __future__ import annotations

import gc
import weakref

from kgraph.heap import cycles_freed, full_passes_again, heap_frozen


def test_heap_frozen_freezes_for_the_block_and_thaws_after():
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with heap_frozen():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_heap_frozen_inside_a_freeze_leaves_it_to_the_outer_one():
    before = gc.get_threshold()
    with heap_frozen():
        frozen = gc.get_freeze_count()
        made = [[] for _ in range(10)]
        with heap_frozen():
            assert gc.get_freeze_count() >= frozen + len(made)  # what the outer block made is frozen too
        assert gc.get_freeze_count() >= frozen + len(made)  # the inner block did not thaw the outer one
        assert gc.get_threshold()[2] > 10**6  # nor gave the full passes back
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_heap_frozen_thaws_when_the_block_fails():
    try:
        with heap_frozen():
            raise ValueError("a step fails")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_heap_frozen_stops_the_collector_running_by_itself_and_gives_it_back():
    before = gc.get_threshold()
    assert gc.isenabled()
    with heap_frozen():
        assert not gc.isenabled()  # a build's young collections were 3 % of its CPU, for few cycles
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6
        node = _Node()
        gone = weakref.ref(node)
        del node
        made = [[] for _ in range(10 * before[0])]  # allocations enough for several young collections, were it on
        del made
        assert gone() is not None  # left until asked for (`cycles_freed`) or the block's end
        gc.collect(1)
        assert gone() is None
    assert gc.get_threshold() == before and gc.isenabled()


def test_heap_frozen_leaves_a_collector_turned_off_off():
    gc.disable()
    try:
        with heap_frozen():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_full_passes_again_in_a_process_forked_inside_the_block():
    before = gc.get_threshold()
    with heap_frozen():
        full_passes_again()
        assert gc.get_threshold() == before[:2] + (10,) and gc.isenabled()
    assert gc.get_threshold() == before and gc.isenabled()


def test_cycles_freed_frees_the_cycles_its_step_dropped_in_the_block_only():
    with heap_frozen():
        before = _Node()
        left = weakref.ref(before)
        del before  # dropped before the step: not walked by its pass, left to the block's end
        with cycles_freed():
            node = _Node()
            gone = weakref.ref(node)
            gc.collect(1)  # old now: only a full pass would free it
            del node
            gc.collect(1)
            assert gone() is not None
        assert gone() is None
        assert left() is not None
    gc.collect()
    assert left() is None  # given back to the collector at the block's end
    gc.disable()  # no pass of its own between the lines below
    try:
        with cycles_freed():  # outside a block: left to the collector's passes
            node = _Node()
            gone = weakref.ref(node)
            del node
        assert gone() is not None
    finally:
        gc.enable()
        gc.collect()
