"""amends: outage accountability — measure the outage, say sorry properly, make amends."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("amends")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = ["__version__"]
