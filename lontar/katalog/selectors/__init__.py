"""Reads of the registry: staff (scoped) and public."""
