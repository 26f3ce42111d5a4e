"""Forms for judgement sets (GOV.UK Design System): first the framework and source, then the
grades form, one fieldset per judgement area of the framework in the framework's order."""

import re

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cases.forms import GovUKDateField, GovUKFormMixin
from cases.lost_updates import RecordVersionMixin, Versioned

from ..frameworks import Kind
from ..grades import Grade
from ..models import EvidenceLink, Framework, JudgementArea, JudgementSet, Source
from .services import Entry

NOT_GRADED = ""
GRADE_CHOICES = [Choice(grade.value, grade.label, **({"divider": "or"} if grade == Grade.INADEQUATE else {}))
                 for grade in Grade] + [Choice(NOT_GRADED, "Not graded")]
SOURCE_HINTS = {
    Source.SELF_ASSESSMENT: "Our own judgement of our services.",
    Source.PEER_REVIEW: "Another council's or a partner's review of us.",
    Source.MOCK: "A mock inspection, run as Ofsted would run it.",
    Source.OFSTED: "The judgements in Ofsted's published report.",
}
SOURCE_CHOICES = [Choice(source.value, source.label, hint=SOURCE_HINTS[source]) for source in Source]
LINKS_HINT = mark_safe(  # fixed text, no user input
    "Optional. One per line: title | address, for example <code>Audit programme, March 2026 | /audits/samples/4/</code>"
)
LINK_TITLE_MAX = EvidenceLink._meta.get_field("title").max_length
LINK_URL_MAX = EvidenceLink._meta.get_field("url").max_length
SECTION_BREAK = '<hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible">'
LIMITING_RULES = (
    '<p class="govuk-body">Inadequate in any key judgement makes overall effectiveness inadequate. Requires '
    'improvement in a key judgement does not cap it, and graded or separate judgements do not limit it.</p>'
    '<p class="govuk-body">An Ofsted outcome or a mock inspection may still break a rule as published or agreed. '
    'Record it as it was and say why here.</p>'
)


class Details(Div):
    """The GOV.UK details component around some fields: closed until it matters (``open_if``)."""

    template = "judgements/sets/_details_layout.html"

    def __init__(self, summary: str, *fields, open_if=lambda form: False, **kwargs):
        super().__init__(*fields, **kwargs)
        self.summary, self.open_if = summary, open_if

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.template, {"details": self, "fields": fields, "open": self.open_if(form)})


class ErrorLinksMixin:
    """Error summary links that land on the field itself: the first radio of a group, the day of
    a date (crispy-forms-gds links to the group's own id, which no element has)."""

    def error_links(self) -> list[tuple[str, str]]:
        def target(bound) -> str:
            if isinstance(bound.field.widget, forms.RadioSelect):
                return f"{bound.auto_id}_1"
            if isinstance(bound.field.widget, forms.MultiWidget):
                return f"{bound.auto_id}_0"
            return bound.auto_id

        fields = self.visible_fields()
        links = [(target(fields[0]), error) for error in self.non_field_errors()] if fields else []
        for bound in fields:
            links.extend((target(bound), error) for error in bound.errors)
        return links


class ChooseForm(ErrorLinksMixin, GovUKFormMixin, forms.Form):
    """Step one: which framework the judgements are made under, and where they come from."""

    framework = forms.ModelChoiceField(
        label="Which inspection framework are the judgements made under?", queryset=Framework.objects.none(),
        widget=forms.RadioSelect, to_field_name="code", empty_label=None,
        error_messages={"required": "Choose the inspection framework"},
    )
    source = forms.ChoiceField(
        label="Where do the judgements come from?", choices=SOURCE_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choose where the judgements come from"},
    )

    def adjust_fields(self) -> None:
        self.fields["framework"].queryset = Framework.objects.order_by("-in_force_from")
        self.fields["framework"].label_from_instance = lambda framework: framework.name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("framework", legend_size=Size.MEDIUM), Field.radios("source", legend_size=Size.MEDIUM),
        )


def parse_links(text: str) -> tuple[tuple[str, str], ...]:
    """Evidence links written one per line as "title | address"; ValidationError names each bad
    line. An address is a page of this service (starting with one /) or an http(s) web address."""
    links, problems = [], []
    web_address = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if "|" not in line:
            problems.append(f"Line {number}: put a vertical bar ( | ) between the title and the address")
            continue
        title, _, address = line.rpartition("|")
        title, address = title.strip(), address.strip()
        if not title:
            problems.append(f"Line {number}: enter a title before the vertical bar")
        elif len(title) > LINK_TITLE_MAX:
            problems.append(f"Line {number}: the title must be {LINK_TITLE_MAX} characters or fewer")
        if not address:
            problems.append(f"Line {number}: enter the address after the vertical bar")
            continue
        if len(address) > LINK_URL_MAX:
            problems.append(f"Line {number}: the address must be {LINK_URL_MAX} characters or fewer")
            continue
        if re.match(r"^/(?!/)\S*$", address) is None:
            try:
                web_address(address)
            except ValidationError:
                problems.append(
                    f"Line {number}: the address must be a page in Line of Sight (starting with /) "
                    f"or a web address (starting with https://)"
                )
                continue
        links.append((title, address))
    if problems:
        raise ValidationError(problems)
    return tuple(links)


class EvidenceLinksField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Evidence links", required=False, help_text=LINKS_HINT,
            widget=forms.Textarea(attrs={"rows": 2}), **kwargs,
        )

    def clean(self, value):
        return parse_links(super().clean(value) or "")


def grade_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="Grade", choices=GRADE_CHOICES, coerce=int, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )


class JudgementSetForm(RecordVersionMixin, ErrorLinksMixin, GovUKFormMixin, forms.Form):
    """The grades form: what the set is, then for each area a grade (or not graded), an evidence
    summary and evidence links, then the reason if the overall grade breaks a limiting rule."""

    title = forms.CharField(
        label="Title", max_length=200, help_text="For example, Mock inspection, March 2026",
        error_messages={"required": "Enter a title"},
    )
    source = forms.ChoiceField(
        label="Where do the judgements come from?", choices=SOURCE_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choose where the judgements come from"},
    )
    judged_on = GovUKDateField(
        label="Date of the judgements", require_all_fields=False,
        help_text="For an Ofsted inspection, the date the report was published. For example, 27 3 2026",
    )
    summary = forms.CharField(label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label=JudgementSet._meta.get_field("override_reason").verbose_name, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The reason is shown wherever these judgements are shown.",
    )

    def __init__(self, *args, framework: Framework, areas: list[JudgementArea], judgement_set: JudgementSet | None = None,
                 **kwargs):
        self.framework, self.areas, self.judgement_set = framework, areas, judgement_set
        super().__init__(*args, **kwargs)
        if judgement_set is not None:
            self._fill_from(judgement_set)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*self._layout())

    def adjust_fields(self) -> None:
        for area in self.areas:
            self.fields[f"grade_{area.code}"] = grade_field()
            if area.is_overall:
                self.fields[f"grade_{area.code}"].label = "Overall effectiveness grade"
            self.fields[f"evidence_{area.code}"] = forms.CharField(
                label="Evidence summary", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Do not name children: elected members read judgements.",
            )
            self.fields[f"links_{area.code}"] = EvidenceLinksField()
        if not self.framework.has_overall:
            del self.fields["override_reason"]  # no overall judgement, so no limiting rule to break

    def versioned(self) -> Versioned | None:
        """A set being corrected: the set, its judgements and their evidence links."""
        if self.judgement_set is None:
            return None
        return Versioned(self.judgement_set, parts=(
            self.judgement_set.judgements, EvidenceLink.objects.filter(judgement__judgement_set=self.judgement_set),
        ))

    def _fill_from(self, judgement_set: JudgementSet) -> None:
        for name in ("title", "source", "judged_on", "summary", "override_reason"):
            self.initial.setdefault(name, getattr(judgement_set, name))
        for judgement in judgement_set.judgements.all():
            code = judgement.area.code
            self.initial.setdefault(f"grade_{code}", judgement.grade if judgement.grade else NOT_GRADED)
            self.initial.setdefault(f"evidence_{code}", judgement.evidence)
            self.initial.setdefault(f"links_{code}", "\n".join(f"{link.title} | {link.url}" for link in judgement.links.all()))

    def _layout(self) -> list:
        layout = [Fieldset("title", Field.radios("source", legend_size=Size.SMALL), "judged_on", "summary",
                           legend="About these judgements", legend_size=Size.MEDIUM)]
        for area in self.areas:
            parts = [Field.radios(f"grade_{area.code}", legend_size=Size.SMALL, small=True)]
            if area.is_overall:
                parts.append(Details(
                    "The overall grade breaks a limiting rule",
                    HTML(LIMITING_RULES), "override_reason",
                    open_if=lambda form: bool(form["override_reason"].value() or form["override_reason"].errors
                                              or form["grade_overall"].errors),
                ))
            parts += [f"evidence_{area.code}", f"links_{area.code}"]
            if area.kind == Kind.GRADED:
                parts.insert(0, HTML(format_html(
                    '<p class="govuk-body-s">Graded within “{}”: it informs that judgement but does not limit overall '
                    'effectiveness on its own.</p>', area.parent.name)))
            fieldset = Fieldset(*parts, legend=area.name,
                                legend_size=Size.SMALL if area.kind == Kind.GRADED else Size.MEDIUM)
            if area.kind == Kind.GRADED:
                layout.append(Div(fieldset, css_class="govuk-inset-text govuk-!-margin-left-6"))
                continue
            layout.append(HTML(SECTION_BREAK))
            if area.kind == Kind.SEPARATE:
                layout.append(HTML(format_html(
                    '<h2 class="govuk-heading-m">Judged separately</h2><p class="govuk-body">Judged beside the '
                    'council: {} plays no part in overall effectiveness.</p>', area.name[:1].lower() + area.name[1:])))
            layout.append(fieldset)
        return layout

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "source": data["source"], "title": data["title"], "judged_on": data["judged_on"],
            "summary": data.get("summary", ""), "override_reason": data.get("override_reason", ""),
            "entries": {
                area.code: Entry(grade=data.get(f"grade_{area.code}"), evidence=data.get(f"evidence_{area.code}", ""),
                                 links=data.get(f"links_{area.code}", ()))
                for area in self.areas
            },
        }

    def add_service_error(self, error: ValidationError) -> None:
        """Put the service's refusal where it belongs: a broken limiting rule on the overall grade."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for key, errors in error.message_dict.items():
            name = {"overall": "grade_overall"}.get(key, key)
            if name not in self.fields and f"grade_{key}" in self.fields:
                name = f"grade_{key}"
            for message in errors:
                self.add_error(name if name in self.fields else None, message)
