"""Unreachable or bogus databases, outputs that cannot be written, and bad option values:
one line that says what to check, exit 2, and files that were there before stay as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.helpers import GARBAGE, UNREACHABLE_DB, rows, store_in

#: Commands that open the store first: each must say it cannot open the database.
DB_COMMANDS: list[list[str]] = [
    ["db", "upgrade"],
    ["db", "current"],
    ["token", "create", "bot"],
    ["token", "list"],
    ["token", "revoke", "1"],
    ["history", "show"],
    ["due"],
    ["feedback", "some-incident"],
    ["worker", "--until-empty"],
    ["notify", "subscribe", "email", "a@example.com"],
    ["notify", "status"],
    ["site", "build", "-o", "site"],
    ["serve", "--port", "0"],
]


@pytest.mark.parametrize("args", DB_COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_unreachable_database(args: list[str], work: Path, rejected) -> None:
    line = rejected(*args, "--db", UNREACHABLE_DB, names=("database",))
    assert "--db" in line or "AMENDS_DB_URL" in line
    assert not (work / "site").exists()


def test_unreachable_database_for_file_commands(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "plans.csv").write_text("subscriber\ns1\n", encoding="utf-8")
    rejected("db", "import-plans", "plans.csv", "--db", UNREACHABLE_DB, names=("database",))
    rejected(
        "publish",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "--db",
        UNREACHABLE_DB,
        names=("database",),
    )
    rejected(
        "eta",
        "incident.yaml",
        "--db",
        UNREACHABLE_DB,
        "--now",
        "2026-03-10T22:00:00+00:00",
        names=("database",),
    )
    history = Path(__file__).parents[2] / "src/amends/eta/data/sample_history.csv"
    rejected("history", "import", str(history), "--db", UNREACHABLE_DB, names=("database",))


@pytest.mark.parametrize("url", ["notaurl", "notaurl://x"])
def test_bogus_database_url(url: str, work: Path, rejected) -> None:
    line = rejected("db", "upgrade", "--db", url, names=(url,))
    assert "sqlite:///" in line
    rejected("due", "--db", url, names=(url,))


def test_sqlite_file_that_is_not_a_database_is_left_alone(work: Path, rejected) -> None:
    (work / "not.db").write_bytes(GARBAGE)
    rejected("db", "upgrade", "--db", f"sqlite:///{work / 'not.db'}", names=("not a database",))
    assert (work / "not.db").read_bytes() == GARBAGE


def test_token_bad_scope_and_unknown_token(work: Path, rejected) -> None:
    db = store_in(work, "t")
    rejected("token", "create", "bot", "--scope", "godmode", "--db", db, names=("godmode",))
    assert rows(work / "t.db", "api_tokens") == 0
    rejected("token", "revoke", "99999", "--db", db, names=("99999",))


def test_outputs_blocked_by_an_existing_file(work: Path, rejected) -> None:
    """An output folder whose path is an existing file: refused, and the file is untouched."""
    blocker = work / "existing"
    blocker.write_text("precious\n", encoding="utf-8")
    rejected(
        "simulate",
        "-o",
        "existing/calls.parquet",
        "--subscribers",
        "10",
        "--calls-per-day",
        "100",
        names=("existing",),
    )
    assert blocker.read_text(encoding="utf-8") == "precious\n"


def test_simulate_output_is_a_folder(work: Path, rejected) -> None:
    (work / "folder").mkdir()
    rejected(
        "simulate",
        "-o",
        "folder",
        "--subscribers",
        "10",
        "--calls-per-day",
        "100",
        names=("folder",),
    )
    assert list((work / "folder").iterdir()) == []


def test_assess_and_eta_outputs_blocked(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "existing").write_text("precious\n", encoding="utf-8")
    now = "2026-03-10T22:00:00+00:00"
    rejected(
        "assess",
        "incident.yaml",
        "--impact",
        "impact",
        "--now",
        now,
        "-o",
        "existing",
        names=("existing",),
    )
    history = Path(__file__).parents[2] / "src/amends/eta/data/sample_history.csv"
    rejected(
        "eta",
        "incident.yaml",
        "--history",
        str(history),
        "--now",
        now,
        "-o",
        "existing/e.png",
        names=("existing",),
    )
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"


def test_impact_output_blocked(work: Path, rejected) -> None:
    from amends.cli.main import main

    assert (
        main(["simulate", "-o", "calls.parquet", "--subscribers", "50", "--calls-per-day", "500"])
        == 0
    )
    (work / "existing").write_text("precious\n", encoding="utf-8")
    rejected("impact", "calls.parquet", "-o", "existing", "--no-chart", names=("existing",))
    rejected("impact", "calls.parquet", "-o", "existing/sub", "--no-chart", names=("existing/sub",))
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"
    rejected(
        "impact",
        "calls.parquet",
        "-o",
        "out",
        "--tz",
        "Mars/Olympus",
        names=("--tz", "Mars/Olympus"),
    )
    (work / "bad.toml").write_text("[policy\nid = \n", encoding="utf-8")
    rejected("impact", "calls.parquet", "-o", "out", "--config", "bad.toml", names=("bad.toml:1",))
    rejected("impact", "calls.parquet", "-o", "out", "--map", "nope.toml", names=("nope.toml",))
    rejected("events", "inspect", "calls.parquet", "--tz", "Mars/Olympus", names=("Mars/Olympus",))
    rejected("events", "inspect", "calls.parquet", "--map", "nosuchmap", names=("nosuchmap",))
    rejected("events", "inspect", "calls.parquet", "--config", "bad.toml", names=("bad.toml:1",))
    assert not (work / "out" / "impact.json").exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--now", "2026-02-30T00:00"], ("--now",)),
        (["--now", "2026-03-10T23:00:00"], ("--now", "offset")),
        (["--regime", "nope"], ("nope",)),
    ],
)
def test_assess_bad_options(
    args: list[str],
    names: tuple[str, ...],
    work: Path,
    impact_dir: Path,
    good_incident: str,
    rejected,
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected("assess", "incident.yaml", "--impact", "impact", *args, "-o", "out", names=names)
    assert not (work / "out").exists()


def test_assess_bad_side_files(work: Path, impact_dir: Path, good_incident: str, rejected) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "bad.toml").write_text("[policy\nid = \n", encoding="utf-8")
    rejected(
        "assess", "incident.yaml", "--impact", "impact", "--regime", "bad.toml", names=("bad.toml",)
    )
    (work / "facts.yaml").write_text("a: &a [1, 2]\nb: [*a, *a]\n", encoding="utf-8")
    rejected(
        "assess",
        "incident.yaml",
        "--impact",
        "impact",
        "--facts",
        "facts.yaml",
        names=("facts.yaml",),
    )
    rejected("assess", "incident.yaml", "--impact", "nope", names=("nope/impact.json",))


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--now", "garbage"], ("--now",)),
        (["--now", "2026-03-10T22:00:00"], ("--now", "time zone")),
        (["--locale", "zz_ZZ"], ("--locale",)),
        (["--now", "9999-12-31T00:00:00+00:00"], ("--now", "1970 to 2999")),
        (["--db", "notaurl"], ("notaurl",)),
    ],
)
def test_eta_bad_options(
    args: list[str], names: tuple[str, ...], work: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    history = Path(__file__).parents[2] / "src/amends/eta/data/sample_history.csv"
    rejected("eta", "incident.yaml", "--history", str(history), *args, "--write", names=names)
    assert (work / "incident.yaml").read_text(encoding="utf-8") == good_incident


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--stage", "nope"], ("--stage", "nope")),
        (["--stage", "acknowledge", "--channel", "fax"], ("fax",)),
        (["--stage", "acknowledge", "--locale", "zz"], ("zz",)),
        (["--stage", "acknowledge", "--now", "2026-13-01"], ("--now",)),
        (["--stage", "acknowledge", "--templates", "nope"], ("nope",)),
    ],
)
def test_draft_bad_options(
    args: list[str], names: tuple[str, ...], work: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected("draft", "incident.yaml", *args, "-o", "out", names=names)
    assert not (work / "out").exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--stage", "nope"], ("nope",)),
        (["--component", "nonsense"], ("nonsense",)),
        (["--action", "zzz=done"], ("zzz",)),
        (
            ["--stage", "acknowledge", "--channel", "web", "--locale", "en", "--text", "nope.txt"],
            ("nope.txt",),
        ),
    ],
)
def test_publish_bad_options_store_nothing(
    args: list[str], names: tuple[str, ...], work: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected("publish", "incident.yaml", *args, "--db", store_in(work, "s"), names=names)
    for table in ("statements", "incidents", "outbox"):
        assert rows(work / "s.db", table) == 0


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--stage", "acknowledge", "--channel", "fax"], ("fax",)),
        (["--stage", "acknowledge", "--locale", "zz"], ("zz",)),
        (["--component", "voice:ca=exploded"], ("exploded",)),
    ],
)
def test_publish_bad_values_are_refused(
    args: list[str], names: tuple[str, ...], work: Path, good_incident: str, rejected
) -> None:
    """Refused cleanly and no statement. (Not asserted: the incident row, which publish saves
    before it checks these values; a known bug reported to the lead.)"""
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected("publish", "incident.yaml", *args, "--db", store_in(work, "s"), names=names)
    assert rows(work / "s.db", "statements") == 0


def test_publish_unreachable_server(work: Path, good_incident: str, rejected) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    rejected(
        "publish", "incident.yaml", "--stage", "acknowledge", "--server", "http://127.0.0.1:1",
        "--token", "x", names=("http://127.0.0.1:1", "--server"),
    )  # fmt: skip


def test_check_bad_options(work: Path, rejected) -> None:
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--profile", "nope-profile", names=("nope-profile",))
    (work / "bad.toml").write_text("[check\n", encoding="utf-8")
    rejected("check", "s.txt", "--config", "bad.toml", names=("bad.toml",))
    rejected("check", "s.txt", "--config", "nope.toml", names=("nope.toml",))


def test_worker_bad_config_and_concurrency(work: Path, rejected) -> None:
    db = store_in(work, "w")
    (work / "bad.toml").write_text("[notify\n", encoding="utf-8")
    rejected("worker", "--db", db, "--config", "bad.toml", "--until-empty", names=("bad.toml",))
    rejected(
        "worker", "--db", db, "--concurrency", "email=abc", "--until-empty", names=("email=abc",)
    )


def test_notify_import_and_subscribe_reject_hostile_rows(work: Path, rejected) -> None:
    db = store_in(work, "n")
    (work / "subs.csv").write_text(
        "kind,address\nemail,<script>alert(1)</script>@x.com\nwebhook,javascript:alert(1)\n",
        encoding="utf-8",
    )
    rejected("notify", "import", "subs.csv", "--db", db, names=("subs.csv:2",))
    (work / "cols.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    rejected("notify", "import", "cols.csv", "--db", db, names=("cols.csv:1", "kind"))
    (work / "empty.csv").write_text("", encoding="utf-8")
    rejected("notify", "import", "empty.csv", "--db", db, names=("empty.csv",))
    rejected("notify", "import", "nope.csv", "--db", db, names=("nope.csv",))
    rejected("notify", "subscribe", "email", "not-an-email", "--db", db, names=("not-an-email",))
    rejected(
        "notify", "subscribe", "webhook", "javascript:alert(1)", "--db", db, names=("javascript:",)
    )
    assert rows(work / "n.db", "notify_subscriptions") == 0


def test_notify_files_and_tokens(work: Path, impact_dir: Path, rejected) -> None:
    db = store_in(work, "n")
    (work / "bin.parquet").write_bytes(GARBAGE)
    for args, name in [
        (["enqueue-notices", "some-incident", "nope.parquet"], "nope.parquet"),
        (["enqueue-notices", "some-incident", "bin.parquet"], "bin.parquet"),
        (["enqueue-notices", "some-incident", "impact/subscribers.parquet"], "channel"),
        (["audience", "nope.parquet", "-o", "a.parquet"], "nope.parquet"),
        (["audience", "bin.parquet", "-o", "a.parquet"], "bin.parquet"),
    ]:
        rejected("notify", *args, "--db", db, names=(name,))
    assert not (work / "a.parquet").exists()
    assert rows(work / "n.db", "outbox") == 0
    rejected("notify", "confirm", "garbage\u202e<script>", "--db", db, names=("token",))
    rejected("notify", "unsubscribe", "x" * 10000, "--db", db, names=("token",))
    rejected("notify", "requeue-dead", "--db", UNREACHABLE_DB, names=("database",))


def test_worker_config_with_wrong_types(work: Path, rejected) -> None:
    (work / "n.toml").write_text(
        '[notify]\nemail = 5\n[notify.smtp]\nport = "abc"\n', encoding="utf-8"
    )
    rejected(
        "worker",
        "--db",
        store_in(work, "w"),
        "--config",
        "n.toml",
        "--until-empty",
        names=("n.toml",),
    )
