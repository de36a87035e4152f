from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from canbo.accounts.models import User


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
