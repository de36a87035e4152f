"""The checks of an annual evaluation, read from the scheme (data) that governs the year: one module
used by the form's service, the Excel import and the demo's bulk writer.

Every refusal names the rule broken and its source (the decree), in Vietnamese.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from canbo.careers.choices import CapBasis, EvaluationLevel, Sanction

LEVEL_ORDER = [EvaluationLevel.EXCELLENT, EvaluationLevel.GOOD, EvaluationLevel.DONE, EvaluationLevel.FAILED]
SANCTION_ORDER = [s.value for s in Sanction]  # lightest first
STEP_FIELDS = ("self_assessed_on", "superior_on", "collective_on", "decided_on")
FIRST_YEAR = 2000


def _num(value) -> str:
    from canbo.core.text import format_number

    number = Decimal(str(value))
    tenths = number * 10
    decimals = 0 if number == number.to_integral_value() else 1 if tenths == tenths.to_integral_value() else 2
    return format_number(number, decimals)


@dataclass(frozen=True)
class Band:
    level: str
    min_score: Decimal
    upper: Decimal | None  # the next band's minimum (exclusive); None for the top band


class SchemeBook:
    """Every scheme with its bands, loaded once (a form, an import, the demo): which scheme governs a
    category's year, and the band a score falls in."""

    def __init__(self):
        from canbo.careers.models import EvaluationScheme

        self.schemes = list(EvaluationScheme.objects.prefetch_related("bands").order_by("-valid_from", "pk"))
        self._bands: dict[int, list[Band]] = {}
        for scheme in self.schemes:
            rows = sorted(scheme.bands.all(), key=lambda b: b.min_score, reverse=True)
            bands, upper = [], None
            for row in rows:
                bands.append(Band(row.level, row.min_score, upper))
                upper = row.min_score
            self._bands[scheme.pk] = bands

    def scheme_for(self, category: str, year: int):
        """The scheme valid on 31/12 of `year` for `category`, a category's own before the catch-all."""
        day = datetime.date(year, 12, 31)
        valid = [s for s in self.schemes if s.is_valid_on(day)]
        own = [s for s in valid if category and s.category == category]
        general = [s for s in valid if not s.category]
        chosen = own or general
        return chosen[0] if chosen else None

    def bands(self, scheme) -> list[Band]:
        return self._bands.get(scheme.pk, []) if scheme is not None else []

    def band_of(self, scheme, score: Decimal) -> Band | None:
        for band in self.bands(scheme):
            if score >= band.min_score:
                return band
        return None


def level_label(level: str) -> str:
    return str(EvaluationLevel(level).label) if level in EvaluationLevel.values else level


def band_text(band: Band) -> str:
    if band.upper is None:
        return _("từ %(low)s điểm trở lên") % {"low": _num(band.min_score)}
    if band.min_score <= 0:
        return _("dưới %(high)s điểm") % {"high": _num(band.upper)}
    return _("từ %(low)s đến dưới %(high)s điểm") % {"low": _num(band.min_score), "high": _num(band.upper)}


def sanction_forces_failure(scheme, sanction: str) -> bool:
    if scheme is None or not scheme.failing_sanction or not sanction:
        return False
    return SANCTION_ORDER.index(sanction) >= SANCTION_ORDER.index(scheme.failing_sanction)


def check(values: dict, *, book: SchemeBook, today: datetime.date | None = None) -> dict[str, list[str]]:
    """Field → messages for one evaluation's values (year, category, score, self_score, level,
    sanction and the step dates); sets `values["scheme"]` and, when a scored scheme gives the level
    and none was written, `values["level"]`."""
    errors: dict[str, list[str]] = {}

    def err(field, message):
        errors.setdefault(field, []).append(message)

    year = values.get("year")
    today = today or datetime.date.today()
    if not year or year < FIRST_YEAR or year > today.year:
        err("year", _("Năm đánh giá phải từ %(first)s đến năm nay.") % {"first": FIRST_YEAR})
        return errors
    scheme = book.scheme_for(values.get("category") or "", year)
    values["scheme"] = scheme
    for field in ("score", "self_score"):
        score = values.get(field)
        if score is not None and not (0 <= score <= 100):
            err(field, _("Điểm phải từ 0 đến 100."))
        elif score is not None and 0 < score <= 10:
            # 8,55 is a mark out of 10 (a 100-point sheet gives 30 points for the general criteria
            # alone): read on the 100-point scale it would classify as failing, silently
            err(
                field,
                _(
                    "Điểm %(score)s quá thấp cho thang 100 điểm: có vẻ được chấm theo thang 10. Hãy ghi điểm "
                    "theo thang 100 (ví dụ %(score)s → %(times_ten)s)."
                )
                % {"score": _num(score), "times_ten": _num(score * 10)},
            )
    score = values.get("score")
    level = values.get("level") or ""
    if not level and sanction_forces_failure(scheme, values.get("sanction") or ""):
        level = values["level"] = EvaluationLevel.FAILED  # the decree's consequence, whatever the score
    if score is not None and "score" not in errors:
        band = book.band_of(scheme, score)
        if scheme is not None and not scheme.uses_score:
            band = None
        if band is not None:
            if not level:
                level = values["level"] = band.level
            elif level != band.level and not (
                level == EvaluationLevel.FAILED and sanction_forces_failure(scheme, values.get("sanction") or "")
            ):
                err(
                    "level",
                    _(
                        "%(score)s điểm thuộc khung “%(band_level)s” (%(band)s) theo %(source)s; "
                        "không xếp loại “%(level)s” được."
                    )
                    % {
                        "score": _num(score),
                        "band_level": level_label(band.level),
                        "band": band_text(band),
                        "source": scheme.source,
                        "level": level_label(level),
                    },
                )
    if not level:
        err("level", _("Thiếu xếp loại."))
    elif level not in EvaluationLevel.values:
        err("level", _("Xếp loại không hợp lệ."))
    sanction = values.get("sanction") or ""
    if level and sanction and sanction_forces_failure(scheme, sanction) and level != EvaluationLevel.FAILED:
        err(
            "level",
            _(
                "Bị kỷ luật “%(sanction)s” trong năm đánh giá thì xếp loại “Không hoàn thành nhiệm vụ” "
                "(kỷ luật từ mức %(lightest)s trở lên, theo %(source)s)."
            )
            % {
                "sanction": Sanction(sanction).label,
                "lightest": str(Sanction(scheme.failing_sanction).label).lower(),
                "source": scheme.source,
            },
        )
    # The steps in order, within the evaluated year and the next.
    last_day = None
    for field in STEP_FIELDS:
        day = values.get(field)
        if day is None:
            continue
        if not (datetime.date(year, 1, 1) <= day <= datetime.date(year + 1, 12, 31)):
            err(field, _("Ngày phải trong năm %(year)s hoặc năm %(next)s.") % {"year": year, "next": year + 1})
        elif day > today:
            err(field, _("Ngày không được sau hôm nay."))
        elif last_day is not None and day < last_day:
            err(
                field,
                _(
                    "Ngày này trước bước trước đó (%(day)s): các bước phải theo thứ tự tự đánh giá → nhận xét → "
                    "họp tập thể → quyết định."
                )
                % {"day": last_day.strftime("%d/%m/%Y")},
            )
        last_day = day
    return errors


# ----------------------------------------------------------------------------- the cap on "xuất sắc"


def cap_message(*, unit_name: str, year: int, excellent: int, good: int, total: int, scheme) -> str:
    basis = good if scheme.excellent_cap_basis == CapBasis.GOOD else total
    return _(
        "Đơn vị %(unit)s năm %(year)s: %(n)s người xuất sắc vượt %(cap)s%% của %(m)s người %(basis)s (%(source)s)."
    ) % {
        "unit": unit_name,
        "year": year,
        "n": excellent,
        "cap": _num(scheme.excellent_cap_percent),
        "m": basis,
        "basis": _("hoàn thành tốt") if scheme.excellent_cap_basis == CapBasis.GOOD else _("được đánh giá"),
        "source": scheme.source,
    }


def over_cap(*, excellent: int, good: int, total: int, scheme) -> bool:
    if scheme is None or scheme.excellent_cap_percent is None or excellent == 0:
        return False
    basis = good if scheme.excellent_cap_basis == CapBasis.GOOD else total
    return Decimal(excellent) * 100 > Decimal(basis) * scheme.excellent_cap_percent


def cap_problems(groups: Iterable[tuple[int, int, str, str]], proposed: dict, *, book: SchemeBook, units: dict):
    """The cap checked per (unit, year, scheme): `groups` are the keys written to; `proposed` maps
    (person_id, year) → (unit_id, level, scheme_id) for the rows being written, which replace the
    stored rows of the same person and year. Returns {(unit_id, year, scheme_id): message}."""
    from canbo.careers.models import Evaluation

    keys = {(unit_id, year, scheme_id) for unit_id, year, scheme_id, _level in groups}
    if not keys:
        return {}
    counts: dict[tuple, dict[str, int]] = {key: {} for key in keys}
    years = sorted({year for _u, year, _s in keys})
    unit_ids = sorted({unit_id for unit_id, _y, _s in keys})
    for start in range(0, len(unit_ids), 2000):
        stored = Evaluation.unscoped.filter(unit_id__in=unit_ids[start : start + 2000], year__in=years).values_list(
            "person_id", "year", "unit_id", "scheme_id", "level"
        )
        for person_id, year, unit_id, scheme_id, level in stored:
            bucket = counts.get((unit_id, year, scheme_id))
            if bucket is None or (person_id, year) in proposed:
                continue
            bucket[level] = bucket.get(level, 0) + 1
    # a row moved from another group by the edit leaves that group: only groups written to are checked
    for (_pid, year), (unit_id, level, scheme_id) in proposed.items():
        bucket = counts.get((unit_id, year, scheme_id))
        if bucket is not None:
            bucket[level] = bucket.get(level, 0) + 1
    schemes = {s.pk: s for s in book.schemes}
    problems = {}
    for key, bucket in counts.items():
        unit_id, year, scheme_id = key
        scheme = schemes.get(scheme_id)
        excellent, good = bucket.get(EvaluationLevel.EXCELLENT, 0), bucket.get(EvaluationLevel.GOOD, 0)
        total = sum(bucket.values())
        if over_cap(excellent=excellent, good=good, total=total, scheme=scheme):
            problems[key] = cap_message(
                unit_name=units[unit_id].name if unit_id in units else str(unit_id),
                year=year,
                excellent=excellent,
                good=good,
                total=total,
                scheme=scheme,
            )
    return problems
