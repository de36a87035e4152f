"""Class quality (TT 10/2017/TT-BNV): the learners' anonymous survey, inspections, and the
quality report per class, institution and programme.

Anonymity: the answer sheet (`SurveyResponse`) carries no person, no time but the month, and a
random key; the fact that a learner answered (`SurveyReceipt`) is stored and logged apart. The
change log records the receipt only, never the answers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.text import nfc
from canbo.training.choices import EnrolmentStatus
from canbo.training.models import Enrolment, Inspection, SurveyReceipt, SurveyResponse, TrainingClass
from canbo.training.services import _check_class

# (group, code, question). Groups follow the criteria of TT 10/2017/TT-BNV.
GROUPS = {
    "programme": gettext_lazy("Chương trình, tài liệu"),
    "lecturers": gettext_lazy("Giảng viên"),
    "organisation": gettext_lazy("Tổ chức lớp học"),
    "facilities": gettext_lazy("Cơ sở vật chất"),
    "usefulness": gettext_lazy("Hiệu quả, tính hữu ích"),
}
QUESTIONS = [
    ("programme", "p1", gettext_lazy("Nội dung chương trình phù hợp với mục tiêu khóa học")),
    ("programme", "p2", gettext_lazy("Nội dung cập nhật, sát với thực tiễn công việc")),
    ("programme", "p3", gettext_lazy("Tài liệu học tập đầy đủ, dễ hiểu")),
    ("programme", "p4", gettext_lazy("Thời lượng phù hợp với nội dung")),
    ("lecturers", "l1", gettext_lazy("Giảng viên nắm vững nội dung giảng dạy")),
    ("lecturers", "l2", gettext_lazy("Phương pháp giảng dạy sinh động, tạo sự tham gia")),
    ("lecturers", "l3", gettext_lazy("Giảng viên liên hệ thực tiễn, giải đáp thắc mắc")),
    ("lecturers", "l4", gettext_lazy("Giảng viên đảm bảo giờ giấc, kế hoạch giảng dạy")),
    ("organisation", "o1", gettext_lazy("Thông tin về lớp học được thông báo kịp thời")),
    ("organisation", "o2", gettext_lazy("Lịch học được bố trí hợp lý")),
    ("organisation", "o3", gettext_lazy("Cán bộ quản lý lớp hỗ trợ học viên tốt")),
    ("organisation", "o4", gettext_lazy("Kiểm tra, đánh giá kết quả học tập khách quan")),
    ("facilities", "f1", gettext_lazy("Phòng học đáp ứng yêu cầu")),
    ("facilities", "f2", gettext_lazy("Trang thiết bị giảng dạy đầy đủ")),
    ("facilities", "f3", gettext_lazy("Điều kiện ăn, ở, đi lại thuận lợi (nếu có)")),
    ("facilities", "f4", gettext_lazy("Thư viện, tài liệu tham khảo đáp ứng nhu cầu")),
    ("usefulness", "u1", gettext_lazy("Kiến thức thu được hữu ích cho công việc")),
    ("usefulness", "u2", gettext_lazy("Kỹ năng thu được áp dụng được ngay")),
    ("usefulness", "u3", gettext_lazy("Khóa học đáp ứng mong đợi của bản thân")),
    ("usefulness", "u4", gettext_lazy("Sẵn sàng giới thiệu khóa học cho đồng nghiệp")),
]
CODES = [code for _group, code, _text in QUESTIONS]
SCALE = (1, 2, 3, 4, 5)
# TT 10/2017/TT-BNV: a form with more than 5 % of its questions unanswered is invalid.
MAX_UNANSWERED_SHARE = 0.05


def clean_answers(raw: dict) -> dict[str, int | None]:
    """Every question's answer as 1–5 or None (unanswered); anything else is refused."""
    answers: dict[str, int | None] = {}
    for code in CODES:
        value = raw.get(code)
        if value in (None, ""):
            answers[code] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number not in SCALE:
            raise DomainError({code: [_("Câu trả lời phải từ 1 đến 5.")]})
        answers[code] = number
    return answers


def is_valid_sheet(answers: dict[str, int | None]) -> bool:
    unanswered = sum(1 for code in CODES if answers.get(code) is None)
    return unanswered <= MAX_UNANSWERED_SHARE * len(CODES)


def may_answer(user, enrolment: Enrolment) -> bool:
    return (
        user is not None
        and getattr(user, "person_id", None) == enrolment.person_id
        and enrolment.status == EnrolmentStatus.APPROVED
        and enrolment.training_class.start_date <= datetime.date.today()
    )


@transaction.atomic
def survey_submit(*, enrolment: Enrolment, answers: dict, comments: str = "") -> SurveyResponse:
    """The learner's own answer sheet for their class, once. Invalid sheets are kept (and counted
    as invalid) so the report shows how many were returned."""
    user = context.require().user
    enrolment = Enrolment.unscoped.select_for_update(of=("self",)).select_related("training_class").get(pk=enrolment.pk)
    if not may_answer(user, enrolment):
        raise DomainError(_("Chỉ học viên của lớp mới gửi được phiếu đánh giá, sau khi lớp khai giảng."))
    if SurveyReceipt.objects.filter(enrolment=enrolment).exists():
        raise DomainError(_("Bạn đã gửi phiếu đánh giá cho lớp này."))
    cleaned = clean_answers(answers)
    today = datetime.date.today()
    receipt = SurveyReceipt.objects.create(enrolment=enrolment, submitted_on=today)
    audit.log_create(receipt)
    return SurveyResponse.objects.create(
        training_class=enrolment.training_class,
        answers=cleaned,
        comments=nfc(comments).strip()[:4000],
        is_valid=is_valid_sheet(cleaned),
        period=f"{today:%Y-%m}",
    )


@transaction.atomic
def inspection_record(*, training_class: TrainingClass, **fields) -> Inspection:
    _check_class(training_class)
    fields["findings"] = nfc(fields.get("findings", "")).strip()
    if not fields["findings"]:
        raise DomainError({"findings": [_("Cần ghi kết quả kiểm tra, giám sát.")]})
    inspection = Inspection.objects.create(training_class=training_class, **fields)
    audit.log_create(inspection)
    return inspection


@dataclass
class Quality:
    """Averages (1–5) per group over the valid sheets, with the counts behind them."""

    label: str = ""
    sheets: int = 0
    valid: int = 0
    classes: int = 0
    sums: dict = field(default_factory=lambda: defaultdict(int))
    counts: dict = field(default_factory=lambda: defaultdict(int))
    comments: list = field(default_factory=list)

    def add(self, response: SurveyResponse) -> None:
        self.sheets += 1
        if not response.is_valid:
            return
        self.valid += 1
        for group, code, _text in QUESTIONS:
            value = response.answers.get(code)
            if value is not None:
                self.sums[group] += value
                self.counts[group] += 1
        if response.comments:
            self.comments.append(response.comments)

    def average(self, group: str) -> float | None:
        return round(self.sums[group] / self.counts[group], 2) if self.counts[group] else None

    @property
    def overall(self) -> float | None:
        total, count = sum(self.sums.values()), sum(self.counts.values())
        return round(total / count, 2) if count else None

    @property
    def groups(self) -> list[tuple[str, str, float | None]]:
        return [(code, str(label), self.average(code)) for code, label in GROUPS.items()]


def class_quality(training_class: TrainingClass) -> Quality:
    quality = Quality(label=training_class.name, classes=1)
    for response in SurveyResponse.objects.filter(training_class=training_class):
        quality.add(response)
    return quality


def quality_by(classes, key: str) -> list[Quality]:
    """The report over many classes, grouped by "institution" or "programme"."""
    groups: dict[object, Quality] = {}
    class_ids = {}
    for c in classes.select_related("institution", "organiser", "programme"):
        owner = (c.institution or c.organiser) if key == "institution" else c.programme
        class_ids[c.pk] = owner
        groups.setdefault(owner.pk if owner else None, Quality(label=str(owner)))
        groups[owner.pk if owner else None].classes += 1
    for response in SurveyResponse.objects.filter(training_class_id__in=list(class_ids)):
        owner = class_ids[response.training_class_id]
        groups[owner.pk if owner else None].add(response)
    return sorted((q for q in groups.values() if q.sheets), key=lambda q: (-(q.overall or 0), q.label))


def survey_counts(training_class: TrainingClass) -> tuple[int, int, int]:
    """(sheets returned, valid sheets, learners who may answer)."""
    responses = SurveyResponse.objects.filter(training_class=training_class)
    learners = training_class.enrolments.filter(status=EnrolmentStatus.APPROVED).count()
    return responses.count(), responses.filter(is_valid=True).count(), learners
