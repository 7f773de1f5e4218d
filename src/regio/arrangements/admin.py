"""Staff administration of the register; saving goes through `arrangement_save` like every other channel."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regio.arrangements.models import (
    Arrangement,
    ArrangementParticipant,
    CouncilMeeting,
    CycleDocument,
    SummerRecess,
    VerbondenPartij,
    Zienswijze,
)
from regio.arrangements.services import arrangement_save


@admin.register(Arrangement)
class ArrangementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "form", "seat", "entered_into_force", "last_amended", "visibility"]
    list_filter = ["region", "form", "visibility"]
    search_fields = ["name", "powers", "legal_basis"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["participants", "partner_organisations", "bodies", "topics"]

    def save_model(self, request, obj, form, change):
        # The many-to-many values arrive with the form; the service stores the row and them together.
        data = form.cleaned_data
        saved = arrangement_save(
            actor=request.user,
            region=data["region"],
            slug=data["slug"],
            name=data["name"],
            form=data["form"],
            legal_basis=data["legal_basis"],
            seat=data["seat"],
            entered_into_force=data["entered_into_force"],
            participants=data["participants"],
            partner_organisations=data["partner_organisations"],
            bodies=data["bodies"],
            text_reference=data["text_reference"],
            powers=data["powers"],
            last_amended=data["last_amended"],
            visibility=data["visibility"],
            advisory_committee=data.get("advisory_committee", ""),
            topics=data.get("topics"),
            arrangement=obj if change else None,
        )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # arrangement_save has stored the relations already.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The cycle is changed on the regeling's pages, through the services; the admin shows it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CycleDocument)
class CycleDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "arrangement", "kind", "year", "sent_on", "general_board_on"]
    list_filter = ["kind", "arrangement__region"]


@admin.register(Zienswijze)
class ZienswijzeAdmin(ReadOnlyAdmin):
    list_display = ["document", "municipality", "state", "verdict", "adopted_on", "board_answered_on"]
    list_filter = ["state", "verdict"]


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "date", "source"]
    list_filter = ["municipality", "source"]


@admin.register(SummerRecess)
class SummerRecessAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "starts_on", "ends_on"]


@admin.register(ArrangementParticipant)
class ArrangementParticipantAdmin(ReadOnlyAdmin):
    list_display = ["arrangement", "municipality", "organisation", "role", "yearly_contribution"]


@admin.register(VerbondenPartij)
class VerbondenPartijAdmin(ReadOnlyAdmin):
    list_display = ["display_name", "municipality", "year", "risk_class"]
    list_filter = ["year", "risk_class"]
