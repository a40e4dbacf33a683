"""Where true and false repeats fall: the figures behind the `duplicate` rules' thresholds.

Run: .venv/bin/python bench/duplicate_thresholds.py [CORPUS_DIR]   (default tests/data/corpus)

1. Hand-written pairs (written for fzlint, not from any report): NEAR are the same item with a few
   words changed, reordered or garnished; DIFFERENT share a theme but say different things.
2. Every pair each rule would score on the corpus reports: items inside the next-year part and
   inside each part, sentences across the body, dated events of the same day; the highest scores
   are printed with their lines, so a threshold can be set between the true and false repeats.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from fzlint.document import scopes
from fzlint.document.items import items
from fzlint.document.source import Document
from fzlint.text.similarity import content_words, ordinal_length, score
from fzlint.text.tokens import segment

NEAR = [
    (
        "一是加强法治宣传教育。深入开展“八五”普法，推进法律进机关、进乡村、进学校、进企业。",
        "五是加强法治宣传教育。深入推进“八五”普法，推动法律进机关、进乡村、进学校、进企业。",
    ),
    (
        "（一）健全依法决策机制。严格落实重大行政决策程序，坚持合法性审查和集体讨论决定。",
        "（四）完善依法决策机制。严格执行重大行政决策程序，坚持合法性审查、集体讨论决定。",
    ),
    (
        "进一步规范行政执法行为，全面落实行政执法三项制度，提升执法规范化水平。",
        "规范行政执法行为，严格落实行政执法三项制度，提升执法规范化水平。",
    ),
    (
        "加强执法人员培训，每年组织执法人员参加不少于40学时的法律知识培训。",
        "加强执法人员培训，每年组织执法人员参加不少于60学时的法律知识培训。",
    ),
    (
        "推进政务公开，通过政府网站及时公开行政执法信息，自觉接受社会监督。",
        "持续推进政务公开，及时通过政府网站公开行政执法信息，主动接受社会监督。",
    ),
    (
        "充分发挥法律顾问作用，对重大合同和规范性文件进行合法性审查。",
        "充分发挥政府法律顾问作用，对重大合同、规范性文件进行合法性审查。",
    ),
    (
        "落实党政主要负责人履行推进法治建设第一责任人职责，把法治建设纳入年终述职内容。",
        "压实党政主要负责人推进法治建设第一责任人职责，将法治建设纳入年终述职。",
    ),
    (
        "健全矛盾纠纷多元化解机制，发挥人民调解作用，把矛盾化解在基层。",
        "完善矛盾纠纷多元化解机制，充分发挥人民调解作用，把矛盾纠纷化解在基层。",
    ),
    (
        "推行“双随机、一公开”监管，减少对企业正常经营活动的干扰。",
        "全面推行“双随机、一公开”监管，减少对企业正常生产经营的干扰。",
    ),
    (
        "11月19日，我镇召开党员干部党章党规党纪培训会。",
        "我镇于11月19日上午召开全镇党员干部党章党规党纪培训会。",
    ),
]
DIFFERENT = [
    (
        "加强法治宣传教育。深入开展“八五”普法，推进法律进机关、进乡村、进学校。",
        "加强执法人员培训。组织执法人员参加法律知识培训和执法资格考试。",
    ),
    (
        "健全依法决策机制，严格落实重大行政决策程序。",
        "健全行政执法监督机制，严格落实行政执法责任制。",
    ),
    (
        "推进政务公开，通过政府网站公开行政执法信息。",
        "推进“放管服”改革，优化营商环境，提升政务服务效能。",
    ),
    ("充分发挥法律顾问作用，对重大合同进行合法性审查。", "充分发挥人民调解作用，化解矛盾纠纷。"),
    (
        "落实第一责任人职责，把法治建设纳入年终述职内容。",
        "落实普法责任制，把普法工作纳入年度考核内容。",
    ),
    (
        "加强行政复议工作，依法办理行政复议案件。",
        "加强行政应诉工作，落实行政机关负责人出庭应诉制度。",
    ),
    (
        "深入学习贯彻习近平法治思想，提高领导干部法治思维能力。",
        "深入学习贯彻党的二十大精神，提高领导干部依法行政能力。",
    ),
    ("规范行政执法行为，全面落实行政执法三项制度。", "规范行政审批行为，全面推行一网通办。"),
    ("加强法治政府建设档案管理，完善迎检台账。", "加强法治政府建设考核，完善考核评价体系。"),
    ("4月15日，我镇开展全民国家安全教育日宣传活动。", "12月4日，我镇开展国家宪法日宣传活动。"),
]

# Written after the synonym list and weights were fixed, to check them on pairs they were not
# tuned on.
HELD_OUT_NEAR = [
    (
        "三是强化行政执法监督。定期开展行政执法案卷评查，对发现的问题及时督促整改。",
        "六是加强行政执法监督。定期组织行政执法案卷评查，对发现的问题督促及时整改。",
    ),
    (
        "健全规范性文件备案审查制度，做到有件必备、有备必审、有错必纠。",
        "完善规范性文件备案审查制度，做到有件必备、有备必审、有错必纠。",
    ),
    (
        "落实行政机关负责人出庭应诉制度，行政机关负责人出庭应诉率达到100%。",
        "严格落实行政机关负责人出庭应诉制度，确保负责人出庭应诉率达到100%。",
    ),
    (
        "加强村（社区）法律顾问工作，实现一村（社区）一法律顾问全覆盖。",
        "深化村（社区）法律顾问工作，推动一村（社区）一法律顾问全覆盖。",
    ),
    (
        "把学法纳入党委理论学习中心组学习内容，全年集体学法不少于4次。",
        "将学法纳入镇党委理论学习中心组学习内容，每年集体学法不少于4次。",
    ),
    (
        "推进综合行政执法改革，整合执法力量，实现一支队伍管执法。",
        "深入推进综合行政执法改革，整合基层执法力量，实现“一支队伍管执法”。",
    ),
]
HELD_OUT_DIFFERENT = [
    (
        "健全规范性文件备案审查制度，做到有件必备、有备必审。",
        "健全行政执法公示制度，及时公开执法主体、执法依据。",
    ),
    ("落实行政机关负责人出庭应诉制度。", "落实行政复议决定书网上公开制度。"),
    ("加强村（社区）法律顾问工作，实现全覆盖。", "加强村（社区）人民调解组织建设，实现全覆盖。"),
    ("把学法纳入党委理论学习中心组学习内容。", "把法治建设纳入全镇经济社会发展总体规划。"),
    ("推进综合行政执法改革，整合执法力量。", "推进政务服务标准化，整合办事窗口。"),
    (
        "开展“民法典进万家”宣传活动，发放宣传资料3000余份。",
        "开展“宪法进万家”宣传活动，接受群众咨询200余人次。",
    ),
]


def words(text: str) -> tuple[str, ...]:
    return content_words(t.text for t in segment(text[ordinal_length(text) :]))


# (scope, items, min_length, skip_within) as in rules/duplicates.yaml
CONFIGS = (
    ("next-year", "item", 10, None),
    ("part", "item", 10, "next-year"),
    ("body", "sentence", 12, "part"),
    ("body", "event", 8, None),
)


def corpus_pairs(doc: Document, scope: str, granularity: str, min_length: int, skip: str | None):
    import fzlint.kinds  # noqa: F401  (registers the scopes of the structure layer)

    skip_areas = scopes.resolve(doc, skip) if skip else ()
    for area in scopes.resolve(doc, scope):
        found = [i for i in items(doc, area, granularity) if i.length >= min_length]
        for a, b in itertools.combinations(found, 2):
            if a.key != b.key or a.span.overlaps(b.span):
                continue
            if any(s.contains(a.span) and s.contains(b.span) for s in skip_areas):
                continue
            yield (
                score(a.words, b.words),
                doc.position(a.span.start)[0],
                doc.position(b.span.start)[0],
            )


def main() -> None:
    for label, pairs in (
        ("near", NEAR),
        ("different", DIFFERENT),
        ("held-out near", HELD_OUT_NEAR),
        ("held-out different", HELD_OUT_DIFFERENT),
    ):
        scores = sorted(score(words(a), words(b)) for a, b in pairs)
        print(f"hand-written {label:18} n={len(scores)} min={scores[0]:.3f} max={scores[-1]:.3f}")
        print("          " + " ".join(f"{s:.2f}" for s in scores))
    folder = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else Path(__file__).parents[1] / "tests" / "data" / "corpus"
    )
    docs = [(path.name[:3], Document.from_path(str(path))) for path in sorted(folder.glob("*.txt"))]
    for scope, granularity, min_length, skip in CONFIGS:
        scored = [
            (s, name, a, b)
            for name, doc in docs
            for s, a, b in corpus_pairs(doc, scope, granularity, min_length, skip)
        ]
        scored.sort(reverse=True)
        top = ", ".join(f"{s:.2f} ({name} l.{a}/{b})" for s, name, a, b in scored[:5])
        print(f"corpus {scope}/{granularity}: {len(scored)} pairs; highest: {top}")


if __name__ == "__main__":
    main()
