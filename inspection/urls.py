"""URLs for the whole service (this package is the project as well as the inspection app)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cases.views import access_log, retention, stuck

from . import views
from .forms import PasswordChangeGovUKForm, SignInForm

admin.site.site_header = "Line of Sight administration"
admin.site.site_title = "Line of Sight administration"
admin.site.index_title = "Users and teams"

account_patterns = [
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(form_class=PasswordChangeGovUKForm), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", include(account_patterns)),
    path("children/", include("cases.urls")),
    path("caseload/", include("cases.caseload_urls")),
    path("access-log/", access_log.access_log, name="access_log"),
    path("access-log/export/", access_log.access_log_export, name="access_log_export"),
    path("stuck-cases/", stuck.stuck_cases, name="stuck_cases"),
    path("retention-review/", retention.retention_review, name="retention_review"),
    path("retention-review/<int:pk>/", retention.retention_review_decide, name="retention_review_decide"),
    path("audits/", include("inspection.audits.urls")),
    path("inspections/annex-a/imports/", include("inspection.annex_a_imports.urls")),
    path("inspections/", include("inspection.inspections.urls")),
    path("self-evaluation/", include("inspection.self_evaluation.urls")),
    path("judgements/evidence/", include("inspection.judgement_evidence.urls")),
    path("judgements/", include("judgements.urls")),
    path("safeguarding-board/", include("lscb.urls")),
    path("action-plans/", include("actionplans.urls")),
    path("dashboards/", include("inspection.dashboards.urls")),
    path("committee-reports/", include("inspection.committee.urls")),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/<slug:kind>/", views.report_request, name="report_request"),
    path("reports/children-list/", views.children_list_report_request, name="children_list_report_request"),
    path("reports/annex-a/", views.annex_a_report_request, name="annex_a_report_request"),
    path("reports/action-plan/<int:plan_pk>/", views.action_plan_report_request, name="action_plan_report_request"),
    path("reports/board/", views.board_report_request, name="board_report_request"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
    path("admin/", admin.site.urls),
]
