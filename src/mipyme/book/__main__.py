"""``python -m mipyme.book build --out build/book``: build the bilingual book."""

from mipyme.book.cli import main

raise SystemExit(main())
