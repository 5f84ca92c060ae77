"""Feedback: the form posts to a real server, answers are stored with a keyed client hash and
rate limited; `amends feedback` summarises them."""

from __future__ import annotations

import httpx
from tests.web.factories import incident

from amends.publish import operations as ops


def test_feedback_is_stored_rate_limited_and_summarised(live, cli):
    from sqlalchemy import select

    from amends.store import schema as s

    inc = incident()
    ops.save_incident(live.store, inc)
    form = {"helpful": "no", "comment": "When will texts work?\x00", "locale": "es"}
    with httpx.Client(base_url=live.url) as c:
        r = c.post(f"/incidents/{inc.id}/feedback", data=form)
        assert r.status_code == 303
        assert r.headers["location"] == f"/es/incidents/{inc.id}/feedback/thanks"
        assert "Gracias" in c.get(r.headers["location"]).text
        for _ in range(2):
            assert (
                c.post(f"/incidents/{inc.id}/feedback", data={"helpful": "yes"}).status_code == 303
            )
        limited = c.post(f"/incidents/{inc.id}/feedback", data={"helpful": "yes"})
        assert limited.status_code == 429
        assert c.post("/incidents/nope/feedback", data={"helpful": "yes"}).status_code == 404
    with live.store.connect() as conn:
        rows = conn.execute(select(s.feedback)).all()
    assert len(rows) == 3
    assert rows[0].comment == "When will texts work?"
    assert "127.0.0.1" not in {r.client_hash for r in rows}
    assert len({r.client_hash for r in rows}) == 1
    res = cli("feedback", inc.id, "--db", live.store.url)
    assert res.code == 0, res.err
    assert "3 answers; yes 2, no 1" in res.out
    assert "When will texts work?" in res.out
    missing = cli("feedback", "nope", "--db", live.store.url)
    assert missing.code == 2 and "no incident 'nope'" in missing.err
