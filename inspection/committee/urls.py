from django.urls import path

from . import views

app_name = "committee"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/produce/", views.report_produce, name="produce"),
    path("<int:pk>/issue/", views.report_issue, name="issue"),
    path("<int:pk>/download/", views.report_download, name="download"),
]
