"""Staff administration of the register; saving goes through `arrangement_save` like every other channel."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regio.arrangements.models import Arrangement
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
