"""The managers' dashboard, the children behind a figure, the members' dashboard and the targets
page. Thin: permission, form, read (or service), render. Each page runs a fixed number of queries
whatever the number of children: the figures were counted overnight."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import AccessLogEntry, Team
from cases.selectors import team_ids_for_worker, worker_for_user

from . import cards, drilldown, members, quality, selectors
from .forms import DashboardFilterForm, DrillDownFilterForm, TargetsForm
from .measures import MEASURES_BY_KEY, RAG_LABELS, format_value, value_of
from .targets import targets_save

STALE_AFTER = timedelta(days=2)
COUNCIL = "the whole council"


def _own_team(user, teams):
    """The team a manager sees first: their own (the team they work in, else the first they
    manage). Those who see every team (auditors, senior managers) see the whole council first."""
    if user.has_perm("cases.view_all_children"):
        return None
    worker = worker_for_user(user)
    if worker is None:
        return None
    wanted = worker.team_id or next(iter(sorted(team_ids_for_worker(worker))), None)
    return next((team for team in teams if team.pk == wanted), None)


def _teams():
    return list(Team.objects.order_by("name"))


def _freshness(days, today):
    """When the latest figures were worked out, in words, if that was more than two days ago."""
    if days and today - days[0] > STALE_AFTER:
        return days[0]
    return None


@permission_required("inspection.view_managers_dashboard", raise_exception=True)
def managers(request):
    """Every figure for the council or a team with its target, RAG and trend, and beside each
    area the audits' evidence of the quality of the same work."""
    today = timezone.localdate()
    days = selectors.snapshot_dates()
    teams = _teams()
    form = DashboardFilterForm(request.GET, days=days, teams=teams, default_team=_own_team(request.user, teams))
    team, as_at = form.chosen_team, form.chosen_day
    areas = []
    if as_at is not None:
        where = team.name if team else COUNCIL
        axis = cards.trend_days(days, as_at)
        evidence = quality.quality_evidence(user=request.user, today=today, team=team)
        figure_cards = cards.cards_for(selectors.dashboard_figures(team=team, as_at=as_at), days=axis, where=where)
        for card in figure_cards:
            figure = card.figure
            if drilldown.has_children(figure.measure):
                # From the figure itself, not a count of the stored children scoped to the user: that
                # count took most of a second at 100,000 children. The list itself is scoped.
                card.drill_latest = as_at == days[0]
                card.drill_counted = figure.denominator
                card.drill_not_met = (figure.numerator if figure.measure.lower_is_better
                                      else figure.denominator - figure.numerator)
        areas = cards.areas_of(figure_cards)
        cards.add_quality(areas, evidence, team=team)
    return render(request, "inspection/dashboards/managers.html", {
        "form": form, "team": team, "as_at": as_at, "latest": days[0] if days else None,
        "is_latest": bool(days) and as_at == days[0], "areas": areas,
        "totals": cards.rag_totals([card for area in areas for card in area.cards]), "rag_labels": RAG_LABELS,
        "stale_since": _freshness(days, today), "today": today,
        "caseload_url": reverse("caseload:team", args=[team.pk]) if team else reverse("caseload:mine"),
        "can_set_targets": request.user.has_perm("inspection.view_figuretarget"),
    })


@permission_required("inspection.view_managers_dashboard", raise_exception=True)
def figure(request, measure: str):
    """The children counted in the latest figure whom the user may see: those who did not meet
    the standard first (or only). Each view of the list is written to the access log."""
    chosen = MEASURES_BY_KEY.get(measure)
    if chosen is None or not drilldown.has_children(chosen):
        raise Http404("There is no list of children behind this figure.")
    teams = _teams()
    form = DrillDownFilterForm(request.GET, teams=teams, default_team=_own_team(request.user, teams))
    team, show = form.chosen_team, form.chosen_show
    snapshot = drilldown.latest_snapshot(measure=chosen)
    listed = page = None
    if snapshot is not None:
        listed = drilldown.members_page(user=request.user, snapshot=snapshot, team=team, show=show,
                                        after=_cursor(request, "after"), before=_cursor(request, "before"))
        page = listed.page
        case_services.access_log_record(
            actor=request.user, action=AccessLogEntry.Action.VIEWED_CHILD,
            detail=(f"Dashboard list: {chosen.label} on {snapshot.as_at:%-d %B %Y}, "
                    f"{team.name if team else 'all teams'}, "
                    f"{'all counted' if show == drilldown.ALL else 'not meeting the standard'}, "
                    f"{_which_page(page)}"),
        )
    return render(request, "inspection/dashboards/figure.html", {
        "form": form, "measure": chosen, "team": team, "show": show, "snapshot": snapshot, "page": page,
        "listed": listed, "showing_all": show == drilldown.ALL,
        "figure_value": format_value(chosen, value_of(chosen, snapshot.numerator, snapshot.denominator)) if snapshot else "",
    })


def _cursor(request, name: str) -> int | None:
    """A keyset page's cursor from the query string: the member the page follows or precedes."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _which_page(page) -> str:
    """Which children a page of the list showed, for the access log: "first page (50 children,
    Child IDs ABC123 to XYZ789)". Pages are "after this child", not numbered, so the log names
    the first and last child shown."""
    where = "a later page" if page.has_previous else "first page"
    if not page.object_list:
        return f"{where} (0 children)"
    first, last = page.object_list[0].child.local_id, page.object_list[-1].child.local_id
    return f"{where} ({len(page.object_list)} children, Child IDs {first} to {last})"


@permission_required("inspection.view_members_dashboard", raise_exception=True)
def members_dashboard(request):
    """The council's figures for elected members: aggregates only, small numbers suppressed,
    with the latest Ofsted judgements and how the action plans stand."""
    today = timezone.localdate()
    days = selectors.snapshot_dates()
    as_at = days[0] if days else None
    areas = []
    if as_at is not None:
        axis = cards.trend_days(days, as_at)
        areas = cards.areas_of(cards.cards_for(selectors.dashboard_figures(as_at=as_at), days=axis, where=COUNCIL,
                                               members=True))
    try:
        committee_url = reverse("committee:list")
    except NoReverseMatch:
        committee_url = None
    return render(request, "inspection/dashboards/members.html", {
        "as_at": as_at, "areas": areas, "today": today, "stale_since": _freshness(days, today),
        "totals": cards.rag_totals([card for area in areas for card in area.cards]), "rag_labels": RAG_LABELS,
        "ofsted": members.latest_ofsted_judgements(),
        "action_plans": members.action_plan_totals(today=today),
        "committee_url": committee_url if request.user.has_perm("inspection.view_committeereport") else None,
    })


@permission_required("inspection.view_figuretarget", raise_exception=True)
def targets(request):
    """Every figure's target and amber range: senior managers change them; managers read them."""
    can_change = request.user.has_perm("inspection.change_figuretarget")
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    current = selectors.targets()
    form = TargetsForm(request.POST or None, current=current) if can_change else None
    if request.method == "POST" and form.is_valid():
        changed = targets_save(actor=request.user, chosen=form.chosen())
        if changed:
            names = ", ".join(MEASURES_BY_KEY[key].label.lower() for key in changed)
            messages.success(request, f"Targets saved. Changed: {names}.")
        else:
            messages.success(request, "Targets saved. No target was changed.")
        return redirect("dashboards:targets")
    return render(request, "inspection/dashboards/targets.html", {
        "form": form, "rows": [(MEASURES_BY_KEY[key], target) for key, target in current.items()],
    })
