"""The audits section of a child's record."""

from cases.panels import Panel

from . import selectors


def audits_panel(request, child) -> Panel | None:
    if not request.user.has_perm("inspection.view_caseaudit"):
        return None
    # Read with the record's rows (cases/panels.py).
    return Panel(template="inspection/audits/_child_panel.html", context={"audits": selectors.audits_for_child(child=child)})
