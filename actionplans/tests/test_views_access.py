"""Who may open each action plan page: signed-out visitors are sent to sign in; practitioners and
administrators see none; elected members, team managers and auditors read but cannot write plans,
recommendations or actions; senior managers do everything."""

import pytest

from actionplans.models import Action, ActionPlan, ProgressUpdate, Recommendation

from .plan_support import make_action, make_finding, make_plan, make_recommendation, make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(senior_manager, team_manager, auditor, child_a, audit_template):
    plan = make_plan(senior_manager)
    recommendation = make_recommendation(plan)
    action = make_action(recommendation, senior_manager, owner=team_manager)
    update = make_update(action, team_manager)
    finding = make_finding(auditor, child_a, audit_template)
    return {"plan": plan.pk, "recommendation": recommendation.pk, "action": action.pk,
            "token": update.evidence.get().token, "finding": finding.pk}


READS = ["/action-plans/", "/action-plans/{plan}/", "/action-plans/actions/", "/action-plans/actions/{action}/"]
WRITES = [
    "/action-plans/new/", "/action-plans/{plan}/edit/", "/action-plans/{plan}/recommendations/new/",
    "/action-plans/recommendations/{recommendation}/edit/", "/action-plans/recommendations/{recommendation}/actions/new/",
    "/action-plans/actions/{action}/edit/", "/action-plans/actions/new-from/inspection.finding/{finding}/",
]
OFFICER_ONLY = ["/action-plans/actions/mine/", "/action-plans/actions/{action}/progress/", "/action-plans/evidence/{token}/"]
EVERY = READS + WRITES + OFFICER_ONLY


@pytest.mark.parametrize("path", EVERY)
def test_signed_out_visitors_are_sent_to_sign_in(client, world, path):
    response = client.get(path.format(**world))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("path", EVERY)
def test_practitioners_and_administrators_see_no_action_plan_page(client, world, practitioner, administrator, path):
    for user in (practitioner, administrator):
        client.force_login(user)
        assert client.get(path.format(**world)).status_code == 403, (user, path)


@pytest.mark.parametrize("path", READS)
def test_every_role_with_action_plans_reads_plans_and_actions(client, world, elected_member, team_manager, auditor,
                                                              senior_manager, path):
    for user in (elected_member, team_manager, auditor, senior_manager):
        client.force_login(user)
        assert client.get(path.format(**world)).status_code == 200, (user, path)


@pytest.mark.parametrize("path", WRITES)
def test_elected_members_team_managers_and_auditors_cannot_write(client, world, elected_member, team_manager, auditor,
                                                                 path):
    counts = (ActionPlan.objects.count(), Recommendation.objects.count(), Action.objects.count())
    for user in (elected_member, team_manager, auditor):
        client.force_login(user)
        assert client.get(path.format(**world)).status_code == 403, (user, path)
        assert client.post(path.format(**world), {"title": "x", "text": "x", "description": "x"}).status_code == 403
    assert (ActionPlan.objects.count(), Recommendation.objects.count(), Action.objects.count()) == counts


@pytest.mark.parametrize("path", WRITES)
def test_senior_managers_open_every_write_page(client, world, senior_manager, path):
    client.force_login(senior_manager)
    assert client.get(path.format(**world)).status_code == 200


@pytest.mark.parametrize("path", OFFICER_ONLY)
def test_elected_members_have_no_actions_of_their_own_nor_evidence_documents(client, world, elected_member, path):
    client.force_login(elected_member)
    assert client.get(path.format(**world)).status_code == 403
    assert client.post(path.format(**world), {"note": "x"}).status_code == 403
    assert ProgressUpdate.objects.count() == 1


def test_pages_link_to_each_other(client, world, senior_manager):
    client.force_login(senior_manager)
    listing = client.get("/action-plans/").content.decode()
    assert f'href="/action-plans/{world["plan"]}/"' in listing
    assert 'href="/action-plans/actions/"' in listing and 'href="/action-plans/actions/mine/"' in listing
    overview = client.get(f"/action-plans/{world['plan']}/").content.decode()
    assert f'href="/action-plans/actions/{world["action"]}/"' in overview
    assert 'href="/action-plans/"' in overview


def test_the_project_mounts_the_pages_under_action_plans():
    from django.urls import reverse

    assert reverse("actionplans:plan_list") == "/action-plans/"
    assert reverse("actionplans:action_from_origin", args=["judgements.shortfall", 4]) == (
        "/action-plans/actions/new-from/judgements.shortfall/4/")
