"""The dashboard pages: who may open each (sign-in, 403 for the wrong role), the managers' dashboard
with its filter, cards, trends and quality evidence; the children behind a figure scoped to the
user and logged; the members' dashboard with aggregates only (no child's name, ID or date of birth
anywhere on it); the targets page (read by managers, changed by senior managers, bad input shown
back with nothing saved); and the same number of queries at two sizes of every kind."""

import re
from datetime import date, timedelta
from html import unescape
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from actionplans.rules import Status
from actionplans.tests.plan_support import make_action, make_plan, make_recommendation
from cases.models import AccessLogEntry, Team
from inspection.dashboards import drilldown, quality
from inspection.dashboards.measures import MEASURES
from inspection.models import FigureSnapshot, FigureTarget
from judgements.grades import Grade
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, Source

from .test_dashboard_selectors import _targets_data, members_of, seed_figures, snapshot
from .test_evidence_selectors import audit, episode

pytestmark = pytest.mark.django_db

MANAGERS = reverse("dashboards:managers")
MEMBERS = reverse("dashboards:members")
TARGETS = reverse("dashboards:targets")
ASSESSMENTS = "assessments_in_timescale"


def figure_url(measure: str = ASSESSMENTS) -> str:
    return reverse("dashboards:figure", args=[measure])


def today() -> date:
    return timezone.localdate()


def month_ends_to_today(count: int = 13) -> list[date]:
    """Today (the nightly refresh) and the month ends before it."""
    latest = today()
    return [latest] + [latest - relativedelta(months=n, day=1) - timedelta(days=1) for n in range(count - 1)]


def signed_in(client, user):
    client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


def without_drawings(page: str) -> str:
    """The page without its SVG drawings, whose axes are labelled 0%, 25%, 50%, 75%, 100%."""
    return re.sub(r"<svg.*?</svg>", "", page, flags=re.S)


# --- Who may open each page ------------------------------------------------------------------------

@pytest.mark.parametrize("url", [MANAGERS, figure_url(), MEMBERS, TARGETS])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["practitioner", "administrator", "elected_member"])
@pytest.mark.parametrize("url", [MANAGERS, figure_url()])
def test_the_managers_pages_are_refused_to_other_roles(client, request, role, url):
    assert signed_in(client, request.getfixturevalue(role)).get(url).status_code == 403


@pytest.mark.parametrize("role", ["practitioner", "administrator"])
def test_the_members_dashboard_is_refused_to_practitioners_and_administrators(client, request, role):
    assert signed_in(client, request.getfixturevalue(role)).get(MEMBERS).status_code == 403


@pytest.mark.parametrize("role", ["practitioner", "administrator", "elected_member"])
def test_the_targets_are_refused_to_those_without_the_permission(client, request, role):
    assert signed_in(client, request.getfixturevalue(role)).get(TARGETS).status_code == 403


@pytest.mark.parametrize("role", ["team_manager", "auditor", "senior_manager", "elected_member"])
def test_the_members_dashboard_opens_for_managers_and_members(client, request, role):
    assert signed_in(client, request.getfixturevalue(role)).get(MEMBERS).status_code == 200


# --- The managers' dashboard ----------------------------------------------------------------------

def test_no_figures_yet_explains_they_are_worked_out_overnight(client, senior_manager):
    page = html(signed_in(client, senior_manager).get(MANAGERS))
    assert "No figures yet" in page
    assert "worked out overnight" in page


def test_a_team_manager_sees_their_own_teams_figures_by_default(client, team_manager, team_a, team_b, make_child):
    days = month_ends_to_today(3)
    seed_figures(days, [team_a, team_b])
    FigureSnapshot.objects.filter(team=team_a, as_at=days[0], measure=ASSESSMENTS).update(numerator=9, denominator=10)
    FigureSnapshot.objects.filter(team=None, as_at=days[0], measure=ASSESSMENTS).update(numerator=50, denominator=100)
    council = FigureSnapshot.objects.get(team=None, as_at=days[0], measure=ASSESSMENTS)
    members_of(council, [make_child(team_a) for _ in range(3)])
    members_of(council, [make_child(team_a)], met=True)
    members_of(council, [make_child(team_b) for _ in range(5)])
    response = signed_in(client, team_manager).get(MANAGERS)
    assert response.status_code == 200
    page = html(response)
    assert f'<option value="{team_a.pk}" selected>' in page
    assert "90%" in page and "On target" in page  # the team's 9 of 10, not the council's 50%
    # The link's count is the team figure's own (9 of 10 met): the list behind it is scoped to the user.
    assert "See the children behind this figure" in page and "(1 not meeting the standard)" in page
    assert f'{figure_url()}?team={team_a.pk}' in page
    assert reverse("caseload:team", args=[team_a.pk]) in page  # caseloads link to the caseload page
    assert "Help and protection" in page and "Quality: what audits found" in page
    assert "The last 12 months" in page and "<svg" in page and "Show the figures as a table" in page


def test_a_senior_manager_sees_the_council_and_can_choose_a_team_and_a_date(client, senior_manager, team_a):
    days = month_ends_to_today(3)
    seed_figures(days, [team_a])
    FigureSnapshot.objects.filter(team=None, as_at=days[1], measure=ASSESSMENTS).update(numerator=33, denominator=100)
    FigureSnapshot.objects.filter(team=team_a, as_at=days[0], measure=ASSESSMENTS).update(numerator=7, denominator=100)
    client = signed_in(client, senior_manager)
    page = html(client.get(MANAGERS))
    assert "The whole council" in page and f"{days[0]:%-d %B %Y} (latest)" in page
    assert "82%" in page  # the council's latest assessments figure: 80 + 2
    earlier = html(client.get(MANAGERS, {"team": "", "period": days[1].isoformat()}))
    assert "33%" in earlier and "Off target" in earlier
    team = html(client.get(MANAGERS, {"team": team_a.pk}))
    assert "7%" in team and team_a.name in team


def test_a_bad_filter_is_shown_back_and_the_default_figures_shown(client, senior_manager):
    seed_figures(month_ends_to_today(2))
    response = signed_in(client, senior_manager).get(MANAGERS, {"team": "999", "period": "1999-01-01"})
    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: Managers' dashboard" in page
    assert "Select a team from the list" in page and "Select a date from the list" in page
    assert "81%" in page  # the council's latest


def test_figures_older_than_two_days_say_when_they_were_worked_out(client, senior_manager):
    old = today() - timedelta(days=5)
    seed_figures([old])
    page = html(signed_in(client, senior_manager).get(MANAGERS))
    assert f"last worked out on {old:%-d %B %Y}" in page
    seed_figures([today()])
    assert "last worked out on" not in html(client.get(MANAGERS))


def test_the_childs_voice_beside_the_figures_headed_without_the_childs_name(
        client, senior_manager, auditor, team_a, make_child, audit_template):
    seed_figures(month_ends_to_today(2))
    child = make_child(team_a, first_name="Ottoline", last_name="Featherstonehaugh")
    episode(child, "child_protection", today() - timedelta(days=200), by=senior_manager)
    made = audit(child, audit_template, auditor, Grade.GOOD, today() - timedelta(days=10))
    made.domain_grades.create(domain=audit_template.domains.get(key=quality.VOICE_DOMAIN), grade=Grade.GOOD,
                              evidence="Said in her own words that she feels safer at home.")
    page = html(signed_in(client, senior_manager).get(MANAGERS))
    heading = f"Audit {made.pk}, completed {made.completed_at.date():%-d %B %Y}"
    assert heading in page and reverse("audits:audit_detail", args=[made.pk]) in page
    assert "feels safer at home" in page
    assert "Ottoline" not in page and "Featherstonehaugh" not in page


def test_the_evidence_kept_between_requests_is_never_out_of_date_nor_another_users(
        client, senior_manager, team_manager, auditor, team_a, team_b, make_child, audit_template):
    """The quality evidence and charts are rendered once and kept (fragments.py): a new audit or a new
    target shows at once, and a passage one user may read is never shown to another who may not."""
    seed_figures(month_ends_to_today(2))
    theirs = make_child(team_b)
    episode(theirs, "child_protection", today() - timedelta(days=200), by=senior_manager)
    made = audit(theirs, audit_template, auditor, Grade.GOOD, today() - timedelta(days=10))
    made.domain_grades.create(domain=audit_template.domains.get(key=quality.VOICE_DOMAIN), grade=Grade.GOOD,
                              evidence="Said the new worker listens to him.")
    senior = html(signed_in(client, senior_manager).get(MANAGERS, {"team": ""}))
    assert "1 of 1 audit (100%) graded good or better" in senior and "the new worker listens" in senior
    manager = html(signed_in(client, team_manager).get(MANAGERS, {"team": ""}))
    assert "1 of 1 audit (100%) graded good or better" in manager  # the grades count council-wide
    assert "the new worker listens" not in manager  # the passage is from another team's child
    mine = make_child(team_a)
    episode(mine, "child_protection", today() - timedelta(days=100), by=senior_manager)
    audit(mine, audit_template, auditor, Grade.INADEQUATE, today() - timedelta(days=2))
    FigureTarget.objects.create(measure=ASSESSMENTS, target=Decimal(97), tolerance=Decimal(2))
    again = html(client.get(MANAGERS, {"team": ""}))
    assert "1 of 2 audits (50%) graded good or better" in again
    assert "(target 97%)" in again and "(target 85%)" not in again


# --- The children behind a figure -----------------------------------------------------------------

@pytest.fixture
def counted(team_a, team_b, make_child):
    """The latest council-wide assessments figure: in team A two not in timescale and one in; in
    team B one not in timescale."""
    latest = snapshot(ASSESSMENTS, today(), 1, 4)
    late = [make_child(team_a, first_name="Late", last_name=f"Alpha{n}") for n in range(2)]
    members_of(latest, late, detail="Authorised 12 working days late")
    members_of(latest, [make_child(team_a, first_name="Prompt", last_name="Alpha")], met=True, detail="")
    members_of(latest, [make_child(team_b, first_name="Late", last_name="Bravo")], detail="Authorised 3 working days late")
    return latest


def test_the_children_not_meeting_the_standard_are_listed_and_the_view_logged(client, senior_manager, counted):
    response = signed_in(client, senior_manager).get(figure_url(), {"team": ""})
    page = html(response)
    assert response.status_code == 200
    assert "Alpha0" in page and "Alpha1" in page and "Bravo" in page and "Prompt" not in page
    assert "Authorised 12 working days late" in page
    child = counted.members.filter(met=False).first().child
    assert reverse("cases:child_detail", args=[child.pk]) in page
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.child) == (senior_manager, AccessLogEntry.Action.VIEWED_CHILD, None)
    assert "Assessments completed within 45 working days" in entry.detail and "3 children" in entry.detail
    everyone = html(client.get(figure_url(), {"team": "", "show": "all"}))
    assert "Prompt" in everyone
    assert AccessLogEntry.objects.count() == 2


def test_a_team_manager_never_sees_another_teams_children(client, team_manager, team_b, counted):
    client = signed_in(client, team_manager)
    own = html(client.get(figure_url()))
    assert "Alpha0" in own and "Bravo" not in own
    other = html(client.get(figure_url(), {"team": team_b.pk, "show": "all"}))
    assert "Bravo" not in other and "Alpha" not in other
    everyone = html(client.get(figure_url(), {"team": "", "show": "all"}))
    assert "Bravo" not in everyone and "Prompt" in everyone


@pytest.mark.parametrize("measure", ["no_such_figure", "caseload_per_worker"])
def test_an_unknown_figure_or_caseloads_is_not_found(client, senior_manager, measure):
    assert signed_in(client, senior_manager).get(figure_url(measure)).status_code == 404


def _listed(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-child="(\d+)"', page)]


def _link(page: str, rel: str) -> str:
    """The address of the next or previous page of the list, as the page links it."""
    found = re.search(rf'href="(\?[^"]*)" rel="{rel}"', page)
    assert found, f"no {rel} link"
    return figure_url() + unescape(found.group(1))


def test_fifty_children_a_page_not_meeting_the_standard_first_then_by_name(client, senior_manager, team_a, make_child):
    latest = snapshot(ASSESSMENTS, today(), 5, 60)
    late = [make_child(team_a, last_name=f"Late{n:02d}") for n in range(55)]
    prompt = [make_child(team_a, last_name=f"Early{n:02d}") for n in range(5)]  # by name they would come first
    members_of(latest, reversed(late))  # written out of order: the names give the order
    members_of(latest, prompt, met=True, detail="")
    client = signed_in(client, senior_manager)

    first = html(client.get(figure_url(), {"team": "", "show": "all"}))
    assert _listed(first) == [child.pk for child in late[:50]]
    assert "60 children counted, 50 on this page" in first and 'rel="prev"' not in first
    second = html(client.get(_link(first, "next")))
    assert _listed(second) == [child.pk for child in late[50:] + prompt]  # running on into those who met it
    assert 'rel="next"' not in second and "show=all" in _link(second, "prev")
    assert _listed(html(client.get(_link(second, "prev")))) == _listed(first)
    not_met = html(client.get(figure_url(), {"team": ""}))
    assert "55 children not meeting the standard, 50 on this page" in not_met
    assert _listed(html(client.get(_link(not_met, "next")))) == [child.pk for child in late[50:]]
    details = list(AccessLogEntry.objects.order_by("pk").values_list("detail", flat=True))
    assert details[0].endswith(
        f"all counted, first page (50 children, Child IDs {late[0].local_id} to {late[49].local_id})")
    assert details[1].endswith(
        f"a later page (10 children, Child IDs {late[50].local_id} to {prompt[-1].local_id})")


def test_a_long_list_is_counted_only_up_to_the_limit(client, senior_manager, team_a, make_child, monkeypatch):
    monkeypatch.setattr(drilldown, "COUNT_LIMIT", 3)
    latest = snapshot(ASSESSMENTS, today(), 0, 5)
    members_of(latest, [make_child(team_a) for _ in range(5)])
    client = signed_in(client, senior_manager)
    page = html(client.get(figure_url(), {"team": ""}))
    assert "More than 3 children not meeting the standard" in page and len(_listed(page)) == 5
    assert "Choose a team to narrow the list" in page
    exactly = html(client.get(figure_url(), {"team": "", "show": "all"}))
    assert "More than 3 children counted" in exactly
    monkeypatch.setattr(drilldown, "COUNT_LIMIT", 5)
    assert "5 children not meeting the standard" in html(client.get(figure_url(), {"team": team_a.pk}))


def test_a_cursor_for_a_child_out_of_scope_shows_the_first_page(client, team_manager, team_a, team_b, make_child):
    latest = snapshot(ASSESSMENTS, today(), 0, 2)
    members_of(latest, [make_child(team_a, last_name="Mine"), make_child(team_b, last_name="Aardvark")])
    theirs = latest.members.get(child__team=team_b)
    page = html(signed_in(client, team_manager).get(figure_url(), {"after": theirs.pk}))
    assert "Mine" in page and "Aardvark" not in page and 'rel="prev"' not in page


def test_no_figure_yet_behind_the_list(client, senior_manager):
    page = html(signed_in(client, senior_manager).get(figure_url()))
    assert "No figures yet" in page
    assert not AccessLogEntry.objects.exists()


# --- The members' dashboard -----------------------------------------------------------------------

def test_members_see_council_figures_with_small_numbers_suppressed(client, elected_member, senior_manager, team_a):
    days = month_ends_to_today(3)
    seed_figures(days, [team_a])
    FigureSnapshot.objects.filter(team=None, as_at=days[0], measure=ASSESSMENTS).update(numerator=3, denominator=4)
    FigureSnapshot.objects.filter(team=None, as_at=days[0], measure="repeat_referrals").update(numerator=3, denominator=1204)
    page = html(signed_in(client, elected_member).get(MEMBERS))
    assert "not shown (fewer than 5 children)" in page
    assert "Counted: fewer than 5 assessments authorised" in page
    assert "Counted: 1,204 referrals in the 12 months" in page
    assert "75%" not in without_drawings(page)  # the 3 of 4, neither on the card nor in a chart's table
    assert reverse("dashboards:figure", args=[ASSESSMENTS]) not in page
    assert "See the" not in page and team_a.name not in page


def test_members_see_the_latest_ofsted_judgements_and_action_plan_totals(client, elected_member, senior_manager):
    framework = Framework.objects.get(code="ilacs_2023")
    older = JudgementSet.objects.create(framework=framework, source=Source.OFSTED, title="ILACS 2023 inspection",
                                        judged_on=date(2023, 6, 1), created_by=senior_manager)
    latest = JudgementSet.objects.create(framework=framework, source=Source.OFSTED, title="ILACS 2025 inspection",
                                         judged_on=date(2025, 6, 1), created_by=senior_manager)
    JudgementSet.objects.create(framework=framework, source=Source.MOCK, title="Mock 2026", judged_on=date(2026, 1, 1),
                                created_by=senior_manager)
    for judgement_set, grade in ((older, Grade.INADEQUATE), (latest, Grade.GOOD)):
        Judgement.objects.create(judgement_set=judgement_set, area=JudgementArea.objects.get(framework=framework, code="overall"),
                                 grade=grade)
    plan = make_plan(senior_manager)
    recommendation = make_recommendation(plan)
    make_action(recommendation, senior_manager, target=today() + timedelta(days=30))
    make_action(recommendation, senior_manager, target=today() - timedelta(days=1))  # overdue: off track
    make_action(recommendation, senior_manager, status=Status.COMPLETE)
    page = html(signed_in(client, elected_member).get(MEMBERS))
    assert "ILACS 2025 inspection" in page and "ILACS 2023 inspection" not in page and "Mock 2026" not in page
    assert "Good" in page
    assert plan.title in page and "Every plan" in page
    assert '<strong class="govuk-tag govuk-tag--red">1</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--green">1</strong>' in page


def test_members_read_committee_reports_through_a_link_when_they_exist(client, elected_member):
    page = html(signed_in(client, elected_member).get(MEMBERS))
    try:
        url = reverse("committee:list")
    except NoReverseMatch:
        assert "reports to committee" not in page
    else:
        assert url in page


# Children seeded with names, IDs and birthdays found nowhere else on the page.
DISTINCTIVE = [
    ("Zebedee", "Quintrell-Marsh", "ZQM48213", date(2014, 3, 5)),
    ("Persephone", "Vandersloot", "PV771904", date(2011, 11, 23)),
    ("Ignatius", "Oyelaran-Beck", "IOB305517", date(2019, 7, 14)),
]


def _formats(day: date) -> list[str]:
    return [day.isoformat(), f"{day:%-d %B %Y}", f"{day:%d/%m/%Y}", f"{day:%-d/%-m/%Y}", f"{day:%-d %b %Y}",
            f"{day:%d %B %Y}", f"{day:%d-%m-%Y}", f"{day:%B %-d, %Y}"]


def test_no_members_page_contains_any_childs_name_id_or_date_of_birth(
        client, elected_member, senior_manager, auditor, team_a, make_child, audit_template):
    days = month_ends_to_today(13)
    seed_figures(days, [team_a])
    children = [make_child(team_a, first_name=first, last_name=last, local_id=local_id, date_of_birth=born)
                for first, last, local_id, born in DISTINCTIVE]
    for measure in MEASURES:
        latest = FigureSnapshot.objects.get(team=None, as_at=days[0], measure=measure.key)
        members_of(latest, children[:2], detail=f"{children[0].first_name}: visit overdue")
        members_of(latest, children[2:], met=True)
    for child in children:
        episode(child, "looked_after", today() - timedelta(days=400), by=senior_manager)
        made = audit(child, audit_template, auditor, Grade.REQUIRES_IMPROVEMENT, today() - timedelta(days=20))
        made.domain_grades.create(domain=audit_template.domains.get(key=quality.VOICE_DOMAIN), grade=Grade.GOOD,
                                  evidence="The child's views were recorded at each visit and shaped the plan.")
    plan = make_plan(senior_manager)
    make_action(make_recommendation(plan), senior_manager)
    client = signed_in(client, elected_member)
    pages = [html(client.get(MEMBERS))]
    try:
        pages.append(html(client.get(reverse("committee:list"))))
    except NoReverseMatch:
        pass
    for page in pages:
        assert "Figures as at" in page or "committee" in page.lower()
        for first, last, local_id, born in DISTINCTIVE:
            for text in (first, last, local_id, *_formats(born)):
                assert text not in page, f"{text!r} is on a members' page"
    # The same children are on the managers' list, so the test could fail.
    manager_page = html(signed_in(client, senior_manager).get(figure_url("looked_after_reviews"), {"team": ""}))
    assert "Zebedee" in manager_page and "ZQM48213" in manager_page


# --- Targets --------------------------------------------------------------------------------------

def test_a_team_manager_reads_the_targets_but_may_not_change_them(client, team_manager):
    client = signed_in(client, team_manager)
    page = html(client.get(TARGETS))
    assert "Assessments completed within 45 working days" in page and "Save targets" not in page
    response = client.post(TARGETS, _targets_data(assessments_in_timescale_target="50"))
    assert response.status_code == 403
    assert not FigureTarget.objects.exists()


def test_a_senior_manager_changes_a_target(client, senior_manager):
    client = signed_in(client, senior_manager)
    page = html(client.get(TARGETS))
    assert 'name="assessments_in_timescale_target"' in page and 'value="85"' in page
    response = client.post(TARGETS, _targets_data(assessments_in_timescale_target="88", caseload_per_worker_tolerance="2"),
                           follow=True)
    assert response.redirect_chain == [(TARGETS, 302)]
    assert "Targets saved. Changed: assessments completed within 45 working days, average caseload per social worker." in html(response)
    assert FigureTarget.objects.get(measure=ASSESSMENTS).target == Decimal(88)
    assert FigureTarget.objects.get(measure="caseload_per_worker").updated_by == senior_manager


def test_bad_targets_are_shown_back_and_nothing_is_saved(client, senior_manager):
    response = signed_in(client, senior_manager).post(
        TARGETS, _targets_data(assessments_in_timescale_target="120", repeat_referrals_target="23",
                               health_assessments_tolerance="-2"))
    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: Targets" in page
    assert "The target for assessments completed within 45 working days must be 100 or less" in page
    assert "The amber range for health assessments in date must be 0 or more" in page
    assert 'value="120"' in page
    assert not FigureTarget.objects.exists()  # not even the valid change to re-referrals


# --- The same number of queries whatever the size -------------------------------------------------

def _teams(count: int) -> list[Team]:
    return [Team.objects.create(name=f"Team {n:02d}") for n in range(count)]


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _grow(days, teams, make_child, auditor, by, template, *, children: int, audits: int):
    latest = FigureSnapshot.objects.get(team=None, as_at=days[0], measure=ASSESSMENTS)
    made = [make_child(teams[n % 2]) for n in range(children)]
    members_of(latest, made)
    for child in made[:audits]:
        episode(child, "child_protection", today() - timedelta(days=300), by=by)
        graded = audit(child, template, auditor, Grade.GOOD, today() - timedelta(days=30))
        graded.domain_grades.create(domain=template.domains.get(key=quality.VOICE_DOMAIN), grade=Grade.GOOD,
                                    evidence="Views recorded.")


@pytest.mark.parametrize("role", ["senior_manager", "team_manager"])
def test_the_managers_dashboard_runs_the_same_queries_at_two_sizes(
        client, request, role, make_child, auditor, senior_manager, team_a, audit_template):
    user = request.getfixturevalue(role)
    teams = [team_a, *_teams(19)]
    days = month_ends_to_today(13)
    seed_figures(days, teams[:2])
    _grow(days, teams, make_child, auditor, senior_manager, audit_template, children=10, audits=3)
    client = signed_in(client, user)
    few = _queries(client, MANAGERS, {"team": team_a.pk})
    seed_figures(days, teams[2:], council=False)
    _grow(days, teams, make_child, auditor, senior_manager, audit_template, children=190, audits=27)
    many = _queries(client, MANAGERS, {"team": team_a.pk})
    assert few == many
    assert many < 20
    assert _queries(client, MANAGERS, {"team": ""}) <= many


def test_the_drill_down_runs_the_same_queries_for_ten_children_and_two_hundred(
        client, team_manager, make_child, team_a):
    latest = snapshot(ASSESSMENTS, today(), 0, 10)
    members_of(latest, [make_child(team_a) for _ in range(10)])
    members_of(latest, [make_child(team_a) for _ in range(3)], met=True, detail="")
    client = signed_in(client, team_manager)
    cursor = latest.members.order_by(*drilldown.LIST_ORDER).first().pk

    def counted() -> list[int]:
        return [_queries(client, figure_url()), _queries(client, figure_url(), {"show": "all"}),
                _queries(client, figure_url(), {"show": "all", "after": cursor}),
                _queries(client, figure_url(), {"show": "all", "before": cursor})]

    few = counted()
    members_of(latest, [make_child(team_a) for _ in range(190)])
    members_of(latest, [make_child(team_a) for _ in range(60)], met=True, detail="")
    assert counted() == few
    assert max(few) < 20


def test_the_members_dashboard_runs_the_same_queries_at_two_sizes(client, elected_member, make_child, team_a):
    teams = [team_a, *_teams(19)]
    days = month_ends_to_today(13)
    seed_figures(days, teams[:2])
    latest = FigureSnapshot.objects.get(team=None, as_at=days[0], measure=ASSESSMENTS)
    members_of(latest, [make_child(team_a) for _ in range(10)])
    client = signed_in(client, elected_member)
    few = _queries(client, MEMBERS)
    seed_figures(days, teams[2:], council=False)
    members_of(latest, [make_child(team_a) for _ in range(190)])
    assert _queries(client, MEMBERS) == few
