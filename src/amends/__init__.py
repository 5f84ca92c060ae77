"""amends: outage accountability — measure the outage, say sorry properly, make amends."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata on first use (importlib.metadata is slow
    to import, and most commands never ask)."""
    if name != "__version__":
        raise AttributeError(f"module 'amends' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("amends")
    except PackageNotFoundError:  # running from a source tree without an install
        value = "0.0.0"
    globals()["__version__"] = value
    return value
