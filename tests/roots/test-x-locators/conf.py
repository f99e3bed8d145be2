extensions = ["sphinx_policynotes"]
project = "locators"
language = "ja"
