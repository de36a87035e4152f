"""Hostile reach on evaluations: a commune officer may not overwrite (and so take over) a result
that another commune holds, neither by the form nor by an import naming the person."""

import datetime

import pytest
from django.urls import reverse

from canbo.careers import services
from canbo.careers.imports import import_evaluations
from canbo.careers.models import Evaluation
from tests.careers.test_import import _row, _xlsx

D = datetime.date
TODAY = D(2027, 3, 1)


@pytest.fixture
def held_by_b(tree, people, schemes, as_user):
    """Vân (now in commune A) was evaluated for 2024 by commune B (where she then worked)."""
    with as_user("system_admin"):
        return services.evaluation_record(person=people["van"], year=2024, level="good", unit=tree["b"], today=TODAY)


@pytest.mark.django_db
def test_an_import_may_not_overwrite_a_result_held_by_another_commune(tmp_path, people, held_by_b, as_user):
    path = _xlsx(tmp_path / "kq.xlsx", [_row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "HTNV")])
    with as_user("officer_a"):
        result = import_evaluations(path, unit=people["van"].unit)
    assert not result.written and result.invalid == 1
    (error,) = result.errors
    assert error.row == 5 and "ngoài phạm vi của bạn" in error.message
    held = Evaluation.unscoped.get(pk=held_by_b.pk)
    assert (held.level, held.unit.code, held.version) == ("good", "P-MUONGNHE", 1)


@pytest.mark.django_db
def test_the_form_answers_404_for_a_result_held_by_another_commune(login, people, held_by_b):
    client = login("officer_a")
    url = reverse("careers:evaluation_edit", args=[people["van"].pk, 2024])
    assert client.get(url).status_code == 404
    assert client.post(url, {"level": "done", "unit": people["van"].unit.pk}).status_code == 404
    assert Evaluation.unscoped.get(pk=held_by_b.pk).level == "good"


@pytest.mark.django_db
def test_a_stale_form_is_refused(login, people, schemes, as_user, tree):
    with as_user("officer_a"):
        first = services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
        services.evaluation_record(
            person=people["van"], year=2024, level="done", expected_version=first.version, today=TODAY
        )
    client = login("officer_a")
    url = reverse("careers:evaluation_edit", args=[people["van"].pk, 2024])
    response = client.post(url, {"level": "good", "unit": tree["a"].pk, "version": first.version})
    assert response.status_code == 200
    assert "đã được sửa sau khi bạn mở biểu mẫu" in response.content.decode()
    assert Evaluation.unscoped.get(pk=first.pk).level == "done"


@pytest.mark.django_db
def test_the_leader_and_a_cadre_write_nothing(login, people, schemes, tree):
    url = reverse("careers:evaluation_edit", args=[people["van"].pk, 2024])
    for name in ("leader", "cadre_a"):
        assert login(name).post(url, {"level": "good", "unit": tree["a"].pk}).status_code == 404
    assert not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_a_cadre_reads_only_their_own_results(login, people, personas, schemes, as_user, tree):
    with as_user("officer_a"):
        services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
        services.evaluation_record(person=people["minh"], year=2024, level="failed", today=TODAY)
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    client = login("cadre_a")
    assert client.get(reverse("careers:person_evaluations", args=[people["minh"].pk])).status_code == 404
    for url in (
        reverse("careers:evaluations", args=[tree["a"].code]),
        reverse("careers:evaluations", args=[tree["a"].code]) + "?q=Minh",
        reverse("careers:distribution", args=[tree["a"].code]),
        reverse("careers:distribution_xlsx", args=[tree["a"].code]),
        reverse("careers:evaluations_home"),
        reverse("careers:evaluation_edit", args=[people["minh"].pk, 2024]),
    ):
        assert client.get(url).status_code == 404, url
    mine = client.get(reverse("careers:mine")).content.decode()
    assert "Lò Văn Minh" not in mine and "Không hoàn thành nhiệm vụ" not in mine
    assert "Hoàn thành tốt" in mine


@pytest.mark.django_db
def test_the_distribution_of_commune_a_counts_nothing_of_commune_b(login, people, schemes, as_user, tree):
    with as_user("officer_b"):
        services.evaluation_record(person=people["pao"], year=2024, level="good", today=TODAY)
    client = login("officer_a")
    assert client.get(reverse("careers:distribution", args=[tree["b"].code])).status_code == 404
    assert client.get(reverse("careers:evaluations", args=[tree["b"].code])).status_code == 404
    page = client.get(reverse("careers:evaluations", args=[tree["a"].code]), {"q": "Páo"}).content.decode()
    assert "Giàng A Páo" not in page


@pytest.mark.django_db
def test_an_import_naming_commune_bs_people_or_unit_writes_nothing(tmp_path, people, schemes, as_user, tree):
    from canbo.people import services as people_services

    with as_user("officer_b"):
        people_services.person_update(person=people["pao"], expected_version=None, id_number="011180009999")
    rows = [
        _row(1, "Giàng A Páo", 1980, "011180009999", 2024, "HTTNV"),  # B's person by ID number
        _row(2, "Giàng A Páo", 1980, "", 2024, "HTTNV"),  # by name and birth
        _row(3, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "HTTNV", unit="P-MUONGNHE"),  # into B
    ]
    path = _xlsx(tmp_path / "b.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], skip_invalid=True)
    assert result.invalid == 3 and not result.written
    assert {e.row for e in result.errors} == {5, 6, 7}
    assert "ngoài phạm vi" in result.errors[0].message and "Giàng A Páo" not in result.errors[0].message
    assert not Evaluation.unscoped.exists()
