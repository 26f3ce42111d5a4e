"""Who can see which children and teams: the scoping every page and report relies on."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cases.models import Team
from cases.selectors import child_for_user, children_visible_to, teams_in_sight, teams_visible_to
from inspection.roles import Role

pytestmark = pytest.mark.django_db


def visible(user) -> set:
    return set(children_visible_to(user=user))


@pytest.fixture
def unallocated_child(make_child):
    return make_child(None, first_name="Nia", last_name="Unallocated")


@pytest.fixture
def manager_of_both_teams(make_user, team_a, team_b):
    """A team manager based in team A who also oversees team B."""
    return make_user("manager.both", Role.TEAM_MANAGER, team_a, managed=(team_b,))


@pytest.fixture
def restricted_child(make_child, team_a, practitioner):
    child = make_child(team_a, first_name="Rosa", last_name="Restricted", restricted=True)
    child.named_workers.add(practitioner.worker)
    return child


# --- whole-scope reads --------------------------------------------------------------------------


def test_practitioner_sees_only_their_own_teams_children(practitioner, child_a, child_b, unallocated_child):
    assert visible(practitioner) == {child_a}


def test_team_manager_sees_their_own_team_and_the_teams_they_manage(manager_of_both_teams, child_a, child_b):
    assert visible(manager_of_both_teams) == {child_a, child_b}


def test_team_manager_managing_only_their_own_team_does_not_see_other_teams(team_manager, child_a, child_b):
    assert visible(team_manager) == {child_a}


def test_team_manager_who_only_manages_another_team_sees_both_their_own_and_the_managed_team(
    make_user, team_b, child_a, child_b, make_child
):
    team_c = Team.objects.create(name="Leaving Care")
    child_c = make_child(team_c, last_name="Cole")
    manager = make_user("manager.c", Role.TEAM_MANAGER, team_c, managed=(team_b,))
    assert visible(manager) == {child_b, child_c}


@pytest.mark.parametrize("fixture_name", ["auditor", "senior_manager"])
def test_auditors_and_senior_managers_see_every_child_including_unallocated(
    request, fixture_name, child_a, child_b, unallocated_child
):
    user = request.getfixturevalue(fixture_name)
    assert visible(user) == {child_a, child_b, unallocated_child}


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_elected_members_and_administrators_see_no_children(request, fixture_name, child_a, child_b):
    user = request.getfixturevalue(fixture_name)
    assert visible(user) == set()


def test_signed_out_visitor_sees_no_children(child_a):
    assert visible(AnonymousUser()) == set()


def test_user_with_view_child_but_no_worker_profile_sees_no_children(make_user, child_a, child_b):
    user = make_user("no.worker", Role.PRACTITIONER, worker=False)
    assert user.has_perm("cases.view_child")
    assert visible(user) == set()


def test_worker_with_no_team_and_no_read_all_permission_sees_no_children(make_user, child_a, unallocated_child):
    user = make_user("teamless", Role.PRACTITIONER, team=None)
    assert visible(user) == set()


# --- restricted records -------------------------------------------------------------------------


def test_restricted_child_is_visible_to_its_named_worker(practitioner, restricted_child, child_a):
    assert visible(practitioner) == {child_a, restricted_child}


def test_restricted_child_is_hidden_from_a_colleague_in_the_same_team_who_is_not_named(
    make_user, team_a, restricted_child, child_a
):
    colleague = make_user("colleague", Role.PRACTITIONER, team_a)
    assert visible(colleague) == {child_a}


def test_restricted_child_is_hidden_from_the_team_manager_when_not_named(team_manager, restricted_child, child_a):
    assert visible(team_manager) == {child_a}


@pytest.mark.parametrize("fixture_name", ["auditor", "senior_manager"])
def test_restricted_child_is_hidden_from_read_all_users_who_are_not_named(
    request, fixture_name, restricted_child, child_a, child_b
):
    user = request.getfixturevalue(fixture_name)
    assert visible(user) == {child_a, child_b}


def test_auditor_named_on_a_restricted_record_sees_it(auditor, restricted_child, child_a):
    restricted_child.named_workers.add(auditor.worker)
    assert visible(auditor) == {child_a, restricted_child}


def test_named_practitioner_in_another_team_still_cannot_see_a_restricted_child_outside_their_teams(
    practitioner_b, restricted_child, child_b
):
    restricted_child.named_workers.add(practitioner_b.worker)
    # The team scope applies first: being named does not reach across teams for a practitioner.
    assert visible(practitioner_b) == {child_b}


def test_restricted_child_with_several_named_workers_appears_once(
    make_user, team_a, practitioner, restricted_child, auditor
):
    for number in range(3):
        restricted_child.named_workers.add(make_user(f"named.{number}", Role.PRACTITIONER, team_a).worker)
    restricted_child.named_workers.add(auditor.worker)

    for user in (practitioner, auditor):
        rows = list(children_visible_to(user=user))
        assert rows == [restricted_child]
        assert children_visible_to(user=user).count() == 1


def test_unrestricted_child_with_named_workers_appears_once(make_user, team_a, practitioner, child_a):
    child_a.named_workers.add(practitioner.worker, make_user("other", Role.PRACTITIONER, team_a).worker)
    assert list(children_visible_to(user=practitioner)) == [child_a]


# --- child_for_user -----------------------------------------------------------------------------


def test_child_for_user_returns_a_child_in_scope(practitioner, child_a):
    assert child_for_user(user=practitioner, pk=child_a.pk) == child_a


def test_child_for_user_is_not_found_for_a_child_in_another_team(practitioner_b, child_a):
    with pytest.raises(Http404):
        child_for_user(user=practitioner_b, pk=child_a.pk)


def test_child_for_user_is_not_found_for_a_restricted_child_the_user_is_not_named_on(auditor, restricted_child):
    with pytest.raises(Http404):
        child_for_user(user=auditor, pk=restricted_child.pk)


def test_child_for_user_finds_a_restricted_child_for_its_named_worker(practitioner, restricted_child):
    assert child_for_user(user=practitioner, pk=restricted_child.pk) == restricted_child


def test_child_for_user_finds_a_restricted_child_for_a_named_auditor_in_one_query(
    auditor, senior_manager, restricted_child, django_assert_num_queries
):
    from django.contrib.auth import get_user_model

    restricted_child.named_workers.add(auditor.worker)
    for user, named in ((auditor, True), (senior_manager, False)):
        fresh = get_user_model().objects.get(pk=user.pk)  # as a request has it: its worker not read yet
        fresh.get_all_permissions()
        if named:
            with django_assert_num_queries(1):  # the child, with the names through the login: no worker read first
                assert child_for_user(user=fresh, pk=restricted_child.pk) == restricted_child
        else:
            with pytest.raises(Http404):
                child_for_user(user=fresh, pk=restricted_child.pk)


def test_child_for_user_is_not_found_for_an_elected_member(elected_member, child_a):
    with pytest.raises(Http404):
        child_for_user(user=elected_member, pk=child_a.pk)


# --- teams_visible_to ---------------------------------------------------------------------------


def test_practitioner_sees_only_their_own_team(practitioner, team_a, team_b):
    assert set(teams_visible_to(user=practitioner)) == {team_a}


def test_team_manager_sees_their_own_and_managed_teams(manager_of_both_teams, team_a, team_b):
    assert set(teams_visible_to(user=manager_of_both_teams)) == {team_a, team_b}


@pytest.mark.parametrize("fixture_name", ["auditor", "senior_manager"])
def test_read_all_users_see_every_team(request, fixture_name, team_a, team_b):
    user = request.getfixturevalue(fixture_name)
    assert set(teams_visible_to(user=user)) == {team_a, team_b}


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_elected_members_and_administrators_see_no_teams_in_case_lists(request, fixture_name, team_a, team_b):
    user = request.getfixturevalue(fixture_name)
    assert set(teams_visible_to(user=user)) == set()


def test_user_with_no_worker_profile_sees_no_teams(make_user, team_a):
    user = make_user("no.worker", Role.PRACTITIONER, worker=False)
    assert set(teams_visible_to(user=user)) == set()
    assert teams_in_sight(user=user) == []


@pytest.mark.parametrize("fixture_name", ["practitioner", "manager_of_both_teams", "team_manager", "senior_manager",
                                          "auditor", "elected_member", "administrator"])
def test_the_teams_in_sight_are_the_visible_teams_by_name(request, fixture_name, team_a, team_b):
    user = request.getfixturevalue(fixture_name)
    assert teams_in_sight(user=user) == list(teams_visible_to(user=user).order_by("name"))


def test_a_managers_teams_are_read_once_for_scoping_and_for_the_navigation(
    manager_of_both_teams, team_a, team_b, child_a, django_assert_num_queries
):
    worker = manager_of_both_teams.worker  # as the request's user holds it
    manager_of_both_teams.get_all_permissions()
    with django_assert_num_queries(1):
        assert [team.name for team in teams_in_sight(user=manager_of_both_teams)] == sorted([team_a.name, team_b.name])
        list(children_visible_to(user=manager_of_both_teams).values_list("pk", flat=True)[:0])  # built, not read
        assert worker._teams is not None


def test_teams_in_sight_for_someone_who_sees_every_team_reads_their_worker_with_the_teams(
    senior_manager, team_a, team_b, django_assert_num_queries
):
    from django.contrib.auth import get_user_model

    from cases.selectors import worker_for_user

    fresh = get_user_model().objects.get(pk=senior_manager.pk)
    fresh.get_all_permissions()
    with django_assert_num_queries(1):
        assert teams_in_sight(user=fresh) == [team_a, team_b]
        assert worker_for_user(fresh) == senior_manager.worker
        assert worker_for_user(fresh).named_on_restricted is False
