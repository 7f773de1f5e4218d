from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption


class SpearheadInline(admin.StackedInline):
    model = Spearhead
    extra = 0


class AdoptionInline(admin.TabularInline):
    model = VisionAdoption
    extra = 0


@admin.register(Vision)
class VisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region"]
    inlines = [SpearheadInline, AdoptionInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "start", "end", "place"]
    list_filter = ["region"]
