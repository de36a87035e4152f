"""An ID number typed with fullwidth or Arabic-Indic digits is refused on every path, never stored
beside its ASCII twin (str.isdigit() and int() accept those digits, so the old checks let them in)."""

import pytest
from django.urls import reverse

from canbo.core.errors import DomainError
from canbo.people import services
from canbo.people.models import Person
from tests.exchange.files import write_xlsx
from tests.exchange.test_people_import import run

FULLWIDTH = "０１１１８８００１２３４"  # the ID of Lò Thị Vân in the people fixture, in fullwidth digits
ARABIC_INDIC = "٠١١١٨٨٠٠١٢٣٤"


@pytest.mark.parametrize("id_number", [FULLWIDTH, ARABIC_INDIC])
def test_the_person_page_refuses_an_id_number_in_foreign_digits(login, people, tree, id_number):
    response = login("officer_a").post(
        reverse("people:create"),
        {
            "full_name": "Quàng Văn Hải",
            "gender": "male",
            "birth_year": "1990",
            "unit": tree["a"].pk,
            "id_number": id_number,
        },
    )
    assert response.status_code == 200
    assert "chỉ gồm các chữ số 0–9" in response.content.decode()
    assert not Person.unscoped.filter(full_name="Quàng Văn Hải").exists()


def test_the_service_refuses_an_id_number_in_foreign_digits(people, tree):
    with pytest.raises(DomainError) as caught:
        services.person_create(unit=tree["a"], full_name="Quàng Văn Hải", birth_year=1990, id_number=FULLWIDTH)
    assert "chữ số 0–9" in " ".join(caught.value.messages)
    assert Person.unscoped.filter(id_number__in=[FULLWIDTH, "011188001234"]).count() == 1


@pytest.mark.parametrize("id_number", [FULLWIDTH, ARABIC_INDIC])
def test_the_import_refuses_an_id_number_in_foreign_digits(tree, reference, tmp_path, id_number):
    path = write_xlsx(
        tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh", "Số định danh"], ["Quàng Văn Hải", 1990, id_number]]
    )
    code, report = run(path)
    assert code == 1
    assert "chỉ gồm các chữ số 0–9" in report["errors"][0]["message"]
    assert Person.unscoped.count() == 0
