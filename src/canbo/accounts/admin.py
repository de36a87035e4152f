from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from canbo.accounts.models import SensitiveAccess, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django admin is for system administrators (staff) only; everyday work uses canbo's pages."""

    list_display = ("username", "first_name", "last_name", "unit", "is_active")
    list_select_related = ("unit",)
    search_fields = ("username", "first_name", "last_name", "unit__code")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("unit", "roles")}),
    )
    raw_id_fields = ("unit",)


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(admin.ModelAdmin):
    """Who saw whose sensitive fields: read-only, for audits."""

    list_display = ("time", "user_name", "where", "fields", "people_count", "request_id")
    list_filter = ("where",)
    search_fields = ("user_name", "request_id")
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
