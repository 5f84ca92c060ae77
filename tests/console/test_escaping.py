"""Hostile text on the console's pages: names, incident titles, token names and audit entries are
escaped; the CSV export defuses spreadsheet formulas."""

from __future__ import annotations

from tests.console.conftest import PASSWORD
from tests.web.factories import incident

from amends.store.audit import export, record
from amends.store.incidents import save_incident
from amends.store.tokens import issue_token

HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_is_escaped_on_every_console_page(console):
    from amends.store.users import add_user

    with console.store.begin() as conn:
        add_user(conn, "<b>mallory", "viewer", PASSWORD, by="tests")
        save_incident(conn, incident("hostile-1", title=f"Calls fail {HOSTILE}"))
        record(conn, actor=HOSTILE, action="x", object=HOSTILE, after={"text": HOSTILE})
        issue_token(conn, HOSTILE, scopes=["read"], by=HOSTILE)
    browser = console.browser()
    browser.login("admin")
    pages = {
        p: browser.get(p)
        for p in ("/console/", "/console/users", "/console/tokens", "/console/audit")
    }
    assert all(r.status_code == 200 for r in pages.values())
    assert "Calls fail &lt;script&gt;" in pages["/console/"].text
    assert "&lt;b&gt;mallory" in pages["/console/users"].text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["/console/tokens"].text
    for path, r in pages.items():
        assert "<script>" not in r.text and "<b>" not in r.text, path
    r = browser.login("<b>mallory", "wrong password!")
    assert 'value="&lt;b&gt;mallory"' in r.text and "<b>" not in r.text


def test_csv_export_defuses_formulas(store):
    with store.begin() as conn:
        record(conn, actor="=HYPERLINK(1)", action="user.add", object="@SUM(A1)", after={"a": 1})
        body = export(conn, "csv")
    line = body.splitlines()[1]
    assert ",'=HYPERLINK(1),user.add,'@SUM(A1)," in line
