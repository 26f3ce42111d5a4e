"""Self-assessment forms (GOV.UK Design System): start one, score every indicator, keep the library."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import format_html

from cases.forms import GovUKFormMixin
from cases.lost_updates import RecordVersionMixin, Versioned, newest_saved

from ..frameworks import Kind
from ..models import Framework, Indicator, IndicatorScore, JudgementArea, SelfAssessment
from ..rules import Confidence
from .services import ScoreInput

NOT_SCORED = ""
SCORE_CHOICES = [
    (1, "1 Exceeds (outstanding)"),
    (2, "2 Meets (good)"),
    (3, "3 Partly meets (requires improvement)"),
    (4, "4 Does not meet (inadequate)"),
    (NOT_SCORED, "Not scored"),
]
SCORE_WORDS = {1: "1, exceeds", 2: "2, meets", 3: "3, partly meets", 4: "4, does not meet"}
NEEDS_EVIDENCE = {1, 4}  # "we exceed it" and "we do not meet it" must say how we know


class StartForm(GovUKFormMixin, forms.Form):
    framework = forms.ModelChoiceField(
        label="Which inspection framework are you assessing against?", queryset=Framework.objects.none(),
        widget=forms.RadioSelect, empty_label=None, error_messages={"required": "Choose the inspection framework"},
    )
    title = forms.CharField(label="Title", max_length=200, help_text="For example, Self-assessment before the 2027 inspection",
                            error_messages={"required": "Enter a title"})

    def adjust_fields(self) -> None:
        self.fields["framework"].queryset = Framework.objects.order_by("-in_force_from")
        self.fields["framework"].label_from_instance = lambda framework: framework.name


class IndicatorForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["area", "text", "source", "order"]
        labels = {"area": "Judgement area", "text": "What good looks like", "order": "Position in the area"}
        help_texts = {
            "text": "One short statement, in plain English, that a team can score: for example, "
                    "“Children are seen regularly and their views shape their plans.”",
            "order": "Indicators are listed in this order within their area (lowest first).",
        }
        widgets = {
            "area": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "order": forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        }
        error_messages = {
            "area": {"required": "Choose the judgement area"},
            "text": {"required": "Enter what good looks like"},
            "order": {"required": "Enter the position in the area", "invalid": "The position must be a whole number"},
        }

    def __init__(self, *args, framework: Framework, **kwargs):
        self.framework = framework
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["area"].queryset = JudgementArea.objects.filter(framework=self.framework).exclude(kind=Kind.OVERALL).order_by("order")
        self.fields["area"].empty_label = None
        self.fields["source"].help_text = "Optional. Where it comes from, for example Ofsted's evaluation criteria or a peer review."
        if self.instance.pk:
            self.fields["area"].disabled = True  # an indicator stays in its area: retire it and add another instead


class ScoreForm(RecordVersionMixin, forms.Form):
    """Every active indicator of the framework, area by area: a score, the evidence and how
    confident we are in it; then what changed since the last version. Saving from a page opened
    before someone else saved a version is refused, so their scores are not quietly replaced."""

    def __init__(self, *args, sheet: list[tuple[JudgementArea, list[Indicator]]], latest: dict[int, IndicatorScore],
                 self_assessment: SelfAssessment | None = None, **kwargs):
        self.self_assessment = self_assessment
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.numbers: dict[int, str] = {}
        layout = []
        for area_number, (area, indicators) in enumerate(sheet, start=1):
            layout.append(HTML(format_html(
                '<h2 class="govuk-heading-l govuk-!-margin-top-9" id="area-{}">{}. {}</h2>', area.code, area_number, area.name,
            )))
            for indicator_number, indicator in enumerate(indicators, start=1):
                number = f"{area_number}.{indicator_number}"
                self.numbers[indicator.pk] = number
                grade, evidence, confidence = (f"{name}_{indicator.pk}" for name in ("grade", "evidence", "confidence"))
                self.fields[grade] = forms.TypedChoiceField(
                    label=format_html("Score<span class=\"govuk-visually-hidden\"> for indicator {}</span>", number),
                    choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False, widget=forms.RadioSelect,
                )
                self.fields[evidence] = forms.CharField(
                    label=format_html("Evidence<span class=\"govuk-visually-hidden\"> for indicator {}</span>", number),
                    required=False, widget=forms.Textarea(attrs={"rows": 3}),
                    help_text="What shows this, and where to find it. Needed for a score of 1 or 4.",
                )
                self.fields[confidence] = forms.ChoiceField(
                    label=format_html("Confidence<span class=\"govuk-visually-hidden\"> in the evidence for indicator {}</span>",
                                      number),
                    choices=Confidence.CHOICES, widget=forms.RadioSelect,
                    required=False,
                )
                saved = latest.get(indicator.pk)
                self.initial[grade] = saved.grade if saved and saved.grade is not None else NOT_SCORED
                self.initial[evidence] = saved.evidence if saved else ""
                self.initial[confidence] = saved.confidence if saved else Confidence.MEDIUM
                legend = format_html('<span class="govuk-caption-m">Indicator {}</span>{}', number, indicator.text)
                if indicator_number > 1:
                    layout.append(HTML('<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">'))
                # Each indicator's controls side by side, so the long form stays readable.
                layout.append(Fieldset(
                    Div(
                        Div(Field.radios(grade, legend_size=Size.SMALL, small=True), css_class="govuk-grid-column-one-quarter"),
                        Div(Field.textarea(evidence, label_size=Size.SMALL, rows=4), css_class="govuk-grid-column-one-half"),
                        Div(Field.radios(confidence, legend_size=Size.SMALL, small=True), css_class="govuk-grid-column-one-quarter"),
                        css_class="govuk-grid-row",
                    ),
                    legend=legend, legend_size=Size.MEDIUM,
                ))
        self.fields["note"] = forms.CharField(
            label="What changed since the last version?", max_length=300, required=False,
            help_text="Optional. For example, “Rescored after the March audits.”",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        layout.append(HTML('<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">'))
        layout.append(Div(Div(Field.textarea("note", label_size=Size.MEDIUM, rows=2, max_characters=300),
                              css_class="govuk-grid-column-two-thirds"), css_class="govuk-grid-row"))
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(*layout)

    def versioned(self) -> Versioned | None:
        if self.self_assessment is None:
            return None
        versions = self.self_assessment.versions
        return Versioned(self.self_assessment, parts=(versions,), last_change=lambda: newest_saved(versions))

    def clean(self):
        cleaned = super().clean()
        for _area, indicators in self.sheet:
            for indicator in indicators:
                number = self.numbers[indicator.pk]
                grade = cleaned.get(f"grade_{indicator.pk}")
                if grade in NEEDS_EVIDENCE and not cleaned.get(f"evidence_{indicator.pk}", "").strip():
                    self.add_error(f"evidence_{indicator.pk}",
                                   f"Indicator {number} is scored {SCORE_WORDS[grade]}: enter the evidence for it")
                if grade is not None and not cleaned.get(f"confidence_{indicator.pk}"):
                    self.add_error(f"confidence_{indicator.pk}",
                                   f"Indicator {number} is scored: choose how confident you are in the evidence")
        return cleaned

    def scores(self) -> dict[int, ScoreInput]:
        data = self.cleaned_data
        return {
            indicator.pk: ScoreInput(
                grade=data.get(f"grade_{indicator.pk}"),
                confidence=data.get(f"confidence_{indicator.pk}") or Confidence.MEDIUM,
                evidence=data.get(f"evidence_{indicator.pk}", "").strip(),
            )
            for _area, indicators in self.sheet for indicator in indicators
        }
