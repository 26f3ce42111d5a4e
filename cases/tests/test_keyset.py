"""Keyset pages (cases/keyset.py): the conditions for the rows either side of a row, in any mix of
ascending and descending fields, and counting no further than a limit."""

import pytest
from django.db.models import Q

from cases.keyset import beyond, count_up_to, keyset_page, reversed_order
from cases.models import Child


def test_the_rows_after_a_row_in_ascending_order():
    assert beyond([("last_name", "B"), ("local_id", "7")]) == Q(last_name__gte="B") & (
        Q(last_name__gt="B") | Q(last_name="B", local_id__gt="7"))


def test_a_descending_field_turns_its_comparison_round():
    assert beyond([("-date_of_birth", 1), ("last_name", "B")]) == Q(date_of_birth__lte=1) & (
        Q(date_of_birth__lt=1) | Q(date_of_birth=1, last_name__gt="B"))
    assert beyond([("-date_of_birth", 1), ("last_name", "B")], forwards=False) == Q(date_of_birth__gte=1) & (
        Q(date_of_birth__gt=1) | Q(date_of_birth=1, last_name__lt="B"))


def test_an_order_run_backwards():
    assert reversed_order(["-date_of_birth", "last_name", "local_id"]) == ["date_of_birth", "-last_name", "-local_id"]


@pytest.mark.django_db
def test_counting_stops_one_past_the_limit(make_child, team_a, django_assert_num_queries):
    for _ in range(7):
        make_child(team_a)
    with django_assert_num_queries(1):
        assert count_up_to(Child.objects.all(), 5) == 6
    assert count_up_to(Child.objects.all(), 10) == 7


@pytest.mark.django_db
def test_descending_pages_meet_without_a_gap_or_a_repeat(make_child, team_a):
    for number in range(7):
        make_child(team_a, local_id=f"C{number}")
    order = ["-local_id"]
    first = keyset_page(Child.objects.all(), order=order, per_page=3)
    second = keyset_page(Child.objects.all(), order=order, per_page=3, after=first.next_cursor)
    third = keyset_page(Child.objects.all(), order=order, per_page=3, after=second.next_cursor)
    assert [[child.local_id for child in page] for page in (first, second, third)] == [
        ["C6", "C5", "C4"], ["C3", "C2", "C1"], ["C0"]]
    assert (first.has_previous, third.has_next) == (False, False)
    back = keyset_page(Child.objects.all(), order=order, per_page=3, before=third.previous_cursor)
    assert [child.local_id for child in back] == ["C3", "C2", "C1"]
