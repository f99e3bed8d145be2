# Our directives beside the extensions our users load with them.
extensions = ["myst_parser", "sphinx_policynotes", "sphinx_needs", "sphinx_design",
              "sphinxcontrib.bibtex"]
project = "Mixed"
copyright = "2026, tests"
version = release = "1"
language = "en"
root_doc = "index"
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["needs.beta"]
