"""Reference data is editable by system administrators (rules are data); people change through the
registry's own pages so that every change is checked and logged."""

from django.contrib import admin

from canbo.people.models import Ethnicity, Ladder, Level, Religion


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    fields = ("code", "label", "rank", "synonyms", "order")


@admin.register(Ladder)
class LadderAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "has_field", "source")
    inlines = [LevelInline]


@admin.register(Ethnicity)
class EthnicityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_majority")
    search_fields = ("name", "code")


@admin.register(Religion)
class ReligionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")
