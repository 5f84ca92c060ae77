"""Choose which forbidden wordings the learned reading may add to the patterns, and from what score.

Until round 31 the reading's additions (`vague`, `blame`, `excuse`) were chosen on folds of the
tuned sets (`bench.train_check --select`), read by today's patterns. Those patterns were tuned on
the folds, so little is left there for a model to add, and its value out of sample was
underrated: after round 31, on the sets nobody had tuned on, the patterns and the reading still
missed 31 `blame`, 35 `excuse` and 26 `vague` findings (evaluation.md).

So this reads, as `bench.withhold_check` does, the pairs of sets rounds 27 to 30 and 32 tuned on,
each with the patterns as they stood just before that round (`withhold_check.PAST`), and scores each
with a model trained on every tuned set but that pair. A finding the past patterns already made
is not counted again. The rule is `bench.train_check`'s, fixed before any count was read: keep a
rule where, at a threshold whose additions are at least three in five right, F1 rises by 0.02 or
more; thresholds start 0.1 above the highest score any of our own drafts, or any development
statement without the label, gets; of thresholds within 0.002 of the best F1, the highest; and
the additions on the newest pair must be at least half right.

Run: `.venv/bin/python -m bench.add_check` (fifteen to twenty minutes on two cores).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from amends.check.learned import RuleModel, features, tokens, train
from bench.train_check import (
    L1,
    MIN_WORDS,
    _f1,
    _rows,
    build_rules,
    dev_max,
    drafts_max,
    labelled,
    training_sets,
)
from bench.withhold_check import PAST, past_findings

#: The forbidden wordings tried: the required elements' errors go the other way (`withhold_check`).
CANDIDATES = ("vague", "non-apology", "blame", "excuse", "minimise", "generic-apology", "jargon")
TRIED = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The least share of additions that must be right, overall and on the newest pair.
RIGHT_SHARE, NEWEST_SHARE = 0.6, 0.5
#: The least rise in F1 for a rule to be kept, and how close to the best F1 a higher threshold
#: may be and still be taken; the margin over our own drafts' and the development set's scores.
GAIN, NEAR, MARGIN = 0.02, 0.002, 0.1


def _fold(past: tuple[str, tuple[str, ...]]) -> dict[tuple[str, float], list[int]]:
    """One pair's counts per (rule, threshold): the past patterns' tp fp fn, and the reading's
    additions that were right and wrong."""
    rev, sets = past
    fired = past_findings(rev, sets)
    rows = [row for name in training_sets() if name not in sets for row in _rows(name)]
    trained = train(rows, CANDIDATES, l1=L1, threshold=0.5)
    models = {r: RuleModel(r, m["bias"], 0.5, m["weights"]) for r, m in trained.items()}
    counts = {(r, t): [0, 0, 0, 0, 0] for r in CANDIDATES for t in TRIED}
    for name in sets:
        for item_id, text, stage, _, locale, labels in labelled(name):
            got, applies = fired[item_id]
            words = tokens(text)
            feats = features(text, stage, locale, words)
            for rule in CANDIDATES:
                if rule not in applies:
                    continue
                g, want = rule in got, rule in labels
                p = models[rule].score(feats) if len(words) >= MIN_WORDS else 0.0
                for t in TRIED:
                    c = counts[(rule, t)]
                    if g:
                        c[0 if want else 1] += 1
                    elif want:
                        c[2] += 1
                    if not g and p >= t:
                        c[3 if want else 4] += 1
    return counts


def select(jobs: int = 2) -> list[str]:
    """Per candidate and threshold: the additions right and wrong and F1's change, summed over
    the past pairs, with the newest pair's apart; then each rule's choice by this module's rule."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        per_fold = list(pool.map(_fold, PAST))
    counts = {key: [sum(c[key][i] for c in per_fold) for i in range(5)] for key in per_fold[0]}
    newest = per_fold[-1]
    full = build_rules(CANDIDATES, 0.5)
    pairs = ", ".join(f"{'/'.join(sets)} at {rev}" for rev, sets in PAST)
    lines = [f"pairs {pairs}; per threshold: +right/-wrong added, F1 change [newest pair]"]
    for r in CANDIDATES:
        tp, fp, fn, _, _ = counts[(r, TRIED[0])]
        base = _f1(tp, fp, fn)
        floor = max(drafts_max(full[r]), dev_max(full[r])) + MARGIN
        cells = [f"{r:15s} patterns {tp}/{fp}/{fn} F1 {base:.3f} floor {floor:.2f}"]
        allowed: list[tuple[float, float]] = []
        for t in TRIED:
            *_, right, wrong = counts[(r, t)]
            n_right, n_wrong = newest[(r, t)][3:]
            gain = _f1(tp + right, fp + wrong, fn - right) - base
            cells.append(f"{t}: +{right}/-{wrong} {gain:+.3f} [+{n_right}/-{n_wrong}]")
            share = right / (right + wrong) if right + wrong else 0.0
            n_share = n_right / (n_right + n_wrong) if n_right + n_wrong else 1.0
            if t >= floor and share >= RIGHT_SHARE and n_share >= NEWEST_SHARE:
                allowed.append((gain, t))
        best = max((g for g, _ in allowed), default=0.0)
        chosen = max((t for g, t in allowed if g >= best - NEAR), default=None)
        kept = f"keep at {chosen}" if chosen is not None and best >= GAIN else "out"
        lines.append("  ".join([*cells, kept]))
    return lines


def main() -> int:
    print("\n".join(select()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
