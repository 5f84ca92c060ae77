"""The labelled corpus: each statement fires exactly its labelled rules; every rule >= 0.9."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from amends.check import RULE_IDS, Stage
from amends.check.evaluate import Labelled, evaluate, load_corpus, run

CORPUS = load_corpus(Path(__file__).parent / "corpus")


def test_corpus_size_and_coverage() -> None:
    assert len(CORPUS) >= 80
    assert {i.stage for i in CORPUS} == set(Stage)
    assert len({i.id for i in CORPUS}) == len(CORPUS), "corpus ids must be unique"
    positives = Counter(r for i in CORPUS for r in i.expect)
    for rule in RULE_IDS:
        assert positives[rule] >= 1, f"no bad statement for {rule}"
    assert sum(1 for i in CORPUS if not i.expect) >= 15, "too few good statements"


@pytest.mark.parametrize("item", CORPUS, ids=[i.id for i in CORPUS])
def test_statement_fires_its_labels(item: Labelled) -> None:
    assert run(item) == set(item.expect)


def test_every_rule_meets_the_floor() -> None:
    scores, _, _ = evaluate(CORPUS, RULE_IDS)
    for rule, s in scores.items():
        assert s.precision >= 0.9, rule
        assert s.recall >= 0.9, rule


def test_the_fast_loader_reads_every_corpus_file_as_the_plain_one() -> None:
    # `load_corpus` reads with libyaml's safe loader when PyYAML has it: it must give the very
    # objects the pure-Python safe loader gives, on every labelled file
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    files = sorted(Path(__file__).parent.glob("corpus*/*.yaml"))
    assert len(files) >= 130
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), path.name
