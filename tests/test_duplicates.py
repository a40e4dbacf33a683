"""The duplicate machinery: jieba tokens, the similarity scorer, item extraction and the kind."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fzlint.diagnostics import Severity, Span
from fzlint.document.items import appended_start, event_items, paragraph_items, sentence_items
from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document
from fzlint.kinds.duplicate import ordinal_label
from fzlint.text.similarity import (
    CandidateIndex,
    ContentWords,
    Item,
    OverlapIndex,
    _shared_weight,
    _weight,
    blend,
    content_words,
    ordinal_length,
    score,
)
from fzlint.text.tokens import segment


def words(text: str) -> tuple[str, ...]:
    return content_words(t.text for t in segment(text[ordinal_length(text) :]))


# --- tokens -------------------------------------------------------------------------------------


def test_user_dictionary_keeps_terms_whole() -> None:
    text = "推行“双随机、一公开”监管，落实第一责任人职责，开展重大行政决策合法性审查"
    tokens = [t.text for t in segment(text)]
    assert tokens == [
        "推行", "“", "双随机、一公开", "”", "监管", "，", "落实", "第一责任人", "职责", "，",
        "开展", "重大行政决策", "合法性审查",
    ]  # fmt: skip


def test_token_offsets_index_the_text() -> None:
    text = "一是加强法治政府建设。\n二是聘请法律顾问。"
    assert all(text[t.span.start : t.span.end] == t.text for t in segment(text))


def test_document_tokens_within_a_span() -> None:
    doc = Document("加强法治政府建设。\n聘请法律顾问。")
    second = doc.lines[1].span
    assert [t.text for t in doc.tokens.within(second)] == ["聘请", "法律顾问", "。"]


def test_jieba_is_not_imported_by_the_cli_for_rules_without_words(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("列入了年终述职内容,自觉接受监督\n", encoding="utf-8")
    code = (
        "import sys; from fzlint.cli import main; "
        f"main(['--select', 'FZ101', '--format', 'json', {str(report)!r}]); "
        "print('jieba' in sys.modules, file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stderr.strip() == "False"


def test_jieba_is_quiet(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("我镇召开法治政府建设会议。\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "--select", "duplicate", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")


# --- the scorer ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["一是努力完善政府决策机制。", "（一）努力完善政府决策机制。", "1.努力完善政府决策机制。",
     "五、努力完善政府决策机制。", "第二，努力完善政府决策机制。", "② 努力完善政府决策机制。"],
)  # fmt: skip
def test_ordinals_are_stripped(text: str) -> None:
    assert words(text) == ("完善", "政府", "决策", "机制")


def test_filler_synonyms_and_dates_are_normalised() -> None:
    assert words("切实健全并严格执行11月19日的会议制度") == (
        "完善",
        "落实",
        "11月19日",
        "会议",
        "制度",
    )


def test_exact_repeat_scores_one() -> None:
    item = "力求进一步完善重大行政决策合法性审查机制,坚持重大问题集体决策。"
    assert score(words(item), words(item)) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("一是加强法治宣传教育。深入开展“八五”普法，推进法律进机关、进乡村、进学校、进企业。",
         "五是加强法治宣传教育。深入推进“八五”普法，推动法律进机关、进乡村、进学校、进企业。"),
        ("健全矛盾纠纷多元化解机制，发挥人民调解作用，把矛盾化解在基层。",
         "完善矛盾纠纷多元化解机制，充分发挥人民调解作用，把矛盾纠纷化解在基层。"),
        ("推行“双随机、一公开”监管，减少对企业正常经营活动的干扰。",
         "全面推行“双随机、一公开”监管，减少对企业正常生产经营的干扰。"),
    ],
)  # fmt: skip
def test_near_repeats_score_above_the_default_threshold(a: str, b: str) -> None:
    assert score(words(a), words(b)) >= 0.85


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("加强法治宣传教育", "加强执法人员培训"),
        ("健全依法决策机制，严格落实重大行政决策程序。", "健全行政执法监督机制，严格落实行政执法责任制。"),
        ("4月15日，我镇开展全民国家安全教育日宣传活动。", "12月4日，我镇开展国家宪法日宣传活动。"),
        ("深入学习贯彻习近平法治思想，提高领导干部法治思维能力。",
         "深入学习贯彻党的二十大精神，提高领导干部依法行政能力。"),
    ],
)  # fmt: skip
def test_same_theme_different_items_score_low(a: str, b: str) -> None:
    assert score(words(a), words(b)) < 0.5


def test_empty_items_score_zero() -> None:
    assert score((), ("法治",)) == 0.0


@given(
    st.lists(
        st.lists(st.sampled_from(["法治", "政府", "推进", "八五普法", "会"]), max_size=6),
        max_size=6,
    )
)
def test_index_scores_equal_pairwise_scores(bags: list[list[str]]) -> None:
    index = OverlapIndex()
    for position, words in enumerate(bags):
        shared = index.shared(words)
        for earlier in range(position):
            weight_a = sum(map(len, bags[earlier]))
            expected = score(bags[earlier], words)
            assert blend(shared.get(earlier, 0), weight_a, sum(map(len, words))) == expected
        index.add(position, words)


def _bag_items(bags: list[list[str]]) -> list[Item]:
    """Items holding these words (their spans do not matter to the index)."""
    return [Item(i, i + 1, i, i + 1, "", tuple(words)) for i, words in enumerate(bags)]


# words of the property tests' items: a few share characters, one is a single character
WORDS = st.sampled_from(["法治", "政府", "推进", "八五普法", "会", "依法行政", "年"])


def _finds_every_pair(
    items: list[Item], threshold: float, compared: Callable[[int, int], bool], apart=None
) -> dict[int, dict[int, int]]:
    """Check that the index finds, with its exact overlap, every pair of `items` that `compared`
    (earlier, later) lets be compared and that scores `threshold` or more; its candidates."""
    index = CandidateIndex(items, threshold, apart)
    candidates = {}
    for position, later in enumerate(items):
        pairs = list(index.candidates(position))
        # each earlier item once, earliest first (the caller stops at the first repeat)
        assert [other for other, _ in pairs] == sorted({other for other, _ in pairs})
        found = candidates[position] = dict(pairs)
        for at, earlier in enumerate(items[:position]):
            if not compared(at, position):
                continue
            expected = score(earlier.words, later.words)
            if expected >= threshold:
                # every pair at or above the threshold is a candidate, with its exact overlap
                assert blend(found[at], earlier.length, later.length) == expected
    return candidates


@given(
    st.lists(
        st.lists(
            WORDS,
            min_size=1,
            max_size=8,
        ),
        max_size=12,
    ),
    st.sampled_from([0.5, 0.6, 0.75, 0.8, 0.85, 0.95, 1.0]),
)
def test_candidate_index_misses_no_pair_above_the_threshold(
    bags: list[list[str]], threshold: float
) -> None:
    found = _finds_every_pair(_bag_items(bags), threshold, lambda earlier, later: True)
    for position, candidates in found.items():
        assert list(candidates) == sorted(candidates)
        assert all(other < position for other in candidates)


@given(
    st.lists(
        st.tuples(
            st.lists(
                WORDS,
                min_size=1,
                max_size=8,
            ),
            st.integers(min_value=-1, max_value=2),
        ),
        max_size=12,
    ),
    st.sampled_from([0.5, 0.75, 0.8, 0.95, 1.0]),
)
def test_candidate_index_apart_misses_no_pair_of_two_areas(
    placed: list[tuple[list[str], int]], threshold: float
) -> None:
    bags = [words for words, _ in placed]
    apart = [area for _, area in placed]
    # two items of one area are not compared
    _finds_every_pair(
        _bag_items(bags), threshold, lambda a, b: not apart[a] == apart[b] >= 0, apart
    )


@given(
    st.lists(
        st.tuples(
            st.lists(
                WORDS,
                max_size=8,
            ),
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=0, max_value=6),
        ),
        max_size=12,
    ),
    st.sampled_from([0.5, 0.75, 0.8, 0.95, 1.0]),
)
def test_candidate_index_misses_no_pair_of_items_that_do_not_overlap(
    placed: list[tuple[list[str], int, int]], threshold: float
) -> None:
    # items nested in one another (a sub-section and its enumeration items), overlapping or
    # sharing an extent, in any order
    items = [
        Item(start, start + length, start, start + length, "", tuple(words))
        for words, start, length in placed
    ]

    def apart(a: int, b: int) -> bool:  # overlapping items are not compared
        return not (items[a].start < items[b].end and items[b].start < items[a].end)

    _finds_every_pair(items, threshold, apart)


def test_candidate_index_counts_a_word_of_nested_items_once() -> None:
    # a sub-section holding two enumeration items, and an item after it: the words of an
    # enumeration item are held by the sub-section too, yet no pair can repeat on them
    first, second = ["事项", "措施", "法治"], ["对象", "期限", "政府"]
    items = [
        Item(0, 10, 0, 10, "", (*first, *second)),
        Item(0, 5, 0, 5, "", tuple(first)),
        Item(5, 10, 5, 10, "", tuple(second)),
        Item(10, 15, 10, 15, "", ("法治", "政府", "会议", "培训")),
    ]
    assert CandidateIndex(items, 0.75).positions() == []


@given(st.lists(WORDS, max_size=10), st.lists(WORDS, max_size=10))
def test_the_shared_weight_is_the_weight_of_the_intersection(
    first: list[str], second: list[str]
) -> None:
    a, b = Counter(first), Counter(second)
    assert _shared_weight(a, b) == _shared_weight(b, a) == _weight(a & b)


def test_candidate_index_of_thousands_of_alike_items_holds_no_pair_list() -> None:
    """A file of one sentence 3,000 times (a generated file, a log) makes every pair a candidate:
    the index keeps the items of each word, not the pairs (millions of them, gigabytes once), and
    hands each item's earlier ones earliest first, so that the first is found at once."""
    count = 3000
    index = CandidateIndex(_bag_items([["推进", "依法行政", "法治", "政府"]] * count), 0.85)
    assert index.positions() == list(range(1, count))
    assert sum(map(len, index._postings.values())) <= 4 * count
    for position in (1, 1500, count - 1):
        first, overlap = next(index.candidates(position))
        assert first == 0 and overlap == len("推进依法行政法治政府")


def test_candidate_index_leaves_out_pairs_sharing_only_common_words() -> None:
    common = ["法治", "政府", "建设"]
    bags = [[*common, f"事项{i}", f"措施{i}", f"对象{i}"] for i in range(20)]
    bags.append([*common, "事项3", "措施3", "对象3"])
    index = CandidateIndex(_bag_items(bags), 0.75)
    candidates = [dict(index.candidates(position)) for position in range(len(bags))]
    assert all(not found for found in candidates[:20])
    assert list(candidates[20]) == [3]


@given(
    st.lists(
        st.sampled_from(
            [
                "2021",
                "年",
                "11",
                "月",
                "19",
                "日",
                "号",
                "召开",
                "的",
                "，",
                "法治",
                "进一步",
                "健全",
            ]
        ),
        max_size=14,
    )
)
def test_content_words_of_a_slice_are_a_slice_of_the_whole(words: list[str]) -> None:
    content = ContentWords(words)
    for first in range(len(words) + 1):
        for last in range(first, len(words) + 1):
            assert content.between(first, last) == content_words(words[first:last])


# --- item extraction ----------------------------------------------------------------------------

REPORT = (
    "一、主要举措\n"
    "（一）加强组织领导。全年召开会议4次。\n"
    "11月19日，我镇召开党员干部培训会；12月4日，开展宪法宣传活动。\n"
)


def _texts(doc: Document, found) -> list[tuple[str, str, str]]:
    return [(item.ordinal, doc.text[item.text_span.start : item.text_span.end], item.key)
            for item in found]  # fmt: skip


def test_paragraph_items_strip_the_ordinal() -> None:
    doc = Document(REPORT)
    assert _texts(doc, paragraph_items(doc, Span(0, len(REPORT)))) == [
        ("一、", "主要举措", ""),
        ("（一）", "加强组织领导。全年召开会议4次。", ""),
        ("", "11月19日，我镇召开党员干部培训会；12月4日，开展宪法宣传活动。", ""),
    ]


def test_sentence_items_skip_headings_and_split_at_sentence_ends() -> None:
    # the heading line, and 加强组织领导。 (a topic sentence: a heading run into its paragraph),
    # are no sentences to compare; ； does not end a sentence
    doc = Document(REPORT)
    assert _texts(doc, sentence_items(doc, Span(0, len(REPORT)))) == [
        ("", "全年召开会议4次。", ""),
        ("", "11月19日，我镇召开党员干部培训会；12月4日，开展宪法宣传活动。", ""),
    ]


def test_sentence_items_leave_out_titles_and_responsibility_notes() -> None:
    text = (
        "附件：第二批改革举措推广清单\n"
        "完善裁判员公正执法的约束机制。（体育总局、公安部负责）\n"
        "（体育总局、教育部负责）鼓励利用学校体育场馆举办体育赛事。\n"
        "严格规范安保等经营场所公共安全服务供给。（各地区、各有关部门按职责分工落实）\n"
    )
    doc = Document(text)
    assert _texts(doc, sentence_items(doc, Span(0, len(text)))) == [
        ("", "完善裁判员公正执法的约束机制。", ""),
        ("", "鼓励利用学校体育场馆举办体育赛事。", ""),
        ("", "严格规范安保等经营场所公共安全服务供给。", ""),
    ]


def test_event_items_run_to_the_clause_saying_what_happened() -> None:
    doc = Document(REPORT)
    assert _texts(doc, event_items(doc, Span(0, len(REPORT)))) == [
        ("", "11月19日，我镇召开党员干部培训会", "11-19"),
        ("", "12月4日，开展宪法宣传活动", "12-4"),
    ]


def test_a_date_without_an_activity_is_no_event() -> None:
    text = "根据2021年3月1日印发的《工作要点》，制定实施方案。\n"
    assert event_items(Document(text), Span(0, len(text))) == []


def test_items_are_limited_to_the_area() -> None:
    doc = Document(REPORT)
    third = doc.lines[2].span
    assert [item.key for item in event_items(doc, Span(0, third.start))] == []


@pytest.mark.parametrize(
    ("ordinal", "label"),
    [("一是", "第一项"), ("（三）", "第三项"), ("12.", "第十二项"), ("②", "第二项"), ("", "")],
)
def test_ordinal_label(ordinal: str, label: str) -> None:
    assert ordinal_label(ordinal) == label


# --- the kind -----------------------------------------------------------------------------------

PACK = """
pack: test
rules:
  - id: XX701
    name: repeated-paragraph
    category: duplicate
    severity: warning
    kind: duplicate
    scope: document
    threshold: 0.85
    error_threshold: 0.95
    message: 「{item}」与{place}重复（{similarity}）
    description: test
"""


def _lint(text: str, pack: str = PACK) -> tuple[Document, list]:
    doc = Document(text)
    return doc, lint_document(doc, load_pack_text(pack, "test.yaml"), LintContext())


def test_repeat_is_reported_at_the_second_item_with_the_first_related() -> None:
    doc, found = _lint(
        "一是努力完善政府决策机制。坚持重大问题集体决策，将专家论证落到实处。\n"
        "二是扎实推进普法工作。\n"
        "三是努力完善政府决策机制。坚持重大问题集体决策，将专家论证落到实处。\n"
    )
    assert [(doc.position(d.span.start), d.severity, d.message) for d in found] == [
        ((3, 1), Severity.ERROR,
         "「努力完善政府决策机制。坚持重大问题集体决策，将专…」与第1行第一项重复（100%）"),
    ]  # fmt: skip
    assert [(doc.position(r.span.start), r.message) for r in found[0].related] == [
        ((1, 1), "第一次出现在第1行")
    ]


def test_near_repeat_keeps_the_rule_severity() -> None:
    doc, found = _lint(
        "（一）健全矛盾纠纷多元化解机制，发挥人民调解作用，把矛盾化解在基层。\n"
        "（二）完善矛盾纠纷多元化解机制，充分发挥人民调解作用，把矛盾纠纷化解在基层。\n"
    )
    assert [(doc.position(d.span.start), d.severity) for d in found] == [((2, 1), Severity.WARNING)]


SENTENCES = PACK.replace("scope: document", "scope: document\n    items: sentence")


def test_a_paragraph_copied_whole_is_one_finding() -> None:
    copied = "全年对12项重大行政决策开展合法性审查。法律顾问列席镇政府常务会议11次。"
    doc, found = _lint(f"{copied}\n全年开展普法宣传活动18场。\n另外，{copied}\n", SENTENCES)
    assert [(doc.position(d.span.start), doc.position(d.span.end)) for d in found] == [
        ((3, 1), (3, 41))
    ]
    assert [(doc.position(r.span.start), doc.position(r.span.end)) for r in found[0].related] == [
        ((1, 1), (1, 38))
    ]


def test_short_items_are_not_compared() -> None:
    assert _lint("加强组织领导。\n加强组织领导。\n")[1] == []


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("min_length", "'长'", "「min_length」应为整数"),
        ("error_threshold", "0", "「error_threshold」应为 0 到 1 之间的数"),
        ("items", "word", "「items」应为 item、paragraph、sentence、event、passage 之一"),
        ("against", "last-year", "「against」应为 self 或 previous"),
        ("skip_within", "nowhere", "未知的 scope「nowhere」"),
        ("report", "unmatched", "「previous_scope」「report」只用于 against: previous"),
    ],
)
def test_bad_keys_name_the_pack_line(key: str, value: str, message: str) -> None:
    from fzlint.errors import RuleFileError

    with pytest.raises(RuleFileError) as caught:
        base = PACK.replace("    error_threshold: 0.95\n", "")
        load_pack_text(base + f"    {key}: {value}\n", "test.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("test.yaml:")


# --- items per scope (needs the report structure) -----------------------------------------------

PLAN = (
    "关于2023年度法治政府建设情况的报告\n"
    "一、2023年主要举措和成效\n"
    "（一）加强组织领导。全年召开专题会议4次。\n"
    "（二）推进依法决策\n"
    "全年审查重大事项12项。\n"
    "二、2024年工作安排\n"
    "2024年，我镇将持续推进法治政府建设。\n"
    "1、加强法治宣传教育。一是深入开展八五普法；二是培育学法用法示范户。\n"
    "2、规范行政执法。\n"
)


def _scope_items(scope: str) -> list[tuple[int, str, str]]:
    from fzlint.document import scopes
    from fzlint.document.items import items

    doc = Document(PLAN)
    return [
        (doc.position(item.span.start)[0], item.ordinal, doc.text[item.text_span.start : item.text_span.end])
        for area in scopes.resolve(doc, scope)
        for item in items(doc, area, "item")
    ]  # fmt: skip


def test_items_of_the_next_year_part() -> None:
    assert _scope_items("next-year") == [
        (7, "", "2024年，我镇将持续推进法治政府建设。"),
        (8, "1、", "加强法治宣传教育。一是深入开展八五普法；二是培育学法用法示范户。"),
        (8, "一是", "深入开展八五普法；"),
        (8, "二是", "培育学法用法示范户。"),
        (9, "2、", "规范行政执法。"),
    ]


def test_items_of_each_part_include_headed_sub_sections() -> None:
    assert _scope_items("part")[:2] == [
        (3, "（一）", "加强组织领导。全年召开专题会议4次。"),
        (4, "（二）", "推进依法决策\n全年审查重大事项12项。"),
    ]


# --- --previous ---------------------------------------------------------------------------------

PREVIOUS = Path(__file__).parent / "data" / "previous"


def test_previous_flags_a_copied_plan(cli) -> None:
    run = cli(
        str(PREVIOUS / "2023_copied.txt"), "--previous", str(PREVIOUS / "2022.txt"),
        "--select", "FZ705,FZ706", "--format", "json",
    )  # fmt: skip
    assert run.code == 1
    assert [(f["line"], f["column"], f["rule"], f["severity"]) for f in run.json()] == [
        (5, 1, "FZ706", "info"),
        (5, 1, "FZ706", "info"),
        (14, 1, "FZ705", "warning"),
        (15, 1, "FZ705", "warning"),
        (17, 1, "FZ705", "warning"),
    ]
    assert "第16行" in run.json()[0]["message"]


def test_config_pairs_each_report_with_last_years(cli, tmp_path) -> None:
    import shutil

    (tmp_path / ".fzlint.yaml").write_text(
        "previous:\n  '2023/(.*)': '2022/\\1'\n", encoding="utf-8"
    )
    for year, source in (("2022", "2022.txt"), ("2023", "2023_copied.txt")):
        (tmp_path / year).mkdir()
        shutil.copy(PREVIOUS / source, tmp_path / year / "青石镇.txt")
    # a unit with no report last year is compared with nothing
    shutil.copy(PREVIOUS / "2023_copied.txt", tmp_path / "2023" / "新设镇.txt")
    run = cli(str(tmp_path / "2023"), "--select", "FZ705", "--format", "json", "-j", "2")
    assert run.code == 1
    assert [(Path(f["path"]).name, f["line"]) for f in run.json()] == [
        ("青石镇.txt", 14),
        ("青石镇.txt", 15),
        ("青石镇.txt", 17),
    ]


def test_previous_leaves_a_rewritten_plan_alone(cli) -> None:
    run = cli(
        str(PREVIOUS / "2023_rewritten.txt"), "--previous", str(PREVIOUS / "2022.txt"),
        "--select", "FZ705", "--format", "json",
    )  # fmt: skip
    assert (run.code, run.json()) == (0, [])


def test_without_previous_the_comparison_rules_are_silent(cli) -> None:
    run = cli(str(PREVIOUS / "2023_copied.txt"), "--select", "FZ705,FZ706", "--format", "json")
    assert (run.code, run.json()) == (0, [])


def test_previous_needs_exactly_one_report(cli) -> None:
    run = cli(
        str(PREVIOUS / "2023_copied.txt"), str(PREVIOUS / "2023_rewritten.txt"),
        "--previous", str(PREVIOUS / "2022.txt"),
    )  # fmt: skip
    assert run.code == 2
    assert (
        run.err
        == "fzlint: 错误: --previous 只能与一个报告文件同用（上一年度报告与本年度报告一一对应）\n"
    )


def test_missing_previous_is_a_one_line_error(cli, tmp_path) -> None:
    missing = tmp_path / "none.txt"
    run = cli(str(PREVIOUS / "2023_copied.txt"), "--previous", str(missing))
    assert (run.code, run.err) == (2, f"fzlint: 错误: {missing}: 文件不存在\n")


def test_context_repr_follows_the_previous_text() -> None:
    one = LintContext(previous=Document("甲", "p.txt"))
    two = LintContext(previous=Document("乙", "p.txt"))
    assert repr(one) != repr(two)
    assert repr(one) == repr(LintContext(previous=Document("甲", "p.txt")))


# --- the shipped pack on real-looking text --------------------------------------------------------

SHIPPED = (Path(__file__).parent.parent / "rules" / "duplicates.yaml").read_text(encoding="utf-8")

# A 政府工作报告 in brief: review, then tasks (each paragraph opens with a topic sentence).
SPEECH = (
    "各位代表：\n"
    "现在，我代表县人民政府，向大会报告政府工作，请予审议。\n"
    "一、2024年工作回顾\n"
    "过去一年，全县经济运行稳中有进。地区生产总值增长5.2%，一般公共预算收入增长3.1%。\n"
    "坚持向县人大及其常委会报告工作，自觉接受监督。认真听取各民主党派、工商联、无党派人士及工青妇等人民团体意见。\n"
    "二、2025年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
    "推进节能减排和生态环境保护。深入打好蓝天、碧水、净土保卫战，完成省下达的节能减排任务。\n"
    "自觉接受县人大及其常委会的监督。广泛听取各民主党派、工商联、无党派人士和工青妇等人民团体意见。\n"
)


def _shipped(text: str, *ids: str) -> tuple[Document, list]:
    doc, found = _lint(text, SHIPPED)
    return doc, [d for d in found if d.rule.id in ids]


def test_a_document_pasted_twice_is_one_finding_with_both_ranges() -> None:
    doc, found = _shipped(SPEECH + SPEECH, "FZ701", "FZ702", "FZ703", "FZ704", "FZ708")
    assert [(d.rule.id, doc.position(d.span.start), d.message) for d in found] == [
        (
            "FZ708",
            (10, 1),
            "第10–18行重复了第1–9行（连续9段原样相同），多是整篇或整段复制粘贴所致",
        )
    ]
    assert doc.position(found[0].span.end) == (18, len(doc.lines[17].text) + 1)
    related = found[0].related[0]
    assert (doc.position(related.span.start), related.message) == ((1, 1), "第一次出现在第1–9行")


def test_half_a_document_pasted_again_is_one_finding() -> None:
    plan = SPEECH[SPEECH.index("二、") :]
    doc, found = _shipped(SPEECH + "各位代表！\n" + plan, "FZ703", "FZ708")
    assert [(d.rule.id, doc.position(d.span.start)) for d in found] == [("FZ708", (11, 1))]
    assert "第11–14行重复了第6–9行（连续4段" in found[0].message


def test_two_paragraphs_pasted_again_are_one_finding() -> None:
    review = "".join(SPEECH.splitlines(keepends=True)[3:5])
    doc, found = _shipped(SPEECH + "三、全面加强政府自身建设\n" + review, "FZ703", "FZ708")
    assert [(d.rule.id, doc.position(d.span.start)) for d in found] == [("FZ708", (11, 1))]
    assert "第11–12行重复了第4–5行（连续2段" in found[0].message


def test_one_paragraph_pasted_again_is_left_to_the_sentence_rules() -> None:
    text = SPEECH + "三、全面加强政府自身建设\n" + SPEECH.splitlines(keepends=True)[3]
    doc, found = _shipped(text, "FZ703", "FZ708")
    # its topic sentence (过去一年，全县经济运行稳中有进。) is not compared; the figures are
    assert [(d.rule.id, doc.position(d.span.start)) for d in found] == [("FZ703", (11, 17))]


def test_the_plan_restating_the_review_is_no_repeat() -> None:
    assert _shipped(SPEECH, "FZ703")[1] == []


def test_a_figure_copied_from_the_review_into_the_plan_is_a_repeat() -> None:
    copied = "地区生产总值增长5.2%，一般公共预算收入增长3.1%。"
    doc, found = _shipped(SPEECH + f"总的看，{copied}\n", "FZ703")
    assert [doc.position(d.span.start) for d in found] == [(10, 1)]


def test_an_appended_list_restating_the_body_is_not_compared() -> None:
    text = (
        SPEECH
        + "扎实办好十件民生实事。一是提高山区边远地区学校教师生活补助。二是提高困难群众救助补助标准。\n"
        + "附件\n2025年县十件民生实事\n"
        + "一、提高山区边远地区学校教师生活补助。将山区学校教师生活补助提高到每月不低于1000元。\n"
        + "二、提高困难群众救助补助标准。提高城乡低保对象最低生活保障补差水平。\n"
    )
    assert _shipped(text, "FZ701", "FZ702", "FZ703", "FZ704")[1] == []


def test_the_body_is_still_compared_when_an_appendix_follows() -> None:
    repeated = "全面落实重大行政决策合法性审查制度，重大决策事项均经法律顾问审核。"
    text = (
        f"一、2023年主要举措和成效\n我镇{repeated}\n二、存在的不足\n镇政府{repeated}\n"
        "三、2024年工作安排\n加强法治宣传教育。\n附件：2023年重大行政决策事项目录\n"
    )
    doc, found = _shipped(text, "FZ703")
    assert [doc.position(d.span.start) for d in found] == [(4, 1)]


def test_responsibility_notes_do_not_make_two_tasks_alike() -> None:
    text = (
        "一、丰富赛事活动\n"
        "推动体育赛事活动发展。（体育总局、发展改革委、公安部、市场监管总局负责）\n"
        "二、优化市场环境\n"
        "完善体育竞赛表演企业信用体系。（体育总局、发展改革委、公安部、市场监管总局负责）\n"
    )
    assert _shipped(text, "FZ702", "FZ703")[1] == []


def test_items_under_different_labels_are_no_repeat() -> None:
    text = (
        "一、组织机构\n"
        "总指挥：国家发展改革委主要负责人、国家粮食局主要负责人。\n"
        "副总指挥：国家发展改革委分管负责人、国家粮食局主要负责人。\n"
    )
    assert _shipped(text, "FZ702")[1] == []
    doc, found = _shipped(text.replace("副总指挥", "总指挥"), "FZ702")
    assert [doc.position(d.span.start) for d in found] == [(3, 1)]


def test_a_download_link_is_no_appended_block() -> None:
    repeated = "全面落实重大行政决策合法性审查制度，重大决策事项均经法律顾问审核。"
    text = (
        "青石镇2023年法治政府建设年度报告\n附件：2023年法治政府建设年度报告.pdf\n"
        f"一、2023年主要举措和成效\n我镇{repeated}\n二、存在的不足\n镇政府{repeated}\n"
    )
    doc, found = _shipped(text, "FZ703")
    assert [doc.position(d.span.start) for d in found] == [(6, 1)]
    without_link = Document(text.replace(".pdf", ""))
    assert without_link.position(appended_start(without_link)) == (2, 1)
