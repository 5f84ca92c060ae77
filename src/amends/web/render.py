"""Render every public path of the site from one `SiteData` snapshot: HTML pages in each
locale, the /api/v2 JSON documents, feeds and the stylesheet.

The live server caches what this returns per snapshot; the static export writes all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from amends.incident import Incident
from amends.publish import feeds, statuspage
from amends.publish.cadence import next_update
from amends.publish.site import (
    ActionRow,
    ComponentRow,
    IncidentRow,
    SiteData,
    action_order,
    impact_bars,
    overall_status,
    slug,
    uptime,
)
from amends.web.i18n import babel_locale, language_name, translations
from amends.web.settings import Settings

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

HTML = "text/html; charset=utf-8"
JSON = "application/json"
ATOM = "application/atom+xml"
RSS = "application/rss+xml"
CSS = "text/css; charset=utf-8"


@dataclass(frozen=True)
class Rendered:
    """One public resource: its media type and bytes."""

    content_type: str
    body: bytes


@cache
def environment(locale: str) -> Environment:
    """A Jinja2 environment whose gettext is the locale's chrome translations."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown(text: str, *, shift: int = 2) -> Markup:
    """Statement Markdown as HTML; raw HTML in the text is escaped, never passed through.
    Headings move down `shift` levels (a statement's '#' sits under the page's h1 and h2)."""
    md = _markdown()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{min(6, int(tok.tag[1]) + shift)}"
    return Markup(md.renderer.render(tokens, md.options, env))


class Localizer:
    """Free text of an incident record in a locale: the record's own text in its first locale,
    else its `translations` (compose's field paths), else the original."""

    def __init__(self, record: Incident | None, locale: str) -> None:
        self.record = record
        self.locale = locale

    def text(self, path: str, original: str) -> str:
        """The text at `path` in this locale (the original when nobody translated it)."""
        if self.record is None:
            return original
        return self.record.text(path, original, self.locale) or original

    def place_service(self, region: str, service: str) -> tuple[str, str]:
        """(region name, service name) in this locale."""
        rec = self.record
        rname = rec.regions[region].name if rec and region in rec.regions else region
        sname = rec.services.get(service, service) if rec else service
        return (
            self.text(f"regions.{region}.name", rname),
            self.text(f"services.{service}", sname),
        )

    def component(self, c: ComponentRow) -> str:
        """A component's name in this locale ('Llamadas — California')."""
        if self.record is None or not c.service or not c.region:
            return c.name
        rname, sname = self.place_service(c.region, c.service)
        return f"{sname} — {rname}"

    def action(self, a: ActionRow) -> ActionRow:
        """A promised fix with its what/how in this locale (matched to the record by `what`)."""
        fixes = self.record.fixes.long_term if self.record else []
        i = next((n for n, f in enumerate(fixes) if f.what == a.what), None)
        if i is None:
            return a
        return replace(
            a,
            what=self.text(f"fixes.long_term[{i}].what", a.what),
            how=self.text(f"fixes.long_term[{i}].how", a.how),
        )

    def factors(self) -> list[str]:
        """The contributing factors in this locale."""
        if self.record is None:
            return []
        return [
            self.text(f"cause.contributing_factors[{i}]", f)
            for i, f in enumerate(self.record.cause.contributing_factors)
        ]


class PublicSite:
    """The public site of one snapshot: `paths()` lists it, `render(path)` produces each part."""

    def __init__(self, data: SiteData, settings: Settings, *, relative_links: bool = False) -> None:
        self.data = data
        self.settings = settings
        self.relative = relative_links
        self.locale = data.page.locale
        locs = [self.locale] + [loc for inc in data.incidents for loc in inc.locales]
        self.locales: list[str] = list(dict.fromkeys(locs))
        self._api = statuspage.documents(data)

    # ----- what exists -------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Every public path, relative to the site root ('' is the home page)."""
        out = ["static/style.css"]
        out += [f"api/v2/{name}" for name in statuspage.DOCUMENTS]
        for loc in self.locales:
            pre = self._prefix(loc)
            out += [
                pre,
                f"{pre}history/",
                f"{pre}fixes/",
                f"{pre}history.atom",
                f"{pre}history.rss",
            ]
            for inc in self.data.incidents:
                if loc in inc.locales or loc == self.locale:
                    out += [f"{pre}incidents/{inc.id}/", f"{pre}incidents/{inc.id}/explanation/"]
            for c in self.data.components:
                out += [f"{pre}components/{slug(c.id)}/history.{ext}" for ext in ("atom", "rss")]
        return list(dict.fromkeys(out))

    def _prefix(self, locale: str) -> str:
        return "" if locale == self.locale else f"{locale}/"

    def _split_locale(self, path: str) -> tuple[str, str]:
        head, _, rest = path.partition("/")
        if head in self.locales and head != self.locale:
            return head, rest
        return self.locale, path

    # ----- rendering ---------------------------------------------------------------------------

    def render(self, path: str) -> Rendered | None:
        """The resource at `path` (no leading slash), or None when there is none."""
        path = path.lstrip("/")
        if path == "static/style.css":
            return Rendered(CSS, (STATIC / "style.css").read_bytes())
        if path.startswith("api/v2/"):
            doc = self._api.get(path.removeprefix("api/v2/"))
            return Rendered(JSON, statuspage.dumps(doc)) if doc is not None else None
        locale, rest = self._split_locale(path)
        if rest in ("", "index.html"):
            return self._page("index.j2", locale, rest, **self._home(locale))
        if rest == "history/":
            return self._page(
                "history.j2",
                locale,
                rest,
                incidents=self.data.past_incidents,
                **self._names(locale),
            )
        if rest == "fixes/":
            return self._page("fixes.j2", locale, rest, **self._fixes(locale))
        if rest in ("history.atom", "history.rss"):
            return self._feed(rest, locale, None)
        parts = rest.split("/")
        if (
            len(parts) == 3
            and parts[0] == "components"
            and parts[2] in ("history.atom", "history.rss")
        ):
            comp = next((c for c in self.data.components if slug(c.id) == parts[1]), None)
            return self._feed(parts[2], locale, comp.id) if comp else None
        if parts[0] == "incidents" and len(parts) >= 3:
            inc = self.data.incident(parts[1])
            if inc is None or (locale not in inc.locales and locale != self.locale):
                return None
            if parts[2:] == [""]:
                return self._page("incident.j2", locale, rest, **self._incident(inc, locale))
            if parts[2:] == ["explanation", ""]:
                return self._page("explanation.j2", locale, rest, **self._incident(inc, locale))
        return None

    def _feed(self, name: str, locale: str, component: str | None) -> Rendered:
        if name.endswith(".atom"):
            return Rendered(ATOM, feeds.atom_feed(self.data, locale=locale, component=component))
        return Rendered(RSS, feeds.rss_feed(self.data, locale=locale, component=component))

    def context(self, locale: str, rest: str) -> dict[str, Any]:
        """What every template gets: the page, the locale, links and formatting helpers.

        With `relative_links` (the static export) every link is relative to the page and names
        index.html, so the export also works opened from disk (file://)."""
        pre = self._prefix(locale)
        if self.relative:
            base = "../" * (pre + rest).count("/")
        else:
            base = self.settings.base_path.rstrip("/") + "/"
        bl = babel_locale(locale)
        tz = ZoneInfo(self.data.page.time_zone)

        def url(target: str, loc: str | None = None) -> str:
            link = base + self._prefix(loc or locale) + target
            if self.relative and (link == "" or link.endswith("/")):
                link += "index.html"
            return link

        def when(value: datetime | None, zone: str | None = None) -> Markup:
            if value is None:
                return Markup("")
            z = ZoneInfo(zone) if zone else tz
            text = format_datetime(value, "d MMM y, HH:mm zzz", tzinfo=z, locale=bl)
            iso = value.isoformat(timespec="seconds")
            return Markup(f'<time datetime="{escape(iso)}">{escape(text)}</time>')

        def day(value: date | None) -> Markup:
            if value is None:
                return Markup("")
            text = format_date(value, "medium", locale=bl)
            return Markup(f'<time datetime="{value.isoformat()}">{escape(text)}</time>')

        def number(value: float) -> str:
            return format_decimal(value, locale=bl)

        pattern = bl.percent_formats[None].pattern

        def percent(value: float, digits: int = 2) -> str:
            fmt = pattern.replace("0", "0." + "0" * digits, 1) if digits else pattern
            return format_percent(value, format=fmt, locale=bl)

        return {
            "site": self.data.page,
            "settings": self.settings,
            "locale": locale,
            "locales": [(loc, language_name(loc), url(rest, loc)) for loc in self.locales],
            "feedback_base": (
                self.settings.feedback_action.rstrip("/")
                + self.settings.base_path.rstrip("/")
                + "/"
                if self.settings.feedback_action
                else base
            )
            if self.settings.feedback_action is not None
            else None,
            "prefix": pre,
            "base": base,
            "url": url,
            "when": when,
            "day": day,
            "number": number,
            "percent": percent,
            "markdown": markdown,
            "slug": slug,
            "overall": overall_status(self.data),
            "today": self.data.generated_at.date(),
            "generated_at": self.data.generated_at,
        }

    def _page(self, template: str, locale: str, rest: str, **extra: Any) -> Rendered:
        env = environment(locale)
        ctx = self.context(locale, rest) | extra
        return Rendered(HTML, env.get_template(template).render(ctx).encode("utf-8"))

    def _names(self, locale: str) -> dict[str, Any]:
        """Helpers for templates listing several incidents: titles and component names in the
        locale (from the incidents' records)."""
        by_comp: dict[str, Incident] = {}
        for inc in sorted(self.data.incidents, key=lambda i: i.updated_at):
            for comp, _status in inc.components:
                if inc.record is not None:
                    by_comp[comp] = inc.record

        def title_of(inc: IncidentRow) -> str:
            return Localizer(inc.record, locale).text("title", inc.title)

        def component_name(c: ComponentRow) -> str:
            return Localizer(by_comp.get(c.id), locale).component(c)

        return {"title_of": title_of, "component_name": component_name}

    def _home(self, locale: str) -> dict[str, Any]:
        comps = [(c, uptime(self.data, c.id)) for c in self.data.components]
        active = [self._incident(i, locale) for i in self.data.open_incidents]
        by_id = {c.id: c for c in self.data.components}
        helpers = self._names(locale)

        def component_label(component_id: str) -> str:
            known = by_id.get(component_id)
            return helpers["component_name"](known) if known else component_id

        return {
            "components": comps,
            "active": active,
            "maintenances": self.data.active_maintenances + self.data.upcoming_maintenances,
            "component_label": component_label,
            "past": self.data.past_incidents[:5],
            **helpers,
        }

    def _fixes(self, locale: str) -> dict[str, Any]:
        today = self.data.generated_at.date()
        rows = sorted(self.data.actions, key=action_order)
        incs = {i.id: i for i in self.data.incidents}
        out = []
        for a in rows:
            inc = incs.get(a.incident_id)
            tr = Localizer(inc.record if inc else None, locale)
            title = tr.text("title", inc.title) if inc else ""
            out.append((tr.action(a), a.kept(today), title))
        return {"actions": out}

    def _incident(self, inc: IncidentRow, locale: str) -> dict[str, Any]:
        stmts = self.data.statements_of(inc.id, locale)
        record = inc.record
        tr = Localizer(record, locale)
        deadline = None
        if record is not None and inc.open:
            last = stmts[-1].published_at if stmts else None
            deadline = next_update(record, last, self.data.generated_at, status=inc.status)
        bars = impact_bars(record, names=tr.place_service)
        top = max((b.failures for b in bars), default=0)
        explain = [s for s in stmts if s.stage in ("explain", "follow_up")]
        today = self.data.generated_at.date()
        comps = {c.id: c for c in self.data.components}
        return {
            "incident": inc,
            "record": record,
            "zone": record.time_zone if record else self.data.page.time_zone,
            "timeline": list(reversed(stmts)),
            "latest": stmts[-1] if stmts else None,
            "explanations": explain,
            "deadline": deadline,
            "bars": bars,
            "bar_max": top,
            "actions": [(tr.action(a), a.kept(today)) for a in self.data.actions_of(inc.id)],
            "incident_components": [
                (tr.component(comps[c]) if c in comps else c, status)
                for c, status in inc.components
            ],
            "title": tr.text("title", inc.title),
            "factors": tr.factors(),
        }
