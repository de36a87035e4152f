"""Org units: a tree with validity dates, stored with a materialised path for one-query subtrees.

`path` is "/<id>/<id>/…/" from the root; "all units under X at date D" is
`path LIKE 'X.path%' AND valid_from <= D AND (valid_to IS NULL OR valid_to >= D)`, served by the
path index on both SQLite and PostgreSQL (Django adds a pattern-ops index for LIKE there).
"""

from __future__ import annotations

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import EffectiveDated, EffectiveDatedQuerySet, ScopedManager, Versioned
from canbo.orgs.choices import COMMUNE_LEVEL, UnitKind

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$",
    _("Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang (ví dụ DB-MUONGNHE)."),
)

official_code_validator = RegexValidator(
    r"^(\d{2}|\d{3}|\d{5})$",
    _("Mã đơn vị hành chính gồm 2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã, phường, thị trấn), ví dụ 03322."),
)


class UnitManager(ScopedManager.from_queryset(EffectiveDatedQuerySet)):
    pass


class Unit(EffectiveDated, Versioned):
    """An organisation unit (province, department, commune, school, …) valid over a period."""

    SCOPE_PATH = "path"
    AUDIT_EXCLUDE = ("name_key",)

    code = models.CharField(_("mã đơn vị"), max_length=50, unique=True, validators=[code_validator])
    # The State's code (QĐ 19/2025/QĐ-TTg and the lists before it) beside canbo's own: codes are never
    # reused for another place, but a new commune keeps one of its old communes' codes, so an old and
    # a new unit share it at different dates. "One unit per code at a date" is checked by the
    # service (services._validate), not by a database constraint, which cannot see the dates.
    official_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=5,
        blank=True,
        db_index=True,
        validators=[official_code_validator],
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = UnitManager()
    unscoped = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        default_manager_name = "unscoped"
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "name_key"], name="unit_parent_name")]

    def __str__(self) -> str:
        return self.name

    def audit_unit_path(self) -> str:
        return self.path

    @property
    def is_commune_level(self) -> bool:
        return self.kind in COMMUNE_LEVEL

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def is_open_on(self, day: datetime.date | None = None) -> bool:
        return self.is_valid_on(day or datetime.date.today())


class UnitSuccession(models.Model):
    """The record that an old unit went (wholly or partly) into a successor on a date.

    Enough for the 2025 commune reform's old → new mapping; full reorganisation events (splits,
    moving people) come with their own issue.
    """

    SCOPE_PATH = "successor__path"

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="predecessions"
    )
    date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("văn bản"), max_length=100, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def audit_unit_path(self) -> str:
        return self.successor.path
