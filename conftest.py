"""Shared test setup: Spanish by default, a headless matplotlib, language reset per test."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _spanish_by_default():
    from mipyme.i18n import set_language

    set_language("es")
    yield
    set_language("es")
