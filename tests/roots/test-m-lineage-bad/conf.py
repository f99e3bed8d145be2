extensions = ["sphinx_policynotes"]
project = "lineage-bad"
