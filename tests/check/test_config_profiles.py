"""Config (`[check]` in amends.toml) and regulation profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from amends.check import CheckConfig, CustomRule, Severity, check_text, load_config, load_profile
from amends.check.registry import RULE_IDS
from amends.errors import InputError

TOML = """
[check]
disable = ["jargon"]
severity = { empathy = "error" }
[check.phrases]
vague = ["a subset of users"]
apology = ["mil disculpas"]
[check.readability]
grade_max = 10
sentence_words_max = 25
[[check.rules]]
id = "brand"
message = "write our name as ExampleTel"
phrases = ["Example Tel"]
severity = "error"
"""


def test_load_config(tmp_path: Path) -> None:
    path = tmp_path / "amends.toml"
    path.write_text(TOML)
    cfg = load_config(path)
    assert cfg.disable == ["jargon"] and cfg.severity["empathy"] is Severity.ERROR
    rep = check_text(
        "A subset of users on Example Tel saw BGP errors.", stage="acknowledge", config=cfg
    )
    ids = rep.rule_ids()
    assert {"vague", "brand"} <= ids and "jargon" not in ids
    assert next(f for f in rep.findings if f.rule == "empathy").severity is Severity.ERROR


@pytest.mark.parametrize(
    "body",
    [
        '[check]\ndisable = ["nope"]\n',
        "[check]\nwrong = 1\n",
        "[check\n",
        '[check]\nseverity = {what="fatal"}\n',
    ],
)
def test_bad_config_is_an_input_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "amends.toml"
    path.write_text(body)
    with pytest.raises(InputError):
        load_config(path)


def test_custom_require_rule() -> None:
    cfg = CheckConfig(
        rules=[
            CustomRule(
                id="ref", kind="require", message="give the incident ref", patterns=[r"INC-\d+"]
            )
        ]
    )
    assert "ref" in check_text("We are sorry.", stage="update", config=cfg).rule_ids()
    assert "ref" not in check_text("We are sorry. INC-42", stage="update", config=cfg).rule_ids()


def test_acma_profile_maps_onto_rubric_ids_and_cites_sections() -> None:
    prof = load_profile("acma-major-outage")
    assert {it.rule for it in prof.item} <= set(RULE_IDS)
    assert {"who", "cause", "what", "eta", "next_update"} <= {it.rule for it in prof.item}
    for it in prof.item:
        assert "Standard 2024" in it.message and it.section
    assert "not confirmed" in prof.profile.verification.lower()


def test_acma_profile_messages_and_update_interval() -> None:
    rep = check_text("We are sorry.", stage="acknowledge", profile="acma-major-outage")
    eta = next(f for f in rep.findings if f.rule == "eta")
    assert "ACMA" in eta.message and "s 10" in eta.message
    late = "We are sorry. We will post the next update in 12 hours."
    assert (
        "next_update"
        in check_text(late, stage="acknowledge", profile="acma-major-outage").rule_ids()
    )
    assert "next_update" not in check_text(late, stage="acknowledge").rule_ids()


def test_unknown_profile() -> None:
    with pytest.raises(InputError):
        check_text("x", stage="update", profile="nope")


def test_regimes_with_content_rules_are_profiles_too(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: `--profile` also takes a regulation regime; it holds the same items as the file."""
    from amends.check import available_profiles, load_profile

    assert "acma-outages-2024" in available_profiles()
    from_regime, from_file = load_profile("acma-outages-2024"), load_profile("acma-major-outage")
    assert {i.rule for i in from_regime.item} == {i.rule for i in from_file.item}
    assert from_regime.options.next_update_max_hours == 6
    p = tmp_path / "ack.txt"
    p.write_text("We are sorry. Calls failed.\n")
    res = cli("check", p, "--stage", "acknowledge", "--profile", "acma-outages-2024")
    assert res.code == 1
    assert "acma" in res.out.lower()
