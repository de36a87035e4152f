"""Annual training plans of units, and the summaries that make plan-vs-actual cheap.

A plan belongs to one unit and one year and carries targets (programme kind × target group ×
place), a budget and named nominees. Actual results never come from scanning enrolments at report
time: `TrainingSummary` holds, for every unit and each of its ancestors (as the tree stood when the
enrolment was made), the completed participant-turns, distinct people and classes of a year per
kind; `CountedEnrolment` and `CountedClass` remember what has been added so that a change to a
class applies only its difference (see `canbo.plans.summaries`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canbo.core.models import ScopedManager, Versioned
from canbo.plans.choices import PlanAction, PlanStatus, TargetGroup
from canbo.training.choices import Place


class Plan(Versioned):
    """The training plan (kế hoạch đào tạo, bồi dưỡng) of a unit for one year."""

    SCOPE_PATH = "unit__path"

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    budget = models.DecimalField(_("kinh phí dự kiến (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # The reviewer's comment on the last return (shown to the unit until it submits again).
    review_comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("kế hoạch đào tạo, bồi dưỡng")
        verbose_name_plural = _("kế hoạch đào tạo, bồi dưỡng")
        default_manager_name = "unscoped"
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_plan_per_unit_year")]
        indexes = [models.Index(fields=["year", "unit"], name="plan_year_unit")]

    def __str__(self) -> str:
        return self.title or f"Kế hoạch năm {self.year} — {self.unit}"

    def audit_unit_path(self) -> str:
        return self.unit.path

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanTarget(models.Model):
    """A target of a plan: so many classes to organise and participant-turns to send, for one
    programme kind, target group and place."""

    SCOPE_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    kind = models.ForeignKey(
        "training.ProgrammeKind", verbose_name=_("loại chương trình"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("đối tượng"), max_length=12, choices=TargetGroup.choices, default=TargetGroup.OTHER)
    place = models.CharField(_("địa điểm"), max_length=12, choices=Place.choices, default=Place.IN_PROVINCE)
    classes = models.PositiveIntegerField(_("số lớp tổ chức"), default=0)
    turns = models.PositiveIntegerField(_("số lượt người"), default=0)
    budget = models.DecimalField(_("kinh phí (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        default_manager_name = "unscoped"
        ordering = ["kind__order", "group", "place"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "group", "place"], name="unique_plan_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.turns}"


class PlanNominee(models.Model):
    """A person the unit already intends to send, for a kind of programme."""

    SCOPE_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey("people.Person", verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(
        "training.ProgrammeKind", verbose_name=_("loại chương trình"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("người dự kiến cử đi học")
        verbose_name_plural = _("người dự kiến cử đi học")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["plan", "person", "kind"], name="unique_plan_nominee")]

    def __str__(self) -> str:
        return f"{self.person} — {self.kind}"

    def audit_unit_path(self) -> str:
        return self.plan.unit.path


class PlanEvent(models.Model):
    """One step in a plan's life (created, edited, submitted, returned with a comment, approved…)."""

    SCOPE_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    time = models.DateTimeField(_("thời điểm"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=10, choices=PlanAction.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=PlanStatus.choices)
    comment = models.TextField(_("ý kiến"), blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")
        default_manager_name = "unscoped"
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.time:%Y-%m-%d})"


class TrainingSummary(models.Model):
    """Completed training of one year for one unit's subtree (as the tree stood then), per kind.

    `kind` empty is the all-kinds row: its `people` counts each person once whatever they attended
    (turns and classes there are the sums). Kept by `canbo.plans.summaries`; never edited by hand.
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    kind = models.ForeignKey(
        "training.ProgrammeKind", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    turns = models.IntegerField(_("số lượt người"), default=0)
    people = models.IntegerField(_("số người"), default=0)
    classes = models.IntegerField(_("số lớp"), default=0)

    class Meta:
        verbose_name = _("tổng hợp kết quả đào tạo")
        verbose_name_plural = _("tổng hợp kết quả đào tạo")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "kind"], name="unique_summary_kind", condition=Q(kind__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["year", "unit"], name="unique_summary_total", condition=Q(kind__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit_id} {self.kind_id}: {self.turns}"


class CountedEnrolment(models.Model):
    """An enrolment as the summaries last counted it (one completed participant-turn).

    Comparing these with the enrolments of a changed class gives exactly what to add and remove,
    including for enrolments deleted since.
    """

    training_class_id = models.BigIntegerField()
    person_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    kind_id = models.BigIntegerField()
    unit_path = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training_class_id", "person_id"], name="unique_counted_enrolment")
        ]
        indexes = [models.Index(fields=["person_id", "year"], name="counted_person_year")]

    def __str__(self) -> str:
        return f"{self.training_class_id}/{self.person_id} {self.year}"


class CountedClass(models.Model):
    """A class as the summaries last counted it: organised in `year` by the unit at `organiser_path`."""

    training_class_id = models.BigIntegerField(primary_key=True)
    year = models.PositiveSmallIntegerField()
    kind_id = models.BigIntegerField()
    organiser_path = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.training_class_id} {self.year}"


class ProposalRun(models.Model):
    """One run of the optimised training proposal (plans/propose.py) for a unit's subtree and a
    year, as the officer who asked: a commune's runs in the request, a large subtree's in the
    worker while the page shows how far it is. The result is kept as shown (names, classes,
    explanations) so that the page can be reopened; nothing else is written until the officer
    accepts places, which become nominations through the training services."""

    SCOPE_PATH = "unit_path"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField()
    budget = models.BigIntegerField(null=True, blank=True)
    stage = models.PositiveSmallIntegerField(default=0)  # 0 queued, 1 reading, 2 solving, 3 done
    result = models.JSONField(default=dict, blank=True)
    refusal = models.TextField(blank=True)  # why nothing can be proposed (optimiser.Infeasible)
    failure = models.TextField(blank=True)  # an unexpected error
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lượt lập đề xuất cử đi học")
        verbose_name_plural = _("lượt lập đề xuất cử đi học")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"

    @property
    def percent(self) -> int:
        return {0: 5, 1: 30, 2: 60}.get(self.stage, 100)
