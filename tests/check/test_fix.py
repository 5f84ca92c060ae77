"""`amends check --fix`: each fix kind, the JSON shape of a replacement, and --write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amends.check import check_text
from amends.check.config import CheckConfig, FixConfig
from amends.check.fix import apply, zone_of


def fixed(text: str, **kw: object) -> str:
    report = check_text(text, **{"stage": "acknowledge", **kw})  # type: ignore[arg-type]
    return apply(text, [r for f in report.findings for r in f.replacements])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We apologise for any inconvenience caused. Calls fail.", "We are sorry. Calls fail."),
        ("Sorry for the inconvenience. Calls fail.", "We are sorry. Calls fail."),
        ("I sincerely apologise for any inconvenience.", "I am sorry."),
        (
            "We are working on it and apologise for any inconvenience.",
            "We are working on it and are sorry.",
        ),
    ],
)
def test_generic_apology_becomes_plain(before: str, after: str) -> None:
    assert fixed(before) == after


def test_spanish_generic_apology() -> None:
    assert fixed("Disculpen las molestias. Fallan las llamadas.", locale="es") == (
        "Lo sentimos. Fallan las llamadas."
    )


def test_fixed_apology_passes_the_apology_rules() -> None:
    found = check_text(fixed("We apologise for any inconvenience caused."), stage="update")
    assert not {"apology", "generic-apology"} & found.rule_ids()


def test_placeholder_is_filled_from_config_or_flagged() -> None:
    text = "Calls fail in [Region] since {{ start }}."
    cfg = CheckConfig(fix=FixConfig(values={"region": "Ballarat"}))
    assert fixed(text, config=cfg) == "Calls fail in Ballarat since <<FILL IN: start>>."
    # a flagged slot is still a placeholder: the statement cannot go out
    assert "placeholder" in check_text(fixed(text), stage="update").rule_ids()


def test_bare_times_get_the_zone() -> None:
    assert fixed("Since 9:40 AM calls fail; back by 1 PM.", zone="AEST") == (
        "Since 9:40 AM AEST calls fail; back by 1 PM AEST."
    )
    assert (
        fixed("Calls failed from 2:05–4:10 PM.", zone="PST")
        == "Calls failed from 2:05–4:10 PM PST."
    )


def test_no_zone_added_when_the_text_has_one() -> None:
    text = "Since 9:40 AM AEST calls fail; back by 1 PM."
    assert fixed(text, zone="AEST") == text


def test_zone_from_an_iana_name_follows_daylight_saving() -> None:
    from datetime import UTC, datetime

    assert zone_of("Australia/Sydney", datetime(2026, 1, 10, tzinfo=UTC)) == "AEDT"
    assert zone_of("Australia/Sydney", datetime(2026, 7, 10, tzinfo=UTC)) == "AEST"
    assert zone_of("America/Los_Angeles", datetime(2026, 3, 1, tzinfo=UTC)) == "PST"


def test_jargon_from_the_glossary() -> None:
    assert fixed("Going forward we will leverage our learnings.") == (
        "From now on we will use our lessons."
    )
    cfg = CheckConfig(fix=FixConfig(glossary={"synergies": "savings"}))
    cfg.phrases["jargon"] = ["synergies"]
    assert fixed("We found synergies.", config=cfg) == "We found savings."


def test_engineering_terms_are_not_replaced() -> None:
    text = "A BGP fault stopped calls."
    assert fixed(text) == text


def test_markup_inside_a_span_is_left_alone() -> None:
    src = "We **apologise** for any inconvenience.\n"
    assert fixed(src, fmt="markdown") == src


def test_json_carries_replacements(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "ack.txt"
    p.write_text("Since 9:40 AM calls fail.\nWe apologise for any inconvenience.\n")
    doc = json.loads(cli("check", p, "--format", "json", "--zone", "AEST").out)
    by_rule = {f["rule"]: f["replacements"] for f in doc["findings"]}
    (apology,) = by_rule["generic-apology"]
    assert apology == {
        "start": 26,
        "end": 60,
        "text": "We are sorry",
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 35,
    }
    (zone,) = by_rule["when"]
    assert (zone["start"], zone["end"], zone["text"]) == (13, 13, " AEST")


def test_fix_prints_a_diff_and_leaves_the_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "ack.txt"
    original = "Going forward we will fix it. Sorry for the inconvenience.\n"
    p.write_text(original)
    res = cli("check", p, "--fix")
    assert res.out.startswith(f"--- a/{str(p).lstrip('/')}\n+++ b/")
    assert "+From now on we will fix it. We are sorry.\n" in res.out
    assert p.read_text() == original
    assert res.code == 1  # errors remain after the fixes (no times, no cause, ...)


def test_fix_write_rewrites_in_place(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "ack.txt"
    p.write_text("Going forward we will fix it.\n")
    res = cli("check", p, "--fix", "--write")
    assert p.read_text() == "From now on we will fix it.\n"
    assert "fixed in place" in res.err
    assert not list(tmp_path.glob(".ack.txt.*"))  # the atomic write left no temp file


def test_fix_zone_from_the_record(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rec = tmp_path / "incident.yaml"
    rec.write_text(
        "id: 2026-01-10-syd\ntitle: Calls failing\ntime_zone: Australia/Sydney\n"
        "discovered_at: 2026-01-10T09:40:00+11:00\n"
    )
    p = tmp_path / "ack.txt"
    p.write_text("Since 9:40 AM calls fail.\n")
    assert "+Since 9:40 AM AEDT calls fail.\n" in cli("check", p, "--fix", "--record", rec).out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--write"], "--write only goes with --fix"),
        (["--fix", "--write", "-"], "standard input"),
        (["--zone", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_bad_fix_options_exit_2(cli, tmp_path: Path, args: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "ack.txt"
    p.write_text("Calls fail.\n")
    res = cli("check", *([p] if "-" not in args else []), *args)
    assert res.code == 2
    assert words in res.err
