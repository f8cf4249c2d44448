"""Konektivitas views."""
