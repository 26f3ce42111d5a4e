from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.my_audits, name="my_audits"),
    path("samples/", views.sample_list, name="sample_list"),
    path("samples/new/", views.sample_create, name="sample_create"),
    path("samples/<int:pk>/", views.sample_detail, name="sample_detail"),
    path("samples/<int:pk>/programme/", views.sample_programme, name="sample_programme"),
    path("samples/<int:pk>/add/", views.sample_add_child, name="sample_add_child"),
    path("samples/<int:pk>/members/<int:member_pk>/drop/", views.member_drop, name="member_drop"),
    path("samples/<int:pk>/members/<int:member_pk>/allocate/", views.member_allocate, name="member_allocate"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", views.audit_edit, name="audit_edit"),
    path("<int:pk>/moderate/", views.audit_moderate, name="audit_moderate"),
]
