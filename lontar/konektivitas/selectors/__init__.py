"""Konektivitas selectors."""
