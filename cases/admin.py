from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLogEntry, Team, Worker


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "service_area"]
    search_fields = ["name"]
    filter_horizontal = ["managers"]


@admin.register(Worker)
class WorkerAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "team", "job_title"]
    list_filter = ["team"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the access log is evidence and is never edited (its entries are chained: see
    cases/access_chain.py). Nobody adds, changes or deletes an entry here, superusers included."""

    list_display = ["sequence", "at", "username", "action", "child", "detail"]
    list_filter = ["action"]
    search_fields = ["username", "child__local_id", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
