"""The demo's compose step: an incident record from the demo's impact output, with the facts only
a person knows supplied by the demo (and marked as such), then every statement drafted and
checked."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from amends.incident import Incident

#: Marks every human-supplied fact in the demo's record as invented for the demo.
DEMO_NOTE = (
    "# DEMO RECORD: every human-supplied fact here (provider, symptom, cause, fixes, support,\n"
    "# compensation, feedback, links, translations) was made up by `amends demo` to show the\n"
    "# pipeline; the windows and counts are measured from the simulated calls.\n"
)
DEMO_STAGES = ("acknowledge", "update", "resolve", "explain")


def demo_facts(incident: Incident, *, stage: str = "resolve") -> Incident:
    """The record with plausible human facts for the demo's fiber cut (English and Spanish).

    `stage` decides how much is known: at acknowledge the cause is still unknown and the outage
    ongoing; from update on the cause is known; from resolve on service is back.
    """
    from amends.incident import (
        Action,
        Cause,
        Compensation,
        Feedback,
        Fixes,
        ImmediateFix,
        RegulatoryContact,
        SupportChannel,
    )

    start = incident.started_at or incident.discovered_at
    end = incident.ended_at or start + timedelta(hours=2)
    ongoing = stage in ("acknowledge", "update")
    windows = incident.windows
    if ongoing:  # the demo replays the day: at these stages the last window is still open
        last = windows[-1].model_copy(update={"end": None})
        windows = [*windows[:-1], last]
    due = (end + timedelta(days=60)).date()
    es = {
        "symptom": "un tono de ocupado rápido y el mensaje «todos los circuitos están ocupados»",
        "cause.description": "Una cuadrilla que trabajaba en una obra cortó el cable de fibra "
        "que conecta nuestra central con el resto de la red",
        "cause.contributing_factors[0]": "Solo teníamos una ruta de fibra hacia esa central",
        "cause.contributing_factors[1]": "Nuestras alarmas tardaron 20 minutos en avisar al "
        "equipo de guardia",
        "fixes.immediate[0].what": "desviamos las llamadas por otra central",
        "fixes.immediate[1].what": "empalmamos el cable de fibra cortado",
        "fixes.long_term[0].what": "instalar una segunda ruta de fibra hacia la central",
        "fixes.long_term[0].how": "tendiendo un cable nuevo por otra calle",
        "fixes.long_term[0].owner": "nuestro equipo de ingeniería de red",
        "fixes.long_term[1].what": "avisar al equipo de guardia en 2 minutos",
        "fixes.long_term[1].how": "con una nueva alarma por caída de llamadas",
        "fixes.long_term[1].owner": "nuestro centro de operaciones",
        "compensation.summary": "cada cliente con llamadas fallidas recibe un crédito de entre "
        "2 y 20 dólares (un día de su cuota, o más según las llamadas fallidas) y 1 GB de datos",
        "compensation.how": "en su próxima factura",
        "support[0].kind": "teléfono",
        "support[0].hours": "las 24 horas, todos los días",
        "support[1].hours": "de lunes a domingo, de 8:00 a 22:00",
        "title": _title_es(incident),
    }
    translations = {k: dict(v) for k, v in incident.translations.items()}
    translations.setdefault("es", {}).update(es)
    cause = (
        Cause()
        if stage == "acknowledge"
        else Cause(
            category="fiber_cut",
            description="A construction crew cut the fiber cable that links our exchange to "
            "the rest of our network",
            contributing_factors=[
                "We had only one fiber route into that exchange",
                "Our alarms took 20 minutes to reach the engineer on call",
            ],
        )
    )
    update = {
        "provider": "Example Telecom (demo)",
        "status": {"acknowledge": "investigating", "update": "identified"}.get(stage, "resolved"),
        "windows": windows,
        "symptom": "a fast busy tone and the message 'all circuits are busy'",
        "cause": cause,
        "fixes": Fixes(
            immediate=[]
            if ongoing
            else [
                ImmediateFix(what="rerouted calls through another exchange", at=end),
                ImmediateFix(what="spliced the cut fiber cable"),
            ],
            long_term=[
                Action(
                    what="add a second fiber route into the exchange",
                    how="by laying a new cable along a different street",
                    owner="our network engineering team",
                    due=due,
                ),
                Action(
                    what="alert the engineer on call within 2 minutes",
                    how="with a new alarm on failed calls",
                    owner="our network operations center",
                    due=due,
                ),
            ],
        ),
        "support": [
            SupportChannel(kind="phone", contact="1-800-555-0199", hours="24/7"),
            SupportChannel(
                kind="chat",
                contact="https://example.com/help",
                hours="Monday to Sunday, 8:00 AM to 10:00 PM",
            ),
        ],
        "compensation": Compensation(
            # What the demo's credits step pays (src/amends/credits/policies/demo.toml).
            summary="Every customer whose calls failed gets a credit of $2 to $20 (a day of "
            "their monthly fee, or more for more failed calls) and 1 GB of extra data",
            applied_by=(end + timedelta(days=30)).date(),
            how="on your next bill",
            automatic=True,
        ),
        "feedback": Feedback(url="https://example.com/feedback", email="outage@example.com"),
        "regulatory_contact": RegulatoryContact(
            name="Network operations duty manager (demo)", phone="+1 800 555 0100"
        ),
        "status_url": "https://status.example.com/i/demo",
        "locales": ["en", "es"],
        "translations": translations,
        "keywords": ["fiber cut", "apology", "credit"],
        "restored_at": None if ongoing else end,
        "eta": None,  # the update stage's estimate comes from `amends.eta` (see `run`)
    }
    translations["es"]["keywords[0]"] = "corte de fibra"
    translations["es"]["keywords[1]"] = "disculpa"
    translations["es"]["keywords[2]"] = "crédito"
    return incident.model_copy(update=update)


def run(output: Path, impact_dir: Path, console: Console) -> list[tuple[str, Path]]:
    """Draft the demo's acknowledgement, update, resolution and explanation; check, write."""
    from amends.cli.draft import write_draft
    from amends.compose import draft
    from amends.eta import load_history_csv, with_estimate
    from amends.eta.demo_data import SAMPLE_HISTORY
    from amends.impact.outputs import read_report
    from amends.incident import dump_incident
    from amends.incident.prefill import prefill

    report = read_report(impact_dir)
    plans = _plans(impact_dir)
    # The demo's day holds two unrelated outages; this incident is the fiber cut: the failures
    # window with the most failed calls.
    failures = [w for w in report.windows if w.kind == "failures"]
    main = max(failures, key=lambda w: w.failed_attempts, default=None)
    windows = [main.id] if main is not None else None
    base = prefill(report, plans=plans, locales=["en", "es"], windows=windows)
    history = load_history_csv(SAMPLE_HISTORY)
    wrote: list[tuple[str, Path]] = []
    folder = output / "statements"
    for stage in DEMO_STAGES:
        record = demo_facts(base, stage=stage)
        now = demo_now(record, stage)
        if stage == "update":  # re-estimated at the update, from the (sample) history
            record, est = with_estimate(record, history, now)
            console.print(f"update: estimated restoration {est.said} ({est.basis})")
        # The record each stage was drafted from (its estimate, its next update): every number
        # a statement prints is in one of these files or in impact.json.
        path = dump_incident(record, folder / f"{stage}.incident.yaml", header=DEMO_NOTE)
        wrote.append((f"{stage}: the record it was drafted from", path))
        if stage == "explain":
            path = dump_incident(record, output / "incident.yaml", header=DEMO_NOTE)
            wrote.append(("incident record (demo facts)", path))
        for channel in ("web", "email", "sms", "social"):
            for locale in ("en", "es"):
                d = draft(record, stage, channel, locale, now=now)
                for path in write_draft(d, folder):
                    wrote.append((f"{stage} {channel} {locale} (check {d.check.score})", path))
                errors = sum(1 for f in d.check.findings if f.severity == "error")
                if errors:
                    console.print(f"[red]{stage} {channel} {locale}: {errors} check errors[/]")
    console.print(f"drafted {len(DEMO_STAGES) * 8} statements into {folder}")
    return wrote


def _title_es(incident: Incident) -> str:
    """The Spanish headline from the record's own service and area names."""
    es = incident.translations.get("es", {})
    services = [es.get(f"services.{s}", name) for s, name in incident.services.items()]
    areas = [r.name for r in incident.regions.values()]
    joined = services[0] if len(services) == 1 else ", ".join(services[:-1]) + " y " + services[-1]
    return f"Fallan {joined} en {' y '.join(areas)}"


def demo_now(record: Incident, stage: str) -> datetime:
    """When the demo pretends each stage is drafted: 20 minutes into the last window for the
    acknowledgement, an hour in for the update, two hours after the end from resolve on."""
    last = max((w.start for w in record.windows), default=record.discovered_at)
    if stage == "acknowledge":
        return last + timedelta(minutes=20)
    if stage == "update":
        return last + timedelta(minutes=60)
    return (record.ended_at or last) + timedelta(hours=2)


def _plans(impact_dir: Path) -> object:
    """The simulator's plans file next to the calls, if there is exactly one."""
    import pyarrow.parquet as pq

    for folder in (impact_dir, impact_dir.parent):
        found = sorted(folder.glob("*.subscribers.parquet"))
        if len(found) == 1:
            return pq.read_table(found[0])
    return None
