"""Findings of the hostile-input review that are fixed: each stays fixed (exit 2, one line,
nothing lost or half-written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.helpers import GARBAGE, rows, store_in


def test_site_build_refuses_a_folder_it_did_not_write(
    work: Path, good_incident: str, rejected, cli
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    db = store_in(work, "s")
    assert cli("publish", "incident.yaml", "--db", db).code == 0
    (work / "mydocs").mkdir()
    (work / "mydocs" / "thesis.txt").write_text("my thesis\n", encoding="utf-8")
    rejected("site", "build", "--db", db, "-o", "mydocs", names=("mydocs",))
    assert (work / "mydocs" / "thesis.txt").read_text(encoding="utf-8") == "my thesis\n"
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected("site", "build", "--db", db, "-o", "existing", names=("existing",))
    rejected("site", "build", "--db", db, "-o", "existing/s", names=("existing",))
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize(
    "extra",
    [["--channel", "web", "--channel", "fax"], ["--locale", "en", "--locale", "zz"]],
    ids=["second-channel-bad", "second-locale-bad"],
)
def test_publish_checks_every_value_before_writing(
    extra: list[str], work: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected(
        "publish",
        "incident.yaml",
        "--stage",
        "acknowledge",
        *extra,
        "--db",
        store_in(work, "s"),
    )
    for table in ("statements", "outbox"):
        assert rows(work / "s.db", table) == 0


def test_publish_nan_in_record_is_refused_before_any_statement(
    work: Path, good_incident: str, rejected
) -> None:
    bad = good_incident.replace("failure_rate: 0.0", "failure_rate: .nan", 1)
    assert bad != good_incident
    (work / "incident.yaml").write_text(bad, encoding="utf-8")
    rejected("publish", "incident.yaml", "--stage", "acknowledge", "--db", store_in(work, "s"))
    assert rows(work / "s.db", "statements") == 0


@pytest.mark.parametrize("command", ["assess", "eta", "draft", "credits", "notices", "publish"])
def test_duplicate_key_and_latin1_records_are_refused(
    command: str, work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    from tests.hostile.test_incident_files import _commands

    (work / "policy.toml").write_text('id = "p"\n', encoding="utf-8")
    (work / "incident.yaml").write_text(good_incident + "\nid: other-id\n", encoding="utf-8")
    line = rejected(*_commands("incident.yaml", work)[command], names=("incident.yaml", "id"))
    assert "twice" in line
    latin = good_incident.replace(
        "title: Long-distance calls failing in California", "title: Caf\u00e9", 1
    )
    (work / "latin.yaml").write_bytes(latin.encode("latin-1", "replace"))
    rejected(*_commands("latin.yaml", work)[command], names=("latin.yaml", "UTF-8"))
    assert not (work / "out").exists()
    assert rows(work / "store.db", "statements") == 0


PLANS = "subscriber,plan,monthly_fee,currency,email\n"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (PLANS + "s1,basic,-10,USD,a@example.com\n", (":2:", "monthly_fee")),
        (PLANS + "s1,basic,NaN,USD,a@example.com\n", (":2:", "NaN")),
        (PLANS + "s1,basic,1e400,USD,a@example.com\n", (":2:", "1e400")),
        (PLANS + "s1,basic,10,ZZZ,a@example.com\n", (":2:", "ZZZ")),
        (PLANS + "s1,basic,10,USD,<script>alert(1)</script>\n", (":2:", "email")),
        ("subscriber,subscriber\ns1,s2\n", (":1:", "subscriber")),
    ],
    ids=[
        "negative-fee",
        "nan-fee",
        "huge-fee",
        "unknown-currency",
        "markup-email",
        "duplicate-header",
    ],
)
def test_import_plans_checks_values(
    body: str, names: tuple[str, ...], work: Path, rejected
) -> None:
    (work / "p.csv").write_text(body, encoding="utf-8")
    rejected("db", "import-plans", "p.csv", "--db", store_in(work, "s"), names=("p.csv", *names))
    assert rows(work / "s.db", "subscribers") == 0


def test_store_and_token_values(work: Path, rejected) -> None:
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected(
        "db", "upgrade", "--db", f"sqlite:///{work / 'existing' / 'x.db'}", names=("existing",)
    )
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"
    db = store_in(work, "s")
    rejected("db", "upgrade", "--db", db, "--revision", "zzz", names=("--revision", "zzz"))
    rejected("token", "create", "<script>\u202e\x07", "--db", db, names=("token name",))
    assert rows(work / "s.db", "api_tokens") == 0


def test_outputs_that_are_folders_or_files(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "existing").write_text("precious\n", encoding="utf-8")
    now = "2026-03-10T23:00:00+00:00"
    rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "--now",
        now,
        "-o",
        "existing",
        names=("existing",),
    )
    rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "--now",
        now,
        "-o",
        "existing/d",
        names=("existing",),
    )
    rejected("notices", "incident.yaml", "--impact", "impact", "-o", "impact", names=("impact",))
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"


def test_assess_facts_and_publish_text_not_utf8(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "bin.yaml").write_bytes(GARBAGE)
    rejected(
        "assess",
        "incident.yaml",
        "--impact",
        "impact",
        "--facts",
        "bin.yaml",
        names=("bin.yaml", "UTF-8"),
    )
    rejected(
        "publish", "incident.yaml", "--stage", "acknowledge", "--channel", "web", "--locale", "en",
        "--text", "bin.yaml", "--db", store_in(work, "s"), names=("bin.yaml", "UTF-8"),
    )  # fmt: skip
    assert rows(work / "s.db", "statements") == 0


def test_check_empty_stdin(work: Path, rejected, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    rejected("check", "-", names=("empty",))


def test_scenario_and_start_limits(work: Path, rejected) -> None:
    (work / "empty.yaml").write_text("", encoding="utf-8")
    rejected(
        "simulate", "-o", "calls.parquet", "--scenario", "empty.yaml", names=("empty.yaml", "empty")
    )
    rejected("simulate", "-o", "calls.parquet", "--start", "9999-12-31", names=("--start",))
    assert not (work / "calls.parquet").exists()


EVENTS = "ts,subscriber,region,service,cause,sip_status,duration_s\n"


@pytest.mark.parametrize(
    ("row", "names"),
    [
        ("9999-03-10T10:00:00Z,s1,CA,local,16,200,30\n", ("future",)),
        ("2026-03-10T10:00:00Z,s1,CA,local,16,200,-30\n", ("duration_s", "-30")),
    ],
    ids=["future-time", "negative-duration"],
)
def test_events_future_and_negative(row: str, names: tuple[str, ...], work: Path, rejected) -> None:
    (work / "e.csv").write_text(EVENTS + row, encoding="utf-8")
    rejected("events", "inspect", "e.csv", names=("e.csv", *names))


def test_binary_inputs_are_not_echoed(
    work: Path, rejected, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    (work / "bin.csv").write_bytes(GARBAGE)
    line = rejected("events", "inspect", "bin.csv", names=("bin.csv", "UTF-8"))
    assert all(ch.isprintable() for ch in line)
    rejected(
        "notify",
        "import",
        "bin.csv",
        "--db",
        store_in(work, "n"),
        names=("bin.csv", "UTF-8"),
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GARBAGE)))
    rejected("check", "-", names=("UTF-8",))


def test_configs_not_utf8(work: Path, rejected, cli) -> None:
    (work / "bin.toml").write_bytes(GARBAGE)
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--config", "bin.toml", names=("bin.toml", "UTF-8"))
    assert (
        cli("simulate", "-o", "calls.parquet", "--subscribers", "20", "--calls-per-day", "200").code
        == 0
    )
    rejected(
        "impact", "calls.parquet", "-o", "out", "--config", "bin.toml", names=("bin.toml", "UTF-8")
    )
    assert not (work / "out" / "impact.json").exists()
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected("events", "convert", "calls.parquet", "-o", "existing/x.parquet", names=("existing",))
    (work / "folder").mkdir()
    rejected("events", "convert", "calls.parquet", "-o", "folder", names=("folder",))
    assert list((work / "folder").iterdir()) == []
    assert sorted(p.name for p in work.iterdir() if "partial" in p.name) == []


def test_unknown_locales_refused(work: Path, impact_dir: Path, rejected) -> None:
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--locale", "xx", names=("--locale", "xx"))
    rejected(
        "incident",
        "init",
        "--impact",
        "impact",
        "-o",
        "x.yaml",
        "--locale",
        "<script>",
        names=("<script>",),
    )
    assert not (work / "x.yaml").exists()
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected("incident", "init", "--impact", "impact", "-o", "existing/x.yaml", names=("existing",))


def test_history_future_and_huge(work: Path, rejected) -> None:
    head = "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n"
    (work / "future.csv").write_text(
        head + "r1,power,9999-03-01T00:00:00+00:00,9999-03-02T04:00:00+00:00,WA,local,5\n",
        encoding="utf-8",
    )
    (work / "huge.csv").write_text(
        head
        + "r1,power,2024-03-01T00:00:00+00:00,2024-03-02T04:00:00+00:00,WA,local,"
        + "9" * 23
        + "\n",
        encoding="utf-8",
    )
    db = store_in(work, "s")
    rejected("history", "import", "future.csv", "--db", db, names=("future.csv:2", "future"))
    rejected("history", "import", "huge.csv", "--db", db, names=("huge.csv:2", "too large"))
    assert rows(work / "s.db", "past_incidents") == 0


def test_notices_and_audience_side_files(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "bin.parquet").write_bytes(GARBAGE)
    (work / "cols.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    base = ["notices", "incident.yaml", "--impact", "impact"]
    rejected(*base, "-o", "n.parquet", "--credits", "bin.parquet", names=("bin.parquet",))
    rejected(*base, "-o", "n.parquet", "--plans", "cols.csv", names=("cols.csv", "subscriber"))
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected(*base, "-o", "existing/n.parquet", names=("existing",))
    assert not (work / "n.parquet").exists()
    db = store_in(work, "n")
    rejected(
        "notify",
        "audience",
        "impact/impact.json",
        "-o",
        "a.parquet",
        "--db",
        db,
        names=("impact.json",),
    )
    assert not (work / "a.parquet").exists()


def test_control_characters_in_a_title_do_not_break_the_site(
    work: Path, good_incident: str, cli
) -> None:
    """Either the record is refused, or the site (pages and feeds) still builds as valid XML."""
    from xml.etree import ElementTree

    title = 'title: "Calls failing\\x07 \\u202e in Texas"'
    text = good_incident.replace("title: Long-distance calls failing in California", title, 1)
    assert text != good_incident
    (work / "incident.yaml").write_text(text, encoding="utf-8")
    db = store_in(work, "s")
    published = cli("publish", "incident.yaml", "--db", db)
    if published.code == 2:
        assert "incident.yaml" in published.err and "Traceback" not in published.err
        return
    assert published.code == 0, published.err
    built = cli("site", "build", "--db", db, "-o", "site")
    assert built.code == 0, built.err
    feeds = [p for p in (work / "site").rglob("*") if p.suffix in {".atom", ".rss"}]
    assert feeds
    for feed in feeds:
        ElementTree.parse(feed)  # raises on control characters


def test_feedback_negative_count_is_a_usage_error(work: Path, rejected) -> None:
    rejected("feedback", "some-incident", "--comments", "-5", "--db", store_in(work, "f"))


@pytest.mark.parametrize(
    "when", ["9999-12-31T23:59:00Z", "9999-12-31T23:00:00-12:00", "0001-01-01T00:00:00Z"]
)
def test_now_at_the_ends_of_the_calendar_is_refused_not_a_traceback(
    when: str, work: Path, good_incident: str, rejected, cli
) -> None:
    """Found in review: `draft --now 9999-12-31...` and `site build --now` overflowed the date
    arithmetic (next update, 90-day bars) with a traceback."""
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    db = store_in(work, "s")
    assert cli("publish", "incident.yaml", "--db", db).code == 0
    rejected("draft", "incident.yaml", "--stage", "update", "-o", "drafts", "--now", when,
             names=("--now", "1970"))  # fmt: skip
    rejected("site", "build", "--db", db, "-o", "site", "--now", when, names=("--now", "1970"))
    assert not (work / "drafts").exists() and not (work / "site").exists()
