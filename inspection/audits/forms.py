"""Forms for samples, audits and moderation, in the GOV.UK Design System style."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join

from cases.forms import GovUKFormMixin
from cases.lost_updates import RecordVersionMixin, Versioned
from cases.models import FlagKind, Stage
from judgements.grades import Grade

from ..models import DEFAULT_SAMPLE_SIZES, SamplePurpose

GRADE_CHOICES = [(grade.value, grade.label) for grade in Grade]
SAMPLED_STAGES = [
    (stage.value, stage.label) for stage in Stage if stage not in (Stage.CONTACT, Stage.REFERRAL)
]


def _fieldset_helper(form, layout: list) -> FormHelper:
    """The GOV.UK helper for a form laid out as one fieldset per audit domain."""
    helper = FormHelper(form)
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.layout = Layout(*layout)
    return helper


def _grade_field(label: str, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=GRADE_CHOICES, coerce=int, empty_value=None, required=required, widget=forms.RadioSelect
    )


class SampleForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(label="Name of the sample", max_length=200, help_text="For example, Mock inspection March: tracked cases")
    purpose = forms.ChoiceField(label="What is the sample for?", choices=SamplePurpose.choices, widget=forms.RadioSelect)
    size = forms.IntegerField(
        label="How many cases", min_value=1, max_value=500, required=False,
        help_text="Leave blank for the usual size: "
        + ", ".join(f"{SamplePurpose(purpose).label.lower()} {size}" for purpose, size in DEFAULT_SAMPLE_SIZES.items()),
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
    )
    stages = forms.MultipleChoiceField(
        label="Draw from children open to", choices=SAMPLED_STAGES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to draw from every open case.",
    )
    theme = forms.ChoiceField(
        label="Only children with this flag (for a thematic audit)", choices=[("", "Any")] + list(FlagKind.choices), required=False
    )
    seed = forms.IntegerField(
        label="Seed", min_value=0, max_value=2**31 - 1, required=False,
        help_text="The same seed and the same records give the same cases. Leave blank for a new random draw.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("purpose") == SamplePurpose.THEMATIC and not cleaned.get("theme"):
            self.add_error("theme", "Choose the flag the thematic audit is about")
        return cleaned


class ReasonForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", max_length=300, error_messages={"required": "Enter the reason"})


class AddChildForm(GovUKFormMixin, forms.Form):
    """A child chosen by their ID, from the records the user may see, and the reason."""

    child_id = forms.CharField(label="Child ID", max_length=40, error_messages={"required": "Enter the child's ID"})
    reason = forms.CharField(label="Why add this case", max_length=300, error_messages={"required": "Enter the reason"})

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_child_id(self):
        from cases.selectors import children_visible_to

        child = children_visible_to(user=self.user).filter(local_id=self.cleaned_data["child_id"].strip()).first()
        if child is None:
            raise forms.ValidationError("No child with this ID is on the records you can see")
        return child


class AllocateForm(GovUKFormMixin, forms.Form):
    auditor = forms.ModelChoiceField(label="Auditor", queryset=None, empty_label="Choose an auditor")

    def __init__(self, *args, auditors=None, **kwargs):
        self._auditors = auditors
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["auditor"].queryset = self._auditors
        self.fields["auditor"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class AuditForm(RecordVersionMixin, forms.Form):
    """One fieldset per domain of the audit's template: the questions, a grade and the evidence."""

    def __init__(self, *args, audit, **kwargs):
        self.audit = audit
        super().__init__(*args, **kwargs)
        self.domains = list(audit.template.domains.all())
        saved = {grade.domain_id: grade for grade in audit.domain_grades.all()}
        layout = []
        for domain in self.domains:
            grade_name, evidence_name, improvement_name = f"grade_{domain.pk}", f"evidence_{domain.pk}", f"improvement_{domain.pk}"
            self.fields[grade_name] = _grade_field("Grade")
            self.fields[evidence_name] = forms.CharField(
                label="Evidence", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                help_text="What in the record shows this? Say where it is.",
            )
            self.fields[improvement_name] = forms.CharField(
                label="What needs to improve (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text="One per line. Each becomes a finding an action plan can take up. "
                          "Do not name the child: findings reach reports that managers and members read.",
            )
            if domain.pk in saved:
                self.initial.setdefault(grade_name, saved[domain.pk].grade)
                self.initial.setdefault(evidence_name, saved[domain.pk].evidence)
                self.initial.setdefault(improvement_name, saved[domain.pk].improvement)
            questions = format_html(
                '<ul class="govuk-list govuk-list--bullet govuk-body-s">{}</ul>',
                format_html_join("", "<li>{}</li>", ((question,) for question in domain.question_list)),
            )
            layout.append(Fieldset(HTML(questions), Field.radios(grade_name, legend_size=Size.SMALL, inline=True),
                                   evidence_name, improvement_name, legend=conditional_escape(domain.title), legend_size=Size.MEDIUM))
        self.fields["overall_grade"] = _grade_field("Overall grade")
        self.fields["overall_rationale"] = forms.CharField(label="Why this overall grade", required=False, widget=forms.Textarea(attrs={"rows": 4}))
        self.fields["strengths"] = forms.CharField(
            required=False, widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Printed in the audit findings report: write about practice, without naming the child.")
        self.fields["areas_for_development"] = forms.CharField(
            label="Other areas for development", required=False, widget=forms.Textarea(attrs={"rows": 4}),
            help_text="Anything not about one domain. One per line; each becomes a finding. Do not name the child.",
        )
        for name in ("overall_grade", "overall_rationale", "strengths", "areas_for_development"):
            self.initial.setdefault(name, getattr(audit, name))
        layout.append(Fieldset(Field.radios("overall_grade", legend_size=Size.SMALL, inline=True), "overall_rationale",
                               "strengths", "areas_for_development", legend="Overall", legend_size=Size.MEDIUM))
        self.helper = _fieldset_helper(self, layout)

    def versioned(self) -> Versioned:
        """The audit and its domain grades: a draft saved in another tab is not undone."""
        return Versioned(self.audit, parts=(self.audit.domain_grades,))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "grades": {
                domain.pk: (data.get(f"grade_{domain.pk}"), data.get(f"evidence_{domain.pk}", ""), data.get(f"improvement_{domain.pk}", ""))
                for domain in self.domains
            },
            "overall_grade": data.get("overall_grade"),
            "overall_rationale": data.get("overall_rationale", ""),
            "strengths": data.get("strengths", ""),
            "areas_for_development": data.get("areas_for_development", ""),
        }


class ModerationForm(forms.Form):
    """For each domain: agree, or give the final grade and the reason; then the same overall."""

    AGREE = [("yes", "Agree"), ("no", "Disagree")]

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(audit.template.domains.all())
        grades = {grade.domain_id: grade for grade in audit.domain_grades.all()}
        layout = []
        for domain in self.domains:
            given = grades.get(domain.pk)
            self.fields[f"agree_{domain.pk}"] = forms.ChoiceField(
                label=f"The auditor graded this {Grade(given.grade).label.lower() if given and given.grade else 'not graded'}",
                choices=self.AGREE, widget=forms.RadioSelect, initial="yes",
            )
            self.fields[f"final_{domain.pk}"] = _grade_field("Final grade, if you disagree")
            self.fields[f"reason_{domain.pk}"] = forms.CharField(label="Reason, if you disagree", required=False, max_length=500)
            evidence = format_html('<p class="govuk-body-s"><strong>Auditor\'s evidence:</strong> {}</p>', given.evidence if given else "")
            layout.append(Fieldset(HTML(evidence), Field.radios(f"agree_{domain.pk}", legend_size=Size.SMALL, inline=True),
                                   Field.radios(f"final_{domain.pk}", legend_size=Size.SMALL, inline=True, small=True),
                                   f"reason_{domain.pk}", legend=conditional_escape(domain.title), legend_size=Size.MEDIUM))
        self.fields["overall_agree"] = forms.ChoiceField(
            label=f"The auditor's overall grade is {Grade(audit.overall_grade).label.lower() if audit.overall_grade else 'missing'}",
            choices=self.AGREE, widget=forms.RadioSelect, initial="yes",
        )
        self.fields["final_overall"] = _grade_field("Final overall grade, if you disagree")
        self.fields["reason"] = forms.CharField(label="Reason, if you disagree", required=False, widget=forms.Textarea(attrs={"rows": 3}))
        layout.append(Fieldset(Field.radios("overall_agree", legend_size=Size.SMALL, inline=True),
                               Field.radios("final_overall", legend_size=Size.SMALL, inline=True, small=True), "reason",
                               legend="Overall", legend_size=Size.MEDIUM))
        self.helper = _fieldset_helper(self, layout)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "domains": {
                domain.pk: (data[f"agree_{domain.pk}"] == "yes", data.get(f"final_{domain.pk}"), data.get(f"reason_{domain.pk}", ""))
                for domain in self.domains
            },
            "overall_agreed": data["overall_agree"] == "yes",
            "final_overall_grade": data.get("final_overall"),
            "reason": data.get("reason", ""),
        }


class DomainForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        from ..models import AuditDomain

        model = AuditDomain
        fields = ["title", "key", "questions"]
        labels = {"key": "Short name", "questions": "Questions for the auditor"}
        help_texts = {
            "key": "Letters, numbers and underscores; kept the same across versions so grades can be compared.",
            "questions": "One question per line.",
        }
        widgets = {"questions": forms.Textarea(attrs={"rows": 5})}
