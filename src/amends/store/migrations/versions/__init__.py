"""The migration scripts, oldest first (revision ids 0001, 0002, ...)."""
