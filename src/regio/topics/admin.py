"""Staff administration of topics. The status is read-only here: it changes only through a status
change with a reason (the topic page), so the lifecycle rules cannot be bypassed."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regio.core.services import validated_save
from regio.topics.models import Participation, Result, Topic, TopicPartner, TopicStatusChange


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


class PartnerInline(admin.TabularInline):
    model = TopicPartner
    extra = 0


class ResultInline(admin.StackedInline):
    model = Result
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = TopicStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_on", "reason", "changed_by", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "status", "lead_municipality", "visibility"]
    list_filter = ["region", "status", "visibility", "spearheads"]
    search_fields = ["title", "description"]
    readonly_fields = ["status"]
    filter_horizontal = ["spearheads"]
    inlines = [ParticipationInline, PartnerInline, ResultInline, StatusChangeInline]

    def save_model(self, request, obj, form, change):
        validated_save(obj, actor=request.user)
