"""The `[failures]` table of `amends.toml`: which causes and codes count as network failures.

Keys are the fields of `FailurePolicy` (`network_causes`, `subscriber_causes`, `network_sip`,
`subscriber_sip`, `http_min_failure`); a key left out keeps its documented default.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from amends.errors import InputError, load_toml, read_text
from amends.events.failures import DEFAULT_FAILURES, FailurePolicy

#: The project configuration file looked up in the working directory.
CONFIG_NAME = "amends.toml"

M = TypeVar("M", bound=BaseModel)


def config_table(path: Path | None, name: str) -> tuple[dict[str, Any], str]:
    """The `[name]` table of `path` (or ./amends.toml when it exists; {} without either) and the
    file's name for messages. Errors name the file and the TOML line."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return {}, CONFIG_NAME
    text = read_text(path, what="configuration")
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise InputError(
            f"invalid TOML: {exc}", path=str(path), row=int(line.group(1)) if line else None
        ) from exc
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise InputError(f"`{name}` must be a table: write [{name}]", path=str(path))
    return table, str(path)


def validated(model: type[M], table: dict[str, Any], name: str, where: str) -> M:
    """`model` from a config table; a bad key is one line naming `[name]`, the key and the keys."""
    try:
        return model.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"][:1])
        fields = ", ".join(model.model_fields)
        raise InputError(
            f"bad key {name}.{key}: {err['msg']} (keys: {fields})", path=where
        ) from exc


def load_failure_policy(path: Path | None = None) -> FailurePolicy:
    """The failure policy from `path` (or `./amends.toml` when it exists), else the defaults.

    Errors name the file and the key (or the TOML line), and exit 2 through the CLI.
    """
    table, where = config_table(path, "failures")
    if not table:
        return DEFAULT_FAILURES
    return validated(FailurePolicy, table, "failures", where)
