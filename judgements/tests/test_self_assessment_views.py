"""The self-assessment pages: who may read and write them, the happy paths, and bad input shown
back with its messages and nothing saved."""

import re

import pytest

from judgements.models import Framework, Indicator, IndicatorScore, SelfAssessment, SelfAssessmentVersion, Shortfall
from judgements.rules import Confidence
from judgements.self_assessment import services
from judgements.self_assessment.services import ScoreInput

pytestmark = pytest.mark.django_db

ROOT = "/judgements/self-assessment/"


@pytest.fixture
def assessment(senior_manager):
    return services.self_assessment_start(actor=senior_manager, framework=Framework.objects.get(code="ilacs_2023"),
                                          title="Self-assessment 2026")


@pytest.fixture
def two_versions(assessment, senior_manager):
    indicators = _active(assessment)
    services.version_save(actor=senior_manager, self_assessment=assessment, note="First go", scores={
        indicators[0].pk: ScoreInput(3, Confidence.LOW, "Half the plans audited were vague."),
        indicators[1].pk: ScoreInput(2, Confidence.MEDIUM, "Supervision records."),
    })
    services.version_save(actor=senior_manager, self_assessment=assessment, note="After the audits", scores={
        indicators[0].pk: ScoreInput(2, Confidence.HIGH, "Plans audited in June were specific."),
        indicators[1].pk: ScoreInput(4, Confidence.HIGH, "Supervision lapsed in two teams."),
    })
    return indicators


def _active(assessment) -> list[Indicator]:
    return list(Indicator.objects.filter(area__framework=assessment.framework, active=True)
                .order_by("area__order", "order", "pk"))


def _score_data(indicators, **given) -> dict:
    """The scoring form as a browser posts it: every indicator not scored, medium confidence."""
    data = {"note": ""}
    for indicator in indicators:
        data |= {f"grade_{indicator.pk}": "", f"evidence_{indicator.pk}": "", f"confidence_{indicator.pk}": "medium"}
    return data | given


def _checked(page: str, name: str) -> str | None:
    """The value of the radio button called ``name`` that the page has checked."""
    for attributes in re.findall(r"<input([^>]*)>", page):
        if f'name="{name}"' in attributes and "checked" in attributes:
            return re.search(r'value="([^"]*)"', attributes).group(1)
    return None


def _urls(assessment, indicator) -> dict[str, str]:
    return {
        "list": ROOT, "create": f"{ROOT}new/", "detail": f"{ROOT}{assessment.pk}/", "score": f"{ROOT}{assessment.pk}/score/",
        "compare": f"{ROOT}{assessment.pk}/compare/?from=1&to=2", "indicators": f"{ROOT}indicators/",
        "indicator_create": f"{ROOT}indicators/new/?framework=ilacs_2023", "indicator_edit": f"{ROOT}indicators/{indicator.pk}/",
    }


# --- who may do what

def test_signed_out_visitors_are_sent_to_sign_in(client, assessment, two_versions):
    for name, url in _urls(assessment, two_versions[0]).items():
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], name
    assert client.post(f"{ROOT}indicators/{two_versions[0].pk}/status/", {"active": "0"}).status_code == 302


@pytest.mark.parametrize("role", ["practitioner", "administrator", "elected_member"])
def test_practitioners_administrators_and_elected_members_are_refused(client, request, role, assessment, two_versions):
    client.force_login(request.getfixturevalue(role))
    for name, url in _urls(assessment, two_versions[0]).items():
        assert client.get(url).status_code == 403, name
    assert client.post(f"{ROOT}indicators/{two_versions[0].pk}/status/", {"active": "0"}).status_code == 403


@pytest.mark.parametrize("role", ["team_manager", "auditor"])
def test_team_managers_and_auditors_read_but_cannot_write(client, request, role, assessment, two_versions):
    client.force_login(request.getfixturevalue(role))
    urls = _urls(assessment, two_versions[0])
    for name in ("list", "detail", "compare", "indicators"):
        page = client.get(urls[name])
        assert page.status_code == 200, name
        assert "Score a new version" not in page.content.decode() and "Retire" not in page.content.decode()
    for name in ("create", "score", "indicator_create", "indicator_edit"):
        assert client.get(urls[name]).status_code == 403, name
        assert client.post(urls[name], {}).status_code == 403, name
    assert client.post(f"{ROOT}indicators/{two_versions[0].pk}/status/", {"active": "0"}).status_code == 403
    assert SelfAssessmentVersion.objects.count() == 2 and Indicator.objects.get(pk=two_versions[0].pk).active


# --- self-assessments

def test_a_senior_manager_starts_a_self_assessment_and_is_taken_to_scoring(client, senior_manager):
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}new/").content.decode()
    assert "Inspecting local authority children&#x27;s services (from January 2023)" in page
    response = client.post(f"{ROOT}new/", {"framework": Framework.objects.get(code="sif_2013").pk, "title": "Before the SIF"})
    assessment = SelfAssessment.objects.get()
    assert response["Location"] == f"{ROOT}{assessment.pk}/score/"
    assert (assessment.framework.code, assessment.title, assessment.created_by) == ("sif_2013", "Before the SIF", senior_manager)
    assert "Before the SIF" in client.get(ROOT).content.decode()


def test_starting_without_a_framework_or_title_is_refused(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(f"{ROOT}new/", {"title": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Choose the inspection framework" in page and "Enter a title" in page and "<title>Error: " in page
    assert not SelfAssessment.objects.exists()


def test_the_scoring_form_lists_every_active_indicator_by_area(client, senior_manager, assessment):
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}{assessment.pk}/score/").content.decode()
    indicators = _active(assessment)
    assert "Score version 1" in page and f"Score each of the {len(indicators)} indicators" in page
    for indicator in indicators:
        assert f'name="grade_{indicator.pk}"' in page and f'name="evidence_{indicator.pk}"' in page
    assert page.index("1. The impact of leaders") < page.index("2. The experiences and progress of children who need help")
    assert "Indicator 4.1" in page  # care leavers, the fourth area


def test_scoring_saves_a_version_with_its_proposals_and_findings(client, senior_manager, assessment):
    client.force_login(senior_manager)
    indicators = _active(assessment)
    leaders = [indicator for indicator in indicators if indicator.area.code == "leaders"]
    data = _score_data(indicators, note="First go")
    for indicator in leaders:
        data[f"grade_{indicator.pk}"] = "2"
    data[f"grade_{leaders[0].pk}"] = "1"
    data[f"evidence_{leaders[0].pk}"] = "Peer review praised the practice framework."
    data[f"grade_{leaders[1].pk}"] = "3"
    data[f"evidence_{leaders[1].pk}"] = "Improvements are recent."
    response = client.post(f"{ROOT}{assessment.pk}/score/", data)
    assert response["Location"] == f"{ROOT}{assessment.pk}/"
    version = SelfAssessmentVersion.objects.get()
    assert (version.number, version.note, version.saved_by) == (1, "First go", senior_manager)
    assert version.proposed["leaders"]["grade"] == 2
    assert [shortfall.indicator for shortfall in Shortfall.objects.all()] == [leaders[1]]

    page = client.get(response["Location"]).content.decode()
    assert "Version 1 saved." in page and "Findings for the action plan" in page
    assert "1 indicator scored 3 (partly meets) or 4 (does not meet)." in page
    assert "Improvements are recent." in page and leaders[1].text in page
    assert f"{len(leaders)} of {len(leaders)} indicators are met" not in page  # one is only partly met
    assert f"{len(leaders) - 1} of {len(leaders)} indicators are met and none is not met." in page


def test_the_next_version_starts_from_the_latest_scores(client, senior_manager, assessment, two_versions):
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}{assessment.pk}/score/").content.decode()
    assert "Score version 3" in page and "Supervision lapsed in two teams." in page
    assert _checked(page, f"grade_{two_versions[1].pk}") == "4" and _checked(page, f"confidence_{two_versions[1].pk}") == "high"
    assert _checked(page, f"grade_{two_versions[0].pk}") == "2"
    assert _checked(page, f"grade_{two_versions[2].pk}") == ""  # not scored
    client.post(f"{ROOT}{assessment.pk}/score/", _score_data(two_versions))
    assert SelfAssessmentVersion.objects.filter(self_assessment=assessment).count() == 3


@pytest.mark.parametrize("grade, words", [("1", "scored 1, exceeds"), ("4", "scored 4, does not meet")])
def test_a_score_of_1_or_4_without_evidence_is_refused_and_nothing_saved(client, senior_manager, assessment, grade, words):
    client.force_login(senior_manager)
    indicators = _active(assessment)
    data = _score_data(indicators, **{f"grade_{indicators[2].pk}": grade, f"evidence_{indicators[2].pk}": "  ",
                                      f"grade_{indicators[3].pk}": "2"})
    response = client.post(f"{ROOT}{assessment.pk}/score/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and "<title>Error: " in page
    assert f"Indicator 1.3 is {words}: enter the evidence for it" in page
    assert not SelfAssessmentVersion.objects.exists() and not IndicatorScore.objects.exists()


def test_a_score_without_a_confidence_or_an_unknown_score_is_refused(client, senior_manager, assessment):
    client.force_login(senior_manager)
    indicators = _active(assessment)
    data = _score_data(indicators, **{f"grade_{indicators[0].pk}": "2", f"confidence_{indicators[0].pk}": "",
                                      f"grade_{indicators[1].pk}": "7"})
    page = client.post(f"{ROOT}{assessment.pk}/score/", data).content.decode()
    assert "Indicator 1.1 is scored: choose how confident you are in the evidence" in page
    assert "Select a valid choice" in page
    assert not SelfAssessmentVersion.objects.exists()


def test_the_scoring_page_says_so_when_there_is_nothing_to_score(client, senior_manager, assessment):
    Indicator.objects.filter(area__framework=assessment.framework).update(active=False)
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}{assessment.pk}/score/").content.decode()
    assert "has no active indicators of good to score" in page and "Save version" not in page
    page = client.post(f"{ROOT}{assessment.pk}/score/", {"note": ""}).content.decode()
    assert "There is a problem" in page and not SelfAssessmentVersion.objects.exists()


def test_the_detail_page_before_any_version(client, senior_manager, assessment):
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}{assessment.pk}/").content.decode()
    assert "Not yet scored." in page and "Score the first version" in page
    assert client.get(f"{ROOT}999/").status_code == 404


def test_compare_shows_what_changed_in_words(client, auditor, assessment, two_versions):
    client.force_login(auditor)
    page = client.get(f"{ROOT}{assessment.pk}/compare/?from=1&to=2").content.decode()
    assert "What changed from version 1 to version 2" in page
    assert "Better: requires improvement to good" in page and "Worse: good to inadequate" in page
    assert "Confidence low to high" in page and "Evidence changed" in page
    assert "Half the plans audited were vague." in page and "Plans audited in June were specific." in page
    assert "2 indicators changed." in page
    assert "Inadequate" in page  # the leaders' proposal: not met with high confidence
    only = client.get(f"{ROOT}{assessment.pk}/compare/?from=1&to=2&changed=1").content.decode()
    assert two_versions[0].text in only and two_versions[2].text not in only and two_versions[2].text in page
    assert 'id="area-care_leavers"' in page and 'id="area-care_leavers"' not in only
    assert client.get(f"{ROOT}{assessment.pk}/compare/?from=1&to=9").status_code == 404
    assert client.get(f"{ROOT}{assessment.pk}/compare/?from=a&to=2").status_code == 404
    assert client.get(f"{ROOT}{assessment.pk}/compare/").status_code == 404


# --- the library of indicators

def test_the_library_shows_the_framework_in_force_or_the_one_chosen(client, team_manager):
    client.force_login(team_manager)
    page = client.get(f"{ROOT}indicators/").content.decode()
    assert "Indicators of good: ILACS 2026" in page
    page = client.get(f"{ROOT}indicators/?framework=sif_2013").content.decode()
    assert "Adoption performance" in page and "Personal advisers are in touch with all care leavers." in page
    assert "Add an indicator" not in page
    assert client.get(f"{ROOT}indicators/?framework=nonsense").status_code == 404


def test_a_senior_manager_adds_an_indicator(client, senior_manager):
    client.force_login(senior_manager)
    area = Framework.objects.get(code="ilacs_2023").areas.get(code="leaders")
    page = client.get(f"{ROOT}indicators/new/?framework=ilacs_2023&area=leaders").content.decode()
    assert _checked(page, "area") == str(area.pk)
    response = client.post(f"{ROOT}indicators/new/?framework=ilacs_2023", {
        "area": area.pk, "text": "Leaders spend time with front-line teams.", "source": "Peer review 2026", "order": "20",
    })
    assert response["Location"] == f"{ROOT}indicators/?framework=ilacs_2023#area-leaders"
    added = Indicator.objects.get(text="Leaders spend time with front-line teams.")
    assert (added.area, added.order, added.source, added.active) == (area, 20, "Peer review 2026", True)


def test_adding_an_indicator_with_missing_answers_or_another_frameworks_area_is_refused(client, senior_manager):
    client.force_login(senior_manager)
    before = Indicator.objects.count()
    sif_area = Framework.objects.get(code="sif_2013").areas.get(code="adoption")
    page = client.post(f"{ROOT}indicators/new/?framework=ilacs_2023", {"area": sif_area.pk, "text": "", "order": "x"}).content.decode()
    assert "There is a problem" in page and "Enter what good looks like" in page and "Select a valid choice" in page
    assert "The position must be a whole number" in page
    overall = Framework.objects.get(code="ilacs_2023").areas.get(code="overall")
    page = client.post(f"{ROOT}indicators/new/?framework=ilacs_2023", {"area": overall.pk, "text": "x", "order": "1"}).content.decode()
    assert "There is a problem" in page
    assert Indicator.objects.count() == before


def test_a_senior_manager_rewords_reorders_retires_and_restores_an_indicator(client, senior_manager, assessment, two_versions):
    client.force_login(senior_manager)
    scored = two_versions[0]
    page = client.get(f"{ROOT}indicators/{scored.pk}/").content.decode()
    assert "This indicator is in 2 saved versions" in page
    response = client.post(f"{ROOT}indicators/{scored.pk}/", {"text": "Reworded by the council.", "source": "Ours", "order": "3"})
    assert response["Location"].startswith(f"{ROOT}indicators/?framework=ilacs_2023")
    scored.refresh_from_db()
    assert not scored.active and Indicator.objects.get(text="Reworded by the council.").active
    assert "the old wording retired" in client.get(response["Location"]).content.decode()

    unscored = Indicator.objects.create(area=scored.area, text="Never scored.", order=30)
    client.post(f"{ROOT}indicators/{unscored.pk}/", {"text": "Never scored, reworded.", "source": "", "order": "31"})
    unscored.refresh_from_db()
    assert (unscored.text, unscored.order, unscored.active) == ("Never scored, reworded.", 31, True)

    client.post(f"{ROOT}indicators/{unscored.pk}/status/", {"active": "0"})
    unscored.refresh_from_db()
    assert not unscored.active
    assert f'name="grade_{unscored.pk}"' not in client.get(f"{ROOT}{assessment.pk}/score/").content.decode()
    client.post(f"{ROOT}indicators/{unscored.pk}/status/", {"active": "1"})
    unscored.refresh_from_db()
    assert unscored.active
    assert client.get(f"{ROOT}indicators/{unscored.pk}/status/").status_code == 405


def test_changing_an_indicator_with_no_wording_is_refused_and_nothing_changed(client, senior_manager):
    client.force_login(senior_manager)
    indicator = Indicator.objects.filter(area__framework__code="ilacs_2023").first()
    text = indicator.text
    page = client.post(f"{ROOT}indicators/{indicator.pk}/", {"text": "", "source": "", "order": ""}).content.decode()
    assert "Enter what good looks like" in page and "Enter the position in the area" in page
    indicator.refresh_from_db()
    assert indicator.text == text
