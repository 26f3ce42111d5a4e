from django.urls import path

from . import views

urlpatterns = [
    path("", views.set_list, name="set_list"),
    path("new/", views.set_create, name="set_create"),
    path("<int:pk>/", views.set_detail, name="set_detail"),
    path("<int:pk>/edit/", views.set_edit, name="set_edit"),
]
