"""Run fzlint in a process of its own, as a user or CI does, for the tests that need one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_fzlint(
    *args: str, cwd: Path, timeout: float = 60, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m fzlint ARGS` in `cwd`; by default with this environment less the test suite's
    cache folder, so the run picks its cache folder as a user's run does."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "FZLINT_CACHE_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "fzlint", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=dict(env),
        timeout=timeout,
    )
