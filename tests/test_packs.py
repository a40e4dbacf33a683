"""Rule-pack validation: every invalid pack is rejected with its file, line and reason."""

import textwrap

import pytest

from fzlint.engine.examples import check_rule
from fzlint.engine.packs import load_pack_text, load_rules, select
from fzlint.errors import RuleFileError

GOOD_RULE = """\
pack: local
rules:
  - id: XZ101
    name: test-rule
    category: wording
    severity: warning
    kind: pattern
    pattern: '甲'
    message: 发现「{match}」
    description: 测试规则。
    examples:
      fire: ['甲']
      pass: ['乙']
"""


def error_of(text: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_pack_text(textwrap.dedent(text), "local.yaml")
    return info.value


def test_good_pack_loads() -> None:
    [item] = load_pack_text(GOOD_RULE, "local.yaml")
    assert item.rule.id == "XZ101"
    assert item.rule.line == 3
    assert check_rule(item) == []


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (("kind: pattern", "kind: patern"), 7, "未知的 kind「patern」"),
        (("    pattern: '甲'", "    patern: '甲'"), 8, "是否想写「pattern」"),
        (("pattern: '甲'", "pattern: '甲('"), 8, "正则表达式无效"),
        (("pattern: '甲'", "pattern: '(\\s+)+$'"), 8, "灾难性回溯"),
        (("severity: warning", "severity: fatal"), 6, "severity 应为"),
        (("id: XZ101", "id: xz-1"), 3, "格式应为大写字母加数字"),
        (("name: test-rule", "name: Test Rule"), 4, "小写连字符"),
        # a line break after the id or name ("$" would have let it through)
        (("id: XZ101", 'id: "XZ101\\n"'), 3, "格式应为大写字母加数字"),
        (("name: test-rule", 'name: "test-rule\\n"'), 4, "小写连字符"),
        (("{match}", "{missing}"), 9, "「{missing}」不可用"),
        (
            ("      fire: ['甲']", "      fire: ['甲']\n      fail: ['丙']"),
            13,
            "examples 中不认识的键「fail」",
        ),
        (("    description: 测试规则。\n", ""), 3, "缺少必填项「description」"),
        (
            ("message: 发现「{match}」", "message: 发现「{match}」\n    message: 又一个"),
            10,
            "重复的键「message」",
        ),
    ],
)
def test_invalid_rule_is_rejected_with_line(
    change: tuple[str, str], line: int, reason: str
) -> None:
    text = GOOD_RULE.replace(*change)
    assert text != GOOD_RULE
    error = error_of(text)
    assert error.path == "local.yaml"
    assert error.line == line, str(error)
    assert reason in error.message, str(error)


def test_bad_yaml_syntax_names_the_line() -> None:
    error = error_of("pack: x\nrules:\n  - id: [unclosed\n")
    assert error.line is not None and error.line >= 3
    assert "YAML 语法错误" in error.message


def test_yaml_cannot_run_code() -> None:
    error = error_of("pack: x\nrules: !!python/object/apply:os.system ['echo hacked']\n")
    assert "YAML" in error.message


def test_duplicate_id_across_packs(tmp_path) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    first.write_text(GOOD_RULE, encoding="utf-8")
    second.write_text(GOOD_RULE.replace("pack: local", "pack: other"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules([str(tmp_path)], defaults=False)
    assert info.value.path == str(second)
    assert "XZ101 重复" in info.value.message and str(first) in info.value.message


def test_rule_without_examples_fails_the_harness() -> None:
    text = GOOD_RULE.split("    examples:")[0]
    [item] = load_pack_text(text, "local.yaml")
    messages = [f.message for f in check_rule(item)]
    assert any("examples.fire" in m for m in messages)
    assert any("examples.pass" in m for m in messages)


def test_harness_reports_wrong_examples() -> None:
    text = GOOD_RULE.replace("fire: ['甲']", "fire: ['乙']").replace("pass: ['乙']", "pass: ['甲']")
    [item] = load_pack_text(text, "local.yaml")
    messages = [f.message for f in check_rule(item)]
    assert len(messages) == 2
    assert "应触发但未触发" in messages[0] and "不应触发" in messages[1]


def test_harness_checks_fixed_text_and_positions() -> None:
    text = GOOD_RULE.replace(
        "message: 发现「{match}」", "message: 发现「{match}」\n    fix: 乙"
    ).replace("fire: ['甲']", "fire: [{text: '一甲', fixed: '一丙', at: ['1:1']}]")
    [item] = load_pack_text(text, "local.yaml")
    messages = [f.message for f in check_rule(item)]
    assert any("位置应为" in m for m in messages)
    assert any("修复结果应为" in m for m in messages)


def test_select_by_id_prefix_name_and_category() -> None:
    rules = load_rules()
    assert {i.rule.id for i in select(rules, ["FZ501"])} == {"FZ501"}
    assert {i.rule.id for i in select(rules, ["word-bookmark"])} == {"FZ501"}
    assert all(i.rule.category == "artefact" for i in select(rules, ["artefact"]))
    assert "FZ501" not in {i.rule.id for i in select(rules, ["FZ5"], ["FZ501"])}


def test_a_rule_of_another_pack_is_checked_when_loaded_even_if_not_selected(tmp_path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(GOOD_RULE.replace("pattern: '甲'", "pattern: '甲('"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules([str(pack)])  # before any selection: `--select FZ101` cannot hide the error
    assert (info.value.path, info.value.line) == (str(pack), 8)
    assert "正则表达式无效" in info.value.message


def test_only_the_shipped_rules_a_run_uses_are_compiled() -> None:
    rules = load_rules()
    [chosen] = select(rules, ["FZ101"])
    assert chosen._checker is None
    assert chosen.checker is chosen.checker  # compiled on first use, then kept
    unused = [item for item in rules if item is not chosen]
    assert unused and all(item._checker is None for item in unused)
