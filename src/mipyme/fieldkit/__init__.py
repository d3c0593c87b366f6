"""The field kit: what a trained instructor takes to entrepreneurs who do not code.

For every chapter, in Spanish and English, built from the kit's own sources (the curriculum,
the facilitator notes and the library's numbers): a printable handout (PDF, A4 and Letter),
spreadsheet templates with real formulas, a WhatsApp sequence with phone cards, a quiz and a
voice-note script, an offline slide deck with speaker notes, and the knowledge check of the
chapter's part. ``python -m mipyme.fieldkit build --out build/fieldkit``.

>>> kit_path("ch07", "es")
'fieldkit/es/ch07-es.zip'
"""

from mipyme.fieldkit.build import BuildReport, build, kit_path, phone_bundle

__all__ = ["BuildReport", "build", "kit_path", "phone_bundle"]
