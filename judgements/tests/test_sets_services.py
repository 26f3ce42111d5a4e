"""Recording and correcting judgement sets: the limiting rules refuse a set unless a reason for the
override is given; ILACS 2026 takes no overall grade; graded judgements do not limit; history is
kept; nothing is saved when a save is refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from judgements.grades import Grade
from judgements.models import EvidenceLink, Framework, Judgement, JudgementSet, Source
from judgements.sets import services
from judgements.sets.services import Entry

pytestmark = pytest.mark.django_db

O, G, R, I = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE


def _entries(**grades) -> dict[str, Entry]:
    return {code: Entry(grade=grade) for code, grade in grades.items()}


def _create(actor, framework="sif_2013", override_reason="", **grades) -> JudgementSet:
    return services.judgement_set_create(
        actor=actor, framework=Framework.objects.get(code=framework), source=Source.MOCK, title="Mock inspection",
        judged_on=date(2026, 3, 2), entries=_entries(**grades), override_reason=override_reason,
    )


def test_a_set_that_breaks_a_limiting_rule_is_refused_and_nothing_is_saved(senior_manager):
    with pytest.raises(ValidationError) as refused:
        _create(senior_manager, overall=G, help_protection=I, looked_after=G, leadership=G)
    message = refused.value.message_dict["overall"][0]
    assert "must be inadequate" in message and "help and protection" in message
    assert not JudgementSet.objects.exists() and not Judgement.objects.exists()


def test_a_reason_for_the_override_lets_the_set_be_saved_and_keeps_the_reason(senior_manager):
    saved = _create(senior_manager, override_reason="  Recorded as the mock inspectors agreed it.  ",
                    overall=G, help_protection=I, looked_after=G, leadership=G)
    saved.refresh_from_db()
    assert saved.override_reason == "Recorded as the mock inspectors agreed it."
    assert saved.overall == G and saved.grades()["help_protection"] == I


def test_a_reason_is_refused_when_no_rule_is_broken(senior_manager):
    with pytest.raises(ValidationError) as refused:
        _create(senior_manager, override_reason="Just in case", overall=G, help_protection=R, looked_after=G, leadership=G)
    assert "nothing to override" in refused.value.message_dict["override_reason"][0]
    assert not JudgementSet.objects.exists()


@pytest.mark.parametrize("override_reason", ["", "Ofsted said so"])
def test_ilacs_2026_refuses_an_overall_grade_even_with_a_reason(senior_manager, override_reason):
    with pytest.raises(ValidationError) as refused:
        _create(senior_manager, framework="ilacs_2026", override_reason=override_reason, overall=G, leaders=G)
    assert "makes no overall effectiveness judgement" in refused.value.message_dict["overall"][0]
    assert not JudgementSet.objects.exists()


def test_ilacs_2026_sets_have_no_overall_judgement(senior_manager):
    saved = _create(senior_manager, framework="ilacs_2026", leaders=G, help_protection=R, in_care=G, care_leavers=I)
    assert sorted(saved.grades()) == ["care_leavers", "help_protection", "in_care", "leaders"]
    assert saved.overall is None


@pytest.mark.parametrize("graded", ["adoption", "care_leavers"])
def test_an_inadequate_graded_judgement_does_not_limit_overall(senior_manager, graded):
    saved = _create(senior_manager, overall=G, help_protection=G, looked_after=G, leadership=G, **{graded: I})
    assert saved.grades()[graded] == I and not saved.override_reason


def test_an_inadequate_lscb_review_does_not_limit_overall(senior_manager):
    _create(senior_manager, overall=O, help_protection=O, looked_after=O, leadership=O, lscb=I)


@pytest.mark.parametrize(("overall", "grades"), [
    (R, {"help_protection": R, "looked_after": R, "adoption": G, "care_leavers": R, "leadership": R, "lscb": R}),
    (G, {"help_protection": R, "looked_after": G, "adoption": G, "care_leavers": G, "leadership": G, "lscb": G}),
], ids=["Herefordshire 2014", "Blackburn with Darwen 2017"])
def test_real_published_sif_outcomes_save_without_an_override(senior_manager, overall, grades):
    saved = _create(senior_manager, overall=overall, **grades)
    assert saved.grades() == {"overall": overall, **grades} and not saved.override_reason


def test_every_area_gets_a_judgement_and_the_recorder_is_in_the_history(senior_manager):
    saved = _create(senior_manager, overall=R, help_protection=R)
    codes = [judgement.area.code for judgement in saved.judgements.order_by("area__order")]
    assert codes == ["overall", "help_protection", "looked_after", "adoption", "care_leavers", "leadership", "lscb"]
    assert saved.grades()["looked_after"] is None  # not graded
    assert saved.created_by == senior_manager
    assert saved.history.get().history_user == senior_manager
    assert saved.judgements.get(area__code="overall").history.get().history_user == senior_manager


def test_evidence_and_links_are_kept_with_each_judgement(senior_manager):
    entries = {"overall": Entry(grade=G, evidence="Strong leadership.", links=(("Audit programme", "/audits/samples/4/"),
                                                                            ("Report", "https://example.org/r.pdf")))}
    saved = services.judgement_set_create(actor=senior_manager, framework=Framework.objects.get(code="ilacs_2023"),
                                          source=Source.SELF_ASSESSMENT, title="Self-assessment", judged_on=date(2025, 4, 1),
                                          entries=entries)
    overall = saved.judgements.get(area__code="overall")
    assert overall.evidence == "Strong leadership."
    assert [(link.title, link.url) for link in overall.links.all()] == [("Audit programme", "/audits/samples/4/"),
                                                                        ("Report", "https://example.org/r.pdf")]


def test_correcting_a_set_keeps_history_and_only_touches_what_changed(senior_manager, auditor):
    saved = _create(senior_manager, overall=R, help_protection=R, looked_after=G, leadership=R)
    entries = _entries(overall=G, help_protection=R, looked_after=G, leadership=G)
    entries["leadership"] = Entry(grade=G, links=(("Board minutes", "/lscb/meetings/3/"),))
    services.judgement_set_update(actor=auditor, judgement_set=saved, source=Source.MOCK, title="Mock, corrected",
                                  judged_on=date(2026, 3, 3), entries=entries)
    saved.refresh_from_db()
    assert saved.title == "Mock, corrected" and saved.grades()["overall"] == G and saved.grades()["leadership"] == G
    assert saved.history.count() == 2 and saved.history.first().history_user == auditor
    assert saved.judgements.get(area__code="overall").history.count() == 2
    assert saved.judgements.get(area__code="help_protection").history.count() == 1  # unchanged: no new version
    assert list(saved.judgements.get(area__code="leadership").links.values_list("title", flat=True)) == ["Board minutes"]


def test_a_refused_correction_changes_nothing(senior_manager):
    saved = _create(senior_manager, overall=R, help_protection=R)
    with pytest.raises(ValidationError):
        services.judgement_set_update(actor=senior_manager, judgement_set=saved, source=Source.MOCK, title="Changed",
                                      judged_on=date(2026, 3, 3), entries=_entries(overall=G, help_protection=I))
    saved.refresh_from_db()
    assert saved.title == "Mock inspection" and saved.grades()["help_protection"] == R and saved.history.count() == 1


def test_when_tying_the_set_to_its_record_fails_nothing_is_saved(senior_manager):
    def attach(judgement_set):
        raise ValidationError("Someone else has recorded this inspection's judgements in the meantime.")

    entries = _entries(overall=R, help_protection=R)
    entries["overall"] = Entry(grade=R, links=(("Report", "/inspections/1/"),))
    with pytest.raises(ValidationError):
        services.judgement_set_create(actor=senior_manager, framework=Framework.objects.get(code="sif_2013"),
                                      source=Source.OFSTED, title="SIF", judged_on=date(2014, 8, 1), entries=entries,
                                      on_saved=attach)
    assert not JudgementSet.objects.exists() and not Judgement.objects.exists() and not EvidenceLink.objects.exists()
