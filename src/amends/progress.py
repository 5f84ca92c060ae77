"""The callback long stages report their progress to, shared by the core and the CLI's display."""

from __future__ import annotations

from collections.abc import Callable

#: progress(what, done, total): the step under way and its count so far (None: no count).
Progress = Callable[[str, int | None, int | None], None]
