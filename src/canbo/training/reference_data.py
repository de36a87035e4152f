"""Programme kinds (REFERENCE.md §6; NĐ 101/2017/NĐ-CP as amended by NĐ 89/2021/NĐ-CP, for công
chức now NĐ 171/2025/NĐ-CP). Pure data: the migration and `canbo demo` upsert them by code, so an
administrator's edits to names and sources are kept."""

from __future__ import annotations

# (code, name, short name, group, ladder code or None, max weeks or None, source)
PROGRAMME_KINDS: list[tuple[str, str, str, str, str | None, int | None, str]] = [
    (
        "degree",
        "Đào tạo chuyên môn (đại học, sau đại học)",
        "Chuyên môn",
        "dao_tao",
        "professional",
        None,
        "Luật Cán bộ, công chức; NĐ 101/2017/NĐ-CP",
    ),
    (
        "politics",
        "Lý luận chính trị",
        "LLCT",
        "dao_tao",
        "politics",
        None,
        "Quy định của Ban Bí thư về đào tạo lý luận chính trị",
    ),
    (
        "defence",
        "Bồi dưỡng kiến thức quốc phòng và an ninh",
        "QP-AN",
        "boi_duong",
        "defence",
        None,
        "NĐ 139/2020/NĐ-CP",
    ),
    (
        "state_mgmt",
        "Bồi dưỡng quản lý nhà nước theo ngạch",
        "QLNN",
        "boi_duong",
        "state_mgmt",
        8,
        "NĐ 101/2017/NĐ-CP, Điều 17; NĐ 89/2021/NĐ-CP",
    ),
    (
        "leadership",
        "Bồi dưỡng lãnh đạo, quản lý theo chức vụ",
        "Lãnh đạo, quản lý",
        "boi_duong",
        "leadership",
        2,
        "NĐ 101/2017/NĐ-CP, Điều 17",
    ),
    (
        "job_skills",
        "Bồi dưỡng kỹ năng, nghiệp vụ theo vị trí việc làm",
        "Vị trí việc làm",
        "boi_duong",
        None,
        1,
        "NĐ 101/2017/NĐ-CP, Điều 17",
    ),
    (
        "career_title",
        "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp",
        "Chức danh nghề nghiệp",
        "boi_duong",
        None,
        8,
        "NĐ 101/2017/NĐ-CP; NĐ 89/2021/NĐ-CP",
    ),
    (
        "commune_title",
        "Bồi dưỡng chức danh cán bộ, công chức cấp xã",
        "Chức danh cấp xã",
        "boi_duong",
        None,
        1,
        "NĐ 101/2017/NĐ-CP, Điều 17",
    ),
    ("party_work", "Bồi dưỡng nghiệp vụ công tác Đảng", "Công tác Đảng", "boi_duong", None, None, "Biểu số 10-BTCTW"),
    (
        "mass_org",
        "Bồi dưỡng nghiệp vụ công tác Mặt trận, đoàn thể",
        "Mặt trận, đoàn thể",
        "boi_duong",
        None,
        None,
        "Biểu số 10-BTCTW",
    ),
    (
        "knowledge_update",
        "Cập nhật kiến thức, kỹ năng; tập huấn",
        "Cập nhật kiến thức",
        "boi_duong",
        None,
        None,
        "NĐ 101/2017/NĐ-CP, Điều 17",
    ),
    ("foreign_language", "Ngoại ngữ", "Ngoại ngữ", "boi_duong", "foreign_language", None, "TT 01/2014/TT-BGDĐT"),
    ("it", "Tin học", "Tin học", "boi_duong", "it", None, "TT 03/2014/TT-BTTTT"),
    (
        "ethnic_language",
        "Tiếng dân tộc thiểu số",
        "Tiếng dân tộc",
        "boi_duong",
        "ethnic_language",
        None,
        "NĐ 101/2017/NĐ-CP",
    ),
]


def seed_programme_kinds(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    ProgrammeKind = apps.get_model("training", "ProgrammeKind")
    Ladder = apps.get_model("people", "Ladder")
    ladders = dict(Ladder.objects.values_list("code", "pk"))
    for order, (code, name, short, group, ladder, weeks, source) in enumerate(PROGRAMME_KINDS):
        ProgrammeKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "group": group,
                "ladder_id": ladders.get(ladder) if ladder else None,
                "max_weeks": weeks,
                "source": source,
                "order": order,
            },
        )


# (code, name, minimum professional rank, multiplier, source, valid from)
OBLIGATION_RULES = [
    (
        "state_funded",
        "Đào tạo bằng ngân sách nhà nước: phục vụ ít nhất gấp 2 lần thời gian đào tạo",
        0,
        "2",
        "NĐ 101/2017/NĐ-CP, Điều 7",
        "2017-10-01",
    ),
    (
        "postgraduate",
        "Đào tạo sau đại học bằng ngân sách nhà nước: phục vụ ít nhất gấp 3 lần thời gian đào tạo",
        5,
        "3",
        "NĐ 171/2025/NĐ-CP (điều khoản cần xác nhận)",
        "2025-07-01",
    ),
]


def seed_obligation_rules(apps=None) -> None:
    """Upsert by code; an administrator's edits to existing rules are kept."""
    import datetime
    from decimal import Decimal

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    ObligationRule = apps.get_model("training", "ObligationRule")
    for code, name, rank, multiplier, source, valid_from in OBLIGATION_RULES:
        ObligationRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "min_level_rank": rank,
                "multiplier": Decimal(multiplier),
                "source": source,
                "valid_from": datetime.date.fromisoformat(valid_from),
            },
        )
