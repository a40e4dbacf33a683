"""What kind of document a text is, decided once from its title and opening.

A reviewing office reads a 法治政府建设 annual report, a 政府工作报告 (a speech to a congress or a
work conference) and a 国务院 通知 with different expectations: only the annual report has the
five mandated parts and a filing window; a speech has no 落款 or 成文日期; every 公文 has both.
Rules declare in their pack which types they apply to (`applies-to:`); configuration
(`doc-type:`) and `--doc-type` override the guess.

The names are machine names (English, stable); `LABELS` gives what a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.structure import Structure

ANNUAL_REPORT = "annual-report"
SPEECH = "speech"
UNKNOWN = "unknown"
# 公文 文种 (GB/T 9704-2012 and 《党政机关公文处理工作条例》 第八条) that reach a reviewing office.
GONGWEN_TYPES = {
    "report": "报告",
    "request": "请示",
    "opinion": "意见",
    "notice": "通知",
    "bulletin": "通报",
    "letter": "函",
    "reply": "批复",
    "decision": "决定",
}
# The title's last word names its 文种 (…的指导意见, …的复函, 对…提案的答复).
_WORDS = {
    "通知": "notice",
    "意见": "opinion",
    "通报": "bulletin",
    "函": "letter",
    "答复": "letter",
    "批复": "reply",
    "决定": "decision",
    "请示": "request",
    "报告": "report",
}
LABELS = {
    ANNUAL_REPORT: "法治政府建设年度报告",
    SPEECH: "讲话或工作报告（如政府工作报告）",
    **GONGWEN_TYPES,
    UNKNOWN: "未识别",
}
TYPES = tuple(LABELS)
# Groups a pack may name in `applies-to`: every 公文 (and a text whose type is not known, which
# gets the rules that hold for every 公文), or everything.
GROUPS = {
    "gongwen": frozenset({ANNUAL_REPORT, UNKNOWN, *GONGWEN_TYPES}),
    "all": frozenset(TYPES),
}


class _Clues:
    """The patterns `detect` reads. Compiled on first use: the command line imports this module
    for `TYPES` before it chooses the cache folder from which patterns are read (fzlint.text.regex).
    """

    def __init__(self) -> None:
        # The subject of an annual report on rule-of-law government (法治政府建设, 法治建设,
        # 依法行政, 依法治县 …; 凤凰镇法治政府工作报告 leaves out 建设).
        self.rule_of_law = compile_kept(r"法治政府|法治建设|依法行政|依法治[国省市县区镇乡]")
        # …情况报告, …工作总结和2024年工作计划: a look back at the year (a 工作要点 or 方案 is not).
        self.summary = compile_kept(r"报告|总结|情况|汇报")
        self.speech_title = compile_kept(
            r"政府工作报告|工作报告$|讲话$|在.{2,40}(?:会议|大会)上的(?:讲话|报告)"
        )
        # 文种 is the title's last word: …的通知, …的意见, 国家粮食应急预案的函.
        self.gongwen_end = compile_kept(
            r"(?:的|之)[\u4e00-\u9fff]{0,2}?(" + "|".join(_WORDS) + r")$"
        )
        # A speech opens by addressing its audience.
        self.salutation = compile_kept(
            r"^[\s\u3000]*(?:各位代表|同志们|各位委员|同志们、朋友们|女士们、先生们)[，,]?[^。]{0,12}[：:]"
        )
        # Without a title, only a first part or an opening sentence about the year's 法治政府建设
        # says that the text is an annual report (a speech or 意见 may well mention 依法行政 early).
        self.untitled_heading = compile_kept(r"法治政府建设|推进法治建设|依法行政")
        self.untitled_opening = compile_kept(r"^[\s\u3000]*\d{4}\s*年.{0,80}法治政府建设")
        self.trailing_note = compile_kept(r"[（(][^）)]{1,30}[）)]$")


@cache
def _clues() -> _Clues:
    return _Clues()


@dataclass(frozen=True, slots=True)
class DocTypeGuess:
    """The type and what decided it (`标题「…的通知」`), for `fzlint structure`."""

    name: str
    clue: str

    @property
    def label(self) -> str:
        return LABELS[self.name]


def detect(structure: Structure) -> DocTypeGuess:
    clues = _clues()
    title = "".join(structure.title.split())
    bare = clues.trailing_note.sub("", title)
    if title:
        quoted = "标题"
        match = clues.gongwen_end.search(bare)
        # 关于报送2023年度法治政府建设情况报告的通知 is a notice, whatever it is about.
        if match and _WORDS[match.group(1)] != "report":
            return DocTypeGuess(_WORDS[match.group(1)], quoted)
        if clues.rule_of_law.search(title) and clues.summary.search(bare):
            return DocTypeGuess(ANNUAL_REPORT, quoted)
        if clues.speech_title.search(bare) and "关于" not in bare:
            return DocTypeGuess(SPEECH, quoted)
        if match:
            return DocTypeGuess(_WORDS[match.group(1)], quoted)
    for paragraph in structure.doc.paragraphs[:12]:
        match = clues.salutation.match(paragraph.text)
        if match:
            return DocTypeGuess(
                SPEECH, f"称呼语「{match.group(0).strip()}」（第{paragraph.number}行）"
            )
    # An untitled draft (the body pasted without its title): a first part or an opening that is
    # about rule-of-law government.
    if structure.sections and clues.untitled_heading.search(structure.sections[0].heading.text):
        line = structure.sections[0].heading.line
        return DocTypeGuess(ANNUAL_REPORT, f"第一部分标题（第{line.number}行）")
    for line in structure.body_paragraphs[:2]:
        if clues.untitled_opening.search(line.text[:120]):
            return DocTypeGuess(ANNUAL_REPORT, f"正文开头（第{line.number}行）")
    return DocTypeGuess(UNKNOWN, "标题与开头都没有可判断文种的线索")


def expand(names: tuple[str, ...]) -> frozenset[str]:
    """The types named by `applies-to` entries (types or groups)."""
    found: set[str] = set()
    for name in names:
        found |= GROUPS.get(name, {name})
    return frozenset(found)
