"""The text-hygiene kinds' own behaviour: rule-file errors of the fixed-days and split-word
kinds."""

import textwrap

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text
from fzlint.errors import RuleFileError

RULE = """\
pack: local
rules:
  - id: XZ801
    name: test-rule
    category: date
    severity: warning
    kind: {kind}
{keys}
    message: 发现「{{match}}」
    description: 测试规则。
"""


@pytest.mark.parametrize(
    ("kind", "keys", "line", "message"),
    [
        (
            "fixed-days",
            "    days:\n      - {name: 国家宪法日, date: 12-40}",
            8,
            "date 应为「月-日」",
        ),
        ("fixed-days", "    days:\n      - {name: 国家宪法日}", 8, "每一项应写成"),
        ("fixed-days", "    days: []", 8, "days 不能为空"),
        ("split-word", "    marks: ''", 8, "marks 不能为空"),
    ],
)
def test_kind_options_are_checked_with_the_line(
    kind: str, keys: str, line: int, message: str
) -> None:
    with pytest.raises(RuleFileError) as info:
        load_pack_text(RULE.format(kind=kind, keys=keys), "local.yaml")
    assert info.value.line == line
    assert message in info.value.message


def test_fixed_days_reports_the_date_with_a_fix_of_the_date_only() -> None:
    text = textwrap.dedent(
        """\
        pack: local
        rules:
          - id: XZ802
            name: test-rule
            category: date
            severity: error
            kind: fixed-days
            days:
              - {name: [国家宪法日, 宪法日], date: 12-4}
            message: 「{name}」是{right}
            fix: {replace: '{right}', applicability: unsafe}
            description: 测试规则。
        """
    )
    [item] = load_pack_text(text, "local.yaml")
    doc = Document("开展“12.5国家宪法日”宣传，12月4日宪法日，12月5日，开展宪法日活动")
    [found] = item.checker.check(doc, None)  # type: ignore[arg-type]
    assert (doc.text[found.span.start : found.span.end], found.message) == (
        "12.5国家宪法日",
        "「国家宪法日」是12月4日",
    )
    [edit] = found.fix.edits  # type: ignore[union-attr]
    assert (doc.text[edit.span.start : edit.span.end], edit.content) == ("12.5", "12月4日")
