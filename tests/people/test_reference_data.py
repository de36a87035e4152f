import os
import subprocess
import sys
from pathlib import Path

import pytest

from canbo.core.text import fold
from canbo.people import reference_data as rd
from canbo.people.reference_data import (
    CATEGORIES,
    ETHNIC_LANGUAGES,
    ETHNICITIES,
    LADDERS,
    LADDERS_BY_CODE,
    LANGUAGES,
    MAJORITY_ETHNICITY,
    RELIGIONS,
    compact_key,
    level_rank,
    lookup,
    split_level,
    synonym_index,
)

# The canonical labels are public output (reports, exports): this table pins them.
CANONICAL_LEVELS = {
    "job_skills": [("chung_nhan", "Đã bồi dưỡng (có giấy chứng nhận)", 1)],
    "general_education": [("thcs", "9/12", 1), ("thpt", "12/12", 2)],
    "professional": [
        ("so_cap", "Sơ cấp", 1),
        ("trung_cap", "Trung cấp", 2),
        ("cao_dang", "Cao đẳng", 3),
        ("dai_hoc", "Đại học", 4),
        ("thac_si", "Thạc sĩ", 5),
        ("tien_si", "Tiến sĩ", 6),
        ("tskh", "Tiến sĩ khoa học", 7),
    ],
    "politics": [
        ("so_cap", "Sơ cấp", 1),
        ("trung_cap", "Trung cấp", 2),
        ("cao_cap", "Cao cấp", 3),
        ("cu_nhan", "Cử nhân", 4),
    ],
    "state_mgmt": [
        ("can_su", "Cán sự", 1),
        ("chuyen_vien", "Chuyên viên", 2),
        ("chuyen_vien_chinh", "Chuyên viên chính", 3),
        ("chuyen_vien_cao_cap", "Chuyên viên cao cấp", 4),
    ],
    "defence": [
        ("doi_tuong_4", "Đối tượng 4", 1),
        ("doi_tuong_3", "Đối tượng 3", 2),
        ("doi_tuong_2", "Đối tượng 2", 3),
        ("doi_tuong_1", "Đối tượng 1", 4),
    ],
    "leadership": [("cap_phong", "Cấp phòng", 1), ("cap_huyen", "Cấp huyện", 2), ("cap_so", "Cấp sở", 3)],
    "it": [
        ("co_ban", "Chứng chỉ ứng dụng CNTT cơ bản", 1),
        ("nang_cao", "Chứng chỉ ứng dụng CNTT nâng cao", 2),
    ],
    "foreign_language": [
        ("chung_chi_a", "Chứng chỉ A", 1),
        ("bac_1", "Bậc 1", 1),
        ("chung_chi_b", "Chứng chỉ B", 2),
        ("bac_2", "Bậc 2", 2),
        ("chung_chi_c", "Chứng chỉ C", 3),
        ("bac_3", "Bậc 3", 3),
        ("bac_4", "Bậc 4", 4),
        ("bac_5", "Bậc 5", 5),
        ("bac_6", "Bậc 6", 6),
    ],
    "ethnic_language": [("chung_chi", "Có chứng chỉ", 1)],
}

CANONICAL_LADDERS = [
    ("general_education", "Giáo dục phổ thông", "GDPT", False, None),
    ("professional", "Trình độ chuyên môn", "CM", True, "Chuyên ngành"),
    ("politics", "Lý luận chính trị", "LLCT", False, None),
    ("state_mgmt", "Quản lý nhà nước", "QLNN", False, None),
    ("defence", "Quốc phòng - an ninh", "QP-AN", False, None),
    ("leadership", "Bồi dưỡng lãnh đạo, quản lý", "LĐQL", False, None),
    ("it", "Tin học", "TH", False, None),
    ("foreign_language", "Ngoại ngữ", "NN", True, "Ngôn ngữ"),
    ("ethnic_language", "Tiếng dân tộc thiểu số", "TDTTS", True, "Tiếng"),
    ("job_skills", "Bồi dưỡng nghiệp vụ chuyên ngành", "NVCN", True, "Nghiệp vụ"),
]


def _index(ladder_code):
    return synonym_index(LADDERS_BY_CODE[ladder_code])


# --- ethnicities -------------------------------------------------------------------------------


def test_there_are_54_ethnicities_coded_01_to_54_in_order():
    codes = [code for code, _, _ in ETHNICITIES]
    assert codes == [f"{i:02d}" for i in range(1, 55)]
    assert len({name for _, name, _ in ETHNICITIES}) == 54


def test_the_gso_order_is_kept_at_known_positions():
    names = {code: name for code, name, _ in ETHNICITIES}
    assert names["01"] == "Kinh"
    assert names["03"] == "Thái"
    assert names["04"] == "Hoa"
    assert names["05"] == "Khmer"
    assert names["08"] == "Mông"
    assert names["11"] == "Ngái"
    assert names["29"] == "Khơ Mú"
    assert names["35"] == "Hà Nhì"
    assert names["37"] == "Lào"
    assert names["50"] == "Si La"
    assert names["54"] == "Rơ Măm"


def test_the_majority_is_kinh():
    assert MAJORITY_ETHNICITY == "01"
    assert dict((c, n) for c, n, _ in ETHNICITIES)[MAJORITY_ETHNICITY] == "Kinh"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mèo", "08"),
        ("H'Mông", "08"),
        ("HMông", "08"),
        ("Hmong", "08"),
        ("H Mông", "08"),
        ("mông", "08"),
        ("Khơ-me", "05"),
        ("Khơ me", "05"),
        ("Khmer", "05"),
        ("Việt", "01"),
        ("kinh", "01"),
        ("Hán", "04"),
        ("Mán", "09"),
        ("Thái đen", "03"),
        ("Thái trắng", "03"),
        ("Khơ-mú", "29"),
        ("Khmú", "29"),
        ("Xá Cẩu", "29"),
        ("Ha Nhi", "35"),
        ("Lào", "37"),
        ("Bru Vân Kiều", "23"),
        ("Ê-đê", "12"),
        ("Gia-rai", "10"),
        ("M'Nông", "20"),
    ],
)
def test_ethnicity_spellings_find_their_code(text, code):
    assert lookup(synonym_index(ETHNICITIES), text) == code


def test_the_ethnicity_index_answers_a_plain_fold_lookup():
    index = synonym_index(ETHNICITIES)
    assert index[fold("Mèo")] == "08"
    assert index[fold("Thái")] == "03"


# --- religions and categories -----------------------------------------------------------------


def test_religions():
    codes = [code for code, _, _ in RELIGIONS]
    assert codes[0] == "khong"
    assert len(codes) == len(set(codes)) == 9
    index = synonym_index(RELIGIONS)
    assert lookup(index, "") == "khong"
    assert lookup(index, "-") == "khong"
    assert lookup(index, "Không theo tôn giáo") == "khong"
    assert lookup(index, "Thiên chúa giáo") == "cong_giao"
    assert lookup(index, "Tin lành") == "tin_lanh"
    assert lookup(index, "Hoà Hảo") == "hoa_hao"
    assert lookup(index, "Bà La Môn") == "ba_la_mon"
    assert lookup(index, "Khác") == "khac"


def test_categories():
    assert [code for code, _, _ in CATEGORIES] == [
        "can_bo",
        "cong_chuc",
        "vien_chuc",
        "khong_chuyen_trach",
        "hop_dong",
    ]
    index = synonym_index(CATEGORIES)
    assert lookup(index, "CB") == "can_bo"
    assert lookup(index, "CC") == "cong_chuc"
    assert lookup(index, "Bán chuyên trách") == "khong_chuyen_trach"
    assert lookup(index, "HĐ 68") == "hop_dong"
    assert lookup(index, "hd 111") == "hop_dong"


def test_languages():
    assert "Tiếng Anh" in LANGUAGES and len(LANGUAGES) == len(set(LANGUAGES))
    assert "Tiếng Mông" in ETHNIC_LANGUAGES and len(ETHNIC_LANGUAGES) == len(set(ETHNIC_LANGUAGES))


# --- ladders ------------------------------------------------------------------------------------


def test_ladders_have_the_canonical_names_and_flags():
    assert [
        (ladder["code"], ladder["name"], ladder["short_name"], ladder["has_field"], ladder["field_label"])
        for ladder in LADDERS
    ] == CANONICAL_LADDERS


def test_ladder_levels_have_the_canonical_codes_labels_and_ranks():
    for ladder in LADDERS:
        levels = [(level["code"], level["label"], level["rank"]) for level in ladder["levels"]]
        assert levels == CANONICAL_LEVELS[ladder["code"]], ladder["code"]


def test_ladders_are_well_formed():
    for ladder in LADDERS:
        assert ladder["source"], ladder["code"]
        ranks = [level["rank"] for level in ladder["levels"]]
        assert ranks == sorted(ranks), f"{ladder['code']} is not ordered low to high"
        codes = [level["code"] for level in ladder["levels"]]
        assert len(codes) == len(set(codes))
        for level in ladder["levels"]:
            assert isinstance(level["synonyms"], list)


def test_cu_nhan_llct_counts_as_cao_cap():
    cu_nhan = LADDERS_BY_CODE["politics"]["levels"][-1]
    assert cu_nhan["code"] == "cu_nhan" and cu_nhan["equivalent_to"] == "cao_cap"


def test_every_synonym_list_indexes_without_clashes():
    for entries in (ETHNICITIES, RELIGIONS, CATEGORIES, *LADDERS):
        index = synonym_index(entries)
        assert index  # built, hence no spelling means two codes


def test_every_label_and_synonym_maps_back_to_its_own_code():
    for entries in (ETHNICITIES, RELIGIONS, CATEGORIES):
        index = synonym_index(entries)
        for code, label, synonyms in entries:
            for spelling in (label, *synonyms):
                assert lookup(index, spelling) == code, spelling
    for ladder in LADDERS:
        index = synonym_index(ladder)
        for level in ladder["levels"]:
            for spelling in (level["label"], *level["synonyms"]):
                assert lookup(index, spelling) == level["code"], (ladder["code"], spelling)


def test_a_clash_is_refused():
    with pytest.raises(ValueError, match="means both"):
        synonym_index([("a", "Alpha", ["X"]), ("b", "Beta", ["x"])])
    with pytest.raises(ValueError, match="means both"):  # clash only on the compact key
        synonym_index([("a", "Alpha", ["H'Mông"]), ("b", "Beta", ["HMông"])])


def test_synonym_index_accepts_a_list_of_level_dicts():
    index = synonym_index(LADDERS_BY_CODE["politics"]["levels"])
    assert index[fold("TC LLCT")] == "trung_cap"


@pytest.mark.parametrize(
    ("ladder", "text", "code"),
    [
        ("professional", "ThS", "thac_si"),
        ("professional", "Th.S", "thac_si"),
        ("professional", "Thac sy", "thac_si"),
        ("professional", "thạc sỹ", "thac_si"),
        ("professional", "ĐH", "dai_hoc"),
        ("professional", "dh", "dai_hoc"),
        ("professional", "Kỹ sư", "dai_hoc"),
        ("professional", "Cử nhân", "dai_hoc"),
        ("professional", "THCN", "trung_cap"),
        ("professional", "CĐ", "cao_dang"),
        ("professional", "TSKH", "tskh"),
        ("politics", "TC LLCT", "trung_cap"),
        ("politics", "Trung cấp chính trị", "trung_cap"),
        ("politics", "CC LLCT", "cao_cap"),
        ("politics", "Cao cấp", "cao_cap"),
        ("politics", "Cử nhân chính trị", "cu_nhan"),
        ("politics", "SCCT", "so_cap"),
        ("state_mgmt", "CVC", "chuyen_vien_chinh"),
        ("state_mgmt", "Chuyên viên chính", "chuyen_vien_chinh"),
        ("state_mgmt", "CV", "chuyen_vien"),
        ("state_mgmt", "CVCC", "chuyen_vien_cao_cap"),
        ("general_education", "12/12", "thpt"),
        ("general_education", "Bổ túc 12/12", "thpt"),
        ("general_education", "7/10", "thcs"),
        ("defence", "ĐT4", "doi_tuong_4"),
        ("defence", "Đối tượng 3", "doi_tuong_3"),
        ("defence", "1", "doi_tuong_1"),
        ("leadership", "Lãnh đạo cấp phòng", "cap_phong"),
        ("leadership", "Cấp sở và tương đương", "cap_so"),
        # The old IT certificates A, B and C all count as cơ bản (TTLT 17/2016, khoản 2 Điều 23).
        ("it", "A", "co_ban"),
        ("it", "Tin học B", "co_ban"),
        ("it", "TH B", "co_ban"),
        ("it", "CC B tin học", "co_ban"),
        ("it", "Chứng chỉ C tin học", "co_ban"),
        ("it", "Ứng dụng CNTT cơ bản", "co_ban"),
        ("it", "Chứng chỉ ứng dụng công nghệ thông tin nâng cao", "nang_cao"),
        ("it", "CNTT nâng cao", "nang_cao"),
        ("foreign_language", "Anh B", "chung_chi_b"),
        ("foreign_language", "B1", "bac_3"),
        ("foreign_language", "Trình độ B1", "bac_3"),  # the framework's B1, not the old certificate B
        ("foreign_language", "Bậc 3", "bac_3"),
        ("foreign_language", "Chứng chỉ B", "chung_chi_b"),
        ("foreign_language", "Tiếng Anh B", "chung_chi_b"),
        ("foreign_language", "A2", "bac_2"),
        ("foreign_language", "B2", "bac_4"),
        ("foreign_language", "C1", "bac_5"),
        ("foreign_language", "C2", "bac_6"),
        ("foreign_language", "Bậc 3/6", "bac_3"),
        ("foreign_language", "B1 (bậc 3)", "bac_3"),
        ("ethnic_language", "Tiếng H'Mông", "chung_chi"),
        ("ethnic_language", "x", "chung_chi"),
    ],
)
def test_level_spellings_find_their_code(ladder, text, code):
    assert lookup(_index(ladder), text) == code


def test_unknown_text_finds_nothing():
    assert lookup(_index("professional"), "Nghiên cứu sinh") is None
    assert lookup(_index("politics"), None) is None


def test_compact_key_ignores_spaces_and_punctuation():
    assert compact_key("H'Mông") == compact_key("HMông") == compact_key("H Mông") == "hmong"
    assert compact_key("Th.S") == "ths"


def test_split_level_reads_level_and_field():
    professional = _index("professional")
    assert split_level(professional, "Cử nhân Luật") == ("dai_hoc", "Luật")
    assert split_level(professional, "ĐH Sư phạm Toán") == ("dai_hoc", "Sư phạm Toán")
    assert split_level(professional, "Trung cấp - Kế toán") == ("trung_cap", "Kế toán")
    assert split_level(professional, "ThS. Quản lý kinh tế") == ("thac_si", "Quản lý kinh tế")
    assert split_level(professional, "Đại học") == ("dai_hoc", "")
    assert split_level(professional, "Nghề mộc") == (None, "Nghề mộc")


def test_level_rank():
    assert level_rank("politics", "cu_nhan") == 4
    assert level_rank("it", "co_ban") == 1 and level_rank("it", "nang_cao") == 2
    assert level_rank("foreign_language", "chung_chi_b") == level_rank("foreign_language", "bac_2") == 2
    assert level_rank("politics", None) is None
    with pytest.raises(KeyError):
        level_rank("politics", "nope")


def test_the_modules_import_without_django():
    code = (
        "import sys; import canbo.people.reference_data, canbo.people.names; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    src = Path(rd.__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(src)}, check=False)
    assert result.returncode == 0


# --- official wordings and language-test equivalences (issue 13, item 5) -------------------------


def test_old_it_certificates_are_old_names_of_co_ban_with_the_reason_and_its_source():
    co_ban, nang_cao = LADDERS_BY_CODE["it"]["levels"]
    assert {"Chứng chỉ A", "Tin học A", "TH B", "CC B tin học", "Chứng chỉ C tin học"} <= set(co_ban["old_names"])
    assert "khoản 2 Điều 23 TTLT 17/2016/TTLT-BGDĐT-BTTTT" in co_ban["note"]
    assert not nang_cao.get("old_names")  # no old certificate counts as nâng cao
    assert {r["code"] for r in rd.RETIRED_LEVELS} == {"chung_chi_a", "chung_chi_b", "chung_chi_c"}


def test_the_old_language_certificates_stay_levels_ranked_with_their_bac_and_cite_cv_6089():
    levels = {lv["code"]: lv for lv in LADDERS_BY_CODE["foreign_language"]["levels"]}
    for letter, bac in (("a", "bac_1"), ("b", "bac_2"), ("c", "bac_3")):
        assert levels[f"chung_chi_{letter}"]["rank"] == levels[bac]["rank"]
        assert "CV 6089/BGDĐT-GDTX" in levels[f"chung_chi_{letter}"]["note"]


def test_every_test_in_the_equivalence_table_is_a_known_test_with_rows_on_its_scale():
    from decimal import Decimal

    tests = {t["name"]: t for t in rd.LANGUAGE_TESTS}
    levels = {lv["code"] for lv in LADDERS_BY_CODE["foreign_language"]["levels"]}
    for row in rd.LANGUAGE_TEST_EQUIVALENCES:
        scale = tests[row["test"]]
        low, high = Decimal(row["min_score"]), Decimal(row["max_score"])
        assert Decimal(scale["low"]) <= low <= high <= Decimal(scale["high"]), row
        assert row["level"] in levels and row["source"] and row["valid_from"]
        assert row["confirmed"] or "Chưa xác nhận" in row["note"], row  # an unconfirmed row says why


def test_the_equivalence_rows_of_one_test_never_overlap_while_both_are_in_force():
    from datetime import date
    from decimal import Decimal

    def period(row):
        return date.fromisoformat(row["valid_from"]), date.fromisoformat(row["valid_to"] or "9999-12-31")

    rows = rd.LANGUAGE_TEST_EQUIVALENCES
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["test"] != b["test"]:
                continue
            (a_from, a_to), (b_from, b_to) = period(a), period(b)
            if a_from <= b_to and b_from <= a_to:
                assert Decimal(a["max_score"]) < Decimal(b["min_score"]) or Decimal(b["max_score"]) < Decimal(
                    a["min_score"]
                ), (a, b)


def test_tt_23_2021_maps_ielts_as_its_annex_says():
    rows = [
        (r["min_score"], r["max_score"], r["level"])
        for r in rd.LANGUAGE_TEST_EQUIVALENCES
        if r["test"] == "IELTS" and r["valid_from"] == "2021-08-30"
    ]
    assert rows == [("4.0", "5.0", "bac_3"), ("5.5", "6.5", "bac_4")]
