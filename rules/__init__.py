"""The shipped rule packs (YAML), installed as the data package `fzlint.rules`."""
