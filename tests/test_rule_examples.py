"""Every shipped rule's own examples, one test per rule (the same harness as `fzlint test-rules`)."""

import pytest

from fzlint.engine.examples import check_rule
from fzlint.engine.packs import load_rules

RULES = load_rules()


@pytest.mark.parametrize("item", RULES, ids=[item.rule.id for item in RULES])
def test_rule_examples(item) -> None:
    failures = check_rule(item)
    assert not failures, "\n".join(map(str, failures))


def test_every_rule_has_both_kinds_of_example() -> None:
    for item in RULES:
        assert item.rule.fire and item.rule.passes, item.rule.id
