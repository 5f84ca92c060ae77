"""The `[failures]` table of `amends.toml`: which causes and codes count as network failures.

Keys are the fields of `FailurePolicy` (`network_causes`, `subscriber_causes`, `network_sip`,
`subscriber_sip`, `http_min_failure`); a key left out keeps its documented default.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from amends.errors import InputError, load_toml, read_text
from amends.events.failures import DEFAULT_FAILURES, FailurePolicy

#: The project configuration file looked up in the working directory.
CONFIG_NAME = "amends.toml"


def load_failure_policy(path: Path | None = None) -> FailurePolicy:
    """The failure policy from `path` (or `./amends.toml` when it exists), else the defaults.

    Errors name the file and the key (or the TOML line), and exit 2 through the CLI.
    """
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return DEFAULT_FAILURES
    text = read_text(path, what="configuration")
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise InputError(
            f"invalid TOML: {exc}", path=str(path), row=int(line.group(1)) if line else None
        ) from exc
    table = data.get("failures", {})
    if not isinstance(table, dict):
        raise InputError("`failures` must be a table: write [failures]", path=str(path))
    try:
        return FailurePolicy.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"][:1])
        fields = ", ".join(FailurePolicy.model_fields)
        raise InputError(
            f"bad key failures.{key}: {err['msg']} (keys: {fields})", path=str(path)
        ) from exc
