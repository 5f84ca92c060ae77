"""The shells: `amends incident init|schema`, `amends draft`, `amends notices`, and their errors."""

from __future__ import annotations

import email
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from amends.cli.demo_compose import demo_facts
from amends.incident import dump_incident, load_incident


def test_init_prefills_and_draft_refuses_until_a_person_fills_in(
    cli: Callable[..., object], impact_dir: Callable[[str], Path], tmp_path: Path
) -> None:
    impact = impact_dir("demo")
    out = tmp_path / "incident.yaml"
    r = cli("incident", "init", "--impact", impact, "-o", out, "--locale", "en,es")
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    text = out.read_text(encoding="utf-8")
    assert "# TODO(person): what customers saw" in text
    record = load_incident(out)
    assert record.locales == ["en", "es"]
    assert record.regions["CA"].name == "California"
    assert record.regions["CA"].services_total  # from the plans file next to the calls
    again = cli("incident", "init", "--impact", impact, "-o", out)
    assert again.code == 2 and "--force" in again.err  # type: ignore[attr-defined]

    r = cli("draft", out, "--stage", "resolve", "-o", tmp_path / "drafts")
    assert r.code == 2  # type: ignore[attr-defined]
    err = r.err  # type: ignore[attr-defined]
    assert "cannot draft resolve" in err and "cause.category" in err and "status_url" in err
    assert "Traceback" not in err
    assert not (tmp_path / "drafts").exists()

    dump_incident(demo_facts(record, stage="resolve"), out)
    r = cli(
        "draft",
        out,
        "--stage",
        "resolve",
        "-o",
        tmp_path / "drafts",
        "--now",
        "2026-03-11T09:00:00-07:00",
    )
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    names = sorted(p.name for p in (tmp_path / "drafts").iterdir())
    # the record's audiences (public, customers): the customers' files keep their plain names
    assert names == sorted(
        f"resolve.{c}.{loc}{suffix}.{ext}"
        for suffix in ("", ".public")
        for loc in ("en", "es")
        for c, exts in (
            ("web", ("md", "html")),
            ("email", ("eml",)),
            ("sms", ("txt",)),
            ("social", ("txt",)),
        )
        for ext in exts
    )
    msg = email.message_from_string(
        (tmp_path / "drafts" / "resolve.email.es.eml").read_text(encoding="utf-8")
    )
    assert msg["Subject"].startswith("Resuelto:")
    assert [p.get_content_type() for p in msg.walk() if not p.is_multipart()] == [
        "text/plain",
        "text/html",
    ]


def test_draft_one_channel_and_bad_options(cli: Callable[..., object], tmp_path: Path) -> None:
    from tests.compose.records import fixed_incident

    inc = tmp_path / "inc.yaml"
    dump_incident(fixed_incident("acknowledge"), inc)
    r = cli(
        "draft",
        inc,
        "--stage",
        "acknowledge",
        "--channel",
        "sms",
        "--locale",
        "es",
        "-o",
        tmp_path / "d",
        "--now",
        "2026-03-10T14:40:00-07:00",
    )
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        "acknowledge.sms.es.public.txt",
        "acknowledge.sms.es.txt",
    ]
    assert "segment" in r.out  # type: ignore[attr-defined]
    for args, needle in (
        (("--stage", "apologise"), "unknown stage"),
        (("--stage", "update", "--channel", "fax"), "unknown channel"),
        (("--stage", "update", "--now", "yesterday"), "--now"),
        (("--stage", "update", "--audience", "press"), "unknown audience"),
    ):
        r = cli("draft", inc, *args, "-o", tmp_path / "x")
        assert r.code == 2 and needle in r.err, r.err  # type: ignore[attr-defined]


def test_bad_incident_yaml_names_line(cli: Callable[..., object], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\ntitle: t\ntime_zone: Mars/Base\ndiscovered_at: 2026-03-10T14:00:00Z\n",
        encoding="utf-8",
    )
    r = cli("draft", bad, "--stage", "acknowledge", "-o", tmp_path / "o")
    assert r.code == 2  # type: ignore[attr-defined]
    assert f"{bad}:3: field time_zone" in r.err.replace("\n", "")  # type: ignore[attr-defined]


def test_schema_command(cli: Callable[..., object], tmp_path: Path) -> None:
    r = cli("incident", "schema", "-o", tmp_path / "s.json")
    assert r.code == 0  # type: ignore[attr-defined]
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert "eta" in schema["properties"] and "major" in schema["properties"]


def test_notices_command_streams_parquet(
    cli: Callable[..., object], impact_dir: Callable[[str], Path], tmp_path: Path
) -> None:
    impact = impact_dir("demo")
    out = tmp_path / "incident.yaml"
    assert cli("incident", "init", "--impact", impact, "-o", out, "--locale", "en,es").code == 0  # type: ignore[attr-defined]
    dump_incident(demo_facts(load_incident(out), stage="resolve"), out)
    affected = pq.read_table(impact / "subscribers.parquet")
    subs = affected.column("subscriber").unique()
    credits = tmp_path / "credits.parquet"
    import pyarrow as pa

    pq.write_table(
        pa.table(
            {"subscriber": subs, "amount": [2.5] * len(subs), "currency": ["USD"] * len(subs)}
        ),
        credits,
    )
    target = tmp_path / "notices.parquet"
    r = cli("notices", out, "--impact", impact, "--credits", credits, "-o", target)
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    table = pq.read_table(target)
    assert table.num_rows == len(subs)
    assert set(table.column("credit").to_pylist()) == {"$2.50", "2,50 US$"}
    r = cli("notices", out, "--impact", tmp_path, "-o", tmp_path / "n2.parquet")
    assert r.code == 2 and "subscribers.parquet not found" in r.err  # type: ignore[attr-defined]
    assert not (tmp_path / "n2.parquet").exists()


def test_draft_audience_option(cli: Callable[..., object], tmp_path: Path) -> None:
    """`--audience public` writes only the public drafts (named with `.public`), in the third
    person; `--audience customers` only the plain names; a record's unknown audience exits 2."""
    from tests.compose.records import fixed_incident

    inc = tmp_path / "inc.yaml"
    dump_incident(fixed_incident("resolve"), inc)
    when = ("--now", "2026-03-11T09:00:00-07:00")
    r = cli("draft", inc, "--stage", "resolve", "--channel", "web", "--locale", "en",
            "--audience", "public", "-o", tmp_path / "p", *when)  # fmt: skip
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "resolve.web.en.public.html",
        "resolve.web.en.public.md",
    ]
    public = (tmp_path / "p" / "resolve.web.en.public.md").read_text(encoding="utf-8")
    assert "Affected customers will see it on their next bill." in public
    assert "You will see it" not in public
    r = cli("draft", inc, "--stage", "resolve", "--channel", "email", "--locale", "en",
            "--audience", "customers", "-o", tmp_path / "c", *when)  # fmt: skip
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["resolve.email.en.eml"]
    dump_incident(fixed_incident("resolve").model_copy(update={"audiences": ["press"]}), inc)
    r = cli("draft", inc, "--stage", "resolve", "-o", tmp_path / "x", *when)
    assert r.code == 2 and "unknown audience 'press'" in r.err  # type: ignore[attr-defined]
    assert str(inc) in r.err and not (tmp_path / "x").exists()  # type: ignore[attr-defined]


def test_draft_re_estimates_restoration_from_history(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 8: every update carries the estimate as of now, from the provider's history."""
    from tests.compose.records import fixed_incident, now_for

    from amends.eta import load_history_csv, with_estimate
    from amends.eta.demo_data import SAMPLE_HISTORY

    record = fixed_incident("update").model_copy(update={"eta": None})
    path = dump_incident(record, tmp_path / "incident.yaml")
    now = now_for("update")
    _, est = with_estimate(record, load_history_csv(SAMPLE_HISTORY), now)
    out = tmp_path / "drafts"
    r = cli(
        "draft", path, "--stage", "update", "--channel", "web", "--locale", "en",
        "--audience", "customers", "-o", out, "--now", now.isoformat(),
        "--history", SAMPLE_HISTORY,
    )  # fmt: skip
    assert r.code == 0, r.err  # type: ignore[attr-defined]
    text = (out / "update.web.en.md").read_text(encoding="utf-8")
    assert est.basis and est.basis.split(".")[0] in text
    plain = cli(
        "draft", path, "--stage", "update", "--channel", "web", "--locale", "en",
        "--audience", "customers", "-o", tmp_path / "plain", "--now", now.isoformat(),
    )  # fmt: skip
    assert plain.code == 0
    assert est.basis.split(".")[0] not in (tmp_path / "plain" / "update.web.en.md").read_text()
