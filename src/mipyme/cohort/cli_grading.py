"""Subcommands of the ``mipyme`` command (see :mod:`mipyme.cli`)."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets ``run`` to a function(args) -> exit code."""
