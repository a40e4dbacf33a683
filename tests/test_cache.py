"""The results cache: what it keys on, and that a damaged or shared cache is never an error."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fzlint.cache import ResultsCache, dump, fingerprint, load
from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document

RULES = load_rules()
TEXT = "标题\n内容,监督\n5、[bookmark: _GoBack]其他\n"


def make_cache(
    folder: Path, rules=RULES, ctx: LintContext | None = None, version: str = "1.0"
) -> ResultsCache:
    return ResultsCache(folder, fingerprint(rules, ctx or LintContext(), version), rules)


def findings(text: str = TEXT):
    return lint_document(Document(text), RULES)


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    data = TEXT.encode()
    assert cache.get(data) is None
    cache.put(data, findings())
    assert cache.get(data) == findings()
    assert load(dump(findings()), {i.rule.id: i.rule for i in RULES}) == findings()


def test_an_edited_file_misses(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    cache.put(TEXT.encode(), findings())
    assert cache.get((TEXT + "新增一行。\n").encode()) is None


def test_a_changed_rule_context_or_version_misses(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    cache.put(TEXT.encode(), findings())
    pack = (Path(RULES[0].rule.source)).read_text(encoding="utf-8")
    changed_rules = load_pack_text(pack.replace("应删除", "应当删除"), RULES[0].rule.source)
    assert make_cache(tmp_path, rules=changed_rules).get(TEXT.encode()) is None
    assert make_cache(tmp_path, ctx=LintContext(report_year=2020)).get(TEXT.encode()) is None
    assert make_cache(tmp_path, version="1.1").get(TEXT.encode()) is None
    assert make_cache(tmp_path).get(TEXT.encode()) == findings()


def test_a_rule_data_file_change_misses(tmp_path: Path, monkeypatch) -> None:
    data_file = tmp_path / "data.yaml"
    data_file.write_text("a", encoding="utf-8")
    checker = type(RULES[0].checker)
    monkeypatch.setattr(checker, "dependencies", lambda self: [str(data_file)])
    before = fingerprint(RULES, LintContext(), "1.0")
    data_file.write_text("b", encoding="utf-8")
    assert fingerprint(RULES, LintContext(), "1.0") != before


def test_corrupt_entries_are_misses(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    cache.put(TEXT.encode(), findings())
    [entry] = tmp_path.rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cache.get(TEXT.encode()) is None
    entry.write_text('[{"rule": "NOPE"}]', encoding="utf-8")
    assert cache.get(TEXT.encode()) is None


def test_concurrent_writers_share_a_folder(tmp_path: Path) -> None:
    caches = [make_cache(tmp_path) for _ in range(4)]
    texts = [f"{TEXT}{i % 3},号\n" for i in range(24)]
    with ThreadPoolExecutor(4) as pool:
        list(
            pool.map(lambda i: caches[i % 4].put(texts[i].encode(), findings(texts[i])), range(24))
        )
    assert not list(tmp_path.rglob(".tmp-*"))
    for text in texts:
        assert caches[0].get(text.encode()) == findings(text)


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = make_cache(blocker / "cache")
    cache.put(TEXT.encode(), findings())
    assert cache.get(TEXT.encode()) is None
