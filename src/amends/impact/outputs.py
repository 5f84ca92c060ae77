"""The impact folder: `impact.json`, `subscribers.parquet` and the chart, written and read in one
place so every command reads it the same way and says the same thing when it is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from amends.errors import InputError
from amends.files import atomic_path, save_figure_atomic

if TYPE_CHECKING:
    from amends.impact import ImpactResult
    from amends.impact.model import ImpactReport

#: The report in an impact folder.
IMPACT_JSON = "impact.json"
#: The affected subscribers in an impact folder.
SUBSCRIBERS_PARQUET = "subscribers.parquet"


def write_outputs(result: ImpactResult, out: Path, *, chart: bool, tz: str) -> list[Path]:
    """Write impact.json, subscribers.parquet and (optionally) impact.png/.svg into `out`, each
    whole or not at all."""
    import pyarrow.parquet as pq

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output folder ({exc.strerror})", path=str(out)
        ) from None
    paths = [out / IMPACT_JSON, out / SUBSCRIBERS_PARQUET]
    data = result.report.model_dump(mode="json")
    with atomic_path(paths[1]) as tmp:
        pq.write_table(result.subscribers, tmp)
    with atomic_path(paths[0]) as tmp:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if chart:
        from amends.impact.chart import render

        fig = render(result, tz=tz)
        paths += [save_figure_atomic(fig, out / f"impact.{ext}", dpi=110) for ext in ("png", "svg")]
    return paths


def report_path(path: Path) -> Path:
    """The impact.json a path names: the file itself, or the one in the folder."""
    return path if path.is_file() or path.suffix.lower() == ".json" else path / IMPACT_JSON


def read_report(path: Path) -> ImpactReport:
    """The report in an impact folder (or an impact.json file); InputError naming the file when
    it is missing or not a report."""
    from pydantic import ValidationError

    from amends.impact.model import ImpactReport

    file = report_path(path)
    try:
        return ImpactReport.model_validate_json(file.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(
            "no impact.json here; run `amends impact` first and pass its output folder",
            path=str(file),
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read impact.json ({exc.strerror})", path=str(file)) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(
            f"not an impact report: {where + ': ' if where else ''}{err['msg']}; pass the "
            "impact.json that `amends impact` wrote",
            path=str(file),
        ) from None


def affected_counts(folder: Path) -> dict[str, dict[str, int]] | None:
    """Distinct affected subscribers per window and region from the folder's subscribers.parquet
    (None when the folder has none)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table_path = folder / SUBSCRIBERS_PARQUET
    if not table_path.exists():
        return None
    try:
        table = pq.read_table(table_path, columns=["window", "subscriber", "region"])
    except Exception as exc:  # any reader error is the user's file
        raise InputError(
            f"cannot read the subscribers table ({str(exc).splitlines()[0]})", path=str(table_path)
        ) from None
    pairs = table.group_by(["window", "region"]).aggregate([("subscriber", "count_distinct")])
    counts: dict[str, dict[str, int]] = {}
    for w, r, n in zip(
        pairs["window"].to_pylist(),
        pairs["region"].to_pylist(),
        pc.cast(pairs["subscriber_count_distinct"], "int64").to_pylist(),
        strict=True,
    ):
        counts.setdefault(w, {})[r] = n
    return counts
