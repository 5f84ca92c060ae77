"""Choose which forbidden wordings the learned reading may add to the patterns, and from what score.

Until round 31 the reading's additions (`vague`, `blame`, `excuse`) were chosen on folds of the
tuned sets (`bench.train_check --select`), read by today's patterns. Those patterns were tuned on
the folds, so little is left there for a model to add, and its value out of sample was
underrated: after round 31, on the sets nobody had tuned on, the patterns and the reading still
missed 31 `blame`, 35 `excuse` and 26 `vague` findings (evaluation.md).

So this reads, as `bench.withhold_check` does, the pairs of sets rounds 27 to 30 and 32 to 35 tuned
on, each with the patterns as they stood just before that round (`withhold_check.PAST`), and scores
each with a model trained on every tuned set but that pair. A finding the past patterns already made
is not counted again.

The rule changed in round 33, written down before the sixth pair's counts were read. Round 32 used
`bench.train_check`'s: F1 to rise by 0.02 or more, at a threshold whose additions are three in five
right. It traded precision for recall, and out of sample the statements exactly right fell
(evaluation.md, "round 32 measured once"): a wrong warning spoils a statement as much as a missed
one does. Now a threshold is allowed where, on every past pair, the right additions are at least
as many as the wrong ones, and overall at least two in three are right; it must sit 0.1 above the
highest score any of our own drafts, or any development statement without the label, gets. Of
the allowed thresholds the one with the most right additions less wrong ones over all pairs is
taken (the higher on a tie), and the rule is kept where that is at least `NET`.

Run: `.venv/bin/python -m bench.add_check` (fifteen to twenty minutes on two cores).
"""

from __future__ import annotations

from amends.check.learned import RuleModel, train
from bench.train_check import (
    L1,
    MIN_WORDS,
    _f1,
    _rows,
    build_rules,
    dev_max,
    drafts_max,
    training_sets,
)
from bench.withhold_check import PAST, past_counts, past_rows, patterns_count

#: The forbidden wordings tried: the required elements' errors go the other way (`withhold_check`).
CANDIDATES = ("vague", "non-apology", "blame", "excuse", "minimise", "generic-apology", "jargon")
TRIED = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The least share of additions that must be right overall; on each pair, right ones must be at
#: least as many as wrong ones.
RIGHT_SHARE = 2 / 3
#: The least right additions less wrong ones, over all pairs, for a rule to be kept; the margin
#: over our own drafts' and the development set's scores.
NET, MARGIN = 5, 0.1


def _fold(past: tuple[str, tuple[str, ...]]) -> dict[tuple[str, float], list[int]]:
    """One pair's counts per (rule, threshold): the past patterns' tp fp fn, and the reading's
    additions that were right and wrong."""
    rows = [row for name in training_sets() if name not in past[1] for row in _rows(name)]
    trained = train(rows, CANDIDATES, l1=L1, threshold=0.5)
    models = {r: RuleModel(r, m["bias"], 0.5, m["weights"]) for r, m in trained.items()}
    counts = {(r, t): [0, 0, 0, 0, 0] for r in CANDIDATES for t in TRIED}
    for row in past_rows(past):
        for rule in (r for r in CANDIDATES if r in row.applies):
            g, want = rule in row.got, rule in row.labels
            p = models[rule].score(row.feats) if row.n_words >= MIN_WORDS else 0.0
            for t in TRIED:
                c = counts[(rule, t)]
                patterns_count(c, g, want)
                if not g and p >= t:
                    c[3 if want else 4] += 1
    return counts


def select(jobs: int = 2) -> list[str]:
    """Per candidate and threshold: the additions right and wrong, summed over the past pairs,
    with F1's change (shown, no longer chosen on) and the pairs where wrong ones outnumber right
    ones; then each rule's choice by this module's rule."""
    per_fold, counts = past_counts(_fold, jobs)
    full = build_rules(CANDIDATES, 0.5)
    pairs = ", ".join(f"{'/'.join(sets)} at {rev}" for rev, sets in PAST)
    lines = [f"pairs {pairs}; per threshold: +right/-wrong added, F1 change, pairs lost"]
    for r in CANDIDATES:
        tp, fp, fn, _, _ = counts[(r, TRIED[0])]
        base = _f1(tp, fp, fn)
        floor = max(drafts_max(full[r]), dev_max(full[r])) + MARGIN
        cells = [f"{r:15s} patterns {tp}/{fp}/{fn} F1 {base:.3f} floor {floor:.2f}"]
        allowed: list[tuple[int, float]] = []
        for t in TRIED:
            *_, right, wrong = counts[(r, t)]
            lost = sum(1 for c in per_fold if c[(r, t)][4] > c[(r, t)][3])
            gain = _f1(tp + right, fp + wrong, fn - right) - base
            cells.append(f"{t}: +{right}/-{wrong} {gain:+.3f} [{lost}]")
            share = right / (right + wrong) if right + wrong else 0.0
            if t >= floor and share >= RIGHT_SHARE and not lost:
                allowed.append((right - wrong, t))
        net, chosen = max(allowed, default=(0, None))
        kept = f"keep at {chosen} (net {net:+d})" if chosen is not None and net >= NET else "out"
        lines.append("  ".join([*cells, kept]))
    return lines


def main() -> int:
    print("\n".join(select()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
