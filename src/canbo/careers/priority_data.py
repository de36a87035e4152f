"""The seeded weights of the training priority (careers/priority.py). Pure data: the migration
upserts them by key and keeps an administrator's edited values."""

from __future__ import annotations

# (key, value, label, note)
PRIORITY_WEIGHTS: list[tuple[str, int, str, str]] = [
    (
        "current_unmet",
        30,
        "Mỗi tiêu chuẩn chưa đạt của chức vụ, chức danh đang giữ (đã quá thời hạn bổ sung, chuẩn hoá)",
        "Thiếu tiêu chuẩn của chính công việc đang làm là nhu cầu cấp thiết nhất (NĐ 101/2017/NĐ-CP, Điều 5).",
    ),
    (
        "current_pending",
        15,
        "Mỗi tiêu chuẩn chưa đạt của chức vụ, chức danh đang giữ, còn trong thời hạn bổ sung hoặc chuẩn hoá",
        "Còn thời gian nhưng phải học trước khi hết hạn.",
    ),
    (
        "current_duty",
        5,
        "Chưa đủ số tiết bồi dưỡng bắt buộc hằng năm",
        "Nghĩa vụ bồi dưỡng hằng năm (NĐ 101/2017/NĐ-CP, Điều 5): điểm thấp vì đầu năm ai cũng chưa đủ tiết, "
        "nhưng lớp bồi dưỡng bù được nghĩa vụ này vẫn có giá trị khi lập đề xuất.",
    ),
    (
        "pool_member",
        20,
        "Đang trong quy hoạch một chức danh lãnh đạo, quản lý",
        "Đào tạo, bồi dưỡng gắn với quy hoạch (Quy định 377-QĐ/TW; Kết luận 14-KL/TW). "
        "Chỉ người có quyền xem quy hoạch mới thấy phần điểm này.",
    ),
    (
        "pool_gap",
        25,
        "Mỗi tiêu chuẩn chưa đạt của chức danh được quy hoạch",
        "Chuẩn bị trước tiêu chuẩn của chức danh sẽ đảm nhiệm.",
    ),
    ("eval_excellent", 10, "Năm trước hoàn thành xuất sắc nhiệm vụ", ""),
    ("eval_good", 5, "Năm trước hoàn thành tốt nhiệm vụ", ""),
    ("eval_done", 0, "Năm trước hoàn thành nhiệm vụ", ""),
    (
        "eval_failed",
        -20,
        "Năm trước không hoàn thành nhiệm vụ",
        "Làm giảm thứ tự ưu tiên chứ không loại khỏi danh sách: bồi dưỡng có thể chính là cách khắc phục; "
        "người làm công tác cán bộ quyết định khi duyệt đề xuất.",
    ),
    ("years_since_training", 2, "Mỗi năm chưa được đào tạo, bồi dưỡng", "Tính từ năm hoàn thành khóa học gần nhất."),
    (
        "years_since_training_cap",
        5,
        "Số năm tối đa được tính điểm chưa được đào tạo, bồi dưỡng",
        "Người chưa có khóa học nào được ghi nhận tính bằng số năm tối đa này.",
    ),
    (
        "weak_sector",
        5,
        "Lĩnh vực công tác có tỷ lệ đạt chuẩn thấp trong đơn vị",
        "Tỷ lệ tính trên toàn đơn vị được xét (không tính nghĩa vụ bồi dưỡng hằng năm).",
    ),
    (
        "weak_sector_rate",
        70,
        "Ngưỡng tỷ lệ đạt chuẩn (%) dưới đó một lĩnh vực được coi là yếu",
        "",
    ),
]


def seed_priority_weights(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    PriorityWeight = apps.get_model("careers", "PriorityWeight")
    for order, (key, value, label, note) in enumerate(PRIORITY_WEIGHTS):
        PriorityWeight.objects.get_or_create(
            key=key, defaults={"value": value, "label": label, "note": note, "order": order}
        )
