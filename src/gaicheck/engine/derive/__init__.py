"""Jurisdiction facts derived from the declaration (one module per framework)."""
