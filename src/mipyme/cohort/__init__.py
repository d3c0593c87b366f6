"""Cohorts across universities: rosters, parallel sandboxed autograding, grade exports and
the program report.

The pieces, one module each:

- :mod:`mipyme.cohort.roster` and :mod:`mipyme.cohort.course`: a cohort's nbgrader course
  directory from a roster (``mipyme cohort init``);
- :mod:`mipyme.cohort.sandbox`, :mod:`mipyme.cohort.autograde` (with
  :mod:`~mipyme.cohort.autograde_journal`, :mod:`~mipyme.cohort.autograde_run` and
  :mod:`~mipyme.cohort.autograde_checks`) and :mod:`mipyme.cohort.executors`: grading every
  submission of a standard nbgrader course, in parallel and sandboxed, writing the gradebook
  nbgrader itself would (``mipyme autograde``);
- :mod:`mipyme.cohort.feedback`: feedback that names failed checks without the hidden tests'
  code (``mipyme feedback``);
- :mod:`mipyme.cohort.export` and :mod:`mipyme.cohort.report`: grade files for Moodle and
  Canvas (``mipyme export``) and one HTML report over many cohorts (``mipyme report``).
"""
