"""The rule engine: load YAML packs into rules, run them over a document."""
