"""Forms for action plans (GOV.UK Design System): the plan, a recommendation, an action, a
progress update with evidence files, and raising an action from an audit finding or a
self-assessment shortfall. The rules in rules.py and cases/rules.py are checked in ``clean`` so a
bad entry is shown back with its errors and nothing is saved."""

from __future__ import annotations

from datetime import date

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from cases.forms import GovUKDateField, GovUKFormMixin, govuk_formfield
from cases.lost_updates import RecordVersionMixin
from cases.rules import date_in_future, end_before_start
from cases.uploads import DOCUMENTS, FILE_ERRORS, check_upload, limit_in_words

from . import rules, selectors
from .models import Action, ActionPlan, PlanSource, Recommendation
from .rules import Status

NO_AREA_LABEL = "Not about one judgement area"

STATUS_HINTS = {**selectors.STATUS_HINTS,
                Status.OFF_TRACK: "The target date will be missed, or the work has stalled."}
STATUS_CHOICES = [Choice(value, label, hint=STATUS_HINTS[value]) for value, label in Status.CHOICES]


def _area_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Judgement area", required=False, choices=[("", NO_AREA_LABEL), *selectors.area_choices()],
        help_text="The Ofsted judgement this recommendation is about. The frameworks that judge each area are in brackets.",
    )


class PlanForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["source", "title", "published_on", "priority_actions", "summary", "submitted_on", "approved_on",
                  "approved_by"]
        formfield_callback = govuk_formfield
        widgets = {"source": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": "Title of the plan", "summary": "Summary (optional)", "approved_by": "Approved by (optional)"}
        error_messages = {"title": {"required": "Enter the title of the plan"},
                          "source": {"required": "Choose what the plan responds to"}}
        help_texts = {
            "title": "For example, Ofsted ILACS inspection, March 2026: written statement of action",
            "summary": "What the plan sets out to change, in a few sentences, for officers and councillors.",
        }

    def __init__(self, *args, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["source"].choices = PlanSource.choices
        self.fields["published_on"].label = "Date the report was published (optional)"
        self.fields["submitted_on"].label = "Date the plan was sent to Ofsted (optional)"
        self.fields["approved_on"].label = "Date the plan was approved (optional)"
        self.fields["approved_on"].help_text = "For example, the date of the Cabinet meeting. For example, 27 3 2026"
        self.fields["priority_actions"].help_text = (
            "After a focused visit with areas for priority action, a draft plan is due 20 working days after publication."
        )

    def clean(self):
        cleaned = super().clean()
        published = cleaned.get("published_on")
        after_publication = "the date the report was published"
        errors = {
            "published_on": date_in_future(published, self.today, "The date the report was published"),
            "submitted_on": date_in_future(cleaned.get("submitted_on"), self.today, "The date the plan was sent")
            or _not_before(published, cleaned.get("submitted_on"), "The date the plan was sent", after_publication),
            "approved_on": date_in_future(cleaned.get("approved_on"), self.today, "The date the plan was approved")
            or _not_before(published, cleaned.get("approved_on"), "The date the plan was approved", after_publication),
        }
        if cleaned.get("approved_on") and not (cleaned.get("approved_by") or "").strip():
            errors["approved_by"] = "Enter who approved the plan, for example Cabinet"
        if cleaned.get("priority_actions") and not published:
            errors["published_on"] = errors["published_on"] or (
                "Enter the date the report was published, to work out when the draft plan is due")
        for name, message in errors.items():
            if message and name not in self.errors:
                self.add_error(name, message)
        return cleaned


def _not_before(start: date | None, day: date | None, what: str, start_label: str) -> str | None:
    message = end_before_start(start, day, start_label)
    return message.replace("The end date", what) if message else None


class RecommendationForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["kind", "text", "area", "priority"]
        widgets = {"kind": forms.RadioSelect, "priority": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 4})}
        labels = {"kind": "What kind of recommendation is it?", "text": "Wording of the recommendation"}
        help_texts = {"text": "In the words of the report or review."}
        error_messages = {"text": {"required": "Enter the recommendation"},
                          "kind": {"required": "Choose what kind of recommendation it is"}}

    def adjust_fields(self) -> None:
        self.fields["area"] = _area_field()
        self.fields["kind"].choices = Recommendation._meta.get_field("kind").choices
        self.fields["priority"].choices = Recommendation._meta.get_field("priority").choices
        self.order_fields(["kind", "text", "area", "priority"])


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return selectors.owner_label(user)


class ActionForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    """An action: who owns it, by when, how we will know it worked, and where it has got to."""

    class Meta:
        model = Action
        fields = ["description", "owner", "owner_role", "lead_agency", "start_date", "target_date",
                  "measure_of_success", "evidence_of_impact", "status"]
        formfield_callback = govuk_formfield
        labels = {"description": "Action", "owner_role": "Owner's role (optional)",
                  "lead_agency": "Lead partner agency (optional)", "measure_of_success": "How we will know it has worked",
                  "evidence_of_impact": "Evidence of impact"}
        help_texts = {
            "description": "What will be done, in a sentence or two.",
            "owner_role": "For example, Head of Service, Safeguarding. Name a partner's officer here if they have no login.",
            "lead_agency": "For example, police, health or education, where a partner leads.",
            "measure_of_success": "The measure of success, for example re-audit shows 9 in 10 plans are SMART.",
            "evidence_of_impact": "What has changed for children and families. Needed before the action can be complete.",
        }
        error_messages = {"description": {"required": "Enter the action"}}
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("description", "measure_of_success",
                                                                         "evidence_of_impact")}

    def adjust_fields(self) -> None:
        keep = self.instance.owner_id if self.instance and self.instance.pk else None
        self.fields["owner"] = OwnerField(
            queryset=selectors.owner_candidates(keep=keep), required=False, label="Owner (optional)",
            empty_label="No owner with a login",
            help_text="Team managers, auditors and senior managers: an owner can report progress on the action.",
        )
        self.fields["start_date"].label = "Start date (optional)"
        self.fields["target_date"].label = "Target date"
        self.fields["start_date"].help_text = self.fields["target_date"].help_text = "For example, 30 9 2026"
        self.fields["target_date"].error_messages["required"] = "Enter the target date"
        if "status" in self.fields:
            self.fields["status"] = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, widget=forms.RadioSelect,
                                                      initial=Status.NOT_STARTED)
        self.order_fields(self.Meta.fields)

    def clean(self):
        cleaned = super().clean()
        message = end_before_start(cleaned.get("start_date"), cleaned.get("target_date"))
        if message and "target_date" not in self.errors:
            self.add_error("target_date", "The target date must be the same as or after the start date")
        problem = rules.completion_problem(cleaned.get("status", Status.NOT_STARTED), cleaned.get("evidence_of_impact", ""))
        if problem and "evidence_of_impact" in self.fields and "evidence_of_impact" not in self.errors:
            self.add_error("evidence_of_impact", problem)
        return cleaned


class MultipleFileInput(forms.FileInput):
    """A file input that accepts several files (Django 5.2's documented pattern)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        kwargs.setdefault("error_messages", FILE_ERRORS)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data if item]
        return [single_file_clean(data, initial)] if data else []


class ProgressForm(GovUKFormMixin, forms.Form):
    """A progress report on an action: what has happened, its status now, and any evidence."""

    date = GovUKDateField(label="Date of this update", help_text="For example, 27 3 2026", require_all_fields=False)
    note = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="What has been done since the last update, and what happens next.",
                           error_messages={"required": "Describe the progress made"})
    status = forms.ChoiceField(label="Status now", choices=STATUS_CHOICES, widget=forms.RadioSelect)
    evidence_of_impact = forms.CharField(
        label="Evidence of impact", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has changed for children and families. Needed to mark the action complete.",
    )
    files = MultipleFileField(
        label="Evidence documents (optional)", required=False,
        help_text="For example, a re-audit summary or minutes: PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPG or "
                  "text files. You can choose several, each smaller than {limit}.",
    )

    def __init__(self, *args, action: Action, today: date | None = None, **kwargs):
        self.action, self.today = action, today or timezone.localdate()
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"date": self.today, "status": action.status,
                             "evidence_of_impact": action.evidence_of_impact, **kwargs["initial"]}
        super().__init__(*args, **kwargs)

    def clean_date(self):
        day = self.cleaned_data.get("date")
        message = date_in_future(day, self.today, "The date of the update")
        if message:
            raise forms.ValidationError(message)
        return day

    def adjust_fields(self) -> None:
        self.fields["files"].help_text = self.fields["files"].help_text.format(limit=limit_in_words())

    def clean_files(self):
        """Each file a document of a kind officers open (PDF, Office, OpenDocument, a picture or text;
        checked by its name and its content), smaller than the size allowed."""
        files = self.cleaned_data.get("files") or []
        problems = []
        for upload in files:
            try:
                check_upload(upload, DOCUMENTS, subject=upload.name)
            except forms.ValidationError as error:
                problems.extend(error.messages)
        if problems:
            self.fields["files"].widget.attrs["class"] = "govuk-file-upload govuk-file-upload--error"
            raise forms.ValidationError(problems)
        return files

    def clean(self):
        cleaned = super().clean()
        evidence = (cleaned.get("evidence_of_impact") or "").strip() or self.action.evidence_of_impact
        problem = rules.completion_problem(cleaned.get("status", ""), evidence)
        if problem and "evidence_of_impact" not in self.errors:
            self.add_error("evidence_of_impact", problem)
        return cleaned


NEW = "new"


class ActionFromOriginForm(ActionForm):
    """An action raised by an audit finding or a shortfall: on an existing recommendation, or on a
    new recommendation added to a chosen plan."""

    class Meta(ActionForm.Meta):
        fields = ["description", "owner", "owner_role", "lead_agency", "start_date", "target_date",
                  "measure_of_success"]

    def __init__(self, *args, area_code: str = "", **kwargs):
        self.area_code = area_code
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset("recommendation", "plan", "new_text", "area", legend="The recommendation", legend_size=Size.MEDIUM),
            Fieldset(*self.Meta.fields, legend="The action", legend_size=Size.MEDIUM),
        )

    def adjust_fields(self) -> None:
        super().adjust_fields()
        recommendations = Recommendation.objects.select_related("plan").order_by(
            "-plan__published_on", "-plan__pk", "number")
        grouped: dict[int, tuple[str, list[tuple[str, str]]]] = {}  # plan id: (its title, its recommendations)
        for recommendation in recommendations:
            plan = recommendation.plan
            option = (str(recommendation.pk), _short(str(recommendation)))
            grouped.setdefault(plan.pk, (plan.title, []))[1].append(option)
        new = ("A recommendation not yet in a plan", [(NEW, "Add a new recommendation (below)")])
        self.fields["recommendation"] = forms.ChoiceField(
            label="Which recommendation does this action answer?",
            choices=[("", "Choose a recommendation"), *grouped.values(), new],
            help_text="Choose an existing recommendation, or add a new one below.",
            error_messages={"required": "Choose a recommendation, or add a new one"},
        )
        self.fields["plan"] = forms.ModelChoiceField(
            queryset=selectors.plan_choices(), required=False, label="Plan for the new recommendation",
            empty_label="Choose a plan", help_text="Only if you are adding a new recommendation.",
        )
        self.fields["new_text"] = forms.CharField(
            label="New recommendation", required=False, widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Only if you are adding a new recommendation.",
        )
        self.fields["area"] = _area_field()
        self.fields["area"].help_text = "Of the new recommendation."
        self.fields["area"].initial = self.area_code
        self.order_fields(["recommendation", "plan", "new_text", "area", *self.Meta.fields])

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("recommendation")
        if choice == NEW:
            if not cleaned.get("plan") and "plan" not in self.errors:
                self.add_error("plan", "Choose the plan to add the new recommendation to")
            if not (cleaned.get("new_text") or "").strip():
                self.add_error("new_text", "Enter the new recommendation")
        elif choice:
            if (cleaned.get("new_text") or "").strip():
                self.add_error("new_text", "Leave this blank when you choose an existing recommendation, or choose "
                                           "'Add a new recommendation'")
            try:
                cleaned["existing"] = Recommendation.objects.get(pk=int(choice))
            except (ValueError, Recommendation.DoesNotExist):
                self.add_error("recommendation", "Choose a recommendation from the list")
        return cleaned


def _short(text: str, length: int = 110) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
