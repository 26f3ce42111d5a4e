"""A long chronology is read fifty entries at a time, newest first, with links either way."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cases.chronology import Entry, page_of
from cases.models import Event, EventKind

START = date(2024, 1, 1)


def entries(how_many: int) -> list[Entry]:
    return [Entry(date=START + timedelta(days=how_many - n), title=f"Visit {n}", category="visits", order=n)
            for n in range(how_many)]


def test_the_first_page_is_the_newest_25_with_the_older_ones_next():
    page = page_of(entries(120))
    assert [entry.title for entry in page.entries] == [f"Visit {n}" for n in range(25)]
    assert (page.newer, page.older, page.first, page.last, page.total) == (None, 25, 1, 25, 120)


def test_the_last_page_holds_what_is_left_with_the_newer_ones_before():
    page = page_of(entries(120), start=100)
    assert [entry.title for entry in page.entries] == [f"Visit {n}" for n in range(100, 120)]
    assert (page.newer, page.older, page.first, page.last) == (75, None, 101, 120)


def test_a_start_past_the_end_gives_the_oldest_page_and_a_short_record_is_one_page():
    assert page_of(entries(120), start=999).start == 100
    whole = page_of(entries(7), start=3)
    assert (len(whole.entries), whole.newer, whole.older) == (7, None, None)
    assert page_of([], start=50).entries == []


@pytest.mark.django_db
def test_the_record_page_shows_25_entries_and_links_to_older_ones_in_the_same_category(
    client, practitioner, make_child, team_a
):
    child = make_child(team_a)
    Event.objects.bulk_create([
        Event(child=child, kind=EventKind.VISIT, date=START + timedelta(days=n), child_seen=True, author=practitioner)
        for n in range(120)
    ])
    client.force_login(practitioner)
    url = reverse("cases:child_detail", args=[child.pk])
    first = client.get(url, {"show": "visits"})
    dates = [entry.date for entry in first.context["chronology"]]
    assert len(dates) == 25 and dates[0] == START + timedelta(days=119)
    page = first.content.decode()
    assert "Entries 1 to 25 of 120, newest first." in page
    assert 'href="?show=visits&amp;from=25#chronology" rel="next"' in page and 'rel="prev"' not in page
    second = client.get(url, {"show": "visits", "from": "25"})
    assert second.context["chronology"][0].date == START + timedelta(days=94)
    assert 'href="?show=visits&amp;from=0#chronology" rel="prev"' in second.content.decode()
    assert client.get(url, {"from": "nonsense"}).context["chronology"][0].date == dates[0]
