"""The audit template Line of Sight starts with: the domains inspectors look at (issue 4,
seeds 002 and 003). Quality-assurance staff copy it into new versions as their practice changes."""

STANDARD_TEMPLATE_NAME = "Case audit"

STANDARD_DOMAINS = [
    ("child_seen", "The child seen and seen alone", [
        "Was the child seen as often as their plan and the statutory timescales require?",
        "Was the child seen alone, and if not, is the reason recorded and reasonable?",
        "Do the records show what the worker saw and heard at each visit?",
    ]),
    ("child_voice", "The child's voice informing plans", [
        "Are the child's wishes and feelings recorded in their own words where possible?",
        "Can you see how the child's views changed the plan or the decisions made?",
        "Was an advocate or independent visitor offered where the child needed one?",
    ]),
    ("assessment", "Quality and timeliness of assessment", [
        "Was the assessment completed within 45 working days?",
        "Does it analyse risk and need, not just describe the family?",
        "Does it take account of the family's history, culture and identity?",
    ]),
    ("plans", "Plans with clear actions, timescales and outcomes", [
        "Is there a current plan with specific actions, owners and timescales?",
        "Does the plan say what should be different for the child, and by when?",
        "Is the plan reviewed on time and updated as things change?",
    ]),
    ("drift", "Drift and delay", [
        "Has the child's situation moved on since the plan began?",
        "Were any delays noticed and acted on?",
        "Is permanence being planned for, where the child needs it?",
    ]),
    ("oversight", "Management oversight and supervision", [
        "Is there regular, recorded supervision that reflects on this child?",
        "Is management oversight evident at key decision points, with reasons recorded?",
        "Did managers challenge drift or poor practice?",
    ]),
    ("multi_agency", "Multi-agency working", [
        "Are the right agencies involved and sharing information?",
        "Do partners attend meetings and do what they agreed?",
        "Is escalation used where a partner's response is not good enough?",
    ]),
    ("impact", "Impact: the difference made for the child", [
        "Is the child safer, healthier or more settled because of the help given?",
        "Is there evidence of the child's progress in education, health and relationships?",
        "Would you be satisfied if this were your child?",
    ]),
]


def ensure_standard_template(template_model, domain_model):
    """Create the standard template (version 1, published) if it is missing. Takes the models so
    that a data migration can pass its historical ones."""
    template, created = template_model.objects.get_or_create(
        name=STANDARD_TEMPLATE_NAME, version=1, defaults={"status": "published"}
    )
    if created:
        domain_model.objects.bulk_create(
            domain_model(template=template, order=order, key=key, title=title, questions="\n".join(questions))
            for order, (key, title, questions) in enumerate(STANDARD_DOMAINS, start=1)
        )
    return template
