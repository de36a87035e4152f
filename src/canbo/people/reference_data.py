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
    """Bậc n of the 6-level framework (TT 01/2014/TT-BGDĐT) and its CEFR equivalent: "B1",
    "Trình độ B1", "Bậc 3/6" … are all Bậc 3 (the language before them is read apart)."""
    return [
        f"Bậc {level}",
        f"Bậc {level}/6",
        f"Bậc {level} (6 bậc)",
        f"Bậc {level} khung 6 bậc",
        f"Bậc {level} khung năng lực ngoại ngữ 6 bậc",
        cefr,
        f"{cefr} (bậc {level})",
        f"Bậc {level} ({cefr})",
        f"Trình độ {cefr}",
        f"Trình độ bậc {level}",
        f"Chứng chỉ {cefr}",
        f"Chứng chỉ bậc {level}",
        f"CC {cefr}",
        f"{cefr} khung châu Âu",
        f"Tiếng Anh {cefr}",
        f"Anh {cefr}",
        f"Tiếng Anh bậc {level}",
    ]


def _old_it_certificates() -> list[str]:
    """How files write the old IT certificates A, B, C (QĐ 21/2000/QĐ-BGD&ĐT): "Chứng chỉ B tin học",
    "Tin học A", "TH B", "CC B tin học", "B" in a "Tin học" column …"""
    names: list[str] = []
    for letter in "ABC":
        names += _certificate(letter, "Tin học", "Chứng chỉ tin học", "Tin học trình độ", "TH", "Tin học văn phòng")
        names += [
            f"Chứng chỉ {letter} tin học",
            f"CC {letter} tin học",
            f"{letter} tin học",
            f"Trình độ {letter} tin học",
            f"Tin học ứng dụng {letter}",
            f"Chứng chỉ tin học ứng dụng {letter}",
            f"Chứng chỉ tin học văn phòng {letter}",
            f"Tin học ứng dụng trình độ {letter}",
        ]
    return names


# Which IT level the old certificates are read as, and why (shown to admins and in import notes).
IT_OLD_CERTIFICATES_NOTE = (
    "Chứng chỉ tin học ứng dụng A, B, C cũ (chương trình theo QĐ 21/2000/QĐ-BGD&ĐT) đã cấp có giá trị sử "
    "dụng tương đương chứng chỉ ứng dụng CNTT cơ bản (khoản 2 Điều 23 TTLT 17/2016/TTLT-BGDĐT-BTTTT, hiệu "
    "lực 10/8/2016; Bộ TT&TT nhắc lại khi trả lời bạn đọc). Vì vậy cả A, B và C đều được ghi là cơ bản, "
    "không phải B/C là nâng cao."
)
# The three old IT levels a database seeded before this release holds: kept (people, rules and
# programmes may refer to them) but closed, so the importer no longer offers them.
RETIRED_LEVELS: list[dict[str, Any]] = [
    {
        "ladder": "it",
        "code": f"chung_chi_{letter.lower()}",
        "label": f"Chứng chỉ tin học {letter} (cũ)",
        "valid_to": "2016-08-10",
        "note": IT_OLD_CERTIFICATES_NOTE,
    }
    for letter in "ABC"
]

_LANGUAGE_PREFIXES = ("Tiếng Anh", "Anh", "Anh văn", "Ngoại ngữ")


def _old_language_note(letter: str, level: int, cefr: str) -> str:
    return (
        f"Chứng chỉ ngoại ngữ trình độ {letter} theo QĐ 177/QĐ-TCBT (30/01/1993), không cấp mới. Tương đương "
        f"bậc {level} ({cefr}) của khung 6 bậc theo CV 6089/BGDĐT-GDTX ngày 27/10/2014 (theo các bản trích dẫn; "
        "chưa đối chiếu bản gốc). Được giữ là một bậc riêng, không đổi thành bậc."
    )


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
            "TT 03/2014/TT-BTTTT (chuẩn kỹ năng sử dụng CNTT cơ bản / nâng cao); TTLT 17/2016/TTLT-BGDĐT-BTTTT "
            "Điều 16, khoản 2 Điều 23 (chứng chỉ A, B, C cũ tương đương cơ bản); REFERENCE.md §4"
        ),
        "levels": [
            _level(
                "co_ban",
                "Chứng chỉ ứng dụng CNTT cơ bản",
                1,
                [
                    "Cơ bản",
                    "Ứng dụng CNTT cơ bản",
                    "CNTT cơ bản",
                    "Chứng chỉ CNTT cơ bản",
                    "Chứng chỉ ứng dụng công nghệ thông tin cơ bản",
                    "Ứng dụng công nghệ thông tin cơ bản",
                    "CC ứng dụng CNTT cơ bản",
                    "CC UDCNTT cơ bản",
                    "Chuẩn kỹ năng sử dụng CNTT cơ bản",
                    "Kỹ năng sử dụng CNTT cơ bản",
                    "Tin học cơ bản",
                    "Tin học ứng dụng cơ bản",
                    "UDCNTT cơ bản",
                ],
                old_names=_old_it_certificates(),
                note=IT_OLD_CERTIFICATES_NOTE,
            ),
            _level(
                "nang_cao",
                "Chứng chỉ ứng dụng CNTT nâng cao",
                2,
                [
                    "Nâng cao",
                    "Ứng dụng CNTT nâng cao",
                    "CNTT nâng cao",
                    "Chứng chỉ CNTT nâng cao",
                    "Chứng chỉ ứng dụng công nghệ thông tin nâng cao",
                    "Ứng dụng công nghệ thông tin nâng cao",
                    "CC ứng dụng CNTT nâng cao",
                    "CC UDCNTT nâng cao",
                    "Chuẩn kỹ năng sử dụng CNTT nâng cao",
                    "Kỹ năng sử dụng CNTT nâng cao",
                    "Tin học nâng cao",
                    "Tin học ứng dụng nâng cao",
                    "UDCNTT nâng cao",
                ],
                note=(
                    "Cấp cho người đã có chứng chỉ ứng dụng CNTT cơ bản và đạt 3 trong 9 mô đun nâng cao của "
                    "TT 03/2014/TT-BTTTT (Điều 16 TTLT 17/2016/TTLT-BGDĐT-BTTTT). Không chứng chỉ A, B, C cũ "
                    "nào tương đương bậc này."
                ),
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
            "TT 01/2014/TT-BGDĐT (khung năng lực ngoại ngữ 6 bậc); chứng chỉ A/B/C theo QĐ 177/QĐ-TCBT (1993), "
            "tương đương bậc 1/2/3 theo CV 6089/BGDĐT-GDTX (27/10/2014); REFERENCE.md §4"
        ),
        # The old A/B/C certificates stay levels of their own (what the person holds), ranked with the
        # bậc CV 6089/BGDĐT-GDTX makes them equivalent to. "B1" is Bậc 3, never the old "Chứng chỉ B".
        "levels": [
            _level(
                "chung_chi_a",
                "Chứng chỉ A",
                1,
                _certificate("A", *_LANGUAGE_PREFIXES),
                note=_old_language_note("A", 1, "A1"),
            ),
            _level("bac_1", "Bậc 1", 1, _cefr(1, "A1")),
            _level(
                "chung_chi_b",
                "Chứng chỉ B",
                2,
                _certificate("B", *_LANGUAGE_PREFIXES),
                note=_old_language_note("B", 2, "A2"),
            ),
            _level("bac_2", "Bậc 2", 2, _cefr(2, "A2")),
            _level(
                "chung_chi_c",
                "Chứng chỉ C",
                3,
                _certificate("C", *_LANGUAGE_PREFIXES),
                note=_old_language_note("C", 3, "B1"),
            ),
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
    {
        "code": "job_skills",
        "name": "Bồi dưỡng nghiệp vụ chuyên ngành",
        "short_name": "NVCN",
        "has_field": True,
        "field_label": "Nghiệp vụ",
        "source": (
            "Giấy chứng nhận bồi dưỡng nghiệp vụ chuyên ngành, ví dụ nghiệp vụ hộ tịch (Luật Hộ tịch 2014, "
            "Điều 72 khoản 2 điểm a); tên nghiệp vụ ghi ở trường Nghiệp vụ"
        ),
        # A certificate of a specialised course that a law asks of a post: the field says which one.
        "levels": [
            _level(
                "chung_nhan",
                "Đã bồi dưỡng (có giấy chứng nhận)",
                1,
                [
                    "Đã bồi dưỡng",
                    "Giấy chứng nhận bồi dưỡng nghiệp vụ",
                    "Chứng chỉ bồi dưỡng nghiệp vụ",
                    "Bồi dưỡng nghiệp vụ",
                ],
            ),
        ],
    },
]

LADDERS_BY_CODE: dict[str, dict[str, Any]] = {ladder["code"]: ladder for ladder in LADDERS}

# --------------------------------------------------------------------------------------------
# Foreign languages by name, for the "Ngoại ngữ" column: "Tiếng Anh B", "Anh văn B1", "B - Tiếng Pháp".
# --------------------------------------------------------------------------------------------

LANGUAGE_NAMES: dict[str, list[str]] = {
    "Tiếng Anh": ["Tiếng Anh", "Anh văn", "Anh ngữ", "Anh", "English", "TA"],
    "Tiếng Pháp": ["Tiếng Pháp", "Pháp văn", "Pháp ngữ", "Pháp"],
    "Tiếng Trung": ["Tiếng Trung", "Tiếng Trung Quốc", "Tiếng Hoa", "Trung văn", "Hoa văn", "Trung"],
    "Tiếng Nga": ["Tiếng Nga", "Nga văn", "Nga"],
    "Tiếng Lào": ["Tiếng Lào", "Lào"],
    "Tiếng Nhật": ["Tiếng Nhật", "Nhật"],
    "Tiếng Hàn": ["Tiếng Hàn", "Tiếng Hàn Quốc", "Hàn"],
    "Tiếng Đức": ["Tiếng Đức", "Đức"],
}

# --------------------------------------------------------------------------------------------
# Language tests written with a score ("IELTS 6.5", "TOEIC 550", "VSTEP B2"): the score is kept on
# the qualification, and its framework level read from the dated equivalence table below.
# --------------------------------------------------------------------------------------------

LANGUAGE_TESTS: list[dict[str, Any]] = [
    {"name": "IELTS", "spellings": ["ielts"], "low": "0", "high": "9", "step": "0.5", "language": "Tiếng Anh"},
    {
        "name": "TOEFL iBT",
        "spellings": ["toefl ibt", "toefl i bt", "ibt", "toefl"],
        "low": "0",
        "high": "120",
        "step": "1",
        "language": "Tiếng Anh",
    },
    {
        "name": "TOEFL ITP",
        "spellings": ["toefl itp", "itp"],
        "low": "310",
        "high": "677",
        "step": "1",
        "language": "Tiếng Anh",
    },
    {
        "name": "TOEIC",
        "spellings": ["toeic", "toeic nghe doc", "toeic listening reading", "toeic l r"],
        "low": "10",
        "high": "990",
        "step": "5",
        "language": "Tiếng Anh",
    },
    {
        "name": "VSTEP",
        "spellings": ["vstep", "vstep 3 5", "vstep3 5", "vstep 35"],
        "low": "0",
        "high": "10",
        "step": "0.5",
        "language": "Tiếng Anh",
    },
]

TT_05_2012 = (
    "TT 05/2012/TT-BGDĐT (15/02/2012), phụ lục “Bảng tham chiếu quy đổi một số chứng chỉ ngoại ngữ tương "
    "đương cấp độ B1, B2 khung Châu Âu” (điểm tối thiểu)"
)
TT_23_2021 = (
    "TT 23/2021/TT-BGDĐT (30/8/2021), phụ lục “Bảng tham chiếu quy đổi một số văn bằng hoặc chứng chỉ ngoại "
    "ngữ tương đương Bậc 3 và Bậc 4 Khung năng lực ngoại ngữ 6 bậc dùng cho Việt Nam”"
)
QD_729_2015 = "QĐ 729/QĐ-BGDĐT (11/3/2015), định dạng đề thi VSTEP.3-5: điểm trung bình 4 kỹ năng, thang 10"
NO_GENERAL_TABLE = (
    "Bộ GD&ĐT chưa ban hành bảng quy đổi chung cho cán bộ, công chức; các bảng của quy chế đào tạo sau đại "
    "học là căn cứ các địa phương dùng (ví dụ hướng dẫn tạm thời của Sở GD&ĐT Đà Nẵng, 3/2021)."
)
TOEIC_UNCONFIRMED = (
    "Chưa xác nhận: TT 23/2021/TT-BGDĐT chỉ quy đổi TOEIC 4 kỹ năng (Nghe, Đọc, Nói, Viết); tổng điểm "
    "Nghe + Đọc được quy đổi theo mức của TT 05/2012/TT-BGDĐT (450 = B1, 600 = B2) cho đến khi có hướng dẫn mới."
)

# (test, lowest score, highest score, framework level code, source, valid from, valid to, confirmed, note)
# valid_from/valid_to are the dates the source was signed and replaced; a score is mapped by the rows
# valid on the day it is read. A score above the top row maps to the top row's level (with a note).
LANGUAGE_TEST_EQUIVALENCES: list[dict[str, Any]] = [
    *(
        {
            "test": test,
            "min_score": low,
            "max_score": high,
            "level": level,
            "source": TT_05_2012,
            "valid_from": "2012-02-15",
            "valid_to": "2021-08-29",
            "confirmed": True,
            "note": NO_GENERAL_TABLE,
        }
        for test, low, high, level in (
            ("IELTS", "4.5", "5.0", "bac_3"),
            ("IELTS", "5.5", "9", "bac_4"),
            ("TOEFL iBT", "45", "60", "bac_3"),
            ("TOEFL iBT", "61", "120", "bac_4"),
        )
    ),
    *(
        {
            "test": test,
            "min_score": low,
            "max_score": high,
            "level": level,
            "source": TT_23_2021,
            "valid_from": "2021-08-30",
            "valid_to": None,
            "confirmed": True,
            "note": NO_GENERAL_TABLE,
        }
        for test, low, high, level in (
            ("IELTS", "4.0", "5.0", "bac_3"),
            ("IELTS", "5.5", "6.5", "bac_4"),
            ("TOEFL iBT", "30", "45", "bac_3"),
            ("TOEFL iBT", "46", "93", "bac_4"),
            ("TOEFL ITP", "450", "499", "bac_3"),
        )
    ),
    *(
        {
            "test": "TOEIC",
            "min_score": low,
            "max_score": high,
            "level": level,
            "source": TT_05_2012,
            "valid_from": "2012-02-15",
            "valid_to": None,
            "confirmed": False,
            "note": TOEIC_UNCONFIRMED,
        }
        for low, high, level in (("450", "595", "bac_3"), ("600", "990", "bac_4"))
    ),
    *(
        {
            "test": "VSTEP",
            "min_score": low,
            "max_score": high,
            "level": level,
            "source": QD_729_2015,
            "valid_from": "2015-03-11",
            "valid_to": None,
            "confirmed": True,
            "note": "Dưới 4,0 điểm: không xét bậc.",
        }
        for low, high, level in (("4.0", "5.5", "bac_3"), ("6.0", "8.0", "bac_4"), ("8.5", "10", "bac_5"))
    ),
]


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
        if isinstance(entry, Mapping):  # a level: its old names are read as it too
            yield entry["code"], entry["label"], [*entry.get("synonyms", ()), *entry.get("old_names", ())]
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
