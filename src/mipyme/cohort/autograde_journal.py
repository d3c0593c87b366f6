"""The journal of :func:`mipyme.cohort.autograde.autograde`: which submissions are graded.

A journal (``.mipyme/autograde/ASSIGNMENT.jsonl`` in the course) records each submission
once its grades are committed, with a fingerprint of the files handed in; a rerun skips what
is recorded and unchanged, and regrades anything a killed run left halfway.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mipyme.cohort.intake import Caps, Scan, scan

__all__ = ["JOURNAL_DIR", "GradingJournal", "scan_submission", "submission_fingerprint"]

#: Where the journal of graded submissions lives, inside the course directory.
JOURNAL_DIR = Path(".mipyme") / "autograde"


def submission_fingerprint(folder: Path, caps: Caps | None = None) -> str:
    """What was handed in: every file's path, size and modification time, as ``lstat``
    says (no link is followed), and every entry refused (see
    :meth:`mipyme.cohort.intake.Scan.fingerprint`)."""
    return scan_submission(folder, caps or Caps()).fingerprint()


def scan_submission(folder: Path, caps: Caps) -> Scan:
    """``submitted/STUDENT/ASSIGNMENT`` looked at with ``lstat`` (the student's folder too)."""
    return scan(folder, caps, label=f"{folder.parent.name}/{folder.name}", parents=1)



class GradingJournal:
    """The graded submissions of one assignment, read from and appended to its file."""

    def __init__(self, course: Path, assignment: str) -> None:
        self.path = course / JOURNAL_DIR / f"{assignment}.jsonl"
        self.marks = course / JOURNAL_DIR / f"{assignment}.grading"
        self.records: dict[str, dict] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:  # a line a killed run did not finish
                    continue
                if isinstance(record, dict) and "student" in record:
                    self.records[record["student"]] = record

    def done(self, student: str, fingerprint: str, dest: Path) -> dict | None:
        record = self.records.get(student)
        if not record or record.get("fingerprint") != fingerprint:
            return None
        if record.get("status") != "zero" and not dest.is_dir():
            return None  # autograded files were removed: grade again
        return record

    def begin(self, student: str) -> None:
        """Mark ``student`` as being graded (until :meth:`write` or :meth:`end`): a run
        killed in between leaves the mark, and the next run grades that submission again
        even where nbgrader's own rule would skip it (its ``autograded/`` copy may be
        half written)."""
        self.marks.mkdir(parents=True, exist_ok=True)
        (self.marks / student).touch()

    def end(self, student: str) -> None:
        """Take away the mark of :meth:`begin`."""
        (self.marks / student).unlink(missing_ok=True)

    def halfway(self, student: str) -> bool:
        """Whether a killed run left ``student`` halfway (see :meth:`begin`)."""
        return (self.marks / student).is_file()

    def write(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self.records[record["student"]] = record
        self.end(record["student"])

