"""What a file is from its first bytes, when it is not what an upload expects: the one table that
evidence uploads (core.uploads) and imports (tabular.reader) name refused files by. It imports
nothing of Django's but translation, since the reader runs without settings or models."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What a file that is not a document or a spreadsheet is, recognised only to name it in a refusal.
# The one table for evidence uploads and for imports (tabular.reader), so both say the same.
BINARY_SIGNATURES = (
    (b"%PDF", gettext_lazy("tài liệu PDF")),
    (b"\x89PNG", gettext_lazy("ảnh PNG")),
    (b"\xff\xd8\xff", gettext_lazy("ảnh JPEG")),
    (b"GIF8", gettext_lazy("ảnh GIF")),
    (b"Rar!", gettext_lazy("tệp nén RAR")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("tệp nén 7z")),
    (b"\x1f\x8b", gettext_lazy("tệp nén gzip")),
    (b"II*\x00", gettext_lazy("ảnh TIFF")),
    (b"MM\x00*", gettext_lazy("ảnh TIFF")),
    (b"{\\rtf", gettext_lazy("văn bản RTF")),
    (b"MZ", gettext_lazy("chương trình Windows (.exe, .dll)")),
    (b"\x7fELF", gettext_lazy("chương trình Linux")),
)


def binary_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is, when it is an image, an archive, a PDF, an RTF
    or a program; None otherwise (text, an Office file or something unknown)."""
    for magic, label in BINARY_SIGNATURES:
        if head.startswith(magic):
            return str(label)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _("ảnh WEBP")
    if head[4:8] == b"ftyp":
        return _("tệp ảnh hoặc video")
    return None
