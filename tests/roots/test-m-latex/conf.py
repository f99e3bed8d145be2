extensions = ["sphinx_policynotes"]
project = "latex"
language = "ja"
policynotes_latex_preset = "ja-lualatex"
latex_elements = {"papersize": "a4paper"}
