extensions = ["sphinx_policynotes"]
project = "split"
policynotes_index_page_quotes = 3
