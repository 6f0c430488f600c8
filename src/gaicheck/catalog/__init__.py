"""The rule catalog: rule model and strict loader."""
