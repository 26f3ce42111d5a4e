"""Governance forms: the board, a member (agency spelled as the board already spells it, terms in
order), a subgroup, and a meeting with the attendance of everyone expected at it in one form."""

from __future__ import annotations

from datetime import date

from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Fixed, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cases.forms import GovUKDateField, GovUKFormMixin, govuk_formfield
from cases.lost_updates import RecordVersionMixin, Versioned

from .. import selectors
from ..models import AttendanceStatus, Board, Member, Subgroup
from .common import NUMBER, SECTION_BREAK, after, not_in_future


class BoardForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "chair", "chair_is_independent", "chair_since", "annual_report_months"]
        formfield_callback = govuk_formfield
        labels = {"name": "Name of the board", "chair": "Name of the chair"}
        widgets = {"annual_report_months": forms.TextInput(attrs={**NUMBER, "class": "govuk-input--width-3"})}

    def adjust_fields(self) -> None:
        self.fields["chair_since"].label = "Chair since"
        self.fields["annual_report_months"].help_text = "Working Together expects a report every year; 6 months is usual."


class MemberForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = ["name", "agency", "role", "statutory_partner", "lay_member", "term_start", "term_end", "user"]
        formfield_callback = govuk_formfield
        help_texts = {
            "agency": "For example, Police, Health, Schools, Probation, Children's social care, Lay member.",
            "role": "For example, Detective Superintendent, Designated nurse.",
        }

    def __init__(self, *args, board: Board, today: date, **kwargs):
        self.board, self.today = board, today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["term_start"].label = "Start of their term"
        self.fields["term_end"].label = "End of their term"
        self.fields["term_end"].help_text = "Leave blank if their term has no end date. For example, 31 3 2027"
        user = self.fields["user"]
        user.label = "Their Line of Sight login (optional)"
        user.help_text = "Shows them their own attendance on the board's dashboard."
        user.queryset = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")
        user.label_from_instance = lambda u: f"{u.get_full_name() or u.get_username()} ({u.get_username()})"

    def clean_agency(self) -> str:
        """The spelling already in use for the same agency, so attendance adds up by agency."""
        agency = " ".join(self.cleaned_data["agency"].split())
        known = {name.lower(): name for name in selectors.agencies(board=self.board)}
        return known.get(agency.lower(), agency)

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user and Member.objects.filter(user=user).exclude(pk=self.instance.pk).exists():
            raise ValidationError("That login already belongs to another board member")
        return user

    def clean(self):
        cleaned = super().clean()
        after(cleaned, self, "term_start", "term_end", "The end of their term must be the same as or after its start")
        if cleaned.get("lay_member") and cleaned.get("statutory_partner"):
            self.add_error("lay_member", "A lay member does not represent a statutory partner: choose one or the other")
        return cleaned


class SubgroupForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Subgroup
        fields = ["name", "purpose", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple, "purpose": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"name": "For example, Learning and improvement, Performance and quality assurance."}

    def __init__(self, *args, board: Board, today: date, **kwargs):
        self.board, self.today = board, today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        chosen = set(self.instance.members.values_list("pk", flat=True)) if self.instance.pk else set()
        members = [m.pk for m in self.board.members.all() if m.in_term(self.today) or m.pk in chosen]
        field = self.fields["members"]
        field.queryset = Member.objects.filter(pk__in=members).order_by("agency", "name")
        field.label_from_instance = lambda m: f"{m.name} ({m.agency})"
        field.help_text = "Board members in post today."


class MeetingForm(RecordVersionMixin, GovUKFormMixin, forms.Form):
    """The meeting and, in one form, the attendance of everyone expected at it: the board's members
    (or the subgroup's) in post on the day of the meeting."""

    date = GovUKDateField(label="Date of the meeting", help_text="For example, 12 3 2026", require_all_fields=False)
    title = forms.CharField(label="Title (optional)", required=False, max_length=200,
                            help_text="For example, Extraordinary meeting on neglect.")
    decisions = forms.CharField(label="Decisions and actions", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, board: Board, subgroup: Subgroup | None, today: date, meeting=None, **kwargs):
        self.board, self.subgroup, self.today, self.meeting = board, subgroup, today, meeting
        super().__init__(*args, **kwargs)
        on = self._meeting_date() or (meeting.date if meeting else today)
        self.members = selectors.members_for_meeting(board=board, subgroup=subgroup, on=on, meeting=meeting)
        recorded = {row.member_id: row for row in meeting.attendance.all()} if meeting else {}
        layout = [Fieldset("date", "title", "decisions", legend="The meeting", legend_size=Size.MEDIUM)]
        people = []
        for member in self.members:
            status, deputy = f"status_{member.pk}", f"deputy_{member.pk}"
            who = f"{member.name}, {member.role + ', ' if member.role else ''}{member.agency}"
            self.fields[status] = forms.ChoiceField(
                label=who, choices=AttendanceStatus.choices, widget=forms.RadioSelect,
                error_messages={"required": f"Record whether {member.name} attended"},
            )
            self.fields[deputy] = forms.CharField(label=f"Name of {member.name}'s deputy, if they sent one",
                                                  required=False, max_length=150)
            if member.pk in recorded:
                self.initial.setdefault(status, recorded[member.pk].status)
                self.initial.setdefault(deputy, recorded[member.pk].deputy)
            people.append(Div(Field.radios(status, legend_size=Size.SMALL, inline=True, small=True),
                              Field.text(deputy, field_width=Fixed.TWENTY), HTML(SECTION_BREAK)))
        if people:
            layout.append(Fieldset(
                HTML('<p class="govuk-body">A deputy who came in the member\'s place counts as attending.</p>'),
                *people, legend="Who attended", legend_size=Size.MEDIUM,
            ))
        self.helper.layout = Layout(*layout)

    def versioned(self) -> Versioned | None:
        """A meeting being corrected, with everyone's attendance at it."""
        return Versioned(self.meeting, parts=(self.meeting.attendance,)) if self.meeting else None

    def _meeting_date(self) -> date | None:
        """The date as submitted, when it is a real date: whose attendance is expected depends on it."""
        if not self.is_bound:
            return None
        try:
            field = self.fields["date"]
            return field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix("date")))
        except ValidationError:
            return None

    def clean(self):
        cleaned = super().clean()
        not_in_future(cleaned, self, ["date"], self.today)
        if not self.members:
            raise ValidationError("Nobody was a member on that date: add the members first, or check the date")
        for member in self.members:
            status, deputy = cleaned.get(f"status_{member.pk}"), cleaned.get(f"deputy_{member.pk}", "").strip()
            if status == AttendanceStatus.DEPUTY and not deputy:
                self.add_error(f"deputy_{member.pk}", f"Enter the name of {member.name}'s deputy")
            elif deputy and status and status != AttendanceStatus.DEPUTY:
                self.add_error(f"deputy_{member.pk}", f"Only give a deputy's name if {member.name} sent a deputy")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"], "title": data["title"], "decisions": data["decisions"],
            "attendance": {member.pk: (data[f"status_{member.pk}"], data[f"deputy_{member.pk}"].strip())
                           for member in self.members},
        }
