"""The field kit's sizes and build time: what a phone has to download, per chapter.

Builds two chapters (one with spreadsheets) in both languages into a temporary folder with
the real Chromium, and reports the largest and the mean zip, the largest phone bundle (A4
handout, messages, cards; the goal is under 2 MB) and the seconds per chapter and language.
The whole kit is 18 chapters: multiply to estimate ``make fieldkit``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mipyme.fieldkit import build

CHAPTERS = ("ch04", "ch14")


def run():
    with tempfile.TemporaryDirectory() as tmp:
        report = build(Path(tmp) / "fieldkit", CHAPTERS)
    zips = list(report.zips.values())
    phones = list(report.phone.values())
    yield "fieldkit.zip_max", max(zips) / 1024, "KB"
    yield "fieldkit.zip_mean", sum(zips) / len(zips) / 1024, "KB"
    yield "fieldkit.phone_bundle_max", max(phones) / 1024, "KB"
    yield "fieldkit.phone_bundle_vs_2mb", max(phones) / (2 * 1024 * 1024), "ratio"
    yield "fieldkit.seconds_per_chapter_language", report.seconds / len(zips), "s"
