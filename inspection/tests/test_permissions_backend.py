"""A user's permissions read in one query give exactly the set Django's own backend reads in two."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspection.permissions_backend import ModelPermissionsInOneQueryBackend

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)  # no permissions cached on it yet


@pytest.fixture
def officer():
    user = User.objects.create_user("officer.one", password="x" * 16)
    user.user_permissions.add(Permission.objects.get(codename="view_child"))
    group = Group.objects.create(name="Reviewers of this test")
    group.permissions.add(Permission.objects.get(codename="view_child"),  # also given directly: counted once
                          Permission.objects.get(codename="change_event"))
    user.groups.add(group)
    return user


def test_the_same_set_as_djangos_own_backend(officer):
    ours = ModelPermissionsInOneQueryBackend().get_all_permissions(fresh(officer))
    djangos = ModelBackend().get_all_permissions(fresh(officer))
    assert ours == djangos
    assert {"cases.view_child", "cases.change_event"} <= ours


def test_read_in_one_query_and_kept_for_the_request(officer):
    user, backend = fresh(officer), ModelPermissionsInOneQueryBackend()
    with CaptureQueriesContext(connection) as queries:
        assert backend.has_perm(user, "cases.change_event")
        assert backend.has_perm(user, "cases.view_child")
        assert not backend.has_perm(user, "cases.delete_child")
    assert len(queries) == 1


def test_group_permissions_alone_and_role_groups_count(senior_manager, practitioner):
    for user in (senior_manager, practitioner):
        assert ModelPermissionsInOneQueryBackend().get_all_permissions(fresh(user)) == \
            ModelBackend().get_all_permissions(fresh(user))


def test_superusers_have_every_permission_and_the_inactive_and_anonymous_none(officer):
    boss = User.objects.create_superuser("boss", password="x" * 16)
    assert ModelPermissionsInOneQueryBackend().get_all_permissions(fresh(boss)) == \
        ModelBackend().get_all_permissions(fresh(boss))
    officer.is_active = False
    officer.save()
    assert ModelPermissionsInOneQueryBackend().get_all_permissions(fresh(officer)) == set()
    assert ModelPermissionsInOneQueryBackend().get_all_permissions(AnonymousUser()) == set()


def test_the_service_uses_it(settings):
    assert "inspection.permissions_backend.ModelPermissionsInOneQueryBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS
