"""Draft one statement (stage x channel x locale) from the incident record, and check it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from markdown_it import MarkdownIt

from amends.check import check_text
from amends.compose import formatting as fmt
from amends.compose.audience import adapt, check_audience
from amends.compose.facts import (
    MAJOR_PROFILE,
    ONGOING,
    Facts,
    WindowFacts,
    build_facts,
    next_update_time,
)
from amends.compose.gsm import segments
from amends.compose.i18n import environment
from amends.compose.model import CHANNELS, DEFAULT_AUDIENCE, STAGES, Draft, MissingFacts
from amends.errors import InputError
from amends.incident.model import Incident
from amends.incident.prefill import TODO

SHORT_LIMITS = {"sms": 160, "social": 280}
SHORT_LEVELS = 4
_md = MarkdownIt("commonmark", {"html": False})


def todo_fields(value: object, path: str = "") -> list[str]:
    """Paths of every string in the record that still carries the TODO(person) marker."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += todo_fields(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += todo_fields(v, f"{path}[{i}]")
    elif isinstance(value, str) and TODO.lower() in value.lower():
        out.append(path)
    return out


def tidy(text: str) -> str:
    """Lay out a rendering: text lines join into paragraphs, a line `¶` ends a paragraph,
    headings (`#`) and bullets (`- `) start their own lines; empty lines (tags) are ignored."""
    blocks: list[list[str]] = []
    current: list[str] = []

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(current)
            current = []

    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if line == PARAGRAPH:
            flush()
        elif line.startswith("#"):
            flush()
            blocks.append([line])
        elif line.startswith("- ") or not current:
            current.append(line)
        else:
            current[-1] += " " + line
    flush()
    return "\n\n".join("\n".join(b) for b in blocks).strip() + "\n"


#: The line templates write to end a paragraph.
PARAGRAPH = "¶"


def _main_window(f: Facts) -> WindowFacts:
    """The window a short post is about: an ongoing one, else the one hitting most customers."""
    counted = [w for w in f.windows if (w.kind == "failures" and w.customers_n) or w.total]
    pool = counted or f.windows
    ongoing = [w for w in pool if w.ongoing]
    return max(ongoing or pool, key=lambda w: w.customers_n if w.kind == "failures" else 0)


def _render(env_locale: str, templates: Path | None, names: list[str], **ctx: object) -> str:
    env = environment(env_locale, templates)
    return env.select_template(names).render(**ctx)


def draft(
    incident: Incident,
    stage: str,
    channel: str,
    locale: str = "en",
    *,
    now: datetime | None = None,
    templates: Path | None = None,
    audience: str = DEFAULT_AUDIENCE,
) -> Draft:
    """Compose and check one statement; raises MissingFacts when the record lacks a needed fact.

    `audience`: "customers" (the default: speaks to the customers affected) or "public"."""
    check_audience(audience)
    if stage not in STAGES:
        raise InputError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    if channel not in CHANNELS:
        raise InputError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    fmt.babel_locale(locale)
    environment(locale, templates)  # an unknown language fails here, before any fact is read
    now = now or datetime.now(UTC)
    todo = todo_fields(incident.model_dump(mode="json"))
    f = build_facts(incident, stage, channel, locale, now)
    missing = [*todo, *f.missing]
    if missing:
        raise MissingFacts(list(dict.fromkeys(missing)), stage=stage)
    f = adapt(f, audience)
    kind = "short" if channel in SHORT_LIMITS else "long"
    names = [f"{stage}.{channel}.j2", f"{stage}.{kind}.j2"]
    ctx = {"f": f, "stage": stage, "channel": channel, "audience": audience}
    subject = " ".join(_render(locale, templates, ["subject.j2"], **ctx).split())
    html = None
    seg = enc = None
    if kind == "long":
        body = tidy(
            _render(locale, templates, names, heading=channel == "web", subject=subject, **ctx)
        )
        if channel == "web":
            html = _md.render(body)
        else:
            rich = tidy(_render(locale, templates, names, heading=True, subject=subject, **ctx))
            html = _email_html(subject, _md.render(rich), locale)
        text = body
    else:
        limit = SHORT_LIMITS[channel]
        main = _main_window(f)
        nxt = (
            fmt.clock_tz(next_update_time(incident, now), main.times[0].zone, locale)
            if stage in ONGOING
            else None
        )
        text = ""
        for level in range(SHORT_LEVELS):
            text = " ".join(
                _render(
                    locale, templates, names, level=level, main=main, next_main=nxt, **ctx
                ).split()
            )
            fits = segments(text)[0] == 1 if channel == "sms" else len(text) <= limit
            if fits:
                break
        text += "\n"
        if channel == "sms":
            seg, enc = segments(text.strip())
    profile = MAJOR_PROFILE if incident.major and stage in ONGOING else None
    report = check_text(
        text,
        stage=stage,
        fmt="markdown" if channel == "web" else "text",
        channel=channel,
        locale=locale,
        profile=profile,
        path=draft_name(stage, channel, locale, audience),
    )
    return Draft(
        stage=stage,  # type: ignore[arg-type]
        channel=channel,  # type: ignore[arg-type]
        locale=locale,
        audience=audience,
        subject=subject if kind == "long" else None,
        text=text,
        html=html,
        segments=seg,
        encoding=enc,
        keywords=f.keywords if stage == "explain" else [],
        check=report,
    )


def draft_name(stage: str, channel: str, locale: str, audience: str = DEFAULT_AUDIENCE) -> str:
    """A draft's base name: `STAGE.CHANNEL.LOCALE`, plus `.AUDIENCE` when it is not the default
    (so the customers' drafts keep the names they always had)."""
    base = f"{stage}.{channel}.{locale}"
    return base if audience == DEFAULT_AUDIENCE else f"{base}.{audience}"


def _email_html(subject: str, body: str, locale: str) -> str:
    """A minimal, self-contained HTML email around the rendered body."""
    from html import escape

    lang = re.sub(r"[^A-Za-z-]", "", locale) or "en"
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head>\n"
        f'<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">\n'
        f"{body}</body></html>\n"
    )
