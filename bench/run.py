"""Run every benchmark in bench/ and print one line per figure.

Each ``bench/bench_*.py`` module defines ``run()``, a generator of
``(name, value, unit)`` tuples. Figures are ratios against a baseline measured in the
same run wherever a baseline exists, so they compare across machines.

Usage: ``python bench/run.py [substring ...]`` (only modules whose name contains one).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    wanted = argv[1:]
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(w in path.stem for w in wanted):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        try:
            for name, value, unit in module.run():
                shown = f"{value:.4g}" if isinstance(value, float) else str(value)
                print(f"BENCH {name} {shown} {unit}", flush=True)
        except Exception as err:  # report and go on with the other benchmarks
            failures += 1
            print(f"BENCH-ERROR {path.stem} {type(err).__name__}: {err}", flush=True)
        print(f"# {path.stem} took {time.perf_counter() - started:.1f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
