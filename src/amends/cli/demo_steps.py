"""The demo's pipeline: each step runs one stage on the previous step's output and reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

DEMO_START = date(2026, 3, 10)


@dataclass
class DemoState:
    """What the steps so far have produced."""

    output: Path
    console: Console
    wrote: list[tuple[str, Path]] = field(default_factory=list)
    calls: Path | None = None
    truth_path: Path | None = None
    truth: object | None = None
    impact_dir: Path | None = None
    incident_path: Path | None = None

    @property
    def db_url(self) -> str:
        """The demo's store: a SQLite file in its output folder."""
        return f"sqlite:///{(self.output / 'amends.db').resolve()}"


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def step_simulate(state: DemoState, *, subscribers: int, calls_per_day: int, seed: int) -> None:
    """Generate a day of call records with the demo's injected outage."""
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig, simulate

    scenario = Scenario.builtin("demo")
    config = SimulationConfig(
        subscribers=subscribers,
        calls_per_day=calls_per_day,
        days=1,
        start=DEMO_START,
        scenario=scenario,
        seed=seed,
    )
    calls = state.output / "calls.parquet"
    with _progress(state.console) as progress:
        task = progress.add_task("simulating call records", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        truth = simulate(calls, config, progress=advance)
    state.truth = truth
    state.calls = calls
    state.truth_path = calls.with_name(calls.stem + ".truth.json")
    state.wrote += [
        ("call records (canonical Parquet)", calls),
        ("what was injected (truth)", state.truth_path),
        ("subscribers and plans", calls.with_name(calls.stem + ".subscribers.parquet")),
    ]
    table = Table(title="Simulated day", title_justify="left")
    table.add_column("rows", justify="right")
    table.add_column("from (UTC)")
    table.add_column("to (UTC)")
    table.add_column("regions")
    table.add_row(
        f"{truth.rows:,}",
        truth.start.isoformat(),
        truth.end.isoformat(),
        ", ".join(r.name for r in truth.regions),
    )
    state.console.print(table)
    outages = Table(title="Injected outage", title_justify="left")
    for col in ("id", "kind", "regions", "services", "start (UTC)", "end (UTC)", "subscribers"):
        outages.add_column(col)
    for w in truth.windows:
        outages.add_row(
            w.id,
            w.kind,
            ", ".join(w.regions),
            ", ".join(w.services),
            w.start.isoformat(),
            w.end.isoformat() if w.end else "ongoing",
            f"{w.subscribers_affected:,}",
        )
    state.console.print(outages)


def step_impact(state: DemoState) -> None:
    """Measure the outage from the call records alone, and compare it with what was injected."""
    from amends.cli.impact import summary_table
    from amends.events.config import load_failure_policy
    from amends.impact import ImpactConfig
    from amends.impact.engines import analyse_sources
    from amends.impact.outputs import write_outputs

    assert state.calls is not None
    out = state.output / "impact"
    with _progress(state.console) as progress:
        progress.add_task("measuring the outage from the call records", total=None)
        cfg = ImpactConfig(failures=load_failure_policy(None))
        result = analyse_sources([str(state.calls)], cfg)
        paths = write_outputs(result, out, chart=True, tz="UTC")
    state.impact_dir = out
    state.console.print(summary_table(result, "UTC"))
    for t in getattr(state.truth, "windows", []):
        same = [w for w in result.report.windows if w.kind == t.kind and w.end and t.end]
        if not same:
            state.console.print(f"injected {t.kind} outage {t.id}: [red]not found[/]")
            continue
        w = min(same, key=lambda w: abs((w.start - t.start).total_seconds()))
        state.console.print(
            f"injected {t.kind} outage {t.id} ({', '.join(t.regions)}): found as {w.id}, start "
            f"{_minutes(w.start - t.start)} and end {_minutes(w.end - t.end)} from the truth"
        )
    labels = ["measured impact (JSON)", "affected subscribers", "impact chart", "impact chart"]
    state.wrote += list(zip(labels, paths, strict=False))


def _minutes(delta: object) -> str:
    """A signed time difference in minutes, e.g. '+2 min'."""
    seconds = delta.total_seconds()  # type: ignore[attr-defined]
    return f"{seconds / 60:+.0f} min"


def step_live(state: DemoState) -> None:
    """Replay the day's afternoon into a folder at high speed with `amends watch` following it:
    the incidents it opens and the acknowledgements it drafts as the records arrive."""
    from amends.cli.demo_live import run

    assert state.calls is not None
    plans = state.calls.with_name(state.calls.stem + ".subscribers.parquet")
    state.wrote += run(state.output, state.calls, plans, state.console)


def step_compose(state: DemoState) -> None:
    """The incident record (measured facts plus the demo's stand-in human facts) and every
    statement drafted, checked and written."""
    from amends.cli.demo_compose import run

    assert state.impact_dir is not None
    state.wrote += run(state.output, state.impact_dir, state.console)
    state.incident_path = state.output / "incident.yaml"


def step_eta(state: DemoState) -> None:
    """What the restoration estimate said at discovery, from the packaged sample history."""
    from amends.cli.demo_eta import run
    from amends.incident import load_incident

    assert state.incident_path is not None
    folder = state.output / "eta"
    run(folder, load_incident(state.incident_path), state.console)
    state.wrote += [("restoration estimate chart", p) for p in sorted(folder.glob("eta.*"))]


def step_assess(state: DemoState) -> None:
    """Is the outage reportable, to whom, by when; drafts of the reports."""
    from amends.cli.demo_assess import run

    assert state.incident_path is not None and state.impact_dir is not None
    state.wrote += run(state.output, state.incident_path, state.impact_dir, state.console)


def step_credits(state: DemoState) -> None:
    """Each affected customer's credit under the demo policy, recorded once in the ledger."""
    from amends.cli.demo_credits import run
    from amends.incident import load_incident

    assert state.incident_path is not None and state.impact_dir is not None
    assert state.calls is not None
    incident = load_incident(state.incident_path)
    subscribers = state.calls.with_name(state.calls.stem + ".subscribers.parquet")
    state.wrote += run(
        state.output,
        state.impact_dir,
        subscribers,
        incident.id,
        state.db_url,
        state.console,
        windows=incident.windows,  # this incident's outage only, not the day's other one
    )


def step_serve(state: DemoState) -> None:
    """Publish the statements to the store and build the static status site."""
    from amends.cli.demo_serve import run

    assert state.incident_path is not None
    state.wrote += run(state.output, state.db_url, state.incident_path, state.console)


def step_notify(state: DemoState) -> None:
    """Deliver the published statements to a local SMTP sink and webhook receiver."""
    from amends.cli.demo_notify import run

    state.wrote += run(state.output, state.db_url, state.console)


def run_demo(
    output: Path, *, subscribers: int, calls_per_day: int, seed: int, console: Console
) -> None:
    """Run every step of the pipeline that exists and print where the outputs are."""
    from amends.cli.demo import outputs_table

    output.mkdir(parents=True, exist_ok=True)
    state = DemoState(output=output, console=console)
    step_simulate(state, subscribers=subscribers, calls_per_day=calls_per_day, seed=seed)
    step_impact(state)
    for step in (
        step_live,
        step_compose,
        step_eta,
        step_assess,
        step_credits,
        step_serve,
        step_notify,
    ):
        step(state)
    console.print(outputs_table(state.wrote, root=output))
    console.print(f"[bold green]Done.[/] Everything is in {output.resolve()}")
