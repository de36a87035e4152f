"""Writes of annual evaluations: the form, the API and the commands call these; the Excel import
and the demo write through careers.bulk, which applies the same rules module (careers.rules)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, authorize
from canbo.careers import rules
from canbo.careers.choices import EvaluationLevel
from canbo.careers.models import Evaluation
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.people.models import Assignment, Person

# What a form (or an import row) may set; unit, category and title default from the person's post.
EVALUATION_FIELDS = (
    "unit",
    "category",
    "title",
    "self_score",
    "self_level",
    "self_assessed_on",
    "superior_comment",
    "superior_on",
    "collective_opinion",
    "collective_on",
    "score",
    "level",
    "decided_by",
    "decided_on",
    "decision_number",
    "sanction",
    "note",
)


def post_in_year(person: Person, year: int) -> tuple[str, str]:
    """(category, title) of the person's main post on 31/12 of `year`, else the latest one."""
    day = datetime.date(year, 12, 31)
    rows = list(
        Assignment.unscoped.filter(person_id=person.pk, is_main=True)
        .order_by("start_date")
        .values_list("category", "title", "start_date", "end_date")
    )
    held = [r for r in rows if (r[2] is None or r[2] <= day) and (r[3] is None or r[3] >= day)]
    chosen = held[-1] if held else (rows[-1] if rows else ("", "", None, None))
    return chosen[0] or "", chosen[1] or ""


def _check_manage(obj) -> None:
    authorize(
        context.require().user,
        Perm.MANAGE_EVALUATIONS,
        obj,
        denied=_("Bạn không có quyền ghi kết quả đánh giá, xếp loại của “%(unit)s”.")
        % {"unit": getattr(obj, "unit", obj)},
    )


@transaction.atomic
def evaluation_record(
    *,
    person: Person,
    year: int,
    expected_version: int | None = None,
    book: rules.SchemeBook | None = None,
    today: datetime.date | None = None,
    **fields,
) -> Evaluation:
    """Create or update the one evaluation of `person` for `year` (one final result per person and
    year), refused with the rule broken and its source: a level contradicting the score's band, a
    sanction that forces "không hoàn thành", steps out of order, the cap on "xuất sắc" in the unit."""
    unknown = set(fields) - set(EVALUATION_FIELDS)
    if unknown:
        raise TypeError(f"evaluation_record got unknown fields {sorted(unknown)}")
    person = Person.unscoped.select_related("unit").get(pk=person.pk)
    _check_manage(person)
    book = book or rules.SchemeBook()
    existing = Evaluation.unscoped.select_for_update().filter(person_id=person.pk, year=year).first()
    if existing is not None:
        _check_manage(existing)
        audit.check_version(existing, expected_version)
        evaluation = existing
        before = audit.snapshot(existing)
    else:
        category, title = post_in_year(person, year)
        evaluation = Evaluation(person=person, year=year, unit=person.unit, category=category, title=title)
        before = None
    for name, value in fields.items():
        if value is None and name in ("unit",):
            continue
        setattr(evaluation, name, "" if value is None and name not in _NULLABLE else value)
    unit = evaluation.unit
    if unit is None:
        raise DomainError({"unit": [_("Thiếu đơn vị.")]})
    _check_manage(unit)
    values = {name: getattr(evaluation, name) for name in ("category", "score", "self_score", "level", "sanction")}
    values.update({name: getattr(evaluation, name) for name in rules.STEP_FIELDS})
    values["year"] = year
    errors = rules.check(values, book=book, today=today or timezone.localdate())
    if errors:
        raise DomainError(errors)
    evaluation.level = values["level"]
    evaluation.scheme = values["scheme"]
    evaluation.unit_path = unit.path
    problems = rules.cap_problems(
        [(unit.pk, year, evaluation.scheme_id, evaluation.level)],
        {(person.pk, year): (unit.pk, evaluation.level, evaluation.scheme_id)},
        book=book,
        units={unit.pk: unit},
    )
    if problems:
        raise DomainError({"level": list(problems.values())})
    if before is not None:
        evaluation.version += 1
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise DomainError(
            {"year": [_("Đã có kết quả đánh giá năm %(year)s của người này; hãy sửa kết quả đó.") % {"year": year}]}
        ) from None
    if before is None:
        audit.log_create(evaluation)
    else:
        audit.log_update(evaluation, before)
    return evaluation


_NULLABLE = {"self_score", "score", "self_assessed_on", "superior_on", "collective_on", "decided_on", "unit"}


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation, expected_version: int | None = None) -> None:
    evaluation = Evaluation.unscoped.select_for_update().get(pk=evaluation.pk)
    _check_manage(evaluation)
    audit.check_version(evaluation, expected_version)
    if evaluation.level == EvaluationLevel.GOOD:
        # one "tốt" fewer lowers the cap on "xuất sắc" of its unit and year: refused when the
        # unit's "xuất sắc" would then exceed it (the row leaves its group: no group takes it)
        problems = rules.cap_problems(
            [(evaluation.unit_id, evaluation.year, evaluation.scheme_id, evaluation.level)],
            {(evaluation.person_id, evaluation.year): (None, evaluation.level, evaluation.scheme_id)},
            book=rules.SchemeBook(),
            units={evaluation.unit_id: evaluation.unit},
        )
        if problems:
            raise DomainError({"level": list(problems.values())})
    before = audit.snapshot(evaluation)
    audit.log_delete(evaluation, before)
    evaluation.delete()
