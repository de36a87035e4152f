"""Column titles of staff lists: the canonical field of each header people write, and its label.

Header variants are compared through normalise.match_key (no diacritics, no punctuation, any case),
so "HO TEN", "Họ tên" and "Họ và tên:" need one entry each at most. The canonical label of every
field is also one of its variants, so the import template reads back. A variant starting with "!"
names what a column is *not* (a former unit, a recruitment priority): recognised, and left unused.
"""

from django.utils.translation import gettext as _

from canbo.tabular.reader import NAME_PART_VARIANTS


def gettext_noop(message: str) -> str:
    """Marks a string for makemessages (which looks for this name) without needing Django settings."""
    return message


PEOPLE_COLUMNS: dict[str, list[str]] = {
    "row_no": ["STT", "TT", "Số TT", "Số thứ tự"],
    "full_name": [
        "Họ và tên",
        "Họ tên",
        "HO TEN",
        "Họ và tên khai sinh",
        "Họ, tên",
        "Họ, chữ đệm và tên",
        "Họ, chữ đệm, tên",
        "Họ đệm và tên",
        "Họ, đệm và tên",
    ],
    # A name split across columns ("Họ" | "Tên", "Họ và tên đệm" | "Tên"): the full name is both. A lone
    # "Tên" column (no family name beside it) is read as the full name, flagged for confirmation.
    "family_name": list(NAME_PART_VARIANTS["family_name"]),
    "given_name": list(NAME_PART_VARIANTS["given_name"]),
    "gender": ["Giới tính", "GT", "Nam/Nữ", "Nam, nữ"],
    "birth": ["Ngày sinh", "Năm sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "NS"],
    "id_number": [
        "Số định danh cá nhân",
        "Số CCCD",
        "Số định danh",
        "CCCD",
        "Số CMND/CCCD",
        "CMND/CCCD",
        "Số CCCD/CMND",
        "CCCD/CMND",
        "CMND",
        "Số CMND",
        "CMTND",
        "Số CMTND",
        "Chứng minh nhân dân",
        "Số chứng minh nhân dân",
        "Căn cước công dân",
        "Số căn cước công dân",
        "Số căn cước",
        "Căn cước",
    ],
    "ethnicity": ["Dân tộc", "DT"],
    "religion": ["Tôn giáo", "TG"],
    "party_member": ["Đảng viên", "ĐV", "Là đảng viên"],
    "party_joined_on": ["Ngày vào Đảng", "Ngày kết nạp Đảng", "Ngày kết nạp", "Ngày vào Đảng CSVN"],
    "home_town": ["Quê quán", "Quê"],
    "phone": ["Số điện thoại", "Điện thoại", "SĐT"],
    "email": ["Email", "Thư điện tử", "E-mail"],
    # In a transfer list the person's unit is the destination; "!" marks what a column is not.
    "unit": [
        "Đơn vị",
        "Mã đơn vị",
        "Cơ quan, đơn vị",
        "Nơi công tác",
        "Cơ quan đơn vị",
        "Đơn vị công tác",
        "Cơ quan",
        "Cơ quan công tác",
        "Phòng (Đơn vị)",
        "Phòng, ban",
        "Tên đơn vị",
        "Đơn vị mới",
        "Đơn vị đến",
        "Nơi chuyển đến",
        "Đơn vị chuyển đến",
        "Nơi công tác mới",
        "!Đơn vị cũ",
        "!Đơn vị đi",
        "!Nơi công tác cũ",
        "!Nơi chuyển đi",
        "!Đơn vị chuyển đi",
        "!Cơ quan cũ",
    ],
    "category": ["Loại", "Đối tượng", "Cán bộ/công chức/viên chức", "Phân loại", "!Đối tượng ưu tiên", "!Diện ưu tiên"],
    "title": [
        "Chức vụ",
        "Chức danh",
        "Chức vụ, chức danh",
        "Chức vụ/chức danh",
        "Tên chức vụ",
        "Chức vụ hiện tại",
        "Chức vụ hiện nay",
        "Chức vụ mới",
        "!Chức vụ cũ",
    ],
    "job_position": ["Vị trí việc làm", "VTVL"],
    "rank": ["Ngạch, chức danh nghề nghiệp", "Ngạch", "Chức danh nghề nghiệp", "Mã ngạch", "Ngạch/CDNN"],
    "sector": ["Lĩnh vực", "Ngành, lĩnh vực"],
    "start_date": ["Ngày bổ nhiệm", "Ngày tuyển dụng", "Ngày nhận công tác"],
    "decision": ["Số quyết định", "Quyết định"],
    "general_education": ["Giáo dục phổ thông", "GDPT", "Trình độ văn hóa", "Văn hóa", "Học vấn"],
    "professional": [
        "Trình độ chuyên môn",
        "TĐCM",
        "Chuyên môn",
        "Trình độ CM",
        "CM",
        "Trình độ chuyên môn cao nhất",
        "Chuyên môn nghiệp vụ",
        "Trình độ đào tạo",  # alone, or a band over "Trình độ | Chuyên ngành"
    ],
    "professional_field": ["Chuyên ngành", "Ngành đào tạo", "Chuyên ngành đào tạo"],
    "politics": [
        "Lý luận chính trị",
        "LLCT",
        "Trình độ LLCT",
        "Chính trị",
        "Trình độ lý luận chính trị",
    ],
    "state_mgmt": ["Quản lý nhà nước", "QLNN", "Trình độ QLNN", "Trình độ quản lý nhà nước"],
    "defence": ["Quốc phòng - an ninh", "QP-AN", "QPAN", "Quốc phòng an ninh", "QP, AN"],
    "leadership": ["Bồi dưỡng lãnh đạo, quản lý", "Lãnh đạo quản lý", "BD LĐQL", "Lãnh đạo, quản lý"],
    "it": ["Tin học", "Trình độ tin học", "TH"],
    "foreign_language": ["Ngoại ngữ", "Trình độ ngoại ngữ", "NN"],
    "ethnic_language": ["Tiếng dân tộc", "Tiếng DTTS", "Tiếng dân tộc thiểu số"],
    "note": ["Ghi chú", "GC"],
    "error": ["Lỗi"],
}

# Canonical Vietnamese titles (import template, error messages), marked for translation without
# being translated at import time; field_label() translates at run time.
FIELD_LABELS: dict[str, str] = {
    "row_no": gettext_noop("STT"),
    "full_name": gettext_noop("Họ và tên"),
    "family_name": gettext_noop("Họ và chữ đệm"),
    "given_name": gettext_noop("Tên"),
    "gender": gettext_noop("Giới tính"),
    "birth": gettext_noop("Ngày sinh"),
    "id_number": gettext_noop("Số định danh cá nhân"),
    "ethnicity": gettext_noop("Dân tộc"),
    "religion": gettext_noop("Tôn giáo"),
    "party_member": gettext_noop("Đảng viên"),
    "party_joined_on": gettext_noop("Ngày vào Đảng"),
    "home_town": gettext_noop("Quê quán"),
    "phone": gettext_noop("Số điện thoại"),
    "email": gettext_noop("Email"),
    "unit": gettext_noop("Đơn vị"),
    "category": gettext_noop("Loại"),
    "title": gettext_noop("Chức vụ"),
    "job_position": gettext_noop("Vị trí việc làm"),
    "rank": gettext_noop("Ngạch, chức danh nghề nghiệp"),
    "sector": gettext_noop("Lĩnh vực"),
    "start_date": gettext_noop("Ngày bổ nhiệm"),
    "decision": gettext_noop("Số quyết định"),
    "general_education": gettext_noop("Giáo dục phổ thông"),
    "professional": gettext_noop("Trình độ chuyên môn"),
    "professional_field": gettext_noop("Chuyên ngành"),
    "politics": gettext_noop("Lý luận chính trị"),
    "state_mgmt": gettext_noop("Quản lý nhà nước"),
    "defence": gettext_noop("Quốc phòng - an ninh"),
    "leadership": gettext_noop("Bồi dưỡng lãnh đạo, quản lý"),
    "it": gettext_noop("Tin học"),
    "foreign_language": gettext_noop("Ngoại ngữ"),
    "ethnic_language": gettext_noop("Tiếng dân tộc"),
    "note": gettext_noop("Ghi chú"),
    "error": gettext_noop("Lỗi"),
}


def field_label(field: str) -> str:
    """The translated title of a field (its code when unknown)."""
    label = FIELD_LABELS.get(field)
    return _(label) if label else field
