"""Hostile and extreme inputs to the core, in-process (issue 20): incident records, credit
policies, regulation regimes and events, with hostile strings, extreme numbers and times,
driving draft + check, credits, assess and the events reader. Every outcome is a result or a
one-line InputError; any other exception is a finding.

Bounded: about 60 examples each, no deadline, so the file adds well under a minute."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from amends.errors import InputError

ROOT = Path(__file__).parents[2]
RECORD = yaml.safe_load((ROOT / "tests/hostile/data/incident.yaml").read_text(encoding="utf-8"))
POLICY = (ROOT / "src/amends/credits/policies/demo.toml").read_text(encoding="utf-8")
REGIME = (ROOT / "src/amends/regulation/regimes/acma-significant-local-2025.toml").read_text(
    encoding="utf-8"
)
NOW = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Strings a careless or hostile user types: markup, controls, bidi overrides, template syntax,
#: huge text, lone surrogates' escapes, SQL, emoji, right-to-left and combining characters.
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            "{{ name }}",
            "{% for %}",
            "\u202eevil",
            "a\x00b",
            "\x1b[2J",
            "'; DROP TABLE statements; --",
            "x" * 6000,
            "🙂" * 50,
            "e\u0301" * 20,
            "TODO(person): fill",
            "NaN",
            "null",
        ]
    ),
)
#: Numbers at and beyond every edge: negative, zero, huge, float specials.
EXTREME_NUMBER = st.one_of(
    st.integers(-(10**40), 10**40),
    st.sampled_from([0, -1, 1, 10**12, 10**12 - 1, 10**30, 2**63, -(2**63)]),
    st.floats(allow_nan=True, allow_infinity=True),
)
#: Times from year 1 to 9999, with and without offsets, as YAML/TOML text would hold them.
EXTREME_TIME = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, None]),
    ).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2026-02-30T00:00:00Z"]),
)
ANY_VALUE = st.one_of(HOSTILE_TEXT, EXTREME_NUMBER, EXTREME_TIME, st.none(), st.booleans())


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a leaf of a nested dict/list."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _paths(v, (*prefix, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _paths(v, (*prefix, i))]
    return [prefix]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _like(old: Any) -> st.SearchStrategy[Any]:
    """A hostile value of the same kind as `old` (so more examples get past the schema), or any."""
    if isinstance(old, bool) or old is None:
        return ANY_VALUE
    if isinstance(old, int | float):
        return st.one_of(EXTREME_NUMBER, ANY_VALUE)
    if isinstance(old, str) and re.match(r"\d{4}-\d\d-\d\d", old):
        return st.one_of(EXTREME_TIME, ANY_VALUE)
    return st.one_of(HOSTILE_TEXT, HOSTILE_TEXT, ANY_VALUE)


RECORD_PATHS = _paths(RECORD)


@st.composite
def records(draw: st.DrawFn) -> str:
    """The demo record as YAML with one to four leaves replaced by hostile values."""
    import copy

    data = copy.deepcopy(RECORD)
    for path in draw(st.lists(st.sampled_from(RECORD_PATHS), min_size=1, max_size=3)):
        _set(data, path, draw(_like(_get(data, path))))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _one_line(exc: InputError) -> None:
    assert "\n" not in str(exc) and str(exc), repr(str(exc))


@SETTINGS
@given(
    text=records(),
    stage=st.sampled_from(["acknowledge", "update", "resolve", "explain"]),
    channel=st.sampled_from(["web", "sms", "email"]),
    locale=st.sampled_from(["en", "es"]),
)
def test_draft_and_check_a_hostile_record(text: str, stage: str, channel: str, locale: str) -> None:
    from amends.check.engine import check_text
    from amends.compose import draft
    from amends.incident.io import parse_incident
    from amends.regulation import assess, load_regime

    try:
        incident = parse_incident(text, source="incident.yaml")
        result = draft(incident, stage, channel, locale, now=NOW)
        report = check_text(result.text, stage=stage, channel=channel, locale=locale)
        assert report.stage == stage
        assessment = assess(incident, None, [load_regime("fcc-part4")], now=NOW)
        assert assessment.incident == incident.id
        event("drafted, checked and assessed")
    except InputError as exc:
        event("refused")
        _one_line(exc)


NUMBER_IN_TOML = re.compile(r'(?<=[=,{\[] )("?[0-9][0-9.]*"?)')


@st.composite
def policy_texts(draw: st.DrawFn) -> str:
    """The demo policy with some numbers replaced by extreme ones (as TOML numbers or strings)."""
    spots = list(NUMBER_IN_TOML.finditer(POLICY))
    chosen = set(draw(st.lists(st.integers(0, len(spots) - 1), min_size=1, max_size=3)))
    out, last = [], 0
    for i, m in enumerate(spots):
        if i in chosen:
            value = draw(EXTREME_NUMBER)
            text = repr(value) if isinstance(value, float) else str(value)
            text = {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
            if draw(st.booleans()):
                text = f'"{text}"'
            out += [POLICY[last : m.start()], text]
            last = m.end()
    return "".join([*out, POLICY[last:]])


@SETTINGS
@given(
    text=policy_texts(),
    failed=st.lists(st.integers(1, 10**6), min_size=1, max_size=5),
    fee=st.sampled_from(["0", "0.01", "29.99", "999999999.99", "99999999999999", "-5"]),
    hours=st.integers(0, 24 * 400),
)
def test_credits_with_a_hostile_policy(text: str, failed: list[int], fee: str, hours: int) -> None:
    from tests.credits.conftest import affected, plans

    from amends.credits import WindowSpan, compute, parse_policy

    start = datetime(2026, 3, 10, 14, tzinfo=UTC)
    window = WindowSpan("w1", start, start + timedelta(hours=hours), ("CA",))
    subs = [f"s{i}" for i in range(len(failed))]
    try:
        policy = parse_policy(text, source="policy.toml")
        table = compute(
            [window],
            affected([(s, "w1", n) for s, n in zip(subs, failed, strict=True)]),
            plans([(s, fee, "CA") for s in subs]),
            policy,
            "inc-1",
        )
        assert all(a >= 0 for a in table.column("amount").to_pylist())
        event("computed")
    except InputError as exc:
        event("refused")
        _one_line(exc)


@st.composite
def regime_texts(draw: st.DrawFn) -> str:
    """A built-in regime with numbers and quoted strings replaced by hostile ones."""
    text = REGIME
    numbers = list(re.finditer(r"(?<== )-?[0-9][0-9_.]*", text))
    strings = list(re.finditer(r'(?<== )"[^"\n]*"', text))
    for m in sorted(
        draw(st.lists(st.sampled_from(numbers + strings), min_size=1, max_size=3, unique=True)),
        key=lambda m: -m.start(),
    ):
        if m.group().startswith('"'):
            value = draw(HOSTILE_TEXT).replace("\\", "\\\\").replace('"', '\\"')
            new = '"' + value.encode("unicode_escape").decode("ascii").replace('\\\\"', '\\"') + '"'
        else:
            value = draw(EXTREME_NUMBER)
            new = {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), str(value))
        text = text[: m.start()] + new + text[m.end() :]
    return text


@SETTINGS
@given(text=regime_texts())
def test_assess_with_a_hostile_regime(text: str) -> None:
    from amends.incident.io import parse_incident
    from amends.regulation import assess, parse_regime

    incident = parse_incident(yaml.safe_dump(RECORD, allow_unicode=True), source="incident.yaml")
    try:
        regime = parse_regime(text, source="regime.toml")
        assessment = assess(incident, None, [regime], now=NOW)
        assert len(assessment.regimes) == 1
        event("assessed")
    except InputError as exc:
        event("refused")
        _one_line(exc)


EVENT_CELL = st.one_of(
    HOSTILE_TEXT.filter(lambda s: "\n" not in s and "\r" not in s),
    EXTREME_NUMBER.map(str),
    EXTREME_TIME,
)


@pytest.fixture(scope="module")
def duck() -> Any:
    import ibis

    return ibis.duckdb.connect()


PLAIN_TIME = st.datetimes(
    min_value=datetime(2026, 3, 1), max_value=datetime(2026, 3, 31), timezones=st.just(UTC)
).map(lambda d: d.isoformat())


def _mostly(plain: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> Any:
    return st.one_of(plain, plain, hostile)


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(
            _mostly(PLAIN_TIME, EXTREME_TIME),
            _mostly(st.sampled_from(["s1", "s2", "0042"]), HOSTILE_TEXT),
            _mostly(st.sampled_from(["CA", "TX"]), HOSTILE_TEXT),
            _mostly(st.sampled_from(["local", "sms"]), HOSTILE_TEXT),
            _mostly(st.sampled_from(["16", "34", ""]), EVENT_CELL),
            _mostly(st.sampled_from(["200", "503", ""]), EVENT_CELL),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_events_with_hostile_rows(rows: list[tuple[str, ...]], duck: Any, tmp_path_factory) -> None:
    import csv

    from amends.events.config import DEFAULT_FAILURES
    from amends.events.load import engine_errors, load_events
    from amends.events.summary import summarize

    path = tmp_path_factory.mktemp("events") / "e.csv"
    with path.open("w", encoding="utf-8", newline="", errors="surrogatepass") as f:
        out = csv.writer(f)
        out.writerow(["ts", "subscriber", "region", "service", "cause", "sip_status"])
        out.writerows(rows)
    try:
        with engine_errors([path]):
            summary = summarize(load_events(path, con=duck), DEFAULT_FAILURES)
        assert summary.rows == len(rows)
        event("read")
    except InputError as exc:
        event("refused")
        _one_line(exc)
