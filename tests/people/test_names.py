import datetime
from collections import Counter
from itertools import islice

import pytest

from canbo.people.names import PERSON_KEYS, PROFILES, id_number_for, make_people
from canbo.people.reference_data import (
    ETHNICITIES,
    LADDERS_BY_CODE,
    LANGUAGES,
    RELIGIONS,
    lookup,
    synonym_index,
)

LADDER_KEYS = (
    "general_education",
    "professional",
    "politics",
    "state_mgmt",
    "defence",
    "leadership",
    "it",
    "foreign_language",
    "ethnic_language",
)


@pytest.fixture(scope="module")
def sample():
    return list(make_people(10_000, seed=42))


def test_same_seed_same_people():
    assert list(make_people(500, seed=7)) == list(make_people(500, seed=7))


def test_other_seed_other_people():
    assert list(make_people(200, seed=7)) != list(make_people(200, seed=8))


def test_a_prefix_is_stable():
    assert list(islice(make_people(1000, seed=3), 100)) == list(make_people(100, seed=3))


def test_people_have_all_keys_and_valid_codes(sample):
    ethnicities = {code for code, _, _ in ETHNICITIES}
    religions = {code for code, _, _ in RELIGIONS}
    for person in sample:
        assert tuple(person) == PERSON_KEYS
        assert person["gender"] in ("male", "female")
        assert person["ethnicity"] in ethnicities
        assert person["religion"] in religions
        assert 1965 <= person["birth_year"] <= 2003
        if person["birth_date"] is not None:
            assert isinstance(person["birth_date"], datetime.date)
            assert person["birth_date"].year == person["birth_year"]
        if person["party_member"]:
            assert person["birth_year"] + 18 <= person["party_joined_year"] <= 2025
        else:
            assert person["party_joined_year"] is None
        for ladder in LADDER_KEYS:
            level = person[ladder]
            assert level is None or level in {lv["code"] for lv in LADDERS_BY_CODE[ladder]["levels"]}
        assert (person["professional"] is None) == (person["professional_field"] is None)
        assert (person["foreign_language"] is None) == (person["foreign_language_field"] is None)
        assert (person["ethnic_language"] is None) == (person["ethnic_language_field"] is None)
        if person["foreign_language_field"]:
            assert person["foreign_language_field"] in LANGUAGES


def test_names_have_family_middle_and_given_parts(sample):
    for person in sample:
        assert len(person["full_name"].split()) >= 3


def test_mong_men_are_named_with_a(sample):
    mong_men = [p for p in sample if p["ethnicity"] == "08" and p["gender"] == "male"]
    assert mong_men
    assert all(" A " in p["full_name"] for p in mong_men)


def test_mong_family_names_are_mong(sample):
    families = Counter(p["full_name"].split()[0] for p in sample if p["ethnicity"] == "08")
    assert set(families) <= {
        "Giàng",
        "Thào",
        "Vàng",
        "Sùng",
        "Lầu",
        "Mùa",
        "Hạng",
        "Lý",
        "Cứ",
        "Hờ",
        "Vừ",
        "Tráng",
        "Chá",
        "Ly",
    }


def test_thai_women_are_mostly_thi(sample):
    thai_women = [p for p in sample if p["ethnicity"] == "03" and p["gender"] == "female"]
    share = sum(p["full_name"].split()[1] == "Thị" for p in thai_women) / len(thai_women)
    assert share > 0.85


def test_distributions_are_plausible(sample):
    n = len(sample)

    def share(key, value):
        return sum(p[key] == value for p in sample) / n

    assert 0.30 <= share("ethnicity", "03") <= 0.46  # Thái
    assert 0.28 <= share("ethnicity", "08") <= 0.42  # Mông
    assert 0.12 <= share("ethnicity", "01") <= 0.24  # Kinh
    assert 0.35 <= share("gender", "female") <= 0.45
    assert 0.50 <= share("professional", "dai_hoc") <= 0.70
    assert 0.44 <= share("politics", "trung_cap") <= 0.56
    assert 0.30 <= share("state_mgmt", "chuyen_vien") <= 0.42
    assert 0.50 <= sum(p["party_member"] for p in sample) / n <= 0.60
    assert 0.25 <= sum(p["birth_date"] is None for p in sample) / n <= 0.35
    assert sum(1975 <= p["birth_year"] <= 1995 for p in sample) / n > 0.65


def test_id_numbers_in_generated_people_are_unique_and_consistent(sample):
    ids = [p["id_number"] for p in sample]
    assert len(set(ids)) == len(ids)
    for p in sample[:500]:
        number = p["id_number"]
        assert len(number) == 12 and number.isdigit()
        assert number[:3] == "011"
        century = (p["birth_year"] - 1900) // 100
        assert number[3] == str(2 * century + (p["gender"] == "female"))
        assert number[4:6] == f"{p['birth_year'] % 100:02d}"


def test_id_number_layout():
    assert id_number_for(0, gender="male", birth_year=1985)[:6] == "011085"
    assert id_number_for(0, gender="female", birth_year=1985)[:6] == "011185"
    assert id_number_for(0, gender="male", birth_year=2001)[:6] == "011201"
    assert id_number_for(0, gender="female", birth_year=2001)[:6] == "011301"
    assert id_number_for(5, province_code="001", gender="male", birth_year=1970).startswith("001070")


def test_id_numbers_are_12_digits_and_unique_over_100000_indexes():
    numbers = [id_number_for(i, gender="female", birth_year=1990) for i in range(100_000)]
    assert all(len(x) == 12 and x.isdigit() for x in numbers)
    assert len(set(numbers)) == len(numbers)


def test_id_number_rejects_bad_input():
    with pytest.raises(ValueError):
        id_number_for(1_000_000, gender="male", birth_year=1990)
    with pytest.raises(ValueError):
        id_number_for(-1, gender="male", birth_year=1990)
    with pytest.raises(ValueError):
        id_number_for(1, gender="x", birth_year=1990)
    with pytest.raises(ValueError):
        id_number_for(1, gender="male", birth_year=1890)
    with pytest.raises(ValueError):
        id_number_for(1, province_code="11", gender="male", birth_year=1990)


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError):
        make_people(1, seed=1, province_profile="atlantis")


def test_profiles_use_known_ethnicity_codes():
    codes = {code for code, _, _ in ETHNICITIES}
    for profile in PROFILES.values():
        for word in profile["ethnicities"].split():
            assert word.split(":")[0] in codes


def test_national_profile_is_mostly_kinh():
    people = list(make_people(2000, seed=1, province_profile="national"))
    assert sum(p["ethnicity"] == "01" for p in people) / len(people) > 0.75


def test_generated_levels_read_back_through_their_labels():
    for ladder in LADDER_KEYS:
        index = synonym_index(LADDERS_BY_CODE[ladder])
        labels = {lv["code"]: lv["label"] for lv in LADDERS_BY_CODE[ladder]["levels"]}
        for p in make_people(300, seed=5):
            if p[ladder]:
                assert lookup(index, labels[p[ladder]]) == p[ladder]


def test_a_hundred_thousand_people_generate():
    count = 0
    for _ in make_people(100_000, seed=11):
        count += 1
    assert count == 100_000
