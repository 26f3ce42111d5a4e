"""The child's page works out what is due from rows it has already read; caseloads work it out
with aggregate queries. Both must give the same answer."""

from datetime import date

import pytest

from cases import selectors
from cases.codes import CategoryOfAbuse, LookedAfterNeed, PlacementProvider, PlacementType
from cases.models import Episode, Event, EventKind, Placement, Stage

TODAY = date(2026, 3, 2)


def _both_ways(child):
    rows = selectors.child_record_rows(child=child)
    in_memory = selectors.due_for_child(child=child, rows=rows, today=TODAY)
    aggregated = selectors.due_for_children(children=[child], today=TODAY)[child.pk]
    return in_memory, aggregated


@pytest.mark.django_db
def test_a_looked_after_child_gets_the_same_deadlines_either_way(practitioner, make_child, team_a):
    child = make_child(team_a, date_of_birth=date(2014, 6, 1))
    care = Episode.objects.create(child=child, stage=Stage.LOOKED_AFTER, start_date=date(2025, 1, 6),
                                  category_of_need=LookedAfterNeed.N1, recorded_by=practitioner)
    Placement.objects.create(episode=care, start_date=date(2025, 1, 6), end_date=date(2025, 5, 1),
                             placement_type=PlacementType.U6, provider=PlacementProvider.PR1, recorded_by=practitioner)
    Placement.objects.create(episode=care, start_date=date(2025, 5, 1), placement_type=PlacementType.U4,
                             provider=PlacementProvider.PR1, recorded_by=practitioner)
    for kind, day in [
        (EventKind.VISIT, date(2025, 4, 1)), (EventKind.VISIT, date(2025, 12, 1)),
        (EventKind.LOOKED_AFTER_REVIEW, date(2025, 2, 3)), (EventKind.LOOKED_AFTER_REVIEW, date(2025, 5, 1)),
        (EventKind.HEALTH_ASSESSMENT, date(2025, 2, 1)), (EventKind.PERSONAL_EDUCATION_PLAN, date(2025, 10, 1)),
    ]:
        Event.objects.create(child=child, episode=care, kind=kind, date=day, author=practitioner)
    in_memory, aggregated = _both_ways(child)
    assert [(item.what, item.due) for item in in_memory] == [(item.what, item.due) for item in aggregated]
    assert {item.what for item in in_memory} == {
        "Looked-after review", "Looked-after visit", "Health assessment", "Personal education plan"
    }


@pytest.mark.django_db
def test_an_assessment_after_a_referral_and_a_child_protection_plan_agree_either_way(practitioner, make_child, team_a):
    child = make_child(team_a)
    referral = Episode.objects.create(child=child, stage=Stage.REFERRAL, start_date=date(2026, 1, 5),
                                      end_date=date(2026, 1, 6), recorded_by=practitioner)
    Episode.objects.create(child=child, stage=Stage.ASSESSMENT, start_date=date(2026, 1, 9), stepped_from=referral,
                           recorded_by=practitioner)
    plan = Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=date(2026, 1, 20),
                                  initial_category=CategoryOfAbuse.NEGLECT, recorded_by=practitioner)
    Event.objects.create(child=child, episode=plan, kind=EventKind.VISIT, date=date(2026, 2, 2), author=practitioner)
    in_memory, aggregated = _both_ways(child)
    assert [(item.what, item.due) for item in in_memory] == [(item.what, item.due) for item in aggregated]
    assert ("Assessment completed and authorised", date(2026, 3, 9)) in [(item.what, item.due) for item in in_memory]
