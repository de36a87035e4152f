"""Files built to break the reader: every one is answered with a Vietnamese reason, never a crash.

The two-cell .xlsx (A1 and XFD1048576) made calamine ask for 512 GiB and abort the process before
the fix; an over-long CSV cell raised csv.Error (HTTP 500).
"""

import zipfile

import openpyxl
from django.urls import reverse
from openpyxl.styles import Font

from canbo.exchange.models import ImportJob
from canbo.people.models import Person
from canbo.tabular.extent import workbook_extent
from canbo.tabular.reader import read_rows
from tests.exchange.test_import_pages import _upload
from tests.exchange.test_people_import import run


def two_far_cells(path):
    """4.7 KB: a name in A1 and one more text in the last cell of the grid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Họ và tên"
    ws["A2"] = "Lò Văn Một"
    ws["XFD1048576"] = "x"
    wb.save(path)
    return path


def ods_repeated(path, *, rows: int, columns: int):
    """One text cell repeated `columns` times in a row repeated `rows` times: a few hundred bytes."""
    cell = (
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="DS">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Họ và tên</text:p>'
        f'</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}">{cell}'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def long_cell_csv(path, length=200_000):
    rows = ["Họ và tên,Năm sinh,Ghi chú", "Lò Văn Một,1980,", "Lò Văn Hai,1981,", "Lò Văn Ba,1982,"]
    rows.append("Lò Văn Bốn,1983," + "a" * length)
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


def test_it_refuses_a_two_cell_workbook_spanning_the_whole_grid_on_the_upload_page(login, tree, reference, tmp_path):
    path = two_far_cells(tmp_path / "ds.xlsx")
    assert path.stat().st_size < 6000
    client = login("officer_a")
    response = _upload(client, path, tree["a"])
    job = ImportJob.unscoped.get()
    assert response.status_code == 302 and job.status == "refused"
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "là XFD1048576" in page and "quá nhiều cột" in page and "16.384 cột" in page and "Ctrl+End" in page
    assert Person.unscoped.count() == 0


def test_it_refuses_a_two_cell_workbook_from_the_command(tree, reference, tmp_path):
    code, report = run(two_far_cells(tmp_path / "ds.xlsx"))
    assert code == 1 and "XFD1048576" in report["refused"]
    assert Person.unscoped.count() == 0


def test_it_refuses_an_ods_whose_repeated_cells_fill_millions_of_cells(tree, reference, tmp_path):
    code, report = run(ods_repeated(tmp_path / "ds.ods", rows=200_000, columns=150))
    assert code == 1 and "200.001 dòng × 150 cột" in report["refused"] and "20.000.000 ô" in report["refused"]
    assert "là ET200001" in report["refused"]


def test_an_ods_with_a_short_repeated_run_is_read(tmp_path):
    rows = list(read_rows(ods_repeated(tmp_path / "ds.ods", rows=3, columns=2)))
    assert rows == [(1, ["Họ và tên", ""]), (2, ["x", "x"]), (3, ["x", "x"]), (4, ["x", "x"])]


def test_a_formatted_empty_cell_far_away_does_not_refuse_the_file(tmp_path):
    """Excel writes <c r="XFD1048576" s="1"/> for a formatted empty cell; calamine skips it, so do we."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Họ và tên", "Năm sinh"
    ws["A2"], ws["B2"] = "Lò Văn Một", 1980
    ws["XFD1048576"].font = Font(bold=True)
    wb.save(tmp_path / "ds.xlsx")
    assert list(read_rows(tmp_path / "ds.xlsx")) == [(1, ["Họ và tên", "Năm sinh"]), (2, ["Lò Văn Một", 1980.0])]


def test_the_extent_of_a_binary_xlsb_sheet_counts_its_cell_records(tmp_path):
    """BIFF12 records: type and size as 7-bit varints; a row header, then cells with their column first."""

    def record(kind: int, body: bytes) -> bytes:
        head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
        return head + bytes([len(body)]) + body

    cell = (5).to_bytes(4, "little") + b"\0" * 4 + b"\0" * 8  # BrtCellReal in column F
    sheet = record(0x00, (0).to_bytes(4, "little") + b"\0" * 8) + record(0x05, cell)
    sheet += record(0x00, (1_048_575).to_bytes(4, "little") + b"\0" * 8) + record(0x05, cell)
    sheet += record(0x91, b"")  # BrtBeginSheetData (two-byte type): ignored
    with zipfile.ZipFile(tmp_path / "ds.xlsb", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.bin", sheet)
    extent = workbook_extent(tmp_path / "ds.xlsb", "xlsx")
    assert (extent.first_row, extent.last_row, extent.first_column, extent.last_column) == (1, 1_048_576, 6, 6)


def test_it_refuses_an_over_long_csv_cell_naming_its_row_and_column_on_the_upload_page(
    login, tree, reference, tmp_path
):
    client = login("officer_a")
    response = _upload(client, long_cell_csv(tmp_path / "ds.csv"), tree["a"])
    job = ImportJob.unscoped.get()
    assert response.status_code == 302 and job.status == "refused"
    assert job.summary["refused"].startswith("Dòng 5, cột C: ô dài quá 32.767 ký tự (200.000 ký tự)")
    assert Person.unscoped.count() == 0


def test_it_refuses_an_over_long_csv_cell_from_the_command(tree, reference, tmp_path):
    code, report = run(long_cell_csv(tmp_path / "ds.csv", length=140_000))
    assert code == 1 and report["refused"].startswith("Dòng 5, cột C: ô dài quá")


def test_it_refuses_an_xls_whose_two_cells_span_the_whole_sheet_before_reading_it(tree, reference, tmp_path):
    """5.5 KB; calamine would take 1 GB to build its 65,536 × 256 block."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("DS")
    ws.write(0, 0, "Họ và tên")
    ws.write(1, 0, "Lò Văn Một")
    ws.write(65535, 255, "x")
    wb.save(str(tmp_path / "ds.xls"))
    code, report = run(tmp_path / "ds.xls")
    assert code == 1 and "là IV65536" in report["refused"] and "quá nhiều cột" in report["refused"]


def test_an_xls_with_a_formatted_empty_cell_far_away_is_read(tmp_path):
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("DS")
    ws.write(0, 0, "Họ và tên")
    ws.write(1, 0, "Lò Văn Một")
    ws.write(65535, 255, None, xlwt.easyxf("font: bold on"))  # a BLANK record
    wb.save(str(tmp_path / "ds.xls"))
    assert list(read_rows(tmp_path / "ds.xls")) == [(1, ["Họ và tên"]), (2, ["Lò Văn Một"])]
