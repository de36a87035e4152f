"""The evaluation schemes and their score bands, as data (seeded by a migration, edited by system
administrators in the admin). A year is classified by the scheme valid on 31/12 of that year for
the person's category; a scheme with an empty category applies to every category without its own.
"""

from __future__ import annotations

import datetime

D = datetime.date

ND90 = "NĐ 90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức"
ND48 = "NĐ 48/2023/NĐ-CP ngày 17/7/2023 sửa đổi, bổ sung NĐ 90/2020/NĐ-CP"
ND335 = (
    "NĐ 335/2025/NĐ-CP ngày 21/12/2025 của Chính phủ quy định về đánh giá, xếp loại chất lượng đối với "
    "cơ quan hành chính nhà nước và công chức (hiệu lực từ 01/01/2026)"
)

# code: (name, category, valid_from, valid_to, uses_score, cap %, failing sanction, source, confirmed, note, bands)
SCHEMES: dict[str, dict] = {
    "ND90-2020": {
        "name": "NĐ 90/2020/NĐ-CP",
        "category": "",
        "valid_from": D(2020, 8, 13),
        "valid_to": D(2023, 7, 16),
        "uses_score": False,
        "excellent_cap_percent": 20,
        "excellent_cap_basis": "good",
        "failing_sanction": "reprimand",
        "source": ND90,
        "confirmed": True,
        "note": (
            "Tỷ lệ hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số được xếp loại hoàn thành tốt nhiệm vụ "
            "theo từng nhóm đối tượng có nhiệm vụ tương đồng; bị kỷ luật trong năm đánh giá thì xếp loại "
            "không hoàn thành nhiệm vụ. Không chấm điểm."
        ),
        "bands": {},
    },
    "ND48-2023": {
        "name": "NĐ 90/2020/NĐ-CP, sửa đổi bởi NĐ 48/2023/NĐ-CP",
        "category": "",
        "valid_from": D(2023, 7, 17),
        "valid_to": None,
        "uses_score": False,
        "excellent_cap_percent": 20,
        "excellent_cap_basis": "good",
        "failing_sanction": "reprimand",
        "source": ND48,
        "confirmed": True,
        "note": (
            "Giữ bốn mức xếp loại của NĐ 90/2020; tỷ lệ xuất sắc không vượt quá 20% số hoàn thành tốt nhiệm vụ "
            "theo từng nhóm đối tượng có nhiệm vụ tương đồng. Từ năm 2026 công chức đánh giá theo NĐ 335/2025."
        ),
        "bands": {},
    },
    "ND335-2025-CC": {
        "name": "NĐ 335/2025/NĐ-CP (công chức)",
        "category": "cong_chuc",
        "valid_from": D(2026, 1, 1),
        "valid_to": None,
        "uses_score": True,
        "excellent_cap_percent": 20,
        "excellent_cap_basis": "good",
        "failing_sanction": "reprimand",
        "source": ND335,
        "confirmed": True,
        "note": (
            "Thang điểm 100 (tiêu chí chung 30 điểm, kết quả thực hiện nhiệm vụ 70 điểm): xuất sắc từ 90 điểm, "
            "tốt từ 70 đến dưới 90, hoàn thành từ 50 đến dưới 70, không hoàn thành dưới 50 điểm; bị kỷ luật từ "
            "khiển trách trở lên trong năm đánh giá thì không hoàn thành nhiệm vụ; xuất sắc không vượt quá 20% "
            "số công chức hoàn thành tốt nhiệm vụ trong cùng cơ quan, đơn vị và nhóm có nhiệm vụ tương đồng."
        ),
        "bands": {"excellent": 90, "good": 70, "done": 50, "failed": 0},
    },
    "ND48-2026-VC": {
        "name": "NĐ 90/2020/NĐ-CP, sửa đổi bởi NĐ 48/2023/NĐ-CP (viên chức, từ 2026)",
        "category": "vien_chuc",
        "valid_from": D(2026, 1, 1),
        "valid_to": None,
        "uses_score": False,
        "excellent_cap_percent": 20,
        "excellent_cap_basis": "good",
        "failing_sanction": "reprimand",
        "source": ND48,
        "confirmed": False,
        "note": (
            "NĐ 335/2025/NĐ-CP chỉ áp dụng cho công chức; viên chức tiếp tục đánh giá theo NĐ 90/2020 và "
            "NĐ 48/2023. Có thông tin về một nghị định riêng cho viên chức (được nói là NĐ 233/2026/NĐ-CP) "
            "nhưng chưa kiểm chứng được số hiệu, ngày hiệu lực và nội dung: cần quản trị hệ thống xác nhận."
        ),
        "bands": {},
    },
}


def seed_schemes(Scheme=None, Band=None) -> None:
    """Create the seeded schemes and bands that are missing (idempotent; never overwrites an
    administrator's edits of an existing scheme)."""
    if Scheme is None:
        from canbo.careers.models import EvaluationBand as Band
        from canbo.careers.models import EvaluationScheme as Scheme
    for code, spec in SCHEMES.items():
        values = {k: v for k, v in spec.items() if k != "bands"}
        scheme, created = Scheme.objects.get_or_create(code=code, defaults=values)
        if created:
            for level, minimum in spec["bands"].items():
                Band.objects.create(scheme=scheme, level=level, min_score=minimum)
