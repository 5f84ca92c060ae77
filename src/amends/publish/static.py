"""Static export: the whole public site (HTML in every locale, /api/v2 JSON, feeds, CSS) as
files for any static host or CDN, so the page stays up when the servers it describes do not.

Written into a temporary folder beside the target and swapped in at the end: a reader never
sees half a site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from amends.publish.site import SiteData, load_site_data

if TYPE_CHECKING:
    from amends.store import Store
    from amends.web.settings import Settings


def file_for(path: str) -> str:
    """The file a public path is written to ('' -> index.html, 'x/' -> x/index.html)."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def export_site(
    data: SiteData,
    output: Path,
    settings: Settings,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write every public path of `data` under `output` (replacing what was there)."""
    from amends.web.render import PublicSite

    # A static host cannot take the feedback form's POST: point it at the live server when
    # one is configured, else show the incident's feedback address instead.
    site = PublicSite(
        data,
        replace(settings, feedback_action=settings.feedback_action or None),
        relative_links=True,
    )
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}."))
    written: list[Path] = []
    try:
        paths = site.paths()
        for n, path in enumerate(paths, 1):
            res = site.render(path)
            if res is None:
                continue
            target = tmp / file_for(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(res.body)
            written.append(output / file_for(path))
            if progress:
                progress(n, len(paths))
        os.chmod(tmp, 0o755)
        if output.exists():
            old = output.with_name(f".{output.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(output, old)
            os.replace(tmp, output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written


def build_site(
    store: Store,
    output: Path,
    settings: Settings,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Read the store and export the site (`amends site build -o DIR`)."""
    data = load_site_data(store, settings.page_info())
    return export_site(data, output, settings, progress=progress)
