extensions = ["myst_parser", "sphinx_policynotes"]
project = "Public comment"
copyright = "2026, tests"
version = release = "1"
language = "en"
root_doc = "index"
latex_documents = [("index", "review.tex", "Public comment", "tests", "manual")]
