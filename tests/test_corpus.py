"""The real reports of tests/data/corpus: every finding lies inside its file, and the findings per
report are exactly the recorded expectation (tests/corpus_expected/<report>.txt).

A changed finding is a conscious decision: regenerate with FZLINT_UPDATE_EXPECTED=1 and review
the diff of the expectation files.
"""

import os
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import lint_document

EXPECTED = Path(__file__).parent / "corpus_expected"
RULES = load_rules()


def findings(path: Path) -> list[str]:
    doc = Document.from_path(str(path))
    return [
        "{}:{} {} {}".format(
            *doc.position(d.span.start),
            d.rule.id,
            # a finding may span lines (a paragraph broken across a blank line): one line each
            doc.text[d.span.start : d.span.end].replace("\n", "\\n"),
        )
        for d in lint_document(doc, RULES)
    ]


def test_positions_are_inside_the_files(cli, corpus: Path) -> None:
    run = cli(str(corpus), "--format", "json")
    assert run.code == 1
    items = run.json()
    assert items
    for item in items:
        lines = Path(item["path"]).read_text(encoding="utf-8").split("\n")
        assert 1 <= item["line"] <= item["end_line"] <= len(lines)
        assert 1 <= item["column"] <= len(lines[item["line"] - 1]) + 1
        assert item["end_column"] <= len(lines[item["end_line"] - 1]) + 1


@pytest.mark.parametrize("name", [f"00{i}" for i in range(5)])
def test_corpus_findings_match_expectation(corpus: Path, name: str) -> None:
    [path] = corpus.glob(f"{name}_*.txt")
    actual = findings(path)
    expected_file = EXPECTED / f"{name}.txt"
    if os.environ.get("FZLINT_UPDATE_EXPECTED"):
        EXPECTED.mkdir(exist_ok=True)
        expected_file.write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected
