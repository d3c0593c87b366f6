"""The bilingual Jupyter Book (Spanish first, English): generated from the curriculum map.

``python -m mipyme.book build --out build/book`` generates both editions' sources under
``build/book-src/<lang>/`` and builds them with Jupyter Book 1.x (notebooks executed with
a cache, warnings as errors) into ``build/book/es/`` and ``build/book/en/``. See
:mod:`mipyme.book.build` for the structure and ``book/README.md`` for publishing.

>>> from mipyme.book import switch_href
>>> switch_href("ch07/notebook", "en")
'../../en/ch07/notebook.html'
"""

from mipyme.book.build import (
    EditionResult,
    build_book,
    build_edition,
    build_is_current,
    check_site,
    edition_plan,
    guide_plan,
    localize_notebook,
    page_paths,
    release_assignments,
    write_edition,
)
from mipyme.book.cli import main
from mipyme.book.kernel import figure_alt_text, register_alt_text
from mipyme.book.readings import (
    GuidePage,
    GuidePart,
    Guides,
    check_readings,
    load_guides,
    reading_pairs,
    structure,
)
from mipyme.book.sphinx_ext import switch_href, switch_html

__all__ = [
    "EditionResult",
    "GuidePage",
    "GuidePart",
    "Guides",
    "build_book",
    "build_edition",
    "build_is_current",
    "check_readings",
    "check_site",
    "edition_plan",
    "figure_alt_text",
    "guide_plan",
    "load_guides",
    "localize_notebook",
    "main",
    "page_paths",
    "reading_pairs",
    "register_alt_text",
    "release_assignments",
    "structure",
    "switch_href",
    "switch_html",
    "write_edition",
]
