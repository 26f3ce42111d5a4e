from django.urls import path

from . import views

app_name = "self_evaluation"

urlpatterns = [
    path("", views.self_evaluation_list, name="list"),
    path("new/", views.self_evaluation_start, name="start"),
    path("<int:pk>/", views.self_evaluation_detail, name="detail"),
    path("<int:pk>/edit/", views.self_evaluation_edit, name="edit"),
    path("<int:pk>/compare/", views.self_evaluation_compare, name="compare"),
]
