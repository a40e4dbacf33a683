"""The text-hygiene kinds' own behaviour: the web metadata block, and rule-file errors of the
fixed-days and split-word kinds."""

import textwrap

import pytest

from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.document.webpage import metadata_lines
from fzlint.engine.packs import load_pack_text
from fzlint.errors import RuleFileError

PAGE = """首页
>> 政务公开 >> 法治政府工作报告
  • 信息索引号:

    1133070373602550XG/2021-45834

  • 发文字号:

  • 发布日期:

    2021-02-05

江东镇2020年度法治政府建设工作报告

发布时间: 2021-02-05 17:44 信息来源: 便民服务平台(党政综合办公室)

2020年,江东镇在区委、区政府的正确领导下
"""


def test_metadata_block_is_keys_and_the_values_of_empty_keys() -> None:
    doc = Document(PAGE)
    assert sorted(metadata_lines(doc)) == [3, 5, 7, 9, 11, 15]
    prose = scopes.resolve(doc, "prose")
    assert [doc.position(span.start)[0] for span in prose if span] == [1, 2, 13, 17]


def test_a_body_sentence_with_a_colon_is_not_metadata() -> None:
    doc = Document("报告如下:\n来源广泛的意见已吸收。\n")
    assert metadata_lines(doc) == frozenset()


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
