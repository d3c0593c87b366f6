"""``python -m mipyme`` runs the ``mipyme`` command."""

from mipyme.cli import main

raise SystemExit(main())
