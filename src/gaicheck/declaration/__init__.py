"""The service declaration: pydantic models and the located loader."""
