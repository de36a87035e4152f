"""People and what they hold: persons, assignments, qualifications on data-driven ladders, bodies.

A person's current unit and its tree path are copied onto the person (kept by the services) so that
"people in this subtree" is an indexed prefix filter even with millions of rows.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.history import Note
from canbo.core.models import ScopedManager, ScopedQuerySet, Versioned
from canbo.people.choices import Category, Gender, MemberRole, QualificationSource, TransferStatus
from canbo.people.sensitive import SENSITIVE_FIELDS


class Ethnicity(models.Model):
    """One of the 54 ethnic groups (data, with the spellings the importer accepts)."""

    code = models.CharField(_("mã"), max_length=4, unique=True)
    name = models.CharField(_("tên dân tộc"), max_length=60)
    synonyms = models.JSONField(_("cách viết khác"), default=list, blank=True)
    is_majority = models.BooleanField(_("dân tộc đa số"), default=False)

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Religion(models.Model):
    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên tôn giáo"), max_length=60)
    synonyms = models.JSONField(_("cách viết khác"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tôn giáo")
        verbose_name_plural = _("tôn giáo")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Ladder(models.Model):
    """A dimension of qualification (chuyên môn, LLCT, QLNN, …): ordered levels, seeded as data."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên viết tắt"), max_length=20)
    has_field = models.BooleanField(_("có chuyên ngành / ngôn ngữ"), default=False)
    field_label = models.CharField(_("tên trường chuyên ngành"), max_length=50, blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("thang trình độ")
        verbose_name_plural = _("thang trình độ")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """A level on a ladder. `rank` orders levels; equal ranks are equivalent (Chứng chỉ A = Cơ bản)."""

    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(_("mã"), max_length=30)
    label = models.CharField(_("tên bậc"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"))
    synonyms = models.JSONField(_("cách viết khác"), default=list, blank=True)
    # Names of an older certificate read as this level ("Chứng chỉ B tin học" → cơ bản): the importer
    # accepts them and notes the reading on the row; `note` says why (the legal equivalence).
    old_names = models.JSONField(_("tên gọi cũ được đọc là bậc này"), default=list, blank=True)
    note = models.TextField(_("ghi chú, căn cứ"), blank=True)
    # A level no longer awarded (the old IT certificates): kept for the records that hold it, but
    # no longer offered to imports.
    valid_to = models.DateField(_("thôi áp dụng từ"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("bậc trình độ")
        verbose_name_plural = _("bậc trình độ")
        ordering = ["ladder__order", "order"]
        constraints = [models.UniqueConstraint(fields=["ladder", "code"], name="unique_level_code")]

    def __str__(self) -> str:
        return self.label


class LanguageTestEquivalence(models.Model):
    """One row of a dated table mapping a language test's score to a level of the 6-level framework
    ("IELTS 5.5–6.5 = Bậc 4 from 30/8/2021, TT 23/2021/TT-BGDĐT"). Data with its source, seeded from
    reference_data and editable by admins; `confirmed` False says the row is not from an official
    table (the note says why it is used anyway)."""

    test = models.CharField(_("bài thi"), max_length=20)
    min_score = models.DecimalField(_("từ điểm"), max_digits=5, decimal_places=1)
    max_score = models.DecimalField(_("đến điểm"), max_digits=5, decimal_places=1)
    level = models.ForeignKey(Level, verbose_name=_("tương đương"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("căn cứ"), max_length=255)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    confirmed = models.BooleanField(_("đã xác nhận"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("quy đổi điểm bài thi ngoại ngữ")
        verbose_name_plural = _("quy đổi điểm bài thi ngoại ngữ")
        ordering = ["test", "valid_from", "min_score"]
        constraints = [
            models.UniqueConstraint(fields=["test", "valid_from", "min_score"], name="unique_test_equivalence"),
            models.CheckConstraint(condition=Q(min_score__lte=models.F("max_score")), name="equivalence_range"),
        ]

    def __str__(self) -> str:
        return f"{self.test} {self.min_score}–{self.max_score} = {self.level.label}"


class PersonQuerySet(ScopedQuerySet):
    pass


class Person(Versioned):
    """A cadre, civil servant or public employee (or part-time / contract worker)."""

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "pk"
    AUDIT_EXCLUDE = ("name_key", "sort_key", "unit_path", "created_at", "updated_at")
    SENSITIVE_FIELDS = SENSITIVE_FIELDS  # people/sensitive.py; the change log redacts them
    # What the import notes beside a person's snapshot (people.bulk), read by core.history.
    AUDIT_NOTES = {
        "assignment_changed": Note(_("Chức vụ hiện tại"), model="people.Assignment"),
        "assignment_started": Note(_("Bắt đầu công tác"), model="people.Assignment"),
        "qualifications_added": Note(_("Thêm trình độ")),
    }

    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    # The list's order, given name first (people/names.py `sort_key`); name_key stays the search key.
    sort_key = models.CharField(max_length=250, editable=False, default="")
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True)
    # The 9-digit identity card (CMND) of lists made before the CCCD: kept until the personal ID is
    # known, and matched on re-import. Not unique: old cards were numbered per province.
    old_id_number = models.CharField(_("số CMND cũ"), max_length=9, null=True, blank=True)
    # Reference data (seeded, never deleted; PROTECT guards it in the ORM): no database constraint,
    # which an import of 100,000 people would check 100,000 times at commit.
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name=_("dân tộc"), null=True, blank=True, on_delete=models.PROTECT, db_constraint=False
    )
    religion = models.ForeignKey(
        Religion, verbose_name=_("tôn giáo"), null=True, blank=True, on_delete=models.PROTECT, db_constraint=False
    )
    party_member = models.BooleanField(_("đảng viên"), default=False)
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    health_note = models.CharField(_("tình trạng sức khỏe"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    unit_path = models.CharField(max_length=255, editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager.from_queryset(PersonQuerySet)()
    unscoped = models.Manager.from_queryset(PersonQuerySet)()

    class Meta:
        verbose_name = _("cán bộ, công chức, viên chức")
        verbose_name_plural = _("cán bộ, công chức, viên chức")
        default_manager_name = "unscoped"
        indexes = [
            # Keyset pages in name order; unit_path in the key lets a page of one unit's subtree be
            # found by an index-only scan instead of reading every skipped person's row.
            models.Index(fields=["name_key", "id", "unit_path"], name="person_name_unit"),
            # The same for the list's own order, given name first.
            models.Index(fields=["sort_key", "id", "unit_path"], name="person_sort_unit"),
            # Scoping is "unit_path LIKE 'path%'": one pattern index (byte comparisons, also serves
            # "="), not Django's pair of a collated index and a pattern index, both kept up on
            # every row an import writes.
            models.Index(fields=["unit_path"], name="person_unit_path", opclasses=["varchar_pattern_ops"]),
            # Re-imports match people known only by a CMND; partial, so rows without one cost nothing.
            models.Index(
                fields=["old_id_number"], name="person_old_id_number", condition=Q(old_id_number__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def audit_unit_path(self) -> str:
        return self.unit_path

    def birth_display(self) -> str:
        if self.birth_date:
            return self.birth_date.strftime("%d/%m/%Y")
        return str(self.birth_year or "")

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date:
            b = self.birth_date
            return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
        return day.year - self.birth_year if self.birth_year else None


class AssignmentQuerySet(ScopedQuerySet):
    def valid_on(self, day: datetime.date) -> AssignmentQuerySet:
        return self.filter(
            (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        )


class Assignment(models.Model):
    """A post held in a unit over a period. Transfers end one assignment and start another."""

    SCOPE_PATH = "person__unit_path"
    SCOPE_PERSON = "person_id"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="assignments",
        db_index=False,  # assignment_unit_open starts with it
    )
    category = models.CharField(_("loại"), max_length=20, choices=Category.choices, blank=True)
    title = models.CharField(_("chức vụ, chức danh"), max_length=150, blank=True)
    job_position = models.CharField(_("vị trí việc làm"), max_length=150, blank=True)
    # The catalogue entries the free-text title and job position were matched to (requirement
    # rules apply to these); empty when the text matched nothing known.
    catalog_title = models.ForeignKey(
        "standards.Title",
        verbose_name=_("chức danh (danh mục)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    catalog_position = models.ForeignKey(
        "standards.JobPosition",
        verbose_name=_("vị trí việc làm (danh mục)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    rank = models.CharField(_("ngạch, chức danh nghề nghiệp"), max_length=150, blank=True)
    sector = models.CharField(_("lĩnh vực"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    is_main = models.BooleanField(_("công tác chính"), default=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager.from_queryset(AssignmentQuerySet)()
    unscoped = models.Manager.from_queryset(AssignmentQuerySet)()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        default_manager_name = "unscoped"
        ordering = ["person", "-start_date"]
        indexes = [models.Index(fields=["unit", "end_date"], name="assignment_unit_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(is_main=True, end_date__isnull=True),
                name="one_open_main_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title or self.get_category_display()}"

    def audit_unit_path(self) -> str:
        return self.unit.path


class Qualification(models.Model):
    """One attainment on a ladder (a diploma, certificate or completed course)."""

    SCOPE_PATH = "person__unit_path"
    SCOPE_PERSON = "person_id"
    # The class whose completion granted it (services and people.bulk note it when logging).
    AUDIT_NOTES = {
        "granted_by_class": Note(_("Lớp đào tạo"), headline=_("Cấp trình độ %(object)s (hoàn thành lớp %(value)s)")),
    }
    AUDIT_HIDDEN = ("person_id", "ladder_id")

    # No index of their own for person and ladder: qualification_person_ladder starts with person,
    # and each index costs time on every row an import writes.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications", db_index=False)
    level = models.ForeignKey(
        Level, verbose_name=_("trình độ"), on_delete=models.PROTECT, db_constraint=False
    )  # reference data, as Person.ethnicity
    # Always level.ladder, copied for indexed filters; the level's own FK guards integrity.
    ladder = models.ForeignKey(
        Ladder, verbose_name=_("thang trình độ"), on_delete=models.PROTECT, db_constraint=False, db_index=False
    )
    field = models.CharField(_("chuyên ngành / ngôn ngữ"), max_length=150, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("năm tốt nghiệp / cấp"), null=True, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=QualificationSource.choices, default=QualificationSource.DECLARED
    )
    # A language test's result ("IELTS 6.5"): the level above is its framework equivalent, read from
    # LanguageTestEquivalence on the day it was recorded (the note says which source).
    test_name = models.CharField(_("bài thi"), max_length=20, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("trình độ")
        verbose_name_plural = _("trình độ")
        default_manager_name = "unscoped"
        indexes = [models.Index(fields=["person", "ladder"], name="qualification_person_ladder")]

    def __str__(self) -> str:
        return f"{self.ladder.short_name}: {self.level.label}{' ' + self.field if self.field else ''}"

    def audit_unit_path(self) -> str:
        return self.person.unit_path


class PersonLevel(models.Model):
    """A person's current (highest) level per ladder: derived from qualifications by the services,
    stored so that list filters and profiles are indexed joins, not per-person computations."""

    # Derived rows rewritten by the services: no database-level FK checks (deletes still cascade
    # through the ORM), which halves the constraint work of a 100,000-row import.
    # person and ladder have no index of their own: unique_person_ladder and personlevel_ladder_rank
    # start with them.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="levels", db_constraint=False, db_index=False
    )
    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False)
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    rank = models.PositiveSmallIntegerField()
    field = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "ladder"], name="unique_person_ladder")]
        indexes = [models.Index(fields=["ladder", "rank", "person"], name="personlevel_ladder_rank")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.level_id}"


class Body(models.Model):
    """A collective with a term, e.g. "Ban Chấp hành Đảng bộ xã Thanh Nưa, nhiệm kỳ 2020–2025"."""

    SCOPE_PATH = "unit__path"

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(_("tên"), max_length=255)
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("tập thể")
        verbose_name_plural = _("tập thể")
        default_manager_name = "unscoped"
        ordering = ["-term_start", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_unit_path(self) -> str:
        return self.unit.path


class Membership(models.Model):
    SCOPE_PATH = "body__unit__path"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        default_manager_name = "unscoped"
        ordering = ["body", "order"]
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def audit_unit_path(self) -> str:
        return self.body.unit.path


class Transfer(Versioned):
    """A person released by their unit to a unit it does not reach, until that unit accepts
    (which moves them) or declines. Between units one HR role reaches, `person_transfer` moves
    the person at once."""

    SCOPE_PATH = "from_unit__path"  # and to_unit__path: both sides reach it (accounts.permissions)

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị chuyển đi"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="transfers_in"
    )
    start_date = models.DateField(_("ngày bắt đầu công tác tại đơn vị nhận"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    title = models.CharField(_("chức vụ, chức danh tại đơn vị nhận"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.RELEASED
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("điều chuyển")
        verbose_name_plural = _("điều chuyển")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="released"), name="one_open_transfer_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.to_unit}"

    def audit_unit_path(self) -> str:
        return self.from_unit.path
