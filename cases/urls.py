from django.urls import path

from .views import children, recording

app_name = "cases"

urlpatterns = [
    path("", children.child_list, name="child_list"),
    path("<int:pk>/", children.child_detail, name="child_detail"),
    path("<int:pk>/history/", children.child_history, name="child_history"),
    path("<int:pk>/open-restricted-record/", children.child_break_glass, name="child_break_glass"),
    path("<int:pk>/record/<str:stage>/", recording.episode_add, name="episode_add"),
    path("<int:pk>/episodes/<int:episode_pk>/", recording.episode_edit, name="episode_edit"),
    path("<int:pk>/episodes/<int:episode_pk>/placements/new/", recording.placement_add, name="placement_add"),
    path("<int:pk>/episodes/<int:episode_pk>/legal-statuses/new/", recording.legal_status_add, name="legal_status_add"),
    path("<int:pk>/events/new/<str:kind>/", recording.event_add, name="event_add"),
    path("<int:pk>/events/<int:event_pk>/", recording.event_edit, name="event_edit"),
    path("<int:pk>/flags/new/", recording.flag_add, name="flag_add"),
    path("<int:pk>/flags/<int:flag_pk>/", recording.flag_edit, name="flag_edit"),
]
