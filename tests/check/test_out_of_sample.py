"""The record of each rule on the sets nobody has tuned on, and how `make eval` holds to it."""

from __future__ import annotations

import pytest
from bench.eval_check import POOLS, UNSEEN, _unseen_flag

from amends.check.catalogue import catalogue_markdown
from amends.check.evaluate import RuleScore
from amends.check.out_of_sample import FLOOR, OutOfSample, Standing, out_of_sample
from amends.check.registry import RULE_IDS


def test_the_record_names_every_rule_and_the_sets_nobody_tuned_on() -> None:
    record = out_of_sample()
    assert set(record.rules) == set(RULE_IDS)
    assert set(record.sets) == UNSEEN == set(POOLS["unseen"])
    assert record.exact <= record.statements
    assert len(record.measured) >= 7


def test_each_rule_under_the_floor_says_why_and_none_above_it_does() -> None:
    record = out_of_sample()
    for rule, s in record.rules.items():
        below = s.precision < FLOOR or s.recall < FLOOR
        assert record.below(rule) == below
        if below:
            assert len(s.why.split()) >= 25, f"{rule}: say why it is below the floor"
        else:
            assert not s.why, f"{rule} is at the floor: nothing to explain"


def test_rules_md_prints_each_rules_record_under_it() -> None:
    record = out_of_sample()
    text = catalogue_markdown()
    for rule in RULE_IDS:
        section = text.split(f"\n## {rule}\n", 1)[1].split("\n## ", 1)[0]
        line = next(x for x in section.splitlines() if x.startswith("- **Out of sample:**"))
        s = record.rules[rule]
        assert f"precision {s.precision:.3f}, recall {s.recall:.3f}" in line
        assert ("Below the floor:" in line) == record.below(rule)


def _record(tp: int, fp: int, fn: int, why: str = "") -> OutOfSample:
    return OutOfSample(
        measured="abc1234",
        date="2026-12-06",
        round=35,
        sets=tuple(sorted(UNSEEN)),
        statements=744,
        exact=500,
        rules={"what": Standing(tp=tp, fp=fp, fn=fn, why=why)},
    )


@pytest.mark.parametrize(
    ("live", "recorded", "fails"),
    [
        ((20, 10, 5), (20, 10, 5, "open vocabulary"), False),  # as recorded, reason given
        ((21, 9, 5), (20, 10, 5, "open vocabulary"), False),  # better than recorded
        ((19, 11, 5), (20, 10, 5, "open vocabulary"), True),  # precision fell
        ((20, 10, 6), (20, 10, 5, "open vocabulary"), True),  # recall fell
        ((20, 10, 5), (20, 10, 5, ""), True),  # below the floor, no reason
        ((40, 1, 1), (40, 1, 1, ""), False),  # at the floor: no reason needed
    ],
)
def test_make_eval_fails_below_the_record_or_below_the_floor_unexplained(
    live: tuple[int, int, int], recorded: tuple[int, int, int, str], fails: bool
) -> None:
    tp, fp, fn = live
    flag = _unseen_flag(RuleScore(rule="what", tp=tp, fp=fp, fn=fn), _record(*recorded))
    assert (flag is not None) == fails


def test_a_rule_missing_from_the_record_fails() -> None:
    flag = _unseen_flag(RuleScore(rule="when", tp=1, fp=0, fn=0), _record(20, 10, 5, "x"))
    assert flag is not None and "no figures recorded" in flag


def test_rules_md_tables_every_rules_standing() -> None:
    record = out_of_sample()
    table = catalogue_markdown().split("# Standing on the sets nobody tuned on", 1)[1]
    table = table.split("\n# ", 1)[0]
    for rule in RULE_IDS:
        s = record.rules[rule]
        row = next(x for x in table.splitlines() if x.startswith(f"| [`{rule}`]"))
        assert f"| {s.precision:.3f} | {s.recall:.3f} | {s.tp} | {s.fp} | {s.fn} |" in row
        assert ("under the floor" in row) == record.below(rule)
