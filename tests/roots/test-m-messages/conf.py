"""Typos and mistakes, each given one warning: did-you-mean, the order of a
page's warnings, the language of the messages (tests/test_messages.py)."""

extensions = ["myst_parser", "sphinx_policynotes"]
myst_enable_extensions = ["colon_fence"]
project = "messages"
exclude_patterns = ["_build"]
