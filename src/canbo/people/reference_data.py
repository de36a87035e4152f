"""Reference catalogues of people's attributes: ethnicities, religions, categories, level ladders.

Pure data and pure functions (no Django): migrations and seed commands load these rows into the
catalogue tables, importers use the synonym indexes to read what real Excel files write ("ĐH",
"ThS", "TC LLCT", "CVC", "Mèo" …). The canonical labels are part of the public output (reports,
exports): change them only on purpose.

Sources: REFERENCE.md §4; ethnicity codes from the GSO list "Danh mục các thành phần dân tộc Việt
Nam" (QĐ 121-TCTK/PPCĐ, 2 March 1979), the order the 2019 census tables still use. Beware: the
2008 GSO list (QĐ 1019/QĐ-TCTK) numbers the groups differently (04 Mường, 05 Khơ-me, 06 Hoa …);
a file coded with that list must be mapped by name, not by code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from canbo.core.text import fold

# --------------------------------------------------------------------------------------------
# Ethnicities: (code, display name, synonyms). Synonyms are spelling variants and the old or
# other names of the GSO list that do not belong to another group as well: "Thổ" (also an old
# name of the Tày and the Khmer), "Hoa" (a Mông subgroup), "Xá", "Trại" … are left out on purpose.
# --------------------------------------------------------------------------------------------

MAJORITY_ETHNICITY = "01"  # Kinh; "dân tộc thiểu số" (ethnic minority) means any other code

ETHNICITIES: list[tuple[str, str, list[str]]] = [
    ("01", "Kinh", ["Kinh (Việt)", "Việt", "Người Kinh"]),
    ("02", "Tày", ["Ngạn", "Phén", "Thù Lao", "Pa Dí"]),
    ("03", "Thái", ["Thái đen", "Thái trắng", "Tày Đăm", "Tày Khao", "Tày Thanh", "Tày Mười", "Pu Thay"]),
    ("04", "Hoa", ["Hoa (Hán)", "Hán", "Triều Châu", "Phúc Kiến", "Quảng Đông", "Hải Nam", "Xạ Phạng"]),
    ("05", "Khmer", ["Khơ-me", "Khơ me", "Khơme", "Khmer", "Khơ-me Krôm", "Việt gốc Miên"]),
    ("06", "Mường", ["Mol", "Mual", "Mọi Bi", "Ao Tá"]),
    ("07", "Nùng", ["Nùng An", "Nùng Cháo", "Nùng Lòi", "Nùng Giang", "Nùng Xuồng", "Phàn Slình"]),
    (
        "08",
        "Mông",
        ["H'Mông", "H’Mông", "HMông", "Hmông", "H Mông", "Mông (Mèo)", "H'Mông (Mèo)", "Mèo", "Mẹo"],
    ),
    ("09", "Dao", ["Mán", "Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt", "Dao Quần Trắng", "Dao Thanh Y"]),
    ("10", "Gia Rai", ["Gia-rai", "Giarai", "Jrai", "Giơ-rai", "Chơ-rai"]),
    ("11", "Ngái", ["Xín", "Đản", "Khách Gia"]),
    ("12", "Ê Đê", ["Ê-đê", "Êđê", "Ede", "Rađê", "Ra-đê"]),
    ("13", "Ba Na", ["Ba-na", "Bana", "Bahnar"]),
    ("14", "Xơ Đăng", ["Xơ-Đăng", "Xơđăng", "Xê Đăng", "Sedang", "Ca Dong"]),
    ("15", "Sán Chay", ["Sán Chay (Cao Lan-Sán Chỉ)", "Cao Lan", "Sán Chỉ", "Cao Lan-Sán Chỉ"]),
    ("16", "Cơ Ho", ["Cơ-ho", "K'Ho", "Kơho", "Cơ Ho Chil", "Xrê", "Nốp"]),
    ("17", "Chăm", ["Chàm", "Chăm Hroi", "Chiêm Thành"]),
    ("18", "Sán Dìu", ["Sán Déo", "Trại Đất", "Mán Quần Cộc"]),
    ("19", "Hrê", ["H'rê", "H’rê", "Chăm Rê", "Chom"]),
    ("20", "Mnông", ["M'Nông", "M’Nông", "Mơ Nông", "Mnông Gar", "Mnông Rlăm"]),
    ("21", "Ra Glai", ["Ra-glai", "Raglai", "Raglay", "Ra-glay", "Rắc Lây", "Noang", "La Oang"]),
    ("22", "Xtiêng", ["X'Tiêng", "X’Tiêng", "Stiêng", "Xa Điêng"]),
    ("23", "Bru-Vân Kiều", ["Bru - Vân Kiều", "Bru Vân Kiều", "Vân Kiều", "Bru", "Ma Coong", "Trì", "Khùa"]),
    ("24", "Thổ", ["Người Thổ", "Kẹo", "Mọn", "Cuối", "Đan Lai", "Ly Hà", "Tày Pọng"]),
    ("25", "Giáy", ["Nhắng", "Dẩng", "Pầu Thìn Nu Nà", "Cùi Chu"]),
    ("26", "Cơ Tu", ["Cơ-tu", "Ka Tu", "Katu", "Ca-tu"]),
    (
        "27",
        "Giẻ Triêng",
        ["Gié Triêng", "Gié-Triêng", "Giẻ-Triêng", "Giẻ", "Triêng", "Ve", "Ta Riêng", "Bnoong"],
    ),
    ("28", "Mạ", ["Châu Mạ", "Mạ Ngăn", "Mạ Xóp", "Mạ Tô", "Mạ Krung"]),
    (
        "29",
        "Khơ Mú",
        ["Khơ-mú", "Khơ mú", "Khơmú", "Khmú", "Kmhmu", "Xá Cẩu", "Mứn Xen", "Pu Thênh", "Tày Hay"],
    ),
    ("30", "Co", ["Cor", "Col", "Cùa", "Trầu"]),
    ("31", "Tà Ôi", ["Tà-ôi", "Ta Ôi", "Taôi", "Pa Cô", "Pa Kô", "Tôi Ôi", "Pa Hi"]),
    ("32", "Chơ Ro", ["Chơ-ro", "Chơro", "Châu Ro", "Dơ Ro"]),
    ("33", "Kháng", ["Xá Súa", "Xá Dón", "Xá Dẩng", "Xá Hốc", "Xá Ái", "Quảng Lâm"]),
    ("34", "Xinh Mun", ["Xinh-mun", "Xinhmun", "Puộc"]),
    ("35", "Hà Nhì", ["Hà Nhì Già", "U Ni", "Xá U Ni", "Cô Chồ", "Cồ Chồ", "La Mí"]),
    ("36", "Chu Ru", ["Chu-ru", "Chu ru", "Churu", "Chơ Ru"]),
    ("37", "Lào", ["Lào Bốc", "Lào Nọi", "Lào Bóc"]),
    ("38", "La Chí", ["La Chi", "Cù Tê", "La Quả"]),
    ("39", "La Ha", ["Xá Cha", "Xá Táu Nhạ", "Xá Poọng", "Xá Uống", "Khlá Phlạo"]),
    ("40", "Phù Lá", ["Xá Phó", "Bồ Khô Pạ", "Mu Di Pạ Xá", "Phó", "Phổ", "Va Xơ"]),
    ("41", "La Hủ", ["Cò Xung", "Khù Xung", "Khả Quy", "Pu Đang"]),
    ("42", "Lự", ["Lừ", "Nhuồn", "Duôn"]),
    ("43", "Lô Lô", ["Lôlô", "Mun Di", "Ô Man", "Lu Lộc Màn"]),
    ("44", "Chứt", ["Sách", "Mày", "Rục", "Mã Liêng", "A Rem", "Tu Vang", "Pa Leng"]),
    ("45", "Mảng", ["Mảng Ư"]),
    ("46", "Pà Thẻn", ["Pà Hưng", "Tống"]),
    ("47", "Cơ Lao", ["Co Lao", "Cờ Lao", "Cơlao"]),
    ("48", "Cống", ["Xắm Khống", "Mấng Nhé", "Xá Xeng", "Xá Xeng Cống"]),
    ("49", "Bố Y", ["Bố-y", "Chủng Chá", "Trọng Gia", "Tu Dí", "Tu Dìn"]),
    ("50", "Si La", ["Cù Dề Xừ", "Khả Pẻ"]),
    ("51", "Pu Péo", ["Pu-péo", "Pupéo", "Ka Pèo", "Pen Ti Lô Lô"]),
    ("52", "Brâu", ["Brao"]),
    ("53", "Ơ Đu", ["Ơ-đu", "Ơđu", "Tày Hạt"]),
    ("54", "Rơ Măm", ["Rơ-măm", "Rơmăm", "Romam"]),
]

# --------------------------------------------------------------------------------------------
# Religions (the 2019 census lists these among the recognised religions; "khac" catches the rest).
# --------------------------------------------------------------------------------------------

NO_RELIGION = "khong"

RELIGIONS: list[tuple[str, str, list[str]]] = [
    (
        "khong",
        "Không",
        ["Không", "Không theo tôn giáo", "Không tôn giáo", "Không có", "Không theo đạo", "", "-", "--"],
    ),
    ("phat_giao", "Phật giáo", ["Phật", "Đạo Phật", "Phật giáo"]),
    (
        "cong_giao",
        "Công giáo",
        ["Thiên chúa giáo", "Thiên Chúa", "Công giáo", "Đạo Thiên chúa", "Đạo Công giáo"],
    ),
    ("tin_lanh", "Tin Lành", ["Tin lành", "Đạo Tin lành", "Tin Lành"]),
    ("cao_dai", "Cao Đài", ["Đạo Cao Đài", "Cao Đài"]),
    ("hoa_hao", "Phật giáo Hòa Hảo", ["Hòa Hảo", "Hoà Hảo", "Phật giáo Hoà Hảo", "Đạo Hòa Hảo"]),
    ("hoi_giao", "Hồi giáo", ["Hồi", "Đạo Hồi", "Islam"]),
    ("ba_la_mon", "Bà-la-môn", ["Bà La Môn", "Bàlamôn", "Đạo Bà-la-môn"]),
    ("khac", "Khác", ["Tôn giáo khác", "Khác"]),
]

# --------------------------------------------------------------------------------------------
# Categories of staff (Luật Cán bộ, công chức; Luật Viên chức; contract staff).
# --------------------------------------------------------------------------------------------

CATEGORIES: list[tuple[str, str, list[str]]] = [
    ("can_bo", "Cán bộ", ["CB", "Cán bộ"]),
    ("cong_chuc", "Công chức", ["CC", "Công chức"]),
    ("vien_chuc", "Viên chức", ["VC", "Viên chức"]),
    (
        "khong_chuyen_trach",
        "Người hoạt động không chuyên trách",
        ["KCT", "Không chuyên trách", "Người hoạt động không chuyên trách", "Bán chuyên trách"],
    ),
    (
        "hop_dong",
        "Hợp đồng lao động",
        ["HĐ", "HĐLĐ", "Hợp đồng", "Hợp đồng 68", "HĐ 68", "Hợp đồng 111", "HĐ 111", "Hợp đồng lao động"],
    ),
]

# --------------------------------------------------------------------------------------------
# Languages (the "field" of the foreign-language and ethnic-language ladders).
# --------------------------------------------------------------------------------------------

LANGUAGES: list[str] = [
    "Tiếng Anh",
    "Tiếng Pháp",
    "Tiếng Trung",
    "Tiếng Nga",
    "Tiếng Lào",
    "Tiếng Nhật",
    "Tiếng Hàn",
    "Tiếng Đức",
]

ETHNIC_LANGUAGES: list[str] = [
    "Tiếng Thái",
    "Tiếng Mông",
    "Tiếng Khơ Mú",
    "Tiếng Dao",
    "Tiếng Hà Nhì",
    "Tiếng Lào",
]

# --------------------------------------------------------------------------------------------
# Level ladders, low → high. "rank" orders levels within a ladder (two levels may share a rank:
# the old A/B/C certificates and today's frameworks are both kept). Synonyms are what Excel files
# write; diacritic-free spellings ("Thac sy") need no entry of their own, since lookups fold text.
# --------------------------------------------------------------------------------------------


def _level(code: str, label: str, rank: int, synonyms: Sequence[str], **extra: Any) -> dict[str, Any]:
    return {"code": code, "label": label, "rank": rank, "synonyms": list(synonyms), **extra}


def _certificate(letter: str, *prefixes: str) -> list[str]:
    """ "A", "Chứng chỉ A", "CC A", "Trình độ A", "Tin học A" …: the ways files write an A/B/C certificate."""
    return [letter, f"Chứng chỉ {letter}", f"CC {letter}", f"Trình độ {letter}"] + [
        f"{prefix} {letter}" for prefix in prefixes
    ]


def _cefr(level: int, cefr: str) -> list[str]:
    """Bậc n of the 6-level framework (TT 01/2014/TT-BGDĐT) and its CEFR equivalent."""
    return [
        f"Bậc {level}",
        f"Bậc {level}/6",
        f"Bậc {level} (6 bậc)",
        f"Bậc {level} khung 6 bậc",
        cefr,
        f"{cefr} (bậc {level})",
        f"Bậc {level} ({cefr})",
        f"Tiếng Anh {cefr}",
        f"Anh {cefr}",
        f"Tiếng Anh bậc {level}",
    ]


LADDERS: list[dict[str, Any]] = [
    {
        "code": "general_education",
        "name": "Giáo dục phổ thông",
        "short_name": "GDPT",
        "has_field": False,
        "field_label": None,
        "source": "Mẫu 2C-BNV/2008, mục 15.1; REFERENCE.md §4",
        "levels": [
            _level(
                "thcs",
                "9/12",
                1,
                [
                    "9/12",
                    "THCS",
                    "7/10",
                    "8/10",
                    "9/10",
                    "Tốt nghiệp THCS",
                    "Trung học cơ sở",
                    "Cấp 2",
                    "Cấp II",
                ],
            ),
            _level(
                "thpt",
                "12/12",
                2,
                [
                    "12/12",
                    "THPT",
                    "10/10",
                    "Tốt nghiệp THPT",
                    "Trung học phổ thông",
                    "Bổ túc 12/12",
                    "BTVH 12/12",
                    "12/12 BT",
                    "12/12 BTVH",
                    "Bổ túc THPT",
                    "Cấp 3",
                    "Cấp III",
                ],
            ),
        ],
    },
    {
        "code": "professional",
        "name": "Trình độ chuyên môn",
        "short_name": "CM",
        "has_field": True,
        "field_label": "Chuyên ngành",
        "source": "Mẫu 2C-BNV/2008, mục 15.2; REFERENCE.md §4",
        "levels": [
            _level("so_cap", "Sơ cấp", 1, ["SC", "Sơ cấp", "Sơ cấp nghề", "Chứng chỉ sơ cấp"]),
            _level(
                "trung_cap",
                "Trung cấp",
                2,
                [
                    "TC",
                    "Trung cấp",
                    "THCN",
                    "Trung học chuyên nghiệp",
                    "TCCN",
                    "Trung cấp chuyên nghiệp",
                    "Trung cấp nghề",
                    "Y sĩ",
                ],
            ),
            _level("cao_dang", "Cao đẳng", 3, ["CĐ", "Cao đẳng", "Cao đẳng nghề"]),
            _level(
                "dai_hoc",
                "Đại học",
                4,
                [
                    "ĐH",
                    "Đại học",
                    "Cử nhân",
                    "CN",
                    "Kỹ sư",
                    "Kĩ sư",
                    "KS",
                    "Bác sĩ",
                    "Bác sỹ",
                    "BS",
                    "Dược sĩ",
                    "Dược sỹ",
                    "Kiến trúc sư",
                    "KTS",
                    "Đại học chính quy",
                    "Đại học tại chức",
                    "ĐHTC",
                    "Đại học từ xa",
                    "Đại học vừa làm vừa học",
                ],
            ),
            _level("thac_si", "Thạc sĩ", 5, ["ThS", "Th.S", "Thạc sỹ", "Thạc sĩ", "Cao học"]),
            _level("tien_si", "Tiến sĩ", 6, ["TS", "Tiến sỹ", "Tiến sĩ"]),
            _level("tskh", "Tiến sĩ khoa học", 7, ["TSKH", "Tiến sỹ khoa học", "TS.KH"]),
        ],
    },
    {
        "code": "politics",
        "name": "Lý luận chính trị",
        "short_name": "LLCT",
        "has_field": False,
        "field_label": None,
        "source": "Mẫu 2C-BNV/2008, mục 15.3; REFERENCE.md §4",
        "levels": [
            _level(
                "so_cap",
                "Sơ cấp",
                1,
                [
                    "SC",
                    "Sơ cấp",
                    "Sơ cấp LLCT",
                    "SC LLCT",
                    "Sơ cấp chính trị",
                    "SCCT",
                    "Sơ cấp lý luận chính trị",
                ],
            ),
            _level(
                "trung_cap",
                "Trung cấp",
                2,
                [
                    "TC",
                    "Trung cấp",
                    "TC LLCT",
                    "TCLLCT",
                    "Trung cấp LLCT",
                    "Trung cấp chính trị",
                    "TCCT",
                    "Trung cấp lý luận chính trị",
                    "Trung cấp chính trị - hành chính",
                    "Trung cấp LLCT - HC",
                ],
            ),
            _level(
                "cao_cap",
                "Cao cấp",
                3,
                [
                    "CC",
                    "Cao cấp",
                    "CC LLCT",
                    "CCLLCT",
                    "Cao cấp LLCT",
                    "Cao cấp chính trị",
                    "CCCT",
                    "Cao cấp lý luận chính trị",
                    "Cao cấp LLCT - HC",
                    "Cao cấp lý luận chính trị - hành chính",
                ],
            ),
            # Most standards count a bachelor of political theory as cao cấp (REFERENCE.md §4):
            # "equivalent_to" lets a standard check treat it so, while statistics keep it apart.
            _level(
                "cu_nhan",
                "Cử nhân",
                4,
                ["Cử nhân", "CN LLCT", "Cử nhân chính trị", "Cử nhân LLCT", "Cử nhân lý luận chính trị"],
                equivalent_to="cao_cap",
            ),
        ],
    },
    {
        "code": "state_mgmt",
        "name": "Quản lý nhà nước",
        "short_name": "QLNN",
        "has_field": False,
        "field_label": None,
        "source": "Mẫu 2C-BNV/2008, mục 15.4; NĐ 101/2017 (chương trình theo ngạch); REFERENCE.md §4, §6",
        "levels": [
            _level("can_su", "Cán sự", 1, ["CS", "Cán sự", "QLNN ngạch cán sự", "Ngạch cán sự"]),
            _level(
                "chuyen_vien",
                "Chuyên viên",
                2,
                [
                    "CV",
                    "Chuyên viên",
                    "QLNN ngạch chuyên viên",
                    "Ngạch chuyên viên",
                    "QLNN ngạch CV",
                    "QLNN chương trình chuyên viên",
                    "Chuyên viên và tương đương",
                ],
            ),
            _level(
                "chuyen_vien_chinh",
                "Chuyên viên chính",
                3,
                [
                    "CVC",
                    "Chuyên viên chính",
                    "QLNN ngạch CVC",
                    "QLNN ngạch chuyên viên chính",
                    "Ngạch chuyên viên chính",
                    "Chuyên viên chính và tương đương",
                ],
            ),
            _level(
                "chuyen_vien_cao_cap",
                "Chuyên viên cao cấp",
                4,
                [
                    "CVCC",
                    "Chuyên viên cao cấp",
                    "QLNN ngạch CVCC",
                    "QLNN ngạch chuyên viên cao cấp",
                    "Ngạch chuyên viên cao cấp",
                    "Chuyên viên cao cấp và tương đương",
                ],
            ),
        ],
    },
    {
        "code": "defence",
        "name": "Quốc phòng - an ninh",
        "short_name": "QP-AN",
        "has_field": False,
        "field_label": None,
        "source": (
            "Luật Giáo dục quốc phòng và an ninh 2013 and its decrees (đối tượng 1–4; current decree "
            "unconfirmed); REFERENCE.md §4"
        ),
        "levels": [
            _level(
                f"doi_tuong_{n}",
                f"Đối tượng {n}",
                5 - n,
                [
                    f"ĐT{n}",
                    f"ĐT {n}",
                    f"Đối tượng {n}",
                    f"Đối tượng {roman}",
                    f"ĐT {roman}",
                    f"QP-AN đối tượng {n}",
                    str(n),
                ],
            )
            for n, roman in ((4, "IV"), (3, "III"), (2, "II"), (1, "I"))
        ],
    },
    {
        "code": "leadership",
        "name": "Bồi dưỡng lãnh đạo, quản lý",
        "short_name": "LĐQL",
        "has_field": False,
        "field_label": None,
        "source": "NĐ 101/2017 (bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý); REFERENCE.md §4, §6",
        "levels": [
            _level(
                code,
                label,
                rank,
                [
                    label,
                    f"Lãnh đạo {label.lower()}",
                    f"LĐQL {label.lower()}",
                    f"{label} và tương đương",
                    f"Lãnh đạo {label.lower()} và tương đương",
                    f"Bồi dưỡng lãnh đạo {label.lower()}",
                    f"Lãnh đạo, quản lý {label.lower()}",
                ],
            )
            for code, label, rank in (
                ("cap_phong", "Cấp phòng", 1),
                ("cap_huyen", "Cấp huyện", 2),
                ("cap_so", "Cấp sở", 3),
            )
        ],
    },
    {
        "code": "it",
        "name": "Tin học",
        "short_name": "TH",
        "has_field": False,
        "field_label": None,
        "source": (
            "Mẫu 2C-BNV/2008, mục 15.6 (chứng chỉ A/B/C); TT 03/2014/TT-BTTTT (chuẩn kỹ năng sử dụng CNTT "
            "cơ bản / nâng cao); REFERENCE.md §4"
        ),
        "levels": [
            _level(
                "chung_chi_a",
                "Chứng chỉ A",
                1,
                _certificate("A", "Tin học", "Chứng chỉ tin học", "Tin học trình độ"),
            ),
            _level(
                "co_ban",
                "Cơ bản",
                1,
                [
                    "Cơ bản",
                    "Ứng dụng CNTT cơ bản",
                    "CNTT cơ bản",
                    "Chuẩn kỹ năng sử dụng CNTT cơ bản",
                    "Kỹ năng sử dụng CNTT cơ bản",
                    "Tin học cơ bản",
                    "Tin học ứng dụng cơ bản",
                    "UDCNTT cơ bản",
                ],
            ),
            _level(
                "chung_chi_b",
                "Chứng chỉ B",
                2,
                _certificate("B", "Tin học", "Chứng chỉ tin học", "Tin học trình độ"),
            ),
            _level(
                "nang_cao",
                "Nâng cao",
                2,
                [
                    "Nâng cao",
                    "Ứng dụng CNTT nâng cao",
                    "CNTT nâng cao",
                    "Chuẩn kỹ năng sử dụng CNTT nâng cao",
                    "Kỹ năng sử dụng CNTT nâng cao",
                    "Tin học nâng cao",
                    "UDCNTT nâng cao",
                ],
            ),
            _level(
                "chung_chi_c",
                "Chứng chỉ C",
                3,
                _certificate("C", "Tin học", "Chứng chỉ tin học", "Tin học trình độ"),
            ),
        ],
    },
    {
        "code": "foreign_language",
        "name": "Ngoại ngữ",
        "short_name": "NN",
        "has_field": True,
        "field_label": "Ngôn ngữ",
        "source": (
            "Mẫu 2C-BNV/2008, mục 15.5 (chứng chỉ A/B/C); TT 01/2014/TT-BGDĐT (khung năng lực ngoại ngữ "
            "6 bậc); REFERENCE.md §4"
        ),
        # The A/B/C ↔ bậc 1/2/3 equivalence (same rank) follows CV 6089/BGDĐT-GDTX (2014) as commonly
        # cited: *unconfirmed*. Standards should name the levels they accept rather than rely on rank.
        "levels": [
            _level("chung_chi_a", "Chứng chỉ A", 1, _certificate("A", "Tiếng Anh", "Anh", "Anh văn", "Ngoại ngữ")),
            _level("bac_1", "Bậc 1", 1, _cefr(1, "A1")),
            _level("chung_chi_b", "Chứng chỉ B", 2, _certificate("B", "Tiếng Anh", "Anh", "Anh văn", "Ngoại ngữ")),
            _level("bac_2", "Bậc 2", 2, _cefr(2, "A2")),
            _level("chung_chi_c", "Chứng chỉ C", 3, _certificate("C", "Tiếng Anh", "Anh", "Anh văn", "Ngoại ngữ")),
            _level("bac_3", "Bậc 3", 3, _cefr(3, "B1")),
            _level("bac_4", "Bậc 4", 4, _cefr(4, "B2")),
            _level("bac_5", "Bậc 5", 5, _cefr(5, "C1")),
            _level("bac_6", "Bậc 6", 6, _cefr(6, "C2")),
        ],
    },
    {
        "code": "ethnic_language",
        "name": "Tiếng dân tộc thiểu số",
        "short_name": "TDTTS",
        "has_field": True,
        "field_label": "Tiếng",
        "source": "Chứng chỉ tiếng dân tộc thiểu số (no official ladder); REFERENCE.md §4",
        # The language itself is the field; a cell that only names a language still means "certified".
        "levels": [
            _level(
                "chung_chi",
                "Có chứng chỉ",
                1,
                [
                    "Có",
                    "Chứng chỉ",
                    "Có chứng chỉ",
                    "x",
                    "Tiếng Thái",
                    "Tiếng Mông",
                    "Tiếng H'Mông",
                    "Tiếng H’Mông",
                    "Tiếng Khơ Mú",
                    "Tiếng Dao",
                    "Tiếng Hà Nhì",
                    "Tiếng Lào",
                    "Chứng chỉ tiếng dân tộc",
                    "Chứng chỉ tiếng DTTS",
                ],
            ),
        ],
    },
]

LADDERS_BY_CODE: dict[str, dict[str, Any]] = {ladder["code"]: ladder for ladder in LADDERS}


# --------------------------------------------------------------------------------------------
# Synonym lookup
# --------------------------------------------------------------------------------------------

_NOT_KEY_CHARS = re.compile(r"[^0-9a-z/]+")


def compact_key(text: str | None) -> str:
    """A looser key than fold: also drops spaces, hyphens, apostrophes and dots.

    "H'Mông", "HMông", "H Mông" → "hmong"; "Khơ-me", "Khơ me" → "khome"; "Th.S" → "ths".
    """
    return _NOT_KEY_CHARS.sub("", fold(text))


def _entries(entries: Any) -> Iterable[tuple[str, str, Sequence[str]]]:
    if isinstance(entries, Mapping):  # a ladder: index its levels
        entries = entries["levels"]
    for entry in entries:
        if isinstance(entry, Mapping):
            yield entry["code"], entry["label"], entry.get("synonyms", ())
        else:
            code, label, synonyms = entry
            yield code, label, synonyms


def synonym_index(entries: Any) -> dict[str, str]:
    """Map the folded form of every label and synonym to its code.

    ``entries`` is a list of (code, label, synonyms) tuples (ETHNICITIES, RELIGIONS, CATEGORIES), a
    ladder dict (its levels are indexed) or a list of level dicts. The index also holds the
    compact_key of each spelling, so ``index.get(fold(text))`` and ``lookup(index, text)`` both work.
    Raises ValueError if one spelling would mean two codes.
    """
    index: dict[str, str] = {}
    for code, label, synonyms in _entries(entries):
        for spelling in (label, code, *synonyms):
            for key in {fold(spelling), compact_key(spelling)}:
                known = index.setdefault(key, code)
                if known != code:
                    raise ValueError(f"{spelling!r} (key {key!r}) means both {known!r} and {code!r}")
    return index


def lookup(index: Mapping[str, str], text: str | None) -> str | None:
    """The code that a free-text cell means, or None: tries the folded form, then the compact key."""
    folded = fold(text)
    if folded in index:
        return index[folded]
    return index.get(compact_key(folded))


def split_level(index: Mapping[str, str], text: str | None) -> tuple[str | None, str]:
    """Read "Cử nhân Luật", "ĐH Sư phạm Toán", "Kỹ sư nông nghiệp" as (level code, field).

    The longest leading run of words that is a known spelling gives the level; the rest of the
    words, as written, are the field. (None, text) when no prefix matches.
    """
    words = (text or "").split()
    for cut in range(len(words), 0, -1):
        code = lookup(index, " ".join(words[:cut]))
        if code is not None:
            return code, " ".join(words[cut:]).strip(" -–:,()")
    return None, " ".join(words)


def level_rank(ladder_code: str, level_code: str | None) -> int | None:
    """Rank of a level on its ladder (None for None); KeyError for an unknown ladder or level."""
    if level_code is None:
        return None
    for level in LADDERS_BY_CODE[ladder_code]["levels"]:
        if level["code"] == level_code:
            return level["rank"]
    raise KeyError(f"{ladder_code}: no level {level_code!r}")
