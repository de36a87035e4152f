"""Demo classes open for 2027, for the optimised training proposal (`canbo plan propose --unit DB
--year 2027`): the Political School's LLCT courses, state-management and defence courses, the
commune-level bồi dưỡng of titles, and one class for xã Thanh Nưa only — with seats, costs and
the area they take learners from. Created through the training services; idempotent (a class
whose code exists is left alone)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from canbo.orgs.models import Unit
from canbo.training import services
from canbo.training.models import Programme, TrainingClass

D = datetime.date
YEAR = 2027

# (code, programme, organiser code, open to code, start, end, capacity, cost per place, study mode, location)
CLASSES = [
    (
        "2027-TCT-LLCT-TC-01",
        "LLCT-TC",
        "DB-TCT",
        "DB",
        D(2027, 3, 8),
        D(2027, 11, 26),
        60,
        16_000_000,
        "part_time",
        "Trường Chính trị tỉnh Điện Biên",
    ),
    (
        "2027-TCT-LLCT-SC-01",
        "LLCT-SC",
        "DB-TCT",
        "DB",
        D(2027, 5, 10),
        D(2027, 5, 28),
        70,
        2_500_000,
        "full_time",
        "Trường Chính trị tỉnh Điện Biên",
    ),
    (
        "2027-TCT-QLNN-CV-01",
        "QLNN-CV",
        "DB-TCT",
        "DB",
        D(2027, 6, 7),
        D(2027, 7, 2),
        50,
        4_500_000,
        "full_time",
        "Trường Chính trị tỉnh Điện Biên",
    ),
    (
        "2027-DB-QPAN-DT4-01",
        "QPAN-DT4",
        "DB",
        "DB",
        D(2027, 4, 12),
        D(2027, 4, 16),
        80,
        1_200_000,
        "full_time",
        "Bộ Chỉ huy Quân sự tỉnh",
    ),
    (
        "2027-TCT-CDX-CT-01",
        "CDX-CT",
        "DB-TCT",
        "DB",
        D(2027, 9, 13),
        D(2027, 9, 17),
        40,
        1_800_000,
        "full_time",
        "Trường Chính trị tỉnh Điện Biên",
    ),
    (
        "2027-TCT-CDX-CC-01",
        "CDX-CC",
        "DB-TCT",
        "DB",
        D(2027, 9, 20),
        D(2027, 9, 24),
        60,
        1_500_000,
        "full_time",
        "Trường Chính trị tỉnh Điện Biên",
    ),
    (
        "2027-THANHNUA-CDX-CC-01",
        "CDX-CC",
        "DB",
        "DB-THANHNUA",
        D(2027, 10, 18),
        D(2027, 10, 22),
        20,
        1_000_000,
        "full_time",
        "Hội trường Ủy ban nhân dân xã Thanh Nưa",
    ),
    (
        "2027-DB-DHLUAT-01",
        "DT-DHLUAT",
        "DB",
        "DB",
        D(2027, 9, 6),
        D(2029, 12, 28),
        40,
        30_000_000,
        "part_time",
        "Phân hiệu Trường Đại học Luật Hà Nội tại Điện Biên",
    ),
]


def load() -> dict[str, int]:
    existing = set(TrainingClass.unscoped.filter(code__in=[c[0] for c in CLASSES]).values_list("code", flat=True))
    programmes = {p.code: p for p in Programme.objects.filter(code__in={c[1] for c in CLASSES})}
    units = {u.code: u for u in Unit.unscoped.filter(code__in={c[2] for c in CLASSES} | {c[3] for c in CLASSES})}
    created = 0
    for code, programme, organiser, open_to, start, end, capacity, per_place, mode, location in CLASSES:
        if code in existing or programme not in programmes or organiser not in units or open_to not in units:
            continue
        p = programmes[programme]
        services.class_create(
            code=code,
            name=f"{p.name} năm {YEAR}" + (" — xã Thanh Nưa" if open_to == "DB-THANHNUA" else ""),
            programme=p,
            organiser=units[organiser],
            start_date=start,
            end_date=end,
            capacity=capacity,
            cost=Decimal(capacity * per_place),
            open_to=units[open_to],
            study_mode=mode,
            location=location,
            status="open",
        )
        created += 1
    return {"classes": created}
