"""Bulk nomination (issue 15, item 4): many people to one class in one request, each refusal with
its reason; a pasted column of ID numbers or names resolved within the actor's reach."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.people import services as people_services
from canbo.training import bulk, services
from canbo.training.models import Enrolment

D = datetime.date


@pytest.fixture
def crowd(tree, people):
    """Besides Vân (A), Minh (A's office, no post) and Páo (B): two "Lò Văn Hùng" in commune A and
    its office, one công chức with an old 9-digit CMND, and one of commune B with an ID number."""

    def make(name, unit, id_number=None, old_id=None):
        return people_services.person_create(
            unit=tree[unit],
            assignment={"category": "cong_chuc", "title": "Công chức Tư pháp - hộ tịch", "start_date": D(2025, 7, 1)},
            full_name=name,
            birth_year=1990,
            id_number=id_number,
            old_id_number=old_id,
        )

    return {
        **people,
        "hung_a": make("Lò Văn Hùng", "a"),
        "hung_office": make("Lò Văn Hùng", "a_office"),
        "cmnd": make("Cà Thị Lan", "a", old_id="040123456"),
        "b_with_id": make("Vừ A Dính", "b", id_number="011190005555"),
    }


def _enrolled(cls):
    return sorted(Enrolment.unscoped.filter(training_class=cls).values_list("person__full_name", flat=True))


def test_nominate_many_nominates_the_eligible_and_returns_each_refusal_with_its_reason(
    crowd, personas, llct, make_class
):
    cls = make_class(llct)  # LLCT: cán bộ and công chức only
    with acting_as(personas["officer_a"]):
        services.enrolment_nominate(training_class=cls, person=crowd["hung_a"])
        result = bulk.enrolment_nominate_many(
            cls, [crowd["van"], crowd["minh"], crowd["hung_a"], crowd["cmnd"], crowd["pao"], crowd["van"]]
        )
    assert sorted(e.person.full_name for e in result.nominated) == ["Cà Thị Lan", "Lò Thị Vân"]
    reasons = {r.label: r.reason for r in result.refused}
    assert reasons == {
        "Lò Văn Minh": "Lớp dành cho Cán bộ, Công chức; Lò Văn Minh là chưa rõ.",
        "Lò Văn Hùng": "Lò Văn Hùng đã có tên trong lớp này.",
        "Giàng A Páo": "Không thuộc phạm vi của bạn, không cử được.",
    }
    # One transaction per person: the refused changed nothing, the accepted stay nominated.
    assert _enrolled(cls) == ["Cà Thị Lan", "Lò Thị Vân", "Lò Văn Hùng"]


def test_resolve_lines_takes_id_numbers_old_cards_and_names_and_refuses_the_rest(crowd, personas):
    text = "011188001234\n\n040 123 456\nLò Văn Hùng\nlo van minh\nNguyễn Văn Không\n011190005555\n"
    people, refused = bulk.resolve_lines(user=personas["officer_a"], text=text)
    assert [p.full_name for p in people] == ["Lò Thị Vân", "Cà Thị Lan", "Lò Văn Minh"]
    assert [(r.label, r.reason) for r in refused] == [
        (
            "Dòng 4 “Lò Văn Hùng”",
            "có 2 người trùng: Lò Văn Hùng (Xã Thanh Nưa); Lò Văn Hùng (Văn phòng HĐND và UBND xã Thanh Nưa). "
            "Hãy nhập số định danh cá nhân của người cần cử.",
        ),
        ("Dòng 6 “Nguyễn Văn Không”", "không tìm thấy người nào trong phạm vi của bạn."),
        # Commune B's ID number: not found, exactly like an unknown one (nothing says whose it is).
        ("Dòng 7 “011190005555”", "không tìm thấy người nào trong phạm vi của bạn."),
    ]


def test_a_long_paste_is_resolved_in_a_fixed_number_of_queries(crowd, personas, django_assert_max_num_queries):
    """Three look-ups for the whole paste (ID numbers, old CMND numbers, names), not one per line:
    a commune's 2,000-line column would otherwise be thousands of queries in one request."""
    lines = ["011188001234", "040 123 456", "Lò Văn Hùng", "lo van minh"] * 50 + [f"0111900{n:05d}" for n in range(200)]
    with django_assert_max_num_queries(5):
        people, refused = bulk.resolve_lines(user=personas["officer_a"], text="\n".join(lines))
    assert [p.full_name for p in people] == ["Lò Thị Vân", "Cà Thị Lan", "Lò Văn Minh"]
    assert len(refused) == 50 + 200
    assert refused[0].reason.startswith("có 2 người trùng: Lò Văn Hùng (Xã Thanh Nưa); Lò Văn Hùng (Văn phòng")


def test_the_class_page_links_to_the_paste_page_which_shows_a_textarea(login, crowd, update_course, make_class):
    cls = make_class(update_course)
    client = login("officer_a")
    html = client.get(reverse("training:class", args=[cls.code])).content.decode()
    assert reverse("training:nominate_many", args=[cls.code]) in html
    page = client.get(reverse("training:nominate_many", args=[cls.code])).content.decode()
    assert '<textarea class="form-control font-monospace" id="id_lines" name="lines"' in page


def test_a_pasted_column_is_nominated_in_one_request_and_the_refused_lines_come_back(
    login, crowd, update_course, make_class
):
    cls = make_class(update_course)
    lines = "011188001234\nLò Văn Hùng\nCà Thị Lan\n011190005555\nLò Văn Minh\n"
    response = login("officer_a").post(reverse("training:nominate_many", args=[cls.code]), {"lines": lines})
    html = response.content.decode()
    assert _enrolled(cls) == ["Cà Thị Lan", "Lò Thị Vân", "Lò Văn Minh"]
    assert "Đã cử 3 người; 2 dòng không cử được." in html
    assert "Dòng 2 “Lò Văn Hùng”" in html and "Văn phòng HĐND và UBND xã Thanh Nưa" in html
    assert "Dòng 4 “011190005555”" in html and "Vừ A Dính" not in html and "Mường Nhé" not in html
    # The lines left to fix are back in the box.
    box = html.split('name="lines"', 1)[1].split("</textarea>", 1)[0]
    assert box.split(">", 1)[1] == "Lò Văn Hùng\n011190005555"


def test_commune_bs_officer_cannot_open_commune_as_class_to_nominate(login, crowd, update_course, make_class, tree):
    cls = make_class(update_course, organiser=tree["a"])
    response = login("officer_b").post(reverse("training:nominate_many", args=[cls.code]), {"lines": "Giàng A Páo"})
    assert response.status_code == 404
    assert _enrolled(cls) == []


def test_a_cadre_cannot_nominate_many(login, crowd, update_course, make_class):
    cls = make_class(update_course)
    response = login("cadre_a").post(reverse("training:nominate_many", args=[cls.code]), {"lines": "Lò Thị Vân"})
    assert response.status_code in (403, 404)
    response = login("cadre_a").post(
        reverse("training:nominate_selected"), {"training_class": cls.code, "person": [crowd["van"].pk]}
    )
    assert response.status_code in (403, 404)
    assert _enrolled(cls) == []


def test_a_finished_class_takes_nobody_and_says_why(login, crowd, update_course, make_class):
    cls = make_class(update_course, status="running")
    client = login("province_admin")
    page = client.get(reverse("training:nominate_many", args=[cls.code])).content.decode()
    assert "không nhận cử học viên" in page and 'name="lines"' not in page
    response = client.post(
        reverse("training:nominate_selected"), {"training_class": cls.code, "person": [crowd["van"].pk]}, follow=True
    )
    assert "đang ở trạng thái “Đang học”, không nhận cử học viên." in response.content.decode()
    assert _enrolled(cls) == []


def test_the_selected_list_route_refuses_garbage_and_an_unknown_class(login, crowd, update_course, make_class):
    client = login("officer_a")
    response = client.post(reverse("training:nominate_selected"), {"training_class": "KHONG-CO", "person": ["1"]})
    assert response.status_code == 404
    cls = make_class(update_course)
    response = client.post(
        reverse("training:nominate_selected"),
        {"training_class": cls.code, "person": ["abc", "9" * 40, str(crowd["van"].pk)]},
    )
    assert response.status_code == 302
    assert _enrolled(cls) == ["Lò Thị Vân"]
