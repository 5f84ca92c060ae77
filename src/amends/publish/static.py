"""Static export: the whole public site (HTML in every locale, /api/v2 JSON, feeds, CSS) as
files for any static host or CDN, so the page stays up when the servers it describes do not.

Written into a temporary folder beside the target and swapped in at the end: a reader never
sees half a site. Every export holds a marker file (`.amends-site`); an existing folder is only
ever replaced when it holds that marker (or is empty), so `-o ~` cannot wipe a home folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from amends.errors import InputError
from amends.publish.site import SiteData, load_site_data

if TYPE_CHECKING:
    from datetime import datetime

    from amends.store import Store
    from amends.web.settings import Settings


#: The file every export holds: proof the folder was written by `amends site build`.
MARKER = ".amends-site"


def check_output(output: Path) -> None:
    """Refuse an output this export must not replace (InputError, before any work): a file, a
    non-empty folder without the marker, or a parent that cannot be created."""
    output = Path(output)
    if output.exists() or output.is_symlink():
        if not output.is_dir():
            raise InputError(
                "exists and is not a folder; give a new or empty folder for the site",
                path=str(output),
            )
        try:
            empty = not any(output.iterdir())
        except OSError as exc:
            raise InputError(
                f"cannot read the folder ({exc.strerror}); give another folder", path=str(output)
            ) from exc
        if not empty and not (output / MARKER).is_file():
            raise InputError(
                f"folder is not empty and has no {MARKER} file, so `amends site build` did not "
                "write it; give a new or empty folder (an export from an older amends: delete it)",
                path=str(output),
            )
    parent = output.parent
    for up in (parent, *parent.parents):
        if up.exists() or up.is_symlink():
            if not up.is_dir():
                raise InputError(
                    f"cannot create the folder: {up} is a file; give a folder elsewhere",
                    path=str(output),
                )
            break
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the folder ({exc.strerror}); give a folder you can write",
            path=str(output),
        ) from exc
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(
            f"cannot write in {parent} (permission denied); give a folder you can write",
            path=str(output),
        )


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
    """Write every public path of `data` under `output`, replacing an earlier export there (a
    folder holding the marker) or filling an empty folder; anything else is refused."""
    from amends.web.render import PublicSite

    # A static host cannot take the feedback form's POST: point it at the live server when
    # one is configured, else show the incident's feedback address instead.
    site = PublicSite(
        data,
        replace(settings, feedback_action=settings.feedback_action or None),
        relative_links=True,
    )
    output = Path(output)
    check_output(output)
    try:
        tmp = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}."))
    except OSError as exc:
        raise InputError(
            f"cannot write beside the folder ({exc.strerror}); give a folder you can write",
            path=str(output),
        ) from exc
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
        (tmp / MARKER).write_bytes(b"")
        os.chmod(tmp, 0o755)
        check_output(output)  # still ours (or empty) now the site is written
        if output.exists():
            # a fresh name for the old export: never a folder of the user's
            old = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.old."))
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
    now: datetime | None = None,
) -> list[Path]:
    """Read the store and export the site (`amends site build -o DIR`).

    `now` builds the page as of that time (uptime bars, overdue updates and feed times measured
    from it); it may not precede a published statement, which the page would show too early.
    """
    check_output(output)  # before reading the store: a refused folder costs nothing
    data = load_site_data(store, settings.page_info(), now=now)
    if now is not None:
        later = [s.published_at for s in data.statements if s.published_at > now]
        if later:
            raise InputError(
                f"--now {now.isoformat()} is before the newest published statement "
                f"({max(later).isoformat()}): the page would show it before it was said; "
                "pass that time or later"
            )
    return export_site(data, output, settings, progress=progress)
