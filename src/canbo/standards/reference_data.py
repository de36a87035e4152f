"""Seed data of the standards app: the commune titles, the common provincial posts, a few job
positions, and the requirement rules of REFERENCE.md §5 with their sources.

Pure data: the migration and `canbo demo` upsert these by code and never overwrite what an
administrator changed. Rules whose legal basis after the 2025 laws is not checked carry
`confirmed=False`, and the rule list shows them as such.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

START = datetime.date(2023, 8, 1)  # NĐ 33/2023/NĐ-CP in force (its Điều 39)
END_ND33 = datetime.date(2025, 6, 30)  # the last day of the three-tier communes
REFORM = datetime.date(2025, 7, 1)  # two-tier local government; Luật 80/2025/QH15, NĐ 170/2025/NĐ-CP
# NĐ 33 Điều 38 khoản 1: who held the post on the decree's first day without meeting its
# standards has five years to meet them.
TRANSITION = (START, datetime.date(2028, 8, 1))
# CV 11/CV-BCĐ (04/6/2025, as the press reports it): commune civil servants without đại học have
# five years from the new commune (01/7/2025) to reach it. The source limits this to ethnic-minority
# staff and staff in especially hard areas; the seeded rule gives it to everyone in post on that
# day, unconfirmed, because Điện Biên's communes are almost all such areas.
TRANSITION_NEW_COMMUNE = (REFORM, datetime.date(2030, 7, 1))

ND33 = "NĐ 33/2023/NĐ-CP"


def _nd33(article: int, clause: int, point: str = "") -> str:
    return f"{ND33}, Điều {article} khoản {clause}" + (f" điểm {point}" if point else "")


# Điều 5 khoản 2 điểm c names the post two ways: "Địa chính - nông nghiệp - xây dựng và môi
# trường" in a xã, "Địa chính - xây dựng - đô thị và môi trường" in a phường or thị trấn. One title
# (code XA-DCXD, as before) carries the xã name, the province's usual case; the ward name and the
# old "Địa chính - xây dựng" are synonyms, so an assignment keeps the spelling of its own unit.
DCXD_NAME = "Công chức Địa chính - nông nghiệp - xây dựng và môi trường"

# (code, name, category, unit level, sector, is leader, synonyms, source)
TITLES: list[tuple[str, str, str, str, str, bool, list[str], str]] = [
    (
        "XA-BT",
        "Bí thư Đảng ủy xã",
        "can_bo",
        "commune",
        "Xây dựng Đảng",
        True,
        ["Bí thư Đảng ủy", "Bí thư Đảng ủy phường", "Bí thư ĐU"],
        _nd33(5, 1, "a"),
    ),
    (
        "XA-PBT",
        "Phó Bí thư Đảng ủy xã",
        "can_bo",
        "commune",
        "Xây dựng Đảng",
        True,
        ["Phó Bí thư Đảng ủy", "Phó Bí thư Đảng ủy phường", "Phó Bí thư ĐU"],
        _nd33(5, 1, "a"),
    ),
    (
        "XA-CTHDND",
        "Chủ tịch Hội đồng nhân dân xã",
        "can_bo",
        "commune",
        "Dân cử",
        True,
        ["Chủ tịch Hội đồng nhân dân", "Chủ tịch HĐND xã", "Chủ tịch HĐND"],
        _nd33(5, 1, "b"),
    ),
    (
        "XA-PCTHDND",
        "Phó Chủ tịch Hội đồng nhân dân xã",
        "can_bo",
        "commune",
        "Dân cử",
        True,
        ["Phó Chủ tịch Hội đồng nhân dân", "Phó Chủ tịch HĐND xã", "Phó Chủ tịch HĐND"],
        _nd33(5, 1, "b"),
    ),
    (
        "XA-CTUBND",
        "Chủ tịch Ủy ban nhân dân xã",
        "can_bo",
        "commune",
        "Quản lý nhà nước",
        True,
        ["Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND xã", "Chủ tịch UBND"],
        _nd33(5, 1, "c"),
    ),
    (
        "XA-PCTUBND",
        "Phó Chủ tịch Ủy ban nhân dân xã",
        "can_bo",
        "commune",
        "Quản lý nhà nước",
        True,
        ["Phó Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch UBND xã", "Phó Chủ tịch UBND"],
        _nd33(5, 1, "c"),
    ),
    (
        "XA-CTMTTQ",
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "can_bo",
        "commune",
        "Mặt trận, đoàn thể",
        True,
        ["Chủ tịch Ủy ban Mặt trận Tổ quốc", "Chủ tịch UBMTTQ xã", "Chủ tịch MTTQ"],
        _nd33(5, 1, "d"),
    ),
    (
        "XA-BTDOAN",
        "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
        "can_bo",
        "commune",
        "Mặt trận, đoàn thể",
        True,
        [
            "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Bí thư Đoàn xã",
            "Bí thư Đoàn TNCS Hồ Chí Minh",
            "Bí thư Xã đoàn",
        ],
        _nd33(5, 1, "đ"),
    ),
    (
        "XA-CTPN",
        "Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam xã",
        "can_bo",
        "commune",
        "Mặt trận, đoàn thể",
        True,
        ["Chủ tịch Hội Liên hiệp Phụ nữ", "Chủ tịch Hội LHPN xã", "Chủ tịch Hội LHPN", "Chủ tịch Hội Phụ nữ"],
        _nd33(5, 1, "e"),
    ),
    (
        "XA-CTND",
        "Chủ tịch Hội Nông dân Việt Nam xã",
        "can_bo",
        "commune",
        "Mặt trận, đoàn thể",
        True,
        ["Chủ tịch Hội Nông dân", "Chủ tịch Hội Nông dân xã", "Chủ tịch HND"],
        # Only where the commune has farming, forestry, fishing or salt-making and a Hội Nông dân.
        _nd33(5, 1, "g"),
    ),
    (
        "XA-CTCCB",
        "Chủ tịch Hội Cựu chiến binh Việt Nam xã",
        "can_bo",
        "commune",
        "Mặt trận, đoàn thể",
        True,
        ["Chủ tịch Hội Cựu chiến binh", "Chủ tịch Hội CCB xã", "Chủ tịch Hội CCB"],
        _nd33(5, 1, "h"),
    ),
    (
        "XA-VPTK",
        "Công chức Văn phòng - thống kê",
        "cong_chuc",
        "commune",
        "Văn phòng",
        False,
        ["Văn phòng - thống kê", "Văn phòng – thống kê", "Công chức Văn phòng – thống kê"],
        _nd33(5, 2, "b"),
    ),
    (
        "XA-TPHT",
        "Công chức Tư pháp - hộ tịch",
        "cong_chuc",
        "commune",
        "Tư pháp",
        False,
        ["Tư pháp - hộ tịch", "Tư pháp – hộ tịch", "Công chức Tư pháp – hộ tịch"],
        _nd33(5, 2, "đ"),
    ),
    (
        "XA-TCKT",
        "Công chức Tài chính - kế toán",
        "cong_chuc",
        "commune",
        "Tài chính",
        False,
        ["Tài chính - kế toán", "Tài chính – kế toán", "Công chức Tài chính – kế toán"],
        _nd33(5, 2, "d"),
    ),
    (
        "XA-DCXD",
        DCXD_NAME,
        "cong_chuc",
        "commune",
        "Địa chính, xây dựng",
        False,
        [
            "Địa chính - nông nghiệp - xây dựng và môi trường",
            "Địa chính - xây dựng - đô thị và môi trường",
            "Công chức Địa chính - xây dựng - đô thị và môi trường",
            "Địa chính - xây dựng",
            "Công chức Địa chính - xây dựng",
            "Công chức Địa chính – xây dựng",
        ],
        _nd33(5, 2, "c"),
    ),
    (
        "XA-VHXH",
        "Công chức Văn hóa - xã hội",
        "cong_chuc",
        "commune",
        "Văn hóa, xã hội",
        False,
        ["Văn hóa - xã hội", "Văn hóa – xã hội", "Công chức Văn hóa – xã hội"],
        _nd33(5, 2, "e"),
    ),
    (
        "XA-CHTQS",
        "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
        "cong_chuc",
        "commune",
        "Quốc phòng",
        True,
        ["Chỉ huy trưởng Ban Chỉ huy Quân sự", "Chỉ huy trưởng Quân sự xã", "Chỉ huy trưởng BCHQS"],
        _nd33(5, 2, "a"),
    ),
    (
        "TINH-GD",
        "Giám đốc Sở",
        "cong_chuc",
        "province",
        "Quản lý nhà nước",
        True,
        ["Giám đốc"],
        "Quy định về tiêu chuẩn chức danh lãnh đạo, quản lý cấp sở (tỉnh)",
    ),
    (
        "TINH-PGD",
        "Phó Giám đốc Sở",
        "cong_chuc",
        "province",
        "Quản lý nhà nước",
        True,
        ["Phó Giám đốc"],
        "Quy định về tiêu chuẩn chức danh lãnh đạo, quản lý cấp sở (tỉnh)",
    ),
    (
        "TINH-TP",
        "Trưởng phòng",
        "cong_chuc",
        "province",
        "Quản lý nhà nước",
        True,
        ["Trưởng phòng chuyên môn", "TP"],
        "Quy định về tiêu chuẩn chức danh lãnh đạo, quản lý cấp phòng (tỉnh)",
    ),
    (
        "TINH-PTP",
        "Phó Trưởng phòng",
        "cong_chuc",
        "province",
        "Quản lý nhà nước",
        True,
        ["Phó trưởng phòng", "PTP"],
        "Quy định về tiêu chuẩn chức danh lãnh đạo, quản lý cấp phòng (tỉnh)",
    ),
    ("TINH-CV", "Chuyên viên", "cong_chuc", "province", "Quản lý nhà nước", False, [], "NĐ 62/2020/NĐ-CP"),
    ("TINH-TTV", "Thanh tra viên", "cong_chuc", "province", "Thanh tra", False, [], "NĐ 62/2020/NĐ-CP"),
    ("TINH-KTV", "Kế toán viên", "cong_chuc", "province", "Tài chính", False, [], "NĐ 62/2020/NĐ-CP"),
]

# (code, name, group, unit level, sector, synonyms, source)
POSITIONS: list[tuple[str, str, str, str, str, list[str], str]] = [
    (
        "VTVL-TCCB",
        "Chuyên viên về tổ chức cán bộ",
        "specialist",
        "province",
        "Nội vụ",
        [],
        "TT 06/2022/TT-BNV",
    ),
    (
        "VTVL-MOTCUA",
        "Công chức tiếp nhận và trả kết quả (Một cửa)",
        "shared",
        "commune",
        "Văn phòng",
        ["Một cửa", "Bộ phận một cửa"],
        "NĐ 61/2018/NĐ-CP; NĐ 107/2021/NĐ-CP",
    ),
    ("VTVL-KT", "Kế toán", "shared", "any", "Tài chính", ["Kế toán viên"], "TT 06/2022/TT-BNV"),
    ("VTVL-VT", "Văn thư", "shared", "any", "Văn phòng", ["Văn thư viên"], "TT 06/2022/TT-BNV"),
]

# Fields accepted as "relevant to the post" for the commune civil servants (examples a province
# adjusts; matched word by word without diacritics).
FIELDS = {
    "XA-VPTK": ["Hành chính", "Quản lý nhà nước", "Luật", "Văn thư", "Lưu trữ", "Thống kê", "Quản trị văn phòng"],
    "XA-TPHT": ["Luật"],
    "XA-TCKT": ["Kế toán", "Tài chính", "Kiểm toán", "Kinh tế"],
    "XA-DCXD": ["Địa chính", "Quản lý đất đai", "Xây dựng", "Kiến trúc", "Môi trường", "Nông học", "Nông nghiệp"],
    "XA-VHXH": ["Văn hóa", "Công tác xã hội", "Xã hội học", "Du lịch", "Thể dục thể thao", "Lao động"],
}


@dataclass(frozen=True)
class RuleSpec:
    """A seeded rule. `transition` is (held on, until): who held the title on the first date and
    does not meet the rule is "trong thời hạn chuẩn hoá" until the second (NĐ 33 Điều 38 k.1;
    the 2025 successors: see `_leader_successors` and TRANSITION_NEW_COMMUNE).
    `confirmed` is True only where the clause's wording was seen (research mark T, see
    docs/research/issue-14-standards.md); otherwise `note` says why not."""

    code: str
    name: str
    title: str = ""
    ladder: str = ""
    level: str = ""
    fields: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    source: str = ""
    confirmed: bool = False
    note: str = ""
    kind: str = "level"
    category: str = ""
    periods: int | None = None
    grace: int = 0
    valid_from: datetime.date = START
    valid_to: datetime.date | None = None
    transition: tuple[datetime.date, datetime.date] | None = None


# Why a rule stops on 30/6/2025 (research §2.2, §2.3).
ENDED_CIVIL_SERVANT = (
    "Hết áp dụng từ 01/7/2025: NĐ 170/2025/NĐ-CP bãi bỏ các quy định về công chức cấp xã của NĐ 33/2023 "
    "(theo tin báo chí; điều khoản bãi bỏ chưa thấy nguyên văn)."
)
ENDED_CADRE = (
    "Hết áp dụng từ 01/7/2025: chính quyền địa phương hai cấp, Luật Cán bộ, công chức 80/2025/QH15 không còn "
    "cán bộ cấp xã theo NĐ 33; chưa thấy văn bản bãi bỏ Điều 8 NĐ 33."
)
SEEN_EN = "Đã đối chiếu nguyên văn điều khoản (bản tiếng Anh, lawnet.vn)."
K2_NOT_FOUND = (
    "Chưa xác nhận: nguyên văn NĐ 33/2023 Điều 8 khoản 2 (Chủ tịch UBMTTQ và người đứng đầu tổ chức chính trị - "
    "xã hội cấp xã) chưa tìm thấy; yêu cầu ghi theo khoản 1 và 3 cùng điều. "
)
AFTER_REFORM_LEADER = (
    "Chưa xác nhận: từ 01/7/2025 chưa có nghị định quy định tiêu chuẩn lãnh đạo cấp xã mới; nội dung theo tin báo "
    "chí về CV 03/CV-BCĐ (tiêu chuẩn tương đương cấp huyện) và CV 11/CV-BCĐ, chưa thấy văn bản."
)
AFTER_REFORM_CIVIL_SERVANT = (
    "Chưa xác nhận: từ 01/7/2025 công chức xã mới theo vị trí việc làm (Luật 80/2025/QH15, NĐ 170/2025/NĐ-CP, "
    "NĐ 361/2025/NĐ-CP); nội dung theo tin báo chí về CV 11/CV-BCĐ, chưa thấy văn bản."
)
# Why the successors keep a transition, and why it is not confirmed (research §2.2, §2.3).
LEADER_TRANSITION_NOTE = (
    "Thời hạn chuẩn hoá chưa xác nhận: người giữ chức danh vào ngày 01/08/2023 chưa đạt chuẩn có đến "
    "01/08/2028 (NĐ 33/2023/NĐ-CP Điều 38 khoản 1), giữ nguyên sau 01/7/2025 vì chưa thấy văn bản bãi bỏ "
    "Điều 8 NĐ 33 và CV 03/CV-BCĐ, CV 11/CV-BCĐ giữ nguyên cán bộ hiện có."
)
CIVIL_SERVANT_TRANSITION_NOTE = (
    "Thời hạn chuẩn hoá chưa xác nhận: công chức giữ chức danh vào ngày 01/7/2025 chưa có đại học có đến "
    "01/7/2030 (5 năm kể từ khi thành lập xã mới, theo tin báo chí về CV 11/CV-BCĐ; ngày và điều khoản chưa thấy "
    "nguyên văn). Văn bản chỉ áp dụng cho công chức người dân tộc thiểu số hoặc công tác ở vùng đặc biệt khó khăn; "
    "ở đây áp dụng cho mọi người giữ chức danh vào ngày đó vì các xã của tỉnh Điện Biên hầu hết thuộc vùng này. "
    "Tỉnh cần xác nhận; nếu không áp dụng, sửa hoặc bỏ thời hạn chuẩn hoá của tiêu chuẩn này."
)
CV_LEADER = "CV 03/CV-BCĐ ngày 15/4/2025 và CV 11/CV-BCĐ ngày 04/6/2025 của Ban Chỉ đạo Trung ương"
CV_CIVIL_SERVANT = "Luật 80/2025/QH15; NĐ 170/2025/NĐ-CP; CV 11/CV-BCĐ ngày 04/6/2025 của Ban Chỉ đạo Trung ương"


def _nd33_cadre_rules(title: str, label: str, clause: int, *, confirmed: bool, llct: str | None, note: str) -> list:
    """THPT, đại học (and trung cấp LLCT) of Điều 8, valid until 30/6/2025, with the transition."""
    common = {"title": title, "valid_to": END_ND33, "transition": TRANSITION, "confirmed": confirmed}
    lowering = "; tỉnh được hạ xuống trung cấp ở vùng khó khăn: Điều 8 khoản 4"
    rules = [
        RuleSpec(
            f"{title}-GDPT",
            f"{label}: tốt nghiệp trung học phổ thông",
            ladder="general_education",
            level="thpt",
            source=_nd33(8, clause, "b"),
            note=note,
            **common,
        ),
        RuleSpec(
            f"{title}-CM",
            f"{label}: đại học trở lên",
            ladder="professional",
            level="dai_hoc",
            closing=("degree",),
            source=_nd33(8, clause, "c") + lowering,
            note=note,
            **common,
        ),
    ]
    if llct:
        rules.append(
            RuleSpec(
                f"{title}-LLCT",
                f"{label}: trung cấp lý luận chính trị trở lên",
                ladder="politics",
                level="trung_cap",
                grace=24,
                closing=("politics",),
                source=llct,
                note=note if llct.endswith("điểm d") else "",
                **{**common, "confirmed": confirmed and llct.endswith("điểm d")},
            )
        )
    return rules


def _leader_successors(title: str, label: str) -> list[RuleSpec]:
    """From 01/7/2025, for the leaders of the new communes: only press reports of the Steering
    Committee's guidance were found, so the rules stay unconfirmed. They keep NĐ 33 Điều 38's
    transition (held on 01/8/2023, until 01/8/2028): Điều 8 was never shown repealed and the
    guidance keeps the existing cán bộ, so a chairman of 2023 is not "chưa đạt" in 2026."""
    common = {
        "title": title,
        "valid_from": REFORM,
        "source": CV_LEADER,
        "note": AFTER_REFORM_LEADER + " " + LEADER_TRANSITION_NOTE,
        "transition": TRANSITION,
    }
    return [
        RuleSpec(
            f"{title}-CM-2025",
            f"{label} (xã mới): đại học trở lên",
            ladder="professional",
            level="dai_hoc",
            closing=("degree",),
            **common,
        ),
        RuleSpec(
            f"{title}-LLCT-2025",
            f"{label} (xã mới): trung cấp lý luận chính trị trở lên",
            ladder="politics",
            level="trung_cap",
            grace=24,
            closing=("politics",),
            **common,
        ),
    ]


def _nd33_civil_servant_rules(title: str, label: str) -> list[RuleSpec]:
    common = {"title": title, "valid_to": END_ND33, "transition": TRANSITION, "confirmed": True}
    note = SEEN_EN + " " + ENDED_CIVIL_SERVANT
    return [
        RuleSpec(
            f"{title}-GDPT",
            f"{label}: tốt nghiệp trung học phổ thông",
            ladder="general_education",
            level="thpt",
            source=_nd33(10, 2, "b"),
            note=note,
            **common,
        ),
        RuleSpec(
            f"{title}-CM",
            f"{label}: đại học trở lên, ngành phù hợp",
            ladder="professional",
            level="dai_hoc",
            fields=tuple(FIELDS.get(title, [])),
            closing=("degree",),
            source=_nd33(10, 2, "c") + "; hạ xuống trung cấp: Điều 10 khoản 3; ngành: Điều 10 khoản 4 điểm b",
            note=note,
            **common,
        ),
    ]


def _civil_servant_successor(title: str, label: str) -> RuleSpec:
    """From 01/7/2025, đại học for the new commune's civil servants, with CV 11's five years for
    who was in post on the day the new commune started (see TRANSITION_NEW_COMMUNE)."""
    return RuleSpec(
        f"{title}-CM-2025",
        f"{label} (xã mới): đại học trở lên, ngành phù hợp",
        title=title,
        ladder="professional",
        level="dai_hoc",
        fields=tuple(FIELDS.get(title, [])),
        closing=("degree",),
        valid_from=REFORM,
        source=CV_CIVIL_SERVANT,
        note=AFTER_REFORM_CIVIL_SERVANT + " " + CIVIL_SERVANT_TRANSITION_NOTE,
        transition=TRANSITION_NEW_COMMUNE,
    )


HO_TICH_LAW = "Luật Hộ tịch 2014, Điều 72 khoản 2 điểm a"
HO_TICH = HO_TICH_LAW + " (" + _nd33(10, 2, "c") + " dẫn chiếu)"
HO_TICH_LATER = (
    "Chưa xác nhận: Luật Hộ tịch 2014 Điều 72 vẫn còn hiệu lực theo những gì tìm được, nhưng chưa thấy văn bản "
    "cho biết điều này áp dụng cho vị trí việc làm tư pháp của xã mới từ 01/7/2025."
)


def _ho_tich_rules(*, later: bool) -> list[RuleSpec]:
    """Điều 10 k.2 c defers to the law: trung cấp luật trở lên and a hộ tịch course, not đại học."""
    suffix = "-2025" if later else ""
    label = "Công chức Tư pháp - hộ tịch" + (" (xã mới)" if later else "")
    dates = (
        {"valid_from": REFORM, "note": HO_TICH_LATER}
        if later
        else {"valid_to": END_ND33, "transition": TRANSITION, "confirmed": True, "note": SEEN_EN}
    )
    return [
        RuleSpec(
            f"XA-TPHT-CM{suffix}",
            f"{label}: trung cấp luật trở lên",
            title="XA-TPHT",
            ladder="professional",
            level="trung_cap",
            fields=("Luật",),
            closing=("degree",),
            source=HO_TICH_LAW if later else HO_TICH,
            **dates,
        ),
        RuleSpec(
            f"XA-TPHT-HT{suffix}",
            f"{label}: đã bồi dưỡng nghiệp vụ hộ tịch",
            title="XA-TPHT",
            ladder="job_skills",
            level="chung_nhan",
            fields=("Hộ tịch",),
            closing=("job_skills",),
            source=HO_TICH_LAW if later else HO_TICH,
            **dates,
        ),
    ]


LEADERS = [
    ("XA-CTHDND", "Chủ tịch HĐND xã"),
    ("XA-PCTHDND", "Phó Chủ tịch HĐND xã"),
    ("XA-CTUBND", "Chủ tịch UBND xã"),
    ("XA-PCTUBND", "Phó Chủ tịch UBND xã"),
]
PARTY = [("XA-BT", "Bí thư Đảng ủy xã"), ("XA-PBT", "Phó Bí thư Đảng ủy xã")]
MASS = [
    ("XA-CTMTTQ", "Chủ tịch UBMTTQ xã"),
    ("XA-BTDOAN", "Bí thư Đoàn TNCS Hồ Chí Minh xã"),
    ("XA-CTPN", "Chủ tịch Hội LHPN xã"),
    ("XA-CTND", "Chủ tịch Hội Nông dân xã"),
    ("XA-CTCCB", "Chủ tịch Hội Cựu chiến binh xã"),
]
CIVIL_SERVANTS = [
    ("XA-VPTK", "Công chức Văn phòng - thống kê"),
    ("XA-TCKT", "Công chức Tài chính - kế toán"),
    ("XA-DCXD", DCXD_NAME),
    ("XA-VHXH", "Công chức Văn hóa - xã hội"),
]
PARTY_LLCT = (
    _nd33(8, 1) + " (điểm về lý luận chính trị: chưa thấy nguyên văn); Điều lệ và quy định của Đảng được áp dụng"
)
PARTY_NOTE = (
    "Điểm b, c: " + SEEN_EN + " Lý luận chính trị: chưa xác nhận, phần này của khoản 1 chưa tìm thấy. " + ENDED_CADRE
)

RULES: list[RuleSpec] = [
    *(
        r
        for code, label in LEADERS
        for r in _nd33_cadre_rules(
            code, label, 3, confirmed=True, llct=_nd33(8, 3, "d"), note=SEEN_EN + " " + ENDED_CADRE
        )
    ),
    *(
        r
        for code, label in PARTY
        for r in _nd33_cadre_rules(code, label, 1, confirmed=True, llct=None, note=PARTY_NOTE)
    ),
    *(
        RuleSpec(
            f"{code}-LLCT",
            f"{label}: trung cấp lý luận chính trị trở lên",
            title=code,
            ladder="politics",
            level="trung_cap",
            grace=12,
            closing=("politics",),
            source=PARTY_LLCT,
            note=PARTY_NOTE,
            valid_to=END_ND33,
            transition=TRANSITION,
        )
        for code, label in PARTY
    ),
    *(
        r
        for code, label in MASS
        for r in _nd33_cadre_rules(code, label, 2, confirmed=False, llct=None, note=K2_NOT_FOUND + ENDED_CADRE)
    ),
    *(r for code, label in [*LEADERS, *PARTY] for r in _leader_successors(code, label)),
    *(r for code, label in CIVIL_SERVANTS for r in _nd33_civil_servant_rules(code, label)),
    RuleSpec(
        "XA-TPHT-GDPT",
        "Công chức Tư pháp - hộ tịch: tốt nghiệp trung học phổ thông",
        title="XA-TPHT",
        ladder="general_education",
        level="thpt",
        source=_nd33(10, 2, "b"),
        confirmed=True,
        note=SEEN_EN + " " + ENDED_CIVIL_SERVANT,
        valid_to=END_ND33,
        transition=TRANSITION,
    ),
    *_ho_tich_rules(later=False),
    *_ho_tich_rules(later=True),
    *(_civil_servant_successor(code, label) for code, label in CIVIL_SERVANTS),
    *(
        RuleSpec(
            f"{code}-LD",
            f"{label}: bồi dưỡng lãnh đạo, quản lý cấp phòng",
            title=code,
            ladder="leadership",
            level="cap_phong",
            grace=12,
            closing=("leadership",),
            source="NĐ 101/2017/NĐ-CP, Điều 17 (khoản chưa đối chiếu)",
            note="Chưa xác nhận: NĐ 101/2017 được thay bằng NĐ 171/2025/NĐ-CP từ 01/7/2025 (theo tin báo chí).",
            valid_to=END_ND33,
        )
        for code, label in (("TINH-TP", "Trưởng phòng"), ("TINH-PTP", "Phó Trưởng phòng"))
    ),
    *(
        RuleSpec(
            f"{code}-LD-2025",
            f"{label}: bồi dưỡng lãnh đạo, quản lý cấp phòng",
            title=code,
            ladder="leadership",
            level="cap_phong",
            grace=12,
            closing=("leadership",),
            source="NĐ 171/2025/NĐ-CP (chương trình bồi dưỡng lãnh đạo cấp phòng 4 tuần; điều chưa đối chiếu)",
            note="Chưa xác nhận: theo tin báo chí về NĐ 171/2025/NĐ-CP; chưa thấy nguyên văn điều khoản.",
            valid_from=REFORM,
        )
        for code, label in (("TINH-TP", "Trưởng phòng"), ("TINH-PTP", "Phó Trưởng phòng"))
    ),
    RuleSpec(
        "CC-BOIDUONG",
        "Công chức: bồi dưỡng tối thiểu 40 tiết mỗi năm",
        kind="duty",
        category="cong_chuc",
        periods=40,
        closing=("knowledge_update", "job_skills", "state_mgmt"),
        source="Nghĩa vụ bồi dưỡng hằng năm của công chức (không tìm thấy điều khoản trong NĐ 101/2017/NĐ-CP)",
        note=(
            "Chưa xác nhận: không tìm thấy điều khoản quy định 40 tiết mỗi năm trong NĐ 101/2017/NĐ-CP, "
            "NĐ 171/2025/NĐ-CP hay TT 01/2018/TT-BNV; tỉnh sửa khi có căn cứ."
        ),
    ),
]
