"""Per-document rules: segmentation, the publication date, every extractor and the document's
summary for consolidation. This folder (with pipeline/data) is what config.rules_fingerprint
hashes: a result cached per document depends on nothing else but the model's output."""
