"""Read and write incident YAML files; validation errors name the file, the line and the field."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from amends.errors import InputError, read_text
from amends.files import write_text_atomic
from amends.incident.model import FieldError, Incident


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping repeats a key (PyYAML would silently keep the last one)."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        """Build the mapping; raise DuplicateKeyError naming both lines on a repeated key."""
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor` may be overridden
                    continue
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.get(key)
                except TypeError:
                    continue
                line = key_node.start_mark.line + 1
                if first is not None:
                    raise DuplicateKeyError(
                        problem=f"key {str(key)!r} appears twice (first on line {first}); keep one",
                        problem_mark=key_node.start_mark,
                    )
                seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[arg-type]


#: How deep mappings and lists may nest in a YAML file (an incident record needs 5).
MAX_YAML_DEPTH = 64
_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


class TooDeepError(yaml.MarkedYAMLError):
    """Mappings or lists nested deeper than MAX_YAML_DEPTH (the parser would recurse too far)."""


def check_depth(text: str) -> None:
    """Refuse YAML nested deeper than MAX_YAML_DEPTH, using the scanner (it does not recurse)."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise TooDeepError(
                    problem=f"nested more than {MAX_YAML_DEPTH} levels deep",
                    problem_mark=token.start_mark,
                )
        elif isinstance(token, _CLOSE):
            depth -= 1


def yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong, in one line (a reader error's text spans two: the character, then where)."""
    text = str(getattr(exc, "problem", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def safe_load_unique(text: str) -> Any:
    """`yaml.safe_load` that refuses duplicate mapping keys and absurdly deep nesting (one
    YAML reader for every YAML file amends takes)."""
    check_depth(text)
    return yaml.load(text, Loader=_UniqueKeyLoader)


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the YAML node at a Pydantic error location (the nearest existing parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(key):
                    node = v
                    line = (
                        (k.start_mark.line + 1)
                        if not isinstance(v, yaml.ScalarNode)
                        else (v.start_mark.line + 1)
                    )
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_incident(text: str, *, source: str = "<incident>") -> Incident:
    """Validate incident YAML text; errors name `source`, the line and the field."""
    try:
        data = safe_load_unique(text)
        node = yaml.compose(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise InputError(
            str(exc.problem), path=source, row=mark.line + 1 if mark else None
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {yaml_problem(exc)}; fix the syntax",
            path=source,
            row=mark.line + 1 if mark else None,
        ) from exc
    if not isinstance(data, dict):
        raise InputError("an incident file must be a YAML mapping (key: value)", path=source)
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):  # a record-level check names its own field
            loc = (*loc, *(int(p) if p.isdigit() else p for p in cause.field.split(".")))
        more = len(exc.errors()) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(
            f"field {_field(loc)}: {msg}; fix it and run again{tail}",
            path=source,
            row=_line_of(node, loc),
        ) from exc


def load_incident(path: Path) -> Incident:
    """Read and validate an incident YAML file."""
    path = Path(path)
    text = read_text(path, what="incident file", hint="create one with `amends incident init`")
    return parse_incident(text, source=str(path))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def incident_yaml(
    incident: Incident, *, header: str = "", notes: dict[str, str] | None = None
) -> str:
    """The incident as YAML text (ISO times, model field order, unset optionals kept as null);
    `notes` puts a `# TODO(person): ...` comment above each named top-level key."""
    data = _plain(incident.model_dump(mode="python"))
    if not notes:
        return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    parts = [header]
    for key, value in data.items():
        note = notes.get(key)
        if note and note.startswith("check:"):
            parts.append(f"# CHECK(person):{note.removeprefix('check:')}\n")
        elif note:
            parts.append(f"# TODO(person): {note}\n")
        parts.append(yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=100))
    return "".join(parts)


def dump_incident(
    incident: Incident, path: Path, *, header: str = "", notes: dict[str, str] | None = None
) -> Path:
    """Write the incident record as YAML, atomically."""
    return write_text_atomic(Path(path), incident_yaml(incident, header=header, notes=notes))
