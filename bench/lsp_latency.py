"""`fzlint server` latency, as an editor sees it: from a didChange to its publishDiagnostics.

    python bench/lsp_latency.py               # examples/draft.txt, a 10 KB report, a 1 MB report
    python bench/lsp_latency.py --changes 20

A warm server (packs loaded by the first lint) gets `--changes` edits of each small report, one at a
time, each a full-text change that makes the text differ from the last; the time to the
diagnostics of that version is measured, and shown with the debounce (`fzlint.server.DEBOUNCE`)
subtracted, which is what the server spends. The 1 MB report (the corpus repeated) is opened and
changed a few times; while it is linted, hover requests sent one after another measure how long the server takes to
answer (the lint runs off the event loop, so this stays short). Needs pygls (`pip install -e
'.[test]'` or `'.[server]'`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import Client  # noqa: E402

from fzlint.server import DEBOUNCE  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"


def _open(client: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    client.diagnostics(uri, 1, timeout=300)
    return uri


def _change(client: Client, uri: str, version: int, text: str, timeout: float = 60) -> float:
    started = time.perf_counter()
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )
    client.diagnostics(uri, version, timeout)
    return time.perf_counter() - started


def small(client: Client, folder: Path, name: str, text: str, changes: int) -> list[float]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path, text)
    # each version differs from the one before: a paragraph grows by one sentence, then shrinks
    return [
        _change(client, uri, version, text + ("\n新增一句。" if version % 2 else ""))
        for version in range(2, changes + 2)
    ]


def big_change(client: Client, uri: str, version: int, text: str) -> tuple[float, list[float]]:
    """Time to the diagnostics of a change to a large report, and the round trips of the hover
    requests sent, one after another, while it was linted."""
    started = time.perf_counter()
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )

    def published(message: dict) -> bool:
        return (
            message.get("method") == "textDocument/publishDiagnostics"
            and message["params"]["uri"] == uri
            and message["params"].get("version") == version
        )

    hovers = []
    while not any(published(m) for m in client.seen):
        asked = time.perf_counter()
        client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
        )
        hovers.append(time.perf_counter() - asked)
        if time.perf_counter() - started > 600:
            raise TimeoutError("no diagnostics for the 1 MB report within 600 s")
        time.sleep(0.01)
    client.wait_for(published)
    # the last hover may have waited for the diagnostics' arrival: the time is still an upper bound
    return time.perf_counter() - started, hovers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--big-changes", type=int, default=3)
    args = parser.parse_args()
    reports = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    ten_kb = max(reports, key=len)
    big = ""
    while len(big.encode("utf-8")) < 1_000_000:
        big += "\n".join(reports)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        client = Client(folder, ("--isolated",))
        client.initialize(folder)
        try:
            draft = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
            for label, name, text in (
                ("examples/draft.txt", "draft.txt", draft),
                ("10 KB report", "ten.txt", ten_kb),
            ):
                times = small(client, folder, name, text, args.changes)
                size = len(text.encode("utf-8")) / 1024
                rows.append((f"{label} ({size:.1f} KB), {args.changes} changes", times))
            path = folder / "big.txt"
            path.write_text(big, encoding="utf-8")
            opened = time.perf_counter()
            uri = _open(client, path, big)
            first = time.perf_counter() - opened
            times, hovers = [], []
            for version in range(2, args.big_changes + 2):
                took, answered = big_change(
                    client, uri, version, big + ("。" if version % 2 else "")
                )
                times.append(took)
                hovers += answered
            rows.append((f"1 MB report ({len(big.encode()) / 1e6:.2f} MB), open", [first]))
            rows.append((f"1 MB report, {args.big_changes} changes", times))
        finally:
            client.close()
    print(f"debounce {DEBOUNCE * 1000:.0f} ms; times from didChange to publishDiagnostics")
    print(f"{'measurement':<48} {'median':>9} {'min':>9} {'max':>9} {'median-debounce':>16}")
    for label, times in rows:
        median = statistics.median(times)
        print(
            f"{label:<48} {median * 1000:>7.1f}ms {min(times) * 1000:>7.1f}ms "
            f"{max(times) * 1000:>7.1f}ms {(median - DEBOUNCE) * 1000:>14.1f}ms"
        )
    if hovers:
        print(
            f"hover answered during the 1 MB lints: {len(hovers)} requests, median "
            f"{statistics.median(hovers) * 1000:.1f} ms, max {max(hovers) * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
