"""The shipped rule packs (YAML), installed as the data package `fzlint.rules`."""

import os

FOLDER = os.path.dirname(os.path.abspath(__file__))


def path(*parts: str) -> str:
    """The path of a shipped file. fzlint is installed unpacked (the segmenter reads its user
    dictionary by path), so a plain path serves, without the ~3 ms that `importlib.resources`
    takes on first use in every run."""
    return os.path.join(FOLDER, *parts)
