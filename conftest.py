"""Fixtures shared by every app's tests: a small council with one user per role."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cases.codes import Disability, Ethnicity, Gender
from cases.models import Child, Team, Worker
from inspection.celery import app as celery_app
from inspection.roles import Role, sync_role_groups

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _media_and_eager_jobs(settings, tmp_path):
    """Report files go to a temporary folder; jobs run in-process unless a test says otherwise;
    passwords are hashed quickly (the real hasher is deliberately slow, about 0.3 s a user)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def team_a(db):
    return Team.objects.create(name="Child Protection 1", service_area="Child in need and child protection")


@pytest.fixture
def team_b(db):
    return Team.objects.create(name="Children in Care", service_area="Looked after children")


@pytest.fixture
def make_user(db):
    def make(username: str, role: Role | None, team: Team | None = None, managed: tuple = (), worker: bool = True):
        if not Group.objects.exists():
            # A transactional test's flush removes the groups the data migration made.
            sync_role_groups(django_apps)
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, first_name=username.title(), last_name="Tester"
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=role.label))
        if worker:
            worker_obj = Worker.objects.create(user=user, team=team)
            for managed_team in managed:
                managed_team.managers.add(worker_obj)
        return user

    return make


@pytest.fixture
def practitioner(make_user, team_a):
    return make_user("practitioner", Role.PRACTITIONER, team_a)


@pytest.fixture
def practitioner_b(make_user, team_b):
    """A practitioner in the other team: the 'wrong team' user."""
    return make_user("practitioner.b", Role.PRACTITIONER, team_b)


@pytest.fixture
def team_manager(make_user, team_a):
    return make_user("manager", Role.TEAM_MANAGER, team_a, managed=(team_a,))


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", Role.AUDITOR)


@pytest.fixture
def senior_manager(make_user):
    return make_user("senior", Role.SENIOR_MANAGER)


@pytest.fixture
def elected_member(make_user):
    return make_user("councillor", Role.ELECTED_MEMBER, worker=False)


@pytest.fixture
def administrator(make_user):
    user = make_user("admin", Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def make_child(db):
    counter = {"n": 0}

    def make(team: Team | None, **fields) -> Child:
        counter["n"] += 1
        defaults = {
            "local_id": f"T{counter['n']:05d}",
            "first_name": "Amira",
            "last_name": f"Child{counter['n']}",
            "date_of_birth": date(2015, 3, 1),
            "gender": Gender.FEMALE,
            "ethnicity": Ethnicity.WBRI,
            "disability": Disability.NO,
            "team": team,
        }
        defaults.update(fields)
        return Child.objects.create(**defaults)

    return make


@pytest.fixture
def child_a(make_child, team_a):
    return make_child(team_a, first_name="Ava", last_name="Ahmed")


@pytest.fixture
def child_b(make_child, team_b):
    return make_child(team_b, first_name="Jack", last_name="Baker")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module. Playwright's sync API keeps an event loop running in
    this thread, so Django would refuse ORM calls (the tests' own and the database flush after each
    test); they are safe here, so they are allowed while the browser is open."""
    from playwright.sync_api import sync_playwright

    from browser_testing import CHROMIUM, CHROMIUM_ARGS

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def audit_template(db):
    """The standard published audit template (a transactional test's flush removes the one the
    data migration made)."""
    from inspection.audit_template import ensure_standard_template
    from inspection.models import AuditDomain, AuditTemplate

    return ensure_standard_template(AuditTemplate, AuditDomain)


@pytest.fixture(autouse=True)
def role_groups(request):
    """A transactional test's flush removes what the data migrations wrote (the role groups, Ofsted's
    frameworks, the indicator library and the national outcomes): write it again before any database
    test that follows one on the same worker (one query when it is all there)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db" if marker and marker.kwargs.get("transaction") else "db")
    if not Group.objects.exists():
        sync_role_groups(django_apps)
        for migration in ("0002_frameworks", "0003_indicator_library", "0004_national_outcomes"):
            module = importlib.import_module(f"judgements.migrations.{migration}")
            (getattr(module, "write_frameworks", None) or module.write)(django_apps, None)


# Property tests (property_testing/): the same examples on every run and in CI, nothing written to
# an example database in the repository, and a count of examples that keeps the suite quick.
from hypothesis import HealthCheck, settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile(
    "line-of-sight", max_examples=15, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile("line-of-sight-deep", parent=hypothesis_settings.get_profile("line-of-sight"),
                                     max_examples=200)  # to look harder: pytest --hypothesis-profile=line-of-sight-deep
hypothesis_settings.load_profile("line-of-sight")
