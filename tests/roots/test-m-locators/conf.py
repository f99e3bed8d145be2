extensions = ["myst_parser", "sphinx_policynotes"]
project = "Locators"
copyright = "2026, tests"
version = release = "1"
language = "ja"
root_doc = "index"
policynotes_schemes = {
    "city": [
        {"name": "goal", "pattern": r"基本目標\s*(\S+?)(?=\s|施策|$)", "numerals": "arabic"},
        {"name": "measure", "pattern": r"施策\s*[（(](\S+?)[）)]", "numerals": "arabic"},
    ],
}
policynotes_latex_preset = "ja-lualatex"
