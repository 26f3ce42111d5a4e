"""Self-evaluation forms (GOV.UK Design System)."""

from django import forms

from cases.forms import GovUKFormMixin
from cases.lost_updates import RecordVersionMixin, Versioned, newest_saved

from ..models import AuditSample, SelfEvaluation, SelfEvaluationVersion


class StartForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200, help_text="For example, Self-evaluation 2026 to 2027",
                            error_messages={"required": "Enter a title"})


class VersionForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    """The next version, filled in from the latest. Saving it from a page opened before someone
    else saved a version is refused, so their version is not quietly replaced."""

    class Meta:
        model = SelfEvaluationVersion
        fields = ["quality_and_impact", "how_we_know", "plans", "audit_samples", "other_evidence"]
        widgets = {
            "quality_and_impact": forms.Textarea(attrs={"rows": 10}),
            "how_we_know": forms.Textarea(attrs={"rows": 8}),
            "plans": forms.Textarea(attrs={"rows": 8}),
            "other_evidence": forms.Textarea(attrs={"rows": 4}),
            "audit_samples": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "quality_and_impact": {"required": "Say what you know about the quality and impact of practice"},
            "how_we_know": {"required": "Say how you know it"},
            "plans": {"required": "Say what your plans are"},
        }

    def __init__(self, *args, self_evaluation: SelfEvaluation, **kwargs):
        self.self_evaluation = self_evaluation
        super().__init__(*args, **kwargs)

    def versioned(self) -> Versioned:
        versions = self.self_evaluation.versions
        return Versioned(self.self_evaluation, parts=(versions,), last_change=lambda: newest_saved(versions))

    def adjust_fields(self) -> None:
        self.fields["audit_samples"].queryset = AuditSample.objects.order_by("-drawn_on")
        self.fields["audit_samples"].required = False
        self.fields["audit_samples"].help_text = "The audit programmes this self-evaluation draws on."
