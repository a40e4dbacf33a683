"""`html`: one self-contained page for a reviewer of a whole submission folder.

`fzlint submissions/ --format html --output-file 审查报告.html` writes a single file that opens from
disk with no network at all (inline CSS, a little inline JavaScript, charts drawn here as inline
SVG): an overview (files, findings by category and severity, the worst files, the settings in
force), then each report with its type, title, year, 成文日期, status, findings in document order
(the line's text with the span marked, the fix as before → after) and its outline; each rule id
links to the rule's explanation, written once at the end. Filters (severity, category, rule) and a
search by file name run in the page; a URL fragment such as `#sev=error&q=县` sets them on load.

Everything taken from a report (text, paths, messages) is escaped, control characters shown as
`fzlint.output.visible` shows them. A report's findings are kept as inert text in the page and
made elements when its list is opened, a filter is set or the page is printed (then all of them,
each report on its own page), so that a page of a thousand reports opens in a few seconds.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from fzlint import __version__
from fzlint.diagnostics import Findings, Packed, Severity
from fzlint.document.source import Document
from fzlint.document.structure import Section
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.i18n import category, severity
from fzlint.output import OutputOptions, rendered_lines, visible
from fzlint.output.view import Finding, FixView, views

# The page declares UTF-8 in its <meta charset>.
UTF8 = True

_PLAIN = re.compile(r"[\w-]+")
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)
WORST_FILES = 10
# characters of the line shown either side of a finding's span, and of a fix's edits
CONTEXT = 12
FIX_CONTEXT = 4
# characters of a span, or of a fix's text, shown (a deleted paragraph is not shown whole)
SPAN_MAX = 60


def esc(text: str) -> str:
    """Report text as HTML text or an attribute value: control characters shown, all escaped."""
    return html.escape(visible(text), quote=True)


def _shown(text: str) -> str:
    """A fix's text, its line breaks shown as ↵ (a fix that joins lines says so)."""
    return esc(text.replace("\n", "↵"))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _tail(text: str, width: int) -> str:
    """The end of a label (a path's file name), cut at the front."""
    return text if len(text) <= width else "…" + text[-width + 1 :]


def _status(result: FileResult) -> tuple[str, str]:
    """A file's status: a class name and its Chinese badge."""
    if result.document is None:
        return "bad", "无法读取"
    levels = set(Findings.of(result.diagnostics).severities)
    if not levels:
        return "ok", "通过"
    if Severity.ERROR in levels:
        return "err", "有错误"
    return "warn", "有警告" if Severity.WARNING in levels else "有提示"


def _context(doc: Document, finding: Finding, fixed: str | None) -> str:
    """The finding's line around its span, the span marked, or, for a fix that replaces just the
    span, struck out with the fix's text beside it (the fix's before and after in place)."""
    text, starts = doc.text, doc.line_starts
    place = finding.place
    line_start = starts[place.line - 1]
    line_end = text.find("\n", place.start)
    if line_end == -1:
        line_end = len(text)
    end = min(place.end, line_end)
    left = max(line_start, place.start - CONTEXT)
    right = min(line_end, end + CONTEXT)
    span = _cut(text[place.start : end], SPAN_MAX)
    if fixed is None:
        marked = f"<mark>{esc(span) if span else '&#8203;'}</mark>"
    else:
        marked = (f"<del>{_shown(span)}</del>" if span else "") + (
            f"<ins>{_shown(_cut(fixed, SPAN_MAX))}</ins>" if fixed else ""
        )
    return (
        ("…" if left > line_start else "")
        + esc(text[left : place.start])
        + marked
        + esc(text[end:right])
        + ("…" if right < line_end else "")
    )


def _fix(doc: Document, fix: FixView) -> str:
    """A fix of several edits, or of another place than the span, as one before/after: the
    removed text struck out, the inserted text beside it, a few characters around them."""
    text = doc.text
    edits = sorted(fix.edits, key=lambda e: e.place.start)
    left = max(0, edits[0].place.start - FIX_CONTEXT)  # line breaks in it shown as ↵
    right = min(len(text), edits[-1].place.end + FIX_CONTEXT)
    parts, at = [], left
    for edit in edits:
        between = text[at : edit.place.start]
        if len(between) > 4 * FIX_CONTEXT:  # the text between two edits far apart: its ends
            between = between[: 2 * FIX_CONTEXT] + "…" + between[-2 * FIX_CONTEXT :]
        parts.append(_shown(between))
        removed, added = text[edit.place.start : edit.place.end], edit.content
        parts.append(
            (f"<del>{_shown(_cut(removed, SPAN_MAX))}</del>" if removed else "")
            + (f"<ins>{_shown(_cut(added, SPAN_MAX))}</ins>" if added else "")
        )
        at = edit.place.end
    parts.append(_shown(text[at:right]))
    return f'<div class="x {_FIXES.get(fix.applicability, "d")}">{"".join(parts)}</div>'


# a fix's class, which the style sheet labels: safe, unsafe (to confirm), display-only
_FIXES = {"safe": "s", "unsafe": "u", "display-only": "d"}


def _finding(doc: Document, finding: Finding) -> str:
    """One finding, on one line. Short markup, since a folder's page holds tens of thousands:
    the severity's and category's Chinese names are put in by the style sheet from the classes,
    and a fix of the span alone is shown in the line's text."""
    rule = finding.rule
    fix, fixed, shown = finding.fix, None, ""
    if fix is not None and fix.edits:
        edit = fix.edits[0]
        if (
            len(fix.edits) == 1
            and (edit.place.start, edit.place.end)
            == (
                finding.place.start,
                finding.place.end,
            )
            and finding.place.line == finding.place.end_line
        ):
            fixed = edit.content
            shown = f" {_FIXES.get(fix.applicability, 'd')}"
        else:
            shown = _fix(doc, fix)
    related = "".join(
        f"<p>第{n.place.line}行第{n.place.column}列：{esc(n.message)}</p>" for n in finding.related
    )
    klass = _quoted(rule.category)
    return (
        f"<li class={finding.severity.label[0]} data-c={klass}>"
        f"<i>{finding.place.line}:{finding.place.column}</i>"
        f"<a href=#{_quoted(rule.id)}>{esc(rule.id)}</a>"
        f"<b>{esc(finding.message)}</b>"
        + (
            f'<q class="y{shown}">{_context(doc, finding, fixed)}</q>'
            if fixed is not None
            else f"<q>{_context(doc, finding, None)}</q>{shown}"
        )
        + f"{related}</li>"
    )


def _quoted(value: str) -> str:
    """An attribute value: bare when it can be (ids and category ids are), else quoted."""
    return value if _PLAIN.fullmatch(value) else f'"{esc(value)}"'


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """A file's findings as list items, one per line (see `fzlint.output`): workers and the
    results cache keep them, so a warm run writes the page without rendering them again."""
    return "\n".join(_finding(doc, finding) for finding in views(doc, packed, rules))


def _labels(categories: Iterable[str]) -> str:
    """The style rules that name each finding's severity and category (see `_finding`)."""
    rules = [f'.list>.{s.label[0]}>i::after{{content:" {severity(s)}"}}' for s in LEVELS]
    # a pack's own category id goes into the style sheet only if it cannot end it
    rules += [
        f'.list>li[data-c="{c}"]>a::after{{content:" {category(c)}"}}'
        for c in categories
        if _PLAIN.fullmatch(c) and _PLAIN.fullmatch(category(c))
    ]
    return "\n".join(rules)


def _section(section: Section) -> str:
    heading = section.heading
    children = "".join(_section(child) for child in section.children)
    return (
        f"<li><span class=pos>{heading.line.number}</span> {esc(heading.marker)}"
        f"{esc(_cut(heading.text, 24))}" + (f"<ul>{children}</ul>" if children else "") + "</li>"
    )


def _outline(doc: Document) -> str:
    """The outline `fzlint structure` shows: headings, enumerations, 落款, 成文日期."""
    structure = doc.structure
    parts = [f"<ul>{''.join(_section(s) for s in structure.sections)}</ul>"]
    for block in structure.appended_blocks:
        parts.append(
            f"<div>附加部分·{esc(block.kind)} {esc(_cut(block.label, 40))}</div>"
            f"<ul>{''.join(_section(s) for s in block.sections)}</ul>"
        )
    if structure.enumerations:
        items = []
        for series in structure.enumerations:
            tokens = "、".join(
                doc.text[i.token_span.start : i.token_span.end] for i in series.items
            )
            items.append(
                f"<li><span class=pos>{series.items[0].line.number}</span> {esc(tokens)}</li>"
            )
        parts.append(
            f"<div>段内列举（{len(structure.enumerations)}组）</div><ul>{''.join(items)}</ul>"
        )
    signature = structure.signature_lines
    names = "、".join(line.text.strip() for line in signature)
    parts.append(f"<div>落款：{esc(names) if signature else '缺少'}</div>")
    date_line = structure.date_line
    parts.append(f"<div>成文日期：{esc(date_line.text) if date_line else '缺少'}</div>")
    return (
        f'<details class="ol"><summary>文档结构（{len(structure.headings)}个标题）</summary>'
        f"{''.join(parts)}</details>"
    )


def _report(number: int, result: FileResult, counts: Counter[Severity]) -> str:
    """A report's section: its status, what the structure parse read, its findings, outline."""
    status, badge = _status(result)
    head = (
        f'<section class="rep {status}" id="r{number}" data-p="{esc(result.path)}">'
        f'<h2><span class="badge {status}">{badge}</span> {esc(result.path)}'
        f' <a class="up" href="#f{number}">↑ 返回总览</a>'
        f' <a class="up" href="#only=r{number}">单独查看、打印</a></h2>'
    )
    doc = result.document
    if doc is None:
        message = result.error.message if result.error else ""
        return head + f'<p class="error">无法读取：{esc(message)}</p></section>'
    structure = doc.structure
    year = structure.report_year
    date_line = structure.date_line
    meta = (
        f'<dl class="meta"><dt>文种</dt><dd>{esc(structure.doc_type.label)}</dd>'
        f"<dt>标题</dt><dd>{esc(_cut(structure.title, 80)) if structure.title else '未识别'}</dd>"
        f"<dt>报告年度</dt><dd>{year if year is not None else '未知'}</dd>"
        f"<dt>成文日期</dt><dd>{esc(date_line.text) if date_line else '缺少'}</dd></dl>"
    )
    found = sum(counts.values())
    summary = "，".join(f"{severity(s)}{counts[s]}处" for s in LEVELS if counts[s])
    body = (
        f'<details class="fs"><summary>问题{found}处（{summary}）</summary><ol class="list">'
        # the findings as inert text, made elements when the list is opened, filtered or
        # printed: a page of 50,000 findings opens without parsing them (see `render`, which
        # escapes every "<" of a report, so no "</script" can end this early)
        '</ol></details><script type="text/x-fzlint" class="d">'
        + rendered_lines(result, "html", render)
        + "</script>"
        if found
        else '<p class="clean">未发现问题。</p>'
    )
    return head + meta + body + _outline(doc) + "</section>"


def _bars(rows: Sequence[tuple[str, int, str]], title: str) -> str:
    """A horizontal bar chart as inline SVG: label, value and link of each bar."""
    if not rows:
        return ""
    top = max(value for _, value, _ in rows) or 1
    height, label_width, bar_width = 22, 230, 360
    svg = [
        f'<svg role="img" aria-label="{esc(title)}" width="{label_width + bar_width + 70}" '
        f'height="{height * len(rows) + 6}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value, link) in enumerate(rows):
        y = index * height + 3
        width = max(1, round(bar_width * value / top))
        text = f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{esc(_tail(label, 18))}</text>'
        if link:
            text = f'<a href="{link}">{text}</a>'
        svg.append(
            f'{text}<rect x="{label_width}" y="{y + 3}" width="{width}" height="{height - 6}" '
            f'class="bar"/><text x="{label_width + width + 5}" y="{y + 15}">{value}</text>'
        )
    svg.append("</svg>")
    return f"<figure><figcaption>{esc(title)}</figcaption>{''.join(svg)}</figure>"


def _rule(rule: Rule) -> str:
    from fzlint.cli import _unfolded

    examples = "".join(
        f"<li>✗ <code>{esc(e.text)}</code>"
        + (f" → <code>{esc(e.fixed)}</code>" if e.fixed is not None else "")
        + "</li>"
        for e in rule.fire[:3]
    ) + "".join(f"<li>✓ <code>{esc(e.text)}</code></li>" for e in rule.passes[:2])
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in _unfolded(rule.description).split("\n\n"))
    return (
        f'<section class="rule" id="{esc(rule.id)}"><h3>{esc(rule.id)} {esc(rule.name)}</h3>'
        f"<p class=m>类别：{esc(category(rule.category))}　级别：{severity(rule.severity)}"
        f"　可修复：{'是' if rule.fix else '否'}</p>{paragraphs}"
        + (f"<ul>{examples}</ul>" if examples else "")
        + "</section>"
    )


def _options(values: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(label)}</option>' for v, label in values)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    rules: dict[str, Rule] = {}
    by_category: dict[str, Counter[Severity]] = {}
    per_rule: Counter[str] = Counter()
    per_file: list[Counter[Severity]] = []
    for result in results:
        counts: Counter[Severity] = Counter()
        per_file.append(counts)
        if result.document is None or not result.diagnostics:
            continue
        findings = Findings.of(result.diagnostics)
        for packed in findings.packed:
            rule_id, level = packed[0], Severity(packed[4])
            rule = rules.setdefault(rule_id, findings.rules[rule_id])
            by_category.setdefault(rule.category, Counter())[level] += 1
            per_rule[rule_id] += 1
            counts[level] += 1
    statuses = Counter(_status(r)[0] for r in results)
    total = sum(per_rule.values())
    checked = len(results) - statuses["bad"]
    # overview
    cards = (
        f'<div class="cards"><div><b>{len(results)}</b>文件</div><div><b>{checked}</b>已检查</div>'
        f'<div class="ok"><b>{statuses["ok"]}</b>无问题</div>'
        f'<div class="err"><b>{statuses["err"]}</b>有错误</div>'
        f'<div class="warn"><b>{statuses["warn"]}</b>仅有警告或提示</div>'
        f'<div class="bad"><b>{statuses["bad"]}</b>无法读取</div>'
        f"<div><b>{total}</b>问题</div></div>"
    )
    ordered = sorted(by_category, key=lambda c: (-sum(by_category[c].values()), c))
    rows = "".join(
        f"<tr><td>{esc(category(c))}</td>"
        + "".join(f"<td>{by_category[c][s]}</td>" for s in LEVELS)
        + f"<td>{sum(by_category[c].values())}</td></tr>"
        for c in ordered
    )
    totals = Counter[Severity]()
    for counts in by_category.values():
        totals.update(counts)
    table = (
        "<table class=t><thead><tr><th>类别</th>"
        + "".join(f"<th>{severity(s)}</th>" for s in LEVELS)
        + f"<th>合计</th></tr></thead><tbody>{rows}</tbody><tfoot><tr><td>合计</td>"
        + "".join(f"<td>{totals[s]}</td>" for s in LEVELS)
        + f"<td>{total}</td></tr></tfoot></table>"
        if by_category
        else "<p>未发现问题。</p>"
    )
    sizes = [sum(counts.values()) for counts in per_file]
    worst = sorted(
        (i for i, n in enumerate(sizes) if n), key=lambda i: (-sizes[i], results[i].path)
    )[:WORST_FILES]
    charts = _bars(
        [(category(c), sum(by_category[c].values()), "") for c in ordered], "各类别问题数"
    ) + _bars([(results[i].path, sizes[i], f"#r{i + 1}") for i in worst], "问题最多的文件")
    settings = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in options.settings)
    ran = ", ".join(rule.id for rule in options.rules) if options.rules else "（有问题的规则）"
    files = "".join(
        f'<tr id="f{i + 1}" data-p="{esc(r.path)}"><td><a href="#r{i + 1}">{esc(r.path)}</a></td>'
        f'<td><span class="badge {_status(r)[0]}">{_status(r)[1]}</span></td>'
        f"<td>{sizes[i]}</td></tr>"
        for i, r in enumerate(results)
    )
    controls = (
        '<form class="ctl" id="ctl" onsubmit="return false">'
        '<label>级别 <select id="sev"><option value="">全部</option>'
        + _options((s.label, severity(s)) for s in LEVELS)
        + '</select></label> <label>类别 <select id="cat"><option value="">全部</option>'
        + _options((c, category(c)) for c in ordered)
        + '</select></label> <label>规则 <select id="rule"><option value="">全部</option>'
        + _options((r, f"{r} {rules[r].name}（{per_rule[r]}）") for r in sorted(rules))
        + '</select></label> <label>文件名 <input id="q" type="search" placeholder="搜索文件名"></label>'
        ' <span id="shown"></span></form>'
    )
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    stream.write(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>fzlint 审查报告</title><style>{CSS}{_labels(ordered)}</style></head><body>"
        '<header id="overview"><h1>fzlint 审查报告</h1>'
        f'<p class="m">生成于 {now} · fzlint {esc(__version__)}</p>'
        f"{cards}<div class=ov>{table}{charts}</div>"
        f'<details class="set"><summary>适用的设置</summary><dl>{settings}'
        f"<dt>检查的规则</dt><dd>{esc(ran)}</dd></dl></details>"
        f'<h2>文件一览</h2><table class="t files"><thead><tr><th>文件</th><th>状态</th>'
        f"<th>问题</th></tr></thead><tbody>{files}</tbody></table></header>"
        f"{controls}<main>"
    )
    for i, result in enumerate(results):
        stream.write(_report(i + 1, result, per_file[i]))
    stream.write('</main><section id="rules"><h2>规则说明</h2>')
    for rule_id in sorted(rules):
        stream.write(_rule(rules[rule_id]))
    stream.write(
        f"</section><script>const TOTAL={json.dumps(len(results))};{JS}</script></body></html>\n"
    )


CSS = """
body{font:14px/1.6 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0 auto;
max-width:1100px;padding:0 16px;color:#222}
h1{margin:.6em 0 0}.m{color:#666;margin:.2em 0}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.cards div{border:1px solid #ddd;
border-radius:6px;padding:6px 12px;min-width:90px}.cards b{display:block;font-size:22px}
.ov{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.t{border-collapse:collapse}.t td,.t th{border:1px solid #ddd;padding:2px 8px;text-align:right}
.t td:first-child,.t th:first-child{text-align:left}.files{width:100%}
figure{margin:0}figcaption{font-weight:bold}svg text{font-size:12px;fill:#333}.bar{fill:#4a78c2}
.badge{border-radius:4px;padding:0 6px;font-size:12px;color:#fff;white-space:nowrap}
.badge.ok{background:#2e7d32}.badge.err{background:#c62828}.badge.warn{background:#ef8f00}
.badge.bad{background:#555}.cards .err b{color:#c62828}.cards .ok b{color:#2e7d32}
.cards .warn b{color:#ef8f00}
.ctl{position:sticky;top:0;background:#f5f7fa;border:1px solid #ddd;padding:6px 10px;z-index:2}
.rep{border-top:2px solid #ccc;margin-top:16px;content-visibility:auto;
contain-intrinsic-size:auto 300px}
.rep h2{font-size:16px;margin:10px 0 4px;word-break:break-all}.up{font-size:12px;font-weight:normal}
.meta{display:grid;grid-template-columns:auto 1fr;gap:0 10px;margin:4px 0}.meta dt{color:#666}
.meta dd{margin:0}.list{padding-left:0;list-style:none}
.list>li{border-left:4px solid #999;padding:3px 8px;margin:4px 0;background:#fafafa;break-inside:avoid}
.list>.e{border-color:#c62828}.list>.w{border-color:#ef8f00}.list>.i{border-color:#4a78c2}
.list>li>i{font-style:normal;color:#666;font-family:monospace;margin-right:8px}
.list>li>i::after{font-family:sans-serif;font-weight:bold}.list>.e>i::after{color:#c62828}
.list>.w>i::after{color:#b36b00}.list>.i>i::after{color:#2f5ea8}.list>li>a{margin-right:8px}
.list>li>a::after{color:#555}.list>li>b{font-weight:normal}.pos{color:#666;font-family:monospace}
.list>li>q{display:block;quotes:none;font-size:13px;color:#333;white-space:pre-wrap;word-break:break-all}
mark{background:#ffe08a}del{background:#fdd}ins{background:#dfd;text-decoration:none}
.x{font-size:13px}.x::before,.y::before{color:#2e7d32;content:"修复："}
.x.u::before,.y.u::before{content:"修复（需确认）："}.x.d::before,.y.d::before{content:"建议："}.list>li>p{font-size:12px;color:#666;margin:0}
.ol ul{margin:2px 0;padding-left:20px}.ol{font-size:13px;margin:6px 0}
.rule{border-top:1px solid #eee}.rule h3{margin:8px 0 2px;font-size:15px}
[hidden]{display:none!important}.error{color:#c62828}
@media print{.ctl,.up{display:none}.rep{break-before:page;content-visibility:visible}
#rules{break-before:page}.list>li{break-inside:avoid}body{max-width:none}}
"""

# Filters: severity, category, rule and file name; a fragment #sev=error&cat=…&rule=…&q=… sets
# them on load (so a link can share a filtered view). Printing opens every section.
JS = """
(function(){
var $=function(id){return document.getElementById(id)};
var sev=$('sev'),cat=$('cat'),rule=$('rule'),q=$('q'),shown=$('shown');
var reps=[].slice.call(document.querySelectorAll('section.rep')),only=null;
function fill(rep){
 var d=rep.querySelector('script.d');if(!d)return;
 rep.querySelector('.list').innerHTML=d.textContent;d.remove();
}
function apply(){
 var s=sev.value,c=cat.value,r=rule.value,t=q.value.trim().toLowerCase(),any=s||c||r,n=0,m=0;
 reps.forEach(function(rep){
  if(any)fill(rep);
  var fs=rep.querySelectorAll('.list>li'),k=0;
  for(var i=0;i<fs.length;i++){var f=fs[i];
   var ok=(!s||f.classList.contains(s[0]))&&(!c||f.dataset.c===c)&&(!r||f.children[1].textContent===r);
   f.hidden=!ok;if(ok)k++;}
  var vis=(!t||rep.dataset.p.toLowerCase().indexOf(t)>=0)&&(!any||k>0)&&(!only||rep===only);
  rep.hidden=!vis;var row=$('f'+rep.id.slice(1));if(row)row.hidden=!vis;
  if(vis){n++;m+=k;}
  if(vis&&any)open(rep,false);
 });
 shown.textContent='显示'+n+'/'+TOTAL+'个文件'+(any?'，'+m+'处问题':'');
 var h=[];if(s)h.push('sev='+s);if(c)h.push('cat='+encodeURIComponent(c));
 if(r)h.push('rule='+r);if(t)h.push('q='+encodeURIComponent(t));
 if(only)h.push('only='+only.id);
 if(h.length||/[#&]?(sev|cat|rule|q|only)=/.test(location.hash))
  history.replaceState(null,'',h.length?'#'+h.join('&'):location.pathname);
}
function open(rep,all){
 fill(rep);rep.querySelectorAll(all?'details':'details.fs').forEach(function(d){d.open=true});
}
function load(){
 var h=location.hash.slice(1),rep=/^r[0-9]+$/.test(h)&&$(h);
 if(rep){open(rep,true);rep.scrollIntoView();}
 if(h.indexOf('=')<0)return;
 h.split('&').forEach(function(p){var kv=p.split('=');var v=decodeURIComponent(kv[1]||'');
  if(kv[0]==='sev'||kv[0]==='filter')sev.value=v;else if(kv[0]==='cat')cat.value=v;
  else if(kv[0]==='rule')rule.value=v;else if(kv[0]==='q')q.value=v;
  else if(kv[0]==='only')only=$(v);});
 if(only){$('overview').hidden=true;open(only,true);}
}
[sev,cat,rule].forEach(function(e){e.addEventListener('change',apply)});
q.addEventListener('input',apply);
window.addEventListener('hashchange',function(){if(/only=/.test(location.hash))location.reload()});
window.addEventListener('beforeprint',function(){reps.forEach(function(r){open(r,true)})});
document.addEventListener('toggle',function(e){
 var d=e.target;if(d.open&&d.classList.contains('fs'))fill(d.parentNode);},true);
document.addEventListener('click',function(e){
 var a=e.target.closest&&e.target.closest('a[href^="#r"]');if(!a)return;
 var rep=document.getElementById(a.getAttribute('href').slice(1));
 if(rep&&rep.classList.contains('rep'))open(rep,false);});
load();apply();
})();
"""
