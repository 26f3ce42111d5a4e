"""figures_refresh: which dates are written, the rows kept for each (council-wide always, teams
with anything counted), the children behind the latest figures only, re-runs and rebuilds, the
daily task and its schedule, and the refresh_figures command."""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cases.models import Episode, Event
from inspection.dashboards import services
from inspection.dashboards.measures import MEASURES, PERCENT
from inspection.dashboards.services import figures_refresh, month_ends_before
from inspection.dashboards.tasks import refresh_dashboard_figures
from inspection.models import FigureMember, FigureSnapshot

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 18)
MONTH_ENDS = [date(2026, 2, 28), date(2026, 1, 31), date(2025, 12, 31)]


@pytest.fixture
def council(make_child, team_a, team_b, senior_manager):
    """Two children on a child protection plan in team A (one visit overdue), one looked after in
    team B since January, and no one counted for the other figures."""
    by = senior_manager
    for visited in (date(2026, 3, 16), date(2026, 2, 2)):
        child = make_child(team_a)
        plan = Episode.objects.create(child=child, stage="child_protection", start_date=date(2025, 11, 3), recorded_by=by)
        Event.objects.create(child=child, kind="visit", date=visited, episode=plan, author=by)
    Episode.objects.create(child=make_child(team_b), stage="looked_after", start_date=date(2026, 1, 5), recorded_by=by)
    return by


def council_rows(as_at: date) -> dict[str, tuple[int, int]]:
    return {row.measure: (row.numerator, row.denominator)
            for row in FigureSnapshot.objects.filter(as_at=as_at, team__isnull=True)}


def test_month_ends_before_today():
    assert month_ends_before(TODAY, 3) == MONTH_ENDS
    assert month_ends_before(date(2026, 3, 31), 1) == [date(2026, 2, 28)]
    assert month_ends_before(TODAY, 0) == []


def test_today_and_each_month_end_get_every_figure_council_wide_even_with_nothing_counted(council, team_a, team_b):
    result = figures_refresh(today=TODAY, months=3)
    assert [item.as_at for item in result.written] == sorted(MONTH_ENDS) + [TODAY]
    assert sorted(FigureSnapshot.objects.order_by().values_list("as_at", flat=True).distinct()) == sorted(MONTH_ENDS) + [TODAY]
    for as_at in [TODAY, *MONTH_ENDS]:
        assert set(council_rows(as_at)) == {measure.key for measure in MEASURES}
    today = council_rows(TODAY)
    assert today["child_protection_visits"] == (1, 2)
    assert today["looked_after_reviews"] == (0, 1)
    assert today["repeat_referrals"] == (0, 0)
    assert council_rows(date(2025, 12, 31))["looked_after_reviews"] == (0, 0)  # not yet looked after then


def test_teams_get_a_row_only_for_figures_that_count_someone_in_them(council, team_a, team_b):
    figures_refresh(today=TODAY, months=0)
    teams = {(row.measure, row.team_id): (row.numerator, row.denominator)
             for row in FigureSnapshot.objects.filter(as_at=TODAY, team__isnull=False)}
    assert teams[("child_protection_visits", team_a.pk)] == (1, 2)
    assert teams[("looked_after_reviews", team_b.pk)] == (0, 1)
    assert ("child_protection_visits", team_b.pk) not in teams
    assert ("repeat_referrals", team_a.pk) not in teams


def test_the_children_behind_the_latest_council_figures_only(council, monkeypatch):
    monkeypatch.setattr(services, "MEMBER_BATCH", 2)  # several batches
    result = figures_refresh(today=TODAY, months=2)
    members = FigureMember.objects.select_related("snapshot")
    assert {member.snapshot.as_at for member in members} == {TODAY}
    assert {member.snapshot.team_id for member in members} == {None}
    # Each plan's visit and whether it is a second plan; the looked-after child's review, placements,
    # health assessment and personal education plan.
    assert result.written[-1].members == members.count() == 2 * 2 + 4
    overdue = members.get(snapshot__measure="child_protection_visits", met=False)
    assert overdue.detail == "visit 22 working days overdue"
    assert not members.filter(snapshot__measure="caseload_per_worker").exists()
    for measure in [measure for measure in MEASURES if measure.unit == PERCENT]:  # the children agree with the figure
        snapshot = FigureSnapshot.objects.get(measure=measure.key, as_at=TODAY, team__isnull=True)
        behind = members.filter(snapshot=snapshot)
        in_numerator = behind.filter(met=not measure.lower_is_better).count()
        assert (in_numerator, behind.count()) == (snapshot.numerator, snapshot.denominator), measure.key
    assert members.filter(snapshot__measure="repeat_child_protection_plans", met=True).count() == 2  # first plans
    # Each child's name is copied in, to list the children behind a figure in name order.
    for member in members.select_related("child"):
        assert (member.sort_last_name, member.sort_first_name) == (member.child.last_name, member.child.first_name)
    assert all(member.sort_last_name for member in members)


def test_running_again_keeps_month_ends_and_replaces_today(council, make_child, team_a, senior_manager):
    figures_refresh(today=TODAY, months=3)
    kept = {row.pk: row.computed_at for row in FigureSnapshot.objects.filter(as_at__in=MONTH_ENDS)}
    rows = FigureSnapshot.objects.count()
    members = FigureMember.objects.count()
    Episode.objects.create(child=make_child(team_a), stage="child_protection", start_date=date(2025, 12, 1),
                           recorded_by=senior_manager)  # a late entry: changes today's and two month ends' figures

    again = figures_refresh(today=TODAY, months=3)

    assert [item.as_at for item in again.written] == [TODAY]
    assert {row.pk: row.computed_at for row in FigureSnapshot.objects.filter(as_at__in=MONTH_ENDS)} == kept
    assert FigureSnapshot.objects.count() == rows
    assert council_rows(TODAY)["child_protection_visits"] == (1, 3)
    assert council_rows(date(2026, 2, 28))["child_protection_visits"][1] == 2
    assert FigureMember.objects.count() == members + 2  # the new plan: its visit, and whether it is a second plan


def test_rebuild_works_out_every_month_end_again(council, make_child, team_a, senior_manager):
    figures_refresh(today=TODAY, months=3)
    Episode.objects.create(child=make_child(team_a), stage="child_protection", start_date=date(2025, 12, 1),
                           recorded_by=senior_manager)
    result = figures_refresh(today=TODAY, months=3, rebuild=True)
    assert [item.as_at for item in result.written] == sorted(MONTH_ENDS) + [TODAY]
    for month_end in MONTH_ENDS:
        assert council_rows(month_end)["child_protection_visits"][1] == 3
    assert FigureSnapshot.objects.filter(as_at=TODAY, team__isnull=True).count() == len(MEASURES)


def test_a_month_end_not_yet_kept_is_filled_in(council):
    figures_refresh(today=TODAY, months=1)
    result = figures_refresh(today=TODAY, months=3)
    assert [item.as_at for item in result.written] == [date(2025, 12, 31), date(2026, 1, 31), TODAY]


def test_the_next_day_replaces_the_previous_day_but_keeps_month_ends(council):
    figures_refresh(today=date(2026, 2, 27), months=1)
    result = figures_refresh(today=date(2026, 2, 28), months=1)  # a month end: kept when the next day comes
    assert result.removed_dates == [date(2026, 2, 27)]
    figures_refresh(today=date(2026, 3, 2), months=1)
    kept = sorted(FigureSnapshot.objects.order_by().values_list("as_at", flat=True).distinct())
    assert date(2026, 2, 27) not in kept
    assert kept == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 2)]
    figures_refresh(today=date(2026, 3, 3), months=1)
    kept = sorted(FigureSnapshot.objects.order_by().values_list("as_at", flat=True).distinct())
    assert kept == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 3)]
    assert set(FigureMember.objects.values_list("snapshot__as_at", flat=True)) == {date(2026, 3, 3)}


def test_a_failure_while_writing_a_date_leaves_its_earlier_figures_whole(council, monkeypatch):
    figures_refresh(today=TODAY, months=0)
    before = sorted(FigureSnapshot.objects.values_list("pk", "measure", "numerator", "denominator"))
    members = FigureMember.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(FigureMember.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        figures_refresh(today=TODAY, months=0)
    assert sorted(FigureSnapshot.objects.values_list("pk", "measure", "numerator", "denominator")) == before
    assert FigureMember.objects.count() == members


def test_the_daily_task_works_out_todays_figures(council):
    result = refresh_dashboard_figures()
    today = timezone.localdate()
    assert result["today"] == today.isoformat()
    assert result["dates"][-1] == today.isoformat()
    assert len(result["dates"]) == 13
    assert FigureSnapshot.objects.filter(as_at=today, team__isnull=True).count() == len(MEASURES)
    assert refresh_dashboard_figures.delay().get()["dates"] == [today.isoformat()]  # month ends already kept


def test_the_task_is_scheduled_each_morning_at_six():
    entry = next(entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
                 if entry["task"] == "inspection.dashboards.tasks.refresh_dashboard_figures")
    assert refresh_dashboard_figures.name == entry["task"]
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}


def test_the_command_says_what_it_wrote(council):
    out = StringIO()
    call_command("refresh_figures", "--today", "2026-03-18", "--months", "2", stdout=out)
    text = out.getvalue()
    assert "31 January 2026: " in text and "28 February 2026: " in text
    assert "18 March 2026: " in text and "children behind them" in text
    assert "Wrote the figures for 3 dates in" in text
    assert FigureSnapshot.objects.filter(as_at=TODAY, team__isnull=True).count() == len(MEASURES)

    out = StringIO()
    call_command("refresh_figures", "--today", "2026-03-18", "--months", "2", "--rebuild", stdout=out)
    assert "Wrote the figures for 3 dates in" in out.getvalue()


def test_the_command_refuses_a_negative_number_of_months():
    with pytest.raises(CommandError):
        call_command("refresh_figures", "--months", "-1")


def test_the_demo_council_has_twelve_months_of_figures_and_seeds_again_cleanly(monkeypatch):
    from django.db import connection

    from inspection.demo import seed

    options = {"children": 30, "seed": 5, "as_of": TODAY, "password": "demo-password-for-tests-only", "stdout": StringIO()}
    call_command("seed_demo", **options)
    dates = sorted(FigureSnapshot.objects.order_by().values_list("as_at", flat=True).distinct())
    assert dates == sorted(month_ends_before(TODAY, 12)) + [TODAY]
    assert FigureMember.objects.exists()

    def checked_first(**kwargs):
        connection.check_constraints()  # the reseeded council commits here: no figure may point at a removed child
        return figures_refresh(**kwargs)

    monkeypatch.setattr(seed, "figures_refresh", checked_first)
    call_command("seed_demo", replace=True, **options)
    assert FigureMember.objects.filter(snapshot__as_at=TODAY).count() == FigureMember.objects.count() > 0
