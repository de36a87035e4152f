"""Bulk nomination: many people to one class in one request (issue 15, item 4).

`enrolment_nominate_many` calls `services.enrolment_nominate` for each person, so every rule of a
single nomination (reach, the role's right to nominate, the class's status, the target group, a
full-time class at the same dates, already on the list) applies unchanged.

One transaction per person, not all or nothing: `enrolment_nominate` is atomic by itself and this
module opens no transaction around it, so each accepted person is committed on their own and a
refused one changes nothing. That is what an office sending a list wants: the eligible people are
nominated at once and the refusals come back with their reasons (in Vietnamese), to be fixed and
sent again — sending the same list twice refuses those already on it ("đã có tên trong lớp này")
and adds nobody twice. An all-or-nothing step would make one person outside the target group hold
back forty others.

`resolve_lines` turns a pasted column of ID numbers (CCCD, or the old 9-digit CMND) or full names
into people within the actor's reach, refusing each line it cannot resolve to exactly one person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _

from canbo.core.errors import DomainError
from canbo.core.text import fold, nfc
from canbo.people.models import Person
from canbo.training import services
from canbo.training.models import Enrolment, TrainingClass

MAX_LINES = 2000


@dataclass
class Refusal:
    """A line or a person that was not nominated, and why (already translated)."""

    label: str
    reason: str
    person: Person | None = None
    line: str = ""  # the pasted line as typed, for a line that resolved to nobody or to several


@dataclass
class BulkResult:
    nominated: list[Enrolment] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def enrolment_nominate_many(training_class: TrainingClass, people: Iterable[Person], note: str = "") -> BulkResult:
    """Nominate each person to the class through `services.enrolment_nominate` (one transaction per
    person); the refused are returned with the reason, the others are nominated."""
    result = BulkResult()
    for person in dict.fromkeys(people):
        try:
            enrolment = services.enrolment_nominate(training_class=training_class, person=person, note=note)
        except DomainError as error:
            result.refused.append(Refusal(person.full_name, " ".join(error.messages), person))
        except Http404:  # out of the actor's reach (OutOfReach): said without naming whose person it is
            result.refused.append(Refusal(person.full_name, _("Không thuộc phạm vi của bạn, không cử được."), person))
        else:
            result.nominated.append(enrolment)
    return result


def _digits(text: str) -> str:
    return text.replace(" ", "").replace(".", "")


def resolve_lines(*, user, text: str) -> tuple[list[Person], list[Refusal]]:
    """One person per non-empty line among the people within the user's reach: a line of digits is
    an ID number (the 12-digit personal ID or the 9-digit CMND), any other line a full name. An
    unknown line is refused naming the line; a name several people share is refused naming the
    line and the units of the candidates (an ID number then tells them apart)."""
    people = Person.objects.for_user(user).select_related("unit")
    found: list[Person] = []
    refused: list[Refusal] = []
    lines = [(n, nfc(line).strip()) for n, line in enumerate(text.splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line]
    if len(lines) > MAX_LINES:
        return [], [Refusal("", _("Mỗi lần dán tối đa %(n)s dòng.") % {"n": MAX_LINES})]
    # three queries for the whole paste (ID numbers, old CMND numbers, names), not one per line
    keys = {n: _digits(line) if _digits(line).isdigit() else fold(line) for n, line in lines}
    digit_lines = {n for n, line in lines if _digits(line).isdigit()}
    wanted = {12: set(), 9: set(), "name": set()}
    for n, key in keys.items():
        if n not in digit_lines:
            wanted["name"].add(key)
        elif len(key) in (12, 9):
            wanted[len(key)].add(key)
    candidates: dict[tuple, list[Person]] = defaultdict(list)
    ordered = people.order_by("sort_key", "pk")
    for person in ordered.filter(id_number__in=wanted[12]) if wanted[12] else ():
        candidates[("id", person.id_number)].append(person)
    for person in ordered.filter(old_id_number__in=wanted[9]) if wanted[9] else ():
        candidates[("old", person.old_id_number)].append(person)
    for person in ordered.filter(name_key__in=wanted["name"]) if wanted["name"] else ():
        candidates[("name", person.name_key)].append(person)
    for n, line in lines:
        label = _("Dòng %(n)s “%(v)s”") % {"n": n, "v": line}
        key = keys[n]
        if n in digit_lines:
            matches = candidates.get(("id" if len(key) == 12 else "old", key), [])
        else:
            matches = candidates.get(("name", key), [])
        if not matches:
            refused.append(Refusal(label, _("không tìm thấy người nào trong phạm vi của bạn."), line=line))
        elif len(matches) > 1:
            where = "; ".join(f"{p.full_name} ({p.unit.name if p.unit else _('chưa có đơn vị')})" for p in matches[:10])
            refused.append(
                Refusal(
                    label,
                    _("có %(k)s người trùng: %(who)s. Hãy nhập số định danh cá nhân của người cần cử.")
                    % {"k": len(matches), "who": where},
                    line=line,
                )
            )
        else:
            found.append(matches[0])
    return list(dict.fromkeys(found)), refused
