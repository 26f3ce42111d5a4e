"""Self-assessment URLs, under /judgements/self-assessment/ in the ``judgements`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.self_assessment_list, name="self_assessment_list"),
    path("new/", views.self_assessment_create, name="self_assessment_create"),
    path("<int:pk>/", views.self_assessment_detail, name="self_assessment_detail"),
    path("<int:pk>/score/", views.self_assessment_score, name="self_assessment_score"),
    path("<int:pk>/compare/", views.self_assessment_compare, name="self_assessment_compare"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/status/", views.indicator_status, name="indicator_status"),
]
