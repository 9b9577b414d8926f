from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from curbside.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "pseudonym", "email_confirmed",
                    "is_imported", "is_staff", "is_active"]  # fmt: skip
    list_filter = ["is_staff", "is_active", "email_confirmed", "is_imported"]
    search_fields = ["email", "display_name", "first_name", "last_name", "pseudonym"]
    readonly_fields = ["pseudonym", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "first_name", "last_name",
                                   "pseudonym", "email_confirmed", "is_imported")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser",
                                       "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )  # fmt: skip
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("email", "password1", "password2")}),)  # fmt: skip


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "hint", "created_at", "last_used_at"]
    search_fields = ["user__email", "name"]

    def has_add_permission(self, request):
        return False
