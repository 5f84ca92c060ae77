"""Times and numbers as fixed-width text, built as Arrow string buffers with numpy.

Arrow's strftime and its timestamp-to-string cast run at about half a million values a second;
the wire format and the switch-format writers need several million, so they lay the characters
out in a byte matrix instead (years 1000-9999 only, where the layouts are fixed-width).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

US_PER_DAY = 86_400_000_000
#: Microseconds since the epoch of 1000-01-01 and of 10000-01-01: the years the layouts carry.
FIXED_MIN_US = -30_610_224_000_000_000
FIXED_MAX_US = 253_402_300_800_000_000
_ALPHABET = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_PAIRS = np.frombuffer("".join(f"{i:02d}" for i in range(100)).encode(), dtype=np.uint8).reshape(
    100, 2
)
_MONTHS = np.frombuffer(b"JanFebMarAprMayJunJulAugSepOctNovDec", dtype=np.uint8).reshape(12, 3)

Piece = bytes | tuple[np.ndarray, int]


def digits(numbers: np.ndarray, width: int, base: int = 10) -> np.ndarray:
    """The last `width` digits of each non-negative number, as a (n, width) byte matrix."""
    n = len(numbers)
    chars = np.empty((n, width), dtype=np.uint8)
    rest = np.asarray(numbers, dtype=np.int64).copy()
    j = width
    if base == 10:  # two digits per step, from a table of 00..99
        while j >= 2:
            chars[:, j - 2 : j] = _PAIRS[rest % 100]
            rest //= 100
            j -= 2
    while j >= 1:
        chars[:, j - 1] = _ALPHABET[rest % base]
        rest //= base
        j -= 1
    return chars


def layout(n: int, pieces: Sequence[Piece | np.ndarray]) -> pa.Array:
    """A string array of `n` values laid out from literal bytes, (numbers, width) digit runs and
    ready (n, k) byte matrices, in order."""
    return _strings(_matrix(n, pieces))


def _matrix(n: int, pieces: Sequence[Piece | np.ndarray]) -> np.ndarray:
    blocks: list[np.ndarray] = []
    for piece in pieces:
        if isinstance(piece, bytes):
            blocks.append(np.broadcast_to(np.frombuffer(piece, dtype=np.uint8), (n, len(piece))))
        elif isinstance(piece, tuple):
            blocks.append(digits(piece[0], piece[1]))
        else:
            blocks.append(piece)
    return np.concatenate(blocks, axis=1) if blocks else np.empty((n, 0), np.uint8)


def _strings(chars: np.ndarray) -> pa.Array:
    n, width = chars.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int64)
    return pa.Array.from_buffers(
        pa.large_string(),
        n,
        [None, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(chars).ravel())],
    )


def civil(micros: np.ndarray) -> dict[str, np.ndarray]:
    """Calendar fields of microseconds since the epoch (proleptic Gregorian, no zone)."""
    micros = np.asarray(micros, dtype=np.int64)
    days = micros // US_PER_DAY
    tod = micros - days * US_PER_DAY
    day = days.astype("datetime64[D]")
    month_start = day.astype("datetime64[M]")
    return {
        "year": day.astype("datetime64[Y]").astype(np.int64) + 1970,
        "month": month_start.astype(np.int64) % 12 + 1,
        "day": (day - month_start).astype(np.int64) + 1,
        "hour": tod // 3_600_000_000,
        "minute": tod // 60_000_000 % 60,
        "second": tod // 1_000_000 % 60,
        "micro": tod % 1_000_000,
    }


def month_abbr(month: np.ndarray) -> np.ndarray:
    """English three-letter month names (Jan..Dec) as an (n, 3) byte matrix, as logs write them."""
    return _MONTHS[np.asarray(month, dtype=np.int64) - 1]


def in_fixed_range(micros: np.ndarray) -> bool:
    """True when every time lies in the years 1000-9999 (empty: True)."""
    micros = np.asarray(micros)
    return not len(micros) or bool(micros.min() >= FIXED_MIN_US and micros.max() < FIXED_MAX_US)


def iso_utc(micros: np.ndarray, *, prefix: bytes = b"", suffix: bytes = b"") -> pa.Array:
    """`YYYY-MM-DDTHH:MM:SS.ffffffZ` per time (years 1000-9999), between `prefix` and `suffix`.

    The text up to the second is laid out once per distinct second (events come in bursts).
    """
    micros = np.asarray(micros, dtype=np.int64)
    seconds = micros // 1_000_000
    distinct, index = np.unique(seconds, return_inverse=True)
    f = civil(distinct * 1_000_000)
    head = _matrix(
        len(distinct),
        [
            prefix, (f["year"], 4), b"-", (f["month"], 2), b"-", (f["day"], 2), b"T",
            (f["hour"], 2), b":", (f["minute"], 2), b":", (f["second"], 2), b".",
        ],
    )  # fmt: skip
    n = len(micros)
    return _strings(_matrix(n, [head[index], (micros - seconds * 1_000_000, 6), b"Z" + suffix]))


def wall_seconds(micros: np.ndarray) -> pa.Array:
    """`YYYY-MM-DD HH:MM:SS` per wall-clock time (the switches' CDR stamps; years 1000-9999),
    laid out once per distinct second."""
    distinct, index = np.unique(
        np.asarray(micros, dtype=np.int64) // 1_000_000, return_inverse=True
    )
    f = civil(distinct * 1_000_000)
    text = _matrix(
        len(distinct),
        [
            (f["year"], 4), b"-", (f["month"], 2), b"-", (f["day"], 2), b" ",
            (f["hour"], 2), b":", (f["minute"], 2), b":", (f["second"], 2),
        ],
    )  # fmt: skip
    return _strings(text[index])


def clf_time(local_micros: np.ndarray, offset_minutes: np.ndarray) -> pa.Array:
    """`DD/Mon/YYYY:HH:MM:SS +hhmm` per time (access logs), from wall-clock time and its offset."""
    f = civil(local_micros)
    offset = np.asarray(offset_minutes, dtype=np.int64)
    sign = np.where(offset < 0, ord("-"), ord("+")).astype(np.uint8)[:, None]
    hhmm = np.abs(offset) // 60 * 100 + np.abs(offset) % 60
    return layout(
        len(local_micros),
        [
            (f["day"], 2), b"/", month_abbr(f["month"]), b"/", (f["year"], 4), b":",
            (f["hour"], 2), b":", (f["minute"], 2), b":", (f["second"], 2), b" ", sign,
            (hhmm, 4),
        ],
    )  # fmt: skip
