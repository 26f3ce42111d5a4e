from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("readiness/", views.readiness, name="readiness"),
    path("annex-a/data-quality/", views.annex_a_data_quality, name="data_quality"),
    path("new/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/edit/", views.inspection_edit, name="edit"),
    path("<int:pk>/report/", views.inspection_report, name="report"),
]
