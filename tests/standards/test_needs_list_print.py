"""The needs list prints as the other downloads do: A4 landscape, one page wide, the header row on
every page, page numbers at the foot (the shared core.papers print setup)."""

import datetime
import io
from types import SimpleNamespace

import openpyxl
import pytest

from canbo.standards.report import need_people_xlsx

pytestmark = pytest.mark.django_db


def test_the_needs_list_has_the_shared_print_setup(tree):
    data = need_people_xlsx(
        unit=tree["a"], day=datetime.date(2026, 12, 7), kind=SimpleNamespace(name="Lý luận chính trị"), lines=[]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    # fitToWidth is left out when it is the default 1 page; fitToHeight 0 is "as many as needed".
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert sheet.print_options.horizontalCentered
