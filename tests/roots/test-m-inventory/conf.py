extensions = ["myst_parser", "sphinx_policynotes"]
project = "Notes"
copyright = "2026, tests"
version = release = "1"
language = "en"
root_doc = "index"
