"""`python -m amends` runs the command line."""

from amends.cli.main import entry

entry()
