from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regio.access.models import Grant


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region", "level", "municipality"]
    list_filter = ["region", "level"]
    autocomplete_fields = ["municipality"]
