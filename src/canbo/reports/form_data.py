"""The layouts seeded with canbo (REFERENCE.md §7). Pure data; the migration upserts them by code and
never overwrites a layout an administrator has edited.

A training layout's filters (all optional, combined with AND; a row's filter and a column's filter
are combined for a cell):
  kind: [programme kind codes]        grants: [level codes the programme grants]
  place: [in_province|in_country|abroad]   joint: true/false   study_mode: [full_time|part_time]
  level: province|district|commune (the learner's unit then)   leader: true/false
A column with "count": "classes" counts classes (by the organiser's level: "organiser") instead.
"""

from __future__ import annotations

IN_COUNTRY = {"place": ["in_province", "in_country"], "joint": False}
ABROAD = {"place": ["abroad"]}
JOINT = {"joint": True}


def _degree(code: str, label: str, n: int) -> list[dict]:
    base = {"kind": ["degree"], "grants": [code]}
    return [
        {"label": f"{n}. {label}", "filter": base, "indent": 1},
        {"label": "– Trong nước", "filter": {**base, **IN_COUNTRY}, "indent": 2},
        {"label": "– Nước ngoài", "filter": {**base, **ABROAD}, "indent": 2},
        {"label": "– Liên kết", "filter": {**base, **JOINT}, "indent": 2},
    ]


def _politics(code: str, label: str, n: int) -> list[dict]:
    base = {"kind": ["politics"], "grants": [code]}
    return [
        {"label": f"{n}. {label}", "filter": base, "indent": 1},
        {"label": "– Tập trung", "filter": {**base, "study_mode": ["full_time"]}, "indent": 2},
        {"label": "– Không tập trung", "filter": {**base, "study_mode": ["part_time"]}, "indent": 2},
    ]


BTCTW_10 = {
    "title": "THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM {year}",
    "subtitle": "Đơn vị: {unit}",
    "header": [
        [
            {"text": "Nội dung", "rows": 2},
            {"text": "Tổng số", "rows": 2},
            {"text": "Cấp tỉnh", "cols": 2},
            {"text": "Cấp huyện", "cols": 2},
            {"text": "Cấp xã", "rows": 2},
            {"text": "Số lớp", "cols": 3},
        ],
        [
            {"text": "Tổng số"},
            {"text": "Trong đó: lãnh đạo, quản lý"},
            {"text": "Tổng số"},
            {"text": "Trong đó: lãnh đạo, quản lý"},
            {"text": "Tổng số"},
            {"text": "Tỉnh ủy mở"},
            {"text": "Huyện ủy mở"},
        ],
    ],
    "columns": [
        {},
        {"level": "province"},
        {"level": "province", "leader": True},
        {"level": "district"},
        {"level": "district", "leader": True},
        {"level": "commune"},
        {"count": "classes"},
        {"count": "classes", "organiser": "province"},
        {"count": "classes", "organiser": "district"},
    ],
    "rows": [
        {"label": "I. ĐÀO TẠO CHUYÊN MÔN", "filter": {"kind": ["degree"]}, "bold": True},
        *_degree("dai_hoc", "Đại học", 1),
        *_degree("thac_si", "Thạc sĩ", 2),
        *_degree("tien_si", "Tiến sĩ", 3),
        {"label": "II. LÝ LUẬN CHÍNH TRỊ", "filter": {"kind": ["politics"]}, "bold": True},
        *_politics("trung_cap", "Trung cấp", 1),
        *_politics("cao_cap", "Cao cấp", 2),
        *_politics("cu_nhan", "Cử nhân", 3),
        {
            "label": "III. BỒI DƯỠNG",
            "filter": {
                "kind": [
                    "party_work",
                    "mass_org",
                    "state_mgmt",
                    "leadership",
                    "job_skills",
                    "commune_title",
                    "career_title",
                    "foreign_language",
                    "it",
                    "ethnic_language",
                    "knowledge_update",
                    "defence",
                ]
            },
            "bold": True,
        },
        {"label": "1. Nghiệp vụ công tác xây dựng Đảng", "filter": {"kind": ["party_work"]}, "indent": 1},
        {"label": "2. Nghiệp vụ công tác Mặt trận, đoàn thể", "filter": {"kind": ["mass_org"]}, "indent": 1},
        {"label": "3. Quản lý nhà nước", "filter": {"kind": ["state_mgmt"]}, "indent": 1},
        {"label": "4. Lãnh đạo, quản lý", "filter": {"kind": ["leadership"]}, "indent": 1},
        {
            "label": "5. Kỹ năng, nghiệp vụ chuyên ngành",
            "filter": {"kind": ["job_skills", "commune_title", "career_title"]},
            "indent": 1,
        },
        {"label": "6. Ngoại ngữ", "filter": {"kind": ["foreign_language"]}, "indent": 1},
        {"label": "7. Tin học", "filter": {"kind": ["it"]}, "indent": 1},
        {"label": "8. Tiếng dân tộc thiểu số", "filter": {"kind": ["ethnic_language"]}, "indent": 1},
        {"label": "9. Cập nhật kiến thức", "filter": {"kind": ["knowledge_update"]}, "indent": 1},
        {"label": "10. Quốc phòng - an ninh", "filter": {"kind": ["defence"]}, "indent": 1},
        *[
            {"label": f"– Đối tượng {n}", "filter": {"kind": ["defence"], "grants": [f"doi_tuong_{n}"]}, "indent": 2}
            for n in (1, 2, 3, 4)
        ],
    ],
}

# A staff-quality layout: a row per subordinate unit (and the total), columns from the ladders.
STAFF_QUALITY = {
    "title": "THỐNG KÊ CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC (ĐẾN NGÀY {day})",
    "subtitle": "Đơn vị: {unit}",
    "columns": [
        {"key": "total", "text": "Tổng số"},
        {"key": "women", "text": "Nữ"},
        {"key": "minorities", "text": "Dân tộc thiểu số"},
        {
            "ladder": "professional",
            "text": "Trình độ chuyên môn",
            "levels": ["tien_si", "thac_si", "dai_hoc", "cao_dang", "trung_cap", "so_cap"],
        },
        {"ladder": "politics", "text": "Lý luận chính trị", "levels": ["cu_nhan", "cao_cap", "trung_cap", "so_cap"]},
        {
            "ladder": "state_mgmt",
            "text": "Quản lý nhà nước",
            "levels": ["chuyen_vien_cao_cap", "chuyen_vien_chinh", "chuyen_vien", "can_su"],
        },
    ],
}

FORMS = [
    (
        "BTCTW-10",
        "Biểu số 10-BTCTW: Thống kê kết quả đào tạo, bồi dưỡng cán bộ",
        "training",
        "Hướng dẫn của Ban Tổ chức Trung ương về chế độ báo cáo thống kê "
        "(bố cục theo mẫu giấy; cần đối chiếu bản hiện hành)",
        BTCTW_10,
    ),
    (
        "CLDN-01",
        "Thống kê chất lượng đội ngũ cán bộ, công chức, viên chức",
        "staff_quality",
        "Mẫu thống kê của Sở Nội vụ (bố cục tham khảo; tỉnh có thể sửa)",
        STAFF_QUALITY,
    ),
]


def seed_forms(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    StatForm = apps.get_model("reports", "StatForm")
    for order, (code, name, kind, source, layout) in enumerate(FORMS):
        StatForm.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "source": source, "layout": layout, "order": order}
        )
