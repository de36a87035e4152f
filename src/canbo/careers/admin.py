from django.contrib import admin

from canbo.careers.models import PriorityWeight
from canbo.core.admin_site import AuditedAdmin


@admin.register(PriorityWeight)
class PriorityWeightAdmin(AuditedAdmin):
    """The weights of the training priority: a system administrator sets the province's emphasis
    (each change logged)."""

    list_display = ("label", "key", "value")
    list_editable = ("value",)
    readonly_fields = ("key",)
    search_fields = ("key", "label")
    ordering = ("order", "key")

    def has_add_permission(self, request):  # keys are the code's; only their values are data
        return False

    def has_delete_permission(self, request, obj=None):
        return False
