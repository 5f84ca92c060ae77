"""Errors a user can fix: the shells print them as one line and exit with code 2.

Also the shared readers and writers that turn file-system mistakes (missing file, a folder, not
UTF-8, output under a file) into such errors instead of tracebacks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal


class InputError(ValueError):
    """Bad input (file, column, row, value or option), with a one-line message that says the fix.

    The message names the file and, where it can, the row or line and the offending value.
    """

    def __init__(self, message: str, *, path: str | None = None, row: int | None = None) -> None:
        self.path = path
        self.row = row
        where = ""
        if path is not None:
            where = f"{path}:{row}: " if row is not None else f"{path}: "
        super().__init__(f"{where}{message}")


def decode_utf8(data: bytes, *, path: str) -> str:
    """Decode bytes strictly as UTF-8 (a leading BOM is dropped); InputError names the byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start}: {exc.reason}); save the file as UTF-8", path=path
        ) from exc
    return text.removeprefix("\ufeff")


def read_text(path: Path | str, *, what: str = "file", hint: str = "") -> str:
    """Read a UTF-8 text file; a missing file, a folder, no permission or bad bytes -> InputError.

    `what` names the file in messages ("incident file"); `hint` is added to the not-found message.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{what} not found{'; ' + hint if hint else ''}", path=str(p)) from exc
    except IsADirectoryError as exc:
        raise InputError(f"is a folder; give the {what}", path=str(p)) from exc
    except PermissionError as exc:
        raise InputError(f"cannot read the {what} (permission denied)", path=str(p)) from exc
    except OSError as exc:
        raise InputError(f"cannot read the {what} ({exc.strerror or exc})", path=str(p)) from exc
    return decode_utf8(data, path=str(p))


def prepare_output(
    path: Path | str, *, kind: Literal["file", "folder"] = "file", create: bool = True
) -> Path:
    """Check an output path before any work and (with `create`) make its parent folder(s).

    A file output must not be a folder; a folder output must not be a file; a parent that is a
    file or cannot be made is refused. `create=False` only checks, so a refused run leaves no
    empty folder behind. Returns the path.
    """
    p = Path(path)
    if kind == "file" and p.is_dir():
        raise InputError(
            "is a folder; give a file name (a new name, or a file inside the folder)", path=str(p)
        )
    if kind == "folder" and p.exists() and not p.is_dir():
        raise InputError("exists and is a file; give a folder", path=str(p))
    target = p if kind == "folder" else p.parent
    if not create:
        for parent in (target, *target.parents):
            if parent.exists():
                if not parent.is_dir():
                    raise InputError(
                        f"{parent} is a file, so no folder can be made under it; give another path",
                        path=str(p),
                    )
                break
        return p
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the folder {target} ({exc.strerror or exc}); give another path",
            path=str(p),
        ) from exc
    if not target.is_dir():
        raise InputError(f"{target} is not a folder; give another path", path=str(p))
    return p


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


_UMASK = _umask()


def public_mode(path: Path | str) -> None:
    """Give a freshly made temp file the mode a plain `open()` would (0666 less the umask)."""
    os.chmod(path, 0o666 & ~_UMASK)


_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escape_controls(text: str) -> str:
    """Replace control, bidi-override and lone-surrogate characters with visible escapes."""

    def sub(m: re.Match[str]) -> str:
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    return _UNSAFE.sub(sub, text)


def shown(value: object, *, limit: int = 40) -> str:
    """A value as safe one-line text for a message: controls escaped, cut to `limit` characters."""
    text = escape_controls(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_toml(text: str, **kwargs: object) -> dict[str, object]:
    """`tomllib.loads` whose too-deep nesting (arrays inside arrays hundreds of levels deep,
    which overflow the parser's recursion) is a TOMLDecodeError like any other syntax error."""
    import tomllib

    try:
        return tomllib.loads(text, **kwargs)  # type: ignore[arg-type]
    except RecursionError:
        raise tomllib.TOMLDecodeError(
            "arrays or tables nested hundreds of levels deep; flatten them"
        ) from None


def check_site_url(url: str, *, option: str = "--url") -> str:
    """Refuse a site URL that is not http(s) with a host (`javascript:alert(1)`, `ftp://x`,
    `https:///path`, text with spaces or controls); returns the URL unchanged. The one check
    for every place a site's public address is taken (site build, serve, [notify] base_url)."""
    from urllib.parse import urlsplit

    fix = "give the page's public address, e.g. https://status.example.com"
    if not isinstance(url, str) or _UNSAFE.search(url) or any(c.isspace() for c in url):
        raise InputError(f"{option} '{shown(url)}' is not a web address; {fix}")
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        raise InputError(f"{option} '{shown(url)}' is not a web address; {fix}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{option} '{shown(url)}': only http and https URLs; {fix}")
    if not parts.hostname:
        raise InputError(f"{option} '{shown(url)}' has no host; {fix}")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{option} '{shown(url)}': no user or password in the URL; {fix}")
    return url


def check_locale(tag: str, *, option: str = "--locale", use: str = "en, es or es-MX") -> str:
    """Refuse a locale tag Babel does not know (`xx`, `<script>`); returns the tag unchanged."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(f"{option}: unknown locale '{shown(tag)}'; use {use}") from None
    return tag
