"""The annual self-evaluation: versions kept and compared, key figures taken with each, and who
may read or write it."""

import pytest

from inspection.models import SelfEvaluation, SelfEvaluationVersion
from inspection.self_evaluation import services
from inspection.self_evaluation.compare import word_diff

pytestmark = pytest.mark.django_db

TEXTS = {"quality_and_impact": "Visits are timely.", "how_we_know": "Monthly audits.", "plans": "Improve plans."}


def test_word_diff_marks_what_was_added_and_removed():
    assert word_diff("Visits are timely.", "Visits are mostly timely now.") == [
        ("same", "Visits are "), ("added", "mostly "), ("same", "timely"), ("added", " now"), ("same", "."),
    ]
    assert word_diff("Plans are weak.", "Plans are strong.") == [
        ("same", "Plans are "), ("removed", "weak"), ("added", "strong"), ("same", "."),
    ]
    assert word_diff("", "New") == [("added", "New")]


def test_every_save_is_a_new_numbered_version_with_the_figures_of_that_moment(senior_manager, child_a):
    evaluation = services.self_evaluation_start(actor=senior_manager, title="Self-evaluation 2026")
    first = services.version_save(actor=senior_manager, self_evaluation=evaluation, texts=TEXTS, audit_samples=[])
    second = services.version_save(actor=senior_manager, self_evaluation=evaluation,
                                   texts=TEXTS | {"plans": "Improve plans and supervision."}, audit_samples=[])
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.plans == "Improve plans."  # never changed by the later save
    assert second.figures["as_at"] and ["Child protection plan", 0] in second.figures["open_by_stage"]


@pytest.mark.parametrize("path", ["", "new/", "{pk}/", "{pk}/edit/", "{pk}/compare/?from=1&to=2"])
def test_signed_out_visitors_and_the_wrong_roles_are_turned_away(client, path, senior_manager, practitioner, administrator):
    evaluation = services.self_evaluation_start(actor=senior_manager, title="2026")
    url = "/self-evaluation/" + path.format(pk=evaluation.pk)
    assert client.get(url).status_code == 302
    for user in (practitioner, administrator):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_members_and_auditors_read_but_do_not_write(client, senior_manager, elected_member, auditor):
    evaluation = services.self_evaluation_start(actor=senior_manager, title="2026")
    services.version_save(actor=senior_manager, self_evaluation=evaluation, texts=TEXTS, audit_samples=[])
    for user in (elected_member, auditor):
        client.force_login(user)
        assert "Visits are timely." in client.get(f"/self-evaluation/{evaluation.pk}/").content.decode()
        assert client.get(f"/self-evaluation/{evaluation.pk}/edit/").status_code == 403


def test_a_senior_manager_writes_two_versions_and_compares_them(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/self-evaluation/new/", {"title": "Self-evaluation 2026"})
    evaluation = SelfEvaluation.objects.get()
    assert response["Location"] == f"/self-evaluation/{evaluation.pk}/edit/"
    client.post(f"/self-evaluation/{evaluation.pk}/edit/", TEXTS)
    edit_page = client.get(f"/self-evaluation/{evaluation.pk}/edit/").content.decode()
    assert "Visits are timely." in edit_page  # the next version starts from the last
    client.post(f"/self-evaluation/{evaluation.pk}/edit/", TEXTS | {"quality_and_impact": "Visits are mostly timely."})
    assert SelfEvaluationVersion.objects.count() == 2
    page = client.get(f"/self-evaluation/{evaluation.pk}/compare/?from=1&to=2").content.decode()
    assert '<ins class="los-added">mostly </ins>' in page
    assert client.get(f"/self-evaluation/{evaluation.pk}/compare/?from=1&to=9").status_code == 404


def test_a_version_missing_its_answers_is_refused_and_nothing_saved(client, senior_manager):
    evaluation = services.self_evaluation_start(actor=senior_manager, title="2026")
    client.force_login(senior_manager)
    response = client.post(f"/self-evaluation/{evaluation.pk}/edit/", {"quality_and_impact": "", "how_we_know": "", "plans": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and "Say how you know it" in page
    assert not SelfEvaluationVersion.objects.exists()
