"""Fixtures of the export tests: the flat freight tables and the peso at 20 (export_support)."""

from __future__ import annotations

import pytest

from export_support import flat_freight_data, peso_at_20


@pytest.fixture
def data(tmp_path):
    """Export tables with flat, hand-checkable freight rates in pesos."""
    return flat_freight_data(tmp_path)


@pytest.fixture
def fx():
    """Exchange rates with the peso at 20 per dollar on the tests' quote date."""
    return peso_at_20()
