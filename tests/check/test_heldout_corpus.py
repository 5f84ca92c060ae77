"""The held-out corpus (tests/check/corpus_heldout) loads and is well-formed.

Only its shape is tested: the checker's figures on it are measured by `make eval` and recorded
in docs/rules.md, never asserted. It was blind at its first run and has been tuned on since
(docs/rules.md, "Generalised rules"); the structural matches have tests of their own sentences
in test_structure.py.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from amends.check.evaluate import load_corpus
from amends.check.model import Stage
from amends.check.registry import RULE_IDS

FOLDER = Path(__file__).parent / "corpus_heldout"
ITEMS = load_corpus(FOLDER)
LOCALES = ("en-US", "en-GB", "en-AU", "es")
#: Rules that apply only at some stages (docs/rules.md); a label outside them could never fire.
STAGES_OF = {
    "eta": {Stage.ACKNOWLEDGE, Stage.UPDATE},
    "next_update": {Stage.ACKNOWLEDGE, Stage.UPDATE},
    "fix": {Stage.RESOLVE, Stage.EXPLAIN},
    "prevention": {Stage.RESOLVE, Stage.EXPLAIN},
    "repair": {Stage.RESOLVE, Stage.EXPLAIN},
    "feedback": {Stage.EXPLAIN},
}


def _group(stage: Stage) -> str:
    return "ongoing" if stage in (Stage.ACKNOWLEDGE, Stage.UPDATE) else stage.value


def test_every_file_is_a_list_of_statements() -> None:
    files = sorted(FOLDER.glob("*.yaml"))
    assert [f.name for f in files] == ["explain.yaml", "ongoing.yaml", "resolve.yaml"]
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(raw, list) and raw, path.name
        assert all(set(r) >= {"id", "stage", "locale", "expect", "text"} for r in raw), path.name


def test_size_ids_and_thirds() -> None:
    assert len(ITEMS) >= 120
    assert len({i.id for i in ITEMS}) == len(ITEMS), "ids must be unique"
    groups = Counter(_group(i.stage) for i in ITEMS)
    assert set(groups) == {"ongoing", "resolve", "explain"}
    for n in groups.values():  # about a third each
        assert abs(n - len(ITEMS) / 3) <= 5, groups
    stages = {Stage.ACKNOWLEDGE, Stage.UPDATE, Stage.RESOLVE, Stage.EXPLAIN}
    assert {i.stage for i in ITEMS} == stages


def test_every_locale_at_every_stage() -> None:
    assert {i.locale for i in ITEMS} == set(LOCALES)
    cells = Counter((i.locale, _group(i.stage)) for i in ITEMS)
    for locale in LOCALES:
        for group in ("ongoing", "resolve", "explain"):
            assert cells[(locale, group)] >= 8, (locale, group)
    for locale in LOCALES:
        stages = {i.stage for i in ITEMS if i.locale == locale}
        assert {Stage.ACKNOWLEDGE, Stage.UPDATE} <= stages, locale


def test_labels_name_rules_that_can_fire() -> None:
    for item in ITEMS:
        assert len(set(item.expect)) == len(item.expect), item.id
        for rule in item.expect:
            assert rule in RULE_IDS, (item.id, rule)
            assert item.stage in STAGES_OF.get(rule, set(Stage)), (item.id, rule)
        assert item.text.strip(), item.id


def test_clean_and_faulty_statements_and_every_rule_expected() -> None:
    clean = [i for i in ITEMS if not i.expect]
    assert 20 <= len(clean) <= len(ITEMS) - 60
    expected = Counter(r for i in ITEMS for r in i.expect)
    assert set(expected) == set(RULE_IDS), set(RULE_IDS) - set(expected)
    for locale in LOCALES:  # each locale has clean and faulty statements
        mine = [i for i in ITEMS if i.locale == locale]
        assert any(not i.expect for i in mine) and any(i.expect for i in mine), locale
