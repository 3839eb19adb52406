"""Timing helpers shared by the benchmark scripts (run them from the project root)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(call: Callable[[], T], runs: int) -> tuple[list[float], T]:
    """Milliseconds of ``runs`` calls after one warm-up call, and its result."""
    result = call()  # warm the page cache and statement caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
