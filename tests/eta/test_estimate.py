"""The estimator: fallback along the ladder, thin and censored history, conditioning, words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amends.errors import InputError
from amends.eta import PastCase, cases_to_table, estimate, load_ladder
from amends.incident import Eta

from .conftest import T0, make_incident

Cases = Callable[..., list[PastCase]]
DURATIONS = [1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0]


def test_enough_cases_of_the_cause_in_the_region(cases: Cases) -> None:
    est = estimate(make_incident(), cases("fiber_cut", DURATIONS), T0)
    assert est.enough
    assert est.level_kind == "cause_and_region"
    assert est.group_used == "fiber_cut in California"
    assert est.n_cases == 12 and est.n_censored == 0
    assert est.median_hours == 3.0  # KM median of DURATIONS
    assert est.low_hours is not None and est.low_hours <= est.median_hours
    assert est.median_at == T0 + timedelta(hours=3)
    assert est.said.startswith("by about 5:00 PM PDT")
    assert "80% likely between" in est.said
    assert est.basis.startswith(
        "Of our 12 past fiber cuts in California, 7 were fixed within 3 hours"
    )
    eta = est.to_incident_eta()
    assert isinstance(eta, Eta)
    assert eta.source == "estimate" and eta.at == est.median_at and eta.basis == est.basis


def test_thin_history_gives_no_number_and_promises_the_next_update(cases: Cases) -> None:
    inc = make_incident()
    est = estimate(inc, cases("fiber_cut", [1.0, 2.0, 3.0]), T0)
    assert not est.enough
    assert est.median_at is None and est.low_at is None and est.high_at is None
    assert est.next_update_at == T0 + timedelta(minutes=inc.update_interval_minutes)
    assert "We cannot say yet when service will be back" in est.basis
    assert "we need 8" in est.basis
    assert "We will update you by 3:00 PM PDT" in est.basis
    # the same three cases at every rung: an identical selection is not tried twice
    assert [(t.kind, t.n_cases) for t in est.tried] == [("cause_and_region", 3)]
    eta = est.to_incident_eta()
    assert eta.at is None and eta.latest is None and eta.confidence is None
    assert eta.basis == est.basis


def test_thin_history_keeps_the_incidents_own_next_update(cases: Cases) -> None:
    inc = make_incident().model_copy(update={"next_update_at": T0 + timedelta(minutes=30)})
    est = estimate(inc, cases("fiber_cut", [1.0]), T0)
    assert est.next_update_at == T0 + timedelta(minutes=30)
    assert "2:30 PM PDT" in est.basis


def test_all_censored_history_gives_no_number(cases: Cases) -> None:
    history = cases("fiber_cut", [None] * 30)
    est = estimate(make_incident(), history, T0)
    assert not est.enough
    assert est.median_at is None
    assert est.tried and all(t.n_restored_after == 0 for t in est.tried)
    assert est.n_restored_after == 0


def test_censored_cases_push_the_estimate_later(cases: Cases) -> None:
    restored = cases("fiber_cut", DURATIONS)
    # four more that were still open after 5 hours when last seen
    still_open = cases("fiber_cut", [None] * 4, first=100, open_for=5.0)
    plain = estimate(make_incident(), restored, T0)
    censored = estimate(make_incident(), restored + still_open, T0)
    assert censored.n_censored == 4
    assert censored.median_hours is not None and plain.median_hours is not None
    assert censored.median_hours > plain.median_hours


def test_open_case_without_a_date_counts_as_open_until_now(cases: Cases) -> None:
    history = cases("fiber_cut", [*DURATIONS, None])
    est = estimate(make_incident(), history, T0)
    assert est.n_censored == 1
    assert est.n_cases == 13


def test_never_seen_cause_falls_back_to_its_group_and_says_so(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS) + cases("power", DURATIONS, first=50)
    est = estimate(make_incident("natural_event"), history, T0)
    assert est.enough
    assert est.level_kind == "group" and est.group_used == "physical"
    assert [t.kind for t in est.tried] == ["cause_and_region", "group"]  # cause: same, none
    assert est.tried[-1].used and not est.tried[0].used
    assert est.basis.startswith("We have had too few storms and other natural events in California")
    assert "So we looked at all our physical failures" in est.basis


def test_unknown_cause_has_no_group_and_falls_back_to_its_region(cases: Cases) -> None:
    history = cases("software_change", DURATIONS) + cases("hardware", DURATIONS[:4], first=50)
    history += cases("hardware", DURATIONS[4:], first=60, regions=("TX",))
    est = estimate(make_incident("unknown"), history, T0)
    assert est.enough
    assert est.level_kind == "region" and est.n_cases == 16
    assert "So we looked at all our outages in California" in est.basis


def test_unknown_cause_in_a_new_region_falls_back_to_all(cases: Cases) -> None:
    history = cases("software_change", DURATIONS) + cases("hardware", DURATIONS, first=50)
    est = estimate(make_incident("unknown", regions=("NY",)), history, T0)
    assert est.enough
    assert est.level_kind == "all" and est.n_cases == 24
    assert "So we looked at all our outages." in est.basis


def test_incident_older_than_every_past_one(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS) + cases("hardware", DURATIONS, first=50)
    inc = make_incident(start=T0 - timedelta(hours=9))  # every past case lasted at most 8 h
    est = estimate(inc, history, T0)
    assert not est.enough
    assert est.elapsed_hours == pytest.approx(9)
    assert all(t.n_restored_after == 0 for t in est.tried)
    assert "lasted more than 9 hours" in est.basis
    assert est.next_update_at is not None and est.next_update_at > T0


def test_elapsed_time_conditions_the_estimate(cases: Cases) -> None:
    history = cases("fiber_cut", [float(h) for h in range(1, 31)])
    fresh = estimate(make_incident(), history, T0)
    later = estimate(make_incident(start=T0 - timedelta(hours=10)), history, T0)
    assert fresh.median_hours == 15.0
    assert later.median_hours == 20.0  # median of 11..30 given it lasted 10 h
    assert later.low_hours is not None and later.low_hours > 10
    assert "lasted more than 10 hours. Of those," in later.basis


def test_small_evidence_leaves_the_upper_end_open(cases: Cases) -> None:
    est = estimate(make_incident(), cases("fiber_cut", DURATIONS[:8]), T0)
    assert est.enough and est.n_restored_after == 8
    assert est.high_at is None and est.high_hours is None
    assert "cannot yet say how late" in est.said
    assert est.to_incident_eta().confidence is None


def test_region_level_needs_a_shared_region(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS, regions=("TX",))
    est = estimate(make_incident(regions=("CA",)), history, T0)
    assert est.level_kind == "cause"
    texas = estimate(make_incident(regions=("TX",)), history, T0)
    assert texas.level_kind == "cause_and_region"
    assert texas.time_zone == "America/Chicago"
    assert "CDT" in texas.said


def test_the_incident_itself_is_not_its_own_evidence(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS)
    own = history[0].model_copy(update={"ref": "2026-03-10-test"})
    est = estimate(make_incident(), [*history[1:], own], T0)
    assert est.n_cases == 11


def test_future_and_later_restorations_are_unknown_at_now(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS)
    future = [
        c.model_copy(update={"started_at": T0 + timedelta(days=1), "restored_at": None})
        for c in cases("fiber_cut", [None] * 5, first=80)
    ]
    est = estimate(make_incident(), history + future, T0)
    assert est.n_cases == 12


def test_arrow_table_history_gives_the_same_estimate(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS)
    assert estimate(make_incident(), cases_to_table(history), T0) == estimate(
        make_incident(), history, T0
    )


def test_locale_formats_times(cases: Cases) -> None:
    est = estimate(make_incident(), cases("fiber_cut", DURATIONS), T0, locale="de")
    assert "17:00" in est.said  # German times; no German sentences yet, so English words
    assert est.basis.startswith("Of our 12 past fiber cuts")


def test_spanish_basis_for_an_incident_in_english_and_spanish(cases: Cases) -> None:
    inc = make_incident().model_copy(update={"locales": ["en", "es"]})
    est = estimate(inc, cases("fiber_cut", DURATIONS), T0)
    es = est.translations["es"]
    assert es["basis"].startswith(
        "De nuestros 12 cortes de fibra en California, 7 se repararon en 3 horas o menos"
    )
    assert es["said"].startswith("hacia las 17:00")
    assert est.incident_translations() == {"es": {"eta.basis": es["basis"]}}
    spanish = estimate(inc, cases("fiber_cut", DURATIONS), T0, locale="es")
    assert spanish.basis == es["basis"] and "en" in spanish.translations


def test_spanish_thin_history(cases: Cases) -> None:
    inc = make_incident().model_copy(update={"locales": ["en", "es"]})
    est = estimate(inc, cases("fiber_cut", [1.0]), T0)
    assert est.translations["es"]["basis"].startswith(
        "Todavía no podemos decir cuándo volverá el servicio."
    )
    assert "necesitamos 8" in est.translations["es"]["basis"]


def test_groups_are_data(cases: Cases, tmp_path: Path) -> None:
    custom = tmp_path / "groups.toml"
    custom.write_text(
        'min_restored = 3\nlevel = 0.5\nfallback = ["cause", "group"]\n'
        '[groups.cables]\ncauses = ["fiber_cut", "natural_event"]\n'
        'words = { en = "cable and weather damage", es = "daños de cable y clima" }\n',
        encoding="utf-8",
    )
    ladder = load_ladder(custom)
    history = cases("fiber_cut", [1.0, 2.0, 3.0, 4.0])
    est = estimate(make_incident("natural_event"), history, T0, ladder=ladder)
    assert est.enough and est.level_kind == "group" and est.group_used == "cables"
    assert est.level == 0.5
    assert "So we looked at all our cable and weather damage" in est.basis
    assert "50% likely" in est.said


def test_bad_groups_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "groups.toml"
    bad.write_text('fallback = ["cause", "planet"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown fallback level 'planet'") as info:
        load_ladder(bad)
    assert "\n" not in str(info.value) and str(bad) in str(info.value)


def test_restored_incident_and_naive_now_are_refused(cases: Cases) -> None:
    history = cases("fiber_cut", DURATIONS)
    done = make_incident().model_copy(update={"restored_at": T0 + timedelta(hours=1)})
    with pytest.raises(InputError, match="nothing to estimate"):
        estimate(done, history, T0 + timedelta(hours=2))
    with pytest.raises(InputError, match="zone offset"):
        estimate(make_incident(), history, T0.replace(tzinfo=None))


def test_empty_history_gives_no_number() -> None:
    est = estimate(make_incident(), [], T0)
    assert not est.enough and est.n_cases == 0
    assert "We will update you by" in est.basis


@settings(max_examples=40, deadline=None)
@given(
    durations=st.lists(st.one_of(st.none(), st.floats(0.02, 200)), min_size=0, max_size=40),
    elapsed=st.floats(0, 100),
    cause=st.sampled_from(["fiber_cut", "power", "configuration", "unknown"]),
)
def test_any_history_gives_an_ordered_estimate_or_none(
    durations: list[float | None], elapsed: float, cause: str
) -> None:
    from .conftest import case

    history = [case(i, "fiber_cut" if i % 2 else "power", h) for i, h in enumerate(durations)]
    est = estimate(make_incident(cause, start=T0 - timedelta(hours=elapsed)), history, T0)
    if est.enough:
        assert est.median_at is not None and est.low_at is not None
        assert T0 <= est.low_at <= est.median_at
        assert est.high_at is None or est.median_at <= est.high_at
        assert est.n_restored_after >= est.min_restored
    else:
        assert est.median_at is None and est.next_update_at is not None
        assert est.next_update_at > T0


def test_measured_windows_give_the_start_and_the_regions(cases: Cases) -> None:
    from amends.impact.model import Window

    window = Window(
        id="w1",
        kind="failures",
        start=T0 - timedelta(hours=2),
        end=None,
        duration_minutes=120,
        regions=["TX"],
        services=["long_distance"],
        scope=[],
        subscribers_affected=10,
        failed_attempts=20,
        missing_attempts=0,
    )
    inc = make_incident(regions=("CA", "TX")).model_copy(update={"windows": [window]})
    history = cases("fiber_cut", [float(h) for h in range(1, 13)], regions=("TX",))
    est = estimate(inc, history, T0)
    assert est.started_at == T0 - timedelta(hours=2) and est.elapsed_hours == 2
    assert est.level_kind == "cause_and_region" and est.group_used == "fiber_cut in Texas"
    assert est.time_zone == "America/Chicago"


def test_with_estimate_updates_the_record(cases: Cases) -> None:
    from amends.eta import with_estimate

    inc = make_incident().model_copy(update={"locales": ["en", "es"]})
    updated, est = with_estimate(inc, cases("fiber_cut", DURATIONS), T0)
    assert updated.eta == est.to_incident_eta() and updated.eta is not None
    assert updated.translations["es"]["eta.basis"] == est.translations["es"]["basis"]
    assert updated.next_update_at is None  # a number was given: no promise needed
    thin, est2 = with_estimate(inc, cases("fiber_cut", [2.0]), T0)
    assert thin.eta is not None and thin.eta.at is None
    assert thin.next_update_at == est2.next_update_at and thin.next_update_at is not None


def test_summary_counts_open_cases_as_censored(cases: Cases) -> None:
    from amends.eta.summary import summarise

    lines = {
        (x.kind, x.name): x
        for x in summarise(
            cases("fiber_cut", [*DURATIONS, None]) + cases("power", [1.0, 2.0], first=80), T0
        )
    }
    fiber = lines[("cause", "fiber_cut")]
    assert (fiber.cases, fiber.still_open, fiber.median) == (13, 1, 3.0)
    assert lines[("group", "physical")].cases == 15
    assert ("group", "change") not in lines  # no cases: no line
    assert lines[("all", "all")].cases == 15
