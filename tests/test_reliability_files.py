"""Reliability of reading and fixing files (issue #18): non-regular files, size limits, fixing
cost, links and temporaries. Each test fails on the defect it is named for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from process import run_fzlint

from fzlint.diagnostics import Edit, Span
from fzlint.document.source import Document
from fzlint.document.webpage import WebBlock, inside_web_block, touches_web_block

REPORT = "一、主要工作\n\n（一）推进依法行政,加强监督。\n"


def _fzlint(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return run_fzlint("--no-cache", *args, cwd=cwd, timeout=timeout)


# A. Non-regular files and the size limit

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_a_fifo_in_a_walked_folder_is_skipped_and_said_once(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    run = _fzlint("--format", "concise", ".", cwd=tmp_path, timeout=30)
    assert run.returncode == 1, run.stderr
    assert "r.txt" in run.stdout
    notes = [line for line in run.stderr.splitlines() if "pipe.txt" in line]
    assert len(notes) == 1 and "不是普通文件" in notes[0]


def test_a_link_to_a_device_in_a_walked_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    run = _fzlint("--format", "concise", ".", cwd=tmp_path, timeout=30)
    assert run.returncode == 1, run.stderr
    assert "r.txt" in run.stdout
    assert "MemoryError" not in run.stderr and "内部错误" not in run.stderr
    assert "zero.txt" in run.stderr and "不是普通文件" in run.stderr


@needs_fifo
def test_a_named_fifo_is_refused_and_the_other_files_are_linted(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    for extra in ((), ("--fix",)):
        run = _fzlint("--format", "concise", *extra, "pipe.txt", "r.txt", cwd=tmp_path, timeout=30)
        assert run.returncode == 2, run.stderr
        errors = [line for line in run.stderr.splitlines() if "错误" in line]
        assert len(errors) == 1 and "pipe.txt" in errors[0] and "不是普通文件" in errors[0]
        assert "r.txt" in run.stdout or extra


def test_a_named_device_is_refused(tmp_path: Path) -> None:
    run = _fzlint("/dev/zero", cwd=tmp_path, timeout=30)
    assert run.returncode == 2
    assert "MemoryError" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "/dev/zero" in lines[0] and "不是普通文件" in lines[0]


def test_a_file_above_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    from fzlint.document.source import MAX_REPORT_BYTES, read_report
    from fzlint.errors import InputError

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: nothing is written to disk
        handle.truncate(MAX_REPORT_BYTES + 1)
    with pytest.raises(InputError, match="64 MB"):
        read_report(str(big))
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    run = _fzlint("--format", "concise", ".", cwd=tmp_path, timeout=30)
    assert run.returncode == 2
    assert "r.txt" in run.stdout
    errors = [line for line in run.stderr.splitlines() if "big.txt" in line]
    assert len(errors) == 1 and "64 MB" in errors[0]


def test_the_limit_is_on_bytes_read_with_a_patched_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fzlint.document import source
    from fzlint.errors import InputError

    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    monkeypatch.setattr(source, "MAX_REPORT_BYTES", 10)
    with pytest.raises(InputError, match="上限"):
        source.read_report(str(path))
    monkeypatch.setattr(source, "MAX_REPORT_BYTES", 1000)
    assert source.read_report(str(path)) == REPORT.encode("utf-8")


# C. Linting time grows linearly with the size of a report


def _blocks(count: int) -> list[WebBlock]:
    # one block of chrome every 10 characters, as a long scraped page has
    return [
        WebBlock(
            "toolbar",
            i + 1,
            i + 1,
            Span(10 * i, 10 * i + 5),
            Span(10 * i, 10 * i + 5),
            (),
            (i + 1,),
        )
        for i in range(count)
    ]


def test_a_finding_is_checked_against_the_web_blocks_near_it_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocks = _blocks(2000)
    calls = 0
    holds = WebBlock.holds

    def counted(self: WebBlock, span: Span) -> bool:
        nonlocal calls
        calls += 1
        return holds(self, span)

    monkeypatch.setattr(WebBlock, "holds", counted)
    for offset in range(0, 20_000, 7):
        span = Span(offset, offset + 2)
        expected = any(b.extent.start <= offset < b.extent.end for b in blocks)
        assert inside_web_block(blocks, span) is expected
        assert touches_web_block(blocks, [span]) is any(
            offset < b.extent.end and b.extent.start < offset + 2 for b in blocks
        )
    assert calls <= 2 * len(range(0, 20_000, 7))
    # an empty span at a block's end stands in it; an insertion there does not touch it
    assert inside_web_block(blocks, Span(15, 15)) and not touches_web_block(blocks, [Span(15, 15)])


def test_the_sentence_around_a_name_is_found_from_the_nearest_marks() -> None:
    from fzlint.kinds.stale import _Sentences

    text = "第一句。第二句有《行政诉讼法》；第三句\n第四句" * 3
    sentences = _Sentences(text, Document.from_bytes(text.encode(), "r.txt").line_starts)
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 4)):
            left = max(text.rfind(c, 0, start) for c in "。！？!?；;\n") + 1
            rights = [i for c in "。！？!?；;\n" if (i := text.find(c, end)) != -1]
            assert sentences.around(start, end) == (left, min(rights, default=len(text)))


def test_what_a_line_says_before_a_name_is_what_its_text_before_it_holds() -> None:
    from fzlint.kinds.stale import _Sentences

    text = "过去五年，我们推进；五年来成效明显\n今年继续推进五年来\n\n年均下降五年"
    sentences = _Sentences(text, Document.from_bytes(text.encode(), "r.txt").line_starts)
    for words in [("过去五年", "五年来"), ("年均下降",), ("五年",), ("没有的词",)]:
        for offset in range(len(text) + 1):
            line = text.rfind("\n", 0, offset) + 1
            expected = any(word in text[line:offset] for word in words)
            assert sentences.said_before(words, offset) is expected, (words, offset)


def test_stale_names_in_a_report_written_as_one_line_cost_linear_time() -> None:
    """A PDF's text dumped without line breaks: one line of thousands of names. Each name's
    sentence, line and look-back words are found without reading the line back to its start."""
    from fzlint.engine.packs import load_rules, select
    from fzlint.engine.rule import LintContext
    from fzlint.engine.runner import lint_document
    from fzlint.kinds import stale

    sentence = "根据《中华人民共和国合同法》的规定，我镇开展七五普法工作，加强新冠肺炎疫情防控。"
    rules = select(load_rules(), ["stale-name"])
    calls = {"find": 0}
    real = stale._Sentences.said_before

    def counted(self, words, offset):  # type: ignore[no-untyped-def]
        calls["find"] += 1
        return real(self, words, offset)

    for repeats in (200, 2000):
        doc = Document.from_bytes(("2023年工作总结 " + sentence * repeats).encode(), "r.txt")
        memo = stale._Sentences(doc.text, doc.line_starts)
        doc.memo[stale._SENTENCES] = memo
        calls["find"] = 0
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(stale._Sentences, "said_before", counted)
            found = list(lint_document(doc, rules, LintContext(report_year=2023)))
        # every 七五普法 and 新冠肺炎 is judged and reported; the line is searched for the
        # look-back words once, and its sentence ends once, whatever the number of names
        assert len(found) >= 2 * repeats and calls["find"] >= 2 * repeats
        assert len(memo._earliest) == 1 and len(memo._ends) == 1


# B. --fix costs a number of overlap checks linear in the number of fixes


def test_overlap_checks_grow_linearly_with_the_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    from fzlint import fixer
    from fzlint.engine.packs import load_rules
    from fzlint.engine.runner import lint_document

    rules = load_rules()
    calls = 0
    conflict = fixer._conflict

    def counted(a: Edit, b: Edit) -> bool:
        nonlocal calls
        calls += 1
        return conflict(a, b)

    monkeypatch.setattr(fixer, "_conflict", counted)
    unit = "依法行政工作,推进法治建设"
    for repeats in (500, 2000):
        calls = 0
        text = unit * repeats + "。\n"
        diagnostics = lint_document(Document(text), rules)
        fixed, chosen = fixer.apply_once(text, diagnostics)
        assert fixed == text.replace(",", "，")
        assert len(chosen) == repeats
        assert calls <= 4 * repeats


def test_fixes_that_overlap_or_touch_wait_for_the_next_round() -> None:
    from fzlint.diagnostics import Applicability, Diagnostic, Fix, Severity
    from fzlint.engine.rule import Rule
    from fzlint.fixer import apply_once

    def finding(rule_id: str, *edits: tuple[int, int, str]) -> Diagnostic:
        rule = Rule(rule_id, rule_id, "punctuation", Severity.WARNING, "test", "", "", "", "", 0)
        fix = Fix(tuple(Edit(Span(s, e), c) for s, e, c in edits), Applicability.SAFE)
        start, end = min(s for s, _, _ in edits), max(e for _, e, _ in edits)
        return Diagnostic(rule, Span(start, end), "", Severity.WARNING, fix=fix)

    text = "abcdefghij"
    diagnostics = [
        finding("X1", (0, 2, "AB")),
        finding("X2", (1, 3, "??")),  # overlaps X1
        finding("X3", (2, 2, "+")),  # an insertion at X1's end
        finding("X4", (4, 5, "E"), (8, 9, "I")),  # a pair, far apart
        finding("X5", (6, 6, "<"), (9, 9, ">")),  # touches X4's second edit at 9
        finding("X6", (6, 7, "G")),
    ]
    fixed, chosen = apply_once(text, diagnostics)
    assert [d.rule.id for d in chosen] == ["X1", "X4", "X6"]
    assert fixed == "ABcdEfGhIj"


# D. Risks: read-only reports, encodings


def test_a_read_only_report_is_left_alone_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0o444)
    try:
        run = _fzlint("--fix", "r.txt", cwd=tmp_path)
        assert path.read_text(encoding="utf-8") == REPORT
        assert run.returncode == 2 and "只读" in run.stderr
    finally:
        path.chmod(0o644)


def test_utf16_without_a_bom_is_named_as_such(tmp_path: Path) -> None:
    from fzlint.document.source import decode
    from fzlint.errors import InputError

    for encoding in ("utf-16-le", "utf-16-be"):
        with pytest.raises(InputError, match="UTF-16") as raised:
            decode(REPORT.encode(encoding), "r.txt")
        assert "不是文本文件" not in raised.value.message
    # binary data with NUL bytes is still binary
    with pytest.raises(InputError, match="不是文本文件"):
        decode(bytes(range(256)) * 4, "r.bin")


def test_a_file_mixing_utf8_and_gbk_is_refused_at_the_first_bad_byte() -> None:
    from fzlint.document.source import decode
    from fzlint.errors import InputError

    head = "一、主要工作\n各级行政机关严格依法履行职责。\n".encode()
    tail = "二、存在的问题\n执法监督仍有薄弱环节。\n".encode("gbk")
    with pytest.raises(InputError, match=f"第{len(head)}字节"):
        decode(head + tail, "r.txt")
    # the other way round too: GBK first, a UTF-8 paragraph pasted after it
    with pytest.raises(InputError, match="UTF-8"):
        decode(tail + head, "r.txt")
    # a report in GBK only, or UTF-8 only, reads as before
    assert decode(tail * 20, "r.txt").encoding == "gb18030"
    assert decode(head, "r.txt").encoding == "utf-8"


def test_fix_in_a_folder_does_not_write_through_a_link_leaving_it(tmp_path: Path) -> None:
    folder, outside = tmp_path / "reports", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    (outside / "o.txt").write_text(REPORT, encoding="utf-8")
    (folder / "r.txt").write_text(REPORT, encoding="utf-8")
    (folder / "inside.txt").write_text(REPORT, encoding="utf-8")
    os.symlink(outside / "o.txt", folder / "link.txt")
    os.symlink(folder / "inside.txt", folder / "link2.txt")
    run = _fzlint("--fix", "reports", cwd=tmp_path)
    assert (outside / "o.txt").read_text(encoding="utf-8") == REPORT
    assert (folder / "r.txt").read_text(encoding="utf-8") != REPORT
    assert (folder / "inside.txt").read_text(encoding="utf-8") != REPORT  # a link inside: fixed
    assert (folder / "link.txt").is_symlink()
    errors = [line for line in run.stderr.splitlines() if "link.txt" in line]
    assert len(errors) == 1 and "目录之外" in errors[0]
    # named, the link is followed: the user chose that file
    _fzlint("--fix", "reports/link.txt", cwd=tmp_path)
    assert (outside / "o.txt").read_text(encoding="utf-8") != REPORT


def test_temporaries_say_what_they_are_and_stale_ones_are_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fzlint import fixer

    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".r.txt.fzlint-fix-{dead.pid}-k2j4.tmp"
    running = tmp_path / f".r.txt.fzlint-fix-{os.getpid()}-x9q1.tmp"  # a run still writing
    old = tmp_path / ".r.txt.ab3d_9z1.fzlint"  # the earlier naming, left two hours ago
    mine = tmp_path / ".notes.txt.fzlint-fix-1-aaaa.txt"  # not ours: another suffix
    for each in (stale, running, old, mine):
        each.write_bytes(b"x")
    os.utime(old, (0, 0))
    seen: list[str] = []
    replace = os.replace

    def watched(source: str, target: str) -> None:
        seen.append(os.path.basename(source))
        replace(source, target)

    monkeypatch.setattr(fixer.os, "replace", watched)
    report = fixer.fix_files([str(path)], lambda doc: _lint(doc))
    assert report.changed == [str(path)]
    assert len(seen) == 1 and seen[0].startswith(".r.txt.fzlint-fix-") and seen[0].endswith(".tmp")
    assert not stale.exists() and not old.exists()
    assert running.exists() and mine.exists()


def _lint(doc: Document) -> list:
    from fzlint.engine.packs import load_rules
    from fzlint.engine.runner import lint_document

    return lint_document(doc, load_rules())


def test_each_section_ends_where_the_next_one_at_its_depth_or_above_starts() -> None:
    from fzlint.document.structure import Structure

    parts = []
    for one in "一二三四":
        parts.append(f"{one}、工作情况\n正文。\n")
        for two in "一二三":
            parts.append(f"（{two}）具体措施\n正文。\n")
            parts.extend(f"{three}.事项\n正文。\n" for three in (1, 2))
    doc = Document("关于2023年法治政府建设情况的报告\n" + "".join(parts) + "落款\n")
    ordered = [s for root in Structure(doc).sections for s in root.walk()]
    assert len(ordered) == 4 * (1 + 3 * 3)
    for i, section in enumerate(ordered):
        later = [o.start for o in ordered[i + 1 :] if o.depth <= section.depth]
        if later:
            assert section.span.end == later[0]
        else:
            assert section.span.end >= section.heading.line.span.end
