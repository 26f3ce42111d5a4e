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
    path("samples/<int:pk>/members/<int:member_pk>/swap/", views.member_swap, name="member_swap"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/new-version/", views.template_new_version, name="template_new_version"),
    path("templates/<int:pk>/publish/", views.template_publish, name="template_publish"),
    path("templates/<int:pk>/domains/new/", views.template_domain, name="template_domain_add"),
    path("templates/<int:pk>/domains/<int:domain_pk>/", views.template_domain, name="template_domain_edit"),
    path("templates/<int:pk>/domains/<int:domain_pk>/remove/", views.template_domain_remove, name="template_domain_remove"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", views.audit_edit, name="audit_edit"),
    path("<int:pk>/moderate/", views.audit_moderate, name="audit_moderate"),
]
