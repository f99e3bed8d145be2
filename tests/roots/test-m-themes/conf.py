# The page layout checked in a browser under several HTML themes
# (tests/browser/test_theme_layout.py): a policy-lineage of three versions
# and a policy-index, with passages and titles long enough to need wrapping.
extensions = ["sphinx_policynotes"]
project = "themes"
language = "ja"
exclude_patterns = ["_build"]
