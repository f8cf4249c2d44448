"""Readers for the region and organisation reference files (pure: files in, plain rows out)."""
