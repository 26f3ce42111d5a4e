"""Elected members and safeguarding board members never see a child's identity (issue 11, data
protection): seed a demo council, sign in as each, follow every link they can reach from their home
page (every page, every figure, every committee paper, every PDF they may download), and find no
child's name, ID or date of birth in any of it.

Each seeded child's full name, local ID and date of birth (in the formats the app and people use)
is looked for in every response; the crawl fails if a reachable page answers with a server error.
So that the test can fail, it first proves the same search finds the children on a page a senior
manager reaches."""

import io
import re
from collections import deque
from pathlib import Path
from datetime import date, timedelta
from urllib.parse import urldefrag, urlparse

import pdfplumber
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases.models import Child
from inspection import services
from inspection.models import CommitteeReport, ReportJob
from inspection.roles import Role

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 15)
PASSWORD = "demo-password-for-tests"
MAX_PAGES = 400
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Links a crawl must not follow: they change things (sign out) or are not pages of the app.
SKIP = re.compile(r"^/(account/sign-out|admin/|static/|media/)")


@pytest.fixture
def council(monkeypatch, audit_template, django_capture_on_commit_callbacks):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: AS_OF)
    call_command("seed_demo", children=60, seed=5, as_of=AS_OF, password=PASSWORD, stdout=io.StringIO())
    # Birthdays in 1996, a year no other record has a date in, so that a date found on a page can
    # only be a birthday (a baby born on the day of a board meeting would otherwise look like a leak).
    children = list(Child.objects.order_by("pk"))
    for number, child in enumerate(children):
        child.date_of_birth = date(1996, 1, 1) + timedelta(days=3 * number)
    Child.objects.bulk_update(children, ["date_of_birth"])
    # A committee paper produced and issued, so members have a PDF to download.
    officer = get_user_model().objects.get(username="senior.manager")
    paper = CommitteeReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.report_job_request(actor=officer, kind=ReportJob.Kind.COMMITTEE, parameters={"report": paper.pk})
    job.refresh_from_db()
    assert job.status == ReportJob.Status.READY, job.error
    from inspection.committee.services import committee_report_issue

    committee_report_issue(actor=officer, report=paper)


def identities() -> dict[str, str]:
    """Every child's identifying strings, each mapped to a description for the failure message."""
    found = {}
    for child in Child.objects.all():
        dob = child.date_of_birth
        for text in (f"{child.first_name} {child.last_name}", f"{child.last_name}, {child.first_name}", child.local_id,
                     dob.isoformat(), f"{dob:%-d %B %Y}", f"{dob:%-d %b %Y}", f"{dob:%d/%m/%Y}", f"{dob:%-d/%-m/%Y}"):
            if text.strip(", "):
                found[text] = f"child {child.local_id}"
    return found


def text_of(response) -> str:
    if response["Content-Type"].startswith("application/pdf"):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def crawl(client, start: str = "/") -> dict[str, str]:
    """GET every same-site link reachable from ``start``; the text of each page (and PDF) by URL."""
    seen, pages, queue = {start}, {}, deque([start])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code != 200:
            continue
        text = text_of(response)
        pages[url] = text
        if "text/html" not in response["Content-Type"]:
            continue
        for href in re.findall(r'href="([^"]+)"', text):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or not link.startswith("/") or SKIP.match(link) or link in seen:
                continue
            seen.add(link)
            queue.append(link)
    return pages


def leaks(pages: dict[str, str], who: dict[str, str]) -> list[str]:
    return [f"{url}: {text!r} ({what})" for url, page in pages.items() for text, what in who.items() if text in page]


@pytest.mark.parametrize("username,role", [("councillor", Role.ELECTED_MEMBER), ("board.member", Role.BOARD_MEMBER)])
def test_nothing_a_member_can_reach_names_a_child(client, council, username, role):
    client.force_login(get_user_model().objects.get(username=username))
    pages = crawl(client)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"privacy-crawl-{username}.txt").write_text(
        f"{len(pages)} pages and files reached by {username}, {len(identities())} identifying strings looked for:\n"
        + "\n".join(sorted(pages)) + "\n")
    assert len(pages) >= (20 if role == Role.ELECTED_MEMBER else 8), sorted(pages)
    if role == Role.ELECTED_MEMBER:
        assert any(url.startswith("/dashboards/members/") for url in pages)
        assert any(url.startswith("/committee-reports/") and url.endswith("/download/") for url in pages)
    found = leaks(pages, identities())
    assert found == [], "\n".join(found)


def test_the_same_search_finds_children_on_a_managers_page(client, council):
    """The check above can fail: a senior manager's children list names the seeded children."""
    client.force_login(get_user_model().objects.get(username="senior.manager"))
    page = text_of(client.get("/children/"))
    assert leaks({"/children/": page}, identities())
