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
    assert len(_patterns()) > 50


def test_an_unsafe_pattern_is_refused_even_with_a_store(kept: Path) -> None:
    with pytest.raises(ValueError, match="嵌套"):
        regex.compile_pattern(r"(\s*)+$")
    regex.save_compiled()
    regex._store = None
    with pytest.raises(ValueError, match="嵌套"):
        regex.compile_pattern(r"(\s*)+$")


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
