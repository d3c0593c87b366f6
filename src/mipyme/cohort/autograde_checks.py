"""What grading one submission found besides its score: the integrity checks.

The parts of :func:`mipyme.cohort.autograde.autograde` that turn a submission and its
executed notebook into reasons (``(i18n key, params)`` pairs): locked cells deleted or
changed, and cells stopped by the box's limits (time, memory, processes), silenced
tracebacks, errors outside the graded cells, a judge that failed, truncated output.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from mipyme.cohort.autograde_run import GradingRun
from mipyme.cohort.executors import JUDGE_FAILED, STOPPED

__all__ = ["executed_reasons", "tampering"]

_TIMEOUT = "CellTimeoutError"
_SILENCED = "showtraceback was disabled"


def tampering(run: GradingRun, folder: Path, name: str) -> list[tuple[str, dict]]:
    """Locked cells the student deleted or changed (nbgrader restores changed ones)."""
    try:
        submitted = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    except Exception:
        return []
    seen = {}
    for cell in submitted.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id"):
            seen[meta["grade_id"]] = cell.get("source", "")
    out = []
    deleted = [cell for cell in run.test_cells(name) if cell not in seen]
    if deleted:
        out.append(("cohort.reason.deleted_cells", {"cells": ", ".join(deleted)}))
    release = run.release(name)
    if release is not None:
        changed = sorted(cell for cell, text in release.items()
                         if cell in seen and seen[cell].strip() != text.strip())
        if changed:
            out.append(("cohort.reason.changed_cells", {"cells": ", ".join(changed)}))
    return out


def executed_reasons(run: GradingRun, dest: Path, name: str, outcome) -> list[tuple[str, dict]]:
    out: list[tuple[str, dict]] = []
    if outcome is not None and outcome.status != "ok":
        out.append((outcome.reason, dict(outcome.params)))
    path = dest / f"{name}.ipynb"
    if not path.is_file():
        return out
    nb = nbformat.read(path, as_version=4)
    timeouts, memory, processes, silenced, outside, judged = [], [], [], [], [], []
    for index, cell in enumerate(nb.cells):
        label = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"#{index + 1}"
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error":
                if output.get("ename") == _TIMEOUT:
                    timeouts.append(label)
                elif output.get("ename") == "MemoryError":
                    memory.append(label)
                elif output.get("ename") == "BlockingIOError" and "fork" in "".join(
                        output.get("traceback", [])):
                    processes.append(label)  # fork() past the box's process limit
                elif output.get("ename") == JUDGE_FAILED:
                    judged.append(label)
                elif any(_SILENCED in line for line in output.get("traceback", [])):
                    silenced.append(label)
                elif label.startswith("#") and output.get("ename") != STOPPED:
                    outside.append(f"{label} {output.get('ename')}")
    if timeouts and not (outcome and outcome.status == "timeout"):
        seconds = run.limits.cell_timeout or run.execute.get("timeout") or 30
        out.append(("cohort.reason.timeout", {"cells": ", ".join(timeouts),
                                              "seconds": seconds}))
    if memory:
        out.append(("cohort.reason.memory", {"cells": ", ".join(memory),
                                             "gib": run.limits.memory_bytes / 2**30}))
    if processes:
        out.append(("cohort.reason.processes", {"cells": ", ".join(processes),
                                                "processes": run.limits.processes}))
    if silenced:
        out.append(("cohort.reason.silenced", {"cells": ", ".join(silenced)}))
    if outside:
        out.append(("cohort.reason.errors_outside", {"cells": ", ".join(outside)}))
    if judged:
        out.append(("cohort.reason.judge", {"cells": ", ".join(judged)}))
    if outcome is not None and outcome.truncated and outcome.status != "output":
        out.append(("cohort.reason.truncated", {"mib": run.limits.output_bytes // 2**20}))
    return out
