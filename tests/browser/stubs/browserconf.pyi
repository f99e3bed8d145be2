# For mypy only. The browser tests import ``browserconf`` flat, as pytest puts
# tests/browser on sys.path; mypy cannot have tests/browser as a package base
# too (its conftest.py would clash with tests/conftest.py), so it checks the
# real module as ``browser.browserconf`` and this stub, on mypy_path, gives
# the flat name the same types (all of them: hence the star import).
from browser.browserconf import *  # noqa: F403
