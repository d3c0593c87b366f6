"""Shared test setup: Spanish by default, a headless matplotlib, language reset per test.

The ``slow`` marker names the tests that start real components (nbgrader rounds, kernels,
Chromium, the book build, the grading sandbox, the hub): ``make test-fast`` leaves them out.
"""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


#: Fixtures that start real components: a test that uses one is slow.
SLOW_FIXTURES = {"site", "book_site", "graded", "courses", "small", "feedback_page", "answered",
                 "box", "listener"}

#: Modules whose every test starts a browser, a sandbox, a kernel pool or the hub.
SLOW_MODULES = {"test_book_browser", "test_browser_lab", "test_browser_student_lab",
                "test_cohort_autograde", "test_cohort_autograde_scale", "test_cohort_box",
                "test_hub", "test_hub_quotas",
                # cohorts made with nbgrader's gradebook and CLI, the README's workflow run
                "test_cohort_report_funders", "test_cohort_report", "test_cohort_pending",
                "test_cohort_docs", "test_cohort_cli", "test_cohort_gains", "test_cohort_cascade",
                "test_cohort_course", "test_cohort_safety", "test_cohort_intake",
                "test_cohort_judge", "test_hub_plan",
                # nbgrader's own application tests run against mipyme's grader
                "test_nbgrader_dropin",
                # the field kit: PDFs printed by Chromium, spreadsheets recalculated by LibreOffice
                "test_fieldkit_build", "test_fieldkit_sheets"}

#: Single tests that build book pages (Sphinx, the edition's sources).
SLOW_TESTS = {"test_a_warning_fails_the_build", "test_both_editions_get_the_same_generated_files",
              "test_guide_pages_not_written_yet_are_left_out_of_both_editions",
              "test_an_instructor_rewrites_a_paragraph_and_an_order_and_sees_them"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        module = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
        name = getattr(item, "originalname", item.name)
        if (module in SLOW_MODULES or name in SLOW_TESTS
                or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))):
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts real components (nbgrader, kernels, Chromium, the book build, "
        "the sandbox, the hub); make test-fast leaves these out")


@pytest.fixture(autouse=True)
def _spanish_by_default():
    from mipyme.i18n import set_language

    set_language("es")
    yield
    set_language("es")
