"""Fuzzing fzlint with generated reports, rule packs and configuration files.

Whatever it is given, fzlint must not crash: it may refuse an input only with an FzlintError (a
one-line error naming the file). Every finding, related place and fix edit lies inside the text,
and fixing is idempotent: fixing the fixed file changes nothing.

Bounded for CI (a few dozen cases per test, well under a minute in all). A longer run:
`FZLINT_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -s`, which counts the problems
instead of stopping at the first and prints the counts at the end.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fzlint import derived
from fzlint.cli import main
from fzlint.config import Overrides, Resolver, load_config, validate_selectors
from fzlint.diagnostics import Diagnostic
from fzlint.document.source import Document
from fzlint.engine.examples import check_rule
from fzlint.engine.packs import LoadedRule, known_selector, load_pack_text, load_rules
from fzlint.engine.runner import lint_document
from fzlint.errors import FzlintError
from fzlint.fixer import plan_fix

LONG = int(os.environ.get("FZLINT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=LONG or 40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None if LONG else settings.default.database,
)
TALLY: Counter[str] = Counter()
RULES = load_rules()
PACKS = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture(autouse=True, scope="module")
def _no_derived_data() -> Iterator[None]:
    """Parsed packs would be kept in the cache folder an earlier CLI test set: thousands of them."""
    kept = derived.path()
    derived.keep_in(None)
    yield
    derived.keep_in(kept)


@pytest.fixture(autouse=True, scope="module")
def _print_the_tally() -> Iterator[None]:
    yield
    if LONG:
        print("\nfuzz:", dict(sorted(TALLY.items())))


def problem(kind: str, detail: str) -> None:
    """Count a problem; outside the long run, fail on it."""
    TALLY[kind] += 1
    if not LONG:
        pytest.fail(f"{kind}: {detail}")


# --- reports ---------------------------------------------------------------------------------

PIECES = [
    # titles, headings and enumerations
    "某某县人民政府关于2021年度法治政府建设工作情况的报告",
    "2022年法治政府建设年度报告",
    "一、",
    "二、",
    "十一、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "（1）",
    "①",
    "第一章",
    "第二条",
    "主要举措和成效",
    "存在的不足和原因",
    "下一步工作安排",
    # dates and numbers
    "2021年12月31日",
    "2022年1月5日",
    "二〇二一年十二月三十一日",
    "2021-02-05",
    "2021.12.31",
    "20xx年",
    "12月4日",
    "1,000",
    "1000余件",
    "98.5%",
    "3:00",
    "4·15",
    "第14个",
    "十四五",
    "（2021—2025年）",
    # quotes, brackets, punctuation
    "“",
    "”",
    "‘",
    "’",
    "《中华人民共和国行政处罚法》",
    "《",
    "》",
    '"',
    "'",
    "，",
    "。",
    "、",
    "；",
    "：",
    "！",
    "？",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "（",
    "）",
    "【",
    "】",
    "——",
    "—",
    "-",
    "……",
    "...",
    # prose
    "深入学习贯彻习近平法治思想",
    "推进严格规范公正文明执法",
    "县司法局",
    "国家宪法日",
    "宪法宣传周",
    "落实法治政府建设第一责任人职责",
    "行政复议",
    "行政诉讼",
    "得",
    "到",
    "法治",
    "政府",
    # signature
    "某某县人民政府",
    # web chrome and artefacts
    "首页 > 政务公开 > 法治政府建设",
    "发布日期：2022-01-20",
    "来源：县司法局",
    "【字体：大 中 小】",
    "打印本页",
    "关闭窗口",
    "分享到：",
    "[bookmark: _GoBack]",
    "— 2 —",
    "http://www.gov.cn",
    "xx镇",
    "*次",
    # whitespace and line ends
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u3000\u3000",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\f",
    "\x00",
    "\x1b",
]

reports = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join),
    st.text(max_size=60),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])


def check_places(doc: Document, found: Sequence[Diagnostic]) -> None:
    size = len(doc.text)
    for d in found:
        spans = [d.span, *(r.span for r in d.related)]
        spans += [e.span for e in d.fix.edits] if d.fix is not None else []
        for span in spans:
            if not 0 <= span.start <= span.end <= size:
                problem("position outside", f"{d.rule.id} {span} in {size}: {doc.text!r}")


def lint_and_fix(data: bytes, rules: list[LoadedRule]) -> None:
    """Lint `data` as a file and fix it twice; count what goes wrong."""
    TALLY["cases"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "报告.txt")
        Path(path).write_bytes(data)
        try:
            doc = Document.from_bytes(data, path)
        except FzlintError:
            TALLY["refused (FzlintError)"] += 1
            return
        try:
            check_places(doc, lint_document(doc, rules))

            def lint(d: Document) -> Sequence[Diagnostic]:
                return lint_document(d, rules)

            first = plan_fix(path, lint, unsafe=True)
            Path(path).write_bytes(first.fixed)
            second = plan_fix(path, lint, unsafe=True)
        except FzlintError:
            TALLY["refused (FzlintError)"] += 1
            return
        except Exception as exc:
            problem("crash", f"{type(exc).__name__}: {exc} on {data!r}")
            return
        if first.changed:
            TALLY["fixed"] += 1
        if second.changed:
            problem("fix not idempotent", f"{first.after!r} → {second.after!r}")


@FUZZ
@given(reports, encodings)
def test_generated_reports(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    lint_and_fix(data, RULES)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    lint_and_fix(data, RULES)


# --- rule packs ------------------------------------------------------------------------------


def _shipped_rules() -> list[dict[str, Any]]:
    rules = []
    for path in sorted(PACKS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules += [r for r in data.get("rules", []) if isinstance(r, dict)]
    return rules


SHIPPED = _shipped_rules()
KEYS = sorted({key for rule in SHIPPED for key in rule})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["", "（", "(", "[", "\\", "(a+)+$", "(?P<x>年)", "{match}", "{x}", "FZ101"]),
    st.sampled_from(PIECES),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def packs(draw: st.DrawFn) -> str:
    """A pack of shipped rules with keys dropped, changed or added; or garbage."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=80))
    rules = []
    for rule in draw(st.lists(st.sampled_from(SHIPPED), min_size=1, max_size=3)):
        rule = dict(rule)
        for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
            action = draw(st.sampled_from(["drop", "set", "borrow", "add"]))
            if action == "drop" and rule:
                del rule[draw(st.sampled_from(sorted(rule)))]
            elif action == "set":
                rule[draw(st.sampled_from(KEYS))] = draw(values)
            elif action == "borrow":
                key = draw(st.sampled_from(KEYS))
                donors = [r[key] for r in SHIPPED if key in r]
                rule[key] = draw(st.sampled_from(donors))
            else:
                rule[draw(st.text(min_size=1, max_size=8))] = draw(values)
        rules.append(rule)
    pack: dict[str, Any] = {
        "pack": draw(st.sampled_from(["fuzz", "fuzz", "fuzz", "a-b", "Fuzz", ""])),
        "rules": rules,
    }
    try:
        return yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "pack: fuzz\nrules: []\n"


@FUZZ
@given(packs(), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_generated_rule_packs(text: str, report: str) -> None:
    TALLY["packs"] += 1
    try:
        rules = load_pack_text(text, "fuzz.yaml")
    except FzlintError:
        TALLY["packs refused (FzlintError)"] += 1
        return
    except Exception as exc:
        problem("crash", f"loading: {type(exc).__name__}: {exc} on {text!r}")
        return
    try:
        for item in rules:
            check_rule(item)
    except FzlintError:
        pass
    except Exception as exc:
        problem("crash", f"examples: {type(exc).__name__}: {exc} on {text!r}")
        return
    lint_and_fix(report.encode("utf-8"), rules)


# --- configuration files ---------------------------------------------------------------------

config_values = {
    "select": st.one_of(
        values, st.lists(st.sampled_from(["FZ1", "FZ101", "punctuation", "ALL", "x"]))
    ),
    "ignore": st.one_of(values, st.lists(st.sampled_from(["FZ7", "duplicate", "FZ999", ""]))),
    "per-file-ignores": st.one_of(
        values,
        st.dictionaries(
            st.sampled_from(["*.txt", "[", "**"]), st.sampled_from(["FZ101", ["FZ1"], 3])
        ),
    ),
    "severity": st.one_of(
        values,
        st.dictionaries(
            st.sampled_from(["FZ101", "numbering", "?"]),
            st.sampled_from(["error", "warning", "info", "fatal", 1]),
        ),
    ),
    "rules": st.one_of(values, st.sampled_from(["missing.yaml", ".", "fuzz.yaml", ["fuzz.yaml"]])),
    "include": values,
    "exclude": st.one_of(values, st.sampled_from([["*.txt"], "**/x", "["])),
    "as-of": st.one_of(
        values, st.sampled_from(["2022-01-01", "2022-13-01", "昨天"]), st.dates().map(str)
    ),
    "doc-type": st.one_of(values, st.sampled_from(["report", "speech", "notice", "?"])),
    "previous": st.one_of(
        values,
        st.dictionaries(
            st.sampled_from(["(.*)2022(.*)", "(", ".*"]),
            st.sampled_from(["\\g<1>2021\\2", "\\1", "\\9", ""]),
        ),
    ),
}


@st.composite
def configs(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, text) of a configuration: YAML or pyproject.toml; or garbage."""
    keys = draw(st.lists(st.sampled_from(sorted(config_values)), max_size=5, unique=True))
    data = {key: draw(config_values[key]) for key in keys}
    if draw(st.booleans()):
        data[draw(st.text(max_size=6))] = draw(values)
    form = draw(st.sampled_from(["yaml", "toml", "garbage"]))
    if form == "garbage":
        return ".fzlint.yaml", draw(st.text(max_size=80))
    if form == "toml":
        lines = ["[tool.fzlint]"]
        for key, value in data.items():
            lines.append(f"{_toml(key)} = {_toml(value)}")
        return "pyproject.toml", "\n".join(lines) + "\n"
    try:
        return ".fzlint.yaml", yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return ".fzlint.yaml", ""


def _toml(value: Any) -> str:
    """A TOML inline value (or a bad one: the generator does not mind)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"
    return '""'


@FUZZ
@given(configs(), st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_generated_configuration_files(config: tuple[str, str], report: str) -> None:
    TALLY["configs"] += 1
    name, text = config
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, name).write_text(text, encoding="utf-8")
        Path(folder, "fuzz.yaml").write_text(
            yaml.safe_dump({"pack": "fuzz", "rules": SHIPPED[:2]}, allow_unicode=True),
            encoding="utf-8",
        )
        path = os.path.join(folder, "报告.txt")
        Path(path).write_text(report, encoding="utf-8")
        try:
            load_config(os.path.join(folder, name))
            resolver = Resolver(Overrides())
            settings_ = resolver.settings_for(path)
            rules = load_rules(settings_.packs) if settings_.packs else RULES
            validate_selectors(lambda s: known_selector(rules, s), resolver.config_for(path))
        except FzlintError:
            TALLY["configs refused (FzlintError)"] += 1
            return
        except Exception as exc:
            problem("crash", f"config: {type(exc).__name__}: {exc} on {text!r}")
            return
    lint_and_fix(report.encode("utf-8"), rules)


# --- the command line ------------------------------------------------------------------------


@settings(FUZZ, max_examples=max(LONG // 20, 8))
@given(config=configs(), pack=packs(), report=reports)
def test_the_command_line(
    config: tuple[str, str], pack: str, report: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole run, --fix included: exit 0, 1 or 2, and an error is one line, never internal."""
    TALLY["command lines"] += 1
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, config[0]).write_text(config[1], encoding="utf-8")
        Path(folder, "fuzz.yaml").write_text(pack, encoding="utf-8")
        path = os.path.join(folder, "报告.txt")
        Path(path).write_text(report, encoding="utf-8")
        capsys.readouterr()
        code = main(["--no-cache", "--fix", "--rules", os.path.join(folder, "fuzz.yaml"), path])
        err = capsys.readouterr().err
    if code not in (0, 1, 2) or "内部错误" in err or "Traceback" in err:
        problem("crash", f"exit {code}: {err}")
