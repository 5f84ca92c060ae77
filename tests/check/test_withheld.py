"""Missing-element errors the learned reading holds back (amends.check.learned.held)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import train_check

from amends.check import learned
from amends.check.config import CheckConfig
from amends.check.engine import check_text
from amends.check.model import SEVERITY_WEIGHT
from amends.check.render import render_json, render_text

# Our own resolution that gives the late fees back in words no `repair` pattern reads.
WAIVED = (
    "From 6:10 am to 9:40 am AEST on Tuesday, members of the Ballarat Community Library could "
    "not borrow or return books at the self-service kiosks, and the catalogue search on our "
    "website showed no titles. About 2,300 members were affected. A storage disk in our library "
    "system filled up overnight, because a nightly export had been writing the same records "
    "again and again. Our team cleared the disk at 9:30 am and the kiosks were working again ten "
    "minutes later. We are sorry: many of you came in before work and left empty-handed. We "
    "have added an alarm that warns us when the disk is 80% full. Any late fees from Tuesday "
    "have been removed from your account automatically; you do not need to do anything. "
    "Questions: call 03 5300 1234."
)
# The same resolution with no amends at all.
NOTHING_GIVEN = WAIVED.replace(
    "Any late fees from Tuesday have been removed from your account automatically; you do not "
    "need to do anything. ",
    "",
)
# Our own update that tells the cause by what a card did, in words no `cause` pattern reads.
WENT_QUIET = (
    "Update, 11:00 am AEST: about 8,400 customers in Ballarat and Creswick have had no mobile "
    "calls or data since 7:20 am. The card that carries their traffic at our Sturt Street "
    "exchange went quiet after our firmware load last night; we are swapping it now. We expect "
    "service back by 1 pm AEST. We are sorry; we know many of you rely on your phone for work. "
    "Next update by 12 pm AEST."
)


def _resolve(text: str, **kw: object):  # type: ignore[no-untyped-def]
    return check_text(text, stage="resolve", locale="en-AU", **kw)  # type: ignore[arg-type]


def test_an_element_stated_in_words_no_pattern_knows_is_held_back() -> None:
    assert "repair" in _resolve(WAIVED, config=CheckConfig(learned=False)).rule_ids()
    report = _resolve(WAIVED)
    assert "repair" not in report.rule_ids()
    (held,) = report.withheld
    assert held.rule == "repair"
    assert held.score < learned.absence().rules["repair"].threshold
    # the words that said it is there are the statement's own
    assert held.evidence and all(w.split(" ")[0] in WAIVED.lower() for w in held.evidence)


def test_a_statement_without_the_element_keeps_its_error() -> None:
    report = _resolve(NOTHING_GIVEN)
    assert "repair" in report.rule_ids()
    assert report.withheld == []


def test_a_held_back_error_costs_no_score() -> None:
    on, off = _resolve(WAIVED), _resolve(WAIVED, config=CheckConfig(learned=False))
    (error,) = [f for f in off.findings if f.rule == "repair"]
    assert error.severity == "error"
    assert on.score == off.score + SEVERITY_WEIGHT[error.severity]


def test_an_element_a_profile_requires_is_never_held_back() -> None:
    plain = check_text(WENT_QUIET, stage="update", locale="en-AU")
    assert "cause" not in plain.rule_ids()
    assert [w.rule for w in plain.withheld] == ["cause"]
    acma = check_text(WENT_QUIET, stage="update", locale="en-AU", profile="acma-major-outage")
    assert "cause" in acma.rule_ids()
    assert "cause" not in [w.rule for w in acma.withheld]


def test_switching_the_reading_off_keeps_every_error() -> None:
    report = _resolve(WAIVED, config=CheckConfig(learned=False))
    assert report.withheld == []
    assert "repair" in report.rule_ids()


def test_a_short_text_is_left_to_the_patterns() -> None:
    short = "Late fees from Tuesday have been removed automatically; you need do nothing."
    assert len(learned.tokens(short)) < learned.absence().min_words
    assert learned.held(short, "resolve", "en-AU", ["repair"]) == []


# Our own resolution text message: what failed is told ("have dial tone again", "lines were
# out") in a form the `what` patterns miss; 27 words.
DIAL_TONE = (
    "Home phones in Molong and Cumnock have dial tone again. 830 lines were out 7.05am to 1.50pm "
    "AEST. We're sorry. Your credit: example.com/lines"
)


def test_held_back_errors_have_their_own_shortest_statement() -> None:
    """`withhold_min_words` is the absence model's limit, as `bench.train_check` chose it; a post
    under it keeps the patterns' error, however sure the model would be (round 35 tried 15 and
    kept 30: short posts' `what` errors were mostly true on the sets nobody had tuned on)."""
    assert learned.absence().min_words == train_check.HOLD_MIN_WORDS
    assert len(learned.tokens(DIAL_TONE)) < learned.absence().min_words
    report = check_text(DIAL_TONE, stage="resolve", locale="en-AU", channel="sms")
    assert "what" in report.rule_ids()
    assert report.withheld == []
    shipped = json.loads((Path(learned.__file__).parent / learned.MODEL_FILE).read_text())
    assert shipped["withhold_min_words"] == train_check.HOLD_MIN_WORDS
    # the limit is read from `withhold_min_words`, not from the warnings' `min_words`
    model = learned.from_json({**shipped, "withhold_min_words": 15}, "withhold")
    assert model.min_words == 15


def test_the_text_and_json_reports_say_what_was_held_back_and_why() -> None:
    report = _resolve(WAIVED, path="resolve.txt")
    lines = [line for line in render_text([report]).splitlines() if "held back" in line]
    assert len(lines) == 1
    assert lines[0].startswith("resolve.txt: held back repair: no pattern found it")
    assert re.search(r"\((under )?\d+% likely missing; '[^']+'", lines[0])
    (entry,) = json.loads(render_json([report]))["files"]
    assert [w["rule"] for w in entry["withheld"]] == ["repair"]
    assert entry["withheld"][0]["evidence"] == report.withheld[0].evidence
    assert all(f["rule"] != "repair" for f in json.loads(render_json([report]))["findings"])


def test_the_shipped_thresholds_are_the_chosen_ones() -> None:
    shipped = {r: m.threshold for r, m in learned.absence().rules.items()}
    assert shipped == train_check.WITHHOLD
    # only required elements are held back: a forbidden wording found is never a guess
    from amends.check.registry import builtin_rules

    required = {r.id for r in builtin_rules().values() if r.require is not None}
    assert set(shipped) <= required


def test_evidence_against_is_the_present_words_that_lowered_the_score_most() -> None:
    m = learned.RuleModel("x", bias=1.0, threshold=0.2, weights={"a": -2.0, "b": -0.5, "c": 1.0})
    assert m.evidence({"a", "b", "c", "STAGE=resolve"}, against=True) == ["a", "b"]
    assert m.evidence({"a", "b", "c"}) == ["c"]


def test_the_docs_list_the_shipped_rules_and_thresholds_and_the_line_printed() -> None:
    """docs/check.md is written by hand: its list and example are kept true to the model."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "check.md").read_text(encoding="utf-8")
    section = doc.split("### Errors the learned reading holds back", 1)[1].split("\n### ", 1)[0]
    named, numbers = re.search(
        r"- for ((?:`[\w-]+`(?:, | and )?)+) \(thresholds ([^)]*)\)", " ".join(section.split())
    ).groups()  # type: ignore[union-attr]
    listed = dict(
        zip(
            re.findall(r"`([\w-]+)`", named),
            [float(v) for v in re.findall(r"\d\.\d+", numbers)],
            strict=True,
        )
    )
    assert listed == {r: m.threshold for r, m in learned.absence().rules.items()}
    assert WAIVED in section
    report = _resolve(WAIVED, path="resolve.txt")
    (line,) = [x for x in render_text([report]).splitlines() if "held back" in x]
    assert line in section.splitlines()


def test_the_evaluation_counts_what_was_held_back_against_the_labels() -> None:
    """`make eval` prints, per set, the errors held back that were false alarms and true ones."""
    from amends.check.evaluate import Labelled, evaluate

    def item(expect: list[str]) -> Labelled:
        return Labelled(id="w", stage="resolve", text=WAIVED, locale="en-AU", expect=expect)

    fired = sorted(_resolve(WAIVED).rule_ids())
    _, misses, held = evaluate([item(fired)], ("repair",))
    assert (held.right, held.wrong) == (1, 0) and misses == []
    # labelled as lacking amends: the held-back error was a true one, and the statement is missed
    scores, misses, held = evaluate([item([*fired, "repair"])], ("repair",))
    assert (held.right, held.wrong) == (0, 1)
    assert scores["repair"].fn == 1 and misses == [("w", set(), {"repair"})]
