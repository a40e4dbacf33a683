"""`python -m fzlint` runs the command-line interface."""

from fzlint.cli import run

run()
