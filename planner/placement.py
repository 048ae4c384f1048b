"""Placing a split's sessions on the weekdays a person can train.

The week has at most seven days, so every placement is enumerated: each choice of days times
each distinct ordering of the session types. Placements that put two total-body sessions closer
than the guidance's rest days allow (with the seed's one rest day: on consecutive days) are
dropped, a hard rule; the rest are ranked so the selection step tries the most restful, most
even week first.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from planner.request import WEEKDAYS

WEEK = 7


@dataclass(frozen=True)
class Placement:
    days: tuple[int, ...]  # weekday indices (0 = Monday), ascending
    types: tuple[str, ...]  # session type id per day
    # pairs of session positions too close for the same muscle group to work in both (with one
    # rest day between sessions of a group, that is consecutive days)
    adjacent: tuple[tuple[int, int], ...]

    def signature(self) -> tuple:
        """What the exercise search depends on: types and which sessions touch."""
        return (self.types, self.adjacent)


def too_close(a: int, b: int, rest_days: int = 1) -> bool:
    """Fewer than `rest_days` full days lie between the two weekdays, counted either way round
    because the same week repeats (Sunday and Monday are consecutive)."""
    gap = (a - b) % WEEK
    return min(gap, WEEK - gap) <= rest_days


def adjacent_pairs(days: tuple[int, ...], rest_days: int = 1) -> tuple[tuple[int, int], ...]:
    return tuple(
        (i, j)
        for i in range(len(days))
        for j in range(i + 1, len(days))
        if too_close(days[i], days[j], rest_days)
    )


def gaps(days: tuple[int, ...]) -> tuple[int, ...]:
    """Days from each session to the next one, wrapping into the following week."""
    n = len(days)
    if n == 1:
        return (WEEK,)
    return tuple((days[(i + 1) % n] - days[i]) % WEEK for i in range(n))


def _orderings(sessions: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Distinct orderings of the session types, the split's own order first."""
    out: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()

    def walk(prefix: tuple[str, ...], rest: list[int]) -> None:
        if not rest:
            if prefix not in seen:
                seen.add(prefix)
                out.append(prefix)
            return
        used: set[str] = set()
        for k, idx in enumerate(rest):
            t = sessions[idx]
            if t in used:
                continue
            used.add(t)
            walk(prefix + (t,), rest[:k] + rest[k + 1 :])

    walk((), list(range(len(sessions))))
    return out


def placements(
    available: tuple[int, ...],
    sessions: tuple[str, ...],
    whole_body: frozenset[str],
    regions: dict[str, frozenset[str]],
    rest_days: int = 1,
) -> list[Placement]:
    """Every placement that keeps whole-body sessions `rest_days` apart, best first.

    Ranking, in order: fewest too-close pairs that share a region (these are the pairs where a
    muscle could miss its rest), then the largest shortest gap, then the most even gaps, then
    the earliest days, then the split's own session order.
    """
    ranked = []
    for order_rank, order in enumerate(_orderings(sessions)):
        for days in combinations(sorted(available), len(sessions)):
            adj = adjacent_pairs(days, rest_days)
            if any(order[i] in whole_body and order[j] in whole_body for i, j in adj):
                continue
            shared = sum(1 for i, j in adj if regions[order[i]] & regions[order[j]])
            g = gaps(days)
            key = (shared, -min(g), sum(x * x for x in g), days, order_rank)
            ranked.append((key, Placement(days, order, adj)))
    ranked.sort(key=lambda kv: kv[0])
    return [p for _, p in ranked]


def whole_body(catalogue) -> frozenset[str]:
    """Session types that train every region of the catalogue: the total-body sessions."""
    regions = {m.region for m in catalogue.muscles}
    return frozenset(t.id for t in catalogue.session_types if regions <= set(t.regions))


def on_days(catalogue, sessions: tuple[str, ...], days) -> list[Placement]:
    """Every placement of the sessions on these weekday ids, best first; [] when there is none
    (fewer days than sessions, or total-body sessions that cannot be spaced)."""
    if len(sessions) > len(days):
        return []
    types = catalogue.session_type_by_id
    regions = {t: frozenset(types[t].regions) for t in set(sessions)}
    rest = catalogue.guidance.rest_days_between_same_muscle
    available = tuple(WEEKDAYS.index(d) for d in days)
    return placements(available, sessions, whole_body(catalogue), regions, rest)
