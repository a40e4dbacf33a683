"""fzlint: a linter for 法治政府建设年度报告 and other Chinese official reports."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~70 ms to import: only pay it when the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("fzlint")
        except PackageNotFoundError:  # running from a checkout that was never installed
            return "0.0.0+local"
    raise AttributeError(name)
