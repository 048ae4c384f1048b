"""Plain-word helpers for the planner's sentences: lists, counts and names, never ids."""

from __future__ import annotations

from collections.abc import Iterable

from planner.catalogue import BODYWEIGHT, Catalogue

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven")


def and_list(parts: Iterable[str]) -> str:
    items = list(parts)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def or_list(parts: Iterable[str]) -> str:
    items = list(parts)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def number_word(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def times_word(n: int) -> str:
    """once, twice, three times, ..."""
    return {1: "once", 2: "twice"}.get(n, f"{number_word(n)} times")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def muscle_names(catalogue: Catalogue, ids: Iterable[str]) -> str:
    return and_list(catalogue.muscle_by_id[m].name for m in ids)


def gear_name(catalogue: Catalogue, gear: str) -> str:
    """An equipment item's display name in running text ("a barbell" reads as "barbell")."""
    item = catalogue.equipment_by_id.get(gear)
    return (item.name if item else gear.replace("-", " ")).lower()


def a_gear(catalogue: Catalogue, gear: str) -> str:
    """An item named as a coach says "use ..." of it: "a kettlebell", "dumbbells", "your
    body weight"."""
    if gear == BODYWEIGHT:
        return "your body weight"
    name = gear_name(catalogue, gear)
    if name.endswith("s"):
        return name
    return ("an " if name[:1] in "aeiou" else "a ") + name


def the_gear(catalogue: Catalogue, gear: Iterable[str]) -> str:
    return and_list(f"the {gear_name(catalogue, g)}" for g in gear)


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
