"""Konektivitas api."""
