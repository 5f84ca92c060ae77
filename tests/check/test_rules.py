"""Every catalogue example is a test; the registry holds exactly the rubric's rules."""

from __future__ import annotations

import pytest

from amends.check import RULE_IDS, builtin_rules
from amends.check.engine import check_example
from amends.check.rule import Example

RULES = builtin_rules()
GOOD = [(r.id, i, ex) for r in RULES.values() for i, ex in enumerate(r.good)]
BAD = [(r.id, i, ex) for r in RULES.values() for i, ex in enumerate(r.bad)]


def test_registry_has_the_rubric_ids() -> None:
    assert set(RULES) == set(RULE_IDS)
    assert len(RULE_IDS) == 23


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_is_complete(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.message and rule.suggestion and rule.citation and rule.summary
    assert rule.stages, "a rule must apply to at least one stage"
    assert len(rule.good) >= 2 and len(rule.bad) >= 2
    assert "seeds/" in rule.citation or "Kincaid" in rule.citation


@pytest.mark.parametrize(
    ("rule_id", "i", "example"), GOOD, ids=[f"{r}-good{i}" for r, i, _ in GOOD]
)
def test_good_example_passes(rule_id: str, i: int, example: Example) -> None:
    assert rule_id not in check_example(rule_id, example)


@pytest.mark.parametrize(("rule_id", "i", "example"), BAD, ids=[f"{r}-bad{i}" for r, i, _ in BAD])
def test_bad_example_is_flagged(rule_id: str, i: int, example: Example) -> None:
    assert rule_id in check_example(rule_id, example)
