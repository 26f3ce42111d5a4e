"""No lost updates (cases/lost_updates.py): the fingerprint of a record, the version a page carries,
the refusal's message, and the check made inside the save's transaction. The pages themselves are
tested, two officers at a time, in inspection/tests/test_lost_updates_pages.py."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import timezone

from cases.lost_updates import (
    Change,
    RecordChanged,
    RecordVersionMixin,
    Versioned,
    changed_message,
    fingerprint,
    history_change,
    is_current,
    newest_saved,
    refuse_if_changed,
    token_parts,
    unchanged_since_opened,
    version_as_shown,
    version_in_database,
    version_token,
)
from cases.models import Flag, FlagKind

LONDON = ZoneInfo("Europe/London")
AGAIN = "Check the record as it is now and make your changes again."


class Officer:
    """Just enough of a user for the message."""

    def __init__(self, pk, first="", last="", username="officer"):
        self.pk, self.first, self.last, self.username = pk, first, last, username

    def get_full_name(self):
        return f"{self.first} {self.last}".strip()

    def get_username(self):
        return self.username


# --- the pure part


def test_the_same_values_give_the_same_fingerprint_whatever_the_order_of_the_columns():
    row = {"id": 4, "note": "Seen at school", "start_date": date(2025, 1, 6), "amount": Decimal("1.50"), "end": None}
    assert fingerprint([row]) == fingerprint([dict(reversed(list(row.items())))])
    assert len(fingerprint([row])) == 64


@pytest.mark.parametrize("change", [
    {"note": "Seen at home"}, {"start_date": date(2025, 1, 7)}, {"amount": Decimal("1.51")}, {"end": date(2025, 2, 1)},
    {"extra": 1},
])
def test_any_change_to_any_value_changes_the_fingerprint(change):
    row = {"id": 4, "note": "Seen at school", "start_date": date(2025, 1, 6), "amount": Decimal("1.50"), "end": None}
    assert fingerprint([row]) != fingerprint([{**row, **change}])


def test_rows_that_belong_to_the_record_count_in_their_order():
    record, part_a, part_b = {"id": 1}, {"id": 2, "grade": 2}, {"id": 3, "grade": 3}
    assert fingerprint([record, part_a, part_b]) != fingerprint([record, part_b, part_a])
    assert fingerprint([record, part_a]) != fingerprint([record, part_a, part_b])


def test_the_version_token_carries_the_fingerprint_and_when_the_page_was_opened():
    opened = datetime(2026, 3, 2, 10, 41, 12, 500000, tzinfo=LONDON)
    token = version_token("abc123", opened)
    digest, when = token_parts(token)
    assert digest == "abc123"
    assert when == opened
    assert is_current(token, "abc123")
    assert not is_current(token, "abc124")


@pytest.mark.parametrize("token", ["", "garbage", "abc.notanumber", ".", "abc." + "9" * 40])
def test_a_token_that_is_not_ours_matches_nothing_and_has_no_time(token):
    digest, when = token_parts(token)
    assert when is None
    assert not is_current(token, "abc123")


def test_the_message_names_who_changed_the_record_and_at_what_time():
    jo = Officer(1, "Jo", "Bloggs")
    change = Change(jo, datetime(2026, 3, 2, 10, 42, tzinfo=LONDON))
    assert changed_message(change, actor=Officer(2), today=date(2026, 3, 2)) == (
        "Jo Bloggs changed this record at 10:42 while you were editing it. Your changes have not been saved. "
        "Check the record as it is now and make your changes again."
    )


def test_the_time_is_the_local_time_and_the_day_is_given_when_it_was_not_today():
    jo = Officer(1, "Jo", "Bloggs")
    change = Change(jo, datetime(2026, 6, 30, 23, 5, tzinfo=ZoneInfo("UTC")))  # 00:05 on 1 July in London
    message = changed_message(change, actor=Officer(2), today=date(2026, 7, 2))
    assert message.startswith("Jo Bloggs changed this record at 00:05 on 1 July 2026 while you were editing it.")


def test_a_user_without_a_full_name_is_named_by_their_username():
    change = Change(Officer(1, username="jbloggs"), datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
    assert changed_message(change, today=date(2026, 3, 2)).startswith("jbloggs changed this record at 09:00 ")


def test_the_officer_who_saved_in_another_tab_is_told_it_was_them():
    me = Officer(7, "Sam", "Patel")
    change = Change(me, datetime(2026, 3, 2, 10, 42, tzinfo=LONDON))
    assert changed_message(change, actor=me, today=date(2026, 3, 2)) == (
        "You saved a change to this record in another tab or window at 10:42 while you were editing it here. "
        f"The changes on this page have not been saved. {AGAIN}"
    )


@pytest.mark.parametrize("change, start", [
    (None, "Someone else changed this record while you were editing it."),
    (Change(), "Someone else changed this record while you were editing it."),
    (Change(None, datetime(2026, 3, 2, 10, 42, tzinfo=LONDON)), "Someone else changed this record at 10:42 while"),
])
def test_when_nobody_is_known_the_message_says_someone_else(change, start):
    message = changed_message(change, actor=Officer(2), today=date(2026, 3, 2))
    assert message.startswith(start)
    assert message.endswith(f"Your changes have not been saved. {AGAIN}")


# --- the record in the database

in_the_database = pytest.mark.django_db


@pytest.fixture
def flag(child_a, practitioner):
    made = Flag.objects.create(child=child_a, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2025, 1, 6),
                               note="Police notification", recorded_by=practitioner)
    return Flag.objects.get(pk=made.pk)


def _save(instance, actor, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = actor
    instance.save()


@in_the_database
def test_a_record_as_loaded_has_the_version_the_database_has(flag):
    assert version_as_shown(Versioned(flag)) == version_in_database(Versioned(flag))


@in_the_database
def test_a_change_saved_to_the_database_changes_its_version_but_not_the_page_s(flag, team_manager):
    shown = version_as_shown(Versioned(flag))
    _save(Flag.objects.get(pk=flag.pk), team_manager, note="Police notification, second incident")
    assert version_in_database(Versioned(flag)) != shown
    assert version_as_shown(Versioned(flag)) == shown  # the page's copy is as it was


@in_the_database
def test_a_save_that_changes_nothing_leaves_the_version_as_it_was(flag, team_manager):
    shown = version_as_shown(Versioned(flag))
    _save(Flag.objects.get(pk=flag.pk), team_manager)
    assert version_in_database(Versioned(flag)) == shown


@in_the_database
def test_a_column_stamped_on_every_save_does_not_count(senior_manager):
    from judgements.models import Framework, JudgementSet

    made = JudgementSet.objects.create(framework=Framework.objects.get(code="sif_2013"), source="mock", title="Mock",
                                       judged_on=date(2026, 3, 2), created_by=senior_manager)
    judgement_set = JudgementSet.objects.get(pk=made.pk)
    shown = version_as_shown(Versioned(judgement_set))
    JudgementSet.objects.filter(pk=made.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert version_in_database(Versioned(judgement_set)) == shown
    JudgementSet.objects.filter(pk=made.pk).update(title="Mock inspection")
    assert version_in_database(Versioned(judgement_set)) != shown


@in_the_database
def test_the_record_s_own_links_count(senior_manager):
    from lscb.models import Board, Member, Subgroup

    board = Board.objects.create(name="Board", chair="Chair", chair_since=date(2013, 9, 1))
    police = Member.objects.create(board=board, name="Mark Doyle", agency="Police")
    health = Member.objects.create(board=board, name="Ruth Adeyemi", agency="Health")
    subgroup = Subgroup.objects.create(board=board, name="Learning", purpose="Reviews")
    subgroup.members.set([police])
    shown = version_as_shown(Versioned(Subgroup.objects.get(pk=subgroup.pk)))
    assert version_in_database(Versioned(subgroup)) == shown
    subgroup.members.add(health)
    assert version_in_database(Versioned(subgroup)) != shown


@in_the_database
def test_rows_that_belong_to_the_record_count_when_changed_added_or_removed(auditor, child_a, audit_template):
    from inspection.models import CaseAudit, DomainGrade

    audit = CaseAudit.objects.create(child=child_a, template=audit_template, auditor=auditor)
    domains = list(audit_template.domains.order_by("order"))
    DomainGrade.objects.create(audit=audit, domain=domains[0])
    versioned = Versioned(CaseAudit.objects.get(pk=audit.pk), parts=(audit.domain_grades,))
    shown = version_as_shown(versioned)
    assert version_in_database(versioned) == shown
    DomainGrade.objects.filter(audit=audit).update(evidence="Plan reviewed on time")
    changed = version_in_database(versioned)
    assert changed != shown
    extra = DomainGrade.objects.create(audit=audit, domain=domains[1])
    assert version_in_database(versioned) not in (shown, changed)
    extra.delete()
    assert version_in_database(versioned) == changed


@in_the_database
def test_a_deleted_record_has_no_version_and_saving_over_it_is_refused(flag):
    versioned = Versioned(flag)
    token = version_token(version_as_shown(versioned), timezone.now())
    Flag.objects.filter(pk=flag.pk).delete()
    assert version_in_database(versioned) is None
    with pytest.raises(RecordChanged, match="Someone else deleted this record while you were editing it"):
        refuse_if_changed(versioned, token)


# --- who changed it


@in_the_database
def test_the_refusal_names_who_changed_the_record_after_the_page_was_opened(flag, practitioner, team_manager):
    team_manager.first_name, team_manager.last_name = "Jo", "Bloggs"
    team_manager.save()
    opened = timezone.now()
    token = version_token(version_as_shown(Versioned(flag)), opened)
    refuse_if_changed(Versioned(flag), token, actor=practitioner)  # nothing changed yet: no refusal
    _save(Flag.objects.get(pk=flag.pk), team_manager, note="Second incident")
    saved_at = timezone.localtime(Flag.history.filter(id=flag.pk).latest("history_date").history_date)
    with pytest.raises(RecordChanged) as refused:
        refuse_if_changed(Versioned(flag), token, actor=practitioner)
    assert refused.value.messages == [
        f"Jo Bloggs changed this record at {saved_at:%H:%M} while you were editing it. Your changes have not been "
        f"saved. {AGAIN}"
    ]
    assert refused.value.code == "changed"


@in_the_database
def test_changes_made_before_the_page_was_opened_are_not_blamed(flag, team_manager):
    _save(Flag.objects.get(pk=flag.pk), team_manager, note="Second incident")
    assert history_change(Versioned(flag), since=timezone.now() + timedelta(seconds=1)) is None
    assert history_change(Versioned(flag), since=None).user == team_manager


@in_the_database
def test_a_change_to_a_row_that_belongs_to_the_record_is_found_in_its_history(auditor, senior_manager, child_a,
                                                                             audit_template):
    from inspection.models import CaseAudit, DomainGrade

    audit = CaseAudit.objects.create(child=child_a, template=audit_template, auditor=auditor)
    grade = DomainGrade.objects.create(audit=audit, domain=audit_template.domains.first())
    versioned = Versioned(audit, parts=(audit.domain_grades,))
    opened = timezone.now()
    _save(grade, senior_manager, evidence="Plan reviewed on time")
    assert history_change(versioned, since=opened).user == senior_manager


@in_the_database
def test_for_records_kept_as_versions_the_newest_version_says_who_saved_it(senior_manager, auditor):
    from inspection.self_evaluation import services

    evaluation = services.self_evaluation_start(actor=senior_manager, title="Self-evaluation 2026")
    assert newest_saved(evaluation.versions) is None
    texts = {"quality_and_impact": "Timely.", "how_we_know": "Audits.", "plans": "Supervision.", "other_evidence": ""}
    services.version_save(actor=senior_manager, self_evaluation=evaluation, texts=texts, audit_samples=[])
    services.version_save(actor=auditor, self_evaluation=evaluation, texts=texts, audit_samples=[])
    newest = newest_saved(evaluation.versions)
    assert newest.user == auditor
    assert newest.at == evaluation.versions.get(number=2).saved_at


# --- the form and the block the view saves in


class FlagNoteForm(RecordVersionMixin, forms.ModelForm):
    class Meta:
        model = Flag
        fields = ["note"]


@in_the_database
def test_the_form_carries_the_version_of_the_record_as_shown(flag):
    form = FlagNoteForm(instance=flag)
    token = form[("record_version")].value()
    assert is_current(token, version_in_database(Versioned(flag)))
    assert token_parts(token)[1] is not None
    assert 'type="hidden" name="record_version"' in str(form["record_version"])
    assert FlagNoteForm()["record_version"].value() == ""  # a new record: nothing to compare


@in_the_database
def test_saving_from_a_page_opened_on_the_record_as_it_is_goes_ahead(flag, practitioner):
    token = FlagNoteForm(instance=flag)["record_version"].value()
    form = FlagNoteForm({"note": "Updated", "record_version": token}, instance=Flag.objects.get(pk=flag.pk))
    assert form.is_valid()
    with unchanged_since_opened(form, actor=practitioner):
        form.save()
    assert Flag.objects.get(pk=flag.pk).note == "Updated"


@in_the_database
def test_saving_from_a_stale_page_is_refused_before_anything_is_saved(flag, practitioner, team_manager):
    token = FlagNoteForm(instance=flag)["record_version"].value()
    _save(Flag.objects.get(pk=flag.pk), team_manager, note="Second incident")
    form = FlagNoteForm({"note": "My note", "record_version": token}, instance=Flag.objects.get(pk=flag.pk))
    assert form.is_valid()
    ran = []
    with pytest.raises(RecordChanged):
        with unchanged_since_opened(form, actor=practitioner):
            ran.append(True)
            form.save()
    assert ran == []
    assert Flag.objects.get(pk=flag.pk).note == "Second incident"


@in_the_database
def test_a_page_without_a_version_and_a_form_without_the_check_save_as_before(flag, practitioner, team_manager):
    _save(Flag.objects.get(pk=flag.pk), team_manager, note="Second incident")
    form = FlagNoteForm({"note": "Opened before the check existed"}, instance=Flag.objects.get(pk=flag.pk))
    assert form.is_valid()
    with unchanged_since_opened(form, actor=practitioner):
        form.save()

    class Plain(forms.Form):
        note = forms.CharField()

    plain = Plain({"note": "x"})
    assert plain.is_valid()
    with unchanged_since_opened(plain, actor=practitioner):
        pass
    assert Flag.objects.get(pk=flag.pk).note == "Opened before the check existed"


def test_whatever_helper_the_form_ends_with_renders_the_hidden_version():
    from crispy_forms_gds.helper import FormHelper

    class Laid(RecordVersionMixin, forms.Form):
        note = forms.CharField()

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper(self)

    assert Laid().helper.render_hidden_fields is True
    assert not hasattr(type("Bare", (RecordVersionMixin, forms.Form), {})(), "helper")
