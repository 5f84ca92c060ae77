"""`make eval` (check): per-rule precision and recall of `amends check` on the labelled corpus.

Run: `.venv/bin/python -m bench.eval_check`. Exits 1 if any rule is below 0.9 on either.
"""

from __future__ import annotations

import sys
from pathlib import Path

from amends.check.evaluate import evaluate, load_corpus
from amends.check.registry import RULE_IDS

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "check" / "corpus"
FLOOR = 0.9


def main() -> int:
    """Print a per-rule table and the mismatches; non-zero when a rule misses the floor."""
    items = load_corpus(CORPUS)
    scores, misses = evaluate(items, RULE_IDS)
    stages = sorted({i.stage.value for i in items})
    print(f"corpus: {len(items)} statements ({', '.join(stages)}), {CORPUS}")
    print(f"{'rule':<16} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    status = 0
    for rule in RULE_IDS:
        s = scores[rule]
        flag = ""
        if s.precision < FLOOR or s.recall < FLOOR or s.tp == 0:
            flag = "  <- below 0.9" if s.tp else "  <- no positive example"
            status = 1
        print(
            f"{rule:<16} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} {s.recall:>8.3f}{flag}"
        )
    for ident, extra, missing in misses:
        print(f"mismatch {ident}: unexpected {sorted(extra)} missing {sorted(missing)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
