"""Navigation that shows each role only what it may use."""

from django.urls import reverse

from .roles import role_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [("Home", reverse("home"))]
    if user.has_perm("inspection.view_managers_dashboard"):
        items.append(("Dashboard", reverse("dashboards:managers")))
    elif user.has_perm("inspection.view_members_dashboard"):
        items.append(("Dashboard", reverse("dashboards:members")))
    if user.has_perm("cases.view_child"):
        items.append(("Children", reverse("cases:child_list")))
        items.append(("Caseloads", reverse("caseload:mine")))
    if user.has_perm("inspection.view_inspection"):
        items.append(("Inspections", reverse("inspections:list")))
    if user.has_perm("judgements.view_judgementset"):
        items.append(("Judgements", reverse("judgements:set_list")))
    if user.has_perm("actionplans.view_actionplan"):
        items.append(("Action plans", reverse("actionplans:plan_list")))
    if user.has_perm("lscb.view_board"):
        items.append(("Safeguarding board", reverse("lscb:dashboard")))
    if user.has_perm("inspection.change_caseaudit") or user.has_perm("inspection.view_auditsample"):
        items.append(("Audits", reverse("audits:my_audits")))
    items.append(("Reports", reverse("report_list")))
    if user.has_perm("cases.view_accesslogentry"):
        items.append(("Access log", reverse("access_log")))
    if user.has_perm("cases.view_retentionreview"):
        items.append(("Retention review", reverse("retention_review")))
    if user.is_staff:
        items.append(("Administration", reverse("admin:index")))
    path = request.path
    # Pages that belong under another menu item than their own address suggests.
    for prefix, owner in (("/self-evaluation/", "/inspections/"), ("/committee-reports/", "/reports/"),
                          ("/stuck-cases/", "/caseload/")):
        if path.startswith(prefix):
            path = owner
    current = max((url for _, url in items if path.startswith(url)), key=len, default=None)
    role = role_of(user)
    return {
        "navigation": [{"label": label, "url": url, "current": url == current} for label, url in items],
        "user_role": role.label if role else ("Administrator" if user.is_superuser else ""),
    }
