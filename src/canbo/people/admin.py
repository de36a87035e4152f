"""Reference data is editable by system administrators (rules are data), every change logged; people
change through the registry's own pages and services, so that every change is checked and logged.

A level's rank is its meaning: people's stored highest levels, gap results against standards,
obligation rules and the staff-quality summaries are all computed from it. So it may be set while a
level is unused, and is refused once anything refers to the level (add a new level instead).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from canbo.core.admin_site import AuditedAdmin, AuditedInline
from canbo.people.models import Ethnicity, Ladder, LanguageTestEquivalence, Level, Religion


def level_uses(level: Level) -> list[str]:
    """What refers to `level` (qualifications, stored levels, rules, programmes, summaries), by name."""
    relations = [
        rel
        for rel in Level._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and rel.related_model is not None
    ]
    uses = [
        str(rel.related_model._meta.verbose_name)
        for rel in relations
        if rel.related_model._base_manager.filter(**{rel.field.name: level.pk}).exists()
    ]
    return list(dict.fromkeys(uses))


class LevelForm(forms.ModelForm):
    class Meta:
        model = Level
        fields = ("code", "label", "rank", "synonyms", "old_names", "note", "valid_to", "order")

    def clean_old_names(self):
        return self.cleaned_data.get("old_names") or []

    def clean_rank(self):
        rank = self.cleaned_data["rank"]
        level = self.instance
        if level.pk is None:
            return rank
        stored = Level.objects.filter(pk=level.pk).values_list("rank", flat=True).first()
        if stored is None or stored == rank:
            return rank
        uses = level_uses(level)
        if uses:
            raise forms.ValidationError(
                gettext(
                    "Không sửa được thứ bậc của bậc “%(level)s” (từ %(old)s thành %(new)s): bậc này đã được "
                    "dùng trong %(uses)s, và thứ bậc quyết định trình độ cao nhất đã lưu của từng người, kết quả "
                    "so sánh với tiêu chuẩn và các báo cáo đã lập. Hãy thêm một bậc mới với thứ bậc mong muốn."
                )
                % {"level": level.label, "old": stored, "new": rank, "uses": ", ".join(uses)}
            )
        return rank

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") and self.instance.pk is not None:
            uses = level_uses(self.instance)
            if uses:
                raise forms.ValidationError(
                    gettext("Không xóa được bậc “%(level)s”: bậc này đã được dùng trong %(uses)s.")
                    % {"level": self.instance.label, "uses": ", ".join(uses)}
                )
        return cleaned


class LevelInline(AuditedInline):
    model = Level
    form = LevelForm
    extra = 0
    fields = ("code", "label", "rank", "synonyms", "old_names", "note", "valid_to", "order")


@admin.register(Ladder)
class LadderAdmin(AuditedAdmin):
    list_display = ("name", "short_name", "code", "has_field", "source")
    inlines = [LevelInline]

    def has_delete_permission(self, request, obj=None):
        # A ladder is a dimension of every report and rule: deleting it would cascade to its levels
        # and the people's stored levels. Unused levels can be removed one by one.
        return False


@admin.register(LanguageTestEquivalence)
class LanguageTestEquivalenceAdmin(AuditedAdmin):
    """The dated score → level table ("IELTS 5.5–6.5 = Bậc 4 from 30/8/2021"): a new official table
    is added as new rows with their own valid_from, the old rows closed with valid_to."""

    list_display = ("test", "min_score", "max_score", "level", "valid_from", "valid_to", "confirmed", "source")
    list_filter = ("test", "confirmed")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "level":
            kwargs["queryset"] = Level.objects.filter(ladder__code="foreign_language")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Ethnicity)
class EthnicityAdmin(AuditedAdmin):
    list_display = ("code", "name", "is_majority")
    search_fields = ("name", "code")


@admin.register(Religion)
class ReligionAdmin(AuditedAdmin):
    list_display = ("code", "name", "order")
