"""`--format html`: the page's structure (read with the standard library's HTML parser), its
escaping of everything taken from reports, that it needs no network, and (where Debian's
`chromium` is installed) how it loads, filters and searches in a headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import CORPUS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Page(HTMLParser):
    """What the tests check of a page: elements by tag, ids, links, text and style sheets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "script" and attributes.get("type") == "text/x-fzlint":
            self._in = "findings"  # a report's findings, made elements by the page's script
        else:
            self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "findings":
            inner = Page(data)
            self.tags += inner.tags
            self.ids += inner.ids
            self.text += inner.text
        elif self._in is None:
            self.text.append(data)

    def scripts(self) -> list[dict[str, str | None]]:
        """The scripts a browser runs (not the findings kept as text)."""
        return [a for a in self.all("script") if a.get("type") != "text/x-fzlint"]

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        """The attributes of each `tag` element whose attributes include `wanted` (a class
        among the element's classes)."""
        found = []
        for name, attributes in self.tags:
            if name != tag:
                continue
            if "klass" in wanted and wanted["klass"] not in (attributes.get("class") or "").split():
                continue
            if all(attributes.get(k) == v for k, v in wanted.items() if k != "klass"):
                found.append(attributes)
        return found

    def findings(self) -> list[dict[str, str | None]]:
        return [a for name, a in self.tags if name == "li" and "data-c" in a]


def render(cli, tmp_path: Path, *paths: str) -> tuple[str, Page]:
    out = tmp_path / "审查报告.html"
    run = cli(*paths, "--format", "html", "--output-file", str(out), "--no-cache")
    assert run.code in (1, 2), run.err
    text = out.read_text(encoding="utf-8")
    return text, Page(text)


def assert_offline(text: str, page: Page) -> None:
    """No request of any kind: every link is to a place in the page, nothing is loaded."""
    for _tag, attributes in page.tags:
        for name in ("src", "srcset", "data", "action", "poster"):
            assert name not in attributes
        href = attributes.get("href")
        if href is not None:
            assert href.startswith("#"), href
    for style in page.styles:
        assert "url(" not in style and "@import" not in style
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert len(page.scripts()) == 1  # the page's own, inline
    # a URL of the page's own is only the SVG namespace, which names and loads nothing
    urls = {v for _, a in page.tags for k, v in a.items() if v and "://" in v and k != "xmlns"}
    assert not urls


def test_corpus_page(cli, tmp_path: Path) -> None:
    concise = cli(str(CORPUS), "--format", "concise", "--no-cache").out.splitlines()
    text, page = render(cli, tmp_path, str(CORPUS))
    assert_offline(text, page)
    reports = page.all("section", klass="rep")
    assert len(reports) == 5
    assert [r["id"] for r in reports] == [f"r{n}" for n in range(1, 6)]
    assert len(page.ids) == len(set(page.ids))
    # every link lands on an element of the page, and each report links back to its overview row
    targets = {a["href"][1:] for a in page.all("a") if a["href"] and "=" not in a["href"]}
    assert targets <= set(page.ids)
    assert {f"f{n}" for n in range(1, 6)} <= targets
    # every finding, with its rule explained once
    findings = page.findings()
    assert len(findings) == len(concise)
    rules = {line.split("[", 1)[1].split("]", 1)[0] for line in concise}
    assert len(page.all("section", klass="rule")) == len(rules)
    assert {r["id"] for r in page.all("section", klass="rule")} == rules
    # findings in document order within each report, and positions as concise prints them
    positions = re.findall(r"<li class=\w data-c=[^>]*><i>(\d+):(\d+)</i>", text)
    expected = [tuple(line.split(":")[1:3]) for line in concise]
    assert positions == expected
    body = "".join(page.text)
    assert "文件一览" in body and "规则说明" in body and "法治政府建设年度报告" in body
    assert "各类别问题数" in body and "问题最多的文件" in body
    assert len(page.all("svg")) == 2


def test_unreadable_empty_and_hostile_reports(cli, tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "损坏.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "空白.txt").write_bytes(b"")
    (folder / "<b>单位<i>.txt").write_text(
        '某县司法局<script>alert("x")</script>2023年法治政府建设工作报告\n\n一、主要举措\n'
        "写了<img src=x onerror=1>于 2023 年开展。\n</script>于 2023 年\n"
        "\u202e反转字符\x1b[31m\n",
        encoding="utf-8",
    )
    text, page = render(cli, tmp_path, str(folder))
    assert_offline(text, page)
    reports = page.all("section", klass="rep")
    assert len(reports) == 3
    statuses = {r["data-p"].rsplit("/", 1)[1]: r["class"] for r in reports}
    assert statuses["损坏.txt"] == "rep bad"
    assert statuses["空白.txt"] == "rep err"  # an empty file is an error finding (FZ002)
    body = "".join(page.text)
    assert "无法读取" in body and "文件为空" in body
    # the report's markup is shown as text, never made elements
    assert '<script>alert("x")</script>' in body
    assert "<b>单位<i>.txt" in body
    assert (
        "onerror=1>于" in body and "</script>于" in body
    )  # a finding's line, cut to the span's context
    assert not page.all("b") or all(a.get("class") != "单位" for a in page.all("b"))
    assert len(page.scripts()) == 1
    assert "onerror" not in {k for _, a in page.tags for k in a}
    # a terminal's control characters and a bidirectional override are shown, not obeyed
    assert "\u202e" not in text and "\x1b" not in text
    cards = re.search(r'<div class="bad"><b>(\d+)</b>无法读取', text)
    assert cards is not None and cards[1] == "1"


def test_clean_report(cli, tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "摘录.txt").write_text("一、主要举措\n我县2023年开展了普法活动。\n", encoding="utf-8")
    text, page = render_ok(cli, tmp_path, str(folder))
    assert_offline(text, page)
    assert [r["class"] for r in page.all("section", klass="rep")] == ["rep ok"]
    assert not page.findings() and not page.all("section", klass="rule")
    assert "未发现问题" in "".join(page.text)


def render_ok(cli, tmp_path: Path, *paths: str) -> tuple[str, Page]:
    out = tmp_path / "page.html"
    run = cli(*paths, "--format", "html", "--output-file", str(out), "--no-cache")
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    return text, Page(text)


def chromium(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=5000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def dom(url: str) -> tuple[str, str]:
    """The page's DOM after its script ran, and the browser's log."""
    run = chromium("--dump-dom", url)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout, run.stderr


def assert_no_console_errors(log: str) -> None:
    assert "Uncaught" not in log, log
    assert ":CONSOLE" not in log, log  # the page logs nothing: any console line is an error


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install chromium fonts-noto-cjk): "
    "the page is not loaded in a browser",
)
def test_page_in_headless_chromium(cli, tmp_path: Path) -> None:
    render(cli, tmp_path, str(CORPUS))
    url = (tmp_path / "审查报告.html").as_uri()
    for name, fragment in (("overview", ""), ("report", "#only=r5")):
        shot = tmp_path / f"{name}.png"
        run = chromium(f"--screenshot={shot}", "--window-size=1200,1500", url + fragment)
        assert run.returncode == 0, run.stderr[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 30_000  # drawn, not blank
        assert_no_console_errors(run.stderr)
    # no filter: every report shown, the findings kept as text until a list is opened
    text, log = dom(url)
    assert_no_console_errors(log)
    assert text.count('<script type="text/x-fzlint"') == 5
    opened, _ = dom(url + "#r4")
    assert opened.count('<script type="text/x-fzlint"') == 4
    assert len(Page(opened).findings()) == len(Page(text).findings())
    page = Page(text)
    assert all("hidden" not in r for r in page.all("section", klass="rep"))
    assert "显示5/5个文件" in "".join(page.text)
    # severity: only errors, and only the reports that have one
    text, log = dom(url + "#sev=error")
    assert_no_console_errors(log)
    page = Page(text)
    shown = [f for f in page.findings() if "hidden" not in f]
    assert shown and all(f["class"] == "e" for f in shown)
    assert len(shown) == sum(1 for f in page.findings() if f["class"] == "e")
    # category and rule, together
    text, _ = dom(url + "#cat=punctuation&rule=FZ101")
    page = Page(text)
    shown = [f for f in page.findings() if "hidden" not in f]
    assert shown and all(f["data-c"] == "punctuation" for f in shown)
    assert re.search(r"显示\d/5个文件，\d+处问题", "".join(page.text))
    # search by file name: one report and its row of the overview left
    text, _ = dom(url + "#q=003_62ce")
    page = Page(text)
    visible = [r for r in page.all("section", klass="rep") if "hidden" not in r]
    assert [r["id"] for r in visible] == ["r4"]
    rows = [a for a in page.all("tr") if a.get("id") and "hidden" not in a]
    assert [r["id"] for r in rows] == ["f4"]
