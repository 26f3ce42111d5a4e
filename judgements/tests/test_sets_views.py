"""Judgement set pages: who may see and record them, recording and correcting through the form
(including the real published SIF outcomes of seeds 001 and 002), refusals shown back with nothing
saved, the list with the grade history by area in a constant number of queries, and recording an
inspection's judgements from its page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspection.models import Inspection
from judgements.frameworks import FRAMEWORKS
from judgements.grades import Grade
from judgements.models import Framework, JudgementSet, Source
from judgements.sets import services
from judgements.sets.services import Entry

pytestmark = pytest.mark.django_db

O, G, R, I = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
HEREFORDSHIRE_2014 = {"overall": R, "help_protection": R, "looked_after": R, "adoption": G, "care_leavers": R,
                      "leadership": R, "lscb": R}
BLACKBURN_WITH_DARWEN_2017 = {"overall": G, "help_protection": R, "looked_after": G, "adoption": G, "care_leavers": G,
                              "leadership": G, "lscb": G}


def _form(framework="sif_2013", grades=None, title="Mock inspection, March 2026", on=(2, 3, 2026), source=Source.MOCK,
          **extra) -> dict:
    day, month, year = on
    data = {"title": title, "source": source, "judged_on_0": day, "judged_on_1": month, "judged_on_2": year, "summary": ""}
    for area in FRAMEWORKS[framework].areas:
        data[f"grade_{area.code}"] = (grades or {}).get(area.code, "")
        data[f"evidence_{area.code}"] = ""
        data[f"links_{area.code}"] = ""
    data.update(extra)
    return data


def _set(actor, framework="sif_2013", judged_on=date(2026, 3, 2), source=Source.MOCK, title="Mock inspection", **grades):
    return services.judgement_set_create(
        actor=actor, framework=Framework.objects.get(code=framework), source=source, title=title, judged_on=judged_on,
        entries={code: Entry(grade=grade) for code, grade in grades.items()},
    )


@pytest.fixture
def mock_set(senior_manager):
    return _set(senior_manager, overall=R, help_protection=R, looked_after=G, leadership=R)


PAGES = ["/judgements/", "/judgements/new/", "/judgements/new/?framework=sif_2013&source=mock", "/judgements/{pk}/",
         "/judgements/{pk}/edit/"]


@pytest.mark.parametrize("path", PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, mock_set, path):
    response = client.get(path.format(pk=mock_set.pk))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("path", PAGES)
def test_practitioners_and_administrators_are_refused_every_page(client, practitioner, administrator, mock_set, path):
    for user in (practitioner, administrator):
        client.force_login(user)
        assert client.get(path.format(pk=mock_set.pk)).status_code == 403
        assert client.post(path.format(pk=mock_set.pk), _form(grades={"overall": G})).status_code == 403
    assert JudgementSet.objects.count() == 1


@pytest.mark.parametrize("fixture", ["elected_member", "team_manager", "auditor"])
def test_readers_see_the_list_and_a_set_but_cannot_record_or_correct(client, request, mock_set, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/judgements/").status_code == 200
    page = client.get(f"/judgements/{mock_set.pk}/").content.decode()
    assert "Mock inspection" in page and "Correct the judgements" not in page
    assert "Record judgements" not in client.get("/judgements/").content.decode()
    for path in PAGES[1:3] + PAGES[4:]:
        assert client.get(path.format(pk=mock_set.pk)).status_code == 403
        assert client.post(path.format(pk=mock_set.pk), _form(grades={"overall": G})).status_code == 403
    mock_set.refresh_from_db()
    assert mock_set.grades()["overall"] == R and JudgementSet.objects.count() == 1


def test_the_judgements_menu_item_shows_for_readers_and_is_current_on_judgements_pages(client, elected_member, practitioner):
    client.force_login(elected_member)
    page = client.get("/judgements/").content.decode()
    assert '<a class="moj-primary-navigation__link" href="/judgements/" aria-current="page">Judgements</a>' in page
    inspections = client.get("/inspections/").content.decode()
    assert inspections.index(">Inspections</a>") < inspections.index(">Judgements</a>")
    assert '<a class="moj-primary-navigation__link" href="/judgements/">Judgements</a>' in inspections
    client.force_login(practitioner)
    assert 'href="/judgements/"' not in client.get("/").content.decode()


def test_recording_starts_with_the_framework_and_source(client, senior_manager):
    client.force_login(senior_manager)
    page = client.get("/judgements/new/").content.decode()
    assert "Which inspection framework are the judgements made under?" in page
    assert 'value="ilacs_2026"' in page and "checked" in page.split('value="ilacs_2026"')[1][:40]  # in force today
    refused = client.post("/judgements/new/", {})
    assert refused.status_code == 200
    assert "Choose the inspection framework" in refused.content.decode() and "<title>Error: " in refused.content.decode()
    response = client.post("/judgements/new/", {"framework": "sif_2013", "source": "mock"})
    assert response.status_code == 302 and response["Location"] == "/judgements/new/?framework=sif_2013&source=mock"


def test_the_grades_form_follows_the_framework(client, senior_manager):
    client.force_login(senior_manager)
    page = client.get("/judgements/new/?framework=sif_2013&source=mock").content.decode()
    names = [area.name for area in FRAMEWORKS["sif_2013"].areas]
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
    assert 'name="grade_overall"' in page and "Judged separately" in page
    assert "Graded within “The experiences and progress of children looked after and achieving permanence”" in page
    assert 'value="mock" checked' in page or "checked" in page.split('value="mock"')[1][:40]
    ilacs_2026 = client.get("/judgements/new/?framework=ilacs_2026&source=self_assessment").content.decode()
    assert 'name="grade_overall"' not in ilacs_2026 and 'name="override_reason"' not in ilacs_2026
    assert "makes no overall effectiveness judgement" in ilacs_2026
    assert client.get("/judgements/new/?framework=nonsense").status_code == 404


@pytest.mark.parametrize(("title", "on", "grades"), [
    ("Herefordshire SIF 2014", (30, 6, 2014), HEREFORDSHIRE_2014),  # published 30 June 2014 (seed 001)
    ("Blackburn with Darwen SIF 2017", (8, 12, 2017), BLACKBURN_WITH_DARWEN_2017),  # published 8 December 2017 (seed 002)
])
def test_real_published_sif_outcomes_are_recorded_through_the_form_without_an_override(client, senior_manager, title, on, grades):
    client.force_login(senior_manager)
    response = client.post("/judgements/new/?framework=sif_2013&source=ofsted",
                           _form(grades=grades, title=title, on=on, source=Source.OFSTED))
    saved = JudgementSet.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/judgements/{saved.pk}/"
    assert saved.grades() == grades and saved.override_reason == "" and saved.source == Source.OFSTED
    assert saved.judged_on == date(on[2], on[1], on[0])
    page = client.get(response["Location"]).content.decode()
    assert "The grades follow the limiting rules." in page and "breaks a limiting rule" not in page


def test_a_rule_breaking_set_is_shown_back_with_the_rule_and_nothing_is_saved(client, senior_manager):
    client.force_login(senior_manager)
    data = _form(grades={"overall": G, "help_protection": I, "looked_after": G, "leadership": G},
                 evidence_overall="Kept when shown back")
    response = client.post("/judgements/new/?framework=sif_2013&source=mock", data)
    page = response.content.decode()
    assert response.status_code == 200 and not JudgementSet.objects.exists()
    assert "<title>Error: Record judgements" in page and "There is a problem" in page
    rule = "Overall effectiveness must be inadequate when a key judgement is inadequate"
    assert page.count(rule) == 2  # in the error summary and on the overall grade
    assert '<li><a href="#id_grade_overall_1">Overall effectiveness must be inadequate' in page  # lands on the first radio
    assert 'id="id_grade_overall_1_error"' in page and 'id="id_grade_overall_1"' in page
    assert "Kept when shown back" in page


def test_with_a_reason_the_rule_breaking_set_is_saved_and_the_reason_is_shown_on_the_detail_and_list(client, senior_manager):
    client.force_login(senior_manager)
    data = _form(grades={"overall": G, "help_protection": I, "looked_after": G, "leadership": G},
                 override_reason="The mock inspectors judged practice improving fast.")
    response = client.post("/judgements/new/?framework=sif_2013&source=mock", data)
    saved = JudgementSet.objects.get()
    assert response.status_code == 302 and saved.override_reason == "The mock inspectors judged practice improving fast."
    detail = client.get(f"/judgements/{saved.pk}/").content.decode()
    assert "The overall grade breaks a limiting rule" in detail
    assert "The mock inspectors judged practice improving fast." in detail
    assert "Overall effectiveness must be inadequate when a key judgement is inadequate" in detail
    listing = client.get("/judgements/").content.decode()
    assert "Overall breaks a rule" in listing and "The mock inspectors judged practice improving fast." in listing


def test_bad_input_is_shown_back_with_messages_and_nothing_is_saved(client, senior_manager):
    client.force_login(senior_manager)
    data = _form(title="", on=(31, 2, 2026), links_overall="Audit programme /audits/1/\n | /audits/2/\nReport | javascript:alert(1)")
    response = client.post("/judgements/new/?framework=sif_2013&source=mock", data)
    page = response.content.decode()
    assert response.status_code == 200 and not JudgementSet.objects.exists()
    assert '<a href="#id_title">Enter a title</a>' in page and '<a href="#id_judged_on_0">Enter a real date</a>' in page
    assert 'id="id_judged_on_0"' in page
    assert "Line 1: put a vertical bar ( | ) between the title and the address" in page
    assert "Line 2: enter a title before the vertical bar" in page
    assert "Line 3: the address must be a page in Line of Sight" in page


def test_a_senior_manager_records_a_set_with_evidence_and_links(client, senior_manager):
    client.force_login(senior_manager)
    data = _form(framework="ilacs_2023", grades={"overall": G, "leaders": G, "help_protection": R, "in_care": G,
                                                 "care_leavers": G},
                 source=Source.SELF_ASSESSMENT, title="Self-assessment 2026",
                 evidence_help_protection="Assessments are timely but plans drift.",
                 links_help_protection="Audit programme, March 2026 | /audits/samples/4/\nOfsted report | https://reports.ofsted.gov.uk/x")
    response = client.post("/judgements/new/?framework=ilacs_2023&source=self_assessment", data)
    saved = JudgementSet.objects.get()
    assert response.status_code == 302 and saved.framework.code == "ilacs_2023" and saved.created_by == senior_manager
    detail = client.get(f"/judgements/{saved.pk}/").content.decode()
    assert "Assessments are timely but plans drift." in detail
    assert '<a class="govuk-link" href="/audits/samples/4/">Audit programme, March 2026</a>' in detail
    assert "By Senior Tester on" in detail


def test_a_senior_manager_corrects_a_set_and_the_earlier_version_is_kept(client, senior_manager, mock_set):
    client.force_login(senior_manager)
    form = client.get(f"/judgements/{mock_set.pk}/edit/").content.decode()
    assert 'value="Mock inspection"' in form and "Correct the judgements" in form
    response = client.post(f"/judgements/{mock_set.pk}/edit/",
                           _form(grades={"overall": G, "help_protection": R, "looked_after": G, "leadership": G},
                                 title="Mock inspection (moderated)", links_leadership="Minutes | /lscb/1/"))
    assert response.status_code == 302 and response["Location"] == f"/judgements/{mock_set.pk}/"
    mock_set.refresh_from_db()
    assert mock_set.title == "Mock inspection (moderated)" and mock_set.grades()["overall"] == G
    assert mock_set.history.count() == 2
    assert "Last corrected" in client.get(response["Location"]).content.decode()
    again = client.get(f"/judgements/{mock_set.pk}/edit/").content.decode()
    assert "Minutes | /lscb/1/" in again


def test_a_bad_correction_is_shown_back_and_nothing_changes(client, senior_manager, mock_set):
    client.force_login(senior_manager)
    response = client.post(f"/judgements/{mock_set.pk}/edit/",
                           _form(grades={"overall": O, "help_protection": I}, title="Changed"))
    assert response.status_code == 200 and "must be inadequate" in response.content.decode()
    mock_set.refresh_from_db()
    assert mock_set.title == "Mock inspection" and mock_set.history.count() == 1


def test_the_list_shows_sets_newest_first_and_the_grade_history_in_date_order(client, senior_manager):
    _set(senior_manager, judged_on=date(2024, 1, 10), title="Self-assessment 2024", source=Source.SELF_ASSESSMENT,
         overall=I, help_protection=I)
    _set(senior_manager, judged_on=date(2025, 6, 1), title="Mock 2025", overall=R, help_protection=R)
    _set(senior_manager, judged_on=date(2025, 1, 5), title="ILACS self-assessment", framework="ilacs_2023",
         source=Source.SELF_ASSESSMENT, overall=G, leaders=G)
    client.force_login(senior_manager)
    page = client.get("/judgements/").content.decode()
    listing, history = page.split("Grade history by area")
    assert listing.index("Mock 2025") < listing.index("ILACS self-assessment") < listing.index("Self-assessment 2024")
    sif = history[history.index("Single inspection framework"):]
    assert "Inspecting local authority children&#x27;s services (from January 2023)" in history
    assert history.index("Inspecting local authority") < history.index("Single inspection framework")
    assert sif.index("Self-assessment 2024") < sif.index("Mock 2025")  # oldest on the left
    assert "Self-assessment" in sif and "Mock inspection" in sif
    help_row = sif[sif.index("who need help and protection</th>"):].split("</tr>")[0]
    assert help_row.index("Inadequate") < help_row.index("Requires improvement")  # the trend across sets


def test_the_list_makes_the_same_number_of_queries_for_2_and_20_sets(client, senior_manager, django_assert_max_num_queries):
    client.force_login(senior_manager)

    def record(count: int) -> None:
        JudgementSet.objects.all().delete()
        for n in range(count):
            if n % 2:
                _set(senior_manager, judged_on=date(2024, 1, 1 + n), title=f"Set {n}", overall=R, help_protection=R)
            else:
                _set(senior_manager, framework="ilacs_2023", judged_on=date(2024, 1, 1 + n), title=f"Set {n}", overall=G, leaders=G)

    record(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/judgements/").status_code == 200
    record(20)
    with django_assert_max_num_queries(len(few)):
        page = client.get("/judgements/").content.decode()
    assert page.count('href="/judgements/') >= 40  # every set, in the list and in the history


def test_the_detail_page_makes_a_constant_number_of_queries(client, senior_manager):
    client.force_login(senior_manager)
    small = _set(senior_manager, overall=R, help_protection=R)
    with CaptureQueriesContext(connection) as first:
        client.get(f"/judgements/{small.pk}/")
    entries = {code: Entry(grade=G, links=tuple((f"Link {n}", f"/audits/{n}/") for n in range(5)))
               for code in ("overall", "help_protection", "looked_after", "adoption", "care_leavers", "leadership")}
    big = services.judgement_set_create(actor=senior_manager, framework=Framework.objects.get(code="sif_2013"),
                                        source=Source.MOCK, title="Big", judged_on=date(2026, 1, 1), entries=entries)
    with CaptureQueriesContext(connection) as second:
        client.get(f"/judgements/{big.pk}/")
    assert len(second) == len(first)


# --- an inspection's judgements

@pytest.fixture
def sif_inspection(senior_manager):
    return Inspection.objects.create(kind="sif", title="Single inspection, June 2014", on_site_from=date(2014, 4, 29),
                                     published_on=date(2014, 6, 30), overall_grade=R, created_by=senior_manager)


def test_an_inspections_judgements_are_recorded_from_its_page_prefilled_and_linked(client, senior_manager, sif_inspection):
    client.force_login(senior_manager)
    page = client.get(f"/inspections/{sif_inspection.pk}/").content.decode()
    assert "No judgements recorded for this inspection yet." in page
    url = f"/judgements/new/?for=inspection:{sif_inspection.pk}"
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    assert "Single inspection framework (2013 to 2017)" in form and 'name="grade_lscb"' in form
    assert 'value="Single inspection, June 2014"' in form and 'name="judged_on_0" value="30"' in form
    assert "checked" in form.split('value="ofsted"')[1][:40]
    response = client.post(url, _form(grades=HEREFORDSHIRE_2014, title="Single inspection, June 2014", on=(30, 6, 2014),
                                      source=Source.OFSTED))
    saved = JudgementSet.objects.get()
    assert response.status_code == 302
    sif_inspection.refresh_from_db()
    assert sif_inspection.judgement_set == saved
    assert sif_inspection.history.first().history_user == senior_manager
    page = client.get(f"/inspections/{sif_inspection.pk}/").content.decode()
    assert "No judgements recorded" not in page and f'href="/judgements/{saved.pk}/"' in page
    assert "Adoption performance" in page and "Judged separately" in page
    assert client.get(url).status_code == 404  # already recorded


def test_an_ilacs_inspection_guesses_the_framework_in_force_and_can_be_changed(client, senior_manager):
    inspection = Inspection.objects.create(kind="ilacs_standard", title="ILACS, 2024", on_site_from=date(2024, 3, 4),
                                           created_by=senior_manager)
    client.force_login(senior_manager)
    form = client.get(f"/judgements/new/?for=inspection:{inspection.pk}").content.decode()
    assert "Inspecting local authority children&#x27;s services (from January 2023)" in form
    change = f"/judgements/new/?source=ofsted&amp;for=inspection%3A{inspection.pk}&amp;choose=1"
    assert change in form
    response = client.post(change.replace("&amp;", "&"), {"framework": "ilacs_2018", "source": "ofsted"})
    assert response["Location"] == f"/judgements/new/?framework=ilacs_2018&source=ofsted&for=inspection%3A{inspection.pk}"
    assert "(2018 to 2022)" in client.get(response["Location"]).content.decode()


def test_visits_that_make_no_graded_judgements_offer_no_judgements(client, senior_manager):
    visit = Inspection.objects.create(kind="focused_visit", title="Focused visit", on_site_from=date(2025, 3, 4),
                                      created_by=senior_manager)
    client.force_login(senior_manager)
    assert "Record the judgements" not in client.get(f"/inspections/{visit.pk}/").content.decode()
    assert client.get(f"/judgements/new/?for=inspection:{visit.pk}").status_code == 404


def test_only_those_who_may_correct_the_inspection_record_its_judgements(client, auditor, elected_member, sif_inspection):
    for user in (auditor, elected_member):
        client.force_login(user)
        assert "Record the judgements" not in client.get(f"/inspections/{sif_inspection.pk}/").content.decode()
        assert client.get(f"/judgements/new/?for=inspection:{sif_inspection.pk}").status_code == 403


def test_members_read_an_inspections_judgements_and_its_override_but_cannot_record(client, senior_manager, elected_member,
                                                                                     sif_inspection):
    overridden = services.judgement_set_create(
        actor=senior_manager, framework=Framework.objects.get(code="sif_2013"), source=Source.OFSTED, title="SIF",
        judged_on=date(2014, 6, 30), override_reason="Published so by Ofsted.",
        entries={"overall": Entry(grade=R), "help_protection": Entry(grade=I)},
    )
    sif_inspection.judgement_set = overridden
    sif_inspection.save()
    client.force_login(elected_member)
    page = client.get(f"/inspections/{sif_inspection.pk}/").content.decode()
    assert "The overall grade breaks a limiting rule" in page and "Published so by Ofsted." in page
    assert f'href="/judgements/{overridden.pk}/"' in page and "Record the judgements" not in page
    assert "differs from the overall grade in the judgements" not in page  # both requires improvement


def test_an_ilacs_2026_set_is_recorded_without_an_overall_grade(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/judgements/new/?framework=ilacs_2026&source=self_assessment",
                           _form(framework="ilacs_2026", grades={"leaders": G, "help_protection": R, "in_care": G},
                                 source=Source.SELF_ASSESSMENT, title="Self-assessment 2026"))
    saved = JudgementSet.objects.get()
    assert response.status_code == 302 and saved.overall is None and saved.grades()["care_leavers"] is None
    listing = client.get("/judgements/").content.decode()
    assert "No overall judgement in ILACS 2026" in listing
    detail = client.get(f"/judgements/{saved.pk}/").content.decode()
    assert "ILACS 2026 makes no overall effectiveness judgement, so no limiting rule applies." in detail


def test_a_mock_inspection_is_recorded_as_mock_judgements(client, senior_manager):
    mock = Inspection.objects.create(kind="mock", title="Peer challenge, May 2026", on_site_from=date(2026, 5, 4),
                                     created_by=senior_manager)
    client.force_login(senior_manager)
    form = client.get(f"/judgements/new/?for=inspection:{mock.pk}").content.decode()
    assert "checked" in form.split('value="mock"')[1][:40] and "(from 2026)" in form
    assert 'name="judged_on_0"' in form and 'name="judged_on_0" value=' not in form  # not published: left blank
