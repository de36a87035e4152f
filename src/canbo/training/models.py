"""Training operations: programme kinds (data), programmes, classes (lớp) and enrolments.

An enrolment stores the learner's unit (and its tree path), category and title as they were when
the person was nominated: a later transfer never moves a 2021 participant-turn to another unit, so
plan-vs-actual for a past year attributes it where the person worked then.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import ScopedManager, Versioned
from canbo.people.choices import Category
from canbo.training.choices import ClassStatus, EnrolmentStatus, Funding, Place, ProgrammeGroup, Result, StudyMode


class ProgrammeKind(models.Model):
    """A kind of programme (LLCT, QP-AN, QLNN by ngạch, …): seeded data that plans, reports and the
    gap engine share. `ladder` is the qualification ladder a completion advances, so a gap on that
    ladder is closed by programmes of this kind; kinds without one (knowledge updates) count hours."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên loại chương trình"), max_length=150)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    group = models.CharField(_("hình thức"), max_length=10, choices=ProgrammeGroup.choices)
    ladder = models.ForeignKey(
        "people.Ladder",
        verbose_name=_("thang trình độ được nâng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_kinds",
    )
    max_weeks = models.PositiveSmallIntegerField(_("thời gian tối đa (tuần)"), null=True, blank=True)
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại chương trình")
        verbose_name_plural = _("loại chương trình")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Programme(Versioned):
    """A programme of the catalogue: what is taught, how long, and what completion grants."""

    code = models.CharField(_("mã chương trình"), max_length=40, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.ForeignKey(ProgrammeKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="programmes")
    # Completion grants this level (on the kind's ladder), e.g. Trung cấp LLCT; empty for courses
    # that grant only a certificate and hours.
    grants_level = models.ForeignKey(
        "people.Level",
        verbose_name=_("trình độ được cấp khi hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grants_certificate = models.BooleanField(_("cấp chứng chỉ, giấy chứng nhận"), default=True)
    periods = models.PositiveIntegerField(_("thời lượng (tiết)"), default=0)
    weeks = models.DecimalField(_("thời gian (tuần)"), max_digits=5, decimal_places=1, null=True, blank=True)
    duty_periods = models.PositiveIntegerField(_("số tiết tính vào nghĩa vụ bồi dưỡng hằng năm"), default=0)
    target_categories = models.JSONField(_("đối tượng (loại cán bộ)"), default=list, blank=True)
    target_titles = models.ManyToManyField("standards.Title", verbose_name=_("đối tượng (chức danh)"), blank=True)
    target_positions = models.ManyToManyField(
        "standards.JobPosition", verbose_name=_("đối tượng (vị trí việc làm)"), blank=True
    )
    provider = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("cơ sở đào tạo chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["kind__order", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingClass(Versioned):
    """A class (lớp) of a programme, organised by a unit and taught by an institution.

    Scoped by the organising unit's path: the organiser manages it; units nominate learners to
    classes open to them through the training selectors.
    """

    SCOPE_PATH = "organiser__path"

    code = models.CharField(_("mã lớp"), max_length=50, unique=True)
    name = models.CharField(_("tên lớp"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="classes"
    )
    organiser = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="organised_classes"
    )
    institution = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("cơ sở đào tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="taught_classes",
    )
    place = models.CharField(_("địa điểm"), max_length=12, choices=Place.choices, default=Place.IN_PROVINCE)
    location = models.CharField(_("nơi học"), max_length=255, blank=True)
    study_mode = models.CharField(
        _("hình thức học"),
        max_length=10,
        choices=StudyMode.choices,
        default=StudyMode.FULL_TIME,
        db_default=StudyMode.FULL_TIME,
    )
    # A programme run in Vietnam jointly with a foreign institution ("liên kết", Biểu số 10-BTCTW).
    is_joint = models.BooleanField(_("liên kết với nước ngoài"), default=False, db_default=False)
    start_date = models.DateField(_("ngày khai giảng"))
    end_date = models.DateField(_("ngày bế giảng"))
    capacity = models.PositiveIntegerField(_("số học viên tối đa"), null=True, blank=True)
    cost = models.DecimalField(_("kinh phí (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True)
    funding = models.CharField(
        _("nguồn kinh phí"), max_length=12, choices=Funding.choices, default=Funding.STATE_BUDGET
    )
    target_categories = models.JSONField(_("đối tượng (loại cán bộ)"), default=list, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ClassStatus.choices, default=ClassStatus.PLANNED)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lớp đào tạo, bồi dưỡng")
        verbose_name_plural = _("lớp đào tạo, bồi dưỡng")
        default_manager_name = "unscoped"
        ordering = ["-start_date", "code"]
        indexes = [
            models.Index(fields=["start_date"], name="class_start"),
            models.Index(fields=["organiser", "start_date"], name="class_organiser_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_unit_path(self) -> str:
        return self.organiser.path


class Enrolment(Versioned):
    """One person in one class: nomination, approval, result. One enrolment is one lượt người.

    `unit`, `unit_path`, `category` and `title` are copied from the person's main assignment when
    they were nominated and never rewritten by later transfers.
    """

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "person_id"

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("lớp"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("học viên"), on_delete=models.PROTECT, related_name="enrolments"
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị cử đi học"), on_delete=models.PROTECT, related_name="enrolments"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    category = models.CharField(_("loại cán bộ"), max_length=20, choices=Category.choices, blank=True)
    title = models.CharField(_("chức vụ, chức danh khi đi học"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("lãnh đạo, quản lý khi đi học"), default=False, db_default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.NOMINATED
    )
    waitlist_position = models.PositiveIntegerField(_("thứ tự chờ"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=6, choices=Result.choices, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("xếp loại"), max_length=30, blank=True)
    # Set when the result is "passed": the day the participant-turn counts as completed.
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    # The qualification a passed level-granting programme created, withdrawn if the result is corrected.
    qualification = models.ForeignKey(
        "people.Qualification",
        verbose_name=_("trình độ được cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["training_class", "person"], name="unique_enrolment")]
        indexes = [
            models.Index(fields=["person", "completed_on"], name="enrolment_person_done"),
            models.Index(
                fields=["completed_on", "unit_path"],
                name="enrolment_completed",
                condition=Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.training_class}"

    def audit_unit_path(self) -> str:
        return self.unit_path


class DutyPeriods(models.Model):
    """Periods (tiết) of bồi dưỡng a person completed in a year, counted toward the annual duty.

    Derived from completed enrolments and accepted self-study records, kept by the training
    services (which then call `people.services.people_changed`), and read by the gap engine in one
    set-based join: a person without a row has done zero periods that year.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    periods = models.PositiveIntegerField(_("số tiết"), default=0)

    class Meta:
        verbose_name = _("số tiết bồi dưỡng trong năm")
        verbose_name_plural = _("số tiết bồi dưỡng trong năm")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="unique_duty_periods")]
        indexes = [models.Index(fields=["year", "person"], name="duty_periods_year")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year}: {self.periods}"
