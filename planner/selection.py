"""Choosing exercises for a placed week: a complete, scored backtracking search.

The search adds one (session, exercise) pair at a time. At every step it looks at what the week
still lacks - a focus muscle trained in fewer sessions than the guidance asks (two in the
seed), a focus muscle below its weekly set range, an empty session - picks the need with the
fewest ways to meet it, and tries those ways best-first by a fixed score. Limits that only get
tighter as exercises are added (session minutes, the weekly set ceiling, rest days for a
muscle) are checked on every step, so a
branch that breaks one is cut at once. Because every way of meeting the chosen need is tried,
and a way that failed is excluded from its later siblings, the search is complete: when it
reports no solution there is none. That is what lets the planner say "cannot be met" honestly.

Two lower bounds (time still needed for coverage, and a priced bound on the weekly sets still
missing, see planner/bounds.py) and two symmetries (twin sessions, interchangeable exercises)
cut branches that cannot hold a plan; none of them changes which week is found first.

After the search, local passes improve the week without breaking any rule: swapping out an
exercise that fills every session (variety), adding exercises the person asked to prefer, and
adding exercises toward the middle of the weekly set range so sessions use the time given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.bounds import packing_value, prices_for, whole_prices
from planner.catalogue import Exercise
from planner.timing import WARMUP_SECONDS, exercise_seconds
from planner.volume import half_sets

# After the middle of the weekly set range, sessions keep filling to this share of their minutes.
FILL_SHARE = (3, 4)
MRV_CAP = 6  # counting more ways than this to meet a need never changes which need is chosen
BOUNDS_AFTER = 40  # search steps before the lower-bound pruning is switched on


class SearchLimit(Exception):
    """The search took more steps than its budget; the caller reports this plainly."""


@dataclass(frozen=True)
class Problem:
    """Everything the exercise search needs, already filtered and indexed."""

    exercises: tuple[Exercise, ...]  # usable exercises, sorted by id
    types: tuple[str, ...]  # session type per position in the week
    fits: tuple[tuple[int, ...], ...]  # exercise indices that fit each position's regions
    adjacent: tuple[tuple[int, int], ...]  # positions too close for a muscle's rest days
    limit_seconds: int  # for the exercises, after the warm-up
    focus: tuple[str, ...]
    min_half: int
    max_half: int
    preferred: frozenset[str]
    level_rank: int
    min_sessions: int = 2  # sessions a week with each focus group as a primary mover
    # Exercise indices the week must contain somewhere: the preferred exercises the planner
    # has chosen to honour. Searched as needs like any other, so "no week" stays a proof.
    required: tuple[int, ...] = ()
    # Groups whose weekly ceiling is set aside: only for explaining which ceiling blocks a
    # preferred exercise, never for a plan.
    uncapped: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Week:
    """The chosen exercise indices per session position, in the order they were added."""

    sessions: tuple[tuple[int, ...], ...]
    strict_rest: bool


class _State:
    """Mutable bookkeeping for one search; never escapes this module."""

    def __init__(self, p: Problem, strict: bool, with_volume: bool) -> None:
        self.p = p
        self.strict = strict
        self.with_volume = with_volume
        n = len(p.types)
        ex = p.exercises
        self.prim = [frozenset(e.primary) for e in ex]
        self.contrib = [tuple((m, half_sets(e, m)) for m in e.primary + e.secondary) for e in ex]
        self.secs = [exercise_seconds(e) for e in ex]
        self.neighbours = [[] for _ in range(n)]
        for a, b in p.adjacent:
            self.neighbours[a].append(b)
            self.neighbours[b].append(a)
        self.chosen: list[list[int]] = [[] for _ in range(n)]
        self.in_s: list[set[int]] = [set() for _ in range(n)]
        self.time = [0] * n
        self.prim_cnt: list[dict[str, int]] = [{} for _ in range(n)]
        every = {m for c in self.contrib for m, _ in c} | set(p.focus)
        self.cov: dict[str, int] = dict.fromkeys(sorted(every), 0)
        self.vol: dict[str, int] = dict.fromkeys(sorted(every), 0)
        self.used = [0] * len(ex)
        self.forbidden: set[tuple[int, int]] = set()
        self.nodes = 0
        focus = set(p.focus)
        self.cand_cov = {
            m: [(s, i) for s in range(n) for i in p.fits[s] if m in self.prim[i]] for m in p.focus
        }
        self.cand_vol = {m: [] for m in p.focus}
        for s in range(n):
            for i in p.fits[s]:
                for m, _ in self.contrib[i]:
                    if m in self.cand_vol:
                        self.cand_vol[m].append((s, i))
        for m in p.focus:
            self.cand_vol[m].sort()
        self.cand_ne = [[(s, i) for i in p.fits[s]] for s in range(n)]
        self.cand_req = {i: [(s, i) for s in range(n) if i in p.fits[s]] for i in p.required}
        self.focus = focus
        # The fewest half-sets one more session of each focus group costs: headroom under the
        # weekly ceiling has to stay free for the sessions a group still needs.
        self.reserve = {
            m: min((2 * ex[i].sets for _, i in self.cand_cov[m]), default=0) for m in p.focus
        }
        # For the priced bound: half-sets per focus group by position in p.focus. A group's
        # weekly total is a sum of its exercises' half-sets, so when they share a factor (3
        # sets give 6 or 3) the target rounds up to the next multiple of it.
        index = {m: k for k, m in enumerate(p.focus)}
        self.fcontrib = [tuple((index[m], h) for m, h in c if m in index) for c in self.contrib]
        usable = {i for f in p.fits for i in f}
        self.target = []
        for k in range(len(p.focus)):
            step = 0
            for i in usable:
                for j, h in self.fcontrib[i]:
                    if j == k:
                        step = math.gcd(step, h)
            step = step or 1
            self.target.append(-(-p.min_half // step) * step)
        self.prices: tuple[int, ...] = ()
        where: list[list[int]] = [[] for _ in ex]
        for s, fit in enumerate(p.fits):
            for i in fit:
                where[i].append(s)
        kinds: dict[tuple, int] = {}
        required = set(p.required)
        # A required exercise meets a need its look-alikes do not, so it is never alike them.
        self.kind = [
            kinds.setdefault(
                (
                    self.secs[i],
                    tuple(sorted(self.contrib[i])),
                    self.prim[i],
                    tuple(where[i]),
                    i if i in required else -1,
                ),
                i,
            )
            for i in range(len(ex))
        ]
        self.hopeless = False
        # valid() runs for every option at every step, so its facts are laid out in advance:
        # (group, half-sets, is a focus group, is a primary mover here, reserve)
        self.checks = [
            tuple(
                (m, h, m in focus, m in self.prim[i], self.reserve.get(m, 0))
                for m, h in self.contrib[i]
                if m not in p.uncapped
            )
            for i in range(len(ex))
        ]

    # -- moves ----------------------------------------------------------------------------

    def add(self, s: int, i: int) -> None:
        self.chosen[s].append(i)
        self.in_s[s].add(i)
        self.time[s] += self.secs[i]
        self.used[i] += 1
        pc = self.prim_cnt[s]
        for m in self.prim[i]:
            c = pc.get(m, 0)
            if c == 0:
                self.cov[m] = self.cov.get(m, 0) + 1
            pc[m] = c + 1
        for m, h in self.contrib[i]:
            self.vol[m] = self.vol.get(m, 0) + h

    def remove(self, s: int, i: int) -> None:
        self.chosen[s].remove(i)
        self.in_s[s].discard(i)
        self.time[s] -= self.secs[i]
        self.used[i] -= 1
        pc = self.prim_cnt[s]
        for m in self.prim[i]:
            c = pc[m] - 1
            if c == 0:
                del pc[m]
                self.cov[m] -= 1
            else:
                pc[m] = c
        for m, h in self.contrib[i]:
            self.vol[m] -= h

    def clashes_of(self, s: int, i: int) -> int:
        """Muscles this exercise would work in two sessions too close together."""
        n = 0
        for m in self.prim[i]:
            for t in self.neighbours[s]:
                if m in self.prim_cnt[t]:
                    n += 1
        return n

    def valid(self, s: int, i: int) -> bool:
        if i in self.in_s[s] or (s, i) in self.forbidden:
            return False
        if self.time[s] + self.secs[i] > self.p.limit_seconds:
            return False
        if self.with_volume:
            cap = self.p.max_half
            vol = self.vol
            cov = self.cov
            need = self.p.min_sessions
            here = self.prim_cnt[s]
            for m, h, focus, prim, reserve in self.checks[i]:
                after = vol[m] + h
                if focus:
                    missing = need - cov[m]
                    if prim and m not in here:
                        missing -= 1
                    if missing > 0:
                        after += missing * reserve
                if after > cap:
                    return False
        return not (self.strict and self.clashes_of(s, i))

    # -- needs ----------------------------------------------------------------------------

    def needs(self) -> list[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        for i in self.p.required:
            if not self.used[i]:
                out.append(("req", i))
        for m in self.p.focus:
            if self.cov[m] < self.p.min_sessions:
                out.append(("cov", m))
        if self.with_volume:
            for m in self.p.focus:
                if self.vol.get(m, 0) < self.p.min_half:
                    out.append(("vol", m))
        for s, chosen in enumerate(self.chosen):
            if not chosen:
                out.append(("empty", s))
        return out

    def helps(self, need: tuple[str, object], s: int, i: int) -> bool:
        kind, what = need
        if kind == "cov":
            return what not in self.prim_cnt[s]
        return True

    def candidates(self, need: tuple[str, object]) -> list[tuple[int, int]]:
        kind, what = need
        if kind == "cov":
            return self.cand_cov[what]  # type: ignore[index]
        if kind == "vol":
            return self.cand_vol[what]  # type: ignore[index]
        if kind == "req":
            return self.cand_req[what]  # type: ignore[index]
        return self.cand_ne[what]  # type: ignore[index]

    def options(self, need, cap: int | None = None) -> list[tuple[int, int]]:
        out = []
        for s, i in self.candidates(need):
            if self.helps(need, s, i) and self.valid(s, i):
                out.append((s, i))
                if cap is not None and len(out) >= cap:
                    break
        return out

    def open_sessions(self, m: str, enough: int) -> set[int]:
        """Sessions that could still take m as a primary mover (stops counting at `enough`)."""
        seen: set[int] = set()
        for s, i in self.cand_cov[m]:
            if s not in seen and m not in self.prim_cnt[s] and self.valid(s, i):
                seen.add(s)
                if len(seen) >= enough:
                    break
        return seen

    def time_bound_ok(self) -> bool:
        """Prune when the sessions cannot hold the coverage still owed.

        Two lower bounds on time, both safe (never cut a branch that has a solution). Each
        exercise's time is shared out over the focus groups it would newly cover, and every
        owed (group, session) pair costs at least its cheapest share. Globally the owed pairs
        must fit into the time left in all sessions; per session, pairs that are forced (the
        group has no other session left) must fit into that session's remaining time.
        """
        owed = [m for m in self.p.focus if self.cov[m] < self.p.min_sessions]
        if not owed:
            return True
        owed_set = set(owed)
        limit = self.p.limit_seconds
        forced: list[list[str]] = [[] for _ in self.chosen]
        need_pairs: list[tuple[str, int]] = []
        for m in owed:
            missing = self.p.min_sessions - self.cov[m]
            room = self.open_sessions(m, missing + 1)
            if len(room) < missing:
                return False
            if len(room) == missing:
                for s in room:
                    forced[s].append(m)
            need_pairs.append((m, missing))
        # per-session bound for forced groups
        for s, ms in enumerate(forced):
            if ms and self.time[s] + self.share_bound(s, set(ms)) > limit:
                return False
        # global bound over every session
        free = sum(max(0, limit - t) for t in self.time)
        cheapest = 0.0
        for m, missing in need_pairs:
            best = min(
                (
                    self.secs[i] / len(self.prim[i] & owed_set)
                    for s, i in self.cand_cov[m]
                    if m not in self.prim_cnt[s] and i not in self.in_s[s]
                ),
                default=float("inf"),
            )
            cheapest += missing * best
        return cheapest <= free

    def priced_bound_ok(self) -> bool:
        """Prune when no packing of the minutes left can make up the weekly sets still owed."""
        if not self.with_volume:
            return True
        p = self.p
        if not self.prices:
            # Prices are set once, for the empty week; if even the empty week cannot be
            # filled, nothing below it can.
            rooms = [p.limit_seconds] * len(p.fits)
            sessions = [[(self.secs[i], self.fcontrib[i]) for i in f] for f in p.fits]
            self.prices = whole_prices(prices_for(sessions, self.target, rooms))
            self.hopeless = not self._priced_supply_ok(self.target, empty=True)
        if self.hopeless:
            return False
        vol = self.vol
        short = [t - vol[m] for t, m in zip(self.target, p.focus, strict=True)]
        return self._priced_supply_ok(short)

    def _priced_supply_ok(self, short: list[int], empty: bool = False) -> bool:
        """Can the sessions still supply the priced value of `short`? With empty=True the
        question is asked of the empty week rather than the current one."""
        prices = self.prices
        want = 0
        for y, x in zip(prices, short, strict=True):
            if x > 0:
                want += y * x
        if want <= 0:
            return True
        supply = 0
        limit = self.p.limit_seconds
        forbidden = set() if empty else self.forbidden
        fcontrib = self.fcontrib
        for s, fit in enumerate(self.p.fits):
            room = limit if empty else limit - self.time[s]
            inside = () if empty else self.in_s[s]
            values = []
            for i in fit:
                secs = self.secs[i]
                if secs > room or i in inside or (s, i) in forbidden:
                    continue
                value = 0
                for k, h in fcontrib[i]:
                    x = short[k]
                    if x > 0:
                        value += prices[k] * (h if h < x else x)
                if value:
                    values.append((value, secs))
            supply += packing_value(values, room)
            if supply >= want:
                return True
        return False

    def share_bound(self, s: int, ms: set[str]) -> float:
        total = 0.0
        for m in ms:
            total += min(
                (
                    self.secs[i] / len(self.prim[i] & ms)
                    for i in self.p.fits[s]
                    if m in self.prim[i] and i not in self.in_s[s]
                ),
                default=float("inf"),
            )
        return total

    def twins(self) -> list[int]:
        """For each session, the first session it could swap with without changing anything.

        Two sessions are twins when they have the same type and contents, the same excluded
        choices and the same neighbours apart from each other. Swapping them maps every week
        onto an equally valid week, so only the first of a set of twins needs to be tried.
        """
        n = len(self.chosen)
        banned_in: list[set[int]] = [set() for _ in range(n)]
        for s, i in self.forbidden:
            banned_in[s].add(i)
        twin = list(range(n))
        for t in range(1, n):
            for s in range(t):
                if (
                    twin[s] == s
                    and self.p.types[s] == self.p.types[t]
                    and self.in_s[s] == self.in_s[t]
                    and banned_in[s] == banned_in[t]
                    and set(self.neighbours[s]) - {t} == set(self.neighbours[t]) - {s}
                ):
                    twin[t] = s
                    break
        return twin

    def alike(self, options: list[tuple[int, int]]) -> dict[int, int]:
        """For each exercise among the options, the first one it could swap with.

        Two exercises are alike when they take the same time, train the same groups with the
        same half-sets, fit the same sessions, and so far sit in (and are barred from) the
        same sessions. Swapping them maps every week onto an equally valid week, so when one
        has failed in a session the other need not be tried there.
        """
        out = {i: i for _, i in options}
        kind = self.kind
        if len({kind[i] for i in out}) == len(out):
            return out  # nothing alike among these options
        n = len(self.chosen)
        first: dict[tuple, int] = {}
        for i in out:
            where = tuple(i in self.in_s[s] or 2 * ((s, i) in self.forbidden) for s in range(n))
            out[i] = first.setdefault((kind[i], where), i)
        return out

    # -- scoring --------------------------------------------------------------------------

    def score(self, s: int, i: int) -> tuple:
        e = self.p.exercises[i]
        gain_cov = sum(
            1
            for m in self.prim[i]
            if m in self.focus and self.cov[m] < self.p.min_sessions and m not in self.prim_cnt[s]
        )
        gain_vol = 0
        spill = 0  # half-sets landing on groups that already have enough: uses up headroom
        if self.with_volume:
            lo = self.p.min_half
            for m, h in self.contrib[i]:
                short = lo - self.vol.get(m, 0) if m in self.focus else 0
                if short > 0:
                    gain_vol += min(h, short)
                spill += max(0, h - max(short, 0))
        # Preferred exercises get no head start here: those the planner honours are needs of
        # their own, and steering every need toward them leads the search into dead ends.
        return (
            0 if self.strict else self.clashes_of(s, i),
            -gain_cov,
            self.used[i],
            -gain_vol,
            spill,
            self.p.level_rank - e.level_rank,
            self.time[s],
            self.secs[i],
            e.id,
            s,
        )

    # -- search ---------------------------------------------------------------------------

    def solve(self, budget: int) -> bool:
        self.nodes += 1
        if self.nodes > budget:
            raise SearchLimit
        needs = self.needs()
        if not needs:
            return True
        # The bounds cost more than they save while the search walks straight to a plan, so
        # they switch on only once it has started to backtrack.
        if self.nodes > BOUNDS_AFTER and not (self.priced_bound_ok() and self.time_bound_ok()):
            return False
        best = needs[0]  # kept when every need has more than MRV_CAP ways to meet it
        best_count = MRV_CAP + 1
        for need in needs:
            count = len(self.options(need, cap=best_count))
            if count < best_count:
                best, best_count = need, count
                if count == 0:
                    return False
        options = sorted(self.options(best), key=lambda o: self.score(*o))
        twin = self.twins()
        alike = self.alike(options)
        tried: set[tuple[int, int]] = set()
        banned: list[tuple[int, int]] = []
        for s, i in options:
            key = (twin[s], alike[i])
            if key in tried:
                continue  # a mirror image of a branch that already failed
            tried.add(key)
            self.add(s, i)
            if self.solve(budget):
                for o in banned:
                    self.forbidden.discard(o)
                return True
            self.remove(s, i)
            self.forbidden.add((s, i))
            banned.append((s, i))
        for o in banned:
            self.forbidden.discard(o)
        return False


def search(
    p: Problem, *, strict: bool, with_volume: bool, budget: int, polish: bool = True
) -> tuple[Week | None, int]:
    """A week meeting every need (None if none exists) and the steps it took.

    Raises SearchLimit when the budget runs out first; the steps taken are then the budget.
    polish=False skips the local improvements, for callers that only ask whether a week exists.
    """
    st = _State(p, strict, with_volume)
    if not st.solve(budget):
        return None, st.nodes
    if with_volume and polish:
        _polish(st)
    return Week(tuple(tuple(c) for c in st.chosen), strict), st.nodes


def rebuild(
    p: Problem, start: tuple[tuple[int, ...], ...], *, strict: bool, budget: int
) -> tuple[Week | None, int]:
    """A week holding every required exercise, looked for close to `start` (a valid week).

    For a required exercise the week lacks, each session that can take it is tried in turn:
    that session is emptied but for it, the others keep their exercises, and the search fills
    in whatever the week then lacks. It is the quick way to a week that swaps a few exercises
    for a preferred one. It is not complete (the other sessions are only ever added to), so
    a None here proves nothing. Returns the week (polished) and the steps taken.
    """
    used = 0
    current = start
    for i in p.required:
        if any(i in chosen for chosen in current):
            continue
        hosts = sorted(
            (s for s in range(len(p.types)) if i in p.fits[s]),
            key=lambda s: (len(current[s]), s),
        )
        for s in hosts:
            st = _State(p, strict, True)
            for t, chosen in enumerate(current):
                if t != s:
                    for j in chosen:
                        st.add(t, j)
            st.add(s, i)
            # The search only adds, so the start has to keep the limits that adding can break.
            if (
                st.time[s] > p.limit_seconds
                or any(v > p.max_half for m, v in st.vol.items() if m not in p.uncapped)
                or (strict and _clash_total(st))
            ):
                continue
            try:
                found = st.solve(budget - used)
            except SearchLimit:
                return None, budget
            finally:
                used += st.nodes
            if found:
                current = tuple(tuple(c) for c in st.chosen)
                break
        else:
            return None, used
    st = _State(p, strict, True)
    for t, chosen in enumerate(current):
        for j in chosen:
            st.add(t, j)
    _polish(st)
    return Week(tuple(tuple(c) for c in st.chosen), strict), used


# --- local improvement -------------------------------------------------------------------


def _clash_total(st: _State) -> int:
    return sum(1 for a, b in st.p.adjacent for m in st.prim_cnt[a] if m in st.prim_cnt[b])


def _everywhere(st: _State) -> list[int]:
    n = len(st.chosen)
    if n < 2:
        return []
    return sorted(i for i in st.in_s[0] if st.used[i] == n)


def _rules_hold(st: _State, clash_limit: int) -> bool:
    p = st.p
    if any(t > p.limit_seconds for t in st.time):
        return False
    if any(not c for c in st.chosen):
        return False
    for m in p.focus:
        if st.cov[m] < p.min_sessions or st.vol[m] < p.min_half:
            return False
    if any(v > p.max_half for m, v in st.vol.items() if m not in p.uncapped):
        return False
    if any(not st.used[i] for i in p.required):
        return False
    return _clash_total(st) <= clash_limit


def _variety_step(st: _State) -> bool:
    """Replace (or drop) one exercise that fills every session, if the week stays valid."""
    everywhere = _everywhere(st)
    if not everywhere:
        return False
    before = len(everywhere)
    clash_limit = _clash_total(st)
    for i in everywhere:
        for s in reversed(range(len(st.chosen))):
            pos = st.chosen[s].index(i)
            st.remove(s, i)
            alternatives = sorted(
                (j for j in st.p.fits[s] if j not in st.in_s[s] and j != i),
                key=lambda j: (
                    0 if st.p.exercises[j].id in st.p.preferred else 1,
                    st.used[j],
                    st.clashes_of(s, j),
                    st.p.level_rank - st.p.exercises[j].level_rank,
                    st.p.exercises[j].id,
                ),
            )
            for j in alternatives:
                st.add(s, j)
                if _rules_hold(st, clash_limit) and len(_everywhere(st)) < before:
                    # keep the replacement in the slot the old exercise had
                    st.chosen[s].remove(j)
                    st.chosen[s].insert(pos, j)
                    return True
                st.remove(s, j)
            if _rules_hold(st, clash_limit) and len(_everywhere(st)) < before:
                return True
            st.add(s, i)
            st.chosen[s].remove(i)
            st.chosen[s].insert(pos, i)
    return False


def _prefer_step(st: _State) -> bool:
    """Add one preferred exercise that is missing from the week, where it fits."""
    present = {st.p.exercises[i].id for c in st.chosen for i in c}
    clash_limit = _clash_total(st)
    for i, e in enumerate(st.p.exercises):
        if e.id not in st.p.preferred or e.id in present:
            continue
        order = sorted(range(len(st.chosen)), key=lambda s: (st.time[s], s))
        for s in order:
            if i in st.p.fits[s] and _add_if_rules_hold(st, s, i, clash_limit):
                return True
    return False


def _fill_step(st: _State) -> bool:
    """Add one exercise so the week uses the time set aside, within the weekly set range.

    The search stops at the smallest week that keeps every rule, which leaves a 45-minute
    session half empty, while a trainee expects to use most of the time they set aside. So
    first, while a focus group is under the middle of its range, an exercise is added that
    brings the groups toward the middle. Once no group can get closer, sessions still under
    three quarters of their minutes keep filling, one set above the middle at a time (the
    groups with the fewest sets first), up to the top of the range.
    """
    p = st.p
    mid = (p.min_half + p.max_half) // 2
    if _add_toward(st, mid, p.limit_seconds):
        return True
    minutes_total = p.limit_seconds + WARMUP_SECONDS
    busy = minutes_total * FILL_SHARE[0] // FILL_SHARE[1] - WARMUP_SECONDS
    return any(_add_toward(st, target, busy) for target in range(mid + 2, p.max_half + 1, 2))


def _add_toward(st: _State, target: int, busy: int) -> bool:
    """Add the exercise that makes up the most half-sets toward `target` per second.

    Only sessions with fewer than `busy` seconds of exercises take one, and only where it fits:
    never past the minutes, never past the top of any group's range, never on a day that would
    cost a muscle its rest, and never into the last session that lacks it (an exercise in every
    session would undo the variety rule). Ties go to a session that does not train the same
    groups yet, then an exercise used less often this week, then the emptier session.
    """
    p = st.p
    short = {m: target - st.vol[m] for m in p.focus if st.vol[m] < target}
    if not short:
        return False
    n = len(st.chosen)
    candidates = []
    for s in range(n):
        if st.time[s] >= busy:
            continue
        room = p.limit_seconds - st.time[s]
        inside = st.in_s[s]
        for i in p.fits[s]:
            secs = st.secs[i]
            if secs > room or i in inside or (n > 1 and st.used[i] + 1 >= n):
                continue
            gain = 0
            for m, h in st.contrib[i]:
                x = short.get(m, 0)
                if x:
                    gain += h if h < x else x
            if gain:
                e = p.exercises[i]
                key = (
                    0 if e.id in p.preferred else 1,
                    -((gain << 40) // secs),
                    sum(1 for m in st.prim[i] if m in st.prim_cnt[s]),
                    st.used[i],
                    p.level_rank - e.level_rank,
                    st.time[s],
                    e.id,
                    s,
                )
                candidates.append((key, s, i))
    candidates.sort()
    clash_limit = _clash_total(st)
    for _, s, i in candidates:
        if any(st.vol[m] + h > p.max_half for m, h in st.contrib[i]):
            continue
        if _add_if_rules_hold(st, s, i, clash_limit):
            return True
    return False


def _add_if_rules_hold(st: _State, s: int, i: int, clash_limit) -> bool:
    """Put exercise i into session s and keep it only if every rule still holds."""
    st.add(s, i)
    if _rules_hold(st, clash_limit):
        return True
    st.remove(s, i)
    return False


def _polish(st: _State) -> None:
    changed = True
    while changed:
        changed = _variety_step(st) or _prefer_step(st) or _fill_step(st)
