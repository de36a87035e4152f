"""REST endpoints of the standards: rules (read, create, change with the same refusals as the
pages), a unit's rates and needs at a date, and one person's standards."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from canbo.accounts.permissions import Perm, can_view_standards_of, perms_of
from canbo.core.dates import today
from canbo.orgs.selectors import unit_get
from canbo.people.models import Level
from canbo.standards import engine, selectors, services
from canbo.standards.models import JobPosition, Requirement, Title
from canbo.training.models import ProgrammeKind

router = Router(tags=["standards"])


def _require(request, perm: Perm) -> None:
    if perm not in perms_of(request.user):
        raise PermissionDenied


class RuleOut(Schema):
    id: int
    code: str | None
    name: str
    kind: str
    title: str | None
    position: str | None
    category: str
    unit_kind: str
    ladder: str | None
    min_level: str | None
    fields: list[str]
    periods: int | None
    grace_months: int
    closing_kinds: list[str]
    source: str
    confirmed: bool
    valid_from: datetime.date
    valid_to: datetime.date | None
    transition_held_on: datetime.date | None = None
    transition_until: datetime.date | None = None
    version: int


class RuleIn(Schema):
    """Catalogue entries, ladders and levels by their codes, as in files and commands."""

    name: str
    kind: str = "level"
    code: str | None = None
    title: str | None = None
    position: str | None = None
    category: str = ""
    unit_kind: str = ""
    ladder: str | None = None
    min_level: str | None = None
    fields: list[str] = []
    periods: int | None = None
    grace_months: int = 0
    closing_kinds: list[str] | None = None
    source: str = ""
    confirmed: bool = False
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    expected_version: int | None = None


class PreviewOut(Schema):
    people: int
    to_unmet: int
    to_met: int


class RateOut(Schema):
    title: str
    sector: str
    ladder: str
    ladder_code: str
    applicable: int
    met: int
    grace: int
    transition: int = 0
    unmet: int
    rate: float


class UnitStandardsOut(Schema):
    unit: str
    date: datetime.date
    totals: list[RateOut]
    rates: list[RateOut]
    weak_sectors: list[dict]
    needs: dict[str, int]


class PersonStandardOut(Schema):
    rule: str
    rule_code: str | None
    status: str
    met: bool
    have: str
    need: str
    short: int
    closing: list[str]


def _rule_out(rule: Requirement) -> dict:
    return {
        "id": rule.pk,
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "title": rule.title.code if rule.title_id else None,
        "position": rule.position.code if rule.position_id else None,
        "category": rule.category,
        "unit_kind": rule.unit_kind,
        "ladder": rule.ladder.code if rule.ladder_id else None,
        "min_level": rule.min_level.code if rule.min_level_id else None,
        "fields": rule.fields,
        "periods": rule.periods,
        "grace_months": rule.grace_months,
        "closing_kinds": [k.code for k in rule.closing_kinds.all()],
        "source": rule.source,
        "confirmed": rule.confirmed,
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
        "transition_held_on": rule.transition_held_on,
        "transition_until": rule.transition_until,
        "version": rule.version,
    }


def _fields(payload: RuleIn) -> tuple[dict, list | None, int | None]:
    """Codes to objects; an unknown code is a refusal naming it, like any other bad value."""
    from canbo.core.errors import DomainError
    from canbo.people.models import Ladder

    data = payload.dict()
    version = data.pop("expected_version")
    closing_codes = data.pop("closing_kinds")
    errors: dict[str, list[str]] = {}

    def lookup(name, model, **filters):
        code = data.get(name)
        if not code:
            data[name] = None
            return
        found = model.objects.filter(**filters, code=code).first()
        if found is None:
            errors[name] = [_("Không có mã “%(code)s”.") % {"code": code}]
        data[name] = found

    lookup("title", Title)
    lookup("position", JobPosition)
    lookup("ladder", Ladder)
    if data.get("min_level"):
        if data.get("ladder") is None:
            errors.setdefault("min_level", [_("Cần chọn thang trình độ trước trình độ tối thiểu.")])
            data["min_level"] = None
        else:
            lookup("min_level", Level, ladder=data["ladder"])
    closing = None
    if closing_codes is not None:
        closing = list(ProgrammeKind.objects.filter(code__in=closing_codes))
        missing = sorted(set(closing_codes) - {k.code for k in closing})
        if missing:
            errors["closing_kinds"] = [_("Không có loại chương trình “%(codes)s”.") % {"codes": ", ".join(missing)}]
    if errors:
        raise DomainError(errors)
    return data, closing, version


def _related(qs):
    return qs.select_related("title", "position", "ladder", "min_level").prefetch_related("closing_kinds")


@router.get("/standards/rules", response=list[RuleOut])
def list_rules(request, day: datetime.date | None = None):
    _require(request, Perm.VIEW_STANDARDS)
    return [_rule_out(r) for r in _related(selectors.rules_list(day=day))]


@router.post("/standards/rules", response={201: RuleOut})
def create_rule(request, payload: RuleIn):
    _require(request, Perm.MANAGE_STANDARDS)
    data, closing, _version = _fields(payload)
    rule = services.rule_create(closing_kinds=closing, **data)
    return Status(201, _rule_out(_related(Requirement.objects).get(pk=rule.pk)))


@router.put("/standards/rules/{rule_id}", response=RuleOut)
def update_rule(request, rule_id: int, payload: RuleIn):
    _require(request, Perm.MANAGE_STANDARDS)
    rule = Requirement.objects.filter(pk=rule_id).first()
    if rule is None:
        raise Http404(rule_id)
    data, closing, version = _fields(payload)
    if version is None:  # an edit without the version read would overwrite others' changes unseen
        from canbo.core.errors import DomainError
        from canbo.core.forms import version_missing_message

        raise DomainError({"expected_version": [version_missing_message()]})
    rule = services.rule_update(rule=rule, expected_version=version, closing_kinds=closing, **data)
    return _rule_out(_related(Requirement.objects).get(pk=rule.pk))


@router.post("/standards/rule-preview", response=PreviewOut)
def preview_rule(request, payload: RuleIn, rule_id: int | None = None):
    """How many people the rule (new, or replacing `rule_id`) would move, without saving."""
    import copy

    from canbo.core.errors import DomainError

    _require(request, Perm.MANAGE_STANDARDS)
    original = Requirement.objects.filter(pk=rule_id).first() if rule_id else None
    if rule_id and original is None:
        raise Http404(rule_id)
    data, _closing, _version = _fields(payload)
    candidate = copy.copy(original) if original else Requirement()
    for name, value in data.items():
        setattr(candidate, name, value)
    errors = services.validate_rule(candidate)
    if errors:
        raise DomainError(errors)
    return engine.preview_change(candidate=candidate, original=original)


@router.get("/standards/units/{code}", response=UnitStandardsOut)
def unit_standards(request, code: str, day: datetime.date | None = None):
    """A unit subtree's rates by title and ladder, weak sectors and needs at `day` (today)."""
    _require(request, Perm.VIEW_STANDARDS)
    from canbo.standards.report import standards_report

    unit = unit_get(user=request.user, code=code)
    day = day or today()
    data = standards_report(user=request.user, unit=unit, day=day)
    return {
        "unit": unit.code,
        "date": day,
        "totals": data["totals"],
        "rates": data["rates"],
        "weak_sectors": data["weak_sectors"],
        "needs": {n["kind"]: n["people"] for n in data["needs"]},
    }


@router.get("/standards/people/{person_id}", response=list[PersonStandardOut])
def person_standards(request, person_id: int, day: datetime.date | None = None):
    """A person's requirements and gaps (a cadre: their own)."""
    from canbo.people.selectors import person_get

    if not perms_of(request.user) & {Perm.VIEW_STANDARDS, Perm.VIEW_OWN_STANDARDS}:
        raise PermissionDenied
    person = person_get(user=request.user, pk=person_id)
    if not can_view_standards_of(request.user, person):
        raise PermissionDenied
    lines = selectors.person_standards(person=person, day=day or today())
    return [
        {
            "rule": s.rule.name,
            "rule_code": s.rule.code,
            "status": str(s.status_label),
            "met": s.met,
            "have": s.have,
            "need": s.need,
            "short": s.short,
            "closing": s.closing,
        }
        for s in lines
    ]
