"""Demo standards for Điện Biên: catalogues and rules seeded, the demo's free-text titles linked to
the catalogue in one UPDATE per entry, the province's lowered floor for the hardest communes, and
one set-based recompute, so the rates of xã Thanh Nưa and of the province show at once."""

from __future__ import annotations

import datetime

from canbo.orgs.models import Unit
from canbo.people.models import Level
from canbo.standards import engine, services
from canbo.standards.models import Requirement, RequirementException
from canbo.standards.seed import seed_standards

# Border communes where the province lowers the professional floor of commune leaders and civil
# servants to trung cấp (an example of the exception NĐ 33/2023 allows for hard areas).
HARD_AREAS = ["DB-MUONGNHE", "DB-NAMKE", "DB-SINTHAU"]
HARD_AREA_SOURCE = "Ví dụ: quyết định của UBND tỉnh về vùng đặc biệt khó khăn (dữ liệu mẫu)"


def load() -> dict[str, int]:
    """Idempotent: links only unlinked assignments, adds missing exceptions, then recomputes."""
    seed_standards()
    linked = services.link_catalogue()
    trung_cap = Level.objects.get(ladder__code="professional", code="trung_cap")
    added = 0
    rules = list(
        Requirement.objects.filter(ladder__code="professional", min_level__code="dai_hoc", title__isnull=False)
    )
    for unit in Unit.unscoped.filter(code__in=HARD_AREAS):
        for rule in rules:
            if RequirementException.objects.filter(rule=rule, unit=unit).exists():
                continue
            RequirementException.objects.create(
                rule=rule,
                unit=unit,
                min_level=trung_cap,
                valid_from=datetime.date(2025, 7, 1),
                source=HARD_AREA_SOURCE,
            )
            added += 1
    rows = engine.recompute_all()
    return {"linked": linked, "exceptions": added, "gaps": rows}
