extensions = ["myst_parser", "sphinx_policynotes"]
project = "Diff"
copyright = "2026, tests"
version = release = "1"
language = "ja"
root_doc = "index"
