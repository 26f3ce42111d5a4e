"""The demo council's inspection history and readiness work (inspection/demo/readiness/, called by
seed_demo): inspections with their judgement sets, a self-assessment, action plans and a
self-evaluation, so every page has something to show; the same for the same seed and date;
replaced without duplicates; and still no child's identity for an elected member."""

import random
import re
from datetime import date
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import Action, ActionPlan, PlanSource, ProgressUpdate, Recommendation
from actionplans.rules import Status, effective_status
from cases.models import Child
from cases.working_days import add_working_days
from inspection.demo.readiness import clear_readiness, seed_readiness
from inspection.models import Finding, Inspection, InspectionKind, SelfEvaluation, SelfEvaluationVersion
from inspection.selectors import last_graded_inspection
from judgements.frameworks import FRAMEWORKS
from judgements.models import Indicator, JudgementSet, SelfAssessment, Shortfall, Source
from judgements.sets.selectors import framework_in_force, rule_check

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 15)
PASSWORD = "demo-password-for-tests"
DEMO_OWNERS = {"team.manager", "auditor", "senior.manager"}


def seed(**options) -> None:
    defaults = {"children": 40, "seed": 3, "as_of": AS_OF, "password": PASSWORD, "stdout": StringIO()}
    call_command("seed_demo", **{**defaults, **options})


@pytest.fixture
def today(monkeypatch):
    """The pages reckon from today: make today the seed's as-of date."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: AS_OF)
    return AS_OF


@pytest.fixture
def seeded(audit_template, today):
    seed()


def login(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def last_ilacs() -> Inspection:
    return Inspection.objects.get(kind=InspectionKind.ILACS_STANDARD)


def inspection_plan() -> ActionPlan:
    return ActionPlan.objects.get(source=PlanSource.INSPECTION)


def records() -> list:
    """What the seed makes, without primary keys or the moments rows were written."""
    return [
        list(Inspection.objects.order_by("on_site_from").values_list(
            "kind", "title", "notified_on", "on_site_from", "on_site_to", "feedback_on", "draft_report_on",
            "published_on", "overall_grade", "judgement_set__title")),
        list(JudgementSet.objects.order_by("judged_on", "title").values_list(
            "framework__code", "source", "title", "judged_on", "summary")),
        sorted((judgement_set.title, sorted(judgement_set.grades().items(), key=str))
               for judgement_set in JudgementSet.objects.prefetch_related("judgements__area")),
        list(SelfAssessment.objects.values_list("title", "framework__code", "versions__number", "versions__proposed",
                                                "versions__saved_at").order_by("versions__number")),
        list(Shortfall.objects.order_by("version__number", "indicator__text").values_list(
            "version__number", "indicator__text", "grade", "evidence")),
        list(ActionPlan.objects.order_by("title").values_list(
            "title", "source", "published_on", "final_due", "submitted_on", "approved_on", "approved_by")),
        list(Recommendation.objects.order_by("plan__title", "number").values_list("plan__title", "number", "area", "text")),
        list(Action.objects.order_by("recommendation__plan__title", "recommendation__number", "description").values_list(
            "description", "owner__username", "owner_role", "start_date", "target_date", "status", "completed_on",
            "evidence_of_impact", "origin_type__model")),
        list(ProgressUpdate.objects.order_by("action__description", "date").values_list(
            "action__description", "date", "status", "note", "author__username")),
        list(SelfEvaluationVersion.objects.order_by("number").values_list("number", "plans", "saved_at")),
    ]


# --- what a senior manager sees ----------------------------------------------------------------


def test_the_home_page_shows_the_published_inspection_and_the_senior_managers_actions_due_and_overdue(client, seeded):
    login(client, "senior.manager")
    page = client.get("/").content.decode()
    assert "No published inspection is recorded yet" not in page
    assert "An ILACS standard inspection (two weeks on site) expected around" in page
    assert re.search(r"Of the actions you own, <strong>\d+ (is|are) overdue</strong> and \d+ (is|are) due within 10 "
                     r"working days", page)
    assert "None of the actions you own is overdue" not in page
    last = last_graded_inspection()
    assert last == last_ilacs() and last.overall_grade == 3


def test_the_readiness_judgements_action_plans_and_self_assessment_pages_have_the_seeded_records(client, seeded):
    login(client, "senior.manager")
    readiness = client.get("/inspections/readiness/").content.decode()
    assert "No self-evaluation has been written" not in readiness and "No action plan has been recorded" not in readiness
    assert "actions off track or overdue" in readiness
    judgements = client.get("/judgements/").content.decode()
    for judgement_set in JudgementSet.objects.all():
        assert judgement_set.title in judgements
    plans = client.get("/action-plans/").content.decode()
    assert all(plan.title.replace("'", "&#x27;") in plans for plan in ActionPlan.objects.all())
    assessment = SelfAssessment.objects.get()
    assert assessment.title in client.get("/judgements/self-assessment/").content.decode()
    assert client.get(f"/judgements/self-assessment/{assessment.pk}/").status_code == 200


# --- inspections and judgements ----------------------------------------------------------------


def test_the_inspection_history_is_dated_from_the_as_of_date(seeded):
    last = last_ilacs()
    assert abs((last.on_site_from - (AS_OF - relativedelta(years=2, months=9))).days) <= 21
    assert last.on_site_from.weekday() in (0, 1) and last.overall_grade == 3
    assert 35 <= (last.published_on - last.on_site_to).days <= 50  # about six weeks after inspectors left
    assert last.judgement_set.source == Source.OFSTED and last.judgement_set.judged_on == last.published_on
    visit = Inspection.objects.get(kind=InspectionKind.FOCUSED_VISIT)
    assert abs((visit.on_site_from - (AS_OF - relativedelta(years=1))).days) <= 21
    assert visit.overall_grade is None and visit.judgement_set is None
    sif = Inspection.objects.get(kind=InspectionKind.SIF)
    assert sif.on_site_from.year == 2016 and sif.overall_grade == 3
    assert sif.judgement_set.grades()["lscb"] == 3
    mock = Inspection.objects.get(kind=InspectionKind.MOCK)
    assert abs((mock.on_site_from - (AS_OF - relativedelta(months=3))).days) <= 14
    assert mock.judgement_set.source == Source.MOCK and mock.published_on is None


@pytest.mark.parametrize("as_of", [date(2022, 6, 1), AS_OF, date(2026, 11, 29)])
def test_every_judgement_set_follows_the_limiting_rules_of_the_framework_in_force(audit_template, as_of):
    seed(children=20, as_of=as_of)
    assert JudgementSet.objects.count() == 3
    for inspection in Inspection.objects.exclude(kind=InspectionKind.FOCUSED_VISIT).select_related("judgement_set"):
        judgement_set = inspection.judgement_set
        assert rule_check(judgement_set) is None and judgement_set.override_reason == ""
        assert judgement_set.framework.code == framework_in_force(inspection.on_site_from)
        grades = judgement_set.grades()
        assert set(grades) == {area.code for area in FRAMEWORKS[judgement_set.framework.code].areas}
        assert grades.get("overall", 3) == 3 and grades["help_protection"] == 3
    expected = {date(2022, 6, 1): "ilacs_2018", AS_OF: "ilacs_2023", date(2026, 11, 29): "ilacs_2023"}[as_of]
    assert last_ilacs().judgement_set.framework.code == expected


def test_nothing_is_seeded_before_ilacs_could_have_inspected_the_council(audit_template):
    seed(children=10, as_of=date(2019, 6, 1))
    assert not Inspection.objects.exists() and not ActionPlan.objects.exists()


# --- the self-assessment and the self-evaluation -------------------------------------------------


def test_the_self_assessment_scores_most_indicators_in_two_versions_with_shortfalls(seeded):
    assessment = SelfAssessment.objects.get()
    assert assessment.framework.code == framework_in_force(AS_OF)
    first, second = assessment.versions.order_by("number")
    indicators = Indicator.objects.filter(area__framework=assessment.framework, active=True).count()
    for version in (first, second):
        scored = version.scores.filter(grade__isnull=False)
        assert scored.count() >= 0.9 * indicators
        assert not scored.filter(evidence="").exists()
        assert {"high", "medium"} <= set(scored.values_list("confidence", flat=True))
    proposed = {code: proposal["grade"] for code, proposal in second.proposed.items()}
    assert proposed["help_protection"] == 3 and list(proposed.values()).count(2) >= 2
    assert second.shortfalls.filter(area__code="help_protection").count() >= 2
    assert first.saved_at.date() < second.saved_at.date() < AS_OF


def test_the_self_evaluation_has_two_versions_dated_before_the_as_of_date(seeded):
    evaluation = SelfEvaluation.objects.get()
    first, second = evaluation.versions.order_by("number")
    assert first.saved_at.date() < second.saved_at.date() < AS_OF
    assert second.figures["as_at"] == second.saved_at.date().isoformat()
    assert second.audit_samples.exists() and first.plans != second.plans


def test_a_self_evaluation_the_council_already_has_is_left_alone(audit_template, senior_manager):
    own = SelfEvaluation.objects.create(title="Our own self-evaluation", created_by=senior_manager)
    seed(children=10)
    assert list(SelfEvaluation.objects.all()) == [own]
    assert Inspection.objects.exists()  # the rest is seeded all the same


# --- action plans ------------------------------------------------------------------------------


def test_the_inspection_plan_is_due_70_working_days_after_publication_and_was_sent_in_time(seeded):
    plan, last = inspection_plan(), last_ilacs()
    assert plan.raised_by == last and plan.published_on == last.published_on
    assert plan.final_due == add_working_days(last.published_on, 70)
    assert last.published_on < plan.approved_on <= plan.submitted_on <= plan.final_due
    assert plan.approved_by == "Cabinet"


def test_the_inspection_plan_has_four_recommendations_with_owned_actions_in_every_state(seeded):
    plan = inspection_plan()
    framework_codes = {area.code for area in FRAMEWORKS[last_ilacs().judgement_set.framework.code].areas}
    recommendations = list(plan.recommendations.all())
    assert len(recommendations) == 4 and {r.area for r in recommendations} <= framework_codes
    actions = list(Action.objects.filter(recommendation__plan=plan).select_related("owner"))
    assert all(2 <= recommendation.actions.count() <= 3 for recommendation in recommendations)
    assert {action.owner.username for action in actions if action.owner} == DEMO_OWNERS
    partner = [action for action in actions if action.owner is None]
    assert len(partner) == 1 and partner[0].lead_agency and partner[0].owner_role
    statuses = [effective_status(action.status, action.target_date, AS_OF) for action in actions]
    assert {Status.COMPLETE, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK} <= set(statuses)
    overdue = [action for action in actions if action.status != Status.COMPLETE and action.target_date < AS_OF]
    assert 1 <= len(overdue) <= 2
    for action in actions:
        if action.status == Status.COMPLETE:
            assert action.evidence_of_impact and action.completed_on <= AS_OF
            assert action.updates.get().status == Status.COMPLETE
    assert ProgressUpdate.objects.filter(action__recommendation__plan=plan).count() >= 6
    assert not ProgressUpdate.objects.filter(date__gt=AS_OF).exists()


def test_the_smaller_plans_answer_the_self_assessments_shortfalls_and_the_mock_audits_findings(seeded):
    shortfall_plan = ActionPlan.objects.get(source=PlanSource.SELF_ASSESSMENT)
    latest = SelfAssessment.objects.get().versions.order_by("-number").first()
    assert shortfall_plan.raised_by == latest
    actions = Action.objects.filter(recommendation__plan=shortfall_plan)
    assert actions.count() >= 2
    assert all(isinstance(action.origin, Shortfall) and action.origin.version == latest for action in actions)
    audit_plan = ActionPlan.objects.get(source=PlanSource.AUDIT)
    actions = Action.objects.filter(recommendation__plan=audit_plan)
    assert actions.count() == 3
    assert all(isinstance(action.origin, Finding) and action.origin.audit.member.sample == audit_plan.raised_by
               for action in actions)
    assert len({action.origin.domain_id for action in actions}) == 3


# --- the same every time, replaced cleanly, and quick -------------------------------------------


def test_the_same_seed_and_date_give_the_same_records_and_another_seed_moves_them(audit_template, today):
    seed()
    first = records()
    assert all(first)
    seed(replace=True)
    assert records() == first
    seed(replace=True, seed=4)
    assert records()[0] != first[0]  # the inspections' dates move with the seed


def test_replace_clears_and_seeds_again_without_duplicates_and_a_second_seed_adds_nothing(audit_template, today):
    models = (Inspection, JudgementSet, SelfAssessment, ActionPlan, Action, ProgressUpdate, SelfEvaluation)
    seed()
    counts = [model.objects.count() for model in models]
    histories = [model.history.count() for model in (Inspection, JudgementSet, ActionPlan, Action)]
    seed(replace=True)
    seed()
    assert [model.objects.count() for model in models] == counts
    assert counts[:4] == [4, 3, 1, 3]
    # No history is left from the rows replaced.
    assert [model.history.count() for model in (Inspection, JudgementSet, ActionPlan, Action)] == histories


def test_the_readiness_seed_makes_as_many_queries_however_many_children_there_are(audit_template, today):
    made = []
    for children, replace in ((40, False), (120, True)):
        seed(children=children, replace=replace)
        assert Child.objects.count() == children
        clear_readiness()
        with CaptureQueriesContext(connection) as queries:
            seed_readiness(rng=random.Random(7), as_of=AS_OF)
        made.append(len(queries))
    assert made[0] == made[1]


# --- elected members ---------------------------------------------------------------------------


def test_an_elected_member_sees_the_seeded_records_but_no_childs_identity(client, seeded):
    login(client, "councillor")
    paths = ["/", "/inspections/", "/inspections/readiness/", "/judgements/", "/action-plans/",
             "/action-plans/actions/", "/self-evaluation/"]
    paths += [f"/inspections/{pk}/" for pk in Inspection.objects.values_list("pk", flat=True)]
    paths += [f"/judgements/{pk}/" for pk in JudgementSet.objects.values_list("pk", flat=True)]
    paths += [f"/action-plans/{pk}/" for pk in ActionPlan.objects.values_list("pk", flat=True)]
    paths += [f"/action-plans/actions/{pk}/" for pk in Action.objects.values_list("pk", flat=True)]
    evaluation = SelfEvaluation.objects.get()
    paths += [f"/self-evaluation/{evaluation.pk}/", f"/self-evaluation/{evaluation.pk}/compare/?from=1&to=2"]
    children = list(Child.objects.values_list("first_name", "last_name", "local_id"))
    assert children
    opened = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 403), path
        if response.status_code != 200:
            continue
        opened += 1
        page = response.content.decode()
        for first, last, local_id in children:
            assert f"{first} {last}" not in page, path
            assert not re.search(rf"\b{local_id}\b", page), path
    assert opened == len(paths)  # every one of these pages is theirs to read
    finding_action = Action.objects.filter(origin_type__model="finding").first()
    page = client.get(f"/action-plans/actions/{finding_action.pk}/").content.decode()
    assert finding_action.origin.text not in page  # that an audit finding raised it, not what it said


def test_a_draft_committee_paper_is_seeded_once_for_the_next_meeting(seeded):
    from inspection.models import CommitteeReport

    paper = CommitteeReport.objects.get()
    assert paper.status == CommitteeReport.Status.DRAFT
    assert paper.report_to == "Children and Young People Scrutiny Committee"
    assert paper.meeting_date > paper.figures_as_at
    assert paper.recommendations.count("\n") == 2 and "section 149 of the Equality Act 2010" in paper.equality_and_diversity
