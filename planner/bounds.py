"""Exact checks that settle some requests before any exercise search.

A refusal has to be fast (the browser recomputes on every change) and true. The search proves
"cannot be met" by trying everything, which is slow for requests that only just fail. The check
here answers one of the rules exactly and cheaply instead: can every focus group be a primary
mover in enough sessions when each session only has the minutes given? Weekly set targets and
rest days are left out, so when this says no, no plan exists at all and the time rule is the one
to blame; when it says yes the search still decides the rest.

How: a session only matters here through which focus groups it trains as a primary mover (a set
of groups, held as a bit mask). For each session type, the shortest session that covers a mask
is found for every mask by dynamic programming (some exercise has to cover the lowest group in
the mask, so only those exercises are tried). Masks that fit the minutes, and are not contained
in a larger mask that also fits, are the only choices worth trying; a small search then picks
one per session so that every group is covered often enough.
"""

from __future__ import annotations

import math

from planner.catalogue import Exercise
from planner.timing import exercise_seconds


def shortest_cover(
    exercises: tuple[Exercise, ...], indices: tuple[int, ...], focus: tuple[str, ...]
) -> list[float]:
    """Seconds of the shortest set of these exercises whose primary movers include each mask.

    Index = bit mask over `focus` (bit k = focus[k]); infinity where no set covers the mask.
    """
    bit = {m: 1 << k for k, m in enumerate(focus)}
    quickest: dict[int, int] = {}  # only the quickest exercise per mask can matter
    for i in indices:
        mask = 0
        for m in exercises[i].primary:
            mask |= bit.get(m, 0)
        if mask:
            secs = exercise_seconds(exercises[i])
            if secs < quickest.get(mask, secs + 1):
                quickest[mask] = secs
    by_low: list[list[tuple[int, int]]] = [[] for _ in focus]
    for mask, secs in sorted(quickest.items()):
        for k in range(len(focus)):
            if mask >> k & 1:
                by_low[k].append((mask, secs))
    size = 1 << len(focus)
    cost = [float("inf")] * size
    cost[0] = 0
    for mask in range(1, size):
        low = (mask & -mask).bit_length() - 1
        best = cost[mask]
        for cover, secs in by_low[low]:
            c = secs + cost[mask & ~cover]
            if c < best:
                best = c
        cost[mask] = best
    return cost


def maximal_masks(cost: list[float], limit: int, width: int) -> list[int]:
    """Masks that fit in `limit` seconds and cannot take one more group; largest first."""
    fits = [c <= limit for c in cost]
    out = [
        mask
        for mask in range(len(cost))
        if fits[mask] and not any(fits[mask | 1 << k] for k in range(width) if not mask >> k & 1)
    ]
    out.sort(key=lambda m: (-bin(m).count("1"), m))
    return out


def coverage_fits(
    exercises: tuple[Exercise, ...],
    sessions: tuple[str, ...],
    fits: dict[str, tuple[int, ...]],
    focus: tuple[str, ...],
    limit_seconds: int,
    min_sessions: int,
    required: tuple[int, ...] = (),
) -> bool:
    """Can every focus group be a primary mover in `min_sessions` sessions within the time?

    Exact, ignoring weekly set targets and rest. `fits` maps each session type to the indices
    of the exercises that belong in it; every session is assumed to have at least one.

    With `required` (exercise indices the week must contain) each one is checked on its own:
    some session that can take it has to hold it next to its share of the coverage. That is
    exact for one required exercise and a necessary condition for several.
    """
    width = len(focus)
    costs = {t: shortest_cover(exercises, fits[t], focus) for t in sorted(set(sessions))}
    choices = {t: maximal_masks(cost, limit_seconds, width) for t, cost in costs.items()}
    # Sessions of the same type are interchangeable: keep them together.
    order = sorted(sessions)
    if not required:
        return _cover_walk([choices[t] for t in order], width, min_sessions)
    bit = {m: 1 << k for k, m in enumerate(focus)}
    for i in required:
        own = 0
        for m in exercises[i].primary:
            own |= bit.get(m, 0)
        secs = exercise_seconds(exercises[i])
        hosts = [t for t in choices if i in fits[t]]
        placed = False
        for host in hosts:
            cost = costs[host]
            # Its time is spent whatever the session covers; it covers its own groups itself.
            with_it = [secs + cost[mask & ~own] for mask in range(len(cost))]
            slots = [maximal_masks(with_it, limit_seconds, width)]
            rest = list(order)
            rest.remove(host)
            slots += [choices[t] for t in rest]
            if slots[0] and _cover_walk(slots, width, min_sessions):
                placed = True
                break
        if not placed:
            return False
    return True


def _cover_walk(slots: list[list[int]], width: int, min_sessions: int) -> bool:
    """Can one mask be picked per slot so that every group is in `min_sessions` of them?

    Neighbouring slots with the same list are interchangeable, so each picks a choice no
    earlier in the list than the one before it.
    """
    reach = []  # groups each slot could train at all
    for options in slots:
        union = 0
        for mask in options:
            union |= mask
        reach.append(union)
    # how many of the slots from position k on could still train each group
    still = [
        [sum(1 for j in range(k, len(slots)) if reach[j] >> b & 1) for b in range(width)]
        for k in range(len(slots))
    ]
    failed: set[tuple[int, int, tuple[int, ...]]] = set()

    def walk(k: int, start: int, counts: tuple[int, ...]) -> bool:
        if all(c >= min_sessions for c in counts):
            return True
        if k == len(slots):
            return False
        if any(counts[b] + still[k][b] < min_sessions for b in range(width)):
            return False
        key = (k, start, counts)
        if key in failed:
            return False
        options = slots[k]
        for idx in range(start, len(options)):
            mask = options[idx]
            new = tuple(min(min_sessions, c + (mask >> b & 1)) for b, c in enumerate(counts))
            same_next = k + 1 < len(slots) and slots[k + 1] is options
            if walk(k + 1, idx if same_next else 0, new):
                return True
        failed.add(key)
        return False

    return walk(0, 0, tuple([0] * width))


# --- weekly sets: a priced bound --------------------------------------------------------------
#
# Weekly set targets are the slow part to disprove. Give each focus group a price per half-set
# it still lacks. A week needs sum(price * lacking) worth of value; one session can supply no
# more than the best packing of its remaining minutes, and packing_value bounds that from above.
# If all sessions together cannot supply the value, no week can, whatever the prices. Good
# prices come from a short subgradient walk at the start of a search; they only decide how often
# the bound cuts, never whether a cut is right, because the test itself is done in whole numbers.

PRICE_SCALE = 64  # prices are whole numbers near this size
# (value << 40) // seconds orders items by value per second exactly: two different ratios with
# seconds under 4 hours (14,400) differ by more than 1 / 14,400**2, which 2**40 scales past 1.
_RATIO_SHIFT = 40


def packing_value(items: list[tuple[int, int]], room: int) -> int:
    """An upper bound on the value of whole (value, seconds) items that fit in `room` seconds.

    Martello and Toth's bound (1977): fill by value per second up to the first item that does
    not fit, then take the better of leaving it out (topping up at the next item's rate) and
    putting it in (making space at the previous item's rate). Every item must fit on its own.
    """
    ranked = sorted(items, key=lambda vs: (vs[0] << _RATIO_SHIFT) // vs[1], reverse=True)
    total = 0
    for c, (value, secs) in enumerate(ranked):
        if secs <= room:
            room -= secs
            total += value
            continue
        # ranked[c] is the first item that does not fit; c > 0 because every item fits alone
        leave = total
        if c + 1 < len(ranked):
            v1, s1 = ranked[c + 1]
            leave += room * v1 // s1
        v0, s0 = ranked[c - 1]
        take = total + value - (-(-(secs - room) * v0 // s0))
        return max(leave, take)
    return total


def prices_for(
    sessions: list[list[tuple[int, tuple[tuple[int, int], ...]]]],
    short: list[int],
    rooms: list[int],
    rounds: int = 40,
) -> list[float]:
    """Prices per focus group that make the priced bound as strong as we cheaply can.

    `sessions` lists the (seconds, ((group, half-sets), ...)) still open to each session,
    `rooms` the seconds left in each, `short` the half-sets each group still lacks.
    """
    width = len(short)
    y = [1.0] * width
    best_gap = None
    best = list(y)
    for r in range(rounds):
        total = 0.0
        got = [0.0] * width
        for items, room in zip(sessions, rooms, strict=True):
            ranked = []
            for secs, contrib in items:
                value = 0.0
                for k, h in contrib:
                    if short[k] > 0:
                        value += y[k] * min(h, short[k])
                if value > 0 and secs <= room:
                    ranked.append((value / secs, value, secs, contrib))
            ranked.sort(key=lambda it: it[0], reverse=True)
            left = room
            for _, value, secs, contrib in ranked:
                share = 1.0 if secs <= left else left / secs
                total += value * share
                for k, h in contrib:
                    if short[k] > 0:
                        got[k] += share * min(h, short[k])
                left -= secs * share
                if left <= 0:
                    break
        gap = sum(y[k] * short[k] for k in range(width) if short[k] > 0) - total
        if best_gap is None or gap > best_gap:
            best_gap, best = gap, list(y)
        grad = [short[k] - got[k] if short[k] > 0 else 0.0 for k in range(width)]
        norm = math.sqrt(sum(g * g for g in grad))
        if norm == 0:
            break
        step = (1 - r / rounds) / norm
        y = [max(0.0, y[k] + step * grad[k]) for k in range(width)]
        scale = sum(y)
        if scale <= 0:
            break
        y = [v * width / scale for v in y]
    return best


def whole_prices(y: list[float]) -> tuple[int, ...]:
    return tuple(round(v * PRICE_SCALE) for v in y)
