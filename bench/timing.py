"""Small timing helpers shared by the benchmarks (wall-clock is measured here, never in tests)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def percentiles(samples: list[float], *qs: float) -> list[float]:
    """The ``qs`` percentiles (0-100) of ``samples``."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return [cuts[int(q) - 1] if 0 < q < 100 else (min(samples) if q == 0 else max(samples))
            for q in qs]
