from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from simple_history.admin import SimpleHistoryAdmin

from regio.access.models import Grant, SecurityEvent, SecurityEventKind
from regio.access.security import security_event_record


def _grant_detail(grant: Grant) -> dict:
    return {"level": grant.level, "municipality": grant.municipality.name if grant.municipality_id else None}


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region", "level", "municipality"]
    list_filter = ["region", "level"]
    autocomplete_fields = ["municipality"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        security_event_record(
            kind=SecurityEventKind.GRANT_CHANGED if change else SecurityEventKind.GRANT_ADDED,
            user=obj.user, actor=request.user, request=request, region=obj.region,
            detail={**_grant_detail(obj), **({"changed": form.changed_data} if change else {})},
        )

    def delete_model(self, request, obj):
        detail, user, region = _grant_detail(obj), obj.user, obj.region
        super().delete_model(request, obj)
        security_event_record(kind=SecurityEventKind.GRANT_REMOVED, user=user, actor=request.user,
                              request=request, region=region, detail=detail)

    def delete_queryset(self, request, queryset):
        removed = [(grant.user, grant.region, _grant_detail(grant)) for grant in queryset.select_related(
            "user", "region", "municipality")]
        super().delete_queryset(request, queryset)
        for user, region, detail in removed:
            security_event_record(kind=SecurityEventKind.GRANT_REMOVED, user=user, actor=request.user,
                                  request=request, region=region, detail=detail)


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log is written by the system only: read, filter, never edit."""

    list_display = ["occurred_at", "kind", "username", "actor", "ip_address", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UnlockLoggingAccessAttemptAdmin(AccessAttemptAdmin):
    """django-axes' list of lockouts; deleting a row unlocks that user name + address, and is logged."""

    def _unlocked(self, request, attempt) -> None:
        user = get_user_model()._default_manager.filter(username=attempt.username).first()
        security_event_record(kind=SecurityEventKind.UNLOCKED, user=user, username=attempt.username or "",
                              actor=request.user, request=request,
                              detail={"locked_address": attempt.ip_address})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._unlocked(request, obj)

    def delete_queryset(self, request, queryset):
        attempts = list(queryset)
        super().delete_queryset(request, queryset)
        for attempt in attempts:
            self._unlocked(request, attempt)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, UnlockLoggingAccessAttemptAdmin)
