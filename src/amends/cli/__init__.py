"""The `amends` command line: Typer + Rich over the pure stage packages."""
