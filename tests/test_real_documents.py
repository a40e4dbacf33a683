"""The 72 real, complete documents of tests/data/real (政府工作报告 and 国务院 公文 that nobody here
wrote; tests/data/real/SOURCES.md says where each comes from): the findings of the categories a
reviewer checks line by line (numbering, structure, signature-date, date, duplicate, stale-name)
are exactly the reviewed expectation, tests/real_expected/<document>.txt, so a new false alarm or a lost finding fails the suite.

Each expectation file was read finding by finding against the document (README, "文种与适用范围").
A changed finding is a conscious decision: regenerate with
FZLINT_UPDATE_EXPECTED=1, then read the diff of the expectation files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules, select
from fzlint.engine.runner import lint_document

REAL = Path(__file__).parent / "data" / "real"
EXPECTED = Path(__file__).parent / "real_expected"
REVIEWED = ["numbering", "structure", "signature-date", "date", "duplicate", "stale-name"]
RULES = select(load_rules(), REVIEWED)
DOCUMENTS = sorted(path.name for path in REAL.glob("*.txt"))


def findings(path: Path) -> list[str]:
    doc = Document.from_path(str(path))
    return [
        "{}:{} {} {}".format(
            *doc.position(d.span.start),
            d.rule.id,
            doc.text[d.span.start : d.span.end].replace("\n", "\\n")[:60],
        )
        for d in lint_document(doc, RULES)
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_real_document_findings_match_the_review(name: str) -> None:
    actual = findings(REAL / name)
    expected_file = EXPECTED / name
    if os.environ.get("FZLINT_UPDATE_EXPECTED"):
        EXPECTED.mkdir(exist_ok=True)
        expected_file.write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected


def test_every_expectation_file_has_its_document() -> None:
    assert len(DOCUMENTS) == 72
    assert sorted(path.name for path in EXPECTED.glob("*.txt")) == DOCUMENTS
