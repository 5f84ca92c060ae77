"""Live operation: follow sources as records are written, keep the minute series in the store,
run amends.impact's detection on it, and open incidents for people on duty to confirm."""
