"""`amends check` profiles from regime files, so customer-content rules and reporting rules agree.

`check_profile(regime)` builds the profile data (same shape as `amends/check/profiles/*.toml`);
`disagreements(regime, profile)` lists where a shipped profile has drifted from its regime.
"""

from __future__ import annotations

from typing import Any

from amends.regulation.regime import Regime


def _cadence_hours(regime: Regime) -> tuple[float | None, float | None]:
    """The customer-update cadence: hours between updates at first, and afterwards."""
    for ob in regime.obligation:
        if ob.recipient == "customers" and ob.cadence:
            first = ob.cadence[0].every
            last = ob.cadence[-1].every
            hours = [s.minutes / 60 + s.hours + s.days * 24 for s in (first, last)]
            return hours[0], (hours[1] if len(ob.cadence) > 1 else None)
    return None, None


def check_profile(regime: Regime) -> dict[str, Any]:
    """The check profile data for a regime's [[content]] items and customer-update cadence."""
    meta = regime.regime
    first, after = _cadence_hours(regime)
    options: dict[str, Any] = {}
    if first is not None:
        options["next_update_max_hours"] = first
    if after is not None:
        options["next_update_max_hours_after_24h"] = after
    items = []
    for c in regime.content:
        item: dict[str, Any] = {
            "rule": c.rule,
            "requirement": c.requirement,
            "section": c.section,
            "severity": "error",
            "message": f"{meta.title}, {c.section}: {c.requirement}",
        }
        if c.stages:
            item["stages"] = list(c.stages)
        items.append(item)
    return {
        "profile": {
            "id": meta.id,
            "title": meta.title,
            "instrument": meta.instrument,
            "url": meta.url,
            "verification": meta.verification,
        },
        "options": options,
        "item": items,
    }


def disagreements(regime: Regime, profile: Any) -> list[str]:
    """Where a check profile (amends.check.profiles.Profile) differs from the regime's rules."""
    out: list[str] = []
    first, after = _cadence_hours(regime)
    if first is not None and profile.options.next_update_max_hours != first:
        out.append(
            f"next_update_max_hours: profile {profile.options.next_update_max_hours}, "
            f"regime {first}"
        )
    if after is not None and profile.options.next_update_max_hours_after_24h != after:
        out.append(
            f"next_update_max_hours_after_24h: profile "
            f"{profile.options.next_update_max_hours_after_24h}, regime {after}"
        )
    have = {(it.rule, tuple(it.stages or ())) for it in profile.item}
    want = {(c.rule, tuple(c.stages or ())) for c in regime.content}
    for rule, stages in sorted(want - have):
        out.append(f"item rule={rule} stages={list(stages) or 'all'} missing from the profile")
    for rule, stages in sorted(have - want):
        out.append(f"item rule={rule} stages={list(stages) or 'all'} not in the regime")
    return out
