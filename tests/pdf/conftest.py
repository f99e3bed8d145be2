"""The PDF checks run in ``tox -e pdf`` only (they need TeX Live and take a minute)."""

from __future__ import annotations

import os

collect_ignore = ([] if os.environ.get("POLICYNOTES_PDF") == "1"
                  else ["test_pdf.py", "test_pdf_tall_rows.py", "test_pdf_diff.py",
                        "test_pdf_responses.py"])
