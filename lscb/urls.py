"""The safeguarding board's pages, under /safeguarding-board/."""

from django.urls import path

from .views import annual_reports, dashboard, governance, meetings, registers, reviews

app_name = "lscb"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("board/", governance.board_detail, name="board"),
    path("board/set-up/", governance.board_create, name="board_create"),
    path("board/edit/", governance.board_edit, name="board_edit"),
    path("board/members/new/", governance.member_create, name="member_create"),
    path("board/members/<int:pk>/edit/", governance.member_edit, name="member_edit"),
    path("board/subgroups/new/", governance.subgroup_create, name="subgroup_create"),
    path("board/subgroups/<int:pk>/edit/", governance.subgroup_edit, name="subgroup_edit"),
    path("attendance/", governance.attendance, name="attendance"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/new/", reviews.review_create, name="review_create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review_edit"),
    path("audits/", registers.audit_list, name="audit_list"),
    path("audits/new/", registers.audit_create, name="audit_create"),
    path("audits/<int:pk>/edit/", registers.audit_edit, name="audit_edit"),
    path("training/", registers.training_list, name="training_list"),
    path("training/new/", registers.training_create, name="training_create"),
    path("training/<int:pk>/edit/", registers.training_edit, name="training_edit"),
    path("challenges/", registers.challenge_list, name="challenge_list"),
    path("challenges/new/", registers.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/edit/", registers.challenge_edit, name="challenge_edit"),
    path("performance/", registers.performance_list, name="performance_list"),
    path("performance/new/", registers.performance_create, name="performance_create"),
    path("performance/<int:pk>/edit/", registers.performance_edit, name="performance_edit"),
    path("annual-reports/", annual_reports.annual_report_list, name="annual_report_list"),
    path("annual-reports/new/", annual_reports.annual_report_create, name="annual_report_create"),
    path("annual-reports/<int:pk>/", annual_reports.annual_report_detail, name="annual_report_detail"),
    path("annual-reports/<int:pk>/edit/", annual_reports.annual_report_edit, name="annual_report_edit"),
    path("annual-reports/<int:pk>/document/", annual_reports.annual_report_document, name="annual_report_document"),
    path("ofsted-review/", dashboard.judgement, name="judgement"),
]
