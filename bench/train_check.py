"""Train the checker's learned reading (`amends/check/learned.json`) on the tuned corpora.

Every labelled corpus `make eval` lists is used except those nobody has tuned on (`UNSEEN`), so
the next blind set stays a fair measure. The file records which corpora it was trained on and a
digest of their files; `tests/check/test_learned.py` fails when either no longer matches.

Run: `.venv/bin/python -m bench.train_check` (seconds); `--check` only compares; `--select`
prints the table the rules and thresholds were chosen from (`select`; about 25 minutes on eight
folds, two at a time).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from functools import cache
from itertools import product
from pathlib import Path

from amends.check.config import CheckConfig
from amends.check.engine import check_text, effective_rules
from amends.check.evaluate import load_corpus
from amends.check.learned import MODEL_FILE, RuleModel, features, tokens, train
from amends.check.model import Channel, Stage
from amends.check.source import parse
from bench.eval_check import CORPORA, UNSEEN

#: The rules the learned reading covers and each one's score to fire at, chosen in round 14 and
#: again in rounds 16 to 20 and 22 to 25 (after training on more sets) by training without each of
#: the blind sets in `FOLDS` in turn (four; six from round 25) and counting what the reading added
#: to the patterns there (`--select`). A rule is kept where its best threshold raises F1 by 0.02 or
#: more with at least three in five additions right; the thresholds tried start 0.1 above the
#: highest score any of our own composed drafts gets (the golden files and, from round 18, the
#: drafts the console composes for its test incident: `drafts_max`), and above the highest of any
#: development statement without the label, so that our drafts and the rules' specification stay
#: clear; of thresholds within 0.002 of the best F1, the highest (the fewest wrong additions) is
#: taken (docs/rules.md, "Round 14", "Round 16" to "Round 23"). Round 23, trained on the
#: thirty-first and thirty-second sets too: vague 0.7 → 0.8 (+0.0598 F1, 18 of 21 additions right,
#: within 0.002 of 0.6's +0.0603), `blame` back at 0.8 (+0.134, 14 of 14: our drafts' highest score
#: on it fell from 0.89 to 0.69), excuse kept at 0.3 (+0.368, 26 of 29), `who` back at 0.8 (+0.0219,
#: 11 of 12), cause kept at 0.7 (+0.1377, within 0.002 of 0.6's +0.1381) and fix 0.9 → 0.8 (+0.046,
#: 10 of 11; our drafts' highest score on it fell from 0.77 to 0.63). Out: `generic-apology`
#: (+0.014), `what` (+0.015), `empathy` (+0.013) and `eta` (+0.012); `non-apology` (a Spanish golden
#: draft scores 0.99 on it) and `when` (our drafts score 0.92) stay out. Round 24, trained on the
#: thirty-third and thirty-fourth sets too: vague kept at 0.8 (+0.0562, 17 of 20 right; 0.5's
#: +0.0632 is under our drafts' 0.65 + 0.1), blame kept at 0.8 (+0.1337, within 0.002 of 0.7's
#: +0.1343), excuse 0.3 → 0.5 (+0.3735, 25 of 26, as 0.4), cause 0.7 → 0.5 (+0.1388, 54 of 66; 0.4
#: is under the development set's 0.33 + 0.1), fix 0.8 → 0.9 (+0.0461, 9 of 9: our drafts' highest
#: score on it rose to 0.80), and `who` out (+0.0199 at 0.8, under the 0.02 bar; its warnings were
#: all wrong on the sets nobody had tuned on in round 23). Still out: `empathy` (+0.013),
#: `generic-apology` (+0.014), `what` (+0.013), `eta` (+0.012). Round 25, trained on the
#: thirty-fifth and thirty-sixth sets too and chosen on six folds (those two added to `FOLDS`, the
#: newest sets, written to today's brief): vague kept at 0.8 (+0.059, 24 of 28 right), blame 0.8 →
#: 0.7 (+0.089, 15 of 15; our drafts' highest score on it is 0.58), excuse kept at 0.5 (+0.287, 30
#: of 32, as 0.4), cause kept at 0.5 (+0.130, 63 of 83), fix kept at 0.9 (+0.028, 7 of 8; our drafts
#: reach 0.71). Still out: `empathy` (+0.018), `what` (+0.017), `generic-apology` (+0.014), `who`
#: (+0.013 at 0.9). Round 26, trained on the thirty-seventh and thirty-eighth sets too and chosen
#: on eight folds (those two added, now the newest pair), with one more condition decided before
#: any measuring: at the chosen threshold, the additions on the newest pair of folds must be at
#: least half right (`NEWEST`). Vague kept at 0.8 (+0.050, 26 of 32 right; 1 of 2 on the newest),
#: blame 0.7 → 0.8 (+0.0669, within 0.002 of 0.7's +0.0673; 15 of 15, 1 of 1), excuse 0.5 → 0.7
#: (+0.195, 28 of 29; 2 of 3). Out: `cause` (best within 0.002 at 0.7, +0.110 with 59 of 78
#: right, but 4 of 9 on the newest pair; 0.5 and under are below the development set's 0.41 +
#: 0.1) and `fix` (0.9, +0.027 with 7 of 8, but 0 of 1 on the newest pair; it had been wrong on
#: every unseen set for three rounds). Still out: `what` (+0.019), `generic-apology` (+0.012),
#: `who` (+0.011), `empathy` (+0.010). Round 32 chose them where the patterns' misses are honest
#: (`bench/add_check.py`: the pairs of sets rounds 27 to 30 and 32 tuned on, each read by the
#: patterns as they stood before that round), by the same rule: blame 0.8 → 0.7 (+0.090, 23 of
#: 31 right), excuse 0.7 → 0.5 (+0.157, 29 of 42), `minimise` in at 0.6 (+0.035, 9 of 11), and
#: `vague` out (+0.019 at most, under the bar; 14 of 27 right at 0.8, 1 of 3 on the newest pair).
#: Round 33 chose them on six pairs (the forty-ninth and fiftieth at 040bba4 added) by a rule that
#: counts a wrong warning as a missed one, written down before it ran (`bench/add_check.py`: the
#: most right additions less wrong ones, none of the pairs losing, two in three right): blame 0.7 →
#: 0.8 (28 right, 2 wrong), excuse 0.5 → 0.7 (37, 6), minimise 0.6 → 0.7 (11, 3), and `jargon` in at
#: 0.7 (5, 0: net 5, the least kept). Out: `vague` (every threshold loses on a pair but 0.9, 14 and
#: 8, which loses on one), `non-apology` (net 3 at most), `generic-apology` (none added). Round
#: 34, on seven pairs (the fifty-first and fifty-second at 4a22f97 added), by the same rule: blame
#: stays at 0.8 (35 right, 2 wrong), excuse 0.7 → 0.6 (41, 9: net 32 against 25), minimise (10, 3)
#: and jargon (5, 0) stay at 0.7; `vague` (every threshold loses on a pair), `non-apology` (net 4
#: at 0.7) and `generic-apology` (none added) stay out. Round 35, on eight pairs (the fifty-third
#: and fifty-fourth at 727806d added), by the same rule: blame 0.8 → 0.7 (40 right, 4 wrong: net 36
#: against 34), excuse 0.6 → 0.9 (27, 4: every lower threshold loses on a pair), minimise 0.7 → 0.6
#: (13, 4: net 9 against 8), and `jargon` out (0.7 loses on a pair; 0.9, 4 right and none wrong,
#: nets under `NET`); `vague`, `non-apology` and `generic-apology` stay out.
THRESHOLD = {
    "blame": 0.7,
    "excuse": 0.9,
    "minimise": 0.6,
}
RULES = tuple(THRESHOLD)
#: The required elements whose missing-element error the reading may hold back, and the score of
#: absence under which it does: chosen by `bench/withhold_check.py` (see its doc and
#: docs/rules.md, "Round 31"); again in round 32 with the forty-seventh and forty-eighth as a fifth
#: pair (`cause` 0.15 → 0.2, `fix` 0.2 → 0.15), and in round 33 with the forty-ninth and fiftieth
#: as a sixth, by the same rule (`what` 0.15 → 0.1, `cause` 0.2 → 0.1, `fix` 0.15 → 0.2, `repair`
#: 0.25 → 0.5, `empathy` 0.3 → 0.25; `eta` out: 10 right and 1 wrong at 0.05 raise F1 by 0.017,
#: under the bar, and higher thresholds are under 85% right); and in round 34 with the fifty-first
#: and fifty-second as a seventh (`what` 0.1 → 0.15: 108 right, 5 wrong; `fix` 0.2 → 0.1: 81, 8;
#: `repair` 0.5 → 0.4: 171, 15; `cause` 0.1 and `empathy` 0.25 kept; `eta` still out: 13 and 2 at
#: 0.05 raise F1 by 0.018, and every threshold over the bar is under 85% right); and in round 35
#: with the fifty-third and fifty-fourth as an eighth (`what` 0.15 → 0.3: 126 right, 10 wrong; `fix`
#: 0.1 → 0.2: 103, 17; `cause` 0.1, `repair` 0.4 and `empathy` 0.25 kept; `eta` still out: at every
#: threshold more than 15% of what it holds back are true errors, 15 right and 4 wrong at 0.05).
WITHHOLD = {
    "what": 0.3,
    "cause": 0.1,
    "fix": 0.2,
    "repair": 0.4,
    "empathy": 0.25,
}
L1 = 1.0
#: The shortest statement (in words) the model reads.
MIN_WORDS = 30
#: The shortest statement whose missing-element errors it may hold back (`withhold_min_words`).
#: Round 35 compared limits on the eight past pairs (`bench/withhold_check.py --limits`): from 25
#: words down `what` held back short posts' false alarms (171 right and 12 wrong at 15, against
#: 126 and 10 at 30; F1 +0.206 against +0.129), the other kept rules the same. Measured once on
#: the six sets nobody had tuned on, 15 held back 8 more false alarms and 11 more true errors
#: (`what` recall 0.77 -> 0.40; 524 -> 522 statements exactly right), so it stays at 30, as the
#: warnings (evaluation.md, "Round 35: a shorter limit for held-back errors, tried").
HOLD_MIN_WORDS = 30
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "amends" / "check" / MODEL_FILE
#: Our own composed drafts, one fixed record in every stage, channel, language and audience.
GOLDEN = ROOT / "tests" / "compose" / "golden"
#: When the console's test incident records service back (`tests/console/test_resolve.py`).
CONSOLE_RESTORED = datetime(2026, 12, 3, 8, 40, tzinfo=UTC)
#: When the console's watched incident is opened (`tests/console/conftest.py`'s clock).
CONSOLE_WATCHED = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
#: The sets left out in turn when choosing, the rules tried and the thresholds tried.
FOLDS = (
    *("blind11", "blind14", "blind15", "blind16", "blind35", "blind36"),
    *("blind37", "blind38"),
)
#: The newest pair of folds, written to today's brief: a rule's additions there must be at
#: least half right (from round 26; the learned `fix` was wrong on every unseen set in rounds 23
#: to 25 while the older folds kept it).
NEWEST = FOLDS[-2:]
CANDIDATES = (
    *("vague", "non-apology", "blame", "excuse", "minimise", "generic-apology", "jargon"),
    *("what", "who", "when", "cause", "eta", "apology", "empathy", "ownership", "fix"),
    *("prevention", "support", "readability"),
)
TRIED = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def training_sets() -> list[str]:
    """The corpora the model learns from: every listed one but the unseen."""
    return [name for name in CORPORA if name not in UNSEEN]


def digest(names: list[str]) -> str:
    """SHA-256 over the named corpora's YAML files, in order."""
    h = hashlib.sha256()
    for name in names:
        for path in sorted(CORPORA[name].glob("*.yaml")):
            h.update(f"{name}/{path.name}\n".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def applying(rule: str, names: Iterable[str]) -> list[tuple[str, str, str, frozenset[str]]]:
    """The (prose, stage, locale, labels) rows of the named sets where `rule` applies."""
    by_id = {r.id: r for r in effective_rules(None, None)}
    return [
        (text, stage, locale, labels)
        for name in names
        for _, text, stage, channel, locale, labels in labelled(name)
        if by_id[rule].applies(Stage(stage), channel)
    ]


def absence_weights(rule: str, names: Iterable[str], threshold: float = 0.5) -> dict:
    """A model of `rule`'s element being absent (as `learned.json` holds it), trained on the
    statements of `names` where the rule applies."""
    return train(applying(rule, names), [rule], l1=L1, threshold=threshold)[rule]


def build() -> dict:
    """The model's JSON: what it was trained on and each rule's weights."""
    names = training_sets()
    rules = train(_training_rows(), RULES, l1=L1, threshold=THRESHOLD)
    return {
        "trained_on": names,
        "digest": digest(names),
        "l1": L1,
        "min_words": MIN_WORDS,
        "withhold_min_words": HOLD_MIN_WORDS,
        "rules": rules,
        "withhold": {r: absence_weights(r, names, t) for r, t in WITHHOLD.items()},
    }


@cache
def labelled(name: str) -> tuple[tuple[str, str, str, Channel | None, str, frozenset[str]], ...]:
    """A corpus as (id, prose, stage, channel, locale, labels) rows, read once per run."""
    return tuple(
        (item.id, parse(item.text, item.fmt).text, str(item.stage), item.channel, item.locale,
         frozenset(item.expect))
        for item in load_corpus(CORPORA[name])
    )  # fmt: skip


@cache
def _rows(name: str) -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """A corpus as (prose, stage, locale, labels) rows (`labelled` without id and channel)."""
    return tuple((t, stage, locale, labels) for _, t, stage, _, locale, labels in labelled(name))


def _training_rows(leaving_out: str | None = None) -> list[tuple[str, str, str, frozenset[str]]]:
    """The rows of every training set (but `leaving_out`, a fold being scored)."""
    return [row for name in training_sets() if name != leaving_out for row in _rows(name)]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fold_counts(fold: str) -> dict[tuple[str, float], list[int]]:
    """One fold's counts per (rule, threshold): tp fp fn of the patterns, and the reading's
    right and wrong additions, scored by a model trained without the fold."""
    rules = effective_rules(None, None)
    counts = {(r, t): [0, 0, 0, 0, 0] for r in CANDIDATES for t in TRIED}
    trained = train(_training_rows(fold), CANDIDATES, l1=L1, threshold=0.5)
    models = {r: RuleModel(r, m["bias"], 0.5, m["weights"]) for r, m in trained.items()}
    for item in load_corpus(CORPORA[fold]):
        text = parse(item.text, item.fmt).text
        fired = check_text(
            item.text, stage=item.stage, fmt=item.fmt, channel=item.channel,
            locale=item.locale, config=CheckConfig(learned=False),
        ).rule_ids()  # fmt: skip
        words = tokens(text)
        feats = features(text, str(item.stage), item.locale, words)
        for rule in (r for r in rules if r.id in CANDIDATES):
            if not rule.applies(item.stage, item.channel):
                continue
            want = rule.id in item.expect
            p = models[rule.id].score(feats) if len(words) >= MIN_WORDS else 0.0
            for t in TRIED:
                c = counts[(rule.id, t)]
                if rule.id in fired:
                    c[0 if want else 1] += 1
                elif want:
                    c[2] += 1
                if rule.id not in fired and p >= t:
                    c[3 if want else 4] += 1
    return counts


def select(jobs: int = 2) -> list[str]:
    """Per candidate rule and threshold: what the reading adds to the patterns on each fold.

    Each fold is scored by a model trained without it (`jobs` folds at a time); a finding the
    patterns already make is not counted again. The additions on the newest pair of folds
    (`NEWEST`) are shown apart: from round 26 a rule is kept only where at least half of them are
    right. The last columns are the highest score any of our golden drafts gets, and any
    development statement without the label (the rules' own specification must stay right).
    """
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        per_fold = dict(zip(FOLDS, pool.map(_fold_counts, FOLDS), strict=True))
    counts = {
        key: [sum(n) for n in zip(*(c[key] for c in per_fold.values()), strict=True)]
        for key in per_fold[FOLDS[0]]
    }
    full = build_rules(CANDIDATES, 0.5)
    lines = [
        f"folds {', '.join(FOLDS)}; per threshold: +right/-wrong additions, F1 change, "
        f"[+right/-wrong on the newest folds, {', '.join(NEWEST)}]"
    ]
    for r in CANDIDATES:
        tp, fp, fn, _, _ = counts[(r, TRIED[0])]
        base = _f1(tp, fp, fn)
        cells = [f"{r:15s} patterns {tp}/{fp}/{fn} F1 {base:.3f}"]
        for t in TRIED:
            *_, right, wrong = counts[(r, t)]
            new_right = sum(per_fold[f][(r, t)][3] for f in NEWEST)
            new_wrong = sum(per_fold[f][(r, t)][4] for f in NEWEST)
            cells.append(
                f"{t}: +{right}/-{wrong} {_f1(tp + right, fp + wrong, fn - right) - base:+.3f}"
                f" [+{new_right}/-{new_wrong}]"
            )
        cells.append(f"our drafts max {drafts_max(full[r]):.2f}, dev max {dev_max(full[r]):.2f}")
        lines.append("  ".join(cells))
    return lines


@cache
def _golden() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """Our golden drafts as rows like `_rows`' (no labels), read once per run."""
    rows = []
    for path in sorted(GOLDEN.glob("*.txt")):
        head, text = path.read_text(encoding="utf-8").split("\n---\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        if "stage" in meta:  # the personal notices are not checked as statements
            rows.append((text, meta["stage"], meta["locale"], frozenset()))
    return tuple(rows)


def _highest(model: RuleModel, rows: Iterable[tuple[str, str, str, frozenset[str]]]) -> float:
    """The highest score the model gives a row without its label, long enough to be read."""
    best = 0.0
    for text, stage, locale, labels in rows:
        words = tokens(text)
        if model.rule not in labels and len(words) >= MIN_WORDS:
            best = max(best, model.score(features(text, stage, locale, words)))
    return best


@cache
def _console_drafts() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """The drafts the console composes for its test incidents, every stage, channel and
    audience: our own drafts too, which the golden files do not hold. From round 18, the
    incident of `tests.web.factories.incident` with service back as
    `tests/console/test_resolve.py` records it; from round 19, the ongoing outage the watcher
    opens from records (`tests/console/watched.py`), with the symptom a person gives it."""
    from tests.console.watched import watched_record
    from tests.web.factories import incident

    from amends.compose.draft import draft
    from amends.compose.model import AUDIENCES, STAGES, MissingFacts
    from amends.errors import InputError
    from amends.publish.workspace import WORKSPACE_CHANNELS

    records = [
        incident(locales=["en", "es"], restored_at=CONSOLE_RESTORED),
        watched_record(CONSOLE_WATCHED, symptoms={"failures": "calls fail with a fast busy tone"}),
    ]
    rows = []
    for record in records:
        every = product(STAGES, WORKSPACE_CHANNELS, record.locales, AUDIENCES)
        for stage, channel, locale, audience in every:
            try:
                d = draft(record, stage, channel, locale, audience=audience)
            except (MissingFacts, InputError):
                continue
            rows.append((d.text, stage, locale, frozenset()))
    return tuple(rows)


def drafts_max(model: RuleModel) -> float:
    """The highest score the model gives any of our own drafts: the golden files and the drafts
    the console composes for its test incident."""
    return max(_highest(model, _golden()), _highest(model, _console_drafts()))


def dev_max(model: RuleModel) -> float:
    """The highest score the model gives a development statement not labelled with its rule."""
    return _highest(model, _rows("dev"))


def build_rules(rules: tuple[str, ...], threshold: float) -> dict[str, RuleModel]:
    """Models for `rules` trained on every training set, all at one threshold."""
    trained = train(_training_rows(), rules, l1=L1, threshold=threshold)
    return {r: RuleModel(r, m["bias"], threshold, m["weights"]) for r, m in trained.items()}


def main() -> int:
    """Write the model, or with `--check` say whether the shipped one matches the corpora."""
    if "--select" in sys.argv:
        print("\n".join(select()))
        return 0
    if "--check" in sys.argv:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
        names = training_sets()
        ok = shipped["trained_on"] == names and shipped["digest"] == digest(names)
        print("learned.json matches the corpora" if ok else "learned.json is stale: retrain")
        return 0 if ok else 1
    model = build()
    OUT.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sizes = ", ".join(f"{r}: {len(m['weights'])} weights" for r, m in model["rules"].items())
    print(f"wrote {OUT} (trained on {len(model['trained_on'])} corpora; {sizes})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
