extensions = ["myst_parser", "sphinx_policynotes"]
project = "Review"
copyright = "2026, tests"
version = release = "1"
language = "en"
root_doc = "index"
latex_documents = [("index", "review.tex", "Review", "tests", "manual")]
