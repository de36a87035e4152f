"""Shared base models: scoped managers, effective dating, optimistic versions and the change log."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canbo.core import context
from canbo.core.scope import Scope


def reach_q(model: type[models.Model], scope: Scope) -> Q:
    """The filter of a scoped model's rows within `scope` (its SCOPE_PATH, and SCOPE_PERSON for a
    cadre's own record), for selectors that widen it with an OR (a learner's own certificates).
    Empty (everything) for an unrestricted scope: OR-ing onto it needs that case first."""
    condition = scope.q(model.SCOPE_PATH)
    person_field = getattr(model, "SCOPE_PERSON", None)
    if person_field:
        condition &= scope.person_q(person_field)
    return condition


class ScopedQuerySet(models.QuerySet):
    def within(self, scope: Scope) -> ScopedQuerySet:
        return self.filter(reach_q(self.model, scope))

    def for_user(self, user) -> ScopedQuerySet:
        return self.within(Scope.for_user(user))


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Default path to scoped data: filtered by the current actor's reach, or an error without one.

    `Model.objects.filter(...)` inside a request only ever sees the user's subtree; in a command it
    raises unless the command said who acts. `for_user(user)` / `within(scope)` make it explicit.
    Django internals (unique checks, related managers) use the model's `unscoped` manager.
    """

    def get_queryset(self) -> ScopedQuerySet:
        return super().get_queryset().within(context.require().scope)

    def for_user(self, user) -> ScopedQuerySet:
        return super().get_queryset().for_user(user)

    def within(self, scope: Scope) -> ScopedQuerySet:
        return super().get_queryset().within(scope)


class EffectiveDatedQuerySet(ScopedQuerySet):
    def valid_on(self, day: datetime.date) -> EffectiveDatedQuerySet:
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))


class EffectiveDated(models.Model):
    """Something that exists from one day to another (both inclusive); open-ended when valid_to is empty."""

    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class Versioned(models.Model):
    """Carries a version bumped on every save through a service, so stale edits can be refused."""

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")


class ChangeOrigin(models.TextChoices):
    WEB = "web", _("Giao diện web")
    API = "api", _("API")
    COMMAND = "command", _("Lệnh quản trị")
    IMPORT = "import", _("Nhập từ tệp")
    TASK = "task", _("Tác vụ nền")
    TEST = "test", _("Kiểm thử")


class ChangeLogEntry(models.Model):
    """One create, update or delete done through a service, with the state before and after.

    `unit_path` is the tree path of the unit the object belongs to, copied so that the log stays
    scoped and readable after the object or the unit is gone.
    """

    SCOPE_PATH = "unit_path"

    time = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,  # an append-only log: never blocked by, nor blocking, user deletion
    )
    user_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    origin = models.CharField(_("nguồn"), max_length=10, choices=ChangeOrigin.choices)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64)
    label = models.CharField(_("ghi chú"), max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("loại đối tượng"),
        on_delete=models.PROTECT,
        db_constraint=False,
        db_index=False,  # changelog_object starts with it
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    object_version = models.PositiveIntegerField(_("phiên bản"), null=True, blank=True)
    action = models.CharField(_("thao tác"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    unit_path = models.CharField(_("đường dẫn đơn vị"), max_length=255, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        default_manager_name = "unscoped"
        # Every index here is paid for on each logged row (an import of 100,000 people logs as
        # many): a plain index for the request id (no LIKE index beside it), none for the content
        # type alone, one pattern index for scoping by unit_path (as on Person).
        indexes = [
            models.Index(fields=["content_type", "object_id", "-id"], name="changelog_object"),
            models.Index(fields=["request_id"], name="changelog_request"),
            models.Index(fields=["unit_path"], name="changelog_unit_path", opclasses=["varchar_pattern_ops"]),
        ]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class PeriodicRun(models.Model):
    """That a periodic job of `canbo worker` (core/schedule.py) was started for a day, local time.

    The row is inserted before the job runs and is unique per job and day: the insert is the claim,
    so two workers, or a worker restarted after the run, never run a job twice on the same day.
    """

    name = models.CharField(_("việc định kỳ"), max_length=50)
    day = models.DateField(_("ngày"))
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lần chạy việc định kỳ")
        verbose_name_plural = _("lần chạy việc định kỳ")
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="periodic_run_once_a_day")]
        ordering = ["-day", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.day:%d/%m/%Y}"
