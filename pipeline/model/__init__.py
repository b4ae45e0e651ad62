"""The Latvian model: tokenizer, loading, annotation cache, training and evaluation.
Imports only the top-level records and config."""
