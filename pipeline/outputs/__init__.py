"""What a run writes: the CSV files, near-duplicate marks, SQLite, the review page, applied
reviews, the spreadsheet export and the data dictionary."""
