"""`make eval` (check): per-rule precision and recall of `amends check` on 62 labelled corpora.

The development corpus (`tests/check/corpus`) is the one the rules were written against. The
field corpus (`tests/check/corpus_field`) was written from docs/field-study.md and labelled by
hand before the checker ran on it, but issue 19's rule changes were made while reading its
mismatches, so its figures are an upper bound. The held-out corpus
(`tests/check/corpus_heldout`) was written later, blind to the rules' implementation, and
committed before the checker first ran on it; its blind figures are recorded in docs/rules.md
("Evaluation"). The rules were then generalised while reading its mismatches (structural
matchers instead of phrase lists), so it too is now tuned on and its figures are an upper bound.
The second blind corpus (`tests/check/corpus_blind2`) was written by another hand during that
work and measured once, blind (41 of 124 exactly right; docs/rules.md, "Second blind corpus");
the rules were then generalised again while reading its mismatches, so it too is tuned on now
and its figures are an upper bound. The third blind set (`tests/check/corpus_blind3`) was measured
once after that work (46 of 124 exactly right) and then tuned on in the fourth round, so it too is
an upper bound now. The fourth blind set (`tests/check/corpus_blind4`) was measured blind before
and after the fourth round (23 and 31 of 124 exactly right; docs/rules.md, "Fourth blind
corpus": those are the honest figures) and then tuned on in the fifth round ("Fifth round"), so
it too is an upper bound now. The fifth blind set (`tests/check/corpus_blind5`) was measured
blind on round 4's and round 5's rules (35 and 57 of 124 exactly right; docs/rules.md, "Fifth
blind corpus": those are the honest figures) and then tuned on in the sixth round ("Round 6"),
so it too is an upper bound now. The sixth blind set (`tests/check/corpus_blind6`) was measured
blind on round 5's and round 6's rules (52 and 59 of 124 exactly right; docs/rules.md, "Sixth
blind corpus": those are the honest figures) and then tuned on in the seventh round ("Round 7"),
so it too is an upper bound now. The seventh blind set (`tests/check/corpus_blind7`) was measured
blind on round 6's and round 7's rules (48 and 53 of 124 exactly right; docs/rules.md, "Seventh
blind corpus": those are the honest figures) and then tuned on in the eighth round ("Round 8"), so
it too is an upper bound now. The eighth (`tests/check/corpus_blind8`) was written the same way
and measured blind on round 7's and round 8's rules (63 and 66 of 124 exactly right;
docs/rules.md, "Eighth blind corpus" and "Eighth blind corpus after round 8": those are the
honest figures) and then tuned on in the ninth round ("Round 9"), so it too is an upper bound
now. The ninth (`tests/check/corpus_blind9`) was written the same way after round 8 and measured
blind on round 8's and round 9's rules (57 and 57 of 124 exactly right; docs/rules.md, "Ninth
blind corpus" and "Ninth blind corpus after round 9") and then tuned on in the tenth round ("Round
10"), so it too is an upper bound now. The tenth (`tests/check/corpus_blind10`) was measured
on round 9's and round 10's rules and on the learned reading trained without it ("Tenth blind
corpus", "Round 11: a learned reading"), and then trained on in round 11, so it too is an upper
bound now. The eleventh (`tests/check/corpus_blind11`) was written blind during round 11 and
measured on rounds 11 to 13. The twelfth to fourteenth were written blind
at the same time after round 11 and measured once on it; the twelfth and thirteenth are the learned
reading's training data from round 12 ("Round 12"), the fourteenth from round 14. The
fifteenth and sixteenth were written blind at the same time after round 13 had been chosen and
measured once on it ("The fifteenth and sixteenth blind corpora"). Round 14 trained the learned
reading on the eleventh to sixteenth too ("Round 14"), so all are upper bounds now; the seventeenth
and eighteenth, written while round 14 was chosen and measured once on it ("The seventeenth and
eighteenth blind corpora"), and the nineteenth and twentieth, written after it was committed and
measured once on it ("The nineteenth and twentieth"), were measured once more on round 15, a
round of the patterns tuned on the tenth to sixteenth ("Round 15"), and then tuned on in round 16
("Round 16"). The twenty-first and twenty-second, written while round 15 was chosen and measured on
rounds 14 to 16, were tuned on in round 17 ("Round 17"), and the twenty-third and twenty-fourth,
written while round 16 was chosen and measured on rounds 15 to 17, in round 18 ("Round 18"), and
the twenty-fifth and twenty-sixth, written while round 17 was chosen and measured on rounds 16 to
18, in round 19 ("Round 19"), and the twenty-seventh and twenty-eighth, written while round 18 was
chosen and measured on rounds 16 to 19, in round 20 ("Round 20"), and the twenty-ninth and
thirtieth, written while round 19 was chosen and measured on rounds 18 to 21, in round 22 ("Round
22"), and the thirty-first and thirty-second, written while round 20 was chosen and measured on
rounds 19 to 22, in round 23 ("Round 23"), and the thirty-third and thirty-fourth, written after
round 20 was committed and measured on rounds 20 to 23, in round 24 ("Round 24"), and the
thirty-fifth and thirty-sixth, written after round 21 was committed and measured on rounds 21 to
24, in round 25 ("Round 25"), and the thirty-seventh and thirty-eighth, written after round 22 was
committed and measured on rounds 22 to 25, in round 26 ("Round 26"), the thirty-ninth and
fortieth, written after round 23 was committed and measured on rounds 23 to 26, in round 27
("Round 27"), the forty-first and forty-second, written after round 24 was committed and
measured on rounds 24 to 27, in round 28 ("Round 28"), the forty-third and forty-fourth,
written after round 25 was committed and measured on rounds 25 to 28, in round 29 ("Round 29"),
and the forty-fifth and forty-sixth, written after round 26 was committed and measured on rounds
26 to 29, in round 30 ("Round 30"), and the forty-seventh and forty-eighth, written after round
27 was committed and measured on rounds 27 to 31, in round 32 ("Round 32"), and the forty-ninth
and fiftieth, written after round 28 was committed and measured on rounds 28 to 32, in round 33
("Round 33"), and the fifty-first and fifty-second, written after round 29 was committed and
measured on rounds 29 to 33, in round 34 ("Round 34"), and the fifty-third and fifty-fourth,
written after round 31 was committed and measured on rounds 30 to 34, in round 35 ("Round 35").
The fifty-fifth and fifty-sixth, written after round 32 was committed and measured on rounds 31 to
35, the fifty-seventh and fifty-eighth, written after round 33 was committed and measured on
rounds 32 to 35, and the fifty-ninth and sixtieth, written after round 34 was committed and
measured on rounds 34 and 35, are the sets nobody has tuned on.

Run: `.venv/bin/python -m bench.eval_check`. Exits 1 if a rule is below the floor on any set,
unless docs/rules.md gives the reason (listed in `EXPLAINED`). The mismatches of a set nobody has
tuned on (`UNSEEN`) are listed only with `--show-unseen`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from amends.check.evaluate import RuleScore, evaluate, load_corpus
from amends.check.registry import RULE_IDS

ROOT = Path(__file__).resolve().parent.parent / "tests" / "check"
#: The blind sets, numbered in the order they were written.
BLIND = range(2, 61)
CORPORA = {
    "dev": ROOT / "corpus",
    "field": ROOT / "corpus_field",
    "heldout": ROOT / "corpus_heldout",
    **{f"blind{n}": ROOT / f"corpus_blind{n}" for n in BLIND},
}
FLOOR = 0.95
#: Sets nobody has tuned on: their counts are printed, their mismatches only with
#: `--show-unseen` (whoever reads them turns the set into a tuned one; write the next set first).
UNSEEN: frozenset[str] = frozenset(f"blind{n}" for n in range(55, 61))
#: Column titles, from `UNSEEN`: the field set was tuned on; so were the held-out and the second to
#: ninth blind sets, after their first blind runs (docs/rules.md, "Evaluation"), the ninth in round
#: 10 and the tenth in round 11 (the learned reading was trained on it), the twelfth and thirteenth
#: in round 12, the eleventh and fourteenth to sixteenth in round 14; round 15 tuned the patterns on
#: the tenth to sixteenth, round 16 the patterns and the learned reading on the seventeenth to
#: twentieth, round 17 both on the twenty-first and twenty-second, round 18 both on the
#: twenty-third and twenty-fourth, round 19 both on the twenty-fifth and twenty-sixth, round 20
#: both on the twenty-seventh and twenty-eighth, round 22 both on the twenty-ninth and thirtieth,
#: round 23 both on the thirty-first and thirty-second, round 24 both on the thirty-third and
#: thirty-fourth, round 25 both on the thirty-fifth and thirty-sixth, round 26 both on the
#: thirty-seventh and thirty-eighth, round 27 the patterns on the thirty-ninth and fortieth, and
#: round 28 the patterns on the forty-first and forty-second, round 29 the patterns on the
#: forty-third and forty-fourth, and round 30 the patterns on the forty-fifth and forty-sixth;
#: round 31 (missing-element errors held back) was chosen on the thirty-ninth to forty-sixth as
#: the patterns read them before they were tuned on (`bench/withhold_check.py`), so none is new;
#: round 32 tuned the patterns on the forty-seventh and forty-eighth and chose the learned
#: reading's additions and held-back errors on them as the patterns read them before that, and
#: rounds 33 to 35 did the same on the forty-ninth and fiftieth, the fifty-first and fifty-second,
#: and the fifty-third and fifty-fourth.
TITLES = {
    "dev": "dev",
    "field": "field (tuned on)",
    "heldout": "held out (tuned on after blind run)",
    **{
        f"blind{n}": f"blind {n} ("
        + ("never tuned on" if f"blind{n}" in UNSEEN else "tuned on after blind run")
        + ")"
        for n in BLIND
    },
}
#: (corpus, rule) pairs below the floor whose reason docs/rules.md states ("Evaluation") and that
#: are a limit of the labels, not of the rules. The held-out rows listed are the three where its
#: labels and the development or field labels read the same wording differently (fitting one set
#: would break the other); so are the third and fourth blind sets' `readability` (they grade status
#: posts under 20 words, which the development labels do not, and the fourth one post of 21 words
#: by a different syllable counter), and the fourth set's `what` (it reads a hedged symptom as
#: none, as the rule is documented, where a field label reads the same hedge as a symptom). Any
#: other row below the floor is a gap in a rule and fails `make eval`.
EXPLAINED: frozenset[tuple[str, str]] = frozenset(
    {
        ("field", "readability"),
        ("field", "what"),
        ("heldout", "what"),
        ("heldout", "cause"),
        ("heldout", "readability"),
        ("blind3", "readability"),
        ("blind4", "readability"),
        ("blind4", "what"),
    }
)


def _cell(s: RuleScore) -> str:
    return f"{s.tp:>4} {s.fp:>3} {s.fn:>3} {s.precision:>6.3f} {s.recall:>6.3f}"


def main() -> int:
    """Print the per-rule tables side by side and the mismatches; non-zero below the floor."""
    results = {}
    for name, folder in CORPORA.items():
        items = load_corpus(folder)
        scores, misses, held = evaluate(items, RULE_IDS)
        results[name] = (scores, misses)
        exact = len(items) - len(misses)
        print(
            f"{name}: {len(items)} statements, {exact} exactly right, "
            f"{held.right + held.wrong} missing-element errors held back "
            f"({held.right} false alarms, {held.wrong} true), {folder}"
        )
    head = f"{'tp':>4} {'fp':>3} {'fn':>3} {'prec':>6} {'recall':>6}"
    print(f"{'rule':<16} | " + " | ".join(f"{TITLES[n]:^27}" for n in CORPORA))
    print(f"{'':<16} | " + " | ".join(head for _ in CORPORA))
    status = 0
    for rule in RULE_IDS:
        flags = []
        for name in CORPORA:
            s = results[name][0][rule]
            if s.precision < FLOOR or s.recall < FLOOR or s.tp == 0:
                if (name, rule) in EXPLAINED:
                    flags.append(f"{name}: below {FLOOR}, see docs/rules.md")
                else:
                    flags.append(f"{name}: below {FLOOR}" if s.tp else f"{name}: no positive")
                    status = 1
        cells = " | ".join(_cell(results[n][0][rule]) for n in CORPORA)
        print(f"{rule:<16} | {cells}" + (f"  <- {'; '.join(flags)}" if flags else ""))
    for name in CORPORA:
        if name in UNSEEN and "--show-unseen" not in sys.argv:
            print(f"mismatches of {name}: not shown (never tuned on; reading them spoils it)")
            continue
        for ident, extra, missing in results[name][1]:
            print(f"mismatch {name} {ident}: unexpected {sorted(extra)} missing {sorted(missing)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
