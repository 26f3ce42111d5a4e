from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("<int:pk>/", views.child_detail, name="child_detail"),
]
