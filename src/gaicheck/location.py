"""Where something is: file, 1-based line and column."""

from __future__ import annotations

from gaicheck.record import record


@record
class Location:
    """A position in a file; line and column are 1-based and may be unknown."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, object]:
        """JSON form used by the report contract."""
        return {"file": self.file, "line": self.line, "column": self.column}
