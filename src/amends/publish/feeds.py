"""Atom and RSS feeds of the incident history (feedgen), for the whole page and per component.

One entry per incident, its public updates newest first as the entry's content, like
Statuspage's history.atom / history.rss. Every text feedgen gets is made XML-safe first (C0/C1
control characters other than newline and tab removed): one stray BEL in a title must not take
the feeds down for everyone.
"""

from __future__ import annotations

import re
from html import escape

from feedgen.feed import FeedGenerator

from amends.publish.site import IncidentRow, MaintenanceRow, SiteData, slug

MAX_ENTRIES = 50
#: C0 and C1 control characters except tab and newline (carriage return goes too: XML turns
#: it into a newline anyway), plus the non-characters XML 1.0 forbids and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """`text` as a string XML 1.0 accepts: control characters (but newline and tab) removed."""
    return _UNSAFE.sub("", str(text))


def _entry_html(data: SiteData, inc: IncidentRow, locale: str) -> str:
    parts = []
    for s in reversed(data.statements_of(inc.id, locale)):
        when = s.published_at.isoformat(timespec="minutes")
        parts.append(
            f"<p><small>{escape(when)}</small><br><strong>{escape(s.status.title())}</strong>"
            f" - {escape(s.body_text)}</p>"
        )
    return xml_safe("".join(parts) or f"<p>{escape(inc.status.title())}</p>")


def _generator(data: SiteData, locale: str, component: str | None, fmt: str) -> FeedGenerator:
    base = data.page.url.rstrip("/")
    prefix = "" if locale == data.page.locale else f"/{locale}"
    comp = next((c for c in data.components if c.id == component), None)
    suffix = f"/components/{slug(component)}" if component else ""
    title = f"{data.page.name} - {comp.name}" if comp else f"{data.page.name} - incident history"
    fg = FeedGenerator()
    fg.id(xml_safe(f"{base}{prefix}{suffix}/history.atom"))
    fg.title(xml_safe(title))
    fg.description(xml_safe(f"Incidents and updates from {data.page.name}"))
    fg.link(href=xml_safe(f"{base}{prefix}/"), rel="alternate")
    fg.link(href=xml_safe(f"{base}{prefix}{suffix}/history.{fmt}"), rel="self")
    fg.language(xml_safe(locale))
    fg.updated(data.updated_at)
    rows = sorted(data.incidents, key=lambda i: (i.updated_at, i.id), reverse=True)
    if component:
        rows = [i for i in rows if any(c == component for c, _ in i.components)]
    for inc in reversed(rows[:MAX_ENTRIES]):
        url = xml_safe(f"{base}{prefix}/incidents/{inc.id}/")
        fe = fg.add_entry()
        fe.id(url)
        fe.guid(url, permalink=True)
        summary = f"{inc.status}: {inc.title}"
        if fmt == "rss":
            # RSS has no text type: readers render its title and description as HTML, so they
            # carry the title as escaped HTML (Atom's title and summary are text constructs)
            fe.title(xml_safe(escape(inc.title)))
            fe.description(xml_safe(escape(summary)))
        else:
            fe.title(xml_safe(inc.title))
            fe.summary(xml_safe(summary))
        fe.link(href=url)
        fe.published(inc.started_at or inc.created_at)
        fe.updated(inc.updated_at)
        # after the description: feedgen's description() would replace Atom's content
        fe.content(_entry_html(data, inc, locale), type="CDATA" if fmt == "rss" else "html")
    works = sorted(data.maintenances, key=lambda m: (m.updated_at or m.scheduled_for, m.id))
    if component:
        works = [m for m in works if component in m.components]
    for work in works[-MAX_ENTRIES:]:
        _maintenance_entry(fg, work, f"{base}{prefix}/#maintenance-{work.id}", locale, fmt)
    return fg


def _maintenance_entry(
    fg: FeedGenerator, work: MaintenanceRow, url: str, locale: str, fmt: str
) -> None:
    """A scheduled maintenance as an entry: its title, status, window and description."""
    title = work.text("title", locale)
    window = (
        f"{work.scheduled_for.isoformat(timespec='minutes')} - "
        f"{work.scheduled_until.isoformat(timespec='minutes')}"
    )
    summary = f"maintenance {work.status.replace('_', ' ')}: {title} ({window})"
    fe = fg.add_entry()
    fe.id(xml_safe(url))
    fe.guid(xml_safe(url), permalink=True)
    if fmt == "rss":
        fe.title(xml_safe(escape(title)))
        fe.description(xml_safe(escape(summary)))
    else:
        fe.title(xml_safe(title))
        fe.summary(xml_safe(summary))
    fe.link(href=xml_safe(url))
    fe.published(work.created_at or work.scheduled_for)
    fe.updated(work.updated_at or work.scheduled_for)
    body = f"<p>{escape(summary)}</p><p>{escape(work.text('body', locale))}</p>"
    fe.content(xml_safe(body), type="CDATA" if fmt == "rss" else "html")


def atom_feed(data: SiteData, *, locale: str | None = None, component: str | None = None) -> bytes:
    """The Atom feed (whole page, or one component's incidents)."""
    return _generator(data, locale or data.page.locale, component, "atom").atom_str(pretty=True)


def rss_feed(data: SiteData, *, locale: str | None = None, component: str | None = None) -> bytes:
    """The RSS 2.0 feed (whole page, or one component's incidents)."""
    return _generator(data, locale or data.page.locale, component, "rss").rss_str(pretty=True)
