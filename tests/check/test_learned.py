"""The learned reading (amends.check.learned): what it adds, when it is quiet, what it learned."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from bench import train_check
from bench.eval_check import UNSEEN
from tests.check.helpers import rules

from amends.check import learned
from amends.check.config import CheckConfig
from amends.check.engine import check_text
from amends.check.evaluate import load_corpus
from amends.check.render import render_text
from amends.check.source import parse

# Our own acknowledgement that praises the effort in place of the facts (an excuse, round 19: the
# learned `vague` of earlier rounds left the reading). No pattern of the excuse rule matches it;
# the learned reading does.
EFFORT = (
    "Customers in Ballarat lost mobile service this morning. Despite extremely difficult weather "
    "conditions, our engineers have worked tirelessly to bring it back, and expect to restore "
    "service by 3 pm AEST. We are sorry; we know you rely on your phone. Next update by 1 pm AEST."
)
# The same acknowledgement with the count, the cause and the work, no praise.
FACTUAL = (
    "About 12,400 mobile customers in Ballarat cannot make calls this morning: a power supply "
    "failed at our Sturt Street exchange. Our engineers are on site and expect to restore service "
    "by 3 pm AEST. We are sorry; we know you rely on your phone. Next update by 1 pm AEST."
)


def _excuse(text: str, **kw: object) -> list:
    report = check_text(text, stage="acknowledge", locale="en-AU", **kw)  # type: ignore[arg-type]
    return [f for f in report.findings if f.rule == "excuse"]


def _said(shown: str, text: str) -> bool:
    """True when a word of evidence occurs in the text; "[number]" stands for any number."""
    pattern = re.escape(shown).replace(re.escape("[number]"), r"\d+")
    return re.search(pattern, text.lower()) is not None


def test_a_statement_no_pattern_matches_gets_a_learned_warning() -> None:
    (finding,) = _excuse(EFFORT)
    assert finding.severity == "warning"
    assert "a learned reading" in finding.message
    reading = finding.message.split("a learned reading, ")[1]
    score = int(reading.split("%")[0])
    assert 40 <= score <= 100
    evidence = reading.split("likely: ")[1].split(";")[0].split(", ")
    words = [w.strip("'") for w in evidence]
    # the praise of the effort is what it reads as the excuse
    assert {"conditions", "difficult"} & set(words) and all(_said(w, EFFORT) for w in words)
    # it points at its first word of evidence
    assert (finding.line, finding.column) == (1, EFFORT.lower().index(words[0]) + 1)


def test_the_example_in_the_docs_is_what_the_checker_prints() -> None:
    """docs/check.md shows EFFORT as `ack.txt` and the learned line `amends check` prints."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "check.md").read_text(encoding="utf-8")
    assert EFFORT.replace("\n", " ") in doc
    report = check_text(EFFORT, stage="acknowledge", locale="en-AU", path="ack.txt")
    lines = render_text([report]).splitlines()
    learned_lines = [line for line in lines if "a learned reading" in line]
    assert len(learned_lines) == 1  # `excuse`, which no pattern found
    assert all(line in doc.splitlines() for line in learned_lines)


def test_the_facts_silence_it() -> None:
    assert _excuse(FACTUAL) == []


def test_it_only_adds_to_the_patterns() -> None:
    """Where a pattern fires, the findings are the pattern's own, none learned."""
    text = EFFORT.replace("Despite extremely", "Despite our best efforts in extremely")
    found = _excuse(text)
    assert found and not any("a learned reading" in f.message for f in found)


def test_a_sentence_alone_is_left_to_the_patterns() -> None:
    second = EFFORT.split(". ")[1] + "."
    assert len(second.split()) < learned.model().min_words
    assert "excuse" not in rules(second, locale="en-AU")


def test_disabling_the_rule_the_reading_or_the_line_silences_it() -> None:
    assert _excuse(EFFORT, config=CheckConfig(disable=["excuse"])) == []
    assert _excuse(EFFORT, config=CheckConfig(learned=False)) == []
    assert _excuse("<!-- amends: disable=excuse -->\n" + EFFORT, fmt="markdown") == []
    assert _excuse(EFFORT, config=CheckConfig()) != []


def test_it_never_raises_an_error_even_when_the_rule_is_one() -> None:
    (finding,) = _excuse(EFFORT, config=CheckConfig(severity={"excuse": "error"}))
    assert finding.severity == "warning"


def test_evidence_is_the_present_words_that_raised_the_score_most() -> None:
    weights = {"tower": 0.2, "storm hit": 3.0, "crews": -4}
    m = learned.RuleModel("x", bias=-1.0, threshold=0.5, weights=weights)
    feats = learned.features("Storm, hit crews and the tower", "update", "en")
    assert feats >= {"storm", "hit", "storm hit", "tower", "crews", "STAGE=update", "LANG=en"}
    assert m.evidence(feats) == ["storm hit", "tower"]
    assert m.score(feats) == pytest.approx(1 / (1 + math.exp(1.8)))
    # numbers are one word, so a count next to a noun is a feature of its own
    assert "0 customers" in learned.features("About 12,400 customers", "update", "en")


def test_function_words_count_only_beside_a_word_that_means_something() -> None:
    """Round 12's `excuse` learned "así", "los" and "del"; such words are no feature alone."""
    feats = learned.features("Así los clientes del norte, and so the fault", "resolve", "es")
    assert not feats & {"así", "los", "del", "and", "so", "the", "así los", "and so", "so the"}
    assert {"clientes", "los clientes", "clientes del", "fault", "the fault"} <= feats
    # words that carry a rule's meaning are not function words
    assert {"may", "some", "any", "if", "only", "not"}.isdisjoint(learned.FUNCTION_WORDS)


def test_a_number_in_the_evidence_is_found_and_shown_as_a_number() -> None:
    text = "For about 12,400 customers the service was down."
    assert learned._first(text, ["0 customers"]) == text.index("12,400")
    assert learned._first(text, ["nothing here", "the service"]) == text.index("the service")
    assert learned._first(text, ["absent"]) == 0
    assert learned.shown("0 customers") == "[number] customers"
    assert learned.shown("customers") == "customers"


def test_the_shipped_model_was_trained_on_the_tuned_corpora_as_they_are() -> None:
    """Retrain after any corpus change (`python -m bench.train_check`); never on an unseen set."""
    shipped = json.loads(train_check.OUT.read_text(encoding="utf-8"))
    assert not set(shipped["trained_on"]) & UNSEEN
    assert shipped["trained_on"] == train_check.training_sets()
    assert shipped["digest"] == train_check.digest(shipped["trained_on"]), (
        "a training corpus changed: run `python -m bench.train_check`"
    )
    assert set(shipped["rules"]) == set(train_check.RULES)
    assert set(shipped["withhold"]) == set(train_check.WITHHOLD)


def test_training_again_gives_the_shipped_readings() -> None:
    """The weights come from the corpora by the committed code, not by hand."""
    built = train_check.build()
    for fresh, shipped in (
        (learned.from_json(built), learned.model()),
        (learned.from_json(built, "withhold"), learned.absence()),
    ):
        for text in (EFFORT, FACTUAL):
            feats = learned.features(text, "acknowledge", "en-AU")
            for rule, m in shipped.rules.items():
                assert fresh.rules[rule].score(feats) == pytest.approx(m.score(feats), abs=0.02)


def test_the_fast_path_scores_as_the_features_the_model_was_trained_on() -> None:
    """`Model.present` skips the function-word filter and `Model.scores` scores every rule in one
    pass; on every development statement both give what `features` and `RuleModel.score` give."""
    corpus = Path(__file__).resolve().parent / "corpus"
    for item in load_corpus(corpus):
        text, stage = parse(item.text, item.fmt).text, str(item.stage)
        words = learned.tokens(text)
        feats = learned.features(text, stage, item.locale, words)
        for shipped in (learned.model(), learned.absence()):
            fast = shipped.scores(shipped.present(words, stage, item.locale))
            for rule, m in shipped.rules.items():
                assert fast[rule] == pytest.approx(m.score(feats), abs=1e-9), (item.id, rule)


def test_the_rules_and_thresholds_docs_list_are_the_shipped_ones() -> None:
    """docs/check.md names each covered rule with its threshold, in two lists (forbidden wording,
    then required elements); they are written by hand, so this keeps them true to the model."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "check.md").read_text(encoding="utf-8")
    section = doc.split("### The learned reading", 1)[1].split("###", 1)[0]
    listed: dict[str, float] = {}
    for named, numbers in re.findall(
        r"- for ((?:`[\w-]+`(?:, | and )?)+) \((?:thresholds )?([^)]*)\)", " ".join(section.split())
    ):
        names = re.findall(r"`([\w-]+)`", named)
        values = [float(v) for v in re.findall(r"\d\.\d+", numbers)]
        assert len(names) == len(values), named
        listed.update(zip(names, values, strict=True))
    shipped = {rule: m.threshold for rule, m in learned.model().rules.items()}
    assert listed == shipped


def test_scores_do_not_depend_on_the_process_string_hashing() -> None:
    """A set's order follows the process's string hashing; the scores are summed in any order to
    the same value (`math.fsum`), so a score on a threshold reads the same in every run."""
    import os
    import subprocess
    import sys

    code = (
        "from amends.check import learned\n"
        "m = learned.model()\n"
        f"words = learned.tokens({EFFORT!r})\n"
        "print(repr(sorted(m.scores(m.present(words, 'acknowledge', 'en-AU')).items())))\n"
    )
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outs.add(run.stdout)
    assert len(outs) == 1
