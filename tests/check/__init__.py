"""Tests of `amends check`."""
