"""`fzlint server` driven as an editor drives it: a subprocess speaking JSON-RPC over stdio."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import Client, apply_edits, edits_of

pytest.importorskip("pygls")

# 𠀀 (U+20000) is outside the BMP: one code point, two UTF-16 code units.
ASTRAL = "\U00020000"
REPORT = (
    f"关于{ASTRAL}{ASTRAL}镇2023年度法治政府建设情况的报告\n"
    "\n"
    f"一、主要举措\n"
    f"（一）强化组织领导。{ASTRAL}镇党委切实履行第一责任人职责,全年召开专题会议4次。\n"
    f"[bookmark: _GoBack]（二）深化普法宣传。开展{ASTRAL}宣传活动12场。\n"
    "二、存在的不足\n"
    "部分干部法治意识有待提高。\n"
)
REPEATED = (
    "关于青石镇2023年度法治政府建设情况的报告\n\n一、主要举措\n"
    "（一）强化组织领导。镇党委、政府主要负责人切实履行推进法治建设第一责任人职责，全年召开专题会议4次，研究解决法治建设重大问题。\n"
    "（二）深化普法宣传。镇党委、政府主要负责人切实履行推进法治建设第一责任人职责，全年召开专题会议4次，研究解决法治建设重大问题。\n"
)
SKIPPED_HEADING = "关于青石镇2023年度法治政府建设情况的报告\n\n一、主要举措\n正文。\n二、存在的不足\n正文。\n四、下一年度安排\n正文。\n"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str) -> dict[str, int]:
    """Where `needle` starts, as an LSP position in UTF-16 code units (computed independently of
    the server)."""
    before = text[: text.index(needle)]
    line = before.count("\n")
    return {"line": line, "character": utf16(before.split("\n")[-1])}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    root = tmp_path_factory.mktemp("workspace")
    server = Client(root)
    server.root = root  # type: ignore[attr-defined]
    server.versions = {}  # type: ignore[attr-defined]
    try:
        server.initialize(root)
        yield server
    finally:
        if server.process.poll() is None:
            server.close()


def open_report(
    client: Client, name: str, text: str, folder: Path | None = None
) -> tuple[str, list[dict[str, Any]]]:
    path = (folder or client.root) / name  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.versions[uri] = 1  # type: ignore[attr-defined]
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    return uri, client.diagnostics(uri, 1)


def change(client: Client, uri: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    version = client.versions[uri] + 1  # type: ignore[attr-defined]
    client.versions[uri] = version  # type: ignore[attr-defined]
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
    )
    return client.diagnostics(uri, version)


def by_code(diagnostics: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [d for d in diagnostics if d["code"] == code]


def actions(
    client: Client, uri: str, range_: dict[str, Any], only: list[str] | None = None
) -> list[dict[str, Any]]:
    context: dict[str, Any] = {"diagnostics": []}
    if only is not None:
        context["only"] = only
    return client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": range_, "context": context},
    )


def test_initialize_advertises_utf16_and_the_actions(tmp_path: Path) -> None:
    server = Client(tmp_path)
    try:
        capabilities = server.initialize(tmp_path)["capabilities"]
        assert capabilities["positionEncoding"] == "utf-16"
        kinds = capabilities["codeActionProvider"]["codeActionKinds"]
        assert "quickfix" in kinds and "source.fixAll.fzlint" in kinds
        assert capabilities["hoverProvider"]
        assert set(capabilities["executeCommandProvider"]["commands"]) == {
            "fzlint.ignoreInFile",
            "fzlint.structure",
        }
    finally:
        assert server.close() == 0
    # exit ends the process itself: nothing is left running
    assert server.process.poll() == 0


def test_without_pygls_the_command_says_what_to_install() -> None:
    # the pre-commit hook installs fzlint without the [server] extra
    code = "import sys; sys.modules['pygls'] = None; from fzlint.cli import main; sys.exit(main(['server']))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "pip install 'fzlint[server]'" in done.stderr


def test_diagnostics_on_open_count_astral_characters_twice(client: Client) -> None:
    _, diagnostics = open_report(client, "astral.txt", REPORT)
    [comma] = by_code(diagnostics, "FZ101")
    start = position_of(REPORT, ",")
    assert comma["range"]["start"] == start
    assert comma["range"]["end"] == {"line": start["line"], "character": start["character"] + 1}
    # three code points before the comma would be wrong by one: 𠀀 counts two
    assert start["character"] == REPORT.split("\n")[3].index(",") + 1
    assert comma["source"] == "fzlint"
    assert comma["severity"] == 2  # warning
    assert comma["codeDescription"]["href"].startswith("file://")
    [bookmark] = by_code(diagnostics, "FZ501")
    assert bookmark["range"]["start"] == {"line": 4, "character": 0}
    assert bookmark["range"]["end"] == {"line": 4, "character": len("[bookmark: _GoBack]")}


def test_a_change_updates_the_diagnostics(client: Client) -> None:
    text = REPORT.replace("[bookmark: _GoBack]", "")
    uri, diagnostics = open_report(client, "change.txt", text)
    assert by_code(diagnostics, "FZ101")
    start = position_of(text, ",")
    end = {"line": start["line"], "character": start["character"] + 1}
    diagnostics = change(client, uri, [{"range": {"start": start, "end": end}, "text": "，"}])
    assert not by_code(diagnostics, "FZ101")
    # and back: an incremental insertion after an astral character lands where it was typed
    diagnostics = change(client, uri, [{"range": {"start": start, "end": end}, "text": ","}])
    assert by_code(diagnostics, "FZ101")[0]["range"]["start"] == start


def test_a_quick_fix_applied_removes_the_finding(client: Client) -> None:
    text = REPORT
    uri, diagnostics = open_report(client, "quickfix.txt", text)
    [comma] = by_code(diagnostics, "FZ101")
    offered = actions(client, uri, comma["range"], ["quickfix"])
    fix = next(a for a in offered if a.get("isPreferred"))
    assert fix["kind"] == "quickfix" and fix["diagnostics"][0]["code"] == "FZ101"
    assert "（需人工确认）" not in fix["title"]
    fixed = apply_edits(text, edits_of(fix["edit"], uri))
    assert fixed == text.replace(",", "，")
    diagnostics = change(client, uri, [{"text": fixed}])
    assert not by_code(diagnostics, "FZ101")
    assert by_code(diagnostics, "FZ501")


def test_an_unsafe_fix_is_labelled_and_not_preferred(client: Client) -> None:
    uri, diagnostics = open_report(client, "unsafe.txt", SKIPPED_HEADING)
    [skipped] = by_code(diagnostics, "FZ301")
    [fix] = [
        a for a in actions(client, uri, skipped["range"]) if "edit" in a and a["kind"] == "quickfix"
    ]
    assert fix["title"].endswith("（需人工确认）")
    assert not fix.get("isPreferred")


def test_fix_all_applies_every_safe_fix(client: Client) -> None:
    uri, diagnostics = open_report(client, "fixall.txt", REPORT)
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    [fix_all] = actions(client, uri, whole, ["source.fixAll"])
    assert fix_all["title"] == "fzlint: 修复全部安全问题"
    assert fix_all["kind"] == "source.fixAll.fzlint"
    fixed = apply_edits(REPORT, edits_of(fix_all["edit"], uri))
    assert "[bookmark" not in fixed and "," not in fixed
    assert ASTRAL * 2 in fixed  # nothing else touched
    diagnostics = change(client, uri, [{"text": fixed}])
    assert not by_code(diagnostics, "FZ101") and not by_code(diagnostics, "FZ501")


def test_fix_all_is_computed_when_chosen_where_the_client_resolves(tmp_path: Path) -> None:
    server = Client(tmp_path)
    try:
        resolve = {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}
        server.initialize(tmp_path, resolve)
        server.root, server.versions = tmp_path, {}  # type: ignore[attr-defined]
        uri, _ = open_report(server, "resolve.txt", REPORT)
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        [fix_all] = actions(server, uri, whole, ["source.fixAll"])
        assert "edit" not in fix_all
        resolved = server.request("codeAction/resolve", fix_all)
        fixed = apply_edits(REPORT, edits_of(resolved["edit"], uri))
        assert "[bookmark" not in fixed and "," not in fixed
    finally:
        assert server.close() == 0


def test_ignoring_a_rule_in_pyproject_keeps_the_rest(tmp_path: Path) -> None:
    from fzlint.config import Overrides, Resolver, load_config
    from fzlint.server import add_ignore

    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[project]\nname = "reports"\n\n[tool.fzlint]\nignore = ["FZ002"]\nrules = ["packs"]\n',
        encoding="utf-8",
    )
    (tmp_path / "packs").mkdir()  # a path relative to the configuration's folder
    report = tmp_path / "sub" / "a[1].txt"
    report.parent.mkdir()
    report.write_text("正文。\n", encoding="utf-8")
    add_ignore(str(config), str(report), "FZ101")
    add_ignore(str(config), str(report), "FZ501")
    loaded = load_config(str(config))
    assert loaded is not None
    assert loaded.values["ignore"] == ("FZ002",)
    assert loaded.values["per-file-ignores"] == (("sub/a[[]1].txt", ("FZ101", "FZ501")),)
    assert config.read_text(encoding="utf-8").startswith('[project]\nname = "reports"\n')
    # the pattern names this file, brackets and all, and no other
    resolver = Resolver(Overrides())
    assert "FZ501" in resolver.settings_for(str(report)).ignore
    assert "FZ501" not in resolver.settings_for(str(tmp_path / "sub" / "a1.txt")).ignore


def test_related_information_points_at_the_first_occurrence(client: Client) -> None:
    uri, diagnostics = open_report(client, "repeat.txt", REPEATED)
    [repeat] = by_code(diagnostics, "FZ702")
    assert repeat["range"]["start"]["line"] == 4
    [related] = repeat["relatedInformation"]
    assert related["location"]["uri"] == uri
    assert related["location"]["range"]["start"]["line"] == 3
    assert "第一次出现" in related["message"]
    assert repeat["tags"] == [1]  # unnecessary: an editor fades the repeat


def test_hover_explains_the_rule_under_the_cursor(client: Client) -> None:
    uri, _ = open_report(client, "hover.txt", REPORT)
    hovered = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": position_of(REPORT, ",")},
    )
    text = hovered["contents"]["value"]
    assert text.startswith("FZ101 half-width-comma")
    assert "应触发的示例" in text
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": position_of(REPORT, "部分干部")},
    )
    assert nothing is None


def test_the_structure_command_shows_the_outline(client: Client) -> None:
    uri, _ = open_report(client, "outline.txt", REPORT)
    text = client.request(
        "workspace/executeCommand", {"command": "fzlint.structure", "arguments": [uri]}
    )
    assert "标题层次" in text and "一、主要举措" in text


def test_ignoring_a_rule_writes_per_file_ignores_only_when_asked(client: Client) -> None:
    folder = client.root / "unit"  # type: ignore[attr-defined]
    folder.mkdir()
    config = folder / ".fzlint.yaml"
    config.write_text("# 本单位的设置\nignore: [FZ002]\n", encoding="utf-8")
    uri, diagnostics = open_report(client, "ignore.txt", REPORT, folder)
    [comma] = by_code(diagnostics, "FZ101")
    offered = actions(client, uri, comma["range"])
    [ignore] = [a for a in offered if "忽略此规则" in a["title"]]
    assert "edit" not in ignore and config.read_text(encoding="utf-8").count("per-file") == 0
    written = client.request("workspace/executeCommand", ignore["command"])
    assert Path(written) == config
    content = config.read_text(encoding="utf-8")
    assert content.startswith("# 本单位的设置\nignore: [FZ002]\n")
    # anchored: the same name in a sub-folder keeps the rule
    assert 'per-file-ignores:\n  "/ignore.txt": ["FZ101"]' in content
    diagnostics = client.diagnostics(uri)
    assert not by_code(diagnostics, "FZ101") and by_code(diagnostics, "FZ501")


def test_an_edited_configuration_applies_at_the_next_change(client: Client) -> None:
    folder = client.root / "reloaded"  # type: ignore[attr-defined]
    folder.mkdir()
    uri, diagnostics = open_report(client, "report.txt", REPORT, folder)
    assert by_code(diagnostics, "FZ501")
    time.sleep(0.01)
    (folder / ".fzlint.yaml").write_text("ignore: [FZ501]\n", encoding="utf-8")
    diagnostics = change(client, uri, [{"text": REPORT + "\n"}])
    assert not by_code(diagnostics, "FZ501") and by_code(diagnostics, "FZ101")


def test_a_watched_configuration_change_relints_the_open_reports(client: Client) -> None:
    folder = client.root / "watched"  # type: ignore[attr-defined]
    folder.mkdir()
    uri, diagnostics = open_report(client, "report.txt", REPORT, folder)
    assert by_code(diagnostics, "FZ101")
    config = folder / ".fzlint.yaml"
    config.write_text("ignore: [FZ101]\n", encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles",
        {"changes": [{"uri": config.as_uri(), "type": 1}]},
    )
    # no edit of the report: the notification alone has it linted again
    diagnostics = client.diagnostics(uri, 1)
    assert not by_code(diagnostics, "FZ101") and by_code(diagnostics, "FZ501")


def test_a_large_report_does_not_block_the_server(client: Client) -> None:
    corpus = Path(__file__).parent / "data" / "corpus"
    parts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    big = ""
    while len(big.encode("utf-8")) < 1_000_000:
        big += "\n".join(parts)
    path = client.root / "big.txt"  # type: ignore[attr-defined]
    path.write_text(big, encoding="utf-8")
    uri = path.as_uri()
    client.versions[uri] = 1  # type: ignore[attr-defined]
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": big}},
    )
    # while the big report is linted, the server answers at once
    time.sleep(0.2)
    started = time.monotonic()
    client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
    )
    assert time.monotonic() - started < 0.5
    # typed on during the lint: only the newest version is published
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": 0, "character": 0},
                        "end": {"line": 0, "character": 0},
                    },
                    "text": "草稿",
                }
            ],
        },
    )
    client.diagnostics(uri, 2, timeout=120)
    assert not any(
        m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and m["params"].get("version") == 1
        for m in client.seen
    )
