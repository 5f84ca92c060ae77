"""`make bench`: run every benchmark module in `bench/` (each prints its own ratios)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import bench

#: Not benchmarks: `make eval`, this runner, and the tools that train and choose the checker's
#: learned reading (the first rewrites `learned.json`; the second runs past git revisions for
#: about ten minutes).
SKIP = {"eval", "__main__", "train_check", "withhold_check", "add_check"}


def main() -> int:
    """Run `python -m bench.NAME` for each benchmark module, one after another."""
    names = sorted(
        m.name
        for m in pkgutil.iter_modules(bench.__path__)
        if m.name not in SKIP and not m.name.startswith(("eval_", "_"))
    )
    status = 0
    for name in names:
        print(f"== bench.{name}", flush=True)
        status |= subprocess.call([sys.executable, "-m", f"bench.{name}"])
    return status


if __name__ == "__main__":
    sys.exit(main())
