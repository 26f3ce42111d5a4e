"""Forms for recording a child's journey and events, in the GOV.UK Design System style.

Each stage of the journey and each kind of event shows only its own fields (STAGE_FIELDS,
EVENT_FIELDS); the recording rules in cases/rules.py are checked in ``clean`` so a bad entry is
shown back with its errors and nothing is saved.
"""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import rules
from .lost_updates import RecordVersionMixin
from .models import Child, Episode, Event, EventKind, Flag, LegalStatus, Placement, Stage
from .selectors import open_episode_exists


class GovUKFormMixin:
    """Gives a form a GOV.UK helper: labels, hints, inline errors and the error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adjust_fields()
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL

    def adjust_fields(self) -> None:
        """Change labels or add fields here: the GOV.UK layout is built from the fields after it."""


YES_NO = [(True, "Yes"), (False, "No")]


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a date in a child's or a council's records can be in


class GovUKDateField(DateInputField):
    """The GOV.UK date input, with the Design System's error messages."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise ValidationError("The year must include 4 numbers")
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:  # deadlines worked out from 31 12 9999 overflowed
            raise ValidationError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # 31 2 2024; a day or month of twenty digits
            raise ValidationError("Enter a real date") from None


def _to_bool(value):
    return {"True": True, "False": False, True: True, False: False}.get(value)


def govuk_formfield(db_field: models.Field, **kwargs):
    """Dates as the GOV.UK date input; yes/no questions as radios with 'not known' left blank."""
    if isinstance(db_field, models.DateField):
        return GovUKDateField(
            label=db_field.verbose_name[:1].upper() + db_field.verbose_name[1:],
            required=not db_field.blank,
            help_text=db_field.help_text or "For example, 27 3 2024",
            require_all_fields=False,
        )
    if isinstance(db_field, models.BooleanField) and db_field.null:
        return forms.TypedChoiceField(
            label=db_field.verbose_name[:1].upper() + db_field.verbose_name[1:],
            choices=YES_NO,
            coerce=_to_bool,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            help_text=db_field.help_text or "Leave blank if not known",
        )
    return db_field.formfield(**kwargs)


# --- The journey -------------------------------------------------------------------------------

_CLOSE = ["end_date", "end_reason"]
STAGE_FIELDS: dict[str, list[str]] = {
    Stage.EARLY_HELP: ["start_date", "organisation", "assessment_completed_date", "stepped_from", *_CLOSE],
    Stage.CONTACT: ["start_date", "source"],
    Stage.REFERRAL: ["start_date", "source", "decision_date", "no_further_action", "stepped_from", "end_date"],
    Stage.ASSESSMENT: ["start_date", "child_seen", "authorised_date", "child_in_need", "stepped_from", "end_date"],
    Stage.SECTION_47: [
        "start_date", "conference_not_required", "conference_date", "conference_led_to_plan", "end_date",
    ],
    Stage.CHILD_IN_NEED: ["start_date", "primary_need", "stepped_from", "end_date", "closure_reason"],
    Stage.CHILD_PROTECTION: ["start_date", "initial_category", "latest_category", *_CLOSE],
    Stage.LOOKED_AFTER: [
        "start_date", "category_of_need", "permanence_plan", "permanent_since", "end_date", "reason_ceased",
    ],
    Stage.CARE_LEAVER: [
        "start_date", "eligibility", "in_touch", "accommodation", "accommodation_suitable", "activity", *_CLOSE,
    ],
    Stage.ADOPTION: [
        "start_date", "placement_order_date", "matched_date", "placed_date", "adoption_order_date",
        "decision_reversed_date", "reversal_reason", "end_date",
    ],
}
STAGE_REQUIRED: dict[str, list[str]] = {
    Stage.CONTACT: ["source"],
    Stage.REFERRAL: ["source"],
    Stage.CHILD_IN_NEED: ["primary_need"],
    Stage.CHILD_PROTECTION: ["initial_category"],
    Stage.LOOKED_AFTER: ["category_of_need"],
    Stage.CARE_LEAVER: ["eligibility"],
}
STAGE_START_LABELS: dict[str, str] = {
    Stage.EARLY_HELP: "Date the early help assessment started",
    Stage.CONTACT: "Date of the contact",
    Stage.REFERRAL: "Date of the referral",
    Stage.ASSESSMENT: "Date the assessment started",
    Stage.SECTION_47: "Date of the strategy discussion",
    Stage.CHILD_IN_NEED: "Date the child in need plan started",
    Stage.CHILD_PROTECTION: "Date the child protection plan started",
    Stage.LOOKED_AFTER: "Date the child became looked after",
    Stage.CARE_LEAVER: "Date the young person became a care leaver",
    Stage.ADOPTION: "Date of the decision that adoption is in the child's best interests",
}
# Dates that record what has happened: none may be in the future or before the episode started.
_HAPPENED_DATES = [
    "assessment_completed_date", "decision_date", "authorised_date", "conference_date", "permanent_since",
    "placement_order_date", "matched_date", "placed_date", "adoption_order_date", "decision_reversed_date",
]


class EpisodeForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Episode
        fields = ["start_date"]
        formfield_callback = govuk_formfield

    def __init__(self, *args, child: Child, stage: str, today: date | None = None, **kwargs):
        self.child, self.stage, self.today = child, stage, today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        child, stage = self.child, self.stage
        self.fields["start_date"].label = STAGE_START_LABELS[stage]
        for name in STAGE_REQUIRED.get(stage, []):
            self.fields[name].required = True
        if "stepped_from" in self.fields:
            earlier = child.episodes.exclude(pk=self.instance.pk).order_by("-start_date")
            self.fields["stepped_from"].queryset = earlier
            self.fields["stepped_from"].label = "Stepped up or down from"
            self.fields["stepped_from"].empty_label = "Not a step up or down"

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        errors = {
            "start_date": rules.date_before_birth(start, self.child.date_of_birth)
            or rules.date_in_future(start, self.today),
            "end_date": rules.end_before_start(start, cleaned.get("end_date"))
            or rules.date_in_future(cleaned.get("end_date"), self.today, "The end date"),
        }
        for name in _HAPPENED_DATES:
            if name in self.fields:
                errors[name] = rules.date_in_future(cleaned.get(name), self.today) or rules.date_before_episode_start(
                    cleaned.get(name), start, Stage(self.stage).label
                )
        for name, message in errors.items():
            if message and name not in self.errors:
                self.add_error(name, message)
        if (
            start
            and cleaned.get("end_date") is None
            and open_episode_exists(child=self.child, stage=self.stage, exclude_pk=self.instance.pk)
        ):
            self.add_error(
                None,
                f"{self.child.full_name} already has an open {Stage(self.stage).label.lower()}. "
                "End it before starting another, or correct the open one.",
            )
        return cleaned


def episode_form_class(stage: str) -> type[EpisodeForm]:
    return forms.modelform_factory(
        Episode, form=EpisodeForm, fields=STAGE_FIELDS[stage], formfield_callback=govuk_formfield
    )


# --- Events ------------------------------------------------------------------------------------

_VIEWS = ["child_views", "summary"]
EVENT_FIELDS: dict[str, list[str]] = {
    EventKind.VISIT: ["date", "child_seen", "child_seen_alone", *_VIEWS],
    EventKind.INITIAL_CONFERENCE: ["date", "plan_continues", "next_review_date", *_VIEWS],
    EventKind.REVIEW_CONFERENCE: ["date", "plan_continues", "next_review_date", *_VIEWS],
    EventKind.LOOKED_AFTER_REVIEW: ["date", "next_review_date", *_VIEWS],
    EventKind.PLAN: ["date", "next_review_date", *_VIEWS],
    EventKind.SUPERVISION: ["date", "summary"],
    EventKind.MANAGEMENT_OVERSIGHT: ["date", "summary"],
    EventKind.HEALTH_ASSESSMENT: ["date", "summary"],
    EventKind.DENTAL_CHECK: ["date", "summary"],
    EventKind.PERSONAL_EDUCATION_PLAN: ["date", "next_review_date", *_VIEWS],
    EventKind.PATHWAY_PLAN: ["date", "next_review_date", *_VIEWS],
    EventKind.MISSING_EPISODE: ["date", "end_date", "return_interview_offered", "return_interview_accepted", *_VIEWS],
    EventKind.PANEL_DECISION: ["date", "summary", "follow_up", "follow_up_by"],
    EventKind.CASE_NOTE: ["date", *_VIEWS],
}
EVENT_LABELS: dict[str, dict[str, str]] = {
    EventKind.INITIAL_CONFERENCE: {"plan_continues": "The conference made a child protection plan"},
    EventKind.PLAN: {"summary": "The plan: actions, who does them, by when, and the difference they should make"},
    EventKind.SUPERVISION: {"summary": "What was discussed and decided"},
    EventKind.MANAGEMENT_OVERSIGHT: {"summary": "Management oversight and the decision made"},
    EventKind.MISSING_EPISODE: {"date": "Date the child went missing"},
    EventKind.PANEL_DECISION: {"summary": "The panel's decision"},
    EventKind.CASE_NOTE: {"summary": "Note"},
}
# The stage an event of each kind belongs to, to attach it to the child's open episode.
EVENT_STAGES: dict[str, list[str]] = {
    EventKind.INITIAL_CONFERENCE: [Stage.SECTION_47, Stage.CHILD_PROTECTION],
    EventKind.REVIEW_CONFERENCE: [Stage.CHILD_PROTECTION],
    EventKind.LOOKED_AFTER_REVIEW: [Stage.LOOKED_AFTER],
    EventKind.HEALTH_ASSESSMENT: [Stage.LOOKED_AFTER],
    EventKind.DENTAL_CHECK: [Stage.LOOKED_AFTER],
    EventKind.PERSONAL_EDUCATION_PLAN: [Stage.LOOKED_AFTER],
    EventKind.PATHWAY_PLAN: [Stage.CARE_LEAVER, Stage.LOOKED_AFTER],
    EventKind.VISIT: [Stage.CHILD_PROTECTION, Stage.LOOKED_AFTER, Stage.CHILD_IN_NEED, Stage.CARE_LEAVER,
                      Stage.ASSESSMENT, Stage.EARLY_HELP],
    EventKind.PLAN: [Stage.CHILD_PROTECTION, Stage.LOOKED_AFTER, Stage.CHILD_IN_NEED, Stage.CARE_LEAVER,
                     Stage.EARLY_HELP],
}
_FUTURE_DATES_ALLOWED = {"next_review_date", "follow_up_by"}


class EventForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["date"]
        formfield_callback = govuk_formfield

    def __init__(self, *args, child: Child, kind: str, today: date | None = None, **kwargs):
        self.child, self.kind, self.today = child, kind, today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        child, kind = self.child, self.kind
        self.fields["date"].label = f"Date of the {EventKind(kind).label[0].lower()}{EventKind(kind).label[1:]}"
        self.fields["date"].error_messages["required"] = f"Enter the {self.fields['date'].label[0].lower()}{self.fields['date'].label[1:]}"
        for name, label in EVENT_LABELS.get(kind, {}).items():
            self.fields[name].label = label
        if "summary" in self.fields and kind in {EventKind.SUPERVISION, EventKind.MANAGEMENT_OVERSIGHT,
                                                  EventKind.PANEL_DECISION, EventKind.CASE_NOTE, EventKind.PLAN}:
            self.fields["summary"].required = True
        self.fields["episode"] = forms.ModelChoiceField(
            queryset=child.episodes.order_by("-start_date"),
            required=False,
            label="Part of",
            empty_label="Not part of an episode",
            initial=self.instance.episode_id or self._default_episode(),
        )
        self.order_fields(["date", "episode"])

    def _default_episode(self):
        stages = EVENT_STAGES.get(self.kind, [])
        open_episodes = {episode.stage: episode for episode in self.child.episodes.filter(end_date__isnull=True)}
        return next((open_episodes[stage].pk for stage in stages if stage in open_episodes), None)

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        errors = {
            "date": rules.date_before_birth(day, self.child.date_of_birth) or rules.date_in_future(day, self.today),
            "end_date": rules.end_before_start(day, cleaned.get("end_date"), "the date they went missing")
            or rules.date_in_future(cleaned.get("end_date"), self.today, "The end date"),
            "child_seen_alone": rules.seen_alone_without_being_seen(
                cleaned.get("child_seen"), cleaned.get("child_seen_alone")
            ),
        }
        episode = cleaned.get("episode")
        if episode is not None and not errors["date"]:
            errors["date"] = rules.date_before_episode_start(day, episode.start_date, episode.get_stage_display())
        for name, message in errors.items():
            if message and name in self.fields and name not in self.errors:
                self.add_error(name, message)
        self.instance.episode = episode
        return cleaned


def event_form_class(kind: str) -> type[EventForm]:
    return forms.modelform_factory(Event, form=EventForm, fields=EVENT_FIELDS[kind], formfield_callback=govuk_formfield)


# --- Flags, placements and legal statuses ------------------------------------------------------


class _ChildDatedForm(GovUKFormMixin, forms.ModelForm):
    """Start and end dates that must fall in the child's life, not in the future, in order."""

    def __init__(self, *args, child: Child, today: date | None = None, **kwargs):
        self.child, self.today = child, today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        errors = {
            "start_date": rules.date_before_birth(start, self.child.date_of_birth) or rules.date_in_future(start, self.today),
            "end_date": rules.end_before_start(start, cleaned.get("end_date"))
            or rules.date_in_future(cleaned.get("end_date"), self.today, "The end date"),
        }
        for name, message in errors.items():
            if message and name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return cleaned


class FlagForm(RecordVersionMixin, _ChildDatedForm):
    class Meta:
        model = Flag
        fields = ["kind", "start_date", "end_date", "note"]
        formfield_callback = govuk_formfield

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and cleaned.get("end_date") is None:
            clash = self.child.flags.filter(kind=kind, end_date__isnull=True).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("kind", f"{self.child.full_name} already has this flag open")
        return cleaned


class PlacementForm(_ChildDatedForm):
    class Meta:
        model = Placement
        fields = ["start_date", "end_date", "placement_type", "provider", "provider_name", "urn", "postcode", "out_of_area"]
        formfield_callback = govuk_formfield


class LegalStatusForm(_ChildDatedForm):
    class Meta:
        model = LegalStatus
        fields = ["start_date", "code"]
        formfield_callback = govuk_formfield


class BreakGlassForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this restricted record now?",
        help_text="Your reason, your name and the time are written to the access log and seen by senior managers.",
        min_length=10,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you need to open this record",
            "min_length": "Give a fuller reason (at least 10 characters)",
        },
    )
