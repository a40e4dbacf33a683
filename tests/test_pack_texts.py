"""What users read in the shipped packs: rule messages and descriptions, and the knowledge base's
names, replacements, sources and notes.

They cite public, official sources (never a file of this repository, a corpus report or an
unofficial web host), they are set as Chinese text is (no space between two Chinese characters,
or between a digit and one), and they pass fzlint's own punctuation and spacing rules.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from fzlint.document.source import Document
from fzlint.engine.knowledge import load_knowledge
from fzlint.engine.packs import load_pack_text, load_rules, select
from fzlint.engine.runner import lint_document
from fzlint.text.prose import prose

RULES = load_rules()
KNOWLEDGE = load_knowledge(str(resources.files("fzlint.rules") / "data" / "stale-names.yaml"))


def _texts() -> list[tuple[str, str]]:
    """(where, text) for every string a user reads in the shipped packs."""
    texts: list[tuple[str, str]] = []
    for item in RULES:
        rule = item.rule
        texts.append((f"{rule.id} message", rule.message))
        texts.append((f"{rule.id} description", rule.description))
        if rule.fix is not None and rule.fix.title:
            texts.append((f"{rule.id} fix title", rule.fix.title))
        for key, value in rule.options.items():
            if key.endswith("message") and isinstance(value, str):
                texts.append((f"{rule.id} {key}", value.strip()))
    for entry in KNOWLEDGE.entries:
        for key in ("name", "replacement", "source", "note"):
            value = getattr(entry, key)
            if value:
                texts.append((f"{entry.id} {key}", value))
    return texts


TEXTS = _texts()
IDS = [where for where, _ in TEXTS]

# Hosts a source may name: the official sites of the state, the Party and their news agencies.
OFFICIAL_HOSTS = (
    "gov.cn",
    "npc.gov.cn",
    "court.gov.cn",
    "spp.gov.cn",
    "12371.cn",
    "xinhuanet.com",
    "news.cn",
    "people.com.cn",
    "qstheory.cn",
    "ccdi.gov.cn",
)
HOST = re.compile(r"(?:https?://)?((?:[a-z0-9-]+\.)+(?:cn|com|net|org|edu|info|io|tw|hk))\b", re.I)
INTERNAL = re.compile(
    r"\.(?:md|py|ya?ml)\b|LRB\b|REPORTS|报告\s*0\d\d|corpus|语料|knowledge base|知识库 data/"
)

_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_PUNCT = r"[\u3001-\u303f\uff01-\uffef\u2014\u2026\u2018\u2019\u201c\u201d]"
# Outside a quoted sample 「…」: a space between two Chinese characters, a Chinese character and
# Chinese punctuation, or a digit and either.
STRAY_SPACE = re.compile(
    rf"{_CJK}[ \t]+{_CJK}|{_CJK}[ \t]+{_PUNCT}|{_PUNCT}[ \t]+{_CJK}"
    rf"|[0-9][ \t]+{_CJK}|{_CJK}[ \t]+[0-9]|{_PUNCT}[ \t]+{_PUNCT}|{_PUNCT}[ \t]+[0-9]"
)
QUOTED = re.compile(r"「[^」]*」")


def _unquoted(text: str) -> str:
    """The text with each quoted sample 「…」 (which may show a defect on purpose) blanked out."""
    return QUOTED.sub("「」", text)


def test_every_user_visible_text_is_collected() -> None:
    wheres = {where.split()[1] for where in IDS}
    assert {"message", "description", "name", "replacement", "source", "note"} <= wheres
    assert len(KNOWLEDGE.entries) == sum(1 for where in IDS if where.endswith(" source"))


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=IDS)
def test_text_cites_no_internal_file_and_no_unofficial_host(where: str, text: str) -> None:
    assert not INTERNAL.search(text), INTERNAL.search(text)
    for host in HOST.findall(text):
        host = host.lower()
        assert any(host == ok or host.endswith("." + ok) for ok in OFFICIAL_HOSTS), host


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=IDS)
def test_text_has_no_space_inside_chinese(where: str, text: str) -> None:
    assert not STRAY_SPACE.search(_unquoted(text)), STRAY_SPACE.search(_unquoted(text))


HYGIENE = select(RULES, ["punctuation", "spacing"])


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=IDS)
def test_text_passes_fzlints_own_punctuation_and_spacing_rules(where: str, text: str) -> None:
    doc = Document(_unquoted(text) + "\n")
    findings = [
        f"{d.rule.id} {doc.text[d.span.start : d.span.end]!r}" for d in lint_document(doc, HYGIENE)
    ]
    assert findings == []


@pytest.mark.parametrize(
    ("folded", "expected"),
    [
        (
            "网页末尾的「打印本页 关闭窗口」、页\n关闭窗口等",
            "网页末尾的「打印本页 关闭窗口」、页关闭窗口等",
        ),
        ("写作「2021 年」 这样的空格\n应删除", "写作「2021 年」这样的空格应删除"),
        ("GB/T 9704—2012 第 7.5 条", "GB/T 9704—2012第7.5条"),
        ("用 jieba 分词，--as-of 可改定", "用 jieba 分词，--as-of 可改定"),
        ("  first   line\n  second line  ", "first line second line"),
    ],
)
def test_a_folded_description_loses_the_spaces_chinese_text_does_not_have(
    folded: str, expected: str
) -> None:
    assert prose(folded) == expected


def test_a_pack_description_folded_over_lines_reads_as_one_sentence() -> None:
    pack = (
        "pack: p\n"
        "rules:\n"
        "  - id: XX001\n"
        "    name: x\n"
        "    category: artefact\n"
        "    severity: info\n"
        "    kind: pattern\n"
        "    pattern: 'zzz'\n"
        "    message: m\n"
        "    description: >\n"
        "      网页转换的残留，如「打印本页 关闭窗口」。删除后\n"
        "      报告更整洁（GB/T 9704—2012\n"
        "      第 7.5 条）。\n"
        "    examples:\n"
        "      fire: ['zzz']\n"
        "      pass: ['aaa']\n"
    )
    [item] = load_pack_text(pack, "p.yaml")
    assert item.rule.description == (
        "网页转换的残留，如「打印本页 关闭窗口」。删除后报告更整洁（GB/T 9704—2012第7.5条）。"
    )
