"""Import jobs: an uploaded file, its validation result (every row's status) and its commit."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import ScopedManager


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Đang kiểm tra")
    VALIDATED = "validated", _("Đã kiểm tra, chờ xác nhận")
    REFUSED = "refused", _("Tệp bị từ chối")
    IMPORTING = "importing", _("Đang ghi dữ liệu")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Lỗi hệ thống")


class ImportJob(models.Model):
    """One upload. The file stays on disk until the job is confirmed or abandoned."""

    SCOPE_PATH = "unit__path"
    AUDIT_EXCLUDE = ("rows", "summary")  # the change log keeps the job's state, not every row's

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, default="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file_path = models.CharField(max_length=500)
    skip_invalid = models.BooleanField(_("bỏ qua dòng lỗi"), default=False)
    # The worksheet chosen on the preview; empty: the one whose header names the most fields.
    sheet = models.CharField(_("trang tính"), max_length=100, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ImportStatus.choices)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    rows = models.JSONField(default=list, blank=True)  # [[row, status, name, message], ...]
    error_file = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker's lease: set when a run starts and renewed while it runs; a running job whose
    # heartbeat is older than CANBO_TASK_LEASE_SECONDS lost its process and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)  # the queued django-tasks result, if any
    failure = models.TextField(_("lý do lỗi"), blank=True)  # shown on the job page
    retry_status = models.CharField(max_length=12, blank=True)  # the state "Thử lại" goes back to
    # The uploaded file was deleted after CANBO_IMPORT_RETENTION_DAYS; the row and summary stay.
    purged_at = models.DateTimeField(null=True, blank=True)
    # The column mapping the file is read with: {"2": "given_name", "5": null} (column index ->
    # field, null = not used), the officer's choices on the preview or a saved mapping recalled.
    mapping = models.JSONField(_("cách đọc cột"), default=dict, blank=True)
    # Where `mapping` came from when the officer has not changed it: the saved mapping applied
    # ({"id", "unit", "updated_at"}); empty once the officer chooses (then it is saved on confirm).
    mapping_source = models.JSONField(default=dict, blank=True)
    # The doubtful column reads the officer confirmed, as shown then: [{"column", "header", "field",
    # "doubt"}] (kept on the job and in its change log: who accepted which reading, when).
    confirmed = models.JSONField(_("cột đã xác nhận"), default=list, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        default_manager_name = "unscoped"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    def audit_unit_path(self) -> str:
        return self.unit.path

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class SavedMapping(models.Model):
    """A unit's column mapping for files with the same headers: saved when an officer imports with
    a mapping they changed or confirmed, applied to the next such file of the unit or of a unit
    under it (the preview says so, and the officer can still change it)."""

    SCOPE_PATH = "unit__path"

    kind = models.CharField(max_length=20, default="people")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    # sha256 of the normalised header texts with their columns (tabular.mapping.header_signature)
    signature = models.CharField(max_length=64)
    headers = models.JSONField(default=list, blank=True)  # [["C", "Tên"], ...] as the file had them
    mapping = models.JSONField(_("cách đọc cột"), default=dict)  # {"2": "given_name", "5": null}
    file_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("cách đọc cột đã lưu")
        verbose_name_plural = _("cách đọc cột đã lưu")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "signature"], name="saved_mapping_per_unit_headers")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.file_name or self.signature[:8]}"

    def audit_unit_path(self) -> str:
        return self.unit.path


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang chuẩn bị tệp")
    DONE = "done", _("Tệp đã sẵn sàng")
    FAILED = "failed", _("Lỗi hệ thống")


class ExportJob(models.Model):
    """A large export of the people list, written by the worker (a province's 20,000 people took
    19.7 s inside the request): the list's filters as its query string, read again as its user, so
    the file holds what the list showed them. Only its user sees it; the file is deleted after
    CANBO_IMPORT_RETENTION_DAYS with the import files."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    query = models.TextField(blank=True)  # the people list's filters (a query string)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ExportStatus.choices)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    file_path = models.CharField(max_length=500, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt xuất dữ liệu")
        verbose_name_plural = _("lượt xuất dữ liệu")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name or str(self.pk)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
