"""A learned reading for rules whose patterns miss new wordings.

Ten rounds of hand-written patterns found a quarter to three fifths of the vague, blaming and
excusing language a new writer puts in, and let thin causes and fixes pass (docs/rules.md,
"Evaluation"). This module adds, for the rules named in `learned.json`, a logistic model over a
statement's words and word pairs, trained on our own labelled corpora (`bench/train_check.py`).
It only adds: where the patterns already fire the rule (a forbidden wording) or found nothing of
it (a required element), or where its score is under the rule's threshold, it says nothing. What
it says is a warning that names its score and the words that weighed most, so a person can judge.

From round 31 it also holds back: for the required elements in `learned.json`'s `withhold`, a
model of the element being absent; where a pattern says the element is missing and that model
finds its absence unlikely, the error is held back and listed, not counted (`held`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files

from amends.check import compiled

MODEL_FILE = "learned.json"
_LETTERS = "a-záéíóúñü'"
_NUMBER = compiled.compile(r"[0-9][0-9,.:]*")
#: A word, or a number as `0`: the first character is read before the choice (`patterns.PHONE`
#: says why), so only letters and zeros are tried.
_WORD = compiled.compile(f"[{_LETTERS}0](?:(?<=0)|[{_LETTERS}]*)")


def tokens(text: str) -> list[str]:
    """The statement's lower-case words, every number as `0`."""
    return _WORD.findall(_NUMBER.sub("0", text.lower()))


#: English and Spanish function words: articles, pronouns, prepositions, conjunctions and forms of
#: "be" and "have". Alone they say nothing about a rule, but a model can still learn them from a
#: few hundred statements: round 12's `excuse` fired on our own Spanish follow-up on "así", "los"
#: and "del". They are left out as words and as pairs of two; a pair with one ("our control",
#: "sorry if") stays. Words that carry a rule's meaning ("may", "some", "any", "if", "only",
#: "not") are not on the list.
_FUNCTION_WORDS = """
    a an the of to in on at by for from with and or but as is are was were be been being it its
    this that these those we our us you your they their them he she his her i my me have has had
    do does did will would there which who whom what when where so than then into about also el la
    los las un una unos unas de del al en y e o u que se por para con su sus lo le les es son fue
    ha han hemos he ser está están este esta estos estas ese esa esos esas como así más muy ya nos
    nuestro nuestra nuestros nuestras sobre entre desde hasta cuando donde pero también te tu tus
    mi
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


def features(text: str, stage: str, locale: str, words: list[str] | None = None) -> set[str]:
    """Content words (every number as `0`) and adjacent pairs, with the stage and language.

    Function words count only inside a pair with a content word (`FUNCTION_WORDS`).
    """
    words = tokens(text) if words is None else words
    stop = FUNCTION_WORDS
    found = {w for w in words if w not in stop}
    found.update(
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)  # noqa: RUF007
        if a not in stop or b not in stop
    )
    found.add(f"STAGE={stage}")
    found.add(f"LANG={locale[:2]}")
    return found


@dataclass(frozen=True)
class RuleModel:
    """One rule's weights: it fires when the logistic score reaches `threshold`."""

    rule: str
    bias: float
    threshold: float
    weights: dict[str, float]
    keys: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(self.weights))

    def score(self, feats: set[str]) -> float:
        """The model's probability that the statement breaks the rule."""
        # (`math.fsum`: the same sum in any order; a set's order changes with the process's string
        # hashing, and a plain sum with it, enough to move a score that sits on a threshold)
        z = math.fsum([self.bias, *map(self.weights.__getitem__, feats & self.keys)])
        return 1.0 / (1.0 + math.exp(-z))

    def evidence(self, feats: Iterable[str], most: int = 3, *, against: bool = False) -> list[str]:
        """The present words and pairs that raised the score most (stage and language left out);
        `against`: those that lowered it most."""
        sign = -1.0 if against else 1.0
        weighed = [
            (w, f) for f in feats if (w := sign * self.weights.get(f, 0.0)) > 0 and "=" not in f
        ]
        return [f for _, f in sorted(weighed, key=lambda p: (-p[0], p[1]))[:most]]


@dataclass(frozen=True)
class Model:
    """The rules the learned reading covers, and what it was trained on."""

    trained_on: tuple[str, ...]
    digest: str
    min_words: int
    rules: dict[str, RuleModel]
    keys: frozenset[str] = field(default=frozenset(), init=False)
    #: Each feature's weights as (rule's place in `rules`, weight): all rules scored in one pass.
    table: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset().union(*(m.keys for m in self.rules.values())))
        table: dict[str, list[tuple[int, float]]] = {}
        for i, m in enumerate(self.rules.values()):
            for f, w in m.weights.items():
                table.setdefault(f, []).append((i, w))
        object.__setattr__(self, "table", {f: tuple(ws) for f, ws in table.items()})

    def scores(self, present: frozenset[str]) -> dict[str, float]:
        """Every rule's score for the features `present` returned (as `RuleModel.score`)."""
        terms: list[list[float]] = [[m.bias] for m in self.rules.values()]
        table = self.table
        for f in present:
            for i, w in table[f]:
                terms[i].append(w)
        # `math.fsum`, as `RuleModel.score`: the same score whatever order the set gives
        return {
            r: 1.0 / (1.0 + math.exp(-math.fsum(t))) for r, t in zip(self.rules, terms, strict=True)
        }

    def present(
        self, words: list[str], stage: str, locale: str, pairs: Iterable[str] | None = None
    ) -> frozenset[str]:
        """The statement's features that any rule weighs: `features` cut to the model's keys.

        Function words and pairs of two are in no rule's keys, so this skips their filter, joins
        every pair in C and keeps only what the keys hold: two thirds of `features`' time.
        """
        keys = self.keys
        if pairs is None:
            pairs = map(" ".join, zip(words, words[1:], strict=False))  # noqa: RUF007
        found = keys.intersection(words).union(keys.intersection(pairs))
        return found.union(keys.intersection((f"STAGE={stage}", f"LANG={locale[:2]}")))


def from_json(data: dict, part: str = "rules") -> Model:
    """A model from the JSON `bench/train_check.py` writes: the rules it adds findings for
    (`rules`), or the required elements whose absence it weighs (`withhold`)."""
    rules = {
        rid: RuleModel(rid, float(r["bias"]), float(r["threshold"]), dict(r["weights"]))
        for rid, r in data.get(part, {}).items()
    }
    # the held-back errors have a shortest statement of their own (round 35: `withhold_min_words`)
    shortest = int(data.get(f"{part}_min_words", data["min_words"]))
    return Model(tuple(data["trained_on"]), str(data["digest"]), shortest, rules)


@cache
def _shipped() -> dict:
    text = files("amends.check").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def model() -> Model:
    """The shipped model (`amends/check/learned.json`), read once."""
    return from_json(_shipped())


@cache
def absence() -> Model:
    """The shipped models of a required element's absence, each with the score under which a
    missing-element error is held back (`held`)."""
    return from_json(_shipped(), "withhold")


def shown(item: str) -> str:
    """A word or pair of evidence as a person reads it: the number word `0` as "[number]"."""
    return " ".join("[number]" if t == "0" else t for t in item.split(" "))


@dataclass(frozen=True)
class Reading:
    """A learned finding: the rule, its score, the words behind it and where the first one is."""

    rule: str
    score: float
    evidence: list[str]
    start: int


class Grams:
    """A statement's `tokens` and their adjacent pairs joined, each read at first use and once
    for both readings (`Model.present` reads both)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def words(self) -> list[str]:
        return tokens(self.text)

    @cached_property
    def pairs(self) -> list[str]:
        words = self.words
        return list(map(" ".join, zip(words, words[1:], strict=False)))  # noqa: RUF007


def _reading(
    shipped: Model, rules: Sequence[str], text: str, stage: str, locale: str, read_as: Grams | None
) -> tuple[list[RuleModel], frozenset[str]]:
    """The shipped models of `rules` and the statement's features they weigh; no models when
    none covers a rule or the text is shorter than `min_words`."""
    covered = [shipped.rules[r] for r in rules if r in shipped.rules]
    if not covered:
        return [], frozenset()
    read_as = Grams(text) if read_as is None else read_as
    if len(read_as.words) < shipped.min_words:
        return [], frozenset()
    return covered, shipped.present(read_as.words, stage, locale, read_as.pairs)


def read(
    text: str, stage: str, locale: str, rules: Sequence[str], read_as: Grams | None = None
) -> list[Reading]:
    """The learned findings for `rules` (those the model covers) on one statement.

    It was trained on whole statements, so a text shorter than the model's `min_words` (a sentence
    alone, a short SMS) is left to the patterns: one strong word would decide its score. `read_as`:
    the text's `Grams`, if known.
    """
    shipped = model()
    covered, feats = _reading(shipped, rules, text, stage, locale, read_as)
    if not covered:
        return []
    scores = shipped.scores(feats)
    out = []
    for m in covered:
        p = scores[m.rule]
        if p >= m.threshold:
            ev = m.evidence(feats)
            out.append(Reading(m.rule, p, ev, _first(text, ev)))
    return out


def held(
    text: str, stage: str, locale: str, rules: Sequence[str], read_as: Grams | None = None
) -> list[Reading]:
    """The missing-element errors of `rules` to hold back: those whose element the absence model
    finds stated (its score of absence under the rule's threshold), with the words that lowered
    the score most.

    The patterns say the element is missing; out of sample many such errors were wrong, the
    writer having put it in words no pattern knew (`bench/withhold_check.py`). As `read`, a text
    shorter than `min_words` is left to the patterns. `read_as`: the text's `Grams`, if known.
    """
    covered, feats = _reading(absence(), rules, text, stage, locale, read_as)
    out = []
    for m in covered:  # one or two rules as a rule: scored alone, not all in one pass
        p = m.score(feats)
        if p < m.threshold:  # no place: a held-back error points at nothing in the text
            out.append(Reading(m.rule, p, m.evidence(feats, against=True), 0))
    return out


def _first(text: str, evidence: list[str]) -> int:
    """Where the first evidence word or pair starts in the text (0 when none is found)."""
    low = text.lower()
    for item in evidence:
        parts = (_NUMBER.pattern if t == "0" else re.escape(t) for t in item.split(" "))
        body = f"[^{_LETTERS}]+".join(parts)
        hit = re.search(f"(?<![{_LETTERS}]){body}(?![{_LETTERS}])", low)
        if hit:
            return hit.start()
    return 0


def train(
    rows: Sequence[tuple[str, str, str, AbstractSet[str]]],
    rules: Sequence[str],
    *,
    l1: float = 1.0,
    threshold: float | dict[str, float] = 0.3,
    min_count: int = 2,
) -> dict[str, dict]:
    """L1-regularised logistic weights per rule from (text, stage, locale, labels) rows.

    Features seen fewer than `min_count` times are dropped; the L1 penalty (solved as two
    non-negative halves with L-BFGS-B) keeps only the words that carry the label.
    """
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    feats = [features(t, s, loc) for t, s, loc, _ in rows]
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    r_idx, c_idx = [], []
    for i, fs in enumerate(feats):
        for f in fs:
            if (j := vocab.get(f)) is not None:
                r_idx.append(i)
                c_idx.append(j)
    x = csr_matrix((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(rows), len(vocab)))
    n = len(vocab)
    names = sorted(vocab, key=vocab.__getitem__)
    out: dict[str, dict] = {}
    for rule in rules:
        y = np.array([rule in labels for *_, labels in rows], dtype=float)

        def loss(v, y=y):  # type: ignore[no-untyped-def]
            w = v[:n] - v[n : 2 * n]
            z = x @ w + v[-1]
            p = 1.0 / (1.0 + np.exp(-z))
            g = x.T @ (p - y)
            value = float(np.sum(np.logaddexp(0.0, z) - y * z) + l1 * np.sum(v[: 2 * n]))
            return value, np.concatenate([g + l1, -g + l1, [np.sum(p - y)]])

        bounds = [(0.0, None)] * (2 * n) + [(None, None)]
        fit = minimize(loss, np.zeros(2 * n + 1), jac=True, method="L-BFGS-B", bounds=bounds)
        w = fit.x[:n] - fit.x[n : 2 * n]
        weights = {names[j]: round(float(w[j]), 4) for j in range(n) if abs(w[j]) >= 1e-3}
        out[rule] = {
            "bias": round(float(fit.x[-1]), 4),
            "threshold": threshold if isinstance(threshold, float) else threshold[rule],
            "weights": dict(sorted(weights.items())),
        }
    return out
