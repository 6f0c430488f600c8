"""Fixtures for the report format tests."""

from tests.workflow.helpers import only_test_pack  # noqa: F401 - a fixture
