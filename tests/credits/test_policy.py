"""Policy files: validation errors name the file, the line and the field; versions are content."""

from __future__ import annotations

from pathlib import Path

import pytest

from amends.cli.demo_credits import DEMO_POLICY
from amends.credits import load_policy, parse_policy
from amends.errors import InputError

OK = 'id = "x"\ncurrency = "USD"\n[[credit]]\nkind = "flat"\namount = "5"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            OK + '\n[[credit]]\nkind = "tiered"\nby = "failed_attempts"\n'
            'tiers = [{from = 3, amount = "2"}, {from = 1, amount = "5"}]\n',
            "p.toml:10: credit.1.tiers: tier starts ('from') must be strictly increasing",
        ),
        (OK.replace('"5"', '"-5"'), "p.toml:5: credit.0.amount: must not be negative"),
        (OK.replace("USD", "XYZ"), "p.toml:2: currency: unknown currency 'XYZ'"),
        (OK.replace('"flat"', '"bogus"'), "p.toml:3: credit.0: Input tag 'bogus'"),
        ('id = "x"\ncurrency = "USD\n', "p.toml:2: not valid TOML"),
        (OK.replace('currency = "USD"', 'currency = "USD"\ncombien = "max"'), "p.toml:3: combien"),
        (OK + '[eligibility]\nbasis = "all"\n', "p.toml:7: eligibility.basis"),
        ('id = "x"\ncurrency = "USD"\n', "p.toml: credit: Field required"),
        (OK.replace('"5"', '"0.0000001"'), "more than 6 decimal places"),
        ('minimum = "5"\nmaximum = "2"\n' + OK, "minimum 5 is above maximum 2"),
        ('time_zone = "Mars/Base"\n' + OK, "p.toml:1: time_zone: unknown time zone"),
    ],
)
def test_errors_name_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_policy(text, source="p.toml")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_toml_floats_are_read_as_exact_decimals() -> None:
    from decimal import Decimal

    policy = parse_policy(OK.replace('"5"', "0.1"))
    assert policy.credit[0].amount == Decimal("0.1")


def test_version_is_a_hash_of_the_rules_not_the_formatting() -> None:
    a = parse_policy(OK)
    b = parse_policy("# a comment\n" + OK.replace('"5"', '"5"   # five dollars'))
    c = parse_policy(OK.replace('"5"', '"6"'))
    d = parse_policy("revision = 1\n" + OK)
    assert a.version == b.version
    assert len({a.version, c.version, d.version}) == 3


def test_load_policy_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such policy file"):
        load_policy(tmp_path / "nope.toml")


def test_the_demo_policy_is_valid() -> None:
    policy = load_policy(DEMO_POLICY)
    assert policy.currency == "USD" and policy.digits == 2
    assert policy.needs_plans
