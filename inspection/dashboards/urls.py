from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.managers, name="managers"),
    path("figures/<str:measure>/", views.figure, name="figure"),
    path("members/", views.members_dashboard, name="members"),
    path("targets/", views.targets, name="targets"),
]
