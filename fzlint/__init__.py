"""fzlint: a linter for 法治政府建设年度报告 and other Chinese official reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fzlint")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+local"
