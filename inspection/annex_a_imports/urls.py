from django.urls import path

from . import views

app_name = "annex_a_imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
]
