"""Rendering: CJK caret alignment, cropping long lines, and the machine formats."""

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from fzlint.diagnostics import Diagnostic, Findings, Span
from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import FileResult, lint_document
from fzlint.output import FORMATS, OutputOptions, formatter, in_utf8, renderer
from fzlint.output.full import crop

# fragments of reports: FZ002 (a file too short to be a report) is tested in its pack
RULES = [item for item in load_rules() if item.rule.id != "FZ002"]


def render(fmt: str, text: str, path: str = "r.txt", width: int = 80) -> str:
    doc = Document(text, path)
    result = FileResult(path, doc, tuple(lint_document(doc, RULES)))
    stream = io.StringIO()
    if fmt == "full":
        from fzlint.output import full

        console = full.make_console(stream, "never")
        console.width = width
        for d in result.diagnostics:
            full.render_diagnostic(console, doc, path, d)
        console.print(full.summary([result]))
    else:
        formatter(fmt)([result], stream, OutputOptions(color="never"))
    return stream.getvalue()


def caret_column(frame_line: str, caret_line: str) -> str:
    """The characters of the frame line that stand above the carets."""
    start = caret_line.index("^")
    end = caret_line.rindex("^") + 1
    cells, chosen = 0, []
    for ch in frame_line:
        if start <= cells < end:
            chosen.append(ch)
        cells += cell_len(ch)
    return "".join(chosen)


def test_carets_sit_under_the_span_in_cjk_text() -> None:
    out = render("full", "列入了年终述职内容,自觉接受监督\n").splitlines()
    assert out[0] == "r.txt:1:10: 警告[FZ101] 中文语句中使用了半角逗号「,」，应为全角「，」"
    assert caret_column(out[2], out[3]) == ","
    assert out[4].strip() == "= 修复：改为「，」"
    assert out[-1] == "检查了1个文件，发现1个警告。其中1处可用 --fix 自动修复。"


def test_long_lines_are_cropped_around_the_span() -> None:
    text = "甲" * 300 + "[bookmark: _GoBack]" + "乙" * 300
    out = render("full", text, width=60).splitlines()
    frame, carets = out[2], out[3]
    assert cell_len(frame) <= 60
    assert frame.startswith("1 │ …") and frame.endswith("…")
    assert caret_column(frame, carets) == "[bookmark: _GoBack]"


def test_crop_keeps_a_short_line_whole() -> None:
    frame = crop("一、 正文", 2, 3, 40)
    assert (frame.text, frame.caret_start, frame.caret_width) == ("一、 正文", 4, 1)


def test_crop_at_line_end_and_zero_width_span() -> None:
    line = "文" * 100
    frame = crop(line, 100, 100, 30)
    assert frame.text.startswith("…") and not frame.text.endswith("…")
    assert frame.caret_width == 1 and frame.caret_start == cell_len(frame.text)
    assert cell_len(frame.text) <= 30


@settings(max_examples=300)
@given(
    st.text(alphabet="ab法治，\t\u200b😀 …", max_size=80),
    st.integers(0, 80),
    st.integers(0, 80),
    st.integers(6, 40),
)
def test_crop_shows_a_slice_of_the_line_at_the_span_within_the_width(
    line: str, start: int, length: int, width: int
) -> None:
    start = min(start, len(line))
    frame = crop(line, start, min(start + length, len(line)), width)
    assert cell_len(frame.text) <= width
    shown = line.translate(str.maketrans("\t", " "))
    # the frame is line[lo:hi] with an ellipsis where it was cut, and lo <= start <= hi
    cut_left = frame.text.startswith("…") and not (start == 0 and shown.startswith("…"))
    rest = frame.text[1 if cut_left else 0 :]
    # a trailing … is the ellipsis of a cut, or the line's own last character when the line
    # ends with one (`aaaaaa…` cropped to `aaaaa…`): either reading may hold
    readings = [(rest, False)] + ([(rest[:-1], True)] if rest.endswith("…") else [])
    placements = [
        lo
        for core, cut_right in readings
        for lo in range(len(shown) + 1)
        if shown.startswith(core, lo)
        and lo <= start <= lo + len(core)
        and (lo > 0) == cut_left
        and (lo + len(core) < len(shown)) == cut_right
    ]
    assert placements


def _painted(report: Path, console_options: dict[str, object], record: bool) -> str:
    from rich.console import Console

    from fzlint.output import full

    stream = io.StringIO()
    console = Console(file=stream, width=70, record=record, highlight=False, soft_wrap=True,
                      **console_options)  # type: ignore[arg-type]  # fmt: skip
    screen = full.Screen(console)
    doc = Document.from_path(str(report))
    for d in lint_document(doc, RULES):
        screen.show(full.diagnostic_pieces(doc, "报告.txt", d, screen.width))
    return stream.getvalue()


@pytest.mark.parametrize(
    "console_options",
    [
        {"force_terminal": True, "color_system": "standard"},
        {"force_terminal": True, "color_system": "truecolor"},
        {"force_terminal": True, "no_color": True},
        {"color_system": None},
    ],
)
def test_full_paints_findings_as_rich_lays_them_out(
    corpus: Path, console_options: dict[str, object]
) -> None:
    # a recording console lays the findings out through rich: the direct painting must match it
    report = sorted(corpus.glob("*.txt"))[0]
    direct = _painted(report, console_options, record=False)
    assert direct == _painted(report, console_options, record=True)
    assert direct.count("│ ") > 20  # findings, with their frames
    if console_options.get("color_system") in ("standard", "truecolor"):
        assert "\x1b[1;31m错误\x1b[0m" in direct or "\x1b[1;33m警告\x1b[0m" in direct
    else:
        assert "\x1b[3" not in direct


def test_concise_format() -> None:
    out = render("concise", "标题\n5、[bookmark: _GoBack]其他\n")
    assert out == "r.txt:2:3: warning[FZ501] 残留 Word 书签标记「[bookmark: _GoBack]」，应删除\n"


def test_json_contract() -> None:
    [item] = json.loads(render("json", "标题\n内容,监督\n"))
    assert item == {
        "path": "r.txt",
        "line": 2,
        "column": 3,
        "end_line": 2,
        "end_column": 4,
        "rule": "FZ101",
        "name": "half-width-comma",
        "category": "punctuation",
        "severity": "warning",
        "message": "中文语句中使用了半角逗号「,」，应为全角「，」",
        "fix": {
            "title": "改为「，」",
            "applicability": "safe",
            "edits": [{"content": "，", "line": 2, "column": 3, "end_line": 2, "end_column": 4}],
        },
        "related": [],
    }


def test_json_with_no_findings_is_an_empty_array() -> None:
    assert json.loads(render("json", "正文。\n")) == []


def _placed(doc: Document, span, **first) -> dict:
    # worked out here from the document, not through `output.view` as the formats do
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(span.end)
    return {
        **first,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }


def test_json_places_every_span_at_its_line_and_column(corpus) -> None:
    """The JSON writer reads packed findings itself: every finding, edit and related place must
    land at the 1-based line and column of its span (the end column just past
    it). On the corpus, and on a text whose spans end a line, start one and end the document."""
    docs = [Document.from_path(str(path)) for path in sorted(corpus.glob("*.txt"))]
    docs.append(Document("标题\n\n内容,监督 \n一、总结\n一、总结\n我们的工作,好", "edge.txt"))
    for doc in docs:
        diagnostics = tuple(lint_document(doc, RULES))
        stream = io.StringIO()
        formatter("json")([FileResult(doc.path, doc, diagnostics)], stream, OutputOptions())
        items = json.loads(stream.getvalue())
        assert len(items) == len(diagnostics) > 0
        for item, d in zip(items, diagnostics, strict=True):
            assert item == {
                **_placed(doc, d.span, path=doc.path),
                "rule": d.rule.id,
                "name": d.rule.name,
                "category": d.rule.category,
                "severity": d.severity.label,
                "message": d.message,
                "fix": None
                if d.fix is None
                else {
                    "title": d.fix.title,
                    "applicability": d.fix.applicability.value,
                    "edits": [_placed(doc, e.span, content=e.content) for e in d.fix.edits],
                },
                "related": [_placed(doc, r.span, message=r.message) for r in d.related],
            }


def test_json_lines_are_split_at_the_joints_between_findings_only() -> None:
    """`render` has orjson write a file's findings as one array and splits it where one object
    ends and the next begins: text that looks like such a joint, in a message, an edit or a
    related place, stays in its finding's line."""
    from fzlint.output.json import render_bytes

    doc = Document("标题\n内容,监督\n", "r.txt")
    rule = RULES[0].rule
    joint = '"},{"line":1,"column":'
    packed = [
        (rule.id, 3, 5, joint, 2, ([(3, 4, joint)], "safe", joint), [(0, 2, joint)]),
        (rule.id, 5, 6, "}\n{" + joint, 3, None, []),
    ]
    lines = render_bytes(doc, packed, {rule.id: rule}).split(b"\n")
    assert len(lines) == 2
    first, second = (json.loads(b"{" + line) for line in lines)
    assert first["message"] == first["fix"]["title"] == joint
    assert first["fix"]["edits"][0]["content"] == first["related"][0]["message"] == joint
    assert (first["line"], first["column"], second["line"], second["column"]) == (2, 1, 2, 3)
    assert second["message"] == "}\n{" + joint


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_rendered_findings_are_written_as_the_format_writes_them(fmt: str) -> None:
    """What a worker or the cache rendered, put behind each file's path, is what the writer writes
    itself: for paths that need escaping too, and one line per finding."""
    text = "标题\n内容,监督\n5、[bookmark: _GoBack]其他\n"
    results, rendered = [], []
    for path in ("r.txt", 'dir/引号"与\\反斜杠.txt', "空格 的/报告.txt"):
        doc = Document(text, path)
        diagnostics = tuple(lint_document(doc, RULES))
        findings = Findings.of(diagnostics)
        render = renderer(fmt)
        assert render is not None
        findings.rendered[fmt] = render(doc, findings.packed, findings.rules)
        results.append(FileResult(path, doc, diagnostics))
        rendered.append(FileResult(path, doc, findings))
    direct, from_rendered = io.StringIO(), io.StringIO()
    formatter(fmt)(results, direct, OutputOptions())
    formatter(fmt)(rendered, from_rendered, OutputOptions())
    assert from_rendered.getvalue() == direct.getvalue()
    # as the results cache hands them over (UTF-8 bytes), to standard output or a file (whose
    # bytes json writes directly) and to any other stream
    for result in rendered:
        kept = Findings.of(result.diagnostics).rendered
        kept[fmt] = str(kept[fmt]).encode()
    for raw, ending in ((io.BytesIO(), None), (io.BytesIO(), "\n")):
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline=ending)
        formatter(fmt)(rendered, stream, OutputOptions())
        stream.flush()
        assert raw.getvalue().decode().replace(os.linesep, "\n") == direct.getvalue()
    from_bytes = io.StringIO()
    formatter(fmt)(rendered, from_bytes, OutputOptions())
    assert from_bytes.getvalue() == direct.getvalue()
    lines = direct.getvalue().splitlines()
    if fmt == "json":
        assert lines[0] == "[" and lines[-1] == "]"
        paths = [json.loads(line.rstrip(","))["path"] for line in lines[1:-1]]
    else:
        paths = [line[: line.index(".txt:") + 4] for line in lines]
    assert paths == [r.path for r in results for _ in range(2)]


def test_concise_keeps_a_message_on_its_line() -> None:
    doc = Document("标题\n内容\n", "r.txt")
    rule = RULES[0].rule
    broken = Diagnostic(rule, Span(3, 5), "第一行\n第二行", rule.severity)
    stream = io.StringIO()
    formatter("concise")([FileResult("r.txt", doc, (broken,))], stream, OutputOptions())
    assert stream.getvalue() == f"r.txt:2:1: {rule.severity.label}[{rule.id}] 第一行 第二行\n"


def test_a_format_is_its_module_and_its_name_in_the_registry() -> None:
    """Each registered format's module writes, and says itself whether its definition fixes
    UTF-8 (the CLI writes those in UTF-8 whatever the terminal's encoding)."""
    assert all(callable(formatter(name)) for name in FORMATS)
    utf8 = {name for name in FORMATS if in_utf8(name)}
    assert utf8 == {"json", "sarif", "gitlab", "junit", "github", "html"}
