"""The demo org data: Điện Biên before and after 1 July 2025, checked without a database."""

import datetime
import itertools
import unicodedata
from collections import defaultdict

from canbo.orgs import demo_data
from canbo.orgs.demo_data import (
    FORMER_DEPARTMENTS,
    PROVINCIAL_BODIES,
    SuccessionSpec,
    UnitSpec,
    successions,
    unit_code_part,
    units,
)

REFORM = datetime.date(2025, 7, 1)


def _by_code() -> dict[str, UnitSpec]:
    return {unit.code: unit for unit in units()}


COMMUNE_LEVEL = ("commune", "ward", "town")


def _old_communes() -> list[UnitSpec]:
    return [u for u in units() if u.valid_to is not None and u.kind in COMMUNE_LEVEL]


def _new_units() -> list[UnitSpec]:
    return [u for u in units() if u.valid_from == REFORM]


def _predecessors(successor_code: str) -> set[str]:
    return {s.predecessor_code for s in successions() if s.successor_code == successor_code}


def test_it_has_one_province_ten_districts_129_old_and_45_new_units():
    all_units = units()
    assert [u.code for u in all_units if u.kind == "province"] == ["DB"]
    assert len([u for u in all_units if u.kind == "district"]) == 10
    assert len(_old_communes()) == 129
    new = _new_units()
    assert len(new) == 45
    assert sum(u.kind == "commune" for u in new) == 42
    assert sum(u.kind == "ward" for u in new) == 3


def test_old_units_are_115_xa_9_phuong_5_thi_tran():
    kinds = [u.kind for u in _old_communes()]
    assert (kinds.count("commune"), kinds.count("ward"), kinds.count("town")) == (115, 9, 5)


def test_all_codes_are_unique():
    codes = [u.code for u in units()]
    assert len(codes) == len(set(codes))


def test_provincial_body_codes_do_not_collide_with_unit_codes():
    body_codes = [code for code, _, _ in PROVINCIAL_BODIES] + [code for code, _, _ in FORMER_DEPARTMENTS]
    assert len(body_codes) == len(set(body_codes))
    territorial = [u.code for u in units() if u.code not in body_codes]
    assert len(territorial) == 1 + 10 + 129 + 45
    assert not set(body_codes) & {u.code for u in _new_units()}


def test_no_old_unit_needed_a_tiebreak_suffix():
    # If the CSV ever holds a xã and a thị trấn/phường of one name in one district, the code
    # rule appends -TT/-P; today no pair exists, so every old code is district + name.
    for unit in _old_communes():
        name = unit.name.split(" ", 2)[-1] if unit.kind == "town" else unit.name.split(" ", 1)[1]
        assert unit.code == f"{unit.parent_code}-{unit_code_part(name)}"


def test_it_suffixes_a_thi_tran_that_shares_a_xa_code(monkeypatch):
    rows = (
        demo_data._Row("xã", "Mới", "xã", "Tủa Chùa", "huyện Tủa Chùa"),
        demo_data._Row("xã", "Mới", "thị trấn", "Tủa Chùa", "huyện Tủa Chùa"),
        demo_data._Row("xã", "Mới", "phường", "Tủa Chùa", "thị xã Tủa Chùa"),
    )
    monkeypatch.setattr(demo_data, "_rows", lambda: rows)
    demo_data._old_unit_codes.cache_clear()
    try:
        codes = [s.predecessor_code for s in successions() if s.date == REFORM]
    finally:
        demo_data._old_unit_codes.cache_clear()
    assert codes == ["DB-HTC-TUACHUA", "DB-HTC-TUACHUA-TT", "DB-TXTC-TUACHUA"]


def test_parents_come_before_their_children():
    seen: set[str] = set()
    for unit in units():
        assert unit.parent_code is None or unit.parent_code in seen, unit.code
        seen.add(unit.code)


def test_district_codes_use_kind_letters_and_initials():
    districts = {u.code: u.name for u in units() if u.kind == "district"}
    assert districts["DB-HDB"] == "Huyện Điện Biên"
    assert districts["DB-HDBD"] == "Huyện Điện Biên Đông"
    assert districts["DB-TPDBP"] == "Thành phố Điện Biên Phủ"
    assert districts["DB-HMN"] == "Huyện Mường Nhé"
    assert districts["DB-TXML"] == "Thị xã Mường Lay"


def test_validity_windows_meet_at_the_reform():
    by_code = _by_code()
    assert by_code["DB"].valid_from == datetime.date(2004, 1, 1)
    assert by_code["DB"].valid_to is None
    for unit in units():
        if unit.valid_to is not None and unit.kind != "department":
            assert (unit.valid_from, unit.valid_to) == (
                datetime.date(2020, 1, 1),
                datetime.date(2025, 6, 30),
            )
    for unit in _new_units():
        assert unit.parent_code == "DB"
        assert unit.valid_to is None


def test_old_thanh_nua_of_huyen_dien_bien_is_there():
    unit = _by_code()["DB-HDB-THANHNUA"]
    assert unit.name == "Xã Thanh Nưa"
    assert unit.parent_code == "DB-HDB"
    assert unit.kind == "commune"


def test_new_muong_nhe_is_there():
    unit = _by_code()["DB-MUONGNHE"]
    assert unit.name == "Xã Mường Nhé"
    assert unit.parent_code == "DB"


def test_names_capitalise_only_the_kind_word():
    by_code = _by_code()
    assert by_code["DB"].name == "Tỉnh Điện Biên"
    assert by_code["DB-SNV"].name == "Sở Nội vụ"
    assert by_code["DB-HTC-TUACHUA"].name == "Thị trấn Tủa Chùa"
    assert by_code["DB-HTC-TUACHUA"].kind == "town"
    assert by_code["DB-TPDBP-MUONGTHANH"].name == "Phường Mường Thanh"
    assert by_code["DB-TPDBP-MUONGTHANH"].kind == "ward"
    for unit in units():
        assert unit.name == unicodedata.normalize("NFC", unit.name)


def test_new_thanh_nua_succeeds_five_communes_of_huyen_dien_bien():
    assert _predecessors("DB-THANHNUA") == {
        "DB-HDB-THANHNUA",
        "DB-HDB-HUATHANH",
        "DB-HDB-THANHLUONG",
        "DB-HDB-THANHHUNG",
        "DB-HDB-THANHCHAN",
    }


def test_old_sam_mun_went_to_thanh_an_not_to_new_sam_mun():
    assert "DB-HDB-SAMMUN" in _predecessors("DB-THANHAN")
    assert _predecessors("DB-SAMMUN") == {"DB-HDB-POMLOT", "DB-HDB-NAU"}


def test_phuong_muong_thanh_takes_units_from_two_districts():
    by_code = _by_code()
    predecessors = _predecessors("DB-MUONGTHANH")
    assert predecessors == {"DB-TPDBP-NOONGBUA", "DB-TPDBP-NAMTHANH", "DB-HDB-THANHXUONG"}
    assert {by_code[code].parent_code for code in predecessors} == {"DB-TPDBP", "DB-HDB"}


def test_every_old_unit_has_exactly_one_successor():
    links = [link for link in successions() if link.date == REFORM]
    assert len(links) == 129
    successors: dict[str, list[str]] = defaultdict(list)
    for link in links:
        successors[link.predecessor_code].append(link.successor_code)
    assert set(successors) == {u.code for u in _old_communes()}
    assert all(len(targets) == 1 for targets in successors.values())
    assert {link.successor_code for link in links} == {u.code for u in _new_units()}
    assert set(links) == {
        SuccessionSpec(link.predecessor_code, link.successor_code, REFORM, "NQ 1661/NQ-UBTVQH15") for link in links
    }


def test_unit_code_part_strips_diacritics_and_punctuation():
    assert unit_code_part("Đắk Lắk") == "DAKLAK"
    assert unit_code_part("Mường Nhé") == "MUONGNHE"
    assert unit_code_part("Ẳng Nưa") == "ANGNUA"
    assert unit_code_part("H'Mông - 2") == "HMONG2"
    # Decomposed input (as some editors save it) gives the same code.
    assert unit_code_part(unicodedata.normalize("NFD", "Điện Biên Đông")) == "DIENBIENDONG"


# Official codes and the 2021 departments (still without a database).


def test_every_unit_of_the_reform_has_its_official_code():
    by_code = _by_code()
    assert by_code["DB"].official_code == "11"
    assert sorted(u.official_code for u in units() if u.kind == "district") == [
        "094", "095", "096", "097", "098", "099", "100", "101", "102", "103"
    ]  # fmt: skip
    assert all(len(u.official_code) == 5 for u in _old_communes() + _new_units())
    assert len({u.official_code for u in _old_communes()}) == 129
    assert len({u.official_code for u in _new_units()}) == 45
    assert by_code["DB-HDB-THANHNUA"].official_code == "03322"
    assert by_code["DB-THANHNUA"].official_code == "03328"


def test_each_new_commune_kept_the_code_of_one_of_its_old_communes():
    by_code = _by_code()
    for unit in _new_units():
        assert unit.official_code in {by_code[code].official_code for code in _predecessors(unit.code)}, unit.name


def test_no_official_code_names_two_units_on_the_same_day():
    holders = defaultdict(list)
    for unit in units():
        if unit.official_code:
            holders[unit.official_code].append(unit)
    for code, shared in holders.items():
        shared.sort(key=lambda u: u.valid_from)
        for before, after in itertools.pairwise(shared):
            assert before.valid_to is not None and before.valid_to < after.valid_from, code


def test_the_2021_departments_end_when_the_2025_merger_begins():
    by_code = _by_code()
    merger = datetime.date(2025, 3, 1)
    for code, _name, successors in FORMER_DEPARTMENTS:
        assert by_code[code].valid_to == merger - datetime.timedelta(days=1)
        assert _successors(code) == set(successors)
    assert by_code["DB-SNNMT"].valid_from == by_code["DB-SDTTG"].valid_from == merger
    assert _predecessors("DB-SNNMT") == {"DB-SNNPTNT", "DB-STNMT"}
    assert _predecessors("DB-SDTTG") == {"DB-BDT", "DB-SNV"}  # Ban Dân tộc + Sở Nội vụ's religion work
    assert _predecessors("DB-STC") == {"DB-SKHDT"}
    assert by_code["DB-STC"].valid_from == datetime.date(2004, 1, 1)  # continues, so its people stay valid


def _successors(predecessor_code: str) -> set[str]:
    return {s.successor_code for s in successions() if s.predecessor_code == predecessor_code}
