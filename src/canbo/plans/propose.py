"""The optimised training proposal, database side: from the registry to the pure solver
(`plans/optimiser.py`) and back to names a page or a command can show.

- **Candidates**: the people whose main assignment on 01/01 of the year lies in the unit's subtree
  and within the actor's reach, each with their training priority (careers/priority.py) and the
  gaps that a kind of the open classes closes (a gap worth 0 points is not a gap to close). Pool
  gaps count only when the actor may see pools (the system, on the command line, may).
- **Offers**: classes starting in the year, planned or open (a running, finished or cancelled class
  takes no nomination), that the actor sees and whose area (`open_to`, else the organiser) takes
  people of the subtree. Free seats = capacity minus active enrolments (no capacity: as many seats
  as candidates). Cost per place = the class's cost / its capacity (0 when either is missing).
  **Long** = an đào tạo programme (a degree, LLCT) or a class over 30 days.
- **Limits**: the budget (optional); at most 20 % of a commune's (or department's) staff away at
  the same time — the unit counted is the second level of the tree (the commune, the department),
  its staff the people working there on 01/01, those already enrolled elsewhere counting as away;
  one long course per person per year (a person already enrolled in a long class that year has it).

Run inline: on the demo a commune takes well under a second and the province a few seconds; the
solver's time limit bounds the rest (`PAGE_TIME_LIMIT` on the page).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from canbo.accounts.permissions import Perm, can, reach_of
from canbo.careers.priority import Priority, _root_of, priorities
from canbo.core.text import format_number
from canbo.orgs.models import Unit
from canbo.people.models import Person
from canbo.plans import optimiser
from canbo.training.choices import ClassStatus, ProgrammeGroup
from canbo.training.models import Enrolment, Programme, TrainingClass
from canbo.training.services import ACTIVE_STATUSES

LONG_DAYS = 30
AWAY_SHARE = 0.2
PAGE_TIME_LIMIT = 20.0
# Up to this many people in the subtree the page runs the proposal in the request (a commune:
# well under a second); above, the worker does while the page shows the stage.
INLINE_PEOPLE = 2000
# At most this many people the solver left out are offered per class to be added (best priority first).
ADD_CHOICES = 100


def is_long(training_class: TrainingClass) -> bool:
    days = (training_class.end_date - training_class.start_date).days + 1
    return training_class.programme.kind.group == ProgrammeGroup.DAO_TAO or days > LONG_DAYS


@dataclass
class Result:
    unit: Unit
    year: int
    budget: int | None
    proposal: optimiser.Proposal
    people: dict[int, Person]
    classes: dict[int, TrainingClass]
    priorities: dict[int, Priority]
    candidates: int = 0
    offers: int = 0
    options: dict[int, dict[int, list[str]]] = field(default_factory=dict)  # see `_options`
    left_out: dict[int, list[int]] = field(default_factory=dict)  # class id → people the officer may add
    seats: dict[int, int] = field(default_factory=dict)  # class id → free seats before the proposal

    def by_class(self) -> list[tuple[TrainingClass, list[optimiser.Place]]]:
        grouped: dict[int, list[optimiser.Place]] = defaultdict(list)
        for place in self.proposal.places:
            grouped[place.class_id].append(place)
        order = sorted(grouped, key=lambda cid: (self.classes[cid].start_date, self.classes[cid].code))
        return [
            (self.classes[cid], sorted(grouped[cid], key=lambda p: (-p.value, self.people[p.person_id].sort_key)))
            for cid in order
        ]

    def cost(self) -> int:
        return sum(self._cost_per_place(self.classes[p.class_id]) for p in self.proposal.places)

    @staticmethod
    def _cost_per_place(training_class: TrainingClass) -> int:
        return cost_per_place(training_class)

    def as_json(self) -> dict:
        data = optimiser.proposal_json(self.proposal)
        return {"unit": self.unit.code, "year": self.year, "budget": self.budget, **data}


def cost_per_place(training_class: TrainingClass) -> int:
    if not training_class.cost or not training_class.capacity:
        return 0
    return int(training_class.cost) // int(training_class.capacity)


def _programme_titles(programme_ids: set[int]) -> dict[int, frozenset[int]]:
    """Programme id → the titles it is aimed at (none: any title)."""
    through = Programme.target_titles.through
    found: dict[int, set[int]] = defaultdict(set)
    for programme_id, title_id in through.objects.filter(programme_id__in=programme_ids).values_list(
        "programme_id", "title_id"
    ):
        found[programme_id].add(title_id)
    return {k: frozenset(v) for k, v in found.items()}


def _offers(*, user, unit: Unit, year: int) -> list[TrainingClass]:
    """Classes starting in `year` that still take nominations, open to people of `unit`'s subtree."""
    from canbo.training.selectors import classes_for

    qs = classes_for(user) if user is not None else TrainingClass.unscoped.all()
    qs = qs.filter(
        start_date__year=year,
        status__in=(ClassStatus.PLANNED, ClassStatus.OPEN),
        programme__kind__isnull=False,
    ).select_related("programme__kind", "open_to", "organiser")
    ancestors = [*unit.ancestor_ids(), unit.pk]
    # the class's area holds the unit (open_to, else its organiser), or lies inside the subtree
    area_holds = Q(open_to_id__in=ancestors) | Q(open_to__isnull=True, organiser_id__in=ancestors)
    area_inside = Q(open_to__path__startswith=unit.path) | Q(
        open_to__isnull=True, organiser__path__startswith=unit.path
    )
    return list(qs.filter(area_holds | area_inside).order_by("start_date", "code"))


def build(
    *,
    user,
    unit: Unit,
    year: int,
    budget: int | None = None,
    include_pools: bool | None = None,
    time_limit: float | None = None,
    progress=None,
) -> Result:
    """Build the solver's input for `unit`'s subtree and `year`, run it, and return the proposal
    with the people and classes it names. Raises optimiser.Infeasible with the reason."""
    from django.utils.translation import gettext as _

    if include_pools is None:
        include_pools = user is None or can(user, Perm.VIEW_POOLS, unit)
    day = datetime.date(year, 1, 1)
    scope = reach_of(user)
    found = {
        pid: p
        for pid, p in priorities(unit=unit, day=day, year=year, include_pools=include_pools, pool_reach=scope).items()
        if scope.contains_path(p.unit_path)
    }
    if not found:
        raise optimiser.Infeasible(
            _("Không có ai làm việc tại %(unit)s và các đơn vị trực thuộc vào ngày 01/01/%(year)s.")
            % {"unit": unit.name, "year": year}
        )
    classes = _offers(user=user, unit=unit, year=year)
    active = dict(
        Enrolment.unscoped.filter(training_class__in=classes, status__in=ACTIVE_STATUSES)
        .values("training_class_id")
        .annotate(n=Count("pk"))
        .values_list("training_class_id", "n")
    )
    # the commune (or department) each person counts in, for the "away at the same time" limit
    roots = {pid: _root_of(p.unit_path) for pid, p in found.items()}
    root_ids = dict(Unit.unscoped.filter(path__in=set(roots.values())).values_list("path", "pk"))
    staff: dict[int, int] = defaultdict(int)
    for path in roots.values():
        staff[root_ids[path]] += 1
    # Target groups as the nomination checks them: a class takes the categories it (or its
    # programme) names, and a programme aimed at titles takes those titles. The solver matches
    # gaps to classes by kind, so each class gets a "kind" of its own target group: (programme
    # kind, categories, titles); a person's gap lists the groups that take them.
    titles_of = _programme_titles({c.programme_id for c in classes})
    groups: dict[tuple, int] = {}
    group_of: dict[int, int] = {}
    # A class open to a part of a commune only (its office, say) takes only the people working
    # there: the "away" limit counts by commune, so such a class gets a group of its own, matched
    # against each person's own unit.
    root_paths = set(roots.values())
    for c in classes:
        cats = frozenset(c.target_categories or c.programme.target_categories or [])
        area = (c.open_to or c.organiser).path
        narrow = area if area not in root_paths and any(area.startswith(r) for r in root_paths) else ""
        key = (c.programme.kind_id, cats, titles_of.get(c.programme_id, frozenset()), narrow)
        group_of[c.pk] = groups.setdefault(key, len(groups) + 1)
    offers = []
    for c in classes:
        area = c.open_to or c.organiser
        seats = len(found) if c.capacity is None else max(0, c.capacity - active.get(c.pk, 0))
        units = None
        if not unit.path.startswith(area.path):  # open to a part of the subtree only
            units = frozenset(
                pk for path, pk in root_ids.items() if path.startswith(area.path) or area.path.startswith(path)
            )
        offers.append(
            optimiser.Offer(
                class_id=c.pk,
                code=c.code,
                kind_id=group_of[c.pk],
                seats=seats,
                cost_per_place=cost_per_place(c),
                start=c.start_date,
                end=c.end_date,
                long=is_long(c),
                units=units,
            )
        )
    # periods already away in the year (active enrolments), of candidates and of their colleagues
    busy: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    has_long: set[int] = set()
    for e in (
        Enrolment.unscoped.filter(
            person_id__in=list(found),
            status__in=ACTIVE_STATUSES,
            training_class__start_date__lte=datetime.date(year, 12, 31),
            training_class__end_date__gte=day,
        )
        .select_related("training_class__programme__kind")
        .only(
            "person_id",
            "training_class__start_date",
            "training_class__end_date",
            "training_class__programme__kind__group",
        )
    ):
        c = e.training_class
        busy[e.person_id].append((c.start_date, c.end_date))
        if is_long(c) and c.start_date.year == year:
            has_long.add(e.person_id)
    candidates = []
    for pid, p in found.items():
        gaps = []
        for g in p.gaps:
            kinds = frozenset(
                gid
                for (kind_id, cats, titles, narrow), gid in groups.items()
                if kind_id in g.kinds
                and (not cats or p.category in cats)
                and (not titles or p.title_id in titles)
                and p.unit_path.startswith(narrow)
            )
            if kinds and g.points > 0:
                gaps.append(optimiser.Gap(key=g.key, label=g.label, kinds=kinds, weight=g.points))
        if not gaps:
            continue
        candidates.append(
            optimiser.Candidate(
                person_id=pid,
                unit_id=root_ids[roots[pid]],
                priority=p.score,
                gaps=tuple(gaps),
                reason=p.explanation,
                busy=tuple(sorted(busy.get(pid, ()))),
                has_long=pid in has_long,
            )
        )
    limits = optimiser.Limits(
        budget=budget,
        away_share=AWAY_SHARE,
        unit_staff=dict(staff),
        one_long_per_person=True,
        **({"time_limit": time_limit} if time_limit else {}),
    )
    if not candidates and offers:
        raise optimiser.Infeasible(
            _("Không ai trong %(people)s người được xét có thiếu hụt mà các lớp đang mở trong năm bù được.")
            % {"people": len(found)}
        )
    if progress is not None:
        progress(2)
    proposal = optimiser.propose(candidates, offers, limits)
    named = {p.person_id for p in proposal.places}
    areas = {c.pk: (c.open_to or c.organiser).path for c in classes}
    options = _options(candidates, offers, budget, areas=areas, paths={pid: p.unit_path for pid, p in found.items()})
    # the people the solver left out, per class they could attend (for the officer to add one)
    left_out: dict[int, list[int]] = defaultdict(list)
    for cand in sorted(candidates, key=lambda c: (-c.priority, c.person_id)):
        if cand.person_id in named:
            continue
        for class_id in options.get(cand.person_id, {}):
            if len(left_out[class_id]) < ADD_CHOICES:
                left_out[class_id].append(cand.person_id)
    shown = named | {pid for pids in left_out.values() for pid in pids}
    people = Person.unscoped.select_related("unit").in_bulk(shown)
    return Result(
        unit=unit,
        year=year,
        budget=budget,
        proposal=proposal,
        people=people,
        classes={c.pk: c for c in classes},
        priorities={pid: found[pid] for pid in named},
        candidates=len(candidates),
        offers=len(offers),
        options=options,
        left_out=dict(left_out),
        seats={o.class_id: o.seats for o in offers},
    )


def _options(
    candidates, offers, budget: int | None, *, areas: dict[int, str], paths: dict[int, str]
) -> dict[int, dict[int, list[str]]]:
    """Person id → {class id: labels of the gaps it closes} for every class the person could
    attend besides the proposal (the pair rules of `optimiser`: a gap the class's target group
    closes, open to the person's commune, free seats, no clash with classes already attended, no
    second long course, within the budget) — the class's area checked against the person's own unit,
    as the nomination does, not only their commune. The officer edits the proposal within these."""
    found: dict[int, dict[int, list[str]]] = {}
    for cand in candidates:
        mine: dict[int, list[str]] = {}
        for offer in offers:
            if offer.seats <= 0 or not paths.get(cand.person_id, "").startswith(areas[offer.class_id]):
                continue
            if any(optimiser._overlaps(offer.start, offer.end, s, e) for s, e in cand.busy):
                continue
            if (cand.has_long and offer.long) or (budget is not None and offer.cost_per_place > budget):
                continue
            labels = [g.label for g in cand.gaps if offer.kind_id in g.kinds]
            if labels:
                mine[offer.class_id] = labels
        if mine:
            found[cand.person_id] = mine
    return found


@dataclass
class Accepted:
    nominated: list[Enrolment] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (name, class, reason)


def accept(
    *,
    user,
    places: list[tuple[int, int]],
    year: int,
    note: str = "",
    unit: Unit | None = None,
    edits: list[tuple[int, int]] = (),
) -> Accepted:
    """Ticked places (person id, class id) become nominations through the training services, one
    class at a time (`training.bulk.enrolment_nominate_many`); each refused one is returned with its
    reason. People and classes are looked up within the user's reach: an id outside it is refused.

    `edits` are the officer's changes to the proposal (a person moved to another class, or one the
    solver left out added to a class), for `unit`'s subtree: each is checked again as the proposal
    chose (`edit_problems`: the class takes people of the person's unit, has a seat left after the
    other places accepted with it, and closes one of the person's gaps) before the nomination's
    own checks."""
    from django.utils.translation import gettext as _

    from canbo.training.bulk import enrolment_nominate_many
    from canbo.training.selectors import classes_for

    result = Accepted()
    places = list(dict.fromkeys(places))
    edits = [pair for pair in dict.fromkeys(edits) if pair not in places]
    if edits and unit is not None:
        problems = edit_problems(user=user, unit=unit, year=year, places=places, edits=edits)
        for pair in edits:
            if pair in problems:
                result.refused.append(problems[pair])
            else:
                places.append(pair)
    person_ids = {pid for pid, _c in places}
    class_ids = {cid for _p, cid in places}
    people = (
        Person.objects.for_user(user).in_bulk(person_ids) if user is not None else Person.unscoped.in_bulk(person_ids)
    )
    base = classes_for(user) if user is not None else TrainingClass.unscoped.all()
    classes = base.filter(pk__in=class_ids).in_bulk()
    per_class: dict[int, list[Person]] = defaultdict(list)
    for pid, cid in places:
        if cid not in classes or pid not in people:
            result.refused.append(
                (
                    people[pid].full_name if pid in people else f"#{pid}",
                    classes[cid].code if cid in classes else f"#{cid}",
                    _("Không thuộc phạm vi của bạn, không cử được."),
                )
            )
            continue
        per_class[cid].append(people[pid])
    text = note or _("Cử theo đề xuất tối ưu năm %(year)s") % {"year": year}
    for cid, chosen in per_class.items():
        outcome = enrolment_nominate_many(classes[cid], chosen, note=text)
        result.nominated.extend(outcome.nominated)
        for refusal in outcome.refused:
            result.refused.append((refusal.label, classes[cid].code, refusal.reason))
    return result


def edit_problems(
    *, user, unit: Unit, year: int, places: list[tuple[int, int]], edits: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str, str]]:
    """Why each edited place (person id, class id) may not be accepted, as (name, class, reason);
    the places without a problem are absent. `places` are the unedited ones accepted with them
    (they take their seats first)."""
    from django.utils.translation import gettext as _

    from canbo.training.selectors import classes_for

    include_pools = user is None or can(user, Perm.VIEW_POOLS, unit)
    found = priorities(unit=unit, day=datetime.date(year, 1, 1), year=year, include_pools=include_pools)
    scope = reach_of(user)
    people = Person.unscoped.select_related("unit").in_bulk({pid for pid, _c in edits})
    base = classes_for(user) if user is not None else TrainingClass.unscoped.all()
    classes = base.filter(pk__in={cid for _p, cid in edits}).select_related("programme", "open_to", "organiser")
    classes = classes.in_bulk()
    offered = {c.pk for c in _offers(user=user, unit=unit, year=year)}
    taken = dict(
        Enrolment.unscoped.filter(training_class__in=list(classes), status__in=ACTIVE_STATUSES)
        .values("training_class_id")
        .annotate(n=Count("pk"))
        .values_list("training_class_id", "n")
    )
    for _pid, cid in places:
        taken[cid] = taken.get(cid, 0) + 1
    problems: dict[tuple[int, int], tuple[str, str, str]] = {}
    for pid, cid in edits:
        person, klass = people.get(pid), classes.get(cid)
        priority = found.get(pid)
        name = person.full_name if person else f"#{pid}"
        code = klass.code if klass else f"#{cid}"
        if person is None or klass is None or priority is None or not scope.contains_path(priority.unit_path):
            problems[(pid, cid)] = (name, code, _("Không thuộc phạm vi của bạn, không cử được."))
            continue
        area = klass.open_to or klass.organiser
        if not priority.unit_path.startswith(area.path):
            reason = _("Lớp “%(name)s” chỉ nhận học viên của %(area)s.") % {"name": klass.name, "area": area.name}
        elif klass.pk not in offered:
            reason = _("Lớp “%(name)s” không nhận cử học viên trong năm %(year)s.") % {"name": klass.name, "year": year}
        elif klass.capacity is not None and taken.get(cid, 0) >= klass.capacity:
            reason = _("Lớp “%(name)s” đã hết chỗ (%(taken)s/%(capacity)s học viên).") % {
                "name": klass.name,
                "taken": format_number(taken.get(cid, 0)),
                "capacity": format_number(klass.capacity),
            }
        elif not any(klass.programme.kind_id in g.kinds and g.points > 0 for g in priority.gaps):
            reason = _("Lớp “%(name)s” không bù thiếu hụt nào của %(person)s.") % {
                "name": klass.name,
                "person": person.full_name,
            }
        else:
            taken[cid] = taken.get(cid, 0) + 1
            continue
        problems[(pid, cid)] = (name, code, reason)
    return problems


# ---------------------------------------------------------------- runs (the page)


def result_data(result: Result) -> dict:
    """The proposal as the page shows it, JSON-serialisable (kept on the ProposalRun): places by
    class, each with the other classes its person could move to, and for each class with seats
    left after the proposal the people the solver left out who could be added to it."""
    p = result.proposal
    placed: dict[int, int] = defaultdict(int)
    for place in p.places:
        placed[place.class_id] += 1
    left = {cid: seats - placed[cid] for cid, seats in result.seats.items()}

    def label(cid: int) -> dict:
        c = result.classes[cid]
        return {"class_id": cid, "code": c.code, "name": c.name, "start": c.start_date.strftime("%d/%m/%Y")}

    def addable(cid: int) -> list[dict]:
        if left.get(cid, 0) <= 0:
            return []
        return [
            {
                "person_id": pid,
                "name": result.people[pid].full_name,
                "gaps": result.options[pid][cid],
            }
            for pid in result.left_out.get(cid, [])
            if pid in result.people
        ]

    groups = []
    shown = set()
    for training_class, places in result.by_class():
        shown.add(training_class.pk)
        groups.append(
            {
                **label(training_class.pk),
                "end": training_class.end_date.strftime("%d/%m/%Y"),
                "places": [
                    {
                        "person_id": place.person_id,
                        "name": result.people[place.person_id].full_name,
                        "unit": result.people[place.person_id].unit.name if result.people[place.person_id].unit else "",
                        "gaps": place.gaps,
                        "reason": place.reason,
                        "value": place.value,
                        "moves": [
                            label(cid)
                            for cid in result.options.get(place.person_id, {})
                            if cid != training_class.pk and left.get(cid, 0) > 0
                        ],
                    }
                    for place in places
                ],
                "add": addable(training_class.pk),
            }
        )
    # classes the solver filled nobody into but that someone left out could attend
    for cid in sorted(result.left_out, key=lambda c: (result.classes[c].start_date, result.classes[c].code)):
        if cid not in shown and addable(cid):
            c = result.classes[cid]
            groups.append({**label(cid), "end": c.end_date.strftime("%d/%m/%Y"), "places": [], "add": addable(cid)})
    return {
        "groups": groups,
        "places": len(p.places),
        "objective": p.objective,
        "greedy_objective": p.greedy_objective,
        "cost": result.cost(),
        "limits": p.limits,
        "status": p.status,
        "seconds": round(p.seconds, 1),
        "pooled": sorted(pid for pid, pr in result.priorities.items() if pr.has_pool),
    }


def runs_purge(*, now=None) -> int:
    """Delete proposal runs older than CANBO_IMPORT_RETENTION_DAYS: a run keeps names, gaps and,
    for pool viewers, pool places — a working paper, not a record (accepted places are nominations,
    logged where they belong); a run unfinished after that long had its worker die. Returns how many."""
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from canbo.plans.models import ProposalRun

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CANBO_IMPORT_RETENTION_DAYS)
    deleted, _by_model = ProposalRun.unscoped.filter(created_at__lt=cutoff).delete()
    return deleted


def run_start(*, user, unit: Unit, year: int, budget: int | None):
    """Start a proposal run for the page: inline for a small subtree, else queued for the worker."""
    from canbo.plans.models import ProposalRun

    run = ProposalRun.unscoped.create(user=user, unit=unit, unit_path=unit.path, year=year, budget=budget)
    people = Person.unscoped.filter(unit__path__startswith=unit.path).count()
    if people <= INLINE_PEOPLE:
        run_execute(run_id=run.pk)
    else:
        from canbo.plans.tasks import run_proposal

        queued = run_proposal.enqueue(str(run.pk))
        ProposalRun.unscoped.filter(pk=run.pk).update(task_id=str(queued.id))
    run.refresh_from_db()
    return run


def run_execute(*, run_id) -> None:
    """Compute one run as whoever started it (in the request or the worker) and keep the result."""
    from django.utils import timezone

    from canbo.plans.models import ProposalRun

    run = ProposalRun.unscoped.select_related("user", "unit").get(pk=run_id)

    def stage(n: int) -> None:
        ProposalRun.unscoped.filter(pk=run.pk).update(stage=n)

    stage(1)
    fields: dict = {}
    try:
        result = build(
            user=run.user,
            unit=run.unit,
            year=run.year,
            budget=run.budget,
            time_limit=PAGE_TIME_LIMIT,
            progress=stage,
        )
    except optimiser.Infeasible as refusal:
        fields["refusal"] = refusal.reason
    except Exception as error:  # kept on the run (the page says only that it failed); re-raised for the log
        fields["failure"] = f"{type(error).__name__}: {error}"
        ProposalRun.unscoped.filter(pk=run.pk).update(stage=3, finished_at=timezone.now(), **fields)
        raise
    else:
        fields["result"] = result_data(result)
    ProposalRun.unscoped.filter(pk=run.pk).update(stage=3, finished_at=timezone.now(), **fields)
