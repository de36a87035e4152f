"""Catalogues of titles (chức danh) and job positions (vị trí việc làm) that assignments point to
and requirement rules apply to. Both are effective-dated data: a title renamed by the 2025 reform
ends on one day and its successor starts the next, so a past report still finds the old name."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import EffectiveDated, EffectiveDatedQuerySet
from canbo.people.choices import Category
from canbo.standards.choices import PositionGroup, UnitLevel


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
