"""Issue 15 item 10: what an import changed on a known person's post reads on their history page
as the pages say it ("Loại: Công chức → Cán bộ"), never as a raw dict."""

from django.urls import reverse

from canbo.core.models import ChangeLogEntry
from canbo.people.models import Assignment
from tests.exchange.files import write_xlsx
from tests.exchange.test_people_import import run


def test_an_imported_post_change_reads_old_and_new_values_in_the_history(login, people, tmp_path):
    van = people["van"]
    rows = [
        ["Họ và tên", "Ngày sinh", "Số CCCD", "Loại", "Chức vụ"],
        ["Lò Thị Vân", "12/03/1988", "011188001234", "Cán bộ", "Phó Chủ tịch Ủy ban nhân dân"],
    ]
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert code == 0 and report["updated"] == 1, report
    current = Assignment.unscoped.get(person=van, end_date__isnull=True)
    assert (current.category, current.title) == ("can_bo", "Phó Chủ tịch Ủy ban nhân dân")
    entry = ChangeLogEntry.unscoped.get(origin="import", action="update", object_id=str(van.pk))
    assert entry.before["assignment_changed"] == [{"category": "cong_chuc", "title": "Công chức Văn phòng - thống kê"}]
    html = login("officer_a").get(reverse("people:history", args=[van.pk])).content.decode()
    assert "Chức vụ hiện tại:" in html
    assert 'Loại: <span class="diff-before">Công chức</span> → <span class="diff-after">Cán bộ</span>' in html
    assert (
        'Chức vụ, chức danh: <span class="diff-before">Công chức Văn phòng - thống kê</span> → '
        '<span class="diff-after">Phó Chủ tịch Ủy ban nhân dân</span>'
    ) in html
    assert "assignment_changed" not in html and "{&#x27;" not in html and "can_bo" not in html
