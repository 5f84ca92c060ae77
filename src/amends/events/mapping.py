"""Column mappings: how a user's own files (columns, codes, time format) become canonical events.

A mapping is data, a TOML file; this module holds its model, its parser (with errors that name the
file, line and key) and the registry of built-in mappings shipped in `amends/events/mappings/`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from amends.errors import InputError, load_toml
from amends.events.schema import EVENT_SCHEMA, OUTCOME_COLUMNS, REQUIRED_COLUMNS

#: Where the built-in mapping files live.
BUILTIN_DIR = Path(__file__).with_name("mappings")

CANONICAL_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)


def builtin_mappings() -> dict[str, Path]:
    """The registry: built-in mapping name → its TOML file (`example` is documentation only)."""
    return {
        p.stem: p for p in sorted(BUILTIN_DIR.glob("*.toml")) if not p.stem.startswith("example")
    }


class ColumnSpec(BaseModel):
    """How one canonical column is computed from a source row.

    Exactly one of `column` (a source column) or `value` (a constant). Then, in order: `null`
    values become missing, `fallback` fills missing values from another column, `regex` keeps its
    first group, `prefixes` maps the longest matching prefix (else `default`), and for numbers
    `scale` multiplies; `format`/`epoch` say how to read a timestamp.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str | None = None
    value: str | int | float | None = None
    null: tuple[str, ...] = ()
    fallback: str | None = None
    regex: str | None = None
    prefixes: dict[str, str] | None = None
    default: str | None = None
    format: str | None = Field(default=None, description="strptime format of a timestamp")
    epoch: Literal["s", "ms", "us"] | None = None
    scale: float | None = None

    @model_validator(mode="after")
    def _one_source(self) -> ColumnSpec:
        if (self.column is None) == (self.value is None):
            raise ValueError("give exactly one of `column` (a source column) or `value`")
        if self.regex is not None:
            try:
                compiled = re.compile(self.regex)
            except re.error as exc:
                raise ValueError(f"bad regex {self.regex!r}: {exc}") from exc
            if compiled.groups < 1:
                raise ValueError(f"regex {self.regex!r} needs a group ( ... ) to keep")
        if self.format is not None and self.epoch is not None:
            raise ValueError("give `format` or `epoch`, not both")
        return self

    def source_columns(self) -> list[str]:
        """The source columns this spec reads."""
        return [c for c in (self.column, self.fallback) if c is not None]


class CsvOptions(BaseModel):
    """How to read a delimited file; headerless files (Asterisk, FreeSWITCH) name their fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    header: bool = True
    fieldnames: tuple[str, ...] | None = None
    delimiter: str = ","
    quote: str = '"'
    escape: str | None = None

    @model_validator(mode="after")
    def _names_without_header(self) -> CsvOptions:
        if not self.header and not self.fieldnames:
            raise ValueError("`header = false` needs `fieldnames = [...]` (the column names)")
        if len(self.delimiter) != 1:
            raise ValueError("`delimiter` must be one character")
        return self


class ClfOptions(BaseModel):
    """Access-log options: `vhost = true` when each line starts with the virtual host (`%v`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vhost: bool = False


class TableOptions(BaseModel):
    """How to read a database table (`postgresql://...?table=acc`): which rows, in which order.

    `key` is a column that increases with every new row (a serial id), so a live reader can ask
    for the rows after the last one it has; `where` keeps only rows whose column holds one of the
    listed values (Kamailio's `acc` also records BYEs: keep the INVITEs).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = "id"
    where: dict[str, tuple[str, ...]] = {}

    def source_columns(self) -> list[str]:
        """The table columns these options read."""
        return [self.key, *self.where]


class Mapping(BaseModel):
    """A parsed mapping file: source format, read options, column specs and code tables."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "custom"
    description: str = ""
    format: Literal["csv", "parquet", "clf"] = "csv"
    tz: str | None = None
    csv: CsvOptions = CsvOptions()
    clf: ClfOptions = ClfOptions()
    table: TableOptions = TableOptions()
    columns: dict[str, ColumnSpec]
    codes: dict[str, dict[str, int]] = {}
    source: str | None = Field(default=None, description="the file it came from, for messages")

    @field_validator("columns", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"column": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _canonical_names(self) -> Mapping:
        unknown = [c for c in self.columns if c not in CANONICAL_COLUMNS]
        if unknown:
            raise ValueError(
                f"[columns] has {', '.join(unknown)}: not canonical columns "
                f"(expected {', '.join(CANONICAL_COLUMNS)})"
            )
        missing = [c for c in REQUIRED_COLUMNS if c not in self.columns]
        if missing:
            raise ValueError(f"[columns] must define {', '.join(missing)}")
        for col in self.codes:
            if col not in OUTCOME_COLUMNS:
                raise ValueError(f"[codes.{col}]: codes apply to {', '.join(OUTCOME_COLUMNS)}")
            if col not in self.columns:
                raise ValueError(f"[codes.{col}] has no [columns] entry {col} to apply to")
        return self

    def source_columns(self) -> list[str]:
        """Every source column the mapping reads, in first-use order."""
        out: list[str] = []
        for spec in self.columns.values():
            out += [c for c in spec.source_columns() if c not in out]
        return out

    @classmethod
    def canonical(cls, present: list[str] | None = None) -> Mapping:
        """The identity mapping for files already in the canonical schema.

        `present` lists the source's columns: optional canonical columns it lacks are left out.
        """
        names = [
            c for c in CANONICAL_COLUMNS if c in REQUIRED_COLUMNS or present is None or c in present
        ]
        return cls(name="canonical", columns={c: ColumnSpec(column=c) for c in names})

    @classmethod
    def load(cls, name_or_path: str | Path) -> Mapping:
        """A built-in mapping by name (`asterisk`, `freeswitch`, `clf`) or a TOML file by path."""
        builtins = builtin_mappings()
        if isinstance(name_or_path, str) and name_or_path in builtins:
            return cls.from_file(builtins[name_or_path])
        path = Path(name_or_path)
        if not path.exists():
            raise InputError(
                f"no mapping named {str(name_or_path)!r} and no such file: use one of "
                f"{', '.join(builtins)} or the path of a mapping TOML file",
                path=str(name_or_path),
            )
        return cls.from_file(path)

    @classmethod
    def from_file(cls, path: Path) -> Mapping:
        """Parse a mapping file; errors name the file, the line (TOML syntax) or the key."""
        from amends.errors import read_text

        text = read_text(path, what="mapping file")
        return cls.from_toml(text, source=str(path))

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<mapping>") -> Mapping:
        """Parse mapping TOML text (see docs/events.md for the format)."""
        try:
            data = load_toml(text)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"at line (\d+)", str(exc))
            raise InputError(
                f"invalid TOML in the mapping file: {exc}",
                path=source,
                row=int(line.group(1)) if line else None,
            ) from exc
        return cls.from_dict(data, source=source)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "<mapping>") -> Mapping:
        """Build a mapping from parsed TOML; `extends = "name"` starts from another mapping."""
        data = dict(data)
        parent = data.pop("extends", None)
        if parent is not None:
            base = _raw_builtin(parent, source)
            data = _merge(base, data)
        data["source"] = source
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            raise InputError(f"bad mapping key {key}: {msg}", path=source) from exc


def _raw_builtin(name: str, source: str) -> dict[str, Any]:
    """The parsed TOML of a built-in mapping, for `extends`."""
    builtins = builtin_mappings()
    if name not in builtins:
        raise InputError(
            f"bad mapping key extends: no built-in mapping {name!r} "
            f"(built-ins: {', '.join(builtins)})",
            path=source,
        )
    return tomllib.loads(builtins[name].read_text(encoding="utf-8"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Merge TOML tables: `over` wins; tables merge, but each `[columns]` spec is replaced."""
    out = dict(base)
    for key, value in over.items():
        if key == "columns" and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}  # a column spec replaces the inherited one whole
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def resolve_mapping(mapping: str | Path | Mapping | None) -> Mapping | None:
    """Accept a Mapping, a built-in name, a path or None (canonical input)."""
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    return Mapping.load(mapping)
