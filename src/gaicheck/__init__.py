"""gaicheck: a filing-readiness checker for generative-AI services."""

__version__ = "0.1.0"
