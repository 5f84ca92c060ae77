"""The blind corpora (tests/check/corpus_blind2 to corpus_blind60) load and are well-formed.

Only their shape is tested: how the checker does on them is measured by `make eval` and never
asserted here, so that no test pulls the rules towards a set. The second was measured once blind and
has since been tuned on, and so have the third and the fourth, each after its blind run
(docs/rules.md, "Evaluation"). The fifth (corpus_blind5) was written blind and never run through the
checker before it was committed; it was measured blind on round 4's and round 5's rules and then
tuned on in round 6. The sixth (corpus_blind6) was written blind in the same way, never run through
the checker before it was committed, measured blind on round 5's and round 6's rules, and then tuned
on in round 7. The seventh (corpus_blind7) was written blind the same way, never run through the
checker before it was committed, measured blind on round 6's and round 7's rules, and then tuned on
in round 8. The eighth (corpus_blind8) was written blind the same way, never run through the checker
before it was committed, and nobody has tuned on it. The ninth (corpus_blind9) was written blind the
same way, never run through the checker before it was committed, and nobody has tuned on it. The
tenth (corpus_blind10) was written blind the same way, never run through the checker before it was
committed, and nobody has tuned on it. The eleventh (corpus_blind11) was written blind the same way,
never run through the checker before it was committed, and nobody has tuned on it. The twelfth to
fourteenth (corpus_blind12 to 14) were written blind the same way, at the same time by three hands
(the twelfth's writer saw the end of the Evaluation section by accident; its README says what); the
twelfth and thirteenth are the learned reading's training data from round 12 (the fourteenth from
round 14). The fifteenth and sixteenth (corpus_blind15, 16) were written blind the same way, at the
same time by two hands, never run through the checker before they were committed, and measured once
on round 13's reading, which was chosen before they were read; the eleventh to sixteenth are the
learned reading's training data from round 14. The seventeenth and eighteenth (corpus_blind17, 18)
were written blind the same way, at the same time by two hands, while round 14 was chosen, never run
through the checker before they were committed, measured once on round 14 and once on round 15,
and tuned on in round 16. The nineteenth and twentieth (corpus_blind19, 20) were written blind the
same way, at the same time by two hands, after round 14 was committed, never run through the checker
before they were committed, measured once on rounds 12 to 14 and once on round 15, and tuned on in
round 16. The twenty-first and twenty-second (corpus_blind21, 22) were written blind the same
way, at the same time by two hands, while round 15 was chosen, never run through the checker
before they were committed, measured on rounds 14 to 16, and tuned on in round 17. The
twenty-third and twenty-fourth (corpus_blind23, 24) were written blind the same way, at the same
time by two hands, while round 16 was chosen, never run through the checker before they were
committed, measured once on each of rounds 15 to 17, and tuned on in round 18. The twenty-fifth
and twenty-sixth (corpus_blind25, 26) were written blind the same way, at the same time by two
hands, while round 17 was chosen, never run through the checker before they were committed,
measured once on each of rounds 16 to 18, and tuned on in round 19. The twenty-seventh and
twenty-eighth (corpus_blind27, 28) were written blind the same way, at the same time by two hands,
while round 18 was chosen, never run through the checker before they were committed, measured
once on each of rounds 16 to 19, and tuned on in round 20. The twenty-ninth and thirtieth
(corpus_blind29, 30) were written blind the same way, at the same time by two hands, while round
19 was chosen, never run through the checker before they were committed, measured once on each of
rounds 18 to 21, and tuned on in round 22. The thirty-first and thirty-second
(corpus_blind31, 32) were written blind the same way, at the same time by two hands, while round 20
was chosen, never run through the checker before they were committed, measured once on each of
rounds 19 to 22, and tuned on in round 23. The thirty-third and thirty-fourth
(corpus_blind33, 34) were written blind the same way, at the same time by two hands, after round 20
was committed, never run through the checker before they were committed, measured once on each of
rounds 20 to 23, and tuned on in round 24. The thirty-fifth and thirty-sixth (corpus_blind35, 36)
were written blind the same way, at the same time by two hands, after round 21 was committed, never
run through the checker before they were committed, measured once on each of rounds 21 to 24, and
tuned on in round 25. The thirty-seventh and thirty-eighth (corpus_blind37, 38) were written
blind the same way, at the same time by two hands, after round 22 was committed, never run through
the checker before they were committed, measured once on each of rounds 22 to 25, and tuned on in
round 26. The thirty-ninth and fortieth (corpus_blind39, 40) were written blind the same way,
at the same time by two hands, after round 23 was committed, never run through the checker before
they were committed, measured once on each of rounds 23 to 26, and tuned on in round 27.
The forty-first and forty-second (corpus_blind41, 42) were written blind the same way, at the same
time by two hands, after round 24 was committed, never run through the checker before they were
committed, measured once on each of rounds 24 to 27, and tuned on in round 28. The
forty-third and forty-fourth (corpus_blind43, 44) were written blind the same way, at the same
time by two hands, after round 25 was committed, never run through the checker before they were
committed, measured once on each of rounds 25 to 28, and tuned on in round 29. The
forty-fifth and forty-sixth (corpus_blind45, 46) were written blind the same way, at the same
time by two hands, after round 26 was committed, never run through the checker before they were
committed, measured once on each of rounds 26 to 29, and tuned on in round 30. The
forty-seventh and forty-eighth (corpus_blind47, 48) were written blind the same way, at the same
time by two hands, after round 27 was committed, never run through the checker before they were
committed, measured once on each of rounds 27 to 31, and tuned on in round 32. The
forty-ninth and fiftieth (corpus_blind49, 50) were written blind the same way, at the same time
by two hands, after round 28 was committed, never run through the checker before they were
committed, measured once on each of rounds 28 to 32, and tuned on in round 33. The fifty-first
and fifty-second (corpus_blind51, 52) were written blind the same way, at the same time by two
hands, after round 29 was committed, never run through the checker before they were committed,
measured once on each of rounds 29 to 33, and tuned on in round 34. The fifty-third and
fifty-fourth (corpus_blind53, 54) were written blind the same way, at the same time by two hands,
after round 31 was committed, never run through the checker before they were committed,
measured once on each of rounds 30 to 34, and tuned on in round 35. The fifty-fifth and
fifty-sixth (corpus_blind55, 56) were written blind the same way, at the same time by two hands,
after round 32 was committed (while round 33 was being tuned), and never run through the checker
before they were committed. The fifty-seventh and fifty-eighth (corpus_blind57, 58) were written
blind the same way, at the same time by two hands, after round 33 was committed (while round 34
was being tuned), and never run through the checker before they were committed.
The fifty-ninth and sixtieth (corpus_blind59, 60) were written blind the same way, at the same
time by two hands, after round 34 was committed (while round 35 was being tuned), and never run
through the checker before they were committed.
Unit tests of the rules use sentences of their own, not these sets'.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml

from amends.check.evaluate import load_corpus
from amends.check.model import Stage
from amends.check.registry import RULE_IDS

LOCALES = ("en-US", "en-GB", "en-AU", "es")
#: The rule ids listed in docs/rules.md; the set labels every one of them at least twice.
DOCUMENTED = (
    "what",
    "when",
    "who",
    "cause",
    "eta",
    "next_update",
    "apology",
    "empathy",
    "ownership",
    "fix",
    "prevention",
    "repair",
    "support",
    "feedback",
    "vague",
    "generic-apology",
    "non-apology",
    "blame",
    "excuse",
    "minimise",
    "jargon",
    "placeholder",
    "readability",
)
#: Rules that apply only at some stages (docs/rules.md); a label outside them could never fire.
STAGES_OF = {
    "eta": {Stage.ACKNOWLEDGE, Stage.UPDATE},
    "next_update": {Stage.ACKNOWLEDGE, Stage.UPDATE},
    "fix": {Stage.RESOLVE, Stage.EXPLAIN},
    "prevention": {Stage.RESOLVE, Stage.EXPLAIN},
    "repair": {Stage.RESOLVE, Stage.EXPLAIN},
    "feedback": {Stage.EXPLAIN},
}
#: Rules that docs/rules.md limits to email, notice and web (not sms/social).
LONG_CHANNELS_ONLY = {"cause", "empathy", "ownership", "fix", "prevention", "repair", "feedback"}
#: One message on each short channel (docs/rules.md, `readability`).
MESSAGE_LIMIT = {"sms": 160, "social": 280}


@dataclass(frozen=True)
class Corpus:
    """A blind set: its folder, statements as loaded and as written, and its id prefixes."""

    name: str
    prefixes: dict[str, str]  # file stem -> id prefix

    @property
    def folder(self) -> Path:
        return Path(__file__).parent / f"corpus_{self.name}"

    @cached_property
    def items(self) -> list[Any]:
        return load_corpus(self.folder)

    @cached_property
    def raw(self) -> dict[str, dict[str, Any]]:
        return {
            r["id"]: r
            for path in sorted(self.folder.glob("*.yaml"))
            for r in yaml.safe_load(path.read_text(encoding="utf-8"))
        }


CORPORA = [
    Corpus("blind2", {"ongoing": "bo-", "resolve": "br-", "explain": "bx-"}),
    Corpus("blind3", {"ongoing": "co-", "resolve": "cr-", "explain": "cx-"}),
    Corpus("blind4", {"ongoing": "do-", "resolve": "dr-", "explain": "dx-"}),
    Corpus("blind5", {"ongoing": "eo-", "resolve": "er-", "explain": "ex-"}),
    Corpus("blind6", {"ongoing": "fo-", "resolve": "fr-", "explain": "fx-"}),
    Corpus("blind7", {"ongoing": "go-", "resolve": "gr-", "explain": "gx-"}),
    Corpus("blind8", {"ongoing": "ho-", "resolve": "hr-", "explain": "hx-"}),
    Corpus("blind9", {"ongoing": "io-", "resolve": "ir-", "explain": "ix-"}),
    Corpus("blind10", {"ongoing": "jo-", "resolve": "jr-", "explain": "jx-"}),
    Corpus("blind11", {"ongoing": "ko-", "resolve": "kr-", "explain": "kx-"}),
    Corpus("blind12", {"ongoing": "lo-", "resolve": "lr-", "explain": "lx-"}),
    Corpus("blind13", {"ongoing": "mo-", "resolve": "mr-", "explain": "mx-"}),
    Corpus("blind14", {"ongoing": "no-", "resolve": "nr-", "explain": "nx-"}),
    Corpus("blind15", {"ongoing": "oo-", "resolve": "or-", "explain": "ox-"}),
    Corpus("blind16", {"ongoing": "po-", "resolve": "pr-", "explain": "px-"}),
    Corpus("blind17", {"ongoing": "qo-", "resolve": "qr-", "explain": "qx-"}),
    Corpus("blind18", {"ongoing": "ro-", "resolve": "rr-", "explain": "rx-"}),
    Corpus("blind19", {"ongoing": "so-", "resolve": "sr-", "explain": "sx-"}),
    Corpus("blind20", {"ongoing": "to-", "resolve": "tr-", "explain": "tx-"}),
    Corpus("blind21", {"ongoing": "uo-", "resolve": "ur-", "explain": "ux-"}),
    Corpus("blind22", {"ongoing": "vo-", "resolve": "vr-", "explain": "vx-"}),
    Corpus("blind23", {"ongoing": "wo-", "resolve": "wr-", "explain": "wx-"}),
    Corpus("blind24", {"ongoing": "xo-", "resolve": "xr-", "explain": "xx-"}),
    Corpus("blind25", {"ongoing": "yo-", "resolve": "yr-", "explain": "yx-"}),
    Corpus("blind26", {"ongoing": "zo-", "resolve": "zr-", "explain": "zx-"}),
    Corpus("blind27", {"ongoing": "ao-", "resolve": "ar-", "explain": "ax-"}),
    Corpus("blind28", {"ongoing": "bbo-", "resolve": "bbr-", "explain": "bbx-"}),
    Corpus("blind29", {"ongoing": "cco-", "resolve": "ccr-", "explain": "ccx-"}),
    Corpus("blind30", {"ongoing": "ddo-", "resolve": "ddr-", "explain": "ddx-"}),
    Corpus("blind31", {"ongoing": "eeo-", "resolve": "eer-", "explain": "eex-"}),
    Corpus("blind32", {"ongoing": "ffo-", "resolve": "ffr-", "explain": "ffx-"}),
    Corpus("blind33", {"ongoing": "ggo-", "resolve": "ggr-", "explain": "ggx-"}),
    Corpus("blind34", {"ongoing": "hho-", "resolve": "hhr-", "explain": "hhx-"}),
    Corpus("blind35", {"ongoing": "iio-", "resolve": "iir-", "explain": "iix-"}),
    Corpus("blind36", {"ongoing": "jjo-", "resolve": "jjr-", "explain": "jjx-"}),
    Corpus("blind37", {"ongoing": "kko-", "resolve": "kkr-", "explain": "kkx-"}),
    Corpus("blind38", {"ongoing": "llo-", "resolve": "llr-", "explain": "llx-"}),
    Corpus("blind39", {"ongoing": "mmo-", "resolve": "mmr-", "explain": "mmx-"}),
    Corpus("blind40", {"ongoing": "nno-", "resolve": "nnr-", "explain": "nnx-"}),
    Corpus("blind41", {"ongoing": "ooo-", "resolve": "oor-", "explain": "oox-"}),
    Corpus("blind42", {"ongoing": "ppo-", "resolve": "ppr-", "explain": "ppx-"}),
    Corpus("blind43", {"ongoing": "qqo-", "resolve": "qqr-", "explain": "qqx-"}),
    Corpus("blind44", {"ongoing": "rro-", "resolve": "rrr-", "explain": "rrx-"}),
    Corpus("blind45", {"ongoing": "sso-", "resolve": "ssr-", "explain": "ssx-"}),
    Corpus("blind46", {"ongoing": "tto-", "resolve": "ttr-", "explain": "ttx-"}),
    Corpus("blind47", {"ongoing": "uuo-", "resolve": "uur-", "explain": "uux-"}),
    Corpus("blind48", {"ongoing": "vvo-", "resolve": "vvr-", "explain": "vvx-"}),
    Corpus("blind49", {"ongoing": "wwo-", "resolve": "wwr-", "explain": "wwx-"}),
    Corpus("blind50", {"ongoing": "yyo-", "resolve": "yyr-", "explain": "yyx-"}),
    Corpus("blind51", {"ongoing": "zzo-", "resolve": "zzr-", "explain": "zzx-"}),
    Corpus("blind52", {"ongoing": "aao-", "resolve": "aar-", "explain": "aax-"}),
    Corpus("blind53", {"ongoing": "abo-", "resolve": "abr-", "explain": "abx-"}),
    Corpus("blind54", {"ongoing": "aco-", "resolve": "acr-", "explain": "acx-"}),
    Corpus("blind55", {"ongoing": "ado-", "resolve": "adr-", "explain": "adx-"}),
    Corpus("blind56", {"ongoing": "aeo-", "resolve": "aer-", "explain": "aex-"}),
    Corpus("blind57", {"ongoing": "afo-", "resolve": "afr-", "explain": "afx-"}),
    Corpus("blind58", {"ongoing": "ago-", "resolve": "agr-", "explain": "agx-"}),
    Corpus("blind59", {"ongoing": "aho-", "resolve": "ahr-", "explain": "ahx-"}),
    Corpus("blind60", {"ongoing": "aio-", "resolve": "air-", "explain": "aix-"}),
]


@pytest.fixture(params=CORPORA, ids=lambda c: c.name)
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return request.param


def _group(stage: Stage) -> str:
    return "ongoing" if stage in (Stage.ACKNOWLEDGE, Stage.UPDATE) else stage.value


def test_every_file_is_a_list_of_statements(corpus: Corpus) -> None:
    files = sorted(corpus.folder.glob("*.yaml"))
    assert [f.name for f in files] == ["explain.yaml", "ongoing.yaml", "resolve.yaml"]
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(raw, list) and raw, path.name
        for r in raw:
            assert set(r) >= {"id", "stage", "locale", "expect", "text"}, (path.name, r.get("id"))
            assert set(r) <= {"id", "stage", "locale", "channel", "expect", "text"}, r["id"]
            prefix = corpus.prefixes[path.stem]
            assert r["id"].startswith(prefix), r["id"]


def test_loader_reads_every_statement(corpus: Corpus) -> None:
    assert len(corpus.items) == len(corpus.raw)
    assert {i.id for i in corpus.items} == set(corpus.raw)


def test_size_ids_and_thirds(corpus: Corpus) -> None:
    assert len(corpus.items) >= 120
    assert len({i.id for i in corpus.items}) == len(corpus.items), "ids must be unique"
    groups = Counter(_group(i.stage) for i in corpus.items)
    assert set(groups) == {"ongoing", "resolve", "explain"}
    for n in groups.values():  # about a third each
        assert abs(n - len(corpus.items) / 3) <= 5, groups
    stages = {Stage.ACKNOWLEDGE, Stage.UPDATE, Stage.RESOLVE, Stage.EXPLAIN}
    assert {i.stage for i in corpus.items} == stages


def test_every_locale_at_every_stage_in_roughly_equal_shares(corpus: Corpus) -> None:
    assert {i.locale for i in corpus.items} == set(LOCALES)
    per_locale = Counter(i.locale for i in corpus.items)
    for locale in LOCALES:
        assert abs(per_locale[locale] - len(corpus.items) / 4) <= 4, per_locale
    cells = Counter((i.locale, _group(i.stage)) for i in corpus.items)
    for locale in LOCALES:
        for group in ("ongoing", "resolve", "explain"):
            assert cells[(locale, group)] >= 9, (locale, group)
        stages = {i.stage for i in corpus.items if i.locale == locale}
        assert stages == {Stage.ACKNOWLEDGE, Stage.UPDATE, Stage.RESOLVE, Stage.EXPLAIN}, locale


def test_labels_name_rules_that_can_fire(corpus: Corpus) -> None:
    assert set(DOCUMENTED) <= set(RULE_IDS)
    for item in corpus.items:
        assert len(set(item.expect)) == len(item.expect), item.id
        for rule in item.expect:
            assert rule in RULE_IDS, (item.id, rule)
            assert item.stage in STAGES_OF.get(rule, set(Stage)), (item.id, rule)
        channel = corpus.raw[item.id].get("channel")
        if channel in ("sms", "social"):
            assert not set(item.expect) & LONG_CHANNELS_ONLY, item.id
        assert item.text.strip(), item.id


def test_about_a_quarter_clean_and_every_rule_expected_twice(corpus: Corpus) -> None:
    clean = [i for i in corpus.items if not i.expect]
    assert 0.2 <= len(clean) / len(corpus.items) <= 0.3, len(clean)
    expected = Counter(r for i in corpus.items for r in i.expect)
    for rule in DOCUMENTED:
        assert expected[rule] >= 2, rule
    for locale in LOCALES:  # each locale has clean and faulty statements
        mine = [i for i in corpus.items if i.locale == locale]
        assert any(not i.expect for i in mine) and any(i.expect for i in mine), locale


def test_ids_name_their_locale(corpus: Corpus) -> None:
    short = {"en-US": "us", "en-GB": "gb", "en-AU": "au", "es": "es"}
    for item in corpus.items:
        assert item.id.split("-")[1] == short[item.locale], item.id


def test_short_channel_statements_fit_in_one_message(corpus: Corpus) -> None:
    short = [r for r in corpus.raw.values() if r.get("channel") in MESSAGE_LIMIT]
    assert len(short) >= 8
    assert {r["locale"] for r in short if r["channel"] == "sms"} == set(LOCALES)
    for r in short:
        assert len(r["text"].strip()) <= MESSAGE_LIMIT[r["channel"]], r["id"]
        assert "readability" not in r["expect"], r["id"]
