"""The wording data: every language names every cause and group, and falls back to English."""

from __future__ import annotations

import tomllib

import pytest

from amends.eta import default_ladder, phrases_for
from amends.eta.history import CAUSES
from amends.eta.phrases import PHRASES_FILE, languages


@pytest.mark.parametrize("lang", languages())
def test_every_cause_and_group_has_words(lang: str) -> None:
    own = tomllib.loads(PHRASES_FILE.read_text(encoding="utf-8"))[lang]
    assert set(CAUSES) <= set(own["causes"]), lang
    assert set(default_ladder().groups) <= set(own["groups"]), lang
    ph = phrases_for(lang)
    assert ph.language == lang
    for template in (ph.counts, ph.counts_lasted, ph.thin, ph.said):
        assert "{" in template  # has its facts filled in, not fixed numbers


def test_locale_variants_and_unknown_languages() -> None:
    assert phrases_for("es_US").language == "es"
    assert phrases_for("es-MX").cause("fiber_cut") == "cortes de fibra"
    fallback = phrases_for("fr")
    assert fallback.language == "en" and fallback.cause("fiber_cut") == "fiber cuts"
    assert phrases_for("en").cause("meteor_strike") == "meteor strike outages"
    assert phrases_for("es").unit(1, "hour") == "1 hora"
    assert phrases_for("en").unit(3, "day") == "3 days"
