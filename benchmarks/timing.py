"""Timing helpers shared by the benchmark scripts (run them from the project root)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def timed(call: Callable[[], T], runs: int) -> tuple[list[float], T]:
    """Milliseconds of ``runs`` calls after one warm-up call, and its result."""
    result = call()  # warm the page cache and statement caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def timed_pair(
    first: Callable[[], T], second: Callable[[], U], runs: int
) -> tuple[list[float], T, list[float], U]:
    """``timed`` for two calls taking turns, run by run.

    On a shared machine the speed drifts from one second to the next; timing all
    runs of one call and then all of the other lets a slow spell land on one side.
    """
    first_result, second_result = first(), second()  # warm caches for both
    first_times: list[float] = []
    second_times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        end = time.perf_counter()
        first_times.append((middle - start) * 1000)
        second_times.append((end - middle) * 1000)
    return first_times, first_result, second_times, second_result


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
