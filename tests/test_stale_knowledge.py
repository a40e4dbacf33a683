"""The stale-name knowledge base: every shipped entry is findable and sourced, and an invalid
knowledge base is rejected with its file and line."""

from __future__ import annotations

import textwrap
from importlib import resources
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.knowledge import (
    KnowledgeBase,
    TimeWords,
    load_knowledge,
    parse_entries,
    parse_knowledge,
)
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.errors import RuleFileError
from fzlint.kinds.stale import StaleNameKind
from fzlint.text.names import fold, variants

SHIPPED_PATH = str(resources.files("fzlint.rules") / "data" / "stale-names.yaml")
SHIPPED = load_knowledge(SHIPPED_PATH)
ENTRIES = SHIPPED.entries


def test_the_shipped_knowledge_base_covers_report_md_section_3() -> None:
    # REPORTS.md §3: the stale / wrong rows and the "exists from" rows of new acts.
    assert len(ENTRIES) >= 70
    assert {e.scope for e in ENTRIES} == {"mention", "current", "anachronism"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_form_of_every_entry_is_found_as_itself(entry) -> None:
    for form in entry.forms:
        for variant in variants(form, title_prefix=entry.type == "law", bare=entry.bare):
            text = f"我们{variant.text}。"
            hits = [(m.entry.id, m.start, m.end) for m in SHIPPED.matches(Document(text))]
            assert hits == [(entry.id, 2, 2 + len(variant.text))], variant.text


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_entry_has_a_source_and_the_facts_a_finding_cites(entry) -> None:
    assert entry.source.strip()
    assert entry.replacement.strip()
    assert entry.since is not None or entry.scope == "mention"


def test_every_shipped_entry_is_judged_by_exactly_one_shipped_rule() -> None:
    checkers = [item.checker for item in load_rules() if isinstance(item.checker, StaleNameKind)]
    for entry in ENTRIES:
        judged_by = [c.rule.id for c in checkers if entry in c.entries]
        assert len(judged_by) == 1, (entry.id, judged_by)


def test_rules_sharing_a_knowledge_base_share_one_automaton_and_one_pass() -> None:
    checkers = [item.checker for item in load_rules() if isinstance(item.checker, StaleNameKind)]
    assert len(checkers) == 4
    assert all(c.knowledge is checkers[0].knowledge for c in checkers)
    doc = Document("2021年，依据《合同法》审查合同。")
    assert checkers[0].knowledge.matches(doc) is checkers[1].knowledge.matches(doc)


# --- folding and written variants -----------------------------------------------------------


def test_fold_keeps_length_and_unifies_look_alikes() -> None:
    text = "《纲要(2015-2020年)》“七五”「八五」２０２１"
    assert fold(text) == '《纲要（2015—2020年）》"七五""八五"2021'
    assert len(fold(text)) == len(text)


def test_title_variants() -> None:
    found = {
        (v.text, v.text[v.core_start : v.core_end])
        for v in variants("《合同法》", title_prefix=True)
    }
    assert found == {
        ("《合同法》", "合同法"),
        ("合同法", "合同法"),
        ("《中华人民共和国合同法》", "合同法"),
        ("中华人民共和国合同法", "合同法"),
    }
    assert [v.text for v in variants("《信访条例》", bare=False)] == ["《信访条例》"]
    assert {v.text for v in variants("“七五”普法")} == {'"七五"普法', "七五普法"}


# --- schema errors name the file and line ----------------------------------------------------

GOOD_ENTRY = """\
entries:
  - id: local-regulation
    type: law
    name: 《某市旧条例》
    forms: [《某市旧条例》]
    replacement: 《某市新条例》
    since: 2022-01-01
    scope: current
    source: 某市人大常委会公告第1号
"""


def kb_error(text: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        parse_entries(textwrap.dedent(text), "local-kb.yaml")
    return info.value


def test_good_knowledge_base_parses() -> None:
    [entry] = parse_entries(GOOD_ENTRY, "local-kb.yaml")
    assert (entry.id, entry.line, entry.severity.label) == ("local-regulation", 2, "warning")


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (("scope: current", "scope: sometimes"), 8, "scope 应为 mention、current、anachronism"),
        (("type: law", "type: statute"), 3, "type 应为"),
        (("since: 2022-01-01", "since: 2022"), 7, "since 应为日期"),
        (("    since: 2022-01-01\n", ""), 7, "scope 为 current 的条目需要 since"),
        (("    source: 某市人大常委会公告第1号\n", ""), 2, "缺少必填项「source」"),
        (("forms: [《某市旧条例》]", "forms: []"), 5, "「forms」应为非空字符串"),
        (("id: local-regulation", "id: Local Regulation"), 2, "小写连字符"),
        (("id: local-regulation", 'id: "local-regulation\\n"'), 2, "小写连字符"),
        (("scope: current", "scope: current\n    sevrity: info"), 9, "不认识的键「sevrity」"),
        (("scope: current", "scope: current\n    fix_applicability: safe"), 9, "没有 fix"),
    ],
)
def test_invalid_entry_is_rejected_with_line(
    change: tuple[str, str], line: int, reason: str
) -> None:
    error = kb_error(GOOD_ENTRY.replace(*change))
    assert error.path == "local-kb.yaml"
    assert error.line == line
    assert reason in error.message


def test_duplicate_entry_id_is_rejected() -> None:
    entry = GOOD_ENTRY.split("\n", 1)[1]
    error = kb_error(GOOD_ENTRY + entry)
    assert (error.line, "id local-regulation 重复" in error.message) == (10, True)


def test_knowledge_base_without_entries_is_rejected() -> None:
    assert kb_error("entry: []\n").message == "知识库应为含 entries 列表的映射"


def test_time_words_are_data_of_the_knowledge_base() -> None:
    text = "time_words:\n  past: [如期]\n  ahead: 迎接\n" + GOOD_ENTRY
    [_], words = parse_knowledge(text, "local-kb.yaml")
    assert words == TimeWords(past=("如期",), ahead=("迎接",))
    assert parse_knowledge(GOOD_ENTRY, "local-kb.yaml")[1] == TimeWords()
    assert "打赢" in SHIPPED.time_words.result and "迎接" in SHIPPED.time_words.ahead


@pytest.mark.parametrize(
    ("head", "line", "reason"),
    [
        ("time_words: [如期]\n", 1, "time_words 应为映射"),
        ("time_words:\n  later: [明年]\n", 1, "time_words 中不认识的键「later」"),
        ("time_words:\n  past: []\n", 2, "time_words：「past」应为非空字符串"),
    ],
)
def test_invalid_time_words_are_rejected_with_line(head: str, line: int, reason: str) -> None:
    error = kb_error(head + GOOD_ENTRY)
    assert (error.line, reason in error.message) == (line, True), error.message


PACK = """\
pack: local-stale
rules:
  - id: XZ601
    name: local-stale
    category: stale-name
    severity: warning
    kind: stale-name
    knowledge: {knowledge}
    scopes: [current]
    message: 「{{match}}」{{status}}，应为{{replacement}}（{{source}}）
    description: 本地法规。
    examples:
      fire: ['2023年，严格执行《某市旧条例》。']
      pass: ['2021年，严格执行《某市旧条例》。']
"""


def test_an_office_pack_with_its_own_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "local-kb.yaml").write_text(GOOD_ENTRY, encoding="utf-8")
    pack = tmp_path / "local.yaml"
    [item] = load_pack_text(PACK.format(knowledge="local-kb.yaml"), str(pack))
    from fzlint.engine.examples import check_rule

    assert check_rule(item) == []


def test_missing_knowledge_file_names_the_pack_line(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as info:
        load_pack_text(PACK.format(knowledge="nowhere.yaml"), str(tmp_path / "local.yaml"))
    assert info.value.line == 8
    assert "知识库文件不存在：nowhere.yaml" in info.value.message


def test_unknown_scope_in_a_rule_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "local-kb.yaml").write_text(GOOD_ENTRY, encoding="utf-8")
    text = PACK.format(knowledge="local-kb.yaml").replace("[current]", "[currant]")
    with pytest.raises(RuleFileError) as info:
        load_pack_text(text, str(tmp_path / "local.yaml"))
    assert (info.value.line, "「currant」不是可用的值" in info.value.message) == (9, True)


def test_a_shield_hides_a_form_inside_a_longer_current_name() -> None:
    [entry] = parse_entries(GOOD_ENTRY.replace("《某市旧条例》]", "《旧条例》]"), "kb.yaml")
    assert [m.entry.id for m in KnowledgeBase([entry]).matches(Document("某市旧条例"))] == [
        "local-regulation"
    ]
    shielded = parse_entries(
        GOOD_ENTRY.replace("《某市旧条例》]", "《旧条例》]\n    shields: [某市旧条例]"), "kb.yaml"
    )
    assert KnowledgeBase(shielded).matches(Document("某市旧条例")) == ()


def test_loaded_stale_rules_survive_pickling_for_worker_processes() -> None:
    import pickle

    from fzlint.diagnostics import Span
    from fzlint.engine.packs import select
    from fzlint.engine.runner import lint_document

    rules = select(load_rules(), ["stale-name"])
    copies = pickle.loads(pickle.dumps(rules))
    assert copies[0].checker.knowledge.time_words == rules[0].checker.knowledge.time_words
    text = "2021年，依据《合同法》审查合同；全面守法、公正司法。"
    before = [(d.rule.id, d.span) for d in lint_document(Document(text), rules)]
    after = [(d.rule.id, d.span) for d in lint_document(Document(text), copies)]
    assert before == after == [("FZ602", Span(8, 13)), ("FZ603", Span(18, 22))]
