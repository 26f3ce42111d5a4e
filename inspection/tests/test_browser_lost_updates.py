"""Two officers change the same action at once, each in their own browser: the first saves, and the
second is told who changed the action and when, with what they typed still on the page and the
first officer's change kept. axe-core finds no violation on the page with the refusal."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import Action
from actionplans.tests.plan_support import make_action, make_plan, make_recommendation
from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from inspection.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_officer_to_save_an_action_is_told_who_changed_it_and_nothing_is_lost(
        browser, live_server, senior_manager, make_user):
    jo = make_user("jo.bloggs", Role.SENIOR_MANAGER)
    jo.first_name, jo.last_name = "Jo", "Bloggs"
    jo.save()
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager)
    edit = f"{live_server.url}/action-plans/actions/{action.pk}/edit/"
    jo_context, sam_context = (browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2))
    try:
        jo_page, sam_page = jo_context.new_page(), sam_context.new_page()
        sign_in(jo_page, live_server, "jo.bloggs", PASSWORD)
        sign_in(sam_page, live_server, "senior", PASSWORD)
        for page in (jo_page, sam_page):
            page.goto(edit)
            expect(page.get_by_role("heading", name="Change the action")).to_be_visible()

        jo_page.get_by_label("How we will know it has worked").fill("Re-audit shows 9 in 10 plans are SMART.")
        jo_page.get_by_role("button", name="Save").click()
        expect(jo_page.get_by_text("Action saved.")).to_be_visible()

        sam_page.get_by_label("How we will know it has worked").fill("Every plan is SMART at re-audit.")
        sam_page.get_by_role("button", name="Save").click()
        summary = sam_page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text(re.compile(
            r"Jo Bloggs changed this record at \d\d:\d\d while you were editing it\. Your changes have not been saved\. "
            r"Check the record as it is now and make your changes again\."))
        expect(sam_page).to_have_title(re.compile("^Error: "))
        expect(sam_page.get_by_label("How we will know it has worked")).to_have_value("Every plan is SMART at re-audit.")
        assert_accessible(sam_page, "lost-update-refused")

        saved_at = timezone.localtime(Action.history.filter(id=action.pk).latest("history_date").history_date)
        expect(summary).to_contain_text(f"at {saved_at:%H:%M}")
        assert Action.objects.get(pk=action.pk).measure_of_success == "Re-audit shows 9 in 10 plans are SMART."

        # The summary's link takes the officer to the form.
        summary.get_by_role("link").click()
        expect(sam_page.get_by_label("Action", exact=True)).to_be_focused()
    finally:
        jo_context.close()
        sam_context.close()
