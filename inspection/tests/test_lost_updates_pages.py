"""No lost updates, on every edit page of the service: two officers open the same record, the first
saves a change, and the second's save is refused with a message saying who changed the record and
when, the page shown again with everything the second officer typed, and the first officer's
change kept. A single officer's edit still saves, also after the page was shown again with an
error. The mechanism itself is tested in cases/tests/test_lost_updates.py.

Each page is posted exactly as a browser would post it: every field of the page's form as the page
shows it (read from its HTML), with one field changed. Records are the access matrix's
(inspection/tests/test_access_matrix.py)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

import access_matrix
from access_matrix import MATRIX_BY_NAME
from cases.codes import LookedAfterNeed
from cases.lost_updates import AGAIN, VERSION_FIELD, token_parts
from inspection.roles import Role
from inspection.tests.test_access_matrix import NEEDS, URLS, Council, _url

pytestmark = pytest.mark.django_db

OWN = access_matrix.OWN_TEAM
DRAFT = access_matrix.DRAFT


# --- the page's form, as a browser sends it


class _Forms(HTMLParser):
    """Every POST form on a page, with what a browser would send for each: inputs (ticked boxes and
    chosen radios only), text areas, and the chosen option of each list. No files, no buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form = self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = [] if (attrs.get("method") or "").lower() == "post" else None
            if self._form is not None:
                self.forms.append(self._form)
        elif self._form is None or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.append((attrs["name"], attrs["value"] or "" if "value" in attrs else "on"))
                return
            self._form.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = {"name": attrs["name"], "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or ([self._select["first"]] if self._select["first"] is not None else [])
            self._form.extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def edit_form(response) -> dict[str, list[str]]:
    """The page's edit form (the one carrying the record's version) as the browser would post it."""
    parser = _Forms()
    parser.feed(response.content.decode())
    found = [fields for fields in parser.forms if any(name == VERSION_FIELD for name, _ in fields)]
    assert len(found) == 1, f"expected one form with a {VERSION_FIELD} field, found {len(found)}"
    data: dict[str, list[str]] = {}
    for name, value in found[0]:
        data.setdefault(name, []).append(value)
    assert len(data[VERSION_FIELD]) == 1, "the version is in the form once"
    return data


def field_named(data: dict, pattern: str) -> str:
    """The form's field called ``pattern``, or the first whose name starts with it when it ends in *."""
    if not pattern.endswith("*"):
        assert pattern in data, f"the form has no field {pattern}: {sorted(data)}"
        return pattern
    return next(name for name in data if name.startswith(pattern[:-1]))


def changed(data: dict, name: str, value: str) -> dict:
    return {**data, name: [value]}


# --- every edit page


@dataclass(frozen=True)
class EditPage:
    name: str  # the URL's full name
    record: Callable[[Council], Any]  # the record the page changes
    field: str  # the field both officers change ("prefix*": the first field so named)
    values: tuple[str, str]  # what the first officer and the second officer type in it
    invalid: tuple[str, str]  # a field and a value the form refuses (shown again with the error)
    editors: tuple[str, str] = ("senior", "jo")  # who saves first, who saves second
    who: str = "name"  # the refusal names the first editor ("name"), "you" (same officer) or "someone"
    saved: Callable[[Any, str], Any] | None = None  # the value in the database (record, field name)
    prepare: Callable[[Any], Any] | None = None  # puts the record in the state the test needs (given the record)


def _draft(audit):
    """An audit already saved as a draft, so that a second draft changes only its domain grades:
    the grades alone must be enough to refuse the stale save."""
    type(audit).objects.filter(pk=audit.pk).update(status=type(audit).Status.DRAFT)


def _fresh(record, name):
    return getattr(type(record).objects.get(pk=record.pk), name)


EDIT_PAGES = [
    EditPage("cases:episode_edit", lambda c: c.looked_after[OWN], "category_of_need",
             (LookedAfterNeed.N4.value, LookedAfterNeed.N3.value), ("start_date_0", "40"),
             editors=("manager", "practitioner")),
    EditPage("cases:event_edit", lambda c: c.events[OWN], "summary",
             ("Seen alone at school.", "Seen with her brother."), ("date_0", "40"), editors=("manager", "practitioner")),
    EditPage("cases:flag_edit", lambda c: c.flags[OWN], "note",
             ("Second police notification.", "Mother's new partner."), ("start_date_0", "40"),
             editors=("practitioner", "manager")),
    EditPage("committee:edit", lambda c: c.committee_reports[DRAFT], "purpose",
             ("To update members on preparation.", "To ask members to note the report."), ("subject", "")),
    EditPage("audits:audit_edit", lambda c: c.audits[OWN], "evidence_*",
             ("Plan reviewed on time.", "Plan not reviewed."), ("overall_grade", "9"),
             editors=("auditor", "auditor"), who="you", prepare=_draft,
             saved=lambda audit, name: audit.domain_grades.get(domain_id=int(name.split("_")[1])).evidence),
    EditPage("audits:template_domain_edit", lambda c: c.draft_template.domains.order_by("order").first(), "questions",
             ("Is the plan SMART?", "Is the child seen alone?"), ("title", ""), editors=("auditor", "auditor2")),
    EditPage("self_evaluation:edit", lambda c: c.self_evaluation, "plans",
             ("Strengthen supervision.", "Recruit permanent staff."), ("plans", ""),
             saved=lambda evaluation, name: evaluation.versions.first().plans),
    EditPage("inspections:edit", lambda c: c.inspection, "notes",
             ("Feedback meeting held.", "Lead inspector changed."), ("title", "")),
    EditPage("judgements:set_edit", lambda c: c.judgement_set, "summary",
             ("Agreed at the mock's feedback.", "Draft, to be agreed."), ("title", "")),
    EditPage("judgements:self_assessment_score", lambda c: c.self_assessment, "note",
             ("Rescored after the March audits.", "Rescored after the peer review."), ("note", "x" * 301),
             saved=lambda assessment, name: assessment.versions.order_by("-number").first().note),
    EditPage("judgements:indicator_edit", lambda c: c.indicator, "source",
             ("Ofsted's evaluation criteria", "Our practice standards"), ("text", ""), who="someone"),
    EditPage("lscb:board_edit", lambda c: c.board["board member"].board, "chair",
             ("Dr Ann Ellis OBE", "Mr Tom Hart"), ("name", "")),
    EditPage("lscb:member_edit", lambda c: c.board["board member"], "role",
             ("Detective Chief Inspector", "Detective Superintendent"), ("name", "")),
    EditPage("lscb:subgroup_edit", lambda c: c.board["board subgroup"], "purpose",
             ("Serious case reviews.", "Multi-agency audits."), ("name", ""), who="someone"),
    EditPage("lscb:meeting_edit", lambda c: c.board["board meeting"], "decisions",
             ("Agreed the neglect strategy.", "Deferred the neglect strategy."), ("date_0", "40")),
    EditPage("lscb:review_edit", lambda c: c.board["safeguarding review"], "learning",
             ("Share information sooner.", "Hear the child's voice."), ("reference", "")),
    EditPage("lscb:audit_edit", lambda c: c.board["multi-agency audit"], "findings",
             ("Plans are not shared.", "Strategy meetings lack health."), ("title", "")),
    EditPage("lscb:training_edit", lambda c: c.board["training event"], "evaluation",
             ("Referrals improved.", "No change seen yet."), ("title", "")),
    EditPage("lscb:challenge_edit", lambda c: c.board["challenge"], "response",
             ("Health will attend.", "Health disputes it."), ("issue", "")),
    EditPage("lscb:performance_edit", lambda c: c.board["performance report"], "analysis",
             ("Re-referrals are rising.", "Re-referrals are steady."), ("period", ""), who="someone"),
    EditPage("lscb:annual_report_edit", lambda c: c.board["annual report"], "note_*",
             ("Page 4.", "Missing."), ("year_end_0", "40"),
             saved=lambda report, name: report.checks.get(key=name.removeprefix("note_")).note),
    EditPage("actionplans:plan_edit", lambda c: c.plan["action plan"], "summary",
             ("Better plans for children.", "Faster assessments."), ("title", "")),
    EditPage("actionplans:recommendation_edit", lambda c: c.plan["recommendation"], "text",
             ("Improve the quality of plans.", "Improve management oversight."), ("text", "")),
    EditPage("actionplans:action_edit", lambda c: c.plan["action"], "measure_of_success",
             ("9 in 10 plans are SMART.", "All plans are SMART."), ("description", "")),
]
PAGES = {page.name: page for page in EDIT_PAGES}


def test_every_edit_page_of_the_service_is_checked_here():
    """A new edit page must be added to EDIT_PAGES (and its form given the version)."""
    edit_pages = {name for name in URLS if re.search(r"(^|:|_)edit$", name)} | {"judgements:self_assessment_score"}
    assert edit_pages - set(PAGES) == set()
    assert set(PAGES) - set(URLS) == set()


# --- two officers


@pytest.fixture
def council(make_user, make_child, team_a, team_b, audit_template):
    return Council(make_user, make_child, team_a, team_b, audit_template)


@pytest.fixture
def officers(council, make_user):
    jo = make_user("jo.bloggs", Role.SENIOR_MANAGER)
    jo.first_name, jo.last_name = "Jo", "Bloggs"
    jo.save()
    return {
        "senior": council.senior, "jo": jo, "auditor": council.auditor,
        "auditor2": make_user("auditor.two", Role.AUDITOR),
        "practitioner": council.practitioner, "manager": council.users[Role.TEAM_MANAGER.value],
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_url(page: EditPage, council: Council, user) -> str:
    entry = MATRIX_BY_NAME[page.name]
    for need in entry.needs:
        NEEDS[need](council)
    if page.prepare:
        page.prepare(page.record(council))
    return _url(entry, council, entry.scopes[0], user)


def history_rows() -> int:
    """Every row of every record's history (django-simple-history), all apps."""
    return sum(model.objects.count() for model in apps.get_models() if model.__name__.startswith("Historical"))


def saved_value(page: EditPage, record, name: str):
    return page.saved(record, name) if page.saved else _fresh(record, name)


def refusal(page: EditPage, first) -> re.Pattern:
    if page.who == "you":
        start = r"You saved a change to this record in another tab or window at \d\d:\d\d while you were editing it here\. "
        return re.compile(start + re.escape(f"The changes on this page have not been saved. {AGAIN}"))
    if page.who == "someone":
        return re.compile(re.escape(f"Someone else changed this record while you were editing it. Your changes have "
                                    f"not been saved. {AGAIN}"))
    return re.compile(re.escape(first.get_full_name()) + r" changed this record at \d\d:\d\d while you were editing "
                      + re.escape(f"it. Your changes have not been saved. {AGAIN}"))


@pytest.mark.parametrize("page", EDIT_PAGES, ids=[page.name for page in EDIT_PAGES])
def test_the_second_officer_s_save_is_refused_and_the_first_officer_s_change_is_kept(page, council, officers):
    first, second = (officers[key] for key in page.editors)
    url = page_url(page, council, first)
    first_client, second_client = signed_in(first), signed_in(second)
    first_opened, second_opened = first_client.get(url), second_client.get(url)
    assert first_opened.status_code == second_opened.status_code == 200
    first_data, second_data = edit_form(first_opened), edit_form(second_opened)
    first_version, second_version = (token_parts(data[VERSION_FIELD][0])[0] for data in (first_data, second_data))
    assert first_version == second_version != "", "both officers opened the same record"
    name = field_named(first_data, page.field)
    mine, theirs = page.values

    saved = first_client.post(url, changed(first_data, name, mine))
    assert saved.status_code == 302, f"the first officer's save failed: {edit_form(saved) if saved.status_code == 200 else saved}"
    record = page.record(council)
    assert saved_value(page, record, name) == mine
    history_before = history_rows()

    refused = second_client.post(url, changed(second_data, name, theirs))
    assert refused.status_code == 200
    html = refused.content.decode()
    summary = html[html.index('class="govuk-error-summary'):]
    assert refusal(page, first).search(summary[:summary.index("</ul>")]), summary[:1500]
    shown_again = edit_form(refused)
    assert shown_again[name] == [theirs], "the second officer's typing is kept"
    assert shown_again[VERSION_FIELD] == second_data[VERSION_FIELD], "the page still carries the version it was opened on"
    assert saved_value(page, record, name) == mine, "the first officer's change is kept"
    assert history_rows() == history_before, "nothing was written to any history"

    again = second_client.post(url, shown_again)
    assert again.status_code == 200 and refusal(page, first).search(again.content.decode()), (
        "saving the same stale page again is refused again")
    assert saved_value(page, record, name) == mine


@pytest.mark.parametrize("page", EDIT_PAGES, ids=[page.name for page in EDIT_PAGES])
def test_one_officer_s_edit_saves_also_after_the_page_is_shown_again_with_an_error(page, council, officers):
    editor = officers[page.editors[0]]
    url = page_url(page, council, editor)
    client = signed_in(editor)
    opened = edit_form(client.get(url))
    name = field_named(opened, page.field)
    bad_field, bad_value = page.invalid

    shown_again = client.post(url, changed(opened, bad_field, bad_value))
    assert shown_again.status_code == 200
    assert "govuk-error-message" in shown_again.content.decode()
    again = edit_form(shown_again)
    assert again[VERSION_FIELD] == opened[VERSION_FIELD], "the version survives the page being shown again"

    fixed = {**again, bad_field: opened.get(bad_field, [""])}
    saved = client.post(url, changed(fixed, name, page.values[0]))
    assert saved.status_code == 302, f"a single edit was refused: {saved.content.decode()[:3000]}"
    assert saved_value(page, page.record(council), name) == page.values[0]


@pytest.mark.parametrize("page", EDIT_PAGES, ids=[page.name for page in EDIT_PAGES])
def test_an_edit_page_opened_afresh_after_the_refusal_saves(page, council, officers):
    """What the message asks the officer to do: open the record as it is now and save again."""
    first, second = (officers[key] for key in page.editors)
    url = page_url(page, council, first)
    first_client, second_client = signed_in(first), signed_in(second)
    stale = edit_form(second_client.get(url))
    name = field_named(stale, page.field)
    assert first_client.post(url, changed(edit_form(first_client.get(url)), name, page.values[0])).status_code == 302
    assert second_client.post(url, changed(stale, name, page.values[1])).status_code == 200
    current = edit_form(second_client.get(url))
    assert token_parts(current[VERSION_FIELD][0])[0] != token_parts(stale[VERSION_FIELD][0])[0]
    assert second_client.post(url, changed(current, name, page.values[1])).status_code == 302
    assert saved_value(page, page.record(council), name) == page.values[1]

