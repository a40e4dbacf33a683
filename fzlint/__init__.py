"""fzlint: a linter for 法治政府建设年度报告 and other Chinese official reports."""

# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"
