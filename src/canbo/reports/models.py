"""Statistical forms as data: a layout (title, merged header rows, columns and rows with their
filters) stored as JSON, so a province adds the ministry's current form without a release."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FormKind(models.TextChoices):
    TRAINING = "training", _("Kết quả đào tạo, bồi dưỡng (đếm lượt người, số lớp)")
    STAFF_QUALITY = "staff_quality", _("Chất lượng đội ngũ (đếm người theo trình độ)")


class StatForm(models.Model):
    """A statistical form's layout. See `canbo.reports.statforms` for what the JSON holds."""

    code = models.CharField(_("mã biểu"), max_length=40, unique=True)
    name = models.CharField(_("tên biểu"), max_length=255)
    kind = models.CharField(_("loại biểu"), max_length=20, choices=FormKind.choices)
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    layout = models.JSONField(_("bố cục"))
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("biểu mẫu thống kê")
        verbose_name_plural = _("biểu mẫu thống kê")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class QualitySummary(models.Model):
    """Staff quality of one unit's own current staff (not its subtree): how many people with an open
    main assignment there, per category, gender (women or not) and ethnicity (minority or not); the
    rows with a level (category empty, flags off) count those of them whose current level on that
    level's ladder it is.

    `level` empty is the people row. A subtree's figures are sums over its units' rows (a join on
    the unit path), so the dashboard and the staff-quality form never scan people. Kept by
    `canbo.reports.quality` (its `PeopleChanged` subscriber recounts the changed people's units);
    never edited by hand.
    """

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    category = models.CharField(max_length=20, blank=True)
    female = models.BooleanField(default=False)
    minority = models.BooleanField(default=False)
    ladder = models.ForeignKey(
        "people.Ladder", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    level = models.ForeignKey(
        "people.Level", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    people = models.IntegerField(_("số người"), default=0)

    class Meta:
        verbose_name = _("tổng hợp chất lượng đội ngũ")
        verbose_name_plural = _("tổng hợp chất lượng đội ngũ")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.category} {self.level_id}: {self.people}"
