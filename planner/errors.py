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


SHOWN_CHARACTERS = 40  # a value echoed in a message is cut to this many characters


def shown(value: object) -> str:
    """A value as a message can echo it: on one line, short, in JSON's words, and safe for any
    value (a 5,000-digit number has no str() in Python 3.11+, and a list may be huge)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value))) if value.bit_length() < 128 else 0
        if digits:
            return str(value)
        # log10(2) digits per bit, rounded: close enough to say how long the number is.
        return f"a number of about {round(value.bit_length() * 0.30103):,} digits"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        short = value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…"
        # repr escapes every character that would break the line (newline, U+2028, NUL ...)
        return repr(short)
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
