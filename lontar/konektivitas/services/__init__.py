"""Konektivitas services."""
