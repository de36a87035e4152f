"""Catalogues of titles (chức danh) and job positions (vị trí việc làm) that assignments point to
and requirement rules apply to. Both are effective-dated data: a title renamed by the 2025 reform
ends on one day and its successor starts the next, so a past report still finds the old name."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import EffectiveDated, EffectiveDatedQuerySet, Versioned
from canbo.orgs.choices import UnitKind
from canbo.people.choices import Category
from canbo.standards.choices import GapStatus, PositionGroup, RuleKind, UnitLevel


class Title(EffectiveDated):
    """A post or title (chức vụ, chức danh): "Chủ tịch Ủy ban nhân dân xã", "Công chức Tư pháp - hộ tịch".

    `synonyms` are the spellings files and forms use, matched diacritics-insensitively; the
    importer and the person forms link free-text titles to the catalogue through them.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chức danh"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    category = models.CharField(_("loại cán bộ"), max_length=20, choices=Category.choices, blank=True)
    unit_level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices, default=UnitLevel.ANY)
    sector = models.CharField(_("lĩnh vực"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("lãnh đạo, quản lý"), default=False)
    synonyms = models.JSONField(_("cách viết khác"), default=list, blank=True)
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("chức danh")
        verbose_name_plural = _("chức danh")
        ordering = ["unit_level", "order", "name"]

    def __str__(self) -> str:
        return self.name


class JobPosition(EffectiveDated):
    """A job position (vị trí việc làm), e.g. "Chuyên viên về tổ chức cán bộ", with its group and sector."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên vị trí việc làm"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    group = models.CharField(_("nhóm"), max_length=12, choices=PositionGroup.choices, default=PositionGroup.SPECIALIST)
    unit_level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices, default=UnitLevel.ANY)
    sector = models.CharField(_("lĩnh vực"), max_length=150, blank=True)
    synonyms = models.JSONField(_("cách viết khác"), default=list, blank=True)
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("vị trí việc làm")
        verbose_name_plural = _("vị trí việc làm")
        ordering = ["unit_level", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Requirement(EffectiveDated, Versioned):
    """A requirement rule: what a post demands, from which document, over which dates.

    It applies to every main assignment matching all the targets it names (title, job position,
    category, unit kind). A level rule asks for `min_level` or higher on its ladder, optionally
    in one of the accepted fields; a duty rule asks for `periods` tiết of bồi dưỡng in the year.
    Rules are data: a province corrects them on the rule pages, never in code; `confirmed` marks
    rules whose legal basis has been checked after the 2025–2026 wave of new decrees.
    """

    AUDIT_EXCLUDE = ()

    code = models.CharField(_("mã"), max_length=60, unique=True, null=True, blank=True)
    name = models.CharField(_("tên tiêu chuẩn"), max_length=255)
    kind = models.CharField(_("loại"), max_length=8, choices=RuleKind.choices, default=RuleKind.LEVEL)
    title = models.ForeignKey(
        Title, verbose_name=_("chức danh"), null=True, blank=True, on_delete=models.PROTECT, related_name="rules"
    )
    position = models.ForeignKey(
        JobPosition,
        verbose_name=_("vị trí việc làm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rules",
    )
    category = models.CharField(_("loại cán bộ"), max_length=20, choices=Category.choices, blank=True)
    unit_kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices, blank=True)
    ladder = models.ForeignKey(
        "people.Ladder",
        verbose_name=_("thang trình độ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_level = models.ForeignKey(
        "people.Level",
        verbose_name=_("trình độ tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Accepted fields ("in a field relevant to the post"), matched word by word without
    # diacritics: "Luật" accepts "Cử nhân Luật" and "Luật kinh tế". Empty: any field.
    fields = models.JSONField(_("chuyên ngành được chấp nhận"), default=list, blank=True)
    periods = models.PositiveIntegerField(_("số tiết tối thiểu mỗi năm"), null=True, blank=True)
    grace_months = models.PositiveSmallIntegerField(_("thời hạn bổ sung sau khi bổ nhiệm (tháng)"), default=0)
    closing_kinds = models.ManyToManyField(
        "training.ProgrammeKind",
        verbose_name=_("loại chương trình giúp đạt chuẩn"),
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    confirmed = models.BooleanField(_("đã xác nhận còn hiệu lực"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # The transition of a decree (NĐ 33/2023 Điều 38 k.1): who already held the title on
    # `transition_held_on` and does not meet the rule is "trong thời hạn chuẩn hoá" until
    # `transition_until` inclusive, then unmet. "Held on" means a main assignment with the same
    # catalogue title covering that day (start date on or before it, no end before it); an
    # assignment without a start date does not prove it.
    transition_held_on = models.DateField(
        _("áp dụng chuyển tiếp cho người giữ chức danh vào ngày"), null=True, blank=True
    )
    transition_until = models.DateField(_("thời hạn chuẩn hoá đến ngày"), null=True, blank=True)

    objects = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("tiêu chuẩn")
        verbose_name_plural = _("tiêu chuẩn")
        ordering = ["kind", "title__order", "name", "valid_from"]

    def __str__(self) -> str:
        return self.name

    def audit_unit_path(self) -> str:
        return ""


class RequirementException(EffectiveDated):
    """A unit's lowered floor for one rule (mountainous, ethnic-minority or hard areas): people
    working in the unit (or its subtree) need only `min_level`."""

    rule = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="exceptions")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    include_subtree = models.BooleanField(_("áp dụng cho cả đơn vị trực thuộc"), default=True)
    min_level = models.ForeignKey(
        "people.Level", verbose_name=_("trình độ tối thiểu"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngoại lệ của tiêu chuẩn")
        verbose_name_plural = _("ngoại lệ của tiêu chuẩn")

    def __str__(self) -> str:
        return f"{self.rule} — {self.unit}"

    def audit_unit_path(self) -> str:
        return self.unit.path


class Gap(models.Model):
    """One person against one applicable rule, as of `GapState.as_of`: derived rows written only
    by the gap engine in set-based statements. `unit_path` is copied for indexed subtree reads;
    `title_key` is the catalogue title id (0 when the assignment matched none)."""

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "person_id"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    rule = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    unit_path = models.CharField(max_length=255)
    title_key = models.IntegerField(default=0)
    status = models.SmallIntegerField(choices=GapStatus.choices)
    have = models.IntegerField(default=0)
    need = models.IntegerField(default=0)
    short = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "rule"], name="unique_gap")]
        indexes = [
            models.Index(fields=["rule", "status", "unit_path"], name="gap_rule_status_path"),
            models.Index(fields=["unit_path"], name="gap_path"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.rule_id}: {self.status}"


class GapSummary(models.Model):
    """Counts per unit, rule and title, kept in step with `Gap` so that a province's rate is a
    sum over a few thousand rows rather than a scan of millions."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    unit_path = models.CharField(max_length=255)
    rule = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    title_key = models.IntegerField(default=0)
    applicable = models.IntegerField(default=0)
    met = models.IntegerField(default=0)
    grace = models.IntegerField(default=0)
    transition = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "rule", "title_key"], name="unique_gap_summary")]
        indexes = [models.Index(fields=["unit_path"], name="gapsummary_path")]

    def __str__(self) -> str:
        return f"{self.unit_id} / {self.rule_id}: {self.met}/{self.applicable}"


class NeedSummary(models.Model):
    """Distinct people per unit who need a programme kind (they fall short of, or are within the
    grace period of, a rule that kind closes); the plans issue turns these into targets."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    unit_path = models.CharField(max_length=255)
    kind_code = models.CharField(max_length=30)
    people = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "kind_code"], name="unique_need_summary")]
        indexes = [models.Index(fields=["unit_path"], name="needsummary_path")]

    def __str__(self) -> str:
        return f"{self.unit_id} / {self.kind_code}: {self.people}"


class GapState(models.Model):
    """The date the stored gaps describe, when they were last recomputed in full, and the progress
    of a recompute running in the worker (one row)."""

    as_of = models.DateField(null=True)
    computed_at = models.DateTimeField(null=True)
    running = models.BooleanField(default=False)
    done = models.IntegerField(default=0)
    total = models.IntegerField(default=0)
    label = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.as_of}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
