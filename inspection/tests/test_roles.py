"""The six roles: each is a group made by the migrations, holding exactly the permissions in the table."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from inspection.roles import ROLE_PERMISSIONS, Role, role_of

pytestmark = pytest.mark.django_db


def dotted_permissions(group: Group) -> list[str]:
    return [f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")]


def test_every_role_has_a_group_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.label for role in Role}


def test_the_permission_table_covers_every_role():
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_roles_group_holds_exactly_the_permissions_in_the_table(role):
    held = dotted_permissions(Group.objects.get(name=role.label))
    assert sorted(held) == sorted(set(ROLE_PERMISSIONS[role]))


def test_elected_member_group_has_no_permissions_on_childrens_cases():
    held = dotted_permissions(Group.objects.get(name=Role.ELECTED_MEMBER.label))
    assert [name for name in held if name.startswith("cases.")] == []


def test_elected_member_login_has_no_cases_permissions(elected_member):
    assert not any(name.startswith("cases.") for name in elected_member.get_all_permissions())


def test_only_auditors_and_senior_managers_can_view_every_teams_children():
    holders = {role for role, names in ROLE_PERMISSIONS.items() if "cases.view_all_children" in names}
    assert holders == {Role.AUDITOR, Role.SENIOR_MANAGER}


def test_administrators_cannot_view_childrens_records():
    assert "cases.view_child" not in ROLE_PERMISSIONS[Role.ADMINISTRATOR]


@pytest.mark.parametrize(
    "fixture_name, role",
    [
        ("practitioner", Role.PRACTITIONER),
        ("practitioner_b", Role.PRACTITIONER),
        ("team_manager", Role.TEAM_MANAGER),
        ("auditor", Role.AUDITOR),
        ("senior_manager", Role.SENIOR_MANAGER),
        ("elected_member", Role.ELECTED_MEMBER),
        ("administrator", Role.ADMINISTRATOR),
    ],
)
def test_role_of_names_each_users_role(request, fixture_name, role):
    assert role_of(request.getfixturevalue(fixture_name)) is role


def test_role_of_a_signed_out_visitor_is_none():
    assert role_of(AnonymousUser()) is None


def test_role_of_a_user_in_no_role_group_is_none(make_user):
    user = make_user("nobody", None)
    user.groups.add(Group.objects.create(name="Book club"))
    assert role_of(user) is None
