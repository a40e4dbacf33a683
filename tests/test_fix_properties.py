"""Properties of fixing with every shipped rule, on generated text and on the corpus: fixing
reaches a fixed point (a second --fix changes nothing), and each round changes only the spans
its findings flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fzlint.document.source import Document
from fzlint.engine.packs import LoadedRule, load_pack_text, load_rules
from fzlint.engine.runner import lint_document
from fzlint.fixer import MAX_ROUNDS, apply_once

RULES = load_rules()

# Pieces of real defects and of the text around them, so that generated drafts hit the rules.
FRAGMENTS = [
    "法治",
    "政府",
    "建设",
    "我镇",
    "年度",
    "报告",
    "2021",
    "12",
    "4",
    "15",
    "1,000",
    "3:00",
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u00a0",
    "\n",
    "\n\n",
    ",",
    ":",
    ";",
    "?",
    "!",
    "(",
    ")",
    "（",
    "）",
    "《",
    "》",
    "“",
    "”",
    "、",
    "，",
    "。",
    "--",
    "-",
    "—",
    ".",
    "年",
    "月",
    "日",
    "一、",
    "（一）",
    "1、",
    "1.",
    "and",
    "LED",
    "APP",
    "http://www.gov.cn",
    "国家宪法日",
    "宪法日宣传周",
    "20xx年",
    "xx镇",
    "*次",
    "— 2 —",
    "[bookmark: _GoBack]",
    "首页",
    "2021-02-05",
    "（20212025年）",
    "(2021-2025年)",
    "12.5",
    "4.15",
    "全",
    "体",
    "公",
    "开",
    "发",
    "展",
    "得",
    "到",
    "  • 发布日期:",
    "\r\n",
]

drafts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(alphabet="法治年月日镇一二（）()《》“”、，。,:;?!-— \n\t\u300012345.xand", max_size=80),
)


def check_fixing(text: str, rules: list[LoadedRule] = RULES) -> None:
    text = Document(text).text  # newlines as fzlint sees them
    for _ in range(MAX_ROUNDS):
        found = lint_document(Document(text, "<draft>"), rules)
        fixed, chosen = apply_once(text, found, unsafe=True)
        if not chosen:
            return
        edits = sorted(
            (edit for d in chosen for edit in d.fix.edits),  # type: ignore[union-attr]
            key=lambda e: e.span.start,
        )
        for diagnostic in chosen:
            # a finding that stands for several places (collapse_over) names the others as related
            places = [diagnostic.span, *(r.span for r in diagnostic.related)]
            for edit in diagnostic.fix.edits:  # type: ignore[union-attr]
                assert any(p.contains(edit.span) for p in places), (diagnostic.rule.id, text)
        # Outside the chosen edits the text is unchanged, piece by piece.
        rebuilt, position = [], 0
        for edit in edits:
            rebuilt += [text[position : edit.span.start], edit.content]
            position = edit.span.end
        rebuilt.append(text[position:])
        assert fixed == "".join(rebuilt)
        text = fixed
    pytest.fail(f"no fixed point after {MAX_ROUNDS} rounds: {text!r}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_fixing_generated_drafts(text: str) -> None:
    check_fixing(text)


@pytest.mark.parametrize("name", [f"00{i}" for i in range(5)])
def test_fixing_the_corpus(corpus: Path, name: str) -> None:
    [path] = corpus.glob(f"{name}_*.txt")
    check_fixing(Document.from_path(str(path)).text)


RUNAWAY = """\
pack: local
rules:
  - id: XZ101
    name: runaway
    category: wording
    severity: warning
    kind: pattern
    pattern: '甲(?!甲)'
    message: 发现「{match}」
    fix: '甲甲'
    description: 每次修复都留下新的发现。
"""


def test_the_check_catches_a_fix_that_never_settles() -> None:
    with pytest.raises(pytest.fail.Exception, match="no fixed point"):
        check_fixing("甲", load_pack_text(RUNAWAY, "local.yaml"))
