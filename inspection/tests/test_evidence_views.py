"""The evidence and national comparison pages: who may see them, what they show (aggregates only
for elected members: never a child's name, ID or date of birth, and no links to audits), a
refused framework choice, and the same number of queries for a small and a larger council."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.codes import InTouch
from inspection.models import CaseAudit
from judgements.grades import Grade
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, Source
from inspection.tests.test_evidence_selectors import audit, build_council, episode, event, moderate

pytestmark = pytest.mark.django_db

EVIDENCE = reverse("evidence:overview")
NATIONAL = reverse("evidence:national")
HELP = reverse("evidence:area", args=["ilacs_2023", "help_protection"])
LEADERS = reverse("evidence:area", args=["ilacs_2023", "leaders"])
PAGES = [EVIDENCE, NATIONAL, HELP, LEADERS]


@pytest.fixture
def council(make_child, team_a, team_b, senior_manager, auditor, audit_template):
    """Children with recognisable identities, recent audits of each, and an Ofsted judgement set."""
    today = timezone.localdate()
    by = senior_manager
    amira = make_child(team_a, first_name="Amira", last_name="Zephyrine", local_id="ZX-4471", date_of_birth=date(2016, 2, 29))
    plan = episode(amira, "child_protection", today - timedelta(days=200), by=by)
    event(amira, "visit", today - timedelta(days=1), by=by, episode=plan)
    jonah = make_child(team_b, first_name="Jonah", last_name="Quillfeather", local_id="QF-9902", date_of_birth=date(2007, 7, 7))
    episode(jonah, "care_leaver", today - timedelta(days=300), by=by, in_touch=InTouch.YES)
    weak = audit(amira, audit_template, auditor, Grade.REQUIRES_IMPROVEMENT, today - timedelta(days=10), oversight=Grade.INADEQUATE)
    moderated = moderate(audit(jonah, audit_template, auditor, Grade.GOOD, today - timedelta(days=20)), senior_manager,
                         Grade.INADEQUATE)
    framework = Framework.objects.get(code="ilacs_2023")
    ofsted = JudgementSet.objects.create(framework=framework, source=Source.OFSTED, title="ILACS standard inspection",
                                         judged_on=date(2024, 3, 1), created_by=senior_manager)
    for area in framework.areas.all():
        Judgement.objects.create(judgement_set=ofsted, area=area, grade=Grade.GOOD)
    return {"amira": amira, "jonah": jonah, "weak": weak, "moderated": moderated, "ofsted": ofsted}


CHILD_DETAILS = ["Amira", "Zephyrine", "ZX-4471", "29 Feb 2016", "29 February 2016", "2016-02-29",
                 "Jonah", "Quillfeather", "QF-9902", "7 July 2007", "2007-07-07"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("who", ["practitioner", "administrator"])
def test_roles_without_judgements_are_refused(client, request, url, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_elected_members_see_aggregates_and_never_a_child_or_a_link_to_an_audit(client, elected_member, council, url):
    client.force_login(elected_member)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for detail in CHILD_DETAILS:
        assert detail not in page, detail
    assert "/audits/" not in page
    assert "/children/" not in page


def test_the_evidence_page_shows_each_area_of_the_framework_chosen(client, senior_manager, council):
    client.force_login(senior_manager)
    response = client.get(EVIDENCE, {"framework": "ilacs_2023"})
    assert response.status_code == 200
    rows = {row["area"].code: row for row in response.context["rows"]}
    assert list(rows) == ["overall", "leaders", "help_protection", "in_care", "care_leavers"]
    assert rows["help_protection"]["audits"].grades.counts == (0, 0, 1, 0)
    assert rows["care_leavers"]["audits"].grades.counts == (0, 0, 0, 1)
    assert rows["leaders"]["audits"].grades.total == 2
    ofsted = {entry.source: entry.judgement for entry in rows["leaders"]["latest"]}[Source.OFSTED]
    assert ofsted.judgement_set == council["ofsted"]
    page = response.content.decode()
    assert reverse("evidence:area", args=["ilacs_2023", "care_leavers"]) in page
    assert reverse("judgements:set_detail", args=[council["ofsted"].pk]) in page


def test_the_evidence_page_starts_at_the_framework_in_force_today(client, senior_manager):
    client.force_login(senior_manager)
    response = client.get(EVIDENCE)
    today = timezone.localdate()
    in_force = Framework.objects.filter(in_force_from__lte=today).order_by("-in_force_from").first()
    assert response.context["framework"] == in_force
    assert "in force today" in response.content.decode()


def test_a_framework_that_does_not_exist_is_refused_with_a_message(client, senior_manager):
    client.force_login(senior_manager)
    response = client.get(EVIDENCE, {"framework": "ofsted_1992"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a framework from the list" in page
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page


def test_the_area_page_shows_audits_timescales_and_latest_grades(client, auditor, council):
    client.force_login(auditor)
    response = client.get(HELP)
    assert response.status_code == 200
    assert response.context["audits"].grades.counts == (0, 0, 1, 0)
    [group] = response.context["groups"]
    visits = {measure.rule: (measure.met, measure.total) for measure in group.measures}
    assert visits["child_protection_visit_due"] == (1, 1)
    page = response.content.decode()
    assert "0 of 1 audit (0%) graded good or better" in page
    assert reverse("audits:audit_detail", args=[council["weak"].pk]) in page
    assert reverse("judgements:set_detail", args=[council["ofsted"].pk]) in page


def test_the_leaders_page_shows_the_oversight_domain_and_audits_to_read_in_scope(client, team_manager, council):
    client.force_login(team_manager)
    response = client.get(LEADERS)
    assert response.context["audits"].oversight.counts == (0, 0, 0, 1)
    assert [group.key for group in response.context["groups"]] == ["leaders"]
    page = response.content.decode()
    assert "Management oversight and supervision (audit domain)" in page
    # The team manager sees team A's child (Amira) but not team B's (Jonah).
    assert reverse("audits:audit_detail", args=[council["weak"].pk]) in page
    assert reverse("audits:audit_detail", args=[council["moderated"].pk]) not in page


@pytest.mark.parametrize("framework", ["sif_2013", "ilacs_2018", "ilacs_2023", "ilacs_2026"])
def test_every_framework_and_each_of_its_areas_can_be_read(client, senior_manager, council, framework):
    client.force_login(senior_manager)
    response = client.get(EVIDENCE, {"framework": framework})
    assert response.context["framework"].code == framework
    for row in response.context["rows"]:
        assert client.get(reverse("evidence:area", args=[framework, row["area"].code])).status_code == 200


def test_an_area_a_framework_does_not_judge_is_not_found(client, senior_manager):
    client.force_login(senior_manager)
    assert client.get(reverse("evidence:area", args=["ilacs_2023", "adoption"])).status_code == 404
    assert client.get(reverse("evidence:area", args=["sif_2013", "lscb"])).status_code == 200


def test_the_national_page_shows_the_distribution_its_source_and_where_we_sit(client, senior_manager):
    sif = Framework.objects.get(code="sif_2013")
    ours = JudgementSet.objects.create(framework=sif, source=Source.OFSTED, title="SIF inspection 2017",
                                       judged_on=date(2017, 12, 8), created_by=senior_manager)
    Judgement.objects.create(judgement_set=ours, area=JudgementArea.objects.get(framework=sif, code="overall"),
                             grade=Grade.REQUIRES_IMPROVEMENT)
    client.force_login(senior_manager)
    page = client.get(NATIONAL).content.decode()
    assert "Our latest Ofsted judgement: requires improvement, like 45% of councils; 36% were judged better." in page
    assert "https://www.cypnow.co.uk/" in page
    assert "152 councils" in page
    assert "68 (45%)" in page


def test_the_national_page_says_when_no_ofsted_judgement_is_recorded(client, elected_member):
    client.force_login(elected_member)
    page = client.get(NATIONAL).content.decode()
    assert "No Ofsted judgement of ours is recorded for this area" in page


# Measured with an auditor signed in, the same for 2 and 12 children at each stage: the overall
# area page 24 (the audit facts 4 and every timescale figure 15 among them), the evidence page 13,
# the national comparison 8.
PAGE_QUERIES = [
    (reverse("evidence:area", args=["ilacs_2023", "overall"]), 24),
    (EVIDENCE + "?framework=ilacs_2023", 13),
    (NATIONAL, 8),
]


@pytest.mark.parametrize("url, budget", PAGE_QUERIES)
@pytest.mark.parametrize("how_many", [2, 12])
def test_the_pages_take_the_same_number_of_queries_however_many_records(
    how_many, url, budget, client, auditor, make_child, team_a, team_b, senior_manager, audit_template,
    django_assert_max_num_queries,
):
    build_council(how_many, make_child=make_child, teams=(team_a, team_b), by=senior_manager, auditor=auditor,
                  template=audit_template)
    CaseAudit.objects.update(completed_at=timezone.now() - timedelta(days=3))
    client.force_login(auditor)
    client.get(url)  # council settings are created on first use
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    if "audits" in response.context:
        assert response.context["audits"].grades.total == 3 * how_many


def test_the_national_page_names_the_frameworks_it_has_no_figures_for(client, senior_manager):
    client.force_login(senior_manager)
    page = client.get(NATIONAL).content.decode()
    assert "has been recorded from a published source for ILACS 2018, ILACS 2023 or ILACS 2026." in page
