"""Pre-fill an incident record from `impact.json` (and the plans file, when there is one), and
mark every fact only a person can supply with `TODO(person)` so `amends draft` refuses until
then."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa

from amends.errors import InputError
from amends.impact.model import ImpactReport
from amends.incident.model import Incident, RegionInfo

#: Marker a person's still-to-do value carries (`amends draft` and the console refuse it).
TODO = "TODO(person)"

#: Comments written above top-level keys: what a person must still supply there.
TODO_NOTES: dict[str, str] = {
    "title": "check: the headline customers will read",
    "provider": "the name customers know you by (used in SMS and social posts)",
    "discovered_at": "check: when you found out (pre-filled with the first window's start)",
    "regions": "check each area's name and time zone (times are shown in it)",
    "services": "check: each service in the words customers use",
    "symptom": "what customers saw or heard, e.g. 'a fast busy tone'",
    "cause": "category (fiber_cut, power, hardware, software_change, configuration, capacity, "
    "third_party, natural_event, unknown) and plain words, first person; contributing_factors "
    "('we ...') for the explanation",
    "fixes": "immediate: [{what: 'spliced the cut fiber cable' (follows 'we'), at: time}]; "
    "long_term: [{what (follows 'we will'), how, owner, due: YYYY-MM-DD}]",
    "support": "[{kind: phone, contact: '611', hours: '24/7'}] - where to get help, and when",
    "compensation": "{summary: 'every affected customer gets a credit of 2 days of fees', "
    "applied_by: YYYY-MM-DD, how: 'on your next bill', automatic: true}",
    "feedback": "{url: ..., email: ...} - how customers answer back (the explanation needs it)",
    "status_url": "link to the full statement (SMS and social posts need it)",
    "eta": "{at: time} or {earliest, latest, confidence, basis}; or `amends eta`",
    "translations": "free text in other locales: {es: {symptom: ..., cause.description: ...}}",
}


@cache
def places() -> dict[str, Any]:
    """The shipped table of region names, zones and service names."""
    text = (resources.files("amends.incident") / "places.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _region_facts(plans: pa.Table | None) -> tuple[dict[str, str], dict[str, int]]:
    """Each home region's most common zone and its number of subscribers, from the plans file."""
    zones: dict[str, str] = {}
    counts: dict[str, int] = {}
    if plans is None or "home_region" not in plans.column_names:
        return zones, counts
    regions = plans.column("home_region").to_pylist()
    counts = dict(Counter(regions))
    if "time_zone" in plans.column_names:
        pairs = Counter(zip(regions, plans.column("time_zone").to_pylist(), strict=True))
        for (region, zone), _n in pairs.most_common():
            zones.setdefault(region, zone)
    return zones, counts


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)


def prefill(
    report: ImpactReport,
    *,
    plans: pa.Table | None = None,
    locales: list[str] | None = None,
    time_zone: str | None = None,
    windows: list[str] | None = None,
) -> Incident:
    """An incident record with every measured fact filled and every human fact marked TODO.

    `windows` picks the impact windows that make up this incident (default: all of them): one
    day's records can hold unrelated outages, each its own incident with its own cause.
    """
    locales = locales or ["en"]
    table = places()
    known = table["regions"]
    zones, counts = _region_facts(plans)
    chosen = report.windows
    if windows:
        ids = [w.id for w in report.windows]
        unknown = [w for w in windows if w not in ids]
        if unknown:
            raise InputError(
                f"no window {', '.join(unknown)} in impact.json; its windows are "
                f"{', '.join(ids) or 'none'}"
            )
        chosen = [w for w in report.windows if w.id in windows]
    picked = sorted(chosen, key=lambda w: w.start)
    region_ids = list(dict.fromkeys(r for w in picked for r in w.regions))
    service_ids = list(dict.fromkeys(s for w in picked for s in w.services))
    regions: dict[str, RegionInfo] = {}
    for rid in region_ids:
        place = known.get(rid)
        zone = zones.get(rid) or (place["zone"] if place else None)
        name = place["name"] if place else f"{TODO}: the name customers use for {rid}"
        if zone is None:
            name = f"{TODO}: the name customers use for {rid}, and its time_zone"
            zone = time_zone or "UTC"
        regions[rid] = RegionInfo(name=name, time_zone=zone, services_total=counts.get(rid))
    own = locales[0].split("-")[0]
    names = table["services"].get(own, {})
    services = {
        s: names.get(s) or f"{TODO}: the name customers use for the service {s}"
        for s in service_ids
    }
    translations: dict[str, dict[str, str]] = {}
    for loc in locales[1:]:
        other = table["services"].get(loc.split("-")[0], {})
        entries = {f"services.{s}": other[s] for s in service_ids if s in other}
        if entries:
            translations[loc] = entries
    zone = time_zone or (
        Counter(regions[r].time_zone for r in region_ids).most_common(1)[0][0]
        if region_ids
        else "UTC"
    )
    first: datetime | None = picked[0].start if picked else None
    day = first.date().isoformat() if first else "incident"
    area_names = [regions[r].name for r in region_ids if TODO not in regions[r].name]
    svc_names = [services[s] for s in service_ids if TODO not in services[s]]
    title = (
        f"{', '.join(svc_names).capitalize()} failing in {', '.join(area_names)}"
        if area_names and svc_names
        else f"{TODO}: the headline customers will read"
    )
    return Incident(
        id=_slug(f"{day}-{'-'.join(region_ids[:3]) or 'outage'}"),
        title=title,
        time_zone=zone,
        discovered_at=first or datetime.now().astimezone(),
        windows=picked,
        regions=regions,
        services=services,
        locales=locales,
        translations=translations,
    )


def read_impact(path: Path) -> ImpactReport:
    """The report in an impact folder (or impact.json), refusing here, naming the file, a window
    the record would refuse."""
    from amends.impact.outputs import read_report, report_path
    from amends.incident.model import check_window

    report = read_report(path)
    try:
        for w in report.windows:
            check_window(w)
    except ValueError as exc:  # a window that cannot be true
        raise InputError(
            f"{exc}; pass the impact.json that `amends impact` wrote", path=str(report_path(path))
        ) from None
    return report


def find_plans(impact_dir: Path, plans: Path | None) -> pa.Table | None:
    """The plans table (subscribers with zone, locale, contacts): `plans`, else the single
    `*.subscribers.parquet` next to the impact folder; None when there is none."""
    import pyarrow.parquet as pq

    if plans is not None:
        try:
            return pq.read_table(plans)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the plans file ({exc})", path=str(plans)) from None
    near = plans_near(impact_dir)
    return pq.read_table(near) if near is not None else None


def plans_near(impact_dir: Path) -> Path | None:
    """The single `*.subscribers.parquet` in the impact folder, else in its parent (where
    `amends simulate` writes it); None when there is none, or several."""
    base = impact_dir if impact_dir.is_dir() else impact_dir.parent
    for folder in (base, base.parent):
        found = sorted(folder.glob("*.subscribers.parquet"))
        if len(found) == 1:
            return found[0]
    return None
