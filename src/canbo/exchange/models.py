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
