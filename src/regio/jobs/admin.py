"""Jobs in the admin: read only, to see what ran, what failed and why."""

from django.contrib import admin

from regio.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "state", "done", "total", "attempts", "region", "created_by", "created_at")
    list_filter = ("state", "kind", "region")
    search_fields = ("label", "idempotency_key", "error")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
