"""One error hierarchy; the CLI maps it to exit codes (2 = input/usage, 3 = internal)."""

from __future__ import annotations

from gaicheck.location import Location


class GaicheckError(Exception):
    """Base of every error gaicheck reports to the user on purpose."""

    def __init__(self, message: str, location: Location | None = None,
                 more: tuple[GaicheckError, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.more = tuple(more)  # further problems found in the same pass, each printed on its own line

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class InputError(GaicheckError):
    """A declaration, artifact or option the user gave is unusable."""


class RuleDefinitionError(GaicheckError):
    """A rule file (shipped or from --rules-dir) is malformed."""
