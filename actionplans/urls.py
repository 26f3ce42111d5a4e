from django.urls import path

from . import views

app_name = "actionplans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_pk>/recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:recommendation_pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/mine/", views.my_actions, name="my_actions"),
    path("actions/new-from/<str:origin_key>/<int:pk>/", views.action_from_origin, name="action_from_origin"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("evidence/<uuid:token>/", views.evidence_download, name="evidence_download"),
]
