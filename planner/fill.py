"""Step 4 of the pipeline: which exercise goes in which slot of each session of the week.

Filling follows the order a coach would: the main lift of every session first (lower-body
sessions before upper-body ones, because a heavy hinge is the hardest lift to rest around),
then whatever the week still needs so each focus group is trained in enough sessions, then,
when `dose` finds time left over, the session's remaining slots one by one (`extras`).

Every choice keeps the session rules: at most one exercise per small group, never two
exercises of one pattern for the same group, at most MAX_EXERCISES; and the rest rule: a group
trained in one session is not trained in a session too close to it (a heavy hinge or bent-over
row counts as lower-back work here), and a heavy lift led by the lower back (deadlift, good
morning) or an exercise with a starting dose (Nordic curls) appears once a week at most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import repeat

from planner.catalogue import LEVELS, Catalogue
from planner.eligible import Option
from planner.slots import FALLBACK_MAIN, Slot, skeleton

MAX_EXERCISES = 7
RESISTANCE_RANK = {"load": 0, "band": 1, "bodyweight": 2}


@dataclass(frozen=True)
class Pick:
    slot: Slot
    option: Option
    covers: tuple[str, ...] = ()  # the focus groups it was added to cover, if any
    asked: bool = False  # the person asked for it (prefer): kept when a session is trimmed


@dataclass(frozen=True)
class Week:
    """The week being built: per session position, its regions, neighbours and picks."""

    regions: tuple[tuple[str, ...], ...]
    close: tuple[frozenset[int], ...]  # positions too close to rest the same group
    picks: tuple[tuple[Pick, ...], ...]

    def with_pick(self, pos: int, pick: Pick) -> Week:
        picks = list(self.picks)
        picks[pos] = picks[pos] + (pick,)
        return Week(self.regions, self.close, tuple(picks))

    def without(self, pos: int, index: int) -> Week:
        picks = list(self.picks)
        picks[pos] = picks[pos][:index] + picks[pos][index + 1 :]
        return Week(self.regions, self.close, tuple(picks))

    def trained(self, pos: int) -> frozenset[str]:
        return frozenset(g for p in self.picks[pos] for g in p.option.trains)

    def sessions_training(self, group: str) -> int:
        return sum(1 for pos in range(len(self.picks)) if group in self.trained(pos))

    def uses(self, exercise_id: str) -> int:
        return sum(1 for ps in self.picks for p in ps if p.option.id == exercise_id)


@dataclass(frozen=True)
class _Room:
    """What `Chooser.allowed` checks an option against in one session of the week, gathered
    once per search rather than once per option."""

    full: bool
    here: frozenset[str]  # exercise ids already in the session
    patterns: frozenset[tuple[str, str]]  # (pattern, primary group) of the session's exercises
    small: frozenset[str]  # small groups the session's exercises already lead
    used: frozenset[str]  # exercise ids anywhere in the week
    near: frozenset[str]  # groups trained in sessions too close to rest them (if rest applies)

    @staticmethod
    def of(catalogue: Catalogue, week: Week, pos: int, rest: bool) -> _Room:
        here = week.picks[pos]
        sizes = catalogue.muscle_by_id
        return _Room(
            full=len(here) >= MAX_EXERCISES,
            here=frozenset(p.option.id for p in here),
            patterns=frozenset(
                (p.option.exercise.pattern, m) for p in here for m in p.option.exercise.primary
            ),
            small=frozenset(
                m for p in here for m in p.option.exercise.primary if sizes[m].size == "small"
            ),
            used=frozenset(p.option.id for ps in week.picks for p in ps),
            near=frozenset(g for near in week.close[pos] for g in week.trained(near))
            if rest
            else frozenset(),
        )

    def takes(self, option: Option) -> bool:
        """The session rules: room left, not there yet, no second exercise of one pattern for
        a group, one exercise per small group, once-a-week lifts once, and rest."""
        e = option.exercise
        if self.full or e.id in self.here or not self.small.isdisjoint(e.primary):
            return False
        if not self.patterns.isdisjoint(zip(repeat(e.pattern), e.primary)):
            return False
        if e.id in self.used and (
            e.start is not None or (option.heavy and not set(e.held).isdisjoint(e.primary))
        ):
            return False  # once a week at most
        return self.near.isdisjoint(option.trains)


@dataclass(frozen=True)
class Chooser:
    """What choosing needs to know about the request: the options and how to rank them."""

    catalogue: Catalogue
    options: tuple[Option, ...]
    level: str
    prefer: frozenset[str]
    focus: frozenset[str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fitting", {})
        object.__setattr__(self, "_rooms", {})

    def fitting(self, slot: Slot) -> tuple[Option, ...]:
        """The options that fit a slot at all (pattern, region, size), worked out once per set
        of options (the same tuple for every plan of one person: `eligible` remembers it)."""
        cache = self._fitting  # type: ignore[attr-defined]
        if slot not in cache:
            options = self.options
            kept = self.catalogue.remember(
                ("fitting", id(options), slot),
                lambda: (options, tuple(o for o in options if slot.fits(o))),
            )
            # The id is only a key while that very tuple is remembered with it.
            if kept[0] is not options:
                kept = (options, tuple(o for o in options if slot.fits(o)))
            cache[slot] = kept[1]
        return cache[slot]

    def rank(self, slot: Slot, option: Option, week: Week, targets: frozenset[str]) -> tuple:
        return self._ranking(slot, week, targets)(option)

    def _ranking(self, slot: Slot, week: Week, targets: frozenset[str],
                 pos: int | None = None) -> Callable:
        """The sort key of `rank`, with what it reads from the week counted once, since
        `ranked` applies it to every option of a catalogue that may hold thousands."""
        uses = Counter(p.option.id for ps in week.picks for p in ps)
        level = LEVELS.index(self.level)
        beginner = level == 0
        # One lift a session with the spine loaded bent forward: after a deadlift, the row is
        # a supported one when the gear allows (a physio's first ask of a back programme).
        spine_loaded = pos is not None and any(p.option.heavy for p in week.picks[pos])

        def key(option: Option) -> tuple:
            e = option.exercise
            # Trained lifters progress best with load they can add to; a bodyweight bridge is
            # a beginner's tool when a barbell is in the room.
            resistance = RESISTANCE_RANK[option.resistance]
            if beginner:
                resistance = min(resistance, 1)
            return (
                e.id not in self.prefer,
                slot.pattern_rank(e),
                resistance,
                spine_loaded and option.heavy,
                -len(targets.intersection(e.primary)),
                # Load makes a lift fit any level; without it, of two lifts alike so far, the
                # one made for the person's level (an advanced lifter's bodyweight hinge is a
                # single-leg RDL, not the beginner's dowel drill).
                level - LEVELS.index(e.level) if option.resistance == "bodyweight" else 0,
                uses[e.id],
                e.id,
            )

        return key

    def allowed(self, option: Option, week: Week, pos: int, *, rest: bool = True) -> bool:
        return self._room(week, pos, rest).takes(option)

    def _room(self, week: Week, pos: int, rest: bool) -> _Room:
        """The session's rules as `_Room.of` gathers them, kept for the week last asked about:
        `ranked` asks once for every option of the catalogue, always about one week."""
        rooms = self._rooms  # type: ignore[attr-defined]
        if rooms.get("week") is not week:
            rooms.clear()
            rooms["week"] = week
        if (pos, rest) not in rooms:
            rooms[pos, rest] = _Room.of(self.catalogue, week, pos, rest)
        return rooms[pos, rest]

    def best(
        self, slot: Slot, week: Week, pos: int, *, group: str | None = None, rest: bool = True
    ) -> Option | None:
        found = self.ranked(slot, week, pos, group=group, rest=rest)
        return found[0] if found else None

    def ranked(
        self,
        slot: Slot,
        week: Week,
        pos: int,
        *,
        group: str | None = None,
        rest: bool = True,
        among: str | None = None,
    ) -> list[Option]:
        """The allowed options for the slot, best first; `among` keeps only that exercise."""
        targets = frozenset(self.catalogue.muscle_by_id) if group is None else {group}
        if slot.role in ("main", "second"):
            # The hip extensors lead a hinge, the lats and mid-back a pull: a lift that trains
            # more of them is the bigger lift (the spine is loaded by all of them alike).
            targets = frozenset(
                m.id
                for m in self.catalogue.muscles
                if m.region == slot.region
                and m.size == "large"
                and m.chain == "posterior"
                and m.spinal_load_counts != "full"
            )
        if type(self).allowed is Chooser.allowed:
            allowed = self._room(week, pos, rest).takes  # the same test, looked up once
        else:  # a subclass adds its own rules (planner.swaps)
            allowed = lambda o: self.allowed(o, week, pos, rest=rest)  # noqa: E731
        found = [
            o
            for o in self.fitting(slot)
            if (among is None or o.id == among)
            and (group in o.trains if group is not None else not self.focus.isdisjoint(o.trains))
            and allowed(o)
        ]
        if LEVELS.index(self.level) > 0 and any(o.resistance == "load" for o in found):
            # A trained lifter with weights at hand gets a loaded hinge or bridge, not the
            # bodyweight version (that one is a beginner's or a travel option).
            found = [
                o
                for o in found
                if o.resistance != "bodyweight"
                or o.exercise.pattern not in ("hinge", "bridge")
                or o.id in self.prefer
            ]
        return sorted(found, key=self._ranking(slot, week, frozenset(targets), pos))


def fill_week(
    chooser: Chooser,
    regions: tuple[tuple[str, ...], ...],
    close: tuple[frozenset[int], ...],
    focus: tuple[str, ...],
    need: int,
    pinned: tuple[tuple[int, Pick], ...] = (),
) -> Week:
    """The week with the asked-for exercises, each session's main lifts and the exercises
    coverage needs. A large group that can only be covered on days too close together is
    covered anyway (the plan's rest warning names it); a small one is left uncovered.

    `pinned` are (session position, pick) the person chose in a swap (`planner.swaps`): they
    go in before anything else, in the slot they were chosen for."""
    week = Week(regions, close, tuple(() for _ in regions))
    for pos, pick in pinned:
        week = week.with_pick(pos, pick)
    # The session type, not the focus, decides the main lifts: a total-body day starts with
    # a hinge even for someone whose focus is the upper back.
    mains = replace(chooser, focus=frozenset(chooser.catalogue.posterior_muscles()))
    # What the person asked for goes in first, each in the emptiest session with a slot for
    # it, so the main lifts are then chosen to sit well beside it.
    for wanted in sorted(chooser.prefer):
        week = _place(mains, week, wanted)
    order = sorted(range(len(regions)), key=lambda p: ("lower" not in regions[p], p))
    for pos in order:
        for region in sorted(regions[pos], key=lambda r: (r != "lower", r)):
            if any(p.slot.role == "main" and p.slot.region == region for p in week.picks[pos]):
                continue
            main = next(s for s in skeleton((region,)) if s.role == "main")
            option = mains.best(main, week, pos)
            if option is None and region in FALLBACK_MAIN:
                main = FALLBACK_MAIN[region]
                option = mains.best(main, week, pos)
            if option is not None:
                week = week.with_pick(pos, Pick(main, option))

    catalogue = chooser.catalogue
    groups = sorted(
        focus, key=lambda m: (catalogue.muscle_by_id[m].size == "small", muscle_rank(catalogue, m))
    )
    for group in groups:
        region = catalogue.muscle_by_id[group].region
        places = [p for p in range(len(regions)) if region in regions[p]]
        target = min(need, len(places))
        for rest in (True, False):
            if rest is False and catalogue.muscle_by_id[group].size == "small":
                break  # small groups are covered when rest allows, and reported otherwise
            while week.sessions_training(group) < target:
                added = _cover(chooser, week, group, places, rest)
                if added is None:
                    break
                week = added
            if week.sessions_training(group) >= target:
                break
    return week


def _place(chooser: Chooser, week: Week, wanted: str) -> Week:
    """The week with the asked-for exercise in the emptiest session that has a slot for it,
    or unchanged when no session can take it under the rules."""
    order = sorted(range(len(week.picks)), key=lambda p: (len(week.picks[p]), p))
    for pos in order:
        for slot in skeleton(week.regions[pos]):
            option = next(iter(chooser.ranked(slot, week, pos, among=wanted)), None)
            if option is not None:
                return week.with_pick(pos, Pick(slot, option, asked=True))
    return week


def _cover(chooser: Chooser, week: Week, group: str, places: list[int], rest: bool) -> Week | None:
    """The week with one more session training `group`: the emptiest session that can take it,
    with the first slot of its skeleton that an allowed exercise for the group fits."""
    free = [p for p in places if group not in week.trained(p)]
    for pos in sorted(free, key=lambda p: (len(week.picks[p]), p)):
        for slot in skeleton(week.regions[pos]):
            option = chooser.best(slot, week, pos, group=group, rest=rest)
            if option is not None:
                return week.with_pick(pos, Pick(slot, option, (group,)))
    return None


def extras(chooser: Chooser, week: Week, pos: int) -> Iterator[Week]:
    """The session with one more exercise, best first: slot by slot in skeleton order, the
    allowed exercises of each slot by rank, for more work where the minutes allow it."""
    for pick in extra_picks(chooser, week, pos):
        yield week.with_pick(pos, pick)


def extra_picks(chooser: Chooser, week: Week, pos: int,
                roles: tuple[str, ...] = ()) -> Iterator[Pick]:
    """The picks `extras` adds, in its order (only for slots of `roles`, if given), for a
    caller that rules most of them out before it builds a week with one (thousands, in a
    large catalogue)."""
    taken = {p.slot.name for p in week.picks[pos]}
    for slot in skeleton(week.regions[pos]):
        if (slot.name in taken and slot.role != "small") or (roles and slot.role not in roles):
            continue
        for option in chooser.ranked(slot, week, pos):
            yield Pick(slot, option)


def muscle_rank(catalogue: Catalogue, muscle: str) -> int:
    """Where a group stands in the catalogue's own order of muscles.yaml (sorted by id)."""
    return [m.id for m in catalogue.muscles].index(muscle)
