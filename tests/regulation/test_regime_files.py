"""Regime files: the built-ins load, errors are one line naming file and field, the check profile
agrees with its regime, and a new regime is a new file, not new code."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from amends.check import load_profile
from amends.check.profiles import Profile
from amends.errors import InputError
from amends.regulation import assess, available_regimes, check_profile, load_regime
from amends.regulation.profile import disagreements

from .helpers import incident, report, window

FCC = Path(__file__).parents[2] / "src/amends/regulation/regimes/fcc-part4.toml"


def test_builtins_load_and_cite_a_section_for_every_threshold() -> None:
    assert {"fcc-part4", "acma-outages-2024"} <= set(available_regimes())
    for name in available_regimes():
        regime = load_regime(name)
        assert regime.regime.verification.strip()
        for test in regime.test:
            assert all(c.section for c in test.all)


def test_fcc_numbers_match_the_rule() -> None:
    fcc = load_regime("fcc-part4")
    conds = {c.metric: c for c in fcc.test[0].all}
    assert (conds["duration_minutes"].op, conds["duration_minutes"].value) == (">=", 30)
    assert (conds["user_minutes"].op, conds["user_minutes"].value) == (">=", 900_000)
    within = {o.id: o.within for o in fcc.obligation}
    assert within["notification"].minutes == 120
    assert within["initial-report"].hours == 72
    assert within["final-report"].days == 30


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('metric = "user_minutes"', 'metric = "user_minuets"', "test[0].all[1].metric"),
        ("within = { minutes = 120 }", "within = { minutes = 0 }", "obligation[0].within"),
        ('report = "fcc-notification"', 'report = "fcc-notice"', "obligation"),
        ('version = "2026-11-25"\n', "", "regime.version"),
        ("within = { hours = 72 }", 'within = { hours = 72 }\ndue_text = "soon"', "obligation[1]"),
    ],
)
def test_a_broken_regime_file_gives_one_line_naming_file_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text = FCC.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_regime(bad)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{bad}: ") and field in message


def test_toml_syntax_error_and_unknown_name(tmp_path: Path) -> None:
    bad = tmp_path / "syntax.toml"
    bad.write_text("[regime\nid = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"syntax\.toml: not valid TOML"):
        load_regime(bad)
    with pytest.raises(InputError, match="unknown regime 'ofcom'; known: acma-outages-2024"):
        load_regime("ofcom")


def test_check_profile_agrees_with_its_regime() -> None:
    regime = load_regime("acma-outages-2024")
    shipped = load_profile("acma-major-outage")
    assert disagreements(regime, shipped) == []
    generated = Profile.model_validate(check_profile(regime))
    assert disagreements(regime, generated) == []
    assert generated.options.next_update_max_hours == 6
    assert generated.options.next_update_max_hours_after_24h == 24


def test_profile_drift_is_reported() -> None:
    regime = load_regime("acma-outages-2024")
    data = check_profile(regime)
    data["options"]["next_update_max_hours"] = 8
    data["item"] = data["item"][1:]
    problems = disagreements(regime, Profile.model_validate(data))
    assert any("next_update_max_hours: profile 8" in p for p in problems)
    assert any("rule=who" in p for p in problems)


NEW_REGIME = """
[regime]
id = "example-regulator"
version = "1"
title = "An example regulator"
jurisdiction = "XX"
regulator = "Example Authority"
instrument = "Example Outage Rules, r 3"
verification = "A test fixture, not a real rule."

[[test]]
id = "big"
title = "5,000 or more customers for 2 hours or more"
section = "r 3(1)"
classification = "notifiable outage"
all = [
  { metric = "users_affected", op = ">=", value = 5000, section = "r 3(1)(a)" },
  { metric = "duration_minutes", op = ">=", value = 120, section = "r 3(1)(b)" },
]

[[obligation]]
id = "notify"
title = "Notify the Authority"
recipient = "regulator"
to = "Example Authority"
section = "r 4"
anchor = "discovered"
within = { hours = 24 }
"""


def test_a_new_regime_is_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text(NEW_REGIME, encoding="utf-8")
    t0 = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    w = window(t0, 120, 5_000)
    result = assess(
        incident(t0, time_zone="Europe/London"),
        report(w),
        [load_regime(path)],
        now=t0 + timedelta(hours=30),
    )
    r = result.regimes[0]
    assert r.reportable == "yes" and r.classification == "notifiable outage"
    assert r.windows[0].clocks[0].state == "overdue"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('rule = "who"', 'rule = "whom"', "content[0].rule"),
        ('{ channel = "web" }', '{ channel = "website" }', "obligation[2].done_by[0].channel"),
    ],
)
def test_acma_file_errors_name_the_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    src = FCC.with_name("acma-outages-2024.toml").read_text(encoding="utf-8")
    assert old in src
    bad = tmp_path / "acma.toml"
    bad.write_text(src.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_regime(bad)
    assert str(info.value).startswith(f"{bad}: field {field}: ")
