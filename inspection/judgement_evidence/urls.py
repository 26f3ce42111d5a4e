from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence, name="overview"),
    path("national/", views.national, name="national"),
    path("<slug:framework_code>/<slug:area_code>/", views.evidence_area, name="area"),
]
