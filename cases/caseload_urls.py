from django.urls import path

from .views import caseload

app_name = "caseload"

urlpatterns = [
    path("", caseload.my_caseload, name="mine"),
    path("teams/<int:team_pk>/", caseload.team_caseload, name="team"),
    path("work-out-again/", caseload.work_out_again, name="work_out_again"),
]
