"""Column orders of the registry's tables for bulk writers (the importer, synthetic data)."""

PERSON_COLUMNS = (
    "id",
    "full_name",
    "name_key",
    "gender",
    "birth_date",
    "birth_year",
    "id_number",
    "ethnicity_id",
    "religion_id",
    "party_member",
    "party_joined_on",
    "home_town",
    "phone",
    "email",
    "health_note",
    "unit_id",
    "unit_path",
    "version",
    "created_at",
    "updated_at",
    "old_id_number",  # new columns go last: other writers' rows extend, not shift
    "sort_key",
)
ASSIGNMENT_DETAILS = ("category", "title", "job_position", "rank", "sector", "decision_number")
ASSIGNMENT_COLUMNS = ("person_id", "unit_id", "start_date", "end_date", "is_main", "note", *ASSIGNMENT_DETAILS)
QUALIFICATION_COLUMNS = (
    "person_id",
    "ladder_id",
    "level_id",
    "field",
    "institution",
    "year",
    "source",
    "note",
    "test_name",
    "score",
)
PERSON_LEVEL_COLUMNS = ("person_id", "ladder_id", "level_id", "rank", "field")
