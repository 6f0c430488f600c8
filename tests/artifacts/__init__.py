"""Tests of gaicheck.artifacts."""
