"""A minimal LSP client for tests and the latency benchmark: runs `fzlint server` as a subprocess
and speaks JSON-RPC to it with hand-written Content-Length framing, as an editor does."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT = 30.0


class Client:
    def __init__(self, cwd: str | Path, args: tuple[str, ...] = ()) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fzlint", "server", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(cwd),
            env=env,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        # notifications and server requests read while waiting for something else
        self.seen: list[dict[str, Any]] = []
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait_for(
        self, accept: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT
    ) -> dict[str, Any]:
        """The first message (new, or seen earlier and not yet taken) that `accept` takes."""
        for index, message in enumerate(self.seen):
            if accept(message):
                return self.seen.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no such message within {timeout} s; seen {self.seen}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message.get("method") in ("client/registerCapability", "workspace/applyEdit"):
                self.send({"id": message["id"], "result": None})
            if accept(message):
                return message
            self.seen.append(message)

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self.next_id += 1
        number = self.next_id
        self.send({"id": number, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == number and "method" not in m, timeout)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["result"]

    def initialize(
        self, root: str | Path, text_document: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": Path(root).as_uri(),
                "capabilities": {
                    "workspace": {
                        "workspaceEdit": {"documentChanges": True},
                        "didChangeWatchedFiles": {"dynamicRegistration": True},
                    },
                    "textDocument": {
                        "publishDiagnostics": {"relatedInformation": True},
                        **(text_document or {}),
                    },
                },
            },
        )
        self.notify("initialized", {})
        return result

    def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = TIMEOUT
    ) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri` (for `version`, when given)."""

        def accept(message: dict[str, Any]) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return self.wait_for(accept, timeout)["params"]["diagnostics"]

    def close(self, timeout: float = 10.0) -> int:
        """shutdown, exit, and the process's exit code; killed if it does not end in time."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout)
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def utf16_offset(text: str, position: dict[str, int]) -> int:
    """The code-point offset in `text` of an LSP position counted in UTF-16 code units."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position["line"]])
    units = 0
    for column, char in enumerate(lines[position["line"]]):
        if units >= position["character"]:
            return start + column
        units += len(char.encode("utf-16-le")) // 2
    return start + len(lines[position["line"]])


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """`text` with LSP TextEdits made, as an editor makes them (the last one first)."""
    spans = [
        (utf16_offset(text, e["range"]["start"]), utf16_offset(text, e["range"]["end"]), e)
        for e in edits
    ]
    for start, end, edit in sorted(spans, key=lambda s: s[0], reverse=True):
        text = text[:start] + edit["newText"] + text[end:]
    return text


def edits_of(workspace_edit: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """The TextEdits a WorkspaceEdit makes to `uri` (as documentChanges or changes)."""
    if "documentChanges" in workspace_edit:
        return [
            edit
            for change in workspace_edit["documentChanges"]
            if change["textDocument"]["uri"] == uri
            for edit in change["edits"]
        ]
    return list(workspace_edit.get("changes", {}).get(uri, []))
