"""Derived data kept between runs: parsed YAML and compiled patterns (fzlint.derived)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fzlint import derived
from fzlint.engine import yamlfile
from fzlint.engine.packs import load_rules
from fzlint.text import regex

PACK = """\
pack: demo
since: 2021-01-01
rules:
  - id: XZ101
    tags: [a, b]
    nested: {x: 1, y: [2.5, null, true]}
"""


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    derived.keep_in(str(tmp_path))
    regex._store = None
    regex._added.clear()
    try:
        yield tmp_path
    finally:
        derived.keep_in(None)
        regex._store = None
        regex._added.clear()


def _shape(value):  # type: ignore[no-untyped-def]
    """The data with the line numbers the loader records."""
    if isinstance(value, yamlfile.Mapping):
        return ("M", value.line, {k: (value.key_lines[k], _shape(v)) for k, v in value.items()})
    if isinstance(value, yamlfile.Sequence):
        return ("S", value.line, value.item_lines, [_shape(v) for v in value])
    return value


def test_parsed_yaml_is_read_back_with_its_lines(kept: Path) -> None:
    first = yamlfile.load_yaml(PACK, "demo.yaml")
    assert len(list((kept / "yaml").iterdir())) == 1
    again = yamlfile.load_yaml(PACK, "demo.yaml")
    assert _shape(again) == _shape(first)
    assert again["since"] == datetime.date(2021, 1, 1)
    assert again["rules"][0].key_lines["nested"] == 6


def test_a_damaged_entry_is_parsed_again(kept: Path) -> None:
    yamlfile.load_yaml(PACK, "demo.yaml")
    (entry,) = (kept / "yaml").iterdir()
    entry.write_bytes(b"\x00garbage")
    assert _shape(yamlfile.load_yaml(PACK, "demo.yaml"))[2]["pack"] == (1, "demo")


def test_yaml_errors_are_not_kept(kept: Path) -> None:
    from fzlint.errors import RuleFileError

    with pytest.raises(RuleFileError):
        yamlfile.load_yaml("a: [1,\n", "bad.yaml")
    assert not (kept / "yaml").exists()


def test_a_run_with_everything_kept_does_not_import_pyyaml(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("列入了年终述职内容,自觉接受监督\n", encoding="utf-8")
    code = (
        "import sys; from fzlint.cli import main; "
        f"main(['--cache-dir', {str(tmp_path / 'c')!r}, '--format', 'json', {str(report)!r}]); "
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        for _ in range(2)
    ]
    assert [run.stderr.strip() for run in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout


def _patterns() -> list[re.Pattern[str]]:
    found = []
    for item in load_rules():
        found += getattr(item.checker, "patterns", []) + getattr(item.checker, "exceptions", [])
    # the shipped rules compile as they are first used, as a run saves them: at its end
    regex.save_compiled()
    return found


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="kept only on CPython")
def test_kept_patterns_match_as_compiled_ones(kept: Path, corpus: Path) -> None:
    compiled = _patterns()
    assert regex._store_path() is not None and Path(regex._store_path()).exists()
    regex._store = None  # as a new run would: read the store from disk
    from_store = _patterns()
    assert all(regex._kept(p.pattern, p.flags & ~re.UNICODE) is not None for p in compiled)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    texts.append("甲,乙 丙:丁（1）2021.3.5 xx县 ____ 首页 >> 政务公开")
    for fresh, kept_pattern in zip(compiled, from_store, strict=True):
        assert fresh is not kept_pattern
        assert (kept_pattern.pattern, kept_pattern.flags, kept_pattern.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groupindex,
        )
        for text in texts:
            assert [m.span() for m in kept_pattern.finditer(text)] == [
                m.span() for m in fresh.finditer(text)
            ]


def test_a_damaged_pattern_store_is_compiled_afresh(kept: Path) -> None:
    _patterns()
    Path(regex._store_path()).write_bytes(b"not marshal")
    regex._store = None
    assert len(_patterns()) > 30


def test_an_unsafe_pattern_is_refused_even_with_a_store(kept: Path) -> None:
    with pytest.raises(ValueError, match="嵌套"):
        regex.compile_pattern(r"(\s*)+$")
    regex.save_compiled()
    regex._store = None
    with pytest.raises(ValueError, match="嵌套"):
        regex.compile_pattern(r"(\s*)+$")


def test_the_guard_verdict_is_kept_and_only_for_patterns_it_passed(kept: Path, monkeypatch) -> None:
    safe = r"[一二三四]+、[^。]{1,20}"
    regex.compile_pattern(safe)
    with pytest.raises(ValueError, match="嵌套"):
        regex.compile_pattern(r"(\s*)+$")
    regex.compile_kept(r"(a|aa)+")  # fzlint's own: compiled and kept, never judged
    regex.save_compiled()
    regex._store = None  # a new run: a pattern the guard passed is not analysed again

    def fail(items: object, flags: int) -> bool:
        raise AssertionError("analysed again")

    monkeypatch.setattr(regex, "_ambiguous", fail)
    assert regex.compile_pattern(safe).pattern == safe
    with pytest.raises(AssertionError, match="analysed again"):
        regex.compile_pattern(r"(a|aa)+")  # kept, but never judged: judged now
    monkeypatch.undo()
    with pytest.raises(ValueError, match="多种方式"):
        regex.compile_pattern(r"(a|aa)+")


def test_no_cache_keeps_nothing(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("甲,乙\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "--no-cache", "--format", "json", str(report)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_derived_data_alone_makes_a_git_ignored_cache_folder(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("甲,乙\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "--diff", str(report)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "FZLINT_CACHE_DIR"},
    )
    assert run.returncode == 1 and "+甲，乙" in run.stdout
    folder = tmp_path / ".fzlint_cache"
    assert (folder / "patterns").is_dir() and (folder / "yaml").is_dir()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f")


def test_pattern_analyses_are_kept_beside_the_code(kept: Path, monkeypatch) -> None:
    compiled = _patterns()
    first = [(regex.line_local(p), regex.first_characters(p)) for p in compiled]
    regex.save_compiled()
    regex._store = None  # a new run: nothing is analysed again

    def fail(pattern: re.Pattern[str]) -> None:
        raise AssertionError(f"analysed again: {pattern.pattern}")

    monkeypatch.setattr(regex, "_line_local", fail)
    monkeypatch.setattr(regex, "_first_class", fail)
    again = [(regex.line_local(p), regex.first_characters(p)) for p in compiled]
    assert [(local, f and f.pattern) for local, f in again] == [
        (local, f and f.pattern) for local, f in first
    ]
    assert sum(f is not None for _, f in again) >= 20


# --- housekeeping ------------------------------------------------------------------------------

DAY = 24 * 60 * 60


def _age(path: Path, days: float, now: float) -> None:
    os.utime(path, (now - days * DAY, now - days * DAY))


def test_prune_removes_what_went_unused_and_nothing_else(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    hexes = "0123456789abcdef" * 4
    files = {
        f"{hexes[:2]}/{hexes}.json": (40, False),  # a results entry unused for 40 days
        f"{hexes[:2]}/{hexes[::-1]}.json": (3, True),  # used 3 days ago
        f"{hexes[:2]}/.tmp-k2j4_x9a.json": (2, False),  # left by a killed run
        f"{hexes[:2]}/.tmp-zz81kq0b.json": (0.1, True),  # being written now
        f"yaml/{hexes}.marshal": (31, False),
        f"words/{hexes}.marshal": (35, False),
        f"words/{hexes[::-1]}.marshal": (1, True),
        f"lexicon/{hexes}.marshal": (33, False),
        f"patterns/{hexes[:20]}-cpython-311-30b07f0-20220615.marshal": (45, False),
        f"patterns/{hexes[:20]}-cpython-312-30c00f0-20221023.marshal": (29, True),
        "yaml/tmpab12cd34.tmp": (5, False),
        f"{hexes[:2]}/notes.json": (400, True),  # not a name fzlint writes
        f"reports/{hexes}.json": (400, True),  # not a folder fzlint writes
        "CACHEDIR.TAG": (400, True),
    }
    for name, (days, _) in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
        _age(path, days, now)
    assert derived.prune(str(tmp_path), now) == 7
    assert {name for name in files if (tmp_path / name).exists()} == {
        name for name, (_, kept) in files.items() if kept
    }
    # once a day: the next pass, an hour later, looks at nothing
    _age(tmp_path / f"{hexes[:2]}/{hexes[::-1]}.json", 90, now)
    assert derived.prune(str(tmp_path), now + 3600) == 0
    # a day on: that entry goes, and so do the temporary file and the entry used 29 days ago
    assert derived.prune(str(tmp_path), now + DAY + 1) == 3
    assert {name for name in files if (tmp_path / name).exists()} == {
        f"{hexes[:2]}/notes.json",
        f"words/{hexes[::-1]}.marshal",
        f"reports/{hexes}.json",
        "CACHEDIR.TAG",
    }


def test_prune_leaves_a_folder_it_cannot_read_alone(tmp_path: Path) -> None:
    assert derived.prune(str(tmp_path / "missing")) == 0
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert derived.prune(str(blocker)) == 0


def test_a_run_keeps_what_it_uses_and_prunes_the_rest(tmp_path: Path) -> None:
    """Through the CLI: entries a run reads are marked used (their age reset), so pruning, which a
    run does at most once a day, removes only entries nothing has read for a month."""
    report = tmp_path / "r.txt"
    report.write_text("标题\n内容,监督\n", encoding="utf-8")
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "fzlint", "--cache-dir", str(cache), str(report)]
    subprocess.run(command, capture_output=True, check=False)
    entries = [p for p in cache.rglob("*") if p.is_file() and p.suffix in (".json", ".marshal")]
    assert {p.parent.name for p in entries} >= {"yaml", "patterns"} and len(entries) >= 3
    stale = cache / "ab" / ("ab" * 32 + ".json")
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("{}", encoding="utf-8")
    now = datetime.datetime.now().timestamp()
    for path in [*entries, stale]:
        _age(path, 60, now)
    (cache / ".pruned").unlink()
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "FZ101" in run.stdout
    # the report's findings are cached now: what only linting reads (the common words that
    # FZ112 asked for at 内容,监督) is read by nobody this time, and goes with the month-old entry
    unread = [p for p in entries if p.parent.name == "lexicon"]
    entries = [p for p in entries if p not in unread]
    assert unread and not any(p.exists() for p in unread)
    assert not stale.exists() and all(p.exists() for p in entries)
    assert all(now - p.stat().st_mtime < DAY for p in entries)
