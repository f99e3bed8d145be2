extensions = ["sphinx_policynotes"]
project = "searchja"
copyright = "2026, tests"
version = release = "1"
language = "ja"
