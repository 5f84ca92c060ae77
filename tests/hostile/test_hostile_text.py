"""Hostile text in an incident record (HTML and script tags in the title and symptom) is published
as text: every page and feed the static site writes shows it escaped, never as markup."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.helpers import store_in

TITLE = '"<script>alert(1)</script> <img src=x onerror=alert(2)> calls failing"'
SYMPTOM = "<b onmouseover=alert(3)>a fast busy tone"
RAW = ("<script>alert(1)", "<img src=x", "<b onmouseover")  # as markup, never


def test_markup_in_the_record_is_escaped_on_pages_and_feeds(
    work: Path, good_incident: str, cli
) -> None:
    text = good_incident.replace(
        "title: Long-distance calls failing in California", f"title: {TITLE}", 1
    )
    text = text.replace("symptom: a fast busy tone", f"symptom: {SYMPTOM}", 1)
    assert text != good_incident
    (work / "incident.yaml").write_text(text, encoding="utf-8")
    db = store_in(work, "s")
    published = cli("publish", "incident.yaml", "--db", db)  # saves the record, no statement
    assert published.code == 0, published.err
    built = cli("site", "build", "--db", db, "-o", "site")
    assert built.code == 0, built.err
    pages = [
        p
        for p in (work / "site").rglob("*")
        if p.suffix in {".html", ".atom", ".rss", ""} and p.is_file()
    ]
    assert any(p.suffix == ".html" for p in pages)
    shown = 0
    for page in pages:
        body = page.read_text(encoding="utf-8")
        for raw in RAW:
            assert raw not in body, (page, raw)
        shown += "&lt;script&gt;alert(1)" in body
    assert shown, "the title appears (escaped) somewhere on the site"


def test_check_never_echoes_terminal_escapes(work: Path, cli) -> None:
    """Escape sequences and a BEL in a statement file do not reach the terminal."""
    text = (
        "We are sorry. \x1b[2J\x1b]0;pwned\x07 The cause was a fiber cut \u202e in Texas and it is "
        + "very " * 40
        + "long.\n"
    )
    (work / "s.txt").write_text(text, encoding="utf-8")
    result = cli("check", "s.txt")
    assert result.code in (0, 1), result.err
    assert "s.txt" in result.out
    assert "\x1b" not in result.out + result.err
    assert "\x07" not in result.out + result.err
