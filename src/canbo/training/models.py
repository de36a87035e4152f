"""Training operations: programme kinds (data), programmes, classes (lớp) and enrolments.

An enrolment stores the learner's unit (and its tree path), category and title as they were when
the person was nominated: a later transfer never moves a 2021 participant-turn to another unit, so
plan-vs-actual for a past year attributes it where the person worked then.
"""

from __future__ import annotations

import uuid

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
    # The area whose units may send learners (the Political School's classes take the province's
    # staff): units in this subtree see the class, with its seats, and nominate their own people.
    # Empty: the organiser's own subtree (and the units above the organiser, as before).
    open_to = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("nhận học viên của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
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
    # The post the person is being trained for, when there is one (a succession pool, a plan): the
    # placement list shows who was trained for a post and not placed in it after a while.
    intended_post = models.CharField(_("đào tạo để bố trí vào"), max_length=200, blank=True)
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


class ClassSession(models.Model):
    """One meeting of a long class (a day or half-day), for attendance."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("lớp"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("ngày học"))
    topic = models.CharField(_("nội dung"), max_length=255, blank=True)
    periods = models.PositiveSmallIntegerField(_("số tiết"), default=4)

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{self.training_class.code} {self.day:%d/%m/%Y}"


class Attendance(models.Model):
    """Whether one learner attended one session; a missing row means not yet taken."""

    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("có mặt"), default=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.session}: {self.enrolment_id}"


class CertificateSeries(models.Model):
    """The number series of an institution's certificates: "TCT-2026-000123"; one per institution."""

    institution = models.OneToOneField(
        "orgs.Unit", verbose_name=_("cơ sở cấp"), on_delete=models.PROTECT, related_name="certificate_series"
    )
    prefix = models.CharField(_("tiền tố số hiệu"), max_length=20)
    next_number = models.PositiveIntegerField(_("số tiếp theo"), default=1)
    # Who signs the institution's certificates, printed over the seal ("GIÁM ĐỐC" / "Lò Văn Thành");
    # frozen in each certificate when it is issued.
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ và tên người ký"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("sổ cấp chứng chỉ")
        verbose_name_plural = _("sổ cấp chứng chỉ")

    def __str__(self) -> str:
        return self.prefix


class Certificate(models.Model):
    """A certificate issued for a passed enrolment. `printed` freezes every field printed on it, so the
    public verification page shows what the paper says even after the records change."""

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "person_id"

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="certificates")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    series = models.ForeignKey(CertificateSeries, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(_("số hiệu"), max_length=40, unique=True)
    token = models.CharField(max_length=40, unique=True, editable=False)
    issued_on = models.DateField(_("ngày cấp"))
    printed = models.JSONField(_("nội dung in trên chứng chỉ"), default=dict)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("chứng chỉ, giấy chứng nhận")
        verbose_name_plural = _("chứng chỉ, giấy chứng nhận")
        default_manager_name = "unscoped"
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_valid(self) -> bool:
        return self.revoked_on is None


class CertificateRun(models.Model):
    """ "Cấp chứng chỉ cho tất cả học viên đạt": one run over a class, in the request when small,
    else in the worker; `done` of `total` feeds the progress bar, `refused` says who was not issued
    a certificate and why."""

    SCOPE_PATH = "training_class__organiser__path"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="certificate_runs")
    user = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    refused = models.JSONField(default=list, blank=True)  # [[name, reason], ...]
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lượt cấp chứng chỉ")
        verbose_name_plural = _("lượt cấp chứng chỉ")
        default_manager_name = "unscoped"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.training_class_id} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100


class SurveyReceipt(models.Model):
    """That a learner has answered the class survey, kept apart from the answers so that nobody,
    the organiser included, can tell which answers are whose."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="survey_receipt")
    submitted_on = models.DateField(_("ngày gửi"))

    class Meta:
        verbose_name = _("xác nhận đã đánh giá")
        verbose_name_plural = _("xác nhận đã đánh giá")

    def __str__(self) -> str:
        return f"{self.enrolment_id}"

    def audit_unit_path(self) -> str:
        return self.enrolment.unit_path


class SurveyResponse(models.Model):
    """One anonymous answer sheet: 1–5 per question (None = unanswered) and free comments.
    Invalid when more than 5 % of the questions are unanswered (TT 10/2017/TT-BNV). A random key,
    not a sequence, so the order of the answer sheets cannot be matched to the order of the receipts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="survey_responses")
    answers = models.JSONField(_("câu trả lời"), default=dict)
    comments = models.TextField(_("ý kiến khác"), blank=True)
    is_valid = models.BooleanField(_("phiếu hợp lệ"), default=True)
    # The month only: a day and time beside the receipt would let an organiser match the two.
    period = models.CharField(max_length=7)

    class Meta:
        verbose_name = _("phiếu đánh giá khóa học")
        verbose_name_plural = _("phiếu đánh giá khóa học")

    def __str__(self) -> str:
        return f"{self.training_class_id} {self.period}"


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")


class Inspection(models.Model):
    """A check (kiểm tra) or supervision (giám sát) of a class, with its findings."""

    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="inspections")
    kind = models.CharField(_("hình thức"), max_length=12, choices=InspectionKind.choices)
    day = models.DateField(_("ngày"))
    inspector = models.CharField(_("người, đoàn kiểm tra"), max_length=255)
    rating = models.PositiveSmallIntegerField(_("đánh giá chung (1–5)"), null=True, blank=True)
    findings = models.TextField(_("kết quả, phát hiện"))
    recommendations = models.TextField(_("kiến nghị"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kiểm tra, giám sát lớp")
        verbose_name_plural = _("kiểm tra, giám sát lớp")
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.training_class.code} {self.day:%d/%m/%Y}"

    def audit_unit_path(self) -> str:
        return self.training_class.organiser.path


class SelfStudyStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xác nhận")
    ACCEPTED = "accepted", _("Đã xác nhận")
    REJECTED = "rejected", _("Không xác nhận")


class SelfStudy(Versioned):
    """Self-study or training outside the system's classes (a course elsewhere, an online course),
    with its evidence; once accepted by the unit its periods count toward the annual duty."""

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "person_id"
    AUDIT_EXCLUDE = ("evidence_file",)  # a file object; its name is in `evidence` or the upload folder

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="self_study")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    title = models.CharField(_("nội dung, khóa học"), max_length=255)
    provider = models.CharField(_("nơi tổ chức"), max_length=255, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    periods = models.PositiveIntegerField(_("số tiết"))
    evidence = models.CharField(_("minh chứng (số giấy chứng nhận, đường dẫn, …)"), max_length=255)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="self_study/%Y/", blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SelfStudyStatus.choices, default=SelfStudyStatus.SUBMITTED
    )
    reviewed_note = models.CharField(_("ý kiến xác nhận"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("tự học, học tập bên ngoài")
        verbose_name_plural = _("tự học, học tập bên ngoài")
        default_manager_name = "unscoped"
        ordering = ["-end_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def audit_unit_path(self) -> str:
        return self.unit_path


class ObligationRule(models.Model):
    """How long a person must serve after state-funded đào tạo: `multiplier` × the training time
    (NĐ 101/2017 Điều 7; ×3 for postgraduate, NĐ 171/2025). Data, with source and validity."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    # Applies to programmes granting a professional level of at least this rank (5 = thạc sĩ); 0 = any.
    min_level_rank = models.PositiveSmallIntegerField(_("từ bậc trình độ"), default=0)
    multiplier = models.DecimalField(_("hệ số thời gian phục vụ"), max_digits=4, decimal_places=2)
    source = models.CharField(_("văn bản quy định"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy định thời gian phục vụ sau đào tạo")
        verbose_name_plural = _("quy định thời gian phục vụ sau đào tạo")
        ordering = ["-min_level_rank", "-valid_from"]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    """The post a person took after training (bố trí, sử dụng sau đào tạo)."""

    SCOPE_PATH = "unit__path"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="placements")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("chức vụ, vị trí được bố trí"), max_length=200)
    start_date = models.DateField(_("từ ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("bố trí sau đào tạo")
        verbose_name_plural = _("bố trí sau đào tạo")
        default_manager_name = "unscoped"
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.post} ({self.start_date:%d/%m/%Y})"

    def audit_unit_path(self) -> str:
        return self.unit.path


# Enrolment's columns in the order the bulk writers (demo, imports) give their rows to insert_rows.
ENROLMENT_COLUMNS = (
    "id",
    "training_class_id",
    "person_id",
    "unit_id",
    "unit_path",
    "category",
    "title",
    "is_leader",
    "status",
    "waitlist_position",
    "result",
    "score",
    "grade",
    "completed_on",
    "note",
    "intended_post",
    "qualification_id",
    "version",
    "created_at",
    "updated_at",
)
