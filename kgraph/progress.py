"""The command line's progress line (used by cli.py only): stages, counts and an estimate that can be trusted.

A build reads every file, extracts every file, resolves the people and writes its outputs. Each counted stage shows
`extracting 12/58 files · about 0:23 left`; the stages that report no counts show how long they have run. The
estimate starts after the first files come back: starting worker processes (or a dask cluster) takes seconds before
any file is done, and counting that time as work once made a 31 s build announce 26 minutes. Files found in the
cache are counted as done, not as work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

REDRAW_S = 0.2  # at most this often on a terminal
LOG_EVERY_S = 2.0  # at most this often when the line goes to a file or pipe (--progress asked for it)
INSTANT_S = 0.5  # steps this soon after a stage starts came from the cache
BURST_S = 0.05  # steps this close together came back together


@dataclass(frozen=True, slots=True)
class Stage:
    label: str
    total: int | None = None  # None: a stage that reports no counts
    unit: str = "files"


def format_eta(seconds: float) -> str:
    """`0:07`, `12:30`, `1:02:03`."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Rate:
    """Steps per second of the steady flow, which starts with the first burst of steps that took time to come.

    Steps in the first half second of a stage are files found in the cache, and the first burst of computed steps
    paid for starting the workers: both are counted as done but not timed. Results also come in bursts (a pool
    hands them back in chunks), so later gaps never restart the clock."""

    def __init__(self, now: float) -> None:
        self.began = now
        self.start: float | None = None  # when the steady flow began
        self.at_start = 0  # steps done by then
        self.last = now
        self.done = 0
        self.timed = False  # a step has come after the first burst

    def step(self, now: float) -> None:
        self.done += 1
        if self.start is None and now - self.began < INSTANT_S:
            self.at_start = self.done  # from the cache: no work to time
        elif self.start is None or (not self.timed and now - self.last <= BURST_S):
            self.start, self.at_start = now, self.done  # the first computed burst
        else:
            self.timed = True
        self.last = now

    def eta(self, now: float, total: int) -> float | None:
        """Seconds left, or None until a step after the first burst has been timed."""
        if self.start is None or not self.timed or now <= self.start:
            return None
        rate = (self.done - self.at_start) / (now - self.start)
        return (total - self.done) / rate


class Progress:
    """A one-line progress display on `stream` through a list of stages; `step` is the library's callback.

    Steps move through the counted stages in order (a build calls it once per file when reading, once when
    extracting); `stage` starts a stage by hand. On a terminal the line is redrawn in place; elsewhere it is
    written as a new line every few seconds. Disabled, every method does nothing."""

    def __init__(self, stream: TextIO, stages: Sequence[Stage], *, enabled: bool, terminal: bool,
                 clock: Callable[[], float] = time.monotonic, tick: bool = True) -> None:
        self.stream, self.stages, self.enabled, self.terminal = stream, list(stages), enabled, terminal
        self.clock = clock
        self.index, self.began, self.drawn, self.width = -1, clock(), float("-inf"), 0
        self.rate = Rate(self.began)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.ticker = threading.Thread(target=self._tick, daemon=True) if enabled and tick else None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._next()
            if self.ticker is not None:
                self.ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.enabled and self.terminal and self.width:
            with self.lock:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()

    def step(self, _key: object = None) -> None:
        if not self.enabled:
            return
        with self.lock:
            now = self.clock()
            stage = self.stages[self.index] if 0 <= self.index < len(self.stages) else None
            if stage is None or stage.total is None:
                return
            self.rate.step(now)
            if self.rate.done >= stage.total:
                self._next_locked()
            else:
                self._draw(now)

    def stage(self, label: str) -> None:
        """Start an uncounted stage now (writing the outputs), after the counted ones."""
        if not self.enabled:
            return
        with self.lock:
            self.stages[self.index + 1:self.index + 1] = [Stage(label)]
            self._next_locked()

    def line(self, now: float) -> str:
        stage = self.stages[self.index]
        elapsed = now - self.began
        if stage.total is None:
            return f"{stage.label}… {elapsed:.0f} s"
        eta = self.rate.eta(now, stage.total)
        left = f" · about {format_eta(eta)} left" if eta is not None else ""
        return f"{stage.label} {self.rate.done}/{stage.total} {stage.unit}{left}"

    def _next(self) -> None:
        with self.lock:
            self._next_locked()

    def _next_locked(self) -> None:
        self.index += 1
        while self.index < len(self.stages) and self.stages[self.index].total == 0:
            self.index += 1  # nothing to count
        if self.index >= len(self.stages):
            self.stages.append(Stage("finishing"))
        self.began = self.clock()
        self.rate = Rate(self.began)
        self.drawn = float("-inf")
        self._draw(self.began)

    def _draw(self, now: float) -> None:
        if now - self.drawn < (REDRAW_S if self.terminal else LOG_EVERY_S):
            return
        self.drawn = now
        text = self.line(now)
        if self.terminal:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = max(self.width, len(text))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def _tick(self) -> None:
        while not self.stop.wait(1.0):
            with self.lock:
                if self.stop.is_set():
                    return
                self._draw(self.clock())
