"""Choose which missing-element errors the learned reading may hold back, and from what score.

Out of sample, the largest part of what the checker gets wrong is a required element it says is
missing where the writer stated it in words no round of patterns had met (`what`, `cause`, `fix`,
`repair`: precision 0.40 to 0.60 on the sets nobody had tuned on after round 30; evaluation.md). A
model of each element's absence, trained on our labelled corpora, holds such an error back when
it finds the element's absence unlikely (`amends.check.learned.held`).

The choice must be made where the patterns' errors are honest, which the tuned sets no longer
are: each round tuned their false alarms away. So it is made on the pairs of sets rounds 27 to 30
and 32 to 35 tuned on, each read by the patterns as they stood just before that round (`PAST`: a git
revision and its pair), with a model trained on every tuned set but that pair. A rule is kept
where, at the threshold with the best F1 among those whose held-back errors are at least 85%
right (a missing element let through is worse than a false error), F1 rises by 0.02 or more.
Only statements of `train_check.HOLD_MIN_WORDS` words or more are read; `--limits` also prints
each rule's choice for each shortest statement in `LIMITS` (round 35's choice by it, 15, lost
on the sets nobody had tuned on and was not kept: `train_check.HOLD_MIN_WORDS`).

Run: `.venv/bin/python -m bench.withhold_check [--limits]` (about twenty-five minutes: eight past
revisions' `src/` unpacked and run on their pair, as `bench.measure.revision_env` gives a
baseline, and nine candidate rules trained eight times each).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import product
from pathlib import Path
from typing import NamedTuple

from amends.check.learned import RuleModel, features, tokens
from bench.eval_check import CORPORA
from bench.measure import revision_env
from bench.train_check import HOLD_MIN_WORDS, _f1, absence_weights, labelled, training_sets

#: A git revision and the pair of sets a round tuned on after it.
Past = tuple[str, tuple[str, ...]]
#: The patterns as they stood before a round, and the pair of sets that round then tuned on.
PAST: tuple[Past, ...] = (
    ("112b86d", ("blind39", "blind40")),  # before round 27
    ("b13a321", ("blind41", "blind42")),  # before round 28
    ("21fcac9", ("blind43", "blind44")),  # before round 29
    ("f7d3964", ("blind45", "blind46")),  # before round 30
    ("592fb60", ("blind47", "blind48")),  # before round 32 (round 31 tuned no pattern)
    ("040bba4", ("blind49", "blind50")),  # before round 33
    ("4a22f97", ("blind51", "blind52")),  # before round 34
    ("727806d", ("blind53", "blind54")),  # before round 35
)
CANDIDATES = ("what", "cause", "fix", "repair", "empathy", "who", "eta", "ownership", "prevention")
TRIED = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
#: The least share of held-back errors that must have been false alarms.
RIGHT_SHARE = 0.85
#: The least rise in F1 for a rule to be kept.
GAIN = 0.02
#: The shortest statements (in words) compared with `--limits` (`train_check.HOLD_MIN_WORDS`).
LIMITS = (0, 10, 15, 20, 25, 30)

#: Run under a past checkout: the rules its patterns fire on each statement of the named sets,
#: with the rules that apply there (learned reading off).
_PAST_READER = """
import json, sys
from pathlib import Path
from amends.check.config import CheckConfig
from amends.check.engine import check_text, effective_rules
from amends.check.evaluate import load_corpus
rules = effective_rules(None, None)
out = {}
for d in sys.argv[1:]:
    for item in load_corpus(Path(d)):
        report = check_text(item.text, stage=item.stage, fmt=item.fmt, channel=item.channel,
                            locale=item.locale, profile=item.profile,
                            config=CheckConfig(learned=False))
        out[item.id] = [sorted(report.rule_ids()),
                        [r.id for r in rules if r.applies(item.stage, item.channel)]]
print(json.dumps(out))
"""


def past_findings(rev: str, sets: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """What the patterns at `rev` fire on today's copies of `sets`, by statement id."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", _PAST_READER, *(str(CORPORA[s]) for s in sets)],
            env=revision_env(rev, Path(tmp)),
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout)


class PastRow(NamedTuple):
    """A statement of a past pair as the patterns at that pair's revision read it."""

    got: frozenset[str]  # the rules the past patterns fired
    applies: frozenset[str]  # the rules that apply at its stage and channel
    labels: frozenset[str]
    n_words: int
    feats: set[str]


def past_rows(past: tuple[str, tuple[str, ...]]) -> list[PastRow]:
    """Every statement of a past pair with what the patterns at its revision fired, and its
    features for a model (the shared start of `_fold` here and in `bench.add_check`)."""
    rev, sets = past
    fired = past_findings(rev, sets)
    rows = []
    for name in sets:
        for item_id, text, stage, _, locale, labels in labelled(name):
            got, applies = fired[item_id]
            words = tokens(text)
            feats = features(text, stage, locale, words)
            rows.append(PastRow(frozenset(got), frozenset(applies), labels, len(words), feats))
    return rows


def patterns_count(c: list[int], got: bool, want: bool) -> None:
    """Count the past patterns' finding in `c`'s first three cells (tp, fp, fn)."""
    if got:
        c[0 if want else 1] += 1
    elif want:
        c[2] += 1


def _fold(past: tuple[str, tuple[str, ...]]) -> dict[tuple[str, int, float], list[int]]:
    """One pair's counts per (rule, shortest statement, threshold): the past patterns' tp fp fn,
    and the errors held back that were false alarms (right) and that were true (wrong)."""
    rows = past_rows(past)
    others = [name for name in training_sets() if name not in past[1]]
    counts = {(r, n, t): [0, 0, 0, 0, 0] for r in CANDIDATES for n in LIMITS for t in TRIED}
    for rule in CANDIDATES:
        trained = absence_weights(rule, others)
        model = RuleModel(rule, trained["bias"], 0.5, trained["weights"])
        for row in (r for r in rows if rule in r.applies):
            g, want = rule in row.got, rule in row.labels
            p = model.score(row.feats)
            for n, t in product(LIMITS, TRIED):
                c = counts[(rule, n, t)]
                patterns_count(c, g, want)
                if g and row.n_words >= n and p < t:
                    c[4 if want else 3] += 1
    return counts


#: Counts by (rule, shortest statement, threshold) here, by (rule, threshold) in `bench.add_check`.
Counts = dict[tuple[str | int | float, ...], list[int]]


def past_counts(fold: Callable[[Past], Counts], jobs: int = 2) -> tuple[list[Counts], Counts]:
    """`fold` run on every past pair (`jobs` at a time): each pair's counts, and their sums."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        per_fold = list(pool.map(fold, PAST))
    counts = {key: [sum(c[key][i] for c in per_fold) for i in range(5)] for key in per_fold[0]}
    return per_fold, counts


def _choice(counts: Counts, rule: str, shortest: int) -> tuple[list[str], float, float | None]:
    """One rule's cells per threshold at one shortest statement, its best F1 gain among the
    thresholds whose held-back errors are `RIGHT_SHARE` right, and that threshold."""
    tp, fp, fn, _, _ = counts[(rule, shortest, TRIED[0])]
    base = _f1(tp, fp, fn)
    cells, best = [f"{rule:11s} patterns {tp}/{fp}/{fn} F1 {base:.3f}"], (0.0, None)
    for t in TRIED:
        *_, right, wrong = counts[(rule, shortest, t)]
        gain = _f1(tp - wrong, fp - right, fn + wrong) - base
        cells.append(f"{t}: +{right}/-{wrong} {gain:+.3f}")
        if right + wrong and right / (right + wrong) >= RIGHT_SHARE and gain > best[0]:
            best = (gain, t)
    return cells, *best


def select(jobs: int = 2, limits: bool = False) -> list[str]:
    """Per candidate and threshold: the errors held back, right and wrong, and F1's change,
    summed over the past pairs; then each rule's choice by the rule in this module's doc, for
    statements of `HOLD_MIN_WORDS` words or more (with `limits`, then the choice at each of
    `LIMITS`)."""
    _, counts = past_counts(_fold, jobs)
    pairs = ", ".join(f"{'/'.join(sets)} at {rev}" for rev, sets in PAST)
    lines = [
        f"pairs {pairs}; statements of {HOLD_MIN_WORDS} words or more; per threshold: "
        "+right/-wrong held back, F1 change"
    ]
    for r in CANDIDATES:
        cells, gain, t = _choice(counts, r, HOLD_MIN_WORDS)
        kept = f"keep at {t}" if t is not None and gain >= GAIN else "out"
        lines.append("  ".join([*cells, kept]))
    if limits:
        lines.append("per shortest statement: each rule's choice (+right/-wrong, F1 change)")
        for r, n in product(CANDIDATES, LIMITS):
            _, gain, t = _choice(counts, r, n)
            if t is None or gain < GAIN:
                lines.append(f"{r:11s} {n:>2} words or more  out")
                continue
            right, wrong = counts[(r, n, t)][3:]
            kept = f"{t}: +{right}/-{wrong} {gain:+.3f}"
            lines.append(f"{r:11s} {n:>2} words or more  {kept}")
    return lines


def main() -> int:
    print("\n".join(select(limits="--limits" in sys.argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
