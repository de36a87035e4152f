"""Writes to the requirement rules; the rule pages, the API and the commands call these.

Every save re-checks the people the rule applied to before and applies to now (in the same
transaction, or in the worker after the commit when they are many), so the stored gaps never
describe a rule that no longer exists.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, can
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.text import nfc
from canbo.standards import engine
from canbo.standards.choices import RuleKind
from canbo.standards.models import Gap, Requirement, RequirementException

RULE_FIELDS = (
    "code",
    "name",
    "kind",
    "title",
    "position",
    "category",
    "unit_kind",
    "ladder",
    "min_level",
    "fields",
    "periods",
    "grace_months",
    "source",
    "confirmed",
    "note",
    "valid_from",
    "valid_to",
    "transition_held_on",
    "transition_until",
)


def _check_manage() -> None:
    ctx = context.require()
    if ctx.user is not None and not can(ctx.user, Perm.MANAGE_STANDARDS):
        raise DomainError(_("Bạn không có quyền sửa tiêu chuẩn chức danh, vị trí việc làm."))


def _fmt(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else _("nay")


def _minimum(rule: Requirement) -> str:
    if rule.kind == RuleKind.DUTY:
        return _("%(n)s tiết/năm") % {"n": rule.periods or 0}
    return rule.min_level.label if rule.min_level_id else "—"


def validate_rule(rule: Requirement) -> dict[str, list[str]]:
    """What every rule obeys, whether typed on the page, sent to the API or seeded."""
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    if not (rule.name or "").strip():
        add("name", _("Thiếu tên tiêu chuẩn."))
    if not (rule.title_id or rule.position_id or rule.category or rule.unit_kind):
        add(
            "title",
            _("Cần chọn tiêu chuẩn áp dụng cho ai: chức danh, vị trí việc làm, loại cán bộ hoặc loại đơn vị."),
        )
    if rule.kind == RuleKind.DUTY:
        if not rule.periods:
            add("periods", _("Nghĩa vụ bồi dưỡng hằng năm cần số tiết tối thiểu (lớn hơn 0)."))
        rule.ladder, rule.min_level, rule.fields = None, None, []
    else:
        if not rule.ladder_id:
            add("ladder", _("Cần chọn thang trình độ."))
        if not rule.min_level_id:
            add("min_level", _("Cần chọn trình độ tối thiểu."))
        elif rule.ladder_id and rule.min_level.ladder_id != rule.ladder_id:
            add(
                "min_level",
                _("Trình độ “%(level)s” không thuộc thang “%(ladder)s”.")
                % {"level": rule.min_level.label, "ladder": rule.ladder.name},
            )
        rule.periods = None
    if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
        add(
            "valid_to",
            _("Ngày hết hiệu lực %(to)s trước ngày bắt đầu hiệu lực %(from)s.")
            % {"to": _fmt(rule.valid_to), "from": _fmt(rule.valid_from)},
        )
    if not errors:
        clash = overlapping(rule).first()
        if clash is not None:
            same = _minimum(clash) == _minimum(rule)
            message = (
                _(
                    "Trùng với tiêu chuẩn “%(other)s” (cùng đối tượng và thang trình độ, hiệu lực %(from)s – "
                    "%(to)s). Hãy sửa tiêu chuẩn đó hoặc cho nó hết hiệu lực trước ngày bắt đầu của tiêu chuẩn này."
                )
                if same
                else _(
                    "Mâu thuẫn với tiêu chuẩn “%(other)s”: cùng đối tượng và thang trình độ, thời gian hiệu lực "
                    "chồng nhau (%(from)s – %(to)s) nhưng yêu cầu tối thiểu khác (%(theirs)s, ở đây %(ours)s). "
                    "Hãy cho tiêu chuẩn cũ hết hiệu lực trước ngày bắt đầu của tiêu chuẩn mới."
                )
            )
            add(
                "valid_from",
                message
                % {
                    "other": clash.name,
                    "from": _fmt(clash.valid_from),
                    "to": _fmt(clash.valid_to),
                    "theirs": _minimum(clash),
                    "ours": _minimum(rule),
                },
            )
    return errors


def overlapping(rule: Requirement):
    """Rules for the same people and ladder whose validity overlaps this one's."""
    qs = Requirement.objects.filter(
        kind=rule.kind,
        title_id=rule.title_id,
        position_id=rule.position_id,
        category=rule.category or "",
        unit_kind=rule.unit_kind or "",
        ladder_id=rule.ladder_id,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=rule.valid_from))
    if rule.valid_to:
        qs = qs.filter(valid_from__lte=rule.valid_to)
    if rule.pk:
        qs = qs.exclude(pk=rule.pk)
    return qs.order_by("valid_from")


def _clean(rule: Requirement) -> None:
    rule.name = nfc(rule.name)
    rule.source = nfc(rule.source)
    rule.code = (rule.code or "").strip().upper() or None
    rule.fields = sorted({nfc(f) for f in (rule.fields or []) if nfc(f)})
    rule.category = rule.category or ""
    rule.unit_kind = rule.unit_kind or ""
    errors = validate_rule(rule)
    if errors:
        raise DomainError(errors)


def _default_closing(rule: Requirement) -> None:
    from canbo.training.models import ProgrammeKind

    if rule.ladder_id and not rule.closing_kinds.exists():
        rule.closing_kinds.set(ProgrammeKind.objects.filter(ladder_id=rule.ladder_id))


@transaction.atomic
def rule_create(*, closing_kinds=None, **fields) -> Requirement:
    """Create a rule (refused when it overlaps another one for the same people and ladder)."""
    _check_manage()
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_create got unknown fields {sorted(unknown)}")
    rule = Requirement(**fields)
    _clean(rule)
    rule.save()
    if closing_kinds is not None:
        rule.closing_kinds.set(closing_kinds)
    _default_closing(rule)
    audit.log_create(rule)
    engine.on_rules_changed([rule])
    return rule


@transaction.atomic
def rule_update(
    *, rule: Requirement, expected_version: int | None = None, closing_kinds=None, **changes
) -> Requirement:
    """Change a rule; a stale form (someone saved in between) is refused, saying who changed what."""
    _check_manage()
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_update got unknown fields {sorted(unknown)}")
    rule = Requirement.objects.select_for_update().get(pk=rule.pk)
    audit.check_version(rule, expected_version)
    before = audit.snapshot(rule)
    previous = list(Gap.objects.filter(rule_id=rule.pk).values_list("person_id", flat=True))
    for name, value in changes.items():
        setattr(rule, name, value)
    _clean(rule)
    rule.version += 1
    rule.save()
    if closing_kinds is not None:
        rule.closing_kinds.set(closing_kinds)
    audit.log_update(rule, before)
    engine.on_rules_changed([rule], previous=previous)
    return rule


def rule_end(*, rule: Requirement, valid_to: datetime.date, expected_version: int | None = None) -> Requirement:
    """End a rule's validity (a replaced decree): the rule stays for the reports of earlier years."""
    return rule_update(rule=rule, expected_version=expected_version, valid_to=valid_to)


@transaction.atomic
def exception_add(
    *,
    rule: Requirement,
    unit,
    min_level,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    include_subtree: bool = True,
    source: str = "",
) -> RequirementException:
    """Lower a rule's floor for one unit (mountainous, ethnic-minority or hard areas)."""
    _check_manage()
    errors: dict[str, list[str]] = {}
    if rule.kind != RuleKind.LEVEL:
        errors.setdefault("rule", []).append(_("Chỉ tiêu chuẩn về trình độ mới có ngoại lệ theo đơn vị."))
    elif min_level.ladder_id != rule.ladder_id:
        errors.setdefault("min_level", []).append(
            _("Trình độ “%(level)s” không thuộc thang của tiêu chuẩn.") % {"level": min_level.label}
        )
    elif rule.min_level_id and min_level.rank >= rule.min_level.rank:
        errors.setdefault("min_level", []).append(
            _("Ngoại lệ phải hạ yêu cầu xuống dưới “%(level)s”.") % {"level": rule.min_level.label}
        )
    if valid_to and valid_to < valid_from:
        errors.setdefault("valid_to", []).append(_("Ngày hết hiệu lực trước ngày bắt đầu hiệu lực."))
    if errors:
        raise DomainError(errors)
    item = RequirementException.objects.create(
        rule=rule,
        unit=unit,
        min_level=min_level,
        valid_from=valid_from,
        valid_to=valid_to,
        include_subtree=include_subtree,
        source=nfc(source),
    )
    audit.log_create(item)
    engine.on_rules_changed([rule])
    return item


@transaction.atomic
def exception_remove(*, exception: RequirementException) -> None:
    _check_manage()
    rule = exception.rule
    audit.log_delete(exception, audit.snapshot(exception))
    exception.delete()
    engine.on_rules_changed([rule])


def link_catalogue(*, assignments=None) -> int:
    """Point free-text titles and job positions at the catalogue, one UPDATE per catalogue entry.

    A title matches when the assignment's text is the entry's name or one of its spellings, and a
    commune-level title only in a commune, ward or town; assignments already linked are kept.
    """
    from canbo.orgs.choices import COMMUNE_LEVEL
    from canbo.people import bulk as people_bulk
    from canbo.people.models import Assignment
    from canbo.standards.models import JobPosition, Title

    base = assignments if assignments is not None else Assignment.unscoped.all()
    linked = 0
    for title in Title.objects.all():
        spellings = sorted({title.name, *[nfc(s) for s in title.synonyms]})
        qs = base.filter(catalog_title__isnull=True, title__in=spellings)
        if title.unit_level == "commune":
            qs = qs.filter(unit__kind__in=COMMUNE_LEVEL)
        elif title.unit_level == "province":
            qs = qs.exclude(unit__kind__in=COMMUNE_LEVEL)
        linked += people_bulk.assignments_link_catalog(qs.values("pk"), title_id=title.pk)
    for position in JobPosition.objects.all():
        spellings = sorted({position.name, *[nfc(s) for s in position.synonyms]})
        qs = base.filter(catalog_position__isnull=True, job_position__in=spellings)
        linked += people_bulk.assignments_link_catalog(qs.values("pk"), position_id=position.pk)
    return linked


def link_people(person_ids: list[int]) -> int:
    """Link these people's unlinked assignments to the catalogue (the hook's small-batch path:
    one read, matching by folded spelling in memory, one UPDATE per matched entry)."""
    from canbo.core.text import fold
    from canbo.orgs.choices import COMMUNE_LEVEL
    from canbo.people import bulk as people_bulk
    from canbo.people.models import Assignment
    from canbo.standards.models import JobPosition, Title

    rows = list(
        Assignment.unscoped.filter(person_id__in=person_ids)
        .filter(Q(catalog_title__isnull=True, title__gt="") | Q(catalog_position__isnull=True, job_position__gt=""))
        .values_list("pk", "title", "job_position", "unit__kind", "catalog_title_id", "catalog_position_id")
    )
    if not rows:
        return 0
    titles: dict[str, list] = {}
    for t in Title.objects.all():
        for spelling in {t.name, *t.synonyms}:
            titles.setdefault(fold(spelling), []).append(t)
    positions = {fold(s): p for p in JobPosition.objects.all() for s in {p.name, *p.synonyms}}
    by_title: dict[int, list[int]] = {}
    by_position: dict[int, list[int]] = {}
    for pk, title, position, unit_kind, title_id, position_id in rows:
        if title and not title_id:
            commune = unit_kind in COMMUNE_LEVEL
            for t in titles.get(fold(title), []):
                if t.unit_level == "any" or (t.unit_level == "commune") == commune:
                    by_title.setdefault(t.pk, []).append(pk)
                    break
        if position and not position_id and fold(position) in positions:
            by_position.setdefault(positions[fold(position)].pk, []).append(pk)
    for title_id, pks in by_title.items():
        people_bulk.assignments_link_catalog(pks, title_id=title_id)
    for position_id, pks in by_position.items():
        people_bulk.assignments_link_catalog(pks, position_id=position_id)
    return sum(map(len, by_title.values())) + sum(map(len, by_position.values()))
