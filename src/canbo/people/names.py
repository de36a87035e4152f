"""Realistic synthetic Vietnamese people, for demos, fixtures and benchmarks.

Deterministic for a seed, and fast: every choice is one ``random()`` call and a bisect on
precomputed cumulative weights, so a million people take a few seconds. The distributions are
plausible for commune staff of a mountain province (Điện Biên: REFERENCE.md §1, §9), not
statistics: they must never be shown as facts.

Names follow each group's usual pattern (family name, middle name, given name); Mông men carry the
middle name "A", most minority women "Thị". Groups without a pattern of their own borrow the one of
a neighbouring group (Lào, Kháng, Lự, Cống: Thái; Si La, Phù Lá, La Chí: Hà Nhì; southern: Kinh).
"""

from __future__ import annotations

import datetime
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from random import Random
from typing import Any

from canbo.core.text import fold
from canbo.people.reference_data import MAJORITY_ETHNICITY

REFERENCE_YEAR = 2025  # "today" for generated data: fixed, so that output never depends on the clock


def _picker(weighted: Sequence[tuple[Any, float] | Any] | str) -> Callable[[float], Any]:
    """Weighted choice: ``_picker(...)(r)`` maps a uniform r in [0, 1) to a value.

    ``weighted`` holds (value, weight) pairs, bare values (weight 1) or a "Name:weight …" string.
    Cumulative weights are normalised once, so a pick is one bisect (this is the hot loop).
    """
    if isinstance(weighted, str):
        weighted = _weighted(weighted)
    pairs = [item if isinstance(item, tuple) else (item, 1.0) for item in weighted]
    total = sum(weight for _, weight in pairs)
    values, cum, running = [], [], 0.0
    for value, weight in pairs:
        running += weight
        values.append(value)
        cum.append(running / total)
    cum[-1] = 2.0  # r < 1 always lands on a value, whatever the rounding

    def pick(r: float, values: list[Any] = values, cum: list[float] = cum, bisect=bisect) -> Any:
        return values[bisect(cum, r)]

    return pick


def _weighted(text: str) -> list[tuple[str, float]]:
    """ "Nguyễn:38 Trần:11 Lê" → [("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 1.0)] (weight 1 if absent)."""
    pairs = []
    for word in text.split():
        name, _, weight = word.partition(":")
        pairs.append((name, float(weight or 1)))
    return pairs


# --------------------------------------------------------------------------------------------
# Name patterns: family names and middle names per gender as "Name:weight" words; given names
# per gender, equally likely. 30+ given names for each group of Điện Biên.
# --------------------------------------------------------------------------------------------

_KINH_MALE_GIVEN = """
    Hùng Dũng Tuấn Hải Nam Long Minh Cường Thắng Sơn Trung Hiếu Quân Đức Phong Tùng Hoàng Huy Thành
    Bình Việt Khánh Hưng Tú Toàn Quang Kiên Hòa Lâm Thịnh Đạt Tâm Chiến Phúc Vinh Hiệp Giang Duy"""
_KINH_FEMALE_GIVEN = """
    Lan Hương Hoa Mai Huyền Trang Linh Thảo Hằng Ngọc Nga Hà Thủy Yến Nhung Dung Phương Loan Hạnh Vân
    Oanh Hiền Nhàn Thu Quỳnh Anh Duyên Giang Hồng Liên Tâm Chi Thanh Hậu Xuân"""

_STYLES: dict[str, dict[str, str]] = {
    "kinh": {
        "family": """Nguyễn:38 Trần:11 Lê:9 Phạm:7 Hoàng:5 Phan:3 Vũ:4 Đặng:2 Bùi:2 Đỗ:2 Ngô:1.5
            Dương:1 Đinh:1 Đào:1 Lương:0.7 Trịnh:0.7 Mai:0.5 Cao:0.5 Hà:0.7 Tạ:0.4 Lưu:0.4 Phùng:0.4
            Tô:0.3 Hồ:0.6 Lý:0.4 Kiều:0.3""",
        "male_middle": """Văn:45 Đức:8 Minh:8 Quang:6 Hữu:5 Xuân:5 Ngọc:4 Mạnh:4 Tiến:3 Công:4 Thanh:4
            Duy:2 Trung:2""",
        "female_middle": """Thị:55 Thu:7 Ngọc:6 Thanh:6 Minh:3 Thùy:5 Hồng:5 Phương:4 Kim:3 Bích:2 Hải:2
            Diệu:2""",
        "male_given": _KINH_MALE_GIVEN,
        "female_given": _KINH_FEMALE_GIVEN,
    },
    "thai": {
        "family": "Lò:22 Lường:14 Quàng:11 Cà:9 Tòng:8 Lù:6 Điêu:5 Hoàng:4 Vì:7 Lê:3 Bạc:3 Mè:3 Cầm:3 Lưu:1",
        "male_middle": "Văn:92 Thanh:3 Minh:3 Đức:2",
        "female_middle": "Thị:94 Thu:3 Thanh:3",
        "male_given": """
            Mừng Hải Thanh Khăm Ơn Inh Phóng Pọm Sơn Hùng Tuấn Chiến Thắng Hoan Minh Cường Đôi Ngoan
            Biên Khánh Thiêm Nghiêm Ánh Piếng Xiêng Phanh Lả Bun Chăn Tiến Quyết Long Thành Dũng Hậu Ban
            Lún Pâng Ngọc Tiêng""",
        "female_given": """
            Xuân Vân Hương Hoa Lan Nhung Thoan Thủy Bun Ngân Mai Duyên Hiên Phương Thanh Yến Xiêng Ngọc
            Liên Hằng Kim Tươi Thu Doan Chiên Ẻn Pâng Lả Xuyến Hạnh Thảo Trang Huyền Ơn Phong""",
    },
    "mong": {
        "family": """Giàng:16 Thào:14 Vàng:13 Sùng:11 Lầu:9 Mùa:8 Hạng:5 Lý:6 Cứ:4 Hờ:4 Vừ:5 Tráng:3
            Chá:2 Ly:2""",
        "male_middle": "A",  # always: a Mông man's name reads "Giàng A Páo"
        "female_middle": "Thị",
        "male_given": """
            Páo Chớ Dình Sử Chứ Lử Súa Dơ Tủa Sình Thái Pó Chư Nhè Của Chính Giống Khua Lềnh Lồng Mua Nủ
            Phử Sính Sếnh Tú Vư Xá Phềnh Chô Kỷ Lâu Dế Di Sang Tống Chống""",
        "female_given": """
            Mai Mỷ Dua Sua Dính Dợ Cở Chá Ly Say Pằng Mỵ Xy Dinh Nhìa Sinh Lan Hoa Páy Mua Dở Chi Máy Ku
            Chía Pà Chu Dế Vá Dung Sông""",
    },
    "khomu": {
        "family": "Lò:25 Quàng:20 Cầm:12 Vì:12 Lường:10 Tòng:8 Cà:8 Lý:5",
        "male_middle": "Văn",
        "female_middle": "Thị",
        "male_given": """
            Khăm Xôm Pằn Ỏn Đọi Bun Sàng Phăn Chăn Ót Puôn Cắm Thoong Sơn Dũng Hùng Tiến Nam Bình Hiệp
            Thịnh Thuận Kim Lả Khoa Ín Ọt Pơn Xiến Thái Hồng Minh""",
        "female_given": """
            Xuân Kim Pâng Bua Ỏn Ín Dịu Hương Xoan Lan Ngọc Thảo Nhung Mai Liên Hoa Thu Yến Hằng Duyên
            Phương Lả Chăn Bun Sấm Ót Thoan Vân Hiên Thúy""",
    },
    "dao": {
        "family": "Triệu:30 Lý:20 Đặng:15 Bàn:15 Phàn:8 Tẩn:6 Chảo:6",
        "male_middle": "Văn:60 Seo:15 Tòn:10 Láo:8 Ông:7",
        "female_middle": "Thị:85 Mùi:10 Mẩy:5",
        "male_given": """
            Quẩy Phủ Sinh Tả Chòi Lở Kiều Sơn Hùng Minh Tài Dền Vảng Phin Kinh Chàn Ván Lìn Tạ Sì Phúc Quý
            Nhất Thanh Lâm Tiến Hòa Sáng Trình Ngân""",
        "female_given": """
            Mẩy Xuân Chang Mai Liên Siểu Mùi Nhị Hoa Lan Phương Dung Sinh Liểu Làn Phây Xiêm Nái Kiều Hồng
            Thơm Vân Hạnh Dền Sỉ Tá Lìu Hà Thủy Yến""",
    },
    "hanhi": {
        "family": "Chu:25 Pờ:20 Lỳ:20 Phu:10 Lò:10 Sừ:8 Hù:7",
        "male_middle": "Văn:50 Xé:20 A:15 Già:15",
        "female_middle": "Thị:80 Mé:20",
        "male_given": """
            Phì Chừ Hừ Xá Lé Chà Do Gơ Kha Sừ Ché Lừ Phạ Xè Chơ Dì Nhù Hờ Xú Gió Dơ Chò Pà Phó Giá Xo Hồ
            Khừ Bé Dế Gạ""",
        "female_given": """
            Thùy Nga Lé Xá Mé Chừ Gơ Hừ Dì Chơ Lan Hoa Mai Hương Pù Mơ Xú Pà Vi Mỹ Dung Xuân Thu Hà Nhung
            Ngọc Yến Thảo Phương Nụ""",
    },
    "hoa": {
        "family": "Lý:15 Hoàng:12 Trương:12 Lâm:12 Diệp:8 Châu:8 Quan:8 Mã:8 Vương:8 Tăng:5 La:4",
        "male_middle": "Văn:50 Quốc:15 Minh:15 Gia:10 Vĩnh:10",
        "female_middle": "Thị:50 Mỹ:20 Ngọc:15 Tú:15",
        "male_given": _KINH_MALE_GIVEN,
        "female_given": _KINH_FEMALE_GIVEN,
    },
    "tay_nung": {
        "family": "Hoàng:20 Nông:18 Lương:10 Hà:10 Vi:8 Lục:6 Đàm:6 Ma:6 Triệu:6 La:5 Lăng:5",
        "male_middle": "Văn:80 Đức:10 Minh:10",
        "female_middle": "Thị:85 Thu:8 Hồng:7",
        "male_given": _KINH_MALE_GIVEN,
        "female_given": _KINH_FEMALE_GIVEN,
    },
    "muong": {
        "family": "Bùi:35 Đinh:25 Quách:12 Hà:10 Xa:8 Cao:5 Trương:5",
        "male_middle": "Văn:85 Công:10 Đức:5",
        "female_middle": "Thị:90 Thu:10",
        "male_given": _KINH_MALE_GIVEN,
        "female_given": _KINH_FEMALE_GIVEN,
    },
}

# Ethnicity code → name style; any other code uses "kinh". Small northern groups borrow the pattern
# of a neighbouring group (Lào, Kháng, Lự, Cống → Thái; Xinh Mun → Khơ Mú; La Chí, Phù Lá, Lô Lô,
# Si La → Hà Nhì; Giáy → Tày-Nùng).
_STYLE_OF = {
    "01": "kinh", "02": "tay_nung", "03": "thai", "04": "hoa", "06": "muong", "07": "tay_nung",
    "08": "mong", "09": "dao", "25": "tay_nung", "29": "khomu", "33": "thai", "34": "khomu",
    "35": "hanhi", "37": "thai", "38": "hanhi", "40": "hanhi", "42": "thai", "43": "hanhi",
    "48": "thai", "50": "hanhi",
}  # fmt: skip

# --------------------------------------------------------------------------------------------
# Province profiles: ethnic mix ("code:weight") and the 3-digit province code of the personal ID
# (TT 07/2016/TT-BCA: 011 = Điện Biên, 001 = Hà Nội).
# --------------------------------------------------------------------------------------------

PROFILES: dict[str, dict[str, str]] = {
    "dien_bien": {
        "province_code": "011",
        # Thái 38 %, Mông 35 %, Kinh 17.5 %, Khơ Mú 3 %, then Dao, Hà Nhì, Lào, Kháng, Hoa … (a plausible
        # mix for commune staff, not a statistic)
        "ethnicities": """03:38 08:35 01:17.5 29:3 09:1.5 35:1 37:1 33:0.6 04:0.4 02:0.4 06:0.4 07:0.3
            50:0.2 48:0.2 40:0.2 42:0.1 34:0.1""",
    },
    "national": {  # rough 2019-census shares, for a country-wide demo
        "province_code": "001",
        "ethnicities": """01:85.3 02:1.9 03:1.9 06:1.5 08:1.4 05:1.4 07:1.1 09:0.9 04:0.8 10:0.5 12:0.4
            13:0.3 14:0.2 15:0.2 16:0.2 18:0.2 17:0.2 19:0.15 29:0.1""",
    },
}

# --------------------------------------------------------------------------------------------
# Attribute distributions (commune staff of a mountain province; brief of the seed data).
# --------------------------------------------------------------------------------------------

_BIRTH_YEAR = _picker(
    [(y, 1.0) for y in range(1965, 1975)]
    + [(y, 4.0) for y in range(1975, 1996)]
    + [(y, 2.0) for y in range(1996, 2004)]
)
_CATEGORY = _picker([("can_bo", 35), ("cong_chuc", 40), ("khong_chuyen_trach", 20), ("hop_dong", 5)])
_GENERAL_EDUCATION = _picker([("thpt", 94), ("thcs", 5), (None, 1)])
_PROFESSIONAL = _picker([("dai_hoc", 60), ("trung_cap", 20), ("cao_dang", 8), ("thac_si", 5), ("so_cap", 1), (None, 6)])
_PROFESSIONAL_FIELD = _picker(
    [
        ("Luật", 12), ("Kinh tế", 6), ("Kế toán", 10), ("Quản lý đất đai", 8), ("Nông học", 5),
        ("Chăn nuôi thú y", 4), ("Lâm sinh", 3), ("Sư phạm Tiểu học", 4), ("Quản trị kinh doanh", 4),
        ("Tài chính - Ngân hàng", 4), ("Hành chính học", 6), ("Quản lý nhà nước", 6),
        ("Xây dựng dân dụng và công nghiệp", 3), ("Công nghệ thông tin", 3), ("Quản lý văn hóa", 4),
        ("Công tác xã hội", 4), ("Xây dựng Đảng và chính quyền nhà nước", 5), ("Kinh tế nông nghiệp", 4),
        ("Địa chính", 3), ("Thống kê", 2),
    ]
)  # fmt: skip
_MASTER_FIELD = _picker(["Quản lý kinh tế", "Luật kinh tế", "Chính trị học", "Quản lý công", "Kinh tế nông nghiệp"])
# Politics depends on Party membership so that both marginals hold: P(member) = 0.55 and overall
# trung cấp 50 %, sơ cấp 25 %, cao cấp + cử nhân 8 %, none 17 %.
_PARTY_SHARE = 0.55
_POLITICS_MEMBER = _picker([("trung_cap", 70), ("so_cap", 15), ("cao_cap", 11.5), ("cu_nhan", 1.5), (None, 2)])
_POLITICS_OTHER = _picker([("trung_cap", 25.6), ("so_cap", 37.2), ("cao_cap", 1.9), (None, 35.3)])
_STATE_MGMT = _picker([("chuyen_vien", 35), ("can_su", 5), ("chuyen_vien_chinh", 5), (None, 55)])
# The old certificates A, B, C (30 %, 10 %, 0.5 % of staff) count as cơ bản (TTLT 17/2016): one level now.
_IT = _picker([("co_ban", 70.5), ("nang_cao", 2), (None, 27.5)])
_FOREIGN_LANGUAGE = _picker(
    [
        ("chung_chi_a", 20), ("chung_chi_b", 15), ("chung_chi_c", 1), ("bac_1", 5), ("bac_2", 12),
        ("bac_3", 8), ("bac_4", 1), (None, 38),
    ]
)  # fmt: skip
_LANGUAGE = _picker([("Tiếng Anh", 90), ("Tiếng Trung", 4), ("Tiếng Lào", 4), ("Tiếng Pháp", 1), ("Tiếng Nga", 1)])
_DEFENCE = _picker([("doi_tuong_4", 50), ("doi_tuong_3", 10), (None, 40)])
_LEADERSHIP = _picker([("cap_phong", 3), (None, 97)])
# Religion by name style: many Mông families in Điện Biên are Protestant; the rest mostly none.
_RELIGION = {
    "kinh": _picker([("khong", 95), ("phat_giao", 3.5), ("cong_giao", 1.5)]),
    "mong": _picker([("khong", 85), ("tin_lanh", 15)]),
    "other": _picker([("khong", 98), ("tin_lanh", 1), ("phat_giao", 1)]),
}
_FEMALE_SHARE = 0.40
_FULL_BIRTH_DATE_SHARE = 0.70  # the others are known by year only, as in many old records
_KINH_ETHNIC_LANGUAGE_SHARE = 0.12  # Kinh staff certified in the language of the people they serve
_MINORITY_ETHNIC_LANGUAGE_SHARE = 0.02

PERSON_KEYS = (
    "full_name", "gender", "birth_year", "birth_date", "ethnicity", "religion", "party_member",
    "party_joined_year", "category", "id_number", "general_education", "professional",
    "professional_field", "politics", "state_mgmt", "defence", "leadership", "it", "foreign_language",
    "foreign_language_field", "ethnic_language", "ethnic_language_field",
)  # fmt: skip


class _Style:
    __slots__ = ("family", "female_given", "female_middle", "male_given", "male_middle")

    def __init__(self, spec: dict[str, Any]):
        self.family = _picker(spec["family"])
        self.male_middle = _picker(spec["male_middle"])
        self.female_middle = _picker(spec["female_middle"])
        self.male_given = tuple(spec["male_given"].split())
        self.female_given = tuple(spec["female_given"].split())


def id_number_for(index: int, *, province_code: str = "011", gender: str, birth_year: int) -> str:
    """A valid-looking 12-digit personal ID number (số định danh cá nhân / CCCD).

    Layout (TT 07/2016/TT-BCA): 3 digits of province, 1 digit of century and gender (0/1 for a man /
    woman born 1900–1999, 2/3 for 2000–2099, … up to 8/9 for 2300–2399), 2 digits of the year of
    birth, 6 digits of serial. The serial is a bijective scramble of ``index`` (0 ≤ index < 1,000,000),
    so distinct indexes give distinct numbers for the same province, gender and year.
    """
    if not 0 <= index < 1_000_000:
        raise ValueError(f"index must be in [0, 1000000), not {index}")
    if len(province_code) != 3 or not province_code.isdigit():
        raise ValueError(f"province code must be 3 digits, not {province_code!r}")
    if gender not in ("male", "female"):
        raise ValueError(f"gender must be 'male' or 'female', not {gender!r}")
    century = (birth_year - 1900) // 100
    if not 0 <= century <= 4:
        raise ValueError(f"birth year {birth_year} is outside 1900–2399")
    serial = (index * 738_163 + 104_729) % 1_000_000  # 738163 is prime to 10**6: a bijection
    return f"{province_code}{2 * century + (gender == 'female')}{birth_year % 100:02d}{serial:06d}"


def make_people(n: int, *, seed: int, province_profile: str = "dien_bien") -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic people (dicts with the keys of PERSON_KEYS), the same ones for the same seed.

    Level values are level codes of reference_data.LADDERS (or None); ``*_field`` hold the
    speciality or language. ID numbers are unique within one call.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    try:
        profile = PROFILES[province_profile]
    except KeyError:
        raise ValueError(f"unknown province profile {province_profile!r}; known: {sorted(PROFILES)}") from None
    return _generate(n, Random(seed), profile)


def _generate(n: int, rng: Random, profile: dict[str, str]) -> Iterator[dict[str, Any]]:
    r = rng.random
    ethnic_mix = _weighted(profile["ethnicities"])
    pick_ethnicity = _picker(ethnic_mix)
    province_code = profile["province_code"]
    styles = {key: _Style(spec) for key, spec in _STYLES.items()}
    style_of = {code: styles[_STYLE_OF.get(code, "kinh")] for code, _ in ethnic_mix}
    religion_of = {code: _RELIGION.get(_STYLE_OF.get(code, "kinh"), _RELIGION["other"]) for code, _ in ethnic_mix}
    years = range(1965, 2004)
    jan1 = {y: datetime.date(y, 1, 1).toordinal() for y in years}
    days = {y: datetime.date(y + 1, 1, 1).toordinal() - jan1[y] for y in years}
    fromordinal = datetime.date.fromordinal
    # Personal IDs: one serial counter per (gender, year), i.e. per ID prefix, starting at a random
    # offset; unique as long as no prefix gets a million people.
    serials: dict[tuple[str, int], int] = {}
    majority = MAJORITY_ETHNICITY
    birth_year, category, general_education = _BIRTH_YEAR, _CATEGORY, _GENERAL_EDUCATION
    professional_pick, professional_field_pick, master_field_pick = (
        _PROFESSIONAL,
        _PROFESSIONAL_FIELD,
        _MASTER_FIELD,
    )
    politics_member, politics_other, state_mgmt_pick = _POLITICS_MEMBER, _POLITICS_OTHER, _STATE_MGMT
    it_pick, foreign_language_pick, language_pick = _IT, _FOREIGN_LANGUAGE, _LANGUAGE
    defence_pick, leadership_pick = _DEFENCE, _LEADERSHIP

    for _ in range(n):
        ethnicity = pick_ethnicity(r())
        style = style_of[ethnicity]
        if r() < _FEMALE_SHARE:
            gender, given = "female", style.female_given
            full_name = f"{style.family(r())} {style.female_middle(r())} {given[int(r() * len(given))]}"
        else:
            gender, given = "male", style.male_given
            full_name = f"{style.family(r())} {style.male_middle(r())} {given[int(r() * len(given))]}"
        year = birth_year(r())
        birth_date = fromordinal(jan1[year] + int(r() * days[year])) if r() < _FULL_BIRTH_DATE_SHARE else None

        party_member = r() < _PARTY_SHARE
        if party_member:
            # joined at 20–39 (mostly around 30), never after the reference year
            party_joined_year = min(year + 20 + int((r() + r()) * 10), REFERENCE_YEAR - int(r() * 3))
            politics = politics_member(r())
        else:
            party_joined_year = None
            politics = politics_other(r())

        professional = professional_pick(r())
        if professional is None:
            professional_field = None
        elif professional == "thac_si":
            if year > 1997:  # too young for a master's degree
                professional, professional_field = "dai_hoc", professional_field_pick(r())
            else:
                professional_field = master_field_pick(r())
        else:
            professional_field = professional_field_pick(r())

        state_mgmt = state_mgmt_pick(r())
        if state_mgmt == "chuyen_vien_chinh" and year > 1990:
            state_mgmt = "chuyen_vien"
        foreign_language = foreign_language_pick(r())

        if ethnicity == majority:
            certified = r() < _KINH_ETHNIC_LANGUAGE_SHARE
            ethnic_language_field = ("Tiếng Thái" if r() < 0.6 else "Tiếng Mông") if certified else None
        else:
            certified = r() < _MINORITY_ETHNIC_LANGUAGE_SHARE
            ethnic_language_field = ("Tiếng Thái" if ethnicity == "08" else "Tiếng Mông") if certified else None

        key = (gender, year)
        serial = serials.get(key)
        if serial is None:
            serial = int(r() * 1_000_000)
        serials[key] = serial + 1

        yield {
            "full_name": full_name,
            "gender": gender,
            "birth_year": year,
            "birth_date": birth_date,
            "ethnicity": ethnicity,
            "religion": religion_of[ethnicity](r()),
            "party_member": party_member,
            "party_joined_year": party_joined_year,
            "category": category(r()),
            "id_number": id_number_for(serial % 1_000_000, province_code=province_code, gender=gender, birth_year=year),
            "general_education": general_education(r()),
            "professional": professional,
            "professional_field": professional_field,
            "politics": politics,
            "state_mgmt": state_mgmt,
            "defence": defence_pick(r()),
            "leadership": leadership_pick(r()),
            "it": it_pick(r()),
            "foreign_language": foreign_language,
            "foreign_language_field": language_pick(r()) if foreign_language is not None else None,
            "ethnic_language": "chung_chi" if certified else None,
            "ethnic_language_field": ethnic_language_field,
        }


def sort_key(full_name: str) -> str:
    """The key offices sort a list of people by: the given name (tên, the last word), then the
    family name (họ, the first), then the middle names — "Nguyễn Văn An" before "Bạc Thị Bun".
    Each part is compared without diacritics, then with them (lower-case), so every "An" comes
    before every "Ân" and "Cà Thị An" before "Nguyễn Văn An". Stored in `Person.sort_key`
    (COLLATE "C", byte order) by every writer; \x01 sorts before any letter or space."""
    words = (full_name or "").split()
    if not words:
        return ""
    given, rest = words[-1], " ".join([*words[:1], *words[1:-1]] if len(words) > 1 else [])
    return f"{fold(given)}\x01{given.lower()}\x01{fold(rest)}\x01{rest.lower()}"[:250]
