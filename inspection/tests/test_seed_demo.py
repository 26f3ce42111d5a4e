"""seed_demo: a believable demo council, the same row for row for the same seed and date."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Child
from cases.rules import age_on
from cases.selectors import children_visible_to
from inspection.demo.seed import DEMO_LOGINS
from inspection.roles import Role, role_of

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 15)
DEMO_PASSWORD = "demo-password-for-tests-only"
ROW_FIELDS = ("local_id", "first_name", "last_name", "date_of_birth", "gender", "ethnicity", "team__name")


def seed(**options) -> str:
    out = StringIO()
    defaults = {"children": 40, "seed": 3, "as_of": AS_OF, "password": DEMO_PASSWORD, "stdout": out}
    call_command("seed_demo", **{**defaults, **options})
    return out.getvalue()


def child_rows() -> list[tuple]:
    return list(Child.objects.order_by("local_id").values_list(*ROW_FIELDS))


def test_seeding_creates_the_number_of_children_asked_for():
    output = seed()
    assert Child.objects.count() == 40
    assert "Created 40 children (seed 3)." in output


def test_seeding_creates_one_login_per_role_with_the_given_password():
    seed()
    User = get_user_model()
    for username, _first, _last, role, _home, _managed in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.has_usable_password()
        assert user.check_password(DEMO_PASSWORD)
        assert role_of(user) is role
    assert len({role for *_, role, _home, _managed in DEMO_LOGINS}) == len(Role)


def test_seeded_children_are_of_childrens_services_ages_on_the_as_of_date():
    seed()
    ages = [age_on(born, AS_OF) for born in Child.objects.values_list("date_of_birth", flat=True)]
    assert min(ages) >= 0
    assert max(ages) <= 21


def test_seeded_practitioner_sees_only_their_teams_children():
    seed()
    practitioner = get_user_model().objects.get(username="practitioner")
    teams = set(children_visible_to(user=practitioner).values_list("team__name", flat=True))
    assert teams <= {"Child Protection 1"}


def test_seeding_again_with_replace_and_the_same_seed_and_date_gives_identical_children():
    seed()
    first = child_rows()
    seed(replace=True)
    second = child_rows()
    assert len(first) == 40
    assert second == first


def test_a_different_seed_gives_different_children():
    seed()
    first = child_rows()
    seed(replace=True, seed=4)
    second = child_rows()
    assert len(second) == 40
    assert second != first


def test_a_different_as_of_date_moves_the_dates_of_birth():
    seed()
    first = child_rows()
    seed(replace=True, as_of=date(2027, 1, 15))
    second = child_rows()
    assert [row[:3] for row in second] == [row[:3] for row in first]
    assert [row[3] for row in second] != [row[3] for row in first]


def test_seeding_without_replace_leaves_existing_children_alone():
    seed()
    first = child_rows()
    output = seed(seed=4, children=10)
    assert child_rows() == first
    assert "Children already exist; left as they are" in output


def test_seeding_without_replace_does_not_add_to_a_council_that_already_has_children(child_a):
    seed()
    assert list(Child.objects.all()) == [child_a]


def test_seeding_refuses_a_negative_number_of_children():
    with pytest.raises(CommandError, match="zero or more"):
        seed(children=-1)


def test_seeding_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refused in production"):
        seed()
    assert not Child.objects.exists()
    assert not get_user_model().objects.filter(username="practitioner").exists()
