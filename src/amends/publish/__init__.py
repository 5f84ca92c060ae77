"""Publishing shells: the status site, its Statuspage-compatible API, feeds, static export and
the notification outbox. Modules here touch files, databases and the network."""
