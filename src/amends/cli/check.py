"""`amends check`: lint outage statements against the rubric; text, JSON or SARIF; exit 0/1/2."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from amends.errors import InputError


class OutputFormat(StrEnum):
    """How findings are printed (`markdown` only with --list-rules)."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    MARKDOWN = "markdown"


class InputFormat(StrEnum):
    """How input files are read; `auto` goes by the file extension."""

    AUTO = "auto"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class StageOpt(StrEnum):
    """Stages accepted by --stage (mirrors `amends.check.Stage`)."""

    ACKNOWLEDGE = "acknowledge"
    UPDATE = "update"
    RESOLVE = "resolve"
    EXPLAIN = "explain"
    FOLLOW_UP = "follow_up"


class ChannelOpt(StrEnum):
    """Channels accepted by --channel (mirrors `amends.check.Channel`)."""

    WEB = "web"
    EMAIL = "email"
    SMS = "sms"
    SOCIAL = "social"
    NOTICE = "notice"


STATEMENT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


def _expand(names: list[str]) -> list[str]:
    """Files as given; a folder stands for the statement files under it (sorted, recursive)."""
    out: list[str] = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix in STATEMENT_SUFFIXES
            )
            if not found:
                raise InputError("no statement files (.md, .txt, .html) in this folder", path=name)
            out += found
        else:
            out.append(name)
    return out


def _draft_name(name: str) -> dict[str, str]:
    """Stage, channel and locale from a file `amends draft` wrote
    (`STAGE.CHANNEL.LOCALE[.AUDIENCE].EXT`); options given on the command line win."""
    parts = Path(name).name.split(".")
    if name == "-" or len(parts) < 4:
        return {}
    stage, channel, locale = parts[:3]
    if stage not in {s.value for s in StageOpt} or channel not in {c.value for c in ChannelOpt}:
        return {}
    return {"stage": stage, "channel": channel, "locale": locale}


def _read(name: str) -> str:
    """The statement text of a file or of standard input ('-'), decoded strictly as UTF-8."""
    from amends.errors import decode_utf8, read_text

    if name == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is not None:
            text = decode_utf8(buffer.read(), path="-")
        else:  # a text stream without bytes underneath (tests, embedding)
            text = sys.stdin.read()
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(
                    f"not UTF-8 text (character {exc.start}); send UTF-8 text", path="-"
                ) from exc
    else:
        text = read_text(Path(name), what="statement file")
    if not text.strip():
        raise InputError("the file is empty; give the statement's text", path=name)
    return text


def register(app: typer.Typer) -> None:
    """Add the `check` command to the root app."""

    @app.command("check")
    def check(
        files: list[str] = typer.Argument(
            None,
            help="Statement files (.txt, .md, .html) or folders of them; '-' reads standard input.",
        ),
        stage: StageOpt | None = typer.Option(
            None, "--stage", help="The statement's stage; inferred from the text when omitted."
        ),
        profile: str | None = typer.Option(
            None, "--profile", help="A regulation profile, e.g. acma-major-outage."
        ),
        output: OutputFormat = typer.Option(OutputFormat.TEXT, "--format", help="Output format."),
        config: Path | None = typer.Option(
            None, "--config", help="TOML file with a \\[check] table (default: ./amends.toml)."
        ),
        channel: ChannelOpt | None = typer.Option(
            None, "--channel", help="Channel: sms and social carry a smaller required set."
        ),
        locale: str | None = typer.Option(
            None,
            "--locale",
            help="Language of the statement: en, es (default: from a draft's file name, else en).",
        ),
        input_format: InputFormat = typer.Option(
            InputFormat.AUTO, "--input-format", help="Read inputs as text, markdown or html."
        ),
        list_rules: bool = typer.Option(
            False, "--list-rules", help="Print the rule catalogue (text or markdown) and exit."
        ),
        fix: bool = typer.Option(
            False,
            "--fix",
            help="Apply the mechanical fixes and print a unified diff (the file is not changed).",
        ),
        write: bool = typer.Option(
            False, "--write", help="With --fix: write the fixed files in place (atomically)."
        ),
        record: Path | None = typer.Option(
            None, "--record", help="Incident record (YAML): its time zone is given to bare times."
        ),
        zone: str | None = typer.Option(
            None, "--zone", help="Zone for bare times, e.g. AEST or Australia/Sydney."
        ),
    ) -> int:
        """Check outage statements against the apology rubric (and a regulation profile)."""
        from rich.console import Console

        from amends.check import Stage, check_text, effective_rules, load_config, load_profile
        from amends.check.catalogue import catalogue_markdown
        from amends.check.render import render_json, render_sarif, render_text
        from amends.check.source import detect_format

        cfg = None
        if config is not None:
            cfg = load_config(config)
        elif Path("amends.toml").is_file():
            cfg = load_config(Path("amends.toml"))
        prof_name = profile or (cfg.profile if cfg else None)
        prof = load_profile(prof_name) if prof_name else None
        rules = effective_rules(cfg, prof)

        if list_rules:
            if output is OutputFormat.MARKDOWN:
                typer.echo(catalogue_markdown(), nl=False)
            else:
                for r in rules:
                    stages = ",".join(s.value for s in Stage if s in r.stages)
                    typer.echo(f"{r.id:<16} {r.severity.value:<8} {stages}: {r.summary}")
            raise typer.Exit(0)
        if output is OutputFormat.MARKDOWN:
            raise InputError("--format markdown is only for --list-rules; use text, json or sarif")
        if not files:
            raise InputError("give one or more statement files, or '-' for standard input")
        if write and not fix:
            raise InputError("--write only goes with --fix: add --fix to rewrite the files")
        if write and "-" in files:
            raise InputError("--fix --write rewrites files; standard input has none to rewrite")
        zone = _zone(record, zone)

        from amends.errors import check_locale

        if locale is not None:
            check_locale(locale, use="en or es (or a tag like es-MX)")
        reports, texts = [], []
        for name in _expand(files):
            text = _read(name)
            named = _draft_name(name)
            fmt = (
                detect_format(None if name == "-" else name)
                if input_format is InputFormat.AUTO
                else input_format.value
            )
            options = dict(
                stage=stage.value if stage else named.get("stage"),
                fmt=fmt,
                profile=prof_name,
                config=cfg,
                locale=locale or named.get("locale", "en"),
                channel=channel.value if channel else named.get("channel"),
                path=name,
                zone=zone,
            )
            report = check_text(text, **options)  # type: ignore[arg-type]
            if named and not stage:
                report = report.model_copy(update={"stage_reason": "from the file name"})
            reports.append(report)
            texts.append((text, options))
        if fix:
            raise typer.Exit(_fix(reports, texts, write=write))
        if output is OutputFormat.JSON:
            typer.echo(render_json(reports), nl=False)
        elif output is OutputFormat.SARIF:
            typer.echo(render_sarif(reports, rules), nl=False)
        else:
            console = Console(highlight=False, soft_wrap=True)
            if console.is_terminal:
                console.print(render_text(reports, markup=True), end="")
            else:
                typer.echo(render_text(reports), nl=False)
        raise typer.Exit(1 if any(r.has_errors for r in reports) else 0)


def _zone(record: Path | None, zone: str | None) -> str | None:
    """The zone for bare times: the incident record's (at its discovery), else --zone."""
    from amends.check.fix import zone_of

    if record is not None:
        from amends.incident.io import load_incident

        incident = load_incident(record)
        return zone_of(incident.time_zone, incident.discovered_at)
    if zone and "/" in zone:
        from datetime import UTC, datetime
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(
                f"--zone {zone!r}: unknown time zone; give an abbreviation (AEST) or an IANA name"
            ) from None
        return zone_of(zone, datetime.now(UTC))
    return zone


def _fix(reports: list, texts: list[tuple[str, dict]], *, write: bool) -> int:
    """Print each file's diff (and write it with --write); 1 if errors remain after the fixes."""
    from amends.check import check_text
    from amends.check.fix import apply, unified_diff
    from amends.files import write_text_atomic

    remaining = False
    for report, (text, options) in zip(reports, texts, strict=True):
        edits = [r for f in report.findings for r in f.replacements]
        fixed = apply(text, edits)
        diff = unified_diff(report.path, text, fixed)
        if diff:
            typer.echo(diff, nl=False)
            if write:
                write_text_atomic(Path(report.path), fixed)
                typer.echo(f"{report.path}: fixed in place", err=True)
        remaining |= check_text(fixed, **options).has_errors
    return 1 if remaining else 0
