"""The results cache: what invalidates an entry, and that a damaged or shared cache is never an
error. Through the CLI too, as users run it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fzlint import cache as cache_module
from fzlint.cache import ResultsCache, fingerprint
from fzlint.diagnostics import Severity, pack, unpack
from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document

RULES = load_rules()
BY_ID = {item.rule.id: item.rule for item in RULES}
TEXT = "标题\n内容,监督\n5、[bookmark: _GoBack]其他\n"


def findings(text: str = TEXT):
    return tuple(lint_document(Document(text), RULES))


def key(text: str = TEXT, rules=RULES, ctx: LintContext | None = None, **kwargs) -> str:
    return ResultsCache.key(fingerprint(rules, **kwargs), ctx or LintContext(), text.encode())


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    cache = ResultsCache(tmp_path)
    assert cache.get(key(), BY_ID) is None
    cache.put(key(), findings())
    assert cache.get(key(), BY_ID) == findings()
    assert unpack(json.loads(json.dumps(pack(findings()))), BY_ID) == findings()


def test_what_changes_the_key() -> None:
    base = key()
    assert key(TEXT + "新增一行。\n") != base
    pack_text = Path(RULES[0].rule.source).read_text(encoding="utf-8")
    changed = load_pack_text(pack_text.replace("应删除", "应当删除"), RULES[0].rule.source)
    assert key(rules=changed) != base
    assert key(ctx=LintContext(report_year=2020)) != base
    assert key(ctx=LintContext(previous=Document("上一年度报告。", "2022.txt"))) != base
    assert key(severity={"FZ501": Severity.ERROR}) != base
    assert key(version="9.9.9") != base
    assert key() == base


def test_a_rule_data_file_change_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_file = tmp_path / "data.yaml"
    data_file.write_text("a", encoding="utf-8")
    monkeypatch.setattr(type(RULES[0].checker), "dependencies", lambda self: [str(data_file)])
    before = fingerprint(RULES)
    data_file.write_text("b", encoding="utf-8")
    assert fingerprint(RULES) != before


def test_fzlint_source_is_part_of_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(RULES)
    monkeypatch.setattr(cache_module, "_source_digest", lambda: "edited")
    assert fingerprint(RULES) != before


def test_corrupt_entries_are_misses(tmp_path: Path) -> None:
    cache = ResultsCache(tmp_path)
    cache.put(key(), findings())
    [entry] = [p for p in tmp_path.rglob("*.json")]
    entry.write_text("{not json", encoding="utf-8")
    assert cache.get(key(), BY_ID) is None
    entry.write_text('[["NOPE", 0, 1, "m", 2, null, []]]', encoding="utf-8")
    assert cache.get(key(), BY_ID) is None


def test_concurrent_writers_share_a_folder(tmp_path: Path) -> None:
    texts = [f"{TEXT}{i % 3},号\n" for i in range(24)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda t: ResultsCache(tmp_path).put(key(t), findings(t)), texts))
    assert not list(tmp_path.rglob(".tmp-*"))
    assert (tmp_path / "CACHEDIR.TAG").is_file() and (tmp_path / ".gitignore").read_text() == "*\n"
    for text in texts:
        assert ResultsCache(tmp_path).get(key(text), BY_ID) == findings(text)


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = ResultsCache(blocker / "cache")
    cache.put(key(), findings())
    assert cache.get(key(), BY_ID) is None


# --- through the CLI ---------------------------------------------------------------------------


def entries(folder: Path) -> set[Path]:
    return set(folder.rglob("*.json"))


def test_cli_reuses_and_invalidates_entries(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = cli(str(report), "--cache-dir", str(cache), "--format", "json")
    [entry] = entries(cache)
    # a hit is served from the entry: poison it and the output follows
    data = json.loads(entry.read_text(encoding="utf-8"))
    data[0][3] = "来自缓存"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    second = cli(str(report), "--cache-dir", str(cache), "--format", "json")
    assert second.json()[0]["message"] == "来自缓存"
    assert [i["rule"] for i in second.json()] == [i["rule"] for i in first.json()]
    # an edit misses, and so does a changed option of the run
    report.write_text(TEXT + "又一行,内容\n", encoding="utf-8")
    third = cli(str(report), "--cache-dir", str(cache), "--format", "json")
    assert len(third.json()) == len(first.json()) + 1 and len(entries(cache)) == 2
    cli(str(report), "--cache-dir", str(cache), "--format", "json", "--report-year", "2020")
    assert len(entries(cache)) == 3


def test_cli_rule_change_misses(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("甲乙\n", encoding="utf-8")
    pack = tmp_path / "local.yaml"
    rule = (
        "pack: local\nrules:\n  - id: XZ101\n    name: x\n    category: wording\n"
        "    severity: info\n    kind: pattern\n    pattern: {}\n    message: m\n    description: d\n"
    )
    pack.write_text(rule.format("甲"), encoding="utf-8")
    args = (
        str(report),
        "--no-default-rules",
        "--rules",
        str(pack),
        "--cache-dir",
        str(tmp_path / "c"),
    )
    assert [i["column"] for i in cli(*args, "--format", "json").json()] == [1]
    pack.write_text(rule.format("乙"), encoding="utf-8")
    assert [i["column"] for i in cli(*args, "--format", "json").json()] == [2]


def test_no_cache_writes_nothing(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    cli(str(report), "--cache-dir", str(tmp_path / "c"), "--no-cache")
    assert not (tmp_path / "c").exists()
