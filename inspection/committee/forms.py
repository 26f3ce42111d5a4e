"""The committee paper form (GOV.UK Design System): one long form in the paper's own order, the
heading block first, then a fieldset per numbered section, with hints in the language of the
seeds' papers. The figures are not typed in: they are added to section 3 from the latest data."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from cases.forms import GovUKFormMixin, govuk_formfield
from cases.lost_updates import RecordVersionMixin
from judgements.sets.forms import ErrorLinksMixin

from ..models import CommitteeReport

# Standard wording every paper to members carries (seed 001, section 23): the public sector
# equality duty, section 149 of the Equality Act 2010. Offered on a new paper; the officer adds
# what this paper means for it.
EQUALITY_DUTY = (
    "In taking decisions the council must have due regard to the public sector equality duty set out in "
    "section 149 of the Equality Act 2010. A public authority must, in the exercise of its functions, have due "
    "regard to the need to:\n"
    "- eliminate discrimination, harassment, victimisation and any other conduct prohibited by or under the Act;\n"
    "- advance equality of opportunity between persons who share a relevant protected characteristic and "
    "persons who do not share it;\n"
    "- foster good relations between persons who share a relevant protected characteristic and persons who do "
    "not share it."
)

PARAGRAPHS = ("Separate paragraphs with a blank line: each is numbered in the paper. Start a line with a dash "
              "(-) for a bullet point.")
NONE_HINT = "Leave blank if there are none: the paper will say “None.”"

LABELS_AND_HINTS = {
    "report_to": ("Report to", "The committee or board, for example Children and Young People Scrutiny Committee."),
    "meeting_date": ("Date of the meeting", "For example, 12 11 2026"),
    "reporting_officer": ("Reporting officer", "A post, not a person: for example Strategic Director, Children's "
                                               "Services."),
    "portfolio": ("Portfolio", "Optional. For example, Children, Young People and Families."),
    "subject": ("Subject", "As it will appear on the agenda, for example Ofsted inspection: preparation and "
                           "performance."),
    "wards": ("Wards affected", "For example, All wards, or Borough-wide."),
    "classification": ("Classification", "Open, unless the paper holds exempt information under Schedule 12A to "
                                         "the Local Government Act 1972. It holds no child's details."),
    "purpose": ("Purpose of the report", "What you are asking members to do, for example “To update members on "
                                         "preparation for the inspection of local authority children's services.” "
                       + PARAGRAPHS),
    "recommendations": ("Recommendations", "One per line, to follow “That”: for example “Members note the contents "
                                           "of the report.” They are numbered i), ii) and so on."),
    "supporting_information": ("Supporting information", "The background and your analysis. " + PARAGRAPHS + " The "
                               "figures (performance against target, Ofsted's and our own judgements, action plan "
                               "progress and case audit grades) are added after it from the data."),
    "figures_as_at": ("Figures as at", "The figures will be those held on this date, or the nearest day before it. "
                                       "For example, 31 10 2026"),
    "policy_implications": ("Policy implications", "For example, changes to policy the recommendations will need. "
                            + NONE_HINT),
    "financial_implications": ("Financial implications", "Costs, and whether they can be met within the current "
                               "budget. " + NONE_HINT),
    "legal_implications": ("Legal implications", "For example, duties under the Children Act 1989 or section 137 "
                           "of the Education and Inspections Act 2006. " + NONE_HINT),
    "other_implications": ("Other implications", "For example, resources or staffing. " + NONE_HINT),
    "priorities_implications": ("Implications for the council's priorities", "How the report bears on the council's "
                                "priorities, for example keeping children safe. " + NONE_HINT),
    "risk_analysis": ("Risk analysis", "The risks, for example to children or to the council's reputation, and "
                      "how they are managed. " + NONE_HINT),
    "equality_and_diversity": ("Equality and diversity issues", "The public sector equality duty is set out for "
                               "you: add what this report means for it. " + NONE_HINT),
    "background_papers": ("Background papers", "Under section 100D of the Local Government Act 1972. One per line: "
                          "the document, where it can be inspected and the contact officer. Leave blank if there "
                          "are none."),
}


# Each narrative section's number in the paper: its label is the paper's own heading.
NUMBERED = {"purpose": "1", "recommendations": "2", "supporting_information": "3", "policy_implications": "4",
            "financial_implications": "5", "legal_implications": "6", "other_implications": "7",
            "priorities_implications": "8", "risk_analysis": "9", "equality_and_diversity": "10",
            "background_papers": "11"}
ROWS = {"purpose": 4, "recommendations": 4, "supporting_information": 14, "risk_analysis": 4,
        "equality_and_diversity": 8}


class CommitteeReportForm(RecordVersionMixin, ErrorLinksMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeReport
        fields = list(LABELS_AND_HINTS)
        formfield_callback = govuk_formfield
        error_messages = {
            "report_to": {"required": "Enter the committee or board the report goes to"},
            "reporting_officer": {"required": "Enter the reporting officer's post"},
            "subject": {"required": "Enter the subject of the report"},
            "wards": {"required": "Enter the wards affected, for example All wards"},
            "classification": {"required": "Enter the classification, for example Open"},
            "purpose": {"required": "Enter the purpose of the report"},
            "recommendations": {"required": "Enter at least one recommendation"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "equality_and_diversity" not in self.initial:
            self.initial["equality_and_diversity"] = EQUALITY_DUTY
        self.helper.layout = Layout(
            Fieldset("report_to", "meeting_date", "reporting_officer", "portfolio", "subject", "wards",
                     "classification", legend="The heading", legend_size=Size.MEDIUM, legend_tag="h2"),
            self._section("purpose"), self._section("recommendations"),
            self._section("supporting_information"), "figures_as_at",
            *[self._section(name) for name in list(NUMBERED)[3:]],
        )

    @staticmethod
    def _section(name: str) -> Field:
        return Field.textarea(name, label_size=Size.MEDIUM, label_tag="h2", rows=ROWS.get(name, 3))

    def adjust_fields(self) -> None:
        for name, (label, hint) in LABELS_AND_HINTS.items():
            field = self.fields[name]
            field.label = f"{NUMBERED[name]}. {label}" if name in NUMBERED else label
            field.help_text = hint
        self.fields["meeting_date"].error_messages["required"] = "Enter the date of the meeting"
        self.fields["figures_as_at"].error_messages["required"] = "Enter the date the figures are to be as at"

