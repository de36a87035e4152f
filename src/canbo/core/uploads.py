"""Files people attach (self-study evidence): the type is read from the content, never the name,
and the size is capped, so a program renamed .pdf is refused before it is stored and later opened
by an HR officer. Imports have their own checks (exchange)."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.errors import DomainError
from canbo.core.signatures import binary_kind


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extension: str
    content_type: str


PDF = FileKind("pdf", gettext_lazy("tài liệu PDF"), ".pdf", "application/pdf")
JPEG = FileKind("jpeg", gettext_lazy("ảnh JPEG"), ".jpg", "image/jpeg")
PNG = FileKind("png", gettext_lazy("ảnh PNG"), ".png", "image/png")
DOCX = FileKind(
    "docx",
    gettext_lazy("văn bản Word (.docx)"),
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileKind(
    "xlsx",
    gettext_lazy("bảng tính Excel (.xlsx)"),
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
EVIDENCE_KINDS = (PDF, JPEG, PNG, DOCX, XLSX)

# Evidence only: an old Office file is refused (imports read .xls), and markup is named as such.
_OTHER_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_lazy("tài liệu Office cũ (.doc, .xls) hoặc tệp cài đặt .msi")),
    (b"<", gettext_lazy("trang HTML, XML hoặc SVG")),
)
# The main part of a Word or Excel file as [Content_Types].xml declares it; the macro-enabled
# variants (.docm, .xlsm) declare another type and are refused.
_OFFICE_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_CONTENT_TYPES_MAX = 256 * 1024


def _office_kind(upload) -> FileKind | str:
    """A Word or Excel container, or the reason the zip is not one."""
    zip_label = _("tệp nén ZIP")
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            if info is None or info.file_size > _CONTENT_TYPES_MAX:
                return zip_label
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return _("tài liệu Office có macro")
            declared = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
        return zip_label
    finally:
        upload.seek(0)
    for content_type, kind in _OFFICE_MAIN.items():
        if f'ContentType="{content_type}"' in declared:
            return kind
    if "macroEnabled" in declared:
        return _("tài liệu Office có macro")
    return zip_label


def detect(upload) -> FileKind | str:
    """The file's kind from its first bytes (and, for a zip, the Office parts it declares); a
    description of what it is otherwise."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    found = binary_kind(head)
    if found:
        return found
    for signature, label in _OTHER_SIGNATURES:
        if head.lstrip().startswith(signature):
            return str(label)
    return _("không xác định được")


def max_bytes() -> int:
    return settings.CANBO_UPLOAD_MAX_MB * 1024 * 1024


def check_upload(upload: UploadedFile, *, kinds: tuple[FileKind, ...] = EVIDENCE_KINDS) -> FileKind:
    """The file's kind when it is one of `kinds` and within the size limit; a DomainError naming the
    file, what it really is and what is allowed otherwise. Renames the upload to the detected
    kind's extension, so what is stored and later served is named for what it is."""
    limit = settings.CANBO_UPLOAD_MAX_MB
    allowed = ", ".join(str(kind.label) for kind in kinds)
    found = detect(upload)
    label = found.label if isinstance(found, FileKind) else found
    if upload.size is None or upload.size > max_bytes():
        size = f"{(upload.size or 0) / (1024 * 1024):.1f}".replace(".", ",")
        raise DomainError(
            _("Tệp “%(name)s” (%(found)s) nặng %(size)s MB, vượt giới hạn %(limit)s MB cho mỗi tệp.")
            % {"name": upload.name, "found": label, "size": size, "limit": limit}
        )
    if not isinstance(found, FileKind) or found not in kinds:
        raise DomainError(
            _(
                "Tệp “%(name)s” không được nhận: nội dung của tệp là %(found)s, không phải loại được phép "
                "(%(allowed)s; tối đa %(limit)s MB). Loại tệp được xác định theo nội dung, không theo tên."
            )
            % {"name": upload.name, "found": label, "allowed": allowed, "limit": limit}
        )
    stem = os.path.splitext(os.path.basename(upload.name))[0][:80]
    upload.name = get_valid_filename(f"{stem or 'tep'}{found.extension}")
    return found


def content_type_for(name: str) -> str:
    """What a stored file is served as: its checked kind, or plain bytes for anything else (files
    kept from before the check)."""
    extension = os.path.splitext(name)[1].lower()
    for kind in EVIDENCE_KINDS:
        if extension == kind.extension:
            return kind.content_type
    return "application/octet-stream"
