"""The planner's error types.

Bad input raises; a request that is well formed but cannot be met is *returned* as
`planner.plan.Infeasible`, because "cannot be met" is an answer, not a failure.
"""

from __future__ import annotations


class PlannerError(ValueError):
    """Base class: a plain-words message meant for the person who sent the input."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class RequestError(PlannerError):
    """The request is malformed: unknown ids, out-of-range numbers, a bad date, and so on."""


class CatalogueError(PlannerError):
    """The catalogue (catalogue.json) does not have the shape ARCHITECTURE.md describes."""
