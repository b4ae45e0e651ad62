"""Reading input: files, folders and JSONL records into Documents (plain text, HTML, PDF,
Word, OpenDocument). Imports only the top-level records."""
