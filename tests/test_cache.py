"""The results cache: what invalidates an entry, and that a damaged or shared cache is never an
error. Through the CLI too, as users run it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fzlint import cache as cache_module
from fzlint import diagnostics as diagnostics_module
from fzlint.cache import ResultsCache, fingerprint
from fzlint.diagnostics import Findings, Severity, pack, unpack
from fzlint.document import source as source_module
from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document
from fzlint.output.json import render as render_json

RULES = load_rules()
BY_ID = {item.rule.id: item.rule for item in RULES}
TEXT = "标题\n内容,监督\n5、[bookmark: _GoBack]其他\n"


def findings(text: str = TEXT):
    return tuple(lint_document(Document(text), RULES))


def rendered(text: str = TEXT) -> Findings:
    """The findings on `text` with their JSON rendering, as a run with --format json has them."""
    made = Findings.of(findings(text))
    made.rendered["json"] = render_json(Document(text), made.packed, made.rules)
    return made


def rewrite(entry: Path, change) -> None:
    """Change an entry as `change(findings)` does, and write it back as the cache would: what a
    hit then gives shows that it was read from the entry, and that the change was vetted."""
    read = cache_module.decode(entry.read_bytes(), BY_ID)
    packed = [list(p) for p in read.packed]
    texts = {name: bytes(text).decode() for name, text in read.rendered.items()}
    made = Findings(packed, BY_ID, texts)
    change(made)
    entry.write_bytes(cache_module.encode(made))


def key(text: str = TEXT, rules=RULES, ctx: LintContext | None = None, **kwargs) -> str:
    return ResultsCache.key(fingerprint(rules, **kwargs), ctx or LintContext(), text.encode())


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    cache = ResultsCache(tmp_path)
    assert cache.get(key(), BY_ID) is None
    cache.put(key(), Findings.of(findings()))
    assert cache.get(key(), BY_ID) == findings()
    assert unpack(json.loads(json.dumps(pack(findings()))), BY_ID) == findings()
    cache.put(key(), rendered())
    hit = cache.get(key(), BY_ID)
    # the renderings as the entry holds them: UTF-8 (json writes them as they are)
    expected = {name: str(text).encode() for name, text in rendered().rendered.items()}
    assert hit is not None and hit.rendered == expected and hit == findings()


def test_a_hit_reads_its_findings_only_when_asked(tmp_path: Path) -> None:
    cache = ResultsCache(tmp_path)
    cache.put(key(), rendered())
    hit = cache.get(key(), BY_ID)
    assert hit is not None and hit._packed is None
    # what a JSON run asks of it: how many, how severe, and the rendering
    assert len(hit) == len(findings()) and hit.severities == [int(d.severity) for d in findings()]
    assert hit.at_least(Severity.INFO) is hit and hit.rendered["json"] and hit._packed is None
    assert list(hit) == list(findings()) and hit._packed is not None


def test_filtering_keeps_each_rendered_line_with_its_finding() -> None:
    text = TEXT + "内容,监督 \n"  # a trailing space (info) beside the warnings
    everything = rendered(text)
    assert {d.severity for d in everything} >= {Severity.INFO, Severity.WARNING}
    for minimum in Severity:
        kept = everything.at_least(minimum)
        expected = [d for d in findings(text) if d.severity >= minimum]
        assert list(kept) == expected
        again = Findings.of(tuple(expected))
        if expected:
            assert kept.rendered["json"] == render_json(Document(text), again.packed, again.rules)
        else:
            assert not kept.rendered


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
    cache.put(key(), rendered())
    [entry] = [p for p in tmp_path.rglob("*.json")]
    good = entry.read_bytes()
    assert "半角".encode() in good.partition(b"\n")[2]
    for damaged in (
        good.replace("半角".encode(), "全角".encode(), 1),  # findings changed: the checksum differs
        good.replace(b'"severities":[', b'"severities":[1,', 1),  # a finding more than rendered
        good[:-5],  # cut short
        b"{not json",
        b'[["NOPE", 0, 1, "m", 2, null, []]]',
    ):
        entry.write_bytes(damaged)
        assert cache.get(key(), BY_ID) is None, damaged[:60]
    entry.write_bytes(good)
    assert cache.get(key(), BY_ID) == findings()
    # entries that match their checksum but not their findings: a rendering a line too long, and a
    # severity that does not exist
    rewrite(entry, lambda made: made.rendered.update(json=made.rendered["json"] + "\n{}"))
    assert cache.get(key(), BY_ID) is None
    entry.write_bytes(good)
    rewrite(entry, lambda made: made.severities.__setitem__(0, 7))
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

    # a hit is served from the entry: poison it and the output follows, from the rendered lines
    # where the format has them, else from the findings
    def poison(made: Findings) -> None:
        made.packed[0][3] = "来自缓存"
        made.rendered["json"] = made.rendered["json"].replace("半角", "缓存中的半角", 1)

    rewrite(entry, poison)
    second = cli(str(report), "--cache-dir", str(cache), "--format", "json")
    assert "缓存中的半角" in second.json()[0]["message"]
    assert [i["rule"] for i in second.json()] == [i["rule"] for i in first.json()]
    concise = cli(str(report), "--cache-dir", str(cache), "--format", "concise")
    assert "来自缓存" in concise.out.splitlines()[0]
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


def test_a_warm_json_run_builds_no_diagnostics(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over cached files, --format json is written from the rendered lines alone (filtered by
    severity too), without reading the packed findings back into Diagnostic objects or decoding
    the report again."""
    report = tmp_path / "r.txt"
    report.write_text(TEXT + "内容,监督 \n", encoding="utf-8")
    args = (str(report), "--cache-dir", str(tmp_path / "c"), "--format", "json")
    cold = [cli(*args), cli(*args, "--min-severity", "warning")]

    def no_unpacking(*_: object) -> None:
        raise AssertionError("a cached JSON run unpacked its findings")

    def no_decoding(*_: object) -> None:
        raise AssertionError("a cached JSON run decoded its report")

    monkeypatch.setattr(diagnostics_module, "unpack", no_unpacking)
    monkeypatch.setattr(source_module, "decode", no_decoding)
    warm = [cli(*args), cli(*args, "--min-severity", "warning")]
    assert [(run.code, run.out) for run in warm] == [(run.code, run.out) for run in cold]
    assert 0 < len(warm[1].json()) < len(warm[0].json())
    # entries without a concise or sarif rendering: those formats render from the text (and the
    # packed findings); the full format reads Diagnostics
    for module, name, stub, said, fmt in (
        (source_module, "decode", no_decoding, "decoded its report", "concise"),
        (source_module, "decode", no_decoding, "decoded its report", "sarif"),
        (diagnostics_module, "unpack", no_unpacking, "unpacked its findings", "full"),
    ):
        monkeypatch.undo()
        monkeypatch.setattr(module, name, stub)
        assert said in cli(*args[:-1], fmt).err


def test_an_entry_gets_the_lines_of_each_format_that_reads_it(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries a json run wrote are given sarif's lines by the first sarif run over them, so the
    next sarif run writes from the entry without decoding the report."""
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    cache_dir = tmp_path / "c"
    expected = cli(str(report), "--format", "sarif", "--no-cache").out
    cli(str(report), "--format", "json", "--cache-dir", str(cache_dir))
    (entry,) = cache_dir.glob("??/*.json")
    assert set(cache_module.decode(entry.read_bytes(), BY_ID).rendered) == {"json"}
    assert cli(str(report), "--format", "sarif", "--cache-dir", str(cache_dir)).out == expected
    assert set(cache_module.decode(entry.read_bytes(), BY_ID).rendered) == {"json", "sarif"}

    def no_decoding(*_: object) -> None:
        raise AssertionError("a cached sarif run decoded its report")

    monkeypatch.setattr(source_module, "decode", no_decoding)
    assert cli(str(report), "--format", "sarif", "--cache-dir", str(cache_dir)).out == expected
    assert cli(str(report), "--format", "json", "--cache-dir", str(cache_dir)).code == 1
