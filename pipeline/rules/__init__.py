"""Per-document rules: segmentation, the publication date, every extractor and the document's
summary for consolidation. This folder, the lexicon and pipeline/data are what
config.rules_fingerprint hashes to key the per-document cache."""
