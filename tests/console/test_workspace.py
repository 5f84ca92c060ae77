"""The incident workspace over real HTTP on the store: the list shows the watcher's incident with
its clocks, the facts form reports bad values at the field and records before and after, a draft
is re-checked on save, a warning is overridden only with a reason and an error never, and the
two-person rule holds (the author cannot approve; an approver cannot approve their own)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select
from tests.console.conftest import PASSWORD
from tests.console.watched import open_watched_incident
from tests.web.conftest import settings_for_tests

from amends.publish.signing import verify_affected
from amends.store.audit import entries
from amends.store.schema import statements, workspace_submissions
from amends.store.users import add_user

FLAGGED = "calls fail because of technical difficulties"


@pytest.fixture
def incident_id(console) -> str:
    """An ongoing outage the watcher opened, whose standing symptom the checker flags."""
    return open_watched_incident(console.store, console.clock(), symptoms={"failures": FLAGGED})


def _draft(page: str, key: str) -> str:
    """The HTML of one draft's article on the incident page."""
    found = re.search(rf'<article class="draft" id="d-{key}".*?</article>', page, re.S)
    assert found, f"no draft {key}"
    return found.group(0)


def _text(page: str, key: str) -> str:
    import html

    found = re.search(rf'<textarea id="t-{key}" name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no text area for {key}"
    return html.unescape(found.group(1))


def test_the_list_shows_the_watchers_incident_with_its_clocks(console, incident_id):
    viewer = console.browser()
    viewer.login("viewer")
    page = viewer.get("/console/incidents")
    assert page.status_code == 200
    assert incident_id in page.text and "the watcher (from records)" in page.text
    assert "Next update due" in page.text and "not published yet" in page.text
    assert "2,400" in page.text  # the customers affected


def test_facts_errors_are_shown_at_the_field_and_saves_are_audited(console, incident_id):
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{incident_id}"
    token = author.csrf(path)
    bad = {"csrf": token, "update_interval_minutes": "soon", "support.0.contact": ""}
    r = author.post(f"{path}/facts", data=bad)
    assert r.status_code == 422
    assert 'id="f-update_interval_minutes-error"' in r.text
    assert "valid integer" in r.text
    assert 'id="f-support-0-contact-error"' in r.text
    r = author.post(f"{path}/facts", data={"csrf": token, "symptom": "a fast busy tone"})
    assert r.status_code == 303
    assert "a fast busy tone" in author.get(path).text
    with console.store.connect() as conn:
        (e,) = [e for e in entries(conn) if e.action == "incident.facts"]
    assert e.actor == "author" and e.object == f"incident:{incident_id}"
    assert e.before == {"symptom": FLAGGED} and e.after == {"symptom": "a fast busy tone"}


def test_a_viewer_cannot_edit_and_a_form_without_token_is_refused(console, incident_id):
    viewer = console.browser()
    viewer.login("viewer")
    path = f"/console/incidents/{incident_id}"
    page = viewer.get(path).text
    assert "Save the facts" not in page and "Save and check" not in page
    r = viewer.post(f"{path}/facts", data={"csrf": viewer.csrf(path), "symptom": "x"})
    assert r.status_code == 403
    author = console.browser()
    author.login("author")
    r = author.post(f"{path}/facts", data={"symptom": "no token"})
    assert r.status_code == 403 and "Form expired" in r.text
    r = author.post(f"{path}/facts", data={"csrf": "forged", "symptom": "wrong token"})
    assert r.status_code == 403
    assert "no token" not in author.get(path).text


def test_a_draft_is_rechecked_on_save_and_only_warnings_may_be_overridden(console, incident_id):
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{incident_id}"
    page = author.get(path).text
    web = _draft(page, "web-en-public")
    assert '<mark class="f-warning"' in web and "technical difficulties</mark>" in web
    assert "vague" in web
    text = _text(page, "web-en-public")
    form = {"stage": "acknowledge", "channel": "web", "locale": "en", "audience": "public"}
    token = author.csrf(path)
    # a submission with an unanswered warning is refused, at the publish panel
    r = author.post(
        f"{path}/submit", data={"csrf": token, "stage": "acknowledge", "channel": "web"}
    )
    assert r.status_code == 422 and 'id="submit-error"' in r.text and "warning" in r.text
    # a reason answers the warning (recorded); the draft is then ready
    reason = "the words are quoted from the notice on purpose"
    r = author.post(
        f"{path}/drafts", data=form | {"csrf": token, "text": text, "override_reason": reason}
    )
    assert r.status_code == 303
    assert f"overridden: “{reason}”" in _draft(author.get(path).text, "web-en-public")
    # an error is never overridden: the text is saved to fix, and cannot be submitted
    hostile = text + "\nWe are sorry for any inconvenience. TBD"
    r = author.post(
        f"{path}/drafts", data=form | {"csrf": token, "text": hostile, "override_reason": reason}
    )
    assert r.status_code == 200 and "error(s)" in r.text
    assert '<mark class="f-error"' in _draft(r.text, "web-en-public")
    r = author.post(
        f"{path}/submit", data={"csrf": token, "stage": "acknowledge", "channel": "web"}
    )
    assert r.status_code == 422 and "error finding" in r.text
    # fixing the sentence: the findings disappear
    fixed = text.replace("because of technical difficulties", "with a fast busy tone")
    r = author.post(f"{path}/drafts", data=form | {"csrf": token, "text": fixed})
    assert r.status_code == 303
    web = _draft(author.get(path).text, "web-en-public")
    assert "<mark" not in web and "The check found nothing." in web
    with console.store.connect() as conn:
        edits = [e for e in entries(conn) if e.action == "draft.edit"]
    # newest first: the fix (no reason needed), the text with errors, the override
    assert [e.after["override_reason"] for e in edits] == [None, reason, reason]
    assert edits[0].after["errors"] == 0 and edits[1].after["errors"] > 0
    assert edits[0].after["text"] == fixed.strip()
    assert edits[0].before["text"] == hostile.strip()


def test_two_people_approve_and_approval_publishes_once(console, incident_id):
    path = f"/console/incidents/{incident_id}"
    with console.store.begin() as conn:
        add_user(conn, "approver2", "approver", PASSWORD, by="tests")
    approver = console.browser()
    approver.login("approver")
    # an approver may write and submit too ...
    page = approver.get(path).text
    token = approver.csrf(path)
    form = {"stage": "acknowledge", "locale": "en", "audience": "public", "csrf": token}
    for channel in ("web", "email"):
        text = _text(page, f"{channel}-en-public").replace(
            "because of technical difficulties", "with a fast busy tone"
        )
        r = approver.post(f"{path}/drafts", data=form | {"channel": channel, "text": text})
        assert r.status_code == 303
    r = approver.post(
        f"{path}/submit",
        data={"csrf": token, "stage": "acknowledge", "channel": ["web", "email"]},
    )
    assert r.status_code == 303
    sub_path = r.headers["location"]
    sid = sub_path.rsplit("/", 1)[1]
    # ... but not approve their own submission
    review = approver.get(sub_path).text
    assert "another person must approve it" in review and "Approve and publish" not in review
    r = approver.post(f"/console/submissions/{sid}/approve", data={"csrf": token})
    assert r.status_code == 403 and "two-person rule" in r.text
    # an author cannot approve at all
    author = console.browser()
    author.login("author")
    r = author.post(f"/console/submissions/{sid}/approve", data={"csrf": author.csrf()})
    assert r.status_code == 403
    # a second approver sees the difference and approves; the statement is published
    second = console.browser()
    second.login("approver2")
    review = second.get(sub_path).text
    assert '<ins class="diff-add">+ # We are sorry' in review
    r = second.post(f"/console/submissions/{sid}/approve", data={"csrf": second.csrf()})
    assert r.status_code == 303
    again = second.post(f"/console/submissions/{sid}/approve", data={"csrf": second.csrf()})
    assert again.status_code == 409 and "already approved" in again.text
    with console.store.connect() as conn:
        rows = conn.execute(
            select(statements.c.channel, statements.c.published_by, statements.c.body_text)
        ).all()
        state = conn.execute(select(workspace_submissions.c.state)).scalar_one()
        (e,) = [e for e in entries(conn) if e.action == "statement.approve"]
    assert sorted(r.channel for r in rows) == ["email", "web"]
    assert {r.published_by for r in rows} == {"approver2"}
    assert all("fast busy tone" in r.body_text for r in rows)
    assert state == "approved"
    assert e.actor == "approver2" and e.after["submitted_by"] == "approver"
    assert json.loads(json.dumps(e.after))["statements"]
    # the public page shows it
    public = second.get(f"/incidents/{incident_id}/")
    assert public.status_code == 200 and "fast busy tone" in public.text


def test_sending_back_needs_a_comment_and_is_recorded(console, incident_id):
    from amends.publish import workspace as ws

    with console.store.begin() as conn:
        sub = ws.submit(conn, incident_id, "acknowledge", ["sms"], by="author", now=console.clock())
    approver = console.browser()
    approver.login("approver")
    token = approver.csrf()
    r = approver.post(f"/console/submissions/{sub.id}/return", data={"csrf": token})
    assert r.status_code == 422 and 'id="comment-error"' in r.text
    assert "a comment is needed" in r.text
    r = approver.post(
        f"/console/submissions/{sub.id}/return",
        data={"csrf": token, "comment": "say which exchange"},
    )
    assert r.status_code == 303
    page = approver.get(f"/console/incidents/{incident_id}").text
    assert "returned" in page and "say which exchange" in page


def test_a_stage_without_the_two_person_rule_publishes_at_once(console, incident_id):
    from dataclasses import replace

    from tests.web.conftest import settings_for_tests, start_server

    from amends.web.app import create_app

    settings = replace(console.settings, approval_stages=frozenset({"resolve"}))
    app = create_app(console.store, settings=settings_for_tests(), console=settings)
    url, server, thread = start_server(app)
    try:
        from tests.console.conftest import Browser

        author = Browser(url)
        author.login("author")
        path = f"/console/incidents/{incident_id}"
        page = author.get(path).text
        assert "Publish now" in page
        r = author.post(
            f"{path}/submit",
            data={"csrf": author.csrf(path), "stage": "acknowledge", "channel": "sms"},
        )
        assert r.status_code == 303, r.text[:300]
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)
    with console.store.connect() as conn:
        (row,) = conn.execute(select(statements.c.channel, statements.c.published_by)).all()
    assert tuple(row) == ("sms", "author")


def test_open_incidents_come_first(console, incident_id):
    from tests.web.factories import incident

    from amends.publish.operations import save_incident

    save_incident(console.store, incident("2026-03-10-ca-fiber", ongoing=False))
    viewer = console.browser()
    viewer.login("viewer")
    page = viewer.get("/console/incidents").text
    assert page.index(incident_id) < page.index("2026-03-10-ca-fiber")
    assert "a person" in page  # the published one was not opened by the watcher
    r = viewer.get("/console/incidents/2026-03-10-ca-fiber")
    assert r.status_code == 200 and "Calls and texts failing in California" in r.text
    assert viewer.get("/console/incidents/no-such-incident").status_code == 404


def test_an_author_makes_a_was_i_affected_link_the_site_accepts(console, incident_id):
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{incident_id}"
    token = author.csrf(path)
    r = author.post(f"{path}/affected-link", data={"csrf": token, "subscriber": " "})
    assert r.status_code == 422 and 'id="affected-error"' in r.text
    r = author.post(f"{path}/affected-link", data={"csrf": token, "subscriber": "sub-000417"})
    assert r.status_code == 200
    found = re.search(r'<code id="affected-link">([^<]+)</code>', r.text)
    assert found and "/affected/" in found.group(1)
    assert found.group(1).startswith(settings_for_tests().url + "/affected/")
    signed = found.group(1).split("/affected/", 1)[1]
    claim = verify_affected(settings_for_tests().secret, signed)  # what the page checks
    assert claim is not None
    assert (claim.incident_id, claim.subscriber) == (incident_id, "sub-000417")
    assert verify_affected(settings_for_tests().secret, signed[:-2] + "xx") is None
    with console.store.connect() as conn:
        (e,) = [e for e in entries(conn) if e.action == "affected.link"]
    assert e.actor == "author" and e.after == {"subscriber": "sub-000417"}
    viewer = console.browser()
    viewer.login("viewer")
    assert "Make the link" not in viewer.get(path).text


def test_an_error_the_learned_reading_holds_back_is_shown_and_not_counted(console, incident_id):
    """Empathy told in words no pattern knows: the check's error is held back, and the draft
    says so with the words that read as the element, so the author can judge."""
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{incident_id}"
    text = _text(author.get(path).text, "web-en-public")
    ours = (
        "We know how frustrating it is for customers when they cannot reach family, friends or "
        "work."
    )
    assert ours in text
    told = "Families who rely on a landline to hear from a doctor have gone a night without one."
    edited = text.replace(ours, told).replace(FLAGGED, "calls fail with a fast busy tone")
    form = {"stage": "acknowledge", "channel": "web", "locale": "en", "audience": "public"}
    r = author.post(f"{path}/drafts", data=form | {"csrf": author.csrf(path), "text": edited})
    assert r.status_code == 303
    web = _draft(author.get(path).text, "web-en-public")
    assert "The check found nothing." in web and "no error" in web
    held = re.search(r'<ul class="withheld small">(.*?)</ul>', web, re.S)
    assert held and "held back empathy" in held.group(1)
    assert re.search(r"\((under 1|\d+)% likely missing: “", held.group(1))
    # the same text with the reading off is an error: what was held back was one
    from amends.check import CheckConfig, check_text

    off = check_text(edited, stage="acknowledge", fmt="markdown", channel="web",
                     config=CheckConfig(learned=False))  # fmt: skip
    assert "empathy" in off.rule_ids()
