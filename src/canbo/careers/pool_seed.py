"""The pool rules and title ranks as the data migration seeds them (idempotent: tests call it
again after a flush). Sources are cited; what could not be checked against the text is marked
unconfirmed and editable in the admin."""

from __future__ import annotations

import datetime

from canbo.careers.choices import PoolRuleKind

D = datetime.date

QD377 = "Quy định 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị về quy hoạch cán bộ (thay thế Quy định 50-QĐ/TW)"
QD50 = "Quy định 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về công tác quy hoạch cán bộ"
HD16 = "Hướng dẫn 16-HD/BTCTW năm 2022 của Ban Tổ chức Trung ương về công tác quy hoạch cán bộ"
PROVINCE = "Chỉ tiêu cơ cấu do tỉnh đặt cho quy hoạch của mình"

# (kind, value, valid_from, valid_to, source, confirmed, note)
POOL_RULES: list[tuple[str, str, datetime.date, datetime.date | None, str, bool, str]] = [
    (PoolRuleKind.MAX_PEOPLE_PER_POST, "3", D(2021, 12, 27), D(2025, 10, 7), QD50, False, ""),
    (PoolRuleKind.MAX_POSTS_PER_PERSON, "3", D(2021, 12, 27), D(2025, 10, 7), QD50, False, ""),
    (
        PoolRuleKind.MAX_PEOPLE_PER_POST,
        "3",
        D(2025, 10, 8),
        None,
        QD377,
        True,
        "Mỗi chức danh quy hoạch không quá 3 người.",
    ),
    (
        PoolRuleKind.MAX_POSTS_PER_PERSON,
        "3",
        D(2025, 10, 8),
        None,
        QD377,
        True,
        "Mỗi người quy hoạch không quá 3 chức danh.",
    ),
    (
        PoolRuleKind.MIN_YEARS_TO_SERVE,
        "5",
        D(2021, 12, 27),
        None,
        QD377,
        False,
        "Tuổi quy hoạch: đủ tuổi công tác trọn ít nhất một nhiệm kỳ (5 năm) tính từ đầu nhiệm kỳ quy hoạch; "
        "chưa tìm thấy điều khoản về tuổi trong Quy định 377-QĐ/TW (theo Quy định 50-QĐ/TW).",
    ),
    (
        PoolRuleKind.MIN_VOTE_PERCENT,
        "50",
        D(2022, 1, 1),
        None,
        HD16,
        False,
        "Tỷ lệ phiếu giới thiệu tối thiểu trên tổng số phiếu của hội nghị; chưa xác nhận với văn bản.",
    ),
    (PoolRuleKind.UNDER_40_PERCENT, "15", D(2021, 12, 27), None, PROVINCE, False, "Cán bộ trẻ dưới 40 tuổi."),
    (PoolRuleKind.WOMEN_PERCENT, "25", D(2021, 12, 27), None, PROVINCE, False, ""),
    (
        PoolRuleKind.MINORITY_PERCENT,
        "30",
        D(2021, 12, 27),
        None,
        PROVINCE,
        False,
        "Phù hợp với cơ cấu dân tộc của địa phương (ví dụ Điện Biên 30%); mỗi tỉnh đặt lại.",
    ),
]

RANK_SOURCE = "Thứ bậc chức danh lãnh đạo để quy hoạch vào chức danh cao hơn (QĐ 377-QĐ/TW); do tỉnh điều chỉnh"

# Title code → rank within its level (1 highest).
TITLE_RANKS: dict[str, int] = {
    "XA-BT": 1,
    "XA-PBT": 2,
    "XA-CTHDND": 2,
    "XA-CTUBND": 2,
    "XA-PCTHDND": 3,
    "XA-PCTUBND": 3,
    "XA-CTMTTQ": 3,
    "XA-BTDOAN": 4,
    "XA-CTPN": 4,
    "XA-CTND": 4,
    "XA-CTCCB": 4,
    "TINH-GD": 1,
    "TINH-PGD": 2,
    "TINH-TP": 3,
    "TINH-PTP": 4,
}


def seed_pool_rules(PoolRule=None, TitleRank=None, Title=None) -> None:
    if PoolRule is None:
        from canbo.careers.models import PoolRule, TitleRank
        from canbo.standards.models import Title
    for kind, value, start, end, source, confirmed, note in POOL_RULES:
        PoolRule.objects.update_or_create(
            kind=kind,
            unit=None,
            valid_from=start,
            defaults={"value": value, "valid_to": end, "source": source, "confirmed": confirmed, "note": note},
        )
    titles = dict(Title.objects.filter(code__in=TITLE_RANKS).values_list("code", "pk"))
    for code, rank in TITLE_RANKS.items():
        if code in titles:
            TitleRank.objects.update_or_create(title_id=titles[code], defaults={"rank": rank, "source": RANK_SOURCE})
