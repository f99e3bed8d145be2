"""``python -m sphinx_policynotes import POST.md -o NOTES.md``: the ``policynotes`` command."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
