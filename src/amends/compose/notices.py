"""Personal notices: one message per affected customer (their failed calls, between which local
times in their own zone, the apology, their credit, where to get help), built column-wise.

The public part of each message is rendered once per locale from `notice.j2` with sentinel slots;
the per-customer slots are filled with Arrow string kernels over DuckDB's streamed batches, so a
million notices never touch a per-row Python template.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from babel.numbers import (
    format_currency,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)

from amends.compose import formatting as fmt
from amends.compose.draft import todo_fields
from amends.compose.facts import build_facts
from amends.compose.i18n import environment
from amends.compose.model import MissingFacts
from amends.impact.engines import Engine
from amends.incident.model import Incident
from amends.subscriber_ranges import parts_for, split_by_subscriber

#: Columns of the notices table, in order.
NOTICES_SCHEMA = pa.schema(
    [
        pa.field("subscriber", pa.string(), nullable=False),
        pa.field("locale", pa.string(), nullable=False),
        pa.field("channel", pa.string(), nullable=False),
        pa.field("recipient", pa.string()),
        pa.field("subject", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("failed_calls", pa.int64(), nullable=False),
        pa.field("first_failure", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("last_failure", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("time_zone", pa.string(), nullable=False),
        pa.field("credit", pa.string()),
        # update while the outage lasts, resolve once it ended: with the incident, subscriber and
        # channel it is the outbox's idempotency key (a notice per stage, however recomposed)
        pa.field("stage", pa.string(), nullable=False),
    ]
)
#: Customers per streamed batch: the Arrow text of one batch is what Python holds at a time.
BATCH_ROWS = 100_000
#: DuckDB's working memory for the joins and the per-customer aggregate; beyond it DuckDB spills
#: to a private temporary folder, so 100 million customers fit the same few GB as one million.
DUCKDB_MEMORY = "1500MB"
_SLOT = re.compile("\x00(\\w+)\x00")
SLOTS = ("n", "first", "last", "day", "restored", "amount")
Source = pa.Table | Path | str


@dataclass(frozen=True)
class Pieces:
    """A template rendered with sentinel slots: literal pieces between slot names."""

    parts: tuple[str | tuple[str], ...]  # str: literal; (name,): slot

    @classmethod
    def split(cls, rendered: str) -> Pieces:
        """Split a rendering into literals and slots."""
        out: list[str | tuple[str]] = []
        pos = 0
        for m in _SLOT.finditer(rendered):
            if m.start() > pos:
                out.append(rendered[pos : m.start()])
            out.append((m.group(1),))
            pos = m.end()
        if pos < len(rendered):
            out.append(rendered[pos:])
        return cls(tuple(out))

    def build(self, columns: dict[str, pa.Array], length: int) -> pa.Array:
        """The full text for every row: one vectorised join of literals and slot columns."""
        args: list[pa.Array | pa.Scalar] = []
        for part in self.parts:
            if isinstance(part, tuple):
                args.append(columns[part[0]])
            else:
                args.append(pa.scalar(part, pa.string()))
        if not any(isinstance(a, pa.Array) for a in args):
            return pa.array([("".join(str(a.as_py()) for a in args))] * length, pa.string())
        return pc.binary_join_element_wise(*args, pa.scalar("", pa.string()))


def _sentinels() -> dict[str, str]:
    return {name: f"\x00{name}\x00" for name in SLOTS}


@dataclass
class LocaleKit:
    """Everything pre-rendered for one locale: text variants, subject, money and date pieces."""

    locale: str
    text: dict[tuple[bool, bool], Pieces]  # (plural, credit) -> pieces
    subject: Pieces


def _kit(incident: Incident, locale: str, templates: Path | None, now: datetime) -> LocaleKit:
    from amends.compose.draft import tidy

    f = build_facts(incident, notice_stage(incident), "email", locale, now)
    lang_missing = [m for m in f.missing if m.startswith("translations.")]
    if lang_missing:
        raise MissingFacts(lang_missing, stage="notices")
    env = environment(locale, templates)
    tpl = env.get_template("notice.j2")
    s = _sentinels()
    text: dict[tuple[bool, bool], Pieces] = {}
    for plural in (False, True):
        for credit in (False, True):
            rendered = tpl.render(f=f, count=2 if plural else 1, credit=credit, heading=False, **s)
            text[(plural, credit)] = Pieces.split(tidy(rendered))
    subject = Pieces.split(" ".join(env.get_template("notice.subject.j2").render(**s).split()))
    return LocaleKit(locale=locale, text=text, subject=subject)


def _relation(con: Any, name: str, source: Source) -> str:
    """Register a table or point at a Parquet file; returns the SQL to select from it (DuckDB's
    read_parquet, which Spark reads as parquet.`path`)."""
    if isinstance(source, pa.Table):
        con.register(name, source)
        return name
    path = str(source).replace("'", "''")
    return f"read_parquet('{path}')"


def _query(
    incident: Incident,
    con: Any,
    affected: Source,
    plans: Source | None,
    credits: Source | None,
    default_locale: str,
) -> str:
    zones = pa.table(
        {
            "region": list(incident.regions),
            "zone": [r.time_zone for r in incident.regions.values()],
        },
        schema=pa.schema([("region", pa.string()), ("zone", pa.string())]),
    )
    con.register("region_zones", zones)
    a = _relation(con, "affected_src", affected)
    # Only this incident's windows: one day's impact can hold unrelated outages.
    ids = ", ".join("'" + w.id.replace("'", "''") + "'" for w in incident.windows) or "NULL"
    loc = default_locale.replace("'", "''")
    tz = incident.time_zone.replace("'", "''")
    pick = dict.fromkeys(("time_zone", "locale", "email", "phone"), "NULL::VARCHAR")
    plan_join = ""
    if plans is not None:
        p = _relation(con, "plans_src", plans)
        cols = {d[0] for d in con.execute(f"SELECT * FROM {p} LIMIT 0").description}
        if "subscriber" not in cols:
            from amends.errors import InputError

            raise InputError("the plans table has no `subscriber` column; pass the plans file")
        pick.update({k: f"p.{k}::VARCHAR" for k in pick if k in cols})
        plan_join = f"LEFT JOIN {p} p ON p.subscriber = g.subscriber"
    credit_join = ""
    credit_cols = "NULL::DECIMAL(38, 9) AS amount, NULL::VARCHAR AS currency"
    if credits is not None:
        c = _relation(con, "credits_src", credits)
        cols = {d[0] for d in con.execute(f"SELECT * FROM {c} LIMIT 0").description}
        if not {"subscriber", "amount", "currency"} <= cols:
            from amends.errors import InputError

            raise InputError(
                "the credits table needs columns subscriber, amount, currency "
                f"(it has {', '.join(sorted(cols))})"
            )
        mixed = con.execute(
            f"SELECT subscriber FROM {c} GROUP BY subscriber "
            "HAVING count(DISTINCT currency) > 1 LIMIT 1"
        ).fetchone()
        if mixed:
            from amends.errors import InputError

            raise InputError(
                f"subscriber {mixed[0]!r} has credits in more than one currency; "
                "give one currency per subscriber"
            )
        # Money only: allowances (GB, free days) are in their own unit and never add to cash.
        cash = "WHERE coalesce(unit, 'cash') = 'cash'" if "unit" in cols else ""
        in_windows = f'AND "window" IN ({ids})' if "window" in cols and cash else ""
        credit_join = (
            f"LEFT JOIN (SELECT subscriber, sum(amount::DECIMAL(38, 9)) AS amount, "
            "any_value(currency) "
            f"AS currency FROM {c} {cash} {in_windows} GROUP BY subscriber) c "
            "ON c.subscriber = g.subscriber"
        )
        credit_cols = "c.amount AS amount, c.currency::VARCHAR AS currency"
    return f"""
        WITH g AS (
            SELECT subscriber::VARCHAR AS subscriber, sum(failed_attempts)::BIGINT AS failed_calls,
                   min(first_failure) AS first_failure, max(last_failure) AS last_failure,
                   arg_min(region, first_failure) AS region
            FROM {a} WHERE "window" IN ({ids}) GROUP BY subscriber
        )
        SELECT g.subscriber, g.failed_calls, g.first_failure, g.last_failure,
               coalesce({pick["time_zone"]}, z.zone, '{tz}') AS time_zone,
               coalesce({pick["locale"]}, '{loc}') AS locale,
               {pick["email"]} AS email, {pick["phone"]} AS phone, {credit_cols}
        FROM g LEFT JOIN region_zones z ON z.region = g.region
        {plan_join}
        {credit_join}
    """


_clock_tz = lru_cache(maxsize=65_536)(fmt.clock_tz)
_day = lru_cache(maxsize=65_536)(fmt.day)
_money_one = lru_cache(maxsize=65_536)(fmt.money)
_number = lru_cache(maxsize=65_536)(fmt.number)
#: Up to this many distinct amounts per batch are formatted one by one with Babel (cached).
MONEY_UNIQUE_MAX = 20_000


def _times(ts: pa.Array, zones: pa.Array, locale: str) -> tuple[pa.Array, pa.Array]:
    """Local clock time with the zone's abbreviation, and the local date, per row.

    An outage spans few distinct minutes, so each distinct (zone, minute) is formatted once with
    Babel and the rows pick theirs by a vectorised hash lookup."""
    minutes = pc.divide(ts.cast(pa.int64()), 60_000_000)
    clock = pa.nulls(len(ts), pa.string())
    day = pa.nulls(len(ts), pa.string())
    for zone in pc.unique(zones).to_pylist():
        mask = pc.equal(zones, zone)
        mins = pc.filter(minutes, mask)
        uniq = pc.unique(mins)
        moments = [datetime.fromtimestamp(m * 60, tz=UTC) for m in uniq.to_pylist()]
        where = pc.index_in(mins, value_set=uniq)
        clocks = pa.array([_clock_tz(m, zone, locale) for m in moments], pa.string())
        days = pa.array([_day(m, zone, locale) for m in moments], pa.string())
        clock = pc.replace_with_mask(clock, mask, pc.take(clocks, where))
        day = pc.replace_with_mask(day, mask, pc.take(days, where))
    return clock, day


def _money(amount: pa.Array, currency: pa.Array, locale: str) -> pa.Array:
    """Amounts formatted for the locale, per currency: grouped digits from DuckDB's formatter,
    the locale's symbols and the currency sign placed as Babel places it."""
    out = pa.nulls(len(amount), pa.string())
    present = pc.is_valid(amount)
    if not pc.any(present).as_py():
        return out
    for cur in pc.unique(pc.filter(currency, present)).to_pylist():
        if cur is None:
            continue
        mask = pc.and_(present, pc.equal(currency, cur))
        vals = pc.filter(amount, mask)
        uniq = pc.unique(vals)
        if len(uniq) <= MONEY_UNIQUE_MAX:  # credits from a policy repeat: format each once
            shown = pa.array(
                [_money_one(Decimal(str(v)), cur, locale) for v in uniq.to_pylist()], pa.string()
            )
            text = pc.take(shown, pc.index_in(vals, value_set=uniq))
            out = pc.replace_with_mask(out, mask, text)
            continue
        digits = get_currency_precision(cur)
        con = duckdb.connect()
        con.register("m", pa.table({"v": vals}))
        grouped = (
            con.sql(
                f"SELECT format('{{:,.{digits}f}}', round_even(v::DECIMAL(38, 9), {digits})"
                "::DOUBLE) AS s FROM m"
            )
            .to_arrow_table()
            .column("s")
            .combine_chunks()
        )
        con.close()
        loc = fmt.babel_locale(locale)
        sample = fmt.plain(format_currency(Decimal(1234567), cur, locale=loc))
        num = re.search(r"1\D?234\D?567(?:\D\d+)?", sample)
        prefix, suffix = (sample[: num.start()], sample[num.end() :]) if num else ("", f" {cur}")
        group = fmt.plain(get_group_symbol(loc))
        dec = get_decimal_symbol(loc)
        if (group, dec) != (",", "."):
            grouped = pc.replace_substring(grouped, ",", "\x01")
            grouped = pc.replace_substring(grouped, ".", dec)
            grouped = pc.replace_substring(grouped, "\x01", group)
        text = pc.binary_join_element_wise(prefix, grouped, suffix, "")
        out = pc.replace_with_mask(out, mask, text)
    return out


def notice_stage(incident: Incident) -> str:
    """The stage a personal notice speaks from: resolve once the outage ended, else update."""
    return "resolve" if incident.ended_at is not None else "update"


def _batch_notices(
    batch: pa.RecordBatch,
    kits: dict[str, LocaleKit],
    default: str,
    restored: dict[str, str],
    stage: str,
) -> pa.RecordBatch:
    loc_col = batch.column("locale")
    known = pa.array(list(kits), pa.string())
    lang = pc.utf8_lower(pc.utf8_slice_codeunits(loc_col, 0, 2))  # es-MX -> es
    loc_col = pc.if_else(
        pc.is_in(loc_col, value_set=known),
        loc_col,
        pc.if_else(pc.is_in(lang, value_set=known), lang, default),
    )
    loc_col = pc.fill_null(loc_col, default)
    pieces: list[pa.RecordBatch] = []
    for locale in pc.unique(loc_col).to_pylist():
        kit = kits[locale]
        sub = batch.filter(pc.equal(loc_col, locale))
        n = len(sub)
        zones = sub.column("time_zone")
        first, day = _times(sub.column("first_failure"), zones, locale)
        last, _ = _times(sub.column("last_failure"), zones, locale)
        failed = sub.column("failed_calls")
        counts = pc.unique(failed)  # few distinct counts: each formatted once by Babel
        shown = pa.array([_number(int(v), locale) for v in counts.to_pylist()], pa.string())
        n_text = pc.take(shown, pc.index_in(failed, value_set=counts))
        zone_keys = pa.array(list(restored), pa.string())
        rest_vals = pa.array([restored[z].get(locale, "") for z in restored], pa.string())
        rest = pc.take(rest_vals, pc.index_in(zones, value_set=zone_keys))
        amount = _money(sub.column("amount"), sub.column("currency"), locale)
        cols = {
            "n": n_text,
            "first": first,
            "last": last,
            "day": day,
            "restored": pc.fill_null(rest, ""),
            "amount": pc.fill_null(amount, ""),
        }
        plural = pc.not_equal(failed, 1)
        credit = pc.is_valid(amount)
        email, phone = sub.column("email"), sub.column("phone")
        channel = pc.if_else(
            pc.is_valid(email), "email", pc.if_else(pc.is_valid(phone), "sms", "notice")
        )
        recipient = pc.coalesce(email, phone)
        subject = kit.subject.build(cols, n)
        for is_plural in (False, True):
            for has_credit in (False, True):
                pick = pc.and_(
                    plural if is_plural else pc.invert(plural),
                    credit if has_credit else pc.invert(credit),
                )
                k = pc.sum(pick).as_py() or 0
                if not k:
                    continue
                part = {name: pc.filter(col, pick) for name, col in cols.items()}
                pieces.append(
                    pa.RecordBatch.from_arrays(
                        [
                            pc.filter(sub.column("subscriber"), pick),
                            pa.array([locale] * k, pa.string()),
                            pc.filter(channel, pick),
                            pc.filter(recipient, pick),
                            pc.filter(subject, pick),
                            kit.text[(is_plural, has_credit)].build(part, k),
                            pc.filter(failed, pick).cast(pa.int64()),
                            pc.filter(sub.column("first_failure"), pick).cast(
                                pa.timestamp("us", tz="UTC")
                            ),
                            pc.filter(sub.column("last_failure"), pick).cast(
                                pa.timestamp("us", tz="UTC")
                            ),
                            pc.filter(zones, pick),
                            pc.filter(amount, pick),
                            pa.array([stage] * k, pa.string()),
                        ],
                        schema=NOTICES_SCHEMA,
                    )
                )
    if not pieces:
        return pa.RecordBatch.from_pylist([], schema=NOTICES_SCHEMA)
    return pa.Table.from_batches(pieces, schema=NOTICES_SCHEMA).combine_chunks().to_batches()[0]


def iter_notices(
    incident: Incident,
    affected: Source,
    *,
    plans: Source | None = None,
    credits: Source | None = None,
    locale: str = "en",
    templates: Path | None = None,
    batch_size: int | None = None,
    now: datetime | None = None,
    engine: Engine = Engine.DUCKDB,
    master: str | None = None,
) -> Iterator[pa.RecordBatch]:
    """Stream the notices in batches of `batch_size` (default BATCH_ROWS) customers: DuckDB
    (or Spark, running the same SQL transpiled) joins and aggregates, Arrow builds the text."""
    todo = todo_fields(incident.model_dump(mode="json"))
    if todo:
        raise MissingFacts(todo, stage="notices")
    if "\\u0000" in incident.model_dump_json():
        from amends.errors import InputError

        raise InputError("the incident record contains a NUL character; remove it")
    now = now or datetime.now(UTC)
    locales = list(dict.fromkeys([locale, *incident.locales]))
    kits = {loc: _kit(incident, loc, templates, now) for loc in locales}
    restored: dict[str, dict[str, str]] = {}

    def compose(reader: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in reader:
            for z in pc.unique(batch.column("time_zone")).to_pylist():
                if z not in restored:
                    restored[z] = {
                        loc: fmt.clock_tz(incident.ended_at, z, loc) if incident.ended_at else ""
                        for loc in locales
                    }
            if len(batch):
                yield _batch_notices(batch, kits, locale, restored, notice_stage(incident))

    if engine is Engine.SPARK:  # Spark partitions the join itself
        from amends.spark_sql import spark_sql

        with spark_sql(master, "amends-notices") as spark:
            sql = _query(incident, spark, affected, plans, credits, locale)
            yield from compose(spark.batches(sql, batch_size or BATCH_ROWS))
        return
    spill = tempfile.TemporaryDirectory(prefix="amends-notices-")
    con = duckdb.connect(
        config={  # joins and aggregates past this spill to disk: bounded memory at any size
            "memory_limit": DUCKDB_MEMORY,
            "temp_directory": spill.name,
            "preserve_insertion_order": False,
        }
    )
    try:
        parts = parts_for(_rows(affected))
        inputs = {"affected": affected, "plans": plans, "credits": credits}
        for part in _partitions(con, inputs, parts, Path(spill.name)):
            if part["affected"] is None:
                continue  # no affected subscriber in this range
            sql = _query(incident, con, part["affected"], part["plans"], part["credits"], locale)
            yield from compose(con.sql(sql).to_arrow_reader(batch_size or BATCH_ROWS))
    finally:
        con.close()
        spill.cleanup()


def _rows(source: Source) -> int:
    """Rows of a table or Parquet file (0 when unknown: then it is not partitioned)."""
    import pyarrow.parquet as pq

    if isinstance(source, pa.Table):
        return source.num_rows
    try:
        return int(pq.ParquetFile(source).metadata.num_rows)
    except (pa.ArrowException, OSError):
        return 0


def _partitions(
    con: duckdb.DuckDBPyConnection,
    inputs: dict[str, Source | None],
    parts: int,
    folder: Path,
) -> Iterator[dict[str, Source | None]]:
    """The inputs whole (parts <= 1), or one dict of sources per part of
    `amends.subscriber_ranges.split_by_subscriber` (a part an input has no rows in gets that input's
    empty table; an absent input stays None)."""
    if parts <= 1:
        yield inputs
        return
    relations: dict[str, str] = {}
    empty: dict[str, pa.Table] = {}
    for name, source in inputs.items():
        if source is not None:
            relations[name] = _relation(con, f"{name}_whole", source)
            empty[name] = con.sql(f"SELECT * FROM {relations[name]} LIMIT 0").to_arrow_table()
    for split in split_by_subscriber(con, relations, parts, folder):
        part: dict[str, Source | None] = {}
        for name, source in inputs.items():
            if source is None:
                part[name] = None
            elif split[name] is not None:
                part[name] = split[name]
            else:
                part[name] = None if name == "affected" else empty[name]
        yield part


def write_notices(
    incident: Incident,
    affected: Source,
    output: Path,
    *,
    plans: Source | None = None,
    credits: Source | None = None,
    locale: str = "en",
    templates: Path | None = None,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int | None = None,
    inputs: Sequence[Path] = (),
    where: str | None = None,
    engine: Engine = Engine.DUCKDB,
    master: str | None = None,
) -> int:
    """Stream every notice to `output` (zstd Parquet, one row group per batch), through a temp
    file renamed into place: a failed run leaves no half-written file. Returns the notices
    written; `progress(written)` after each batch. A join that fails on the inputs' types, or an
    unwritable output, is an InputError naming `inputs` / the output (`where`: the incident)."""
    import duckdb
    import pyarrow.parquet as pq

    from amends.errors import InputError, escape_controls, prepare_output
    from amends.files import atomic_path

    prepare_output(output)
    rows = 0
    try:
        with (
            atomic_path(output) as tmp,
            pq.ParquetWriter(tmp, NOTICES_SCHEMA, compression="zstd") as writer,
        ):
            for batch in iter_notices(
                incident,
                affected,
                plans=plans,
                credits=credits,
                locale=locale,
                templates=templates,
                now=now,
                batch_size=batch_size,
                engine=engine,
                master=master,
            ):
                writer.write_batch(batch)
                rows += batch.num_rows
                if progress is not None:
                    progress(rows)
    except duckdb.OutOfMemoryException:
        raise  # the machine's limit, not the inputs' fault (amends.cli.main says so)
    except duckdb.Error as exc:
        reason = escape_controls((str(exc) or type(exc).__name__).splitlines()[0][:200])
        names = ", ".join(str(p) for p in inputs) or "the inputs"
        raise InputError(
            f"cannot join the inputs ({reason}); check the column types of {names}", path=where
        ) from exc
    except OSError as exc:
        raise InputError(
            f"cannot write the notices ({exc.strerror}); give a file you can write",
            path=str(output),
        ) from exc
    return rows


def notices(
    incident: Incident,
    subscribers: pa.Table,
    *,
    credits: pa.Table | None = None,
    plans: pa.Table | None = None,
    locale: str = "en",
    templates: Path | None = None,
    now: datetime | None = None,
) -> pa.Table:
    """All notices as one table (`subscribers`: impact's per-subscriber table, optionally with
    time_zone/locale/email/phone columns, or pass the plans table separately)."""
    if plans is None and "time_zone" in subscribers.column_names:
        keep = [
            c
            for c in ("subscriber", "time_zone", "locale", "email", "phone")
            if c in subscribers.column_names
        ]
        plans = (
            subscribers.select(keep)
            .group_by("subscriber")
            .aggregate([(c, "min") for c in keep if c != "subscriber"])
            .rename_columns(keep)
        )
    batches = list(
        iter_notices(
            incident,
            subscribers,
            plans=plans,
            credits=credits,
            locale=locale,
            templates=templates,
            now=now,
        )
    )
    return pa.Table.from_batches(batches, schema=NOTICES_SCHEMA)


def render_one(
    incident: Incident,
    row: dict[str, object],
    *,
    locale: str = "en",
    templates: Path | None = None,
    now: datetime | None = None,
) -> tuple[str, str]:
    """The naive way: one notice rendered per row with Jinja and Babel (the benchmark's baseline
    and the tests' reference). `row` has the columns `iter_notices` reads."""
    from amends.compose.draft import tidy

    now = now or datetime.now(UTC)
    zone = str(row["time_zone"])
    stage = notice_stage(incident)
    f = build_facts(incident, stage, "email", locale, now)
    env = environment(locale, templates)
    first = row["first_failure"]
    last = row["last_failure"]
    assert isinstance(first, datetime) and isinstance(last, datetime)
    failed = int(row["failed_calls"])  # type: ignore[call-overload]
    amount = row.get("amount")
    values = {
        "n": fmt.number(failed, locale),
        "first": fmt.clock_tz(first, zone, locale),
        "last": fmt.clock_tz(last, zone, locale),
        "day": fmt.day(first, zone, locale),
        "restored": fmt.clock_tz(incident.ended_at, zone, locale) if incident.ended_at else "",
        "amount": fmt.money(amount, str(row["currency"]), locale) if amount is not None else "",  # type: ignore[arg-type]
    }
    text = tidy(
        env.get_template("notice.j2").render(
            f=f, count=failed, credit=amount is not None, heading=False, **values
        )
    )
    subject = " ".join(env.get_template("notice.subject.j2").render(**values).split())
    return subject, text


#: Columns each side input must have.
NEEDED = {"plans": ("subscriber",), "credits": ("subscriber", "amount", "currency")}


def read_side_input(path: Path, what: str) -> pa.Table | Path:
    """Open a --plans or --credits file by its extension (.csv read as text columns, else
    Parquet) and check its columns; a Parquet file is returned as its path (streamed later)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from amends.errors import InputError, escape_controls
    from amends.files import read_csv_text

    where = str(path)
    if not path.is_file():
        raise InputError("file not found" if not path.exists() else "is not a file", path=where)
    if path.suffix.lower() == ".csv":
        try:
            table = read_csv_text(path)
        except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as exc:
            reason = escape_controls((str(exc) or type(exc).__name__).splitlines()[0][:200])
            raise InputError(
                f"cannot read the {what} file as CSV ({reason}); give UTF-8 CSV with a header",
                path=where,
            ) from exc
        names = table.column_names
    else:
        try:
            names = pq.read_schema(path).names
        except (pa.ArrowException, OSError) as exc:
            raise InputError(
                f"not a Parquet file; give the {what} as .parquet or .csv", path=where
            ) from exc
        table = None
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise InputError(f"column {twice!r} appears twice; keep one", path=where)
    missing = [c for c in NEEDED[what] if c not in names]
    if missing:
        shown = ", ".join(repr(n)[:40] for n in names[:10])
        raise InputError(
            f"the {what} file needs column(s) {', '.join(missing)} (it has {shown or 'none'})",
            path=where,
        )
    if table is None:
        return path
    if what == "credits":
        try:
            pc.cast(table.column("amount"), pa.decimal128(38, 9))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise InputError(
                "column 'amount' holds a value that is not a decimal number; write amounts "
                "like 12.50",
                path=where,
            ) from exc
    return table
