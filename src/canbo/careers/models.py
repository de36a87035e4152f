"""Careers: the annual evaluation of each person, succession pools (quy hoạch) and their checks.

Evaluation bands and the pool checks are data with validity dates and their source: a decree
replaced next year (NĐ 90/2020 → NĐ 48/2023 → NĐ 335/2025 for công chức) adds rows, it does not
change code, and a past year is still classified by the rules of that year.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.careers.choices import CapBasis, EvaluationLevel, PoolExit, PoolRuleKind, Sanction
from canbo.core.models import EffectiveDated, EffectiveDatedQuerySet, ScopedManager, Versioned
from canbo.people.choices import Category

# ---------------------------------------------------------------- evaluation


class EvaluationScheme(EffectiveDated):
    """The rules of one decree for one category over its dates: score bands, the cap on
    "xuất sắc", and which sanction forces "không hoàn thành".

    A year is classified by the scheme valid on 31/12 of that year for the person's category
    (a scheme with an empty category applies to every category without its own).
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("loại cán bộ"), max_length=20, choices=Category.choices, blank=True)
    uses_score = models.BooleanField(_("chấm điểm theo thang 100"), default=False)
    excellent_cap_percent = models.DecimalField(
        _("tỷ lệ xuất sắc tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    excellent_cap_basis = models.CharField(
        _("tỷ lệ tính trên"), max_length=10, choices=CapBasis.choices, default=CapBasis.GOOD
    )
    # The lightest sanction in the year that forces "không hoàn thành" (empty: none does).
    failing_sanction = models.CharField(
        _("kỷ luật từ mức này thì không hoàn thành nhiệm vụ"), max_length=20, choices=Sanction.choices, blank=True
    )
    source = models.CharField(_("văn bản quy định"), max_length=255)
    confirmed = models.BooleanField(_("đã xác nhận còn hiệu lực"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("quy định đánh giá, xếp loại")
        verbose_name_plural = _("quy định đánh giá, xếp loại")
        ordering = ["-valid_from", "category"]

    def __str__(self) -> str:
        return self.name


class EvaluationBand(models.Model):
    """A score from `min_score` (inclusive) up to the next band's minimum gives `level`."""

    scheme = models.ForeignKey(EvaluationScheme, on_delete=models.CASCADE, related_name="bands")
    level = models.CharField(_("mức xếp loại"), max_length=10, choices=EvaluationLevel.choices)
    min_score = models.DecimalField(_("điểm từ"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("khung điểm")
        verbose_name_plural = _("khung điểm")
        ordering = ["scheme", "-min_score"]
        constraints = [models.UniqueConstraint(fields=["scheme", "level"], name="band_scheme_level")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ≥ {self.min_score}"


class Evaluation(Versioned):
    """One person's evaluation for one year, with the steps as practised: self-assessment, the
    direct superior's comment, the collective's opinion, the competent person's decision.

    `unit` is where the person worked when evaluated (the scope and the distribution follow it,
    not where the person is today). One row per person and year: the result is the final one.
    """

    SCOPE_PATH = "unit_path"
    SCOPE_PERSON = "person_id"

    person = models.ForeignKey(
        "people.Person", verbose_name=_("người được đánh giá"), on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="evaluations"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    category = models.CharField(_("loại cán bộ"), max_length=20, choices=Category.choices, blank=True)
    title = models.CharField(_("chức vụ, chức danh"), max_length=150, blank=True)
    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("theo quy định"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Steps (each optional: a file may hold only the final result).
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=5, decimal_places=2, null=True, blank=True)
    self_level = models.CharField(_("tự xếp loại"), max_length=10, choices=EvaluationLevel.choices, blank=True)
    self_assessed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    superior_comment = models.TextField(_("nhận xét của cấp trên trực tiếp"), blank=True)
    superior_on = models.DateField(_("ngày nhận xét"), null=True, blank=True)
    collective_opinion = models.TextField(_("ý kiến của tập thể"), blank=True)
    collective_on = models.DateField(_("ngày họp tập thể"), null=True, blank=True)
    # The decision.
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("xếp loại"), max_length=10, choices=EvaluationLevel.choices)
    decided_by = models.CharField(_("người có thẩm quyền quyết định"), max_length=150, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định, văn bản"), max_length=60, blank=True)
    sanction = models.CharField(_("kỷ luật trong năm"), max_length=20, choices=Sanction.choices, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("kết quả đánh giá, xếp loại")
        verbose_name_plural = _("kết quả đánh giá, xếp loại")
        ordering = ["-year", "unit_path", "person_id"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="evaluation_person_year")]
        indexes = [models.Index(fields=["year", "unit_path"], name="evaluation_year_path")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year}: {self.get_level_display()}"

    def audit_unit_path(self) -> str:
        return self.unit_path


# ---------------------------------------------------------------- succession pools


class PoolRule(EffectiveDated):
    """A check on pools as data: "at most 3 people per post" (Quy định 377-QĐ/TW), a structure
    target a province sets for its own pools. `unit` empty: everywhere; else that subtree, the
    nearest rule winning."""

    kind = models.CharField(_("loại quy định"), max_length=30, choices=PoolRuleKind.choices)
    value = models.DecimalField(_("giá trị"), max_digits=7, decimal_places=2)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("áp dụng cho đơn vị"), null=True, blank=True, on_delete=models.PROTECT
    )
    source = models.CharField(_("căn cứ"), max_length=255)
    confirmed = models.BooleanField(_("đã xác nhận căn cứ"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = models.Manager.from_queryset(EffectiveDatedQuerySet)()

    class Meta:
        verbose_name = _("quy định về quy hoạch")
        verbose_name_plural = _("quy định về quy hoạch")
        ordering = ["kind", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class SuccessionTerm(models.Model):
    """A planning term (nhiệm kỳ quy hoạch), e.g. 2025–2030 for Party posts, 2026–2031 for state posts."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên nhiệm kỳ"), max_length=100)
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ quy hoạch")
        verbose_name_plural = _("nhiệm kỳ quy hoạch")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name


class SuccessionPost(models.Model):
    """A post planned for in a term: a title at a unit ("Chủ tịch UBND xã Thanh Nưa")."""

    SCOPE_PATH = "unit_path"

    term = models.ForeignKey(SuccessionTerm, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="posts")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    title = models.ForeignKey(
        "standards.Title", verbose_name=_("chức danh"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("loại cán bộ của chức danh"), max_length=20, choices=Category.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("chức danh quy hoạch")
        verbose_name_plural = _("chức danh quy hoạch")
        ordering = ["term", "unit_path", "order"]
        constraints = [models.UniqueConstraint(fields=["term", "unit", "title"], name="succession_post_unique")]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit}"


class PoolDecision(models.Model):
    """A decision approving or reviewing a unit's pools (phê duyệt quy hoạch, rà soát, bổ sung)."""

    SCOPE_PATH = "unit_path"

    term = models.ForeignKey(SuccessionTerm, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    is_review = models.BooleanField(_("rà soát, bổ sung hằng năm"), default=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số quyết định"), max_length=60)
    date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("quyết định phê duyệt quy hoạch")
        verbose_name_plural = _("quyết định phê duyệt quy hoạch")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class PoolMember(Versioned):
    """A person in the pool of a post, from the decision that added them until a review brings
    them out (with the reason). Nothing is deleted: the pool of a past day is still known."""

    SCOPE_PATH = "unit_path"

    post = models.ForeignKey(
        SuccessionPost, verbose_name=_("chức danh quy hoạch"), on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("người được quy hoạch"), on_delete=models.PROTECT, related_name="pool_places"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    decision = models.ForeignKey(
        PoolDecision, verbose_name=_("quyết định phê duyệt"), on_delete=models.PROTECT, related_name="added"
    )
    added_on = models.DateField(_("quy hoạch từ ngày"))
    removed_on = models.DateField(_("đưa ra khỏi quy hoạch ngày"), null=True, blank=True)
    removal_decision = models.ForeignKey(
        PoolDecision,
        verbose_name=_("quyết định đưa ra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="removed",
    )
    removal_reason = models.CharField(_("lý do đưa ra"), max_length=20, choices=PoolExit.choices, blank=True)
    removal_note = models.CharField(_("ghi chú lý do"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("người trong quy hoạch")
        verbose_name_plural = _("người trong quy hoạch")
        ordering = ["post", "added_on", "person_id"]
        indexes = [models.Index(fields=["person", "removed_on"], name="pool_member_person")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.post_id}"


class IntroductionRound(models.Model):
    """A round of introduction (giới thiệu nhân sự quy hoạch) for a post: a conference and its
    ballots; each candidate's votes against the total, checked against the threshold rule."""

    SCOPE_PATH = "unit_path"

    post = models.ForeignKey(
        SuccessionPost, verbose_name=_("chức danh quy hoạch"), on_delete=models.PROTECT, related_name="rounds"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    step = models.PositiveSmallIntegerField(_("bước"), default=1)
    name = models.CharField(_("hội nghị"), max_length=200)
    held_on = models.DateField(_("ngày hội nghị"))
    total_votes = models.PositiveIntegerField(_("tổng số phiếu"))

    objects = ScopedManager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("vòng giới thiệu")
        verbose_name_plural = _("vòng giới thiệu")
        ordering = ["post", "step"]

    def __str__(self) -> str:
        return self.name


class IntroductionVote(models.Model):
    round = models.ForeignKey(IntroductionRound, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("người được giới thiệu"), on_delete=models.PROTECT, related_name="+"
    )
    votes = models.PositiveIntegerField(_("số phiếu"))

    class Meta:
        verbose_name = _("số phiếu giới thiệu")
        verbose_name_plural = _("số phiếu giới thiệu")
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="introduction_vote_unique")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.votes}"


class TitleRank(models.Model):
    """The rank of a leading title within its level, for the rule that a person is pooled for a
    post higher than the one they hold (1 is the highest: Bí thư above Phó Bí thư and the chairs,
    the chairs above their deputies). Titles without a rank (specialists) rank below every ranked
    one; titles of different levels (a commune's and a province's) are not compared."""

    title = models.OneToOneField(
        "standards.Title", verbose_name=_("chức danh"), on_delete=models.CASCADE, related_name="pool_rank"
    )
    rank = models.PositiveSmallIntegerField(_("thứ bậc (1 là cao nhất)"))
    source = models.CharField(_("căn cứ"), max_length=255)

    class Meta:
        verbose_name = _("thứ bậc chức danh")
        verbose_name_plural = _("thứ bậc chức danh")
        ordering = ["rank", "title"]

    def __str__(self) -> str:
        return f"{self.title}: {self.rank}"


# ---------------------------------------------------------------- training priority


class PriorityWeight(models.Model):
    """One weight of the training priority score (careers/priority.py), kept as data so that a
    province sets its own emphasis in the admin: "each unmet standard of the current post +30",
    "in a succession pool +20", "last year failed −20". Seeded by a data migration; a key the code
    does not know is ignored, a key missing here counts 0."""

    key = models.CharField(_("mã"), max_length=40, unique=True)
    value = models.IntegerField(_("điểm"))
    label = models.CharField(_("nội dung"), max_length=200)
    note = models.TextField(_("ghi chú, căn cứ"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("trọng số ưu tiên cử đi học")
        verbose_name_plural = _("trọng số ưu tiên cử đi học")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"
