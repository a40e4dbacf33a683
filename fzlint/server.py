"""`fzlint server`: a language server (LSP over stdio, on pygls) for reports edited as text.

An editor gets, as the writer types, what `fzlint FILE` prints: the same packs, settings (the
`.fzlint.yaml`/`pyproject.toml` nearest the file, re-read when one changes) and messages. Besides
diagnostics it offers each finding's fix as a quick fix, a source action applying every safe fix
(as `--fix` does), an action writing `per-file-ignores`, the `fzlint explain` text on hover and
the `fzlint structure` outline as a command.

Linting runs in one worker thread, never on the event loop, so a large report does not hold up
typing: a change waits `DEBOUNCE` seconds for the next one, a run whose document changed meanwhile
is dropped and the newest text linted instead. One thread also means the process-wide caches of
`fzlint.parallel` (loaded packs, selected rules) are only ever used by one thread at a time.

Positions: fzlint counts code points in text with "\\n" newlines; LSP counts UTF-16 code units
(a character outside the BMP, as many rare CJK characters are, counts two) on the same lines, since
a "\\r\\n" or "\\r" the client sends is one line break in both.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

import fzlint
from fzlint.config import CONFIG_FILES, Overrides, Resolver, load_config, previous_report
from fzlint.diagnostics import Applicability, Diagnostic, Edit, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.errors import FzlintError
from fzlint.fixer import applicable, fix_text
from fzlint.i18n import ArgumentParser, tr

# Seconds a change waits for the next before the document is linted.
DEBOUNCE = 0.15

FIX_ALL_KIND = "source.fixAll.fzlint"
FIX_ALL_TITLE = "fzlint: 修复全部安全问题"
UNSAFE_LABEL = "（需人工确认）"
IGNORE_COMMAND = "fzlint.ignoreInFile"
STRUCTURE_COMMAND = "fzlint.structure"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# Categories whose findings an editor may show in its own way: a stale name struck through, a
# repeated passage faded out.
_TAGS = {
    "stale-name": [types.DiagnosticTag.Deprecated],
    "duplicate": [types.DiagnosticTag.Unnecessary],
}

log = logging.getLogger(__name__)


# --- positions ------------------------------------------------------------------------------


def _units(encoding: str) -> Callable[[str], int]:
    """How many code units of the negotiated position encoding a character takes."""
    if encoding == types.PositionEncodingKind.Utf8:
        return lambda char: len(char.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return lambda char: 1
    return lambda char: 2 if char > "\uffff" else 1


class Positions:
    """Conversion between fzlint's code-point offsets into `doc.text` and LSP positions, in the
    position encoding agreed with the client: UTF-16 unless it offered UTF-8 or UTF-32 first."""

    def __init__(self, doc: Document, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.doc = doc
        self.units = _units(encoding)
        # Most reports have no character outside the BMP (UTF-16), or are not ASCII (UTF-8):
        # the counts then agree or differ everywhere
        text = doc.text
        if encoding == types.PositionEncodingKind.Utf8:
            self.same = text.isascii()
        elif encoding == types.PositionEncodingKind.Utf32:
            self.same = True
        else:
            self.same = not text or max(text) <= "\uffff"

    def _line_text(self, index: int) -> str:
        starts = self.doc.line_starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.doc.text)
        return self.doc.text[starts[index] : end]

    def position(self, offset: int) -> types.Position:
        line, column = self.doc.position(offset)
        character = column - 1
        if not self.same:
            before = self._line_text(line - 1)[:character]
            character = sum(map(self.units, before))
        return types.Position(line=line - 1, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of an LSP position, clamped to its line and the document (as LSP asks)."""
        starts = self.doc.line_starts
        if position.line >= len(starts):
            return len(self.doc.text)
        text = self._line_text(position.line)
        if self.same:
            return starts[position.line] + min(position.character, len(text))
        units = 0
        for column, char in enumerate(text):
            if units >= position.character:
                return starts[position.line] + column
            units += self.units(char)
        return starts[position.line] + len(text)


# --- one linted version of a document -------------------------------------------------------


@dataclass
class Linted:
    """A document's findings for one version of its text."""

    uri: str
    version: int | None
    doc: Document
    positions: Positions
    findings: Sequence[Diagnostic]
    lsp: list[types.Diagnostic] = field(default_factory=list)
    # The settings' lint function, for the fix-all action (which re-lints as `--fix` does).
    lint: Callable[[Document], Sequence[Diagnostic]] | None = None
    config: str | None = None
    # The text with every safe fix applied, once the fix-all action has needed it.
    fixed: str | None = None

    def at(self, start: int, end: int) -> list[tuple[Diagnostic, types.Diagnostic]]:
        """The findings touching [start, end] (a cursor touches the finding it stands in or at)."""
        return [
            (finding, shown)
            for finding, shown in zip(self.findings, self.lsp, strict=True)
            if finding.span.start <= end and start <= finding.span.end
        ]


def _code_description(diagnostic: Diagnostic) -> types.CodeDescription | None:
    # the rule's definition in its pack: an editor opens it where the rule stands
    source = diagnostic.rule.source
    if not os.path.isabs(source):
        return None
    return types.CodeDescription(href=f"{Path(source).as_uri()}#L{diagnostic.rule.line}")


def to_lsp(uri: str, positions: Positions, diagnostic: Diagnostic) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=positions.range(item.span.start, item.span.end)),
            message=item.message,
        )
        for item in diagnostic.related
    ]
    return types.Diagnostic(
        range=positions.range(diagnostic.span.start, diagnostic.span.end),
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.rule.id,
        code_description=_code_description(diagnostic),
        source="fzlint",
        related_information=related or None,
        tags=_TAGS.get(diagnostic.rule.category),
    )


# --- the server -----------------------------------------------------------------------------


class FzlintServer(LanguageServer):
    """The LSP state: the open documents' latest findings and the lint scheduling."""

    def __init__(self, overrides: Overrides) -> None:
        super().__init__(
            "fzlint",
            fzlint.__version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.overrides = overrides
        self.resolver = Resolver(overrides)
        # The configuration files seen for each folder, with their modification times: a change
        # (edited, created, removed) makes a fresh resolver, so the next lint reads it again.
        self.config_stamps: dict[str, tuple[tuple[str, int], ...]] = {}
        self.linted: dict[str, Linted] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: set[str] = set()
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fzlint-lint")

    @property
    def encoding(self) -> str:
        return self.server_capabilities.position_encoding or types.PositionEncodingKind.Utf16

    # settings ---------------------------------------------------------------------------

    def _config_stamp(self, folder: str) -> tuple[tuple[str, int], ...]:
        found = []
        while True:
            for name in CONFIG_FILES:
                candidate = os.path.join(folder, name)
                try:
                    found.append((candidate, os.stat(candidate).st_mtime_ns))
                except OSError:
                    continue
            parent = os.path.dirname(folder)
            if parent == folder:
                return tuple(found)
            folder = parent

    def settings_changed(self) -> None:
        """Forget every configuration and loaded pack: the next lint reads them afresh. Only in
        the lint thread, which alone uses them."""
        from fzlint.parallel import forget

        self.resolver = Resolver(self.overrides)
        self.config_stamps.clear()
        forget()

    def _check_configs(self, path: str) -> None:
        folder = os.path.dirname(os.path.abspath(path))
        stamp = self._config_stamp(folder)
        if self.config_stamps.get(folder, stamp) != stamp:
            self.settings_changed()
        self.config_stamps[folder] = stamp

    # linting (in the lint thread) -------------------------------------------------------------

    def lint_text(self, uri: str, text: str, version: int | None) -> Linted:
        from fzlint.parallel import lint_document_with, prepare

        path = _path(uri)
        self._check_configs(path)
        doc = Document(text, path)
        positions = Positions(doc, self.encoding)
        settings = self.resolver.settings_for(path)
        if settings.excluded:
            return Linted(uri, version, doc, positions, (), config=settings.config)
        prepare([settings], self.resolver)
        previous = self.overrides.previous or previous_report(settings, path)

        def lint(document: Document) -> Sequence[Diagnostic]:
            return lint_document_with(document, settings, previous).diagnostics

        findings = lint(doc)
        shown = [to_lsp(uri, positions, finding) for finding in findings]
        # kept until the next version: the text and lines, not the parsed layers (a 1 MB report's
        # words alone are tens of MB); the structure command parses its outline again
        doc.drop_layers()
        return Linted(uri, version, doc, positions, findings, shown, lint, settings.config)

    def fixed_text(self, linted: Linted) -> str:
        assert linted.lint is not None
        lint = linted.lint
        path = linted.doc.path
        text, _ = fix_text(linted.doc.text, lambda text: lint(Document(text, path)))
        return text

    # scheduling (on the event loop) ----------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(delay, lambda: loop.create_task(self.lint_latest(uri)))

    async def lint_latest(self, uri: str) -> None:
        """Lint the document's newest text and publish; a run that a change overtook is dropped
        and the newest text linted instead. One run per document at a time."""
        self.timers.pop(uri, None)
        if uri in self.running:
            return  # the running one lints again when it sees a newer version
        self.running.add(uri)
        loop = asyncio.get_running_loop()
        try:
            while True:
                document = self._open(uri)
                if document is None:
                    return
                version = document.version
                try:
                    linted = await loop.run_in_executor(
                        self.lint_thread, self.lint_text, uri, document.source, version
                    )
                except FzlintError as error:
                    self._publish_error(uri, version, error)
                    return
                latest = self._open(uri)
                if latest is None:
                    return
                if latest.version != version:
                    # typed on meanwhile: these findings are stale; the newest text is linted
                    # now, or when its debounce ends if it has not yet
                    if uri in self.timers:
                        return
                    continue
                self.linted[uri] = linted
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri, diagnostics=linted.lsp, version=version)
                )
                return
        except Exception as exc:  # a bug of ours: say so, keep serving the other documents
            log.exception("lint failed")
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error,
                    message=f"fzlint: 内部错误: {type(exc).__name__}: {exc}",
                )
            )
        finally:
            self.running.discard(uri)

    def _open(self, uri: str) -> Any:
        return self.workspace.text_documents.get(uri)

    def _publish_error(self, uri: str, version: int | None, error: FzlintError) -> None:
        """A configuration or rule pack that cannot be used: one diagnostic at the top says so."""
        self.linted.pop(uri, None)
        message = str(error)
        diagnostic = types.Diagnostic(
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            message=f"fzlint 无法检查此文件：{message}",
            severity=types.DiagnosticSeverity.Error,
            source="fzlint",
        )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic], version=version)
        )

    def current(self, uri: str) -> Linted | None:
        """The findings of the document's current text, if it has been linted since it changed."""
        linted = self.linted.get(uri)
        document = self._open(uri)
        if linted is None or document is None or document.version != linted.version:
            return None
        return linted


def _path(uri: str) -> str:
    """The file a document is, or (an unsaved buffer) a name in the current folder, so that the
    configuration found from there applies."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path or os.path.join(os.getcwd(), "untitled.txt")


# --- edits ----------------------------------------------------------------------------------


def _text_edits(linted: Linted, edits: Sequence[Edit]) -> list[types.TextEdit]:
    return [
        types.TextEdit(
            range=linted.positions.range(edit.span.start, edit.span.end), new_text=edit.content
        )
        for edit in edits
    ]


def _workspace_edit(
    server: FzlintServer, linted: Linted, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    """Edits of the linted version: a client that supports it refuses them on another version."""
    capabilities = server.client_capabilities.workspace
    versioned = bool(
        capabilities
        and capabilities.workspace_edit
        and capabilities.workspace_edit.document_changes
        and linted.version is not None
    )
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=linted.uri, version=linted.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)]
        )
    return types.WorkspaceEdit(changes={linted.uri: edits})


def _whole_change(linted: Linted, fixed: str) -> list[types.TextEdit]:
    """`fixed` as one edit of the span that differs (the cursor elsewhere stays put)."""
    text = linted.doc.text
    start = 0
    limit = min(len(text), len(fixed))
    while start < limit and text[start] == fixed[start]:
        start += 1
    end = 0
    while end < limit - start and text[-1 - end] == fixed[-1 - end]:
        end += 1
    return _text_edits(
        linted, [Edit(Span(start, len(text) - end), fixed[start : len(fixed) - end])]
    )


# --- per-file-ignores -----------------------------------------------------------------------


def add_ignore(config: str | None, report: str, rule: str) -> str:
    """Write `rule` into `per-file-ignores` for `report` in the configuration `config` (a new
    `.fzlint.yaml` beside the report when there is none); returns the file written.

    The file is edited as text: outside the `per-file-ignores` table (rewritten with its entries
    and this one) its lines and comments stay as they were. A result that is not a valid
    configuration is undone. Run in the lint thread, so that no lint reads the file meanwhile."""
    from fzlint.files import relative_posix

    if config is None:
        config = os.path.join(os.path.dirname(report), ".fzlint.yaml")
        original = ""
    else:
        with open(config, encoding="utf-8") as handle:
            original = handle.read()
    relative = relative_posix(report, os.path.dirname(os.path.abspath(config)))
    if relative is None:
        raise FzlintError("报告不在配置文件所在目录之下", config)
    # this file only: a pattern without "/" would match the name in every sub-folder too, and
    # "[", "*", "?" in a name would be read as wildcards
    glob = re.sub(r"([\[*?])", r"[\1]", relative)
    glob = glob if "/" in glob else "/" + glob
    loaded = load_config(config) if original else None
    table = dict(loaded.values.get("per-file-ignores", ())) if loaded else {}
    rules = list(table.get(glob, ()))
    if rule in rules:
        return config
    table[glob] = (*rules, rule)
    if os.path.basename(config) == "pyproject.toml":
        text = _toml_with(original, table)
    else:
        text = _yaml_with(original, table)
    _replace(config, text)
    try:
        load_config(config)
    except FzlintError:
        # read where it stands (its `rules:` paths are relative to its folder), and put back
        # as it was when the edit made it invalid
        if original:
            _replace(config, original)
        else:
            os.remove(config)
        raise FzlintError("无法自动改写配置文件，请手动添加 per-file-ignores", config) from None
    return config


def _replace(path: str, text: str) -> None:
    """Write `path` whole or not at all: a temporary file beside it, renamed over it."""
    handle, temporary = tempfile.mkstemp(
        prefix=".fzlint-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(path))
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entries(table: dict[str, Sequence[str]], separator: str, indent: str) -> list[str]:
    return [
        f"{indent}{_quoted(glob)}{separator}[{', '.join(_quoted(r) for r in rules)}]"
        for glob, rules in table.items()
    ]


def _replace_block(
    lines: list[str], start: int, new: list[str], nested: Callable[[str], bool]
) -> list[str]:
    """`lines` with the block at `start` (its header and the lines `nested` accepts after it)
    replaced by `new`."""
    end = start + 1
    while end < len(lines) and nested(lines[end]):
        end += 1
    return lines[:start] + new + lines[end:]


def _yaml_with(original: str, table: dict[str, Sequence[str]]) -> str:
    new = ["per-file-ignores:", *_entries(table, ": ", "  ")]
    lines = original.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("per-file-ignores:"):
            lines = _replace_block(
                lines, index, new, lambda next_line: next_line[:1] in (" ", "\t", "#", "")
            )
            break
    else:
        lines += new
    return "\n".join(lines) + "\n"


def _toml_with(original: str, table: dict[str, Sequence[str]]) -> str:
    new = ["[tool.fzlint.per-file-ignores]", *_entries(table, " = ", "")]
    lines = original.splitlines()
    for index, line in enumerate(lines):
        if line.replace(" ", "").startswith("[tool.fzlint.per-file-ignores]"):
            lines = _replace_block(
                lines, index, new, lambda next_line: not next_line.lstrip().startswith("[")
            )
            break
        if line.replace(" ", "").startswith("per-file-ignores="):
            raise FzlintError("per-file-ignores 写在一行内，请手动添加")
    else:
        lines += ["", *new]
    return "\n".join(lines) + "\n"


# --- text for people ------------------------------------------------------------------------


def _rendered(print_to: Callable[[Any], None]) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    # wide: an editor wraps the hover to its own width, and a line cut here would stay cut
    print_to(Console(file=buffer, width=1000, color_system=None, highlight=False))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def explanation(rule: Rule) -> str:
    from fzlint.cli import print_explanation

    return _rendered(lambda console: print_explanation(console, rule))


def outline(linted: Linted) -> str:
    from fzlint.output.outline import outline_tree

    return _rendered(lambda console: console.print(outline_tree(linted.doc)))


# --- the protocol -----------------------------------------------------------------------------


def build(overrides: Overrides | None = None) -> FzlintServer:
    server = FzlintServer(overrides or Overrides())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FzlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FzlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FzlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: FzlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = {os.path.basename(_path(change.uri)) for change in params.changes}
        if names & set(CONFIG_FILES):
            ls.lint_thread.submit(ls.settings_changed)
            for uri in list(ls.workspace.text_documents):
                ls.schedule(uri, 0)

    @server.feature(types.INITIALIZED)
    def initialized(ls: FzlintServer, params: types.InitializedParams) -> None:
        # ask to be told of configuration changes where the client can watch files; the mtime
        # check before each lint covers the others
        watch = ls.client_capabilities.workspace
        if not (
            watch
            and watch.did_change_watched_files
            and watch.did_change_watched_files.dynamic_registration
        ):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="fzlint-config",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: FzlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        offset = linted.positions.offset(params.position)
        rules = {finding.rule.id: finding.rule for finding, _ in linted.at(offset, offset)}
        if not rules:
            return None
        text = "\n".join(explanation(rule) for rule in rules.values())
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value=text)
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    async def code_action(
        ls: FzlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        only = params.context.only
        actions: list[types.CodeAction] = []
        if not only or any(types.CodeActionKind.QuickFix.startswith(k) for k in only):
            start = linted.positions.offset(params.range.start)
            end = linted.positions.offset(params.range.end)
            actions += _quick_fixes(ls, linted, start, end)
        wants_fix_all = not only or any(FIX_ALL_KIND.startswith(k) for k in only)
        if wants_fix_all and any(applicable(d, unsafe=False) for d in linted.findings):
            action = types.CodeAction(
                title=FIX_ALL_TITLE,
                kind=FIX_ALL_KIND,
                data={"uri": linted.uri, "version": linted.version},
            )
            # fixing re-lints until nothing changes: done when chosen, where the client can ask
            # for the edit then (an editor asks for actions at every move of the cursor)
            if not _resolves_edits(ls):
                action.edit = await _fix_all_edit(ls, linted)
            if action.edit is not None or _resolves_edits(ls):
                actions.append(action)
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: FzlintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        linted = ls.current(str(data.get("uri")))
        if action.kind == FIX_ALL_KIND and linted and linted.version == data.get("version"):
            action.edit = await _fix_all_edit(ls, linted)
        return action

    @server.command(IGNORE_COMMAND)
    async def ignore_in_file(ls: FzlintServer, uri: str, rule: str) -> str:
        linted = ls.linted.get(uri)
        config = linted.config if linted else None
        loop = asyncio.get_running_loop()
        written = await loop.run_in_executor(ls.lint_thread, add_ignore, config, _path(uri), rule)
        ls.lint_thread.submit(ls.settings_changed)
        ls.schedule(uri, 0)
        return written

    @server.command(STRUCTURE_COMMAND)
    def structure(ls: FzlintServer, uri: str) -> str:
        linted = ls.linted.get(uri)
        if linted is None:
            raise FzlintError("文件尚未检查完毕，请稍后再试")
        return outline(linted)

    return server


def _resolves_edits(ls: FzlintServer) -> bool:
    """Whether the client asks for a code action's edit only when the action is chosen."""
    text = ls.client_capabilities.text_document
    support = text.code_action.resolve_support if text and text.code_action else None
    return support is not None and "edit" in support.properties


async def _fix_all_edit(ls: FzlintServer, linted: Linted) -> types.WorkspaceEdit | None:
    """The edit applying every safe fix to the linted text (as `--fix` does), or None when it
    changes nothing; computed in the lint thread, once per version."""
    if linted.fixed is None:
        loop = asyncio.get_running_loop()
        linted.fixed = await loop.run_in_executor(ls.lint_thread, ls.fixed_text, linted)
    if linted.fixed == linted.doc.text:
        return None
    return _workspace_edit(ls, linted, _whole_change(linted, linted.fixed))


def _quick_fixes(ls: FzlintServer, linted: Linted, start: int, end: int) -> list[types.CodeAction]:
    actions = []
    ignored: set[str] = set()
    for finding, shown in linted.at(start, end):
        fix = finding.fix
        if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
            safe = fix.applicability is Applicability.SAFE
            title = f"fzlint: {fix.title or finding.message}"
            actions.append(
                types.CodeAction(
                    title=title if safe else title + UNSAFE_LABEL,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    is_preferred=safe,
                    edit=_workspace_edit(ls, linted, _text_edits(linted, fix.edits)),
                )
            )
        rule = finding.rule.id
        if rule not in ignored and linted.uri.startswith("file:"):
            ignored.add(rule)
            actions.append(
                types.CodeAction(
                    title=f"fzlint: 在此文件中忽略此规则（{rule}）",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    command=types.Command(
                        title="在此文件中忽略此规则",
                        command=IGNORE_COMMAND,
                        arguments=[linted.uri, rule],
                    ),
                )
            )
    return actions


def command(argv: Sequence[str]) -> int:
    """`fzlint server`: serve one editor on stdin/stdout until it says exit."""
    parser = ArgumentParser(
        prog="fzlint server",
        description=tr(
            "语言服务器（LSP，经标准输入输出通信）：编辑器中边写边查、悬停说明、快速修复。",
            "A language server (LSP over stdio): findings as you type, hover, quick fixes.",
        ),
    )
    parser.add_argument(
        "--isolated",
        action="store_true",
        help=tr("忽略配置文件", "ignore configuration files"),
    )
    parser.add_argument(
        "--log-file", metavar="PATH", help=tr("把日志写入 PATH", "write a log to PATH")
    )
    args = parser.parse_args(argv)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # stdout carries the protocol: anything printed by mistake goes to stderr instead
    sys.stdout = sys.stderr
    server = build(Overrides(isolated=args.isolated))
    try:
        server.start_io(stdin, stdout)
    finally:
        server.lint_thread.shutdown(wait=False, cancel_futures=True)
    return 0
