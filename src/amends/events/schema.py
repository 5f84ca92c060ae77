"""The canonical event schema of ../shared/design.md: one row per call attempt or request."""

from __future__ import annotations

import pyarrow as pa

#: Every loader produces exactly these columns, in this order, with these types.
EVENT_SCHEMA: pa.Schema = pa.schema(
    [
        pa.field("ts", pa.timestamp("us", tz="UTC"), nullable=False),  # start of the attempt
        pa.field("subscriber", pa.string(), nullable=False),  # never shown publicly
        pa.field("region", pa.string(), nullable=False),  # state, city, exchange, cell cluster
        pa.field("service", pa.string(), nullable=False),  # call type, or an API name
        pa.field("cause", pa.int16()),  # ITU-T Q.850 release cause (CDRs)
        pa.field("sip_status", pa.int16()),  # SIP final response code
        pa.field("http_status", pa.int16()),  # for service logs
        pa.field("duration_s", pa.float64()),  # answered duration
    ]
)

REQUIRED_COLUMNS: tuple[str, ...] = ("ts", "subscriber", "region", "service")
OPTIONAL_COLUMNS: tuple[str, ...] = ("cause", "sip_status", "http_status", "duration_s")
OUTCOME_COLUMNS: tuple[str, ...] = ("cause", "sip_status", "http_status")

#: The call types of a telephone network; online services use their own API names.
SERVICES: tuple[str, ...] = (
    "local",
    "long_distance",
    "international",
    "emergency",
    "sms",
    "data",
)
