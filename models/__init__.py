"""The trained Latvian spaCy pipeline, installed with lvpress as the `lvpress_models` package.

The folder is mapped to a package in pyproject.toml so that `pip install .` copies the model
next to the code; nothing is ever downloaded at run time.
"""
