"""Incidents and components: save, reload, list, link components, change status."""

from __future__ import annotations

import pytest
from tests.store.factories import START, incident

from amends.errors import InputError
from amends.store import Store
from amends.store.components import list_components, set_component_status
from amends.store.incidents import (
    incident_component_ids,
    list_incidents,
    load_incident,
    save_incident,
)


def test_save_and_load_round_trip(store: Store) -> None:
    record = incident()
    with store.begin() as conn:
        row = save_incident(conn, record)
    assert row.status == "investigating" and row.impact == "major" and row.open
    assert row.started_at == START and row.resolved_at is None
    with store.connect() as conn:
        assert load_incident(conn, record.id) == record
        assert load_incident(conn, "nope") is None


def test_components_from_regions_times_services(store: Store) -> None:
    with store.begin() as conn:
        save_incident(conn, incident())
    with store.connect() as conn:
        comps = list_components(conn)
        links = incident_component_ids(conn, "2026-03-10-ca-fiber")
    assert [c.id for c in comps] == ["voice:california", "sms:california"]
    assert comps[0].name == "Phone calls — California" and comps[0].status == "operational"
    assert links == {"sms:california": "major_outage", "voice:california": "major_outage"}


def test_update_keeps_created_at_and_status_changes(store: Store) -> None:
    with store.begin() as conn:
        first = save_incident(conn, incident())
        set_component_status(conn, ["voice:california"], "major_outage")
    resolved = incident(status="resolved", title="Calls failed in California")
    with store.begin() as conn:
        row = save_incident(conn, resolved)
    assert row.created_at == first.created_at and row.resolved_at is not None and not row.open
    with store.connect() as conn:
        assert load_incident(conn, resolved.id).title == "Calls failed in California"
        assert incident_component_ids(conn, resolved.id)["voice:california"] == "operational"
        status = {c.id: c.status for c in list_components(conn)}
    assert status["voice:california"] == "major_outage"  # only set_component_status changes it


def test_list_open_and_newest_first(store: Store) -> None:
    with store.begin() as conn:
        save_incident(conn, incident("a-old", status="resolved"))
        later = incident("b-new")
        later = later.model_copy(
            update={
                "windows": [later.windows[0].model_copy(update={"start": START.replace(day=12)})]
            }
        )
        save_incident(conn, later)
    with store.connect() as conn:
        assert [r.id for r in list_incidents(conn)] == ["b-new", "a-old"]
        assert [r.id for r in list_incidents(conn, open_only=True)] == ["b-new"]
        assert len(list_incidents(conn, limit=1)) == 1


def test_bad_status_values_are_refused(store: Store) -> None:
    with store.begin() as conn:
        with pytest.raises(InputError, match="impact"):
            save_incident(conn, incident(), impact="huge")
        save_incident(conn, incident())
        with pytest.raises(InputError, match="unknown component status"):
            set_component_status(conn, ["voice:california"], "down")
        with pytest.raises(InputError, match="unknown component 'x:y'"):
            set_component_status(conn, ["x:y"], "operational")
