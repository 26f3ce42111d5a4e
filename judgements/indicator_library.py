"""The starting library of indicators of good, per framework and area, for the self-assessment tool
(seed 004: "a self-assessment against the indicators set out by Ofsted for the judgement of good").
Written to the database by migration 0003; from then on the council keeps its own wording on the
"Indicators of good" page (add, reword, reorder, retire).

Each indicator is a short, plain-English statement of what good looks like, paraphrased (never
copied) from Ofsted's published frameworks and from what Ofsted reported when it judged councils
against them. The source string names the document (and, where the wording follows an inspection
finding, the report) so a council can check it:

* ILACS: "Inspecting local authority children's services" (framework and evaluation criteria,
  from 2018, updated to 2024): the scope of the judgements (help and protect children and enable
  families to stay together; children in care wherever they live, including those who return
  home; permanence in stable, loving homes, including adoption; care leavers; leaders, their
  impact, and a workforce that is equipped and effective) and the annual self-evaluation's three
  questions.
* ILACS care leavers (from January 2023): "A new ILACS judgement on the experiences and progress
  of care leavers" (Ofsted, consultation response, December 2022) and Ofsted's announcement of it:
  relationships and social and recreational opportunities, influence on services, health and
  emotional well-being, learning and employment, good decisions and support into adulthood.
* SIF: "Framework and evaluation schedule for the inspections of services for children in need of
  help and protection, children looked after and care leavers" (Ofsted, 2014, reference 130216),
  with the strengths and areas for improvement Ofsted reported under it (seed 001 Herefordshire
  2014, seed 002 Blackburn with Darwen 2017, both SIF) and the decision points inspectors test
  (seed 004, City of London 2014).

ILACS 2018 judged children in care and care leavers together, so its ``in_care`` area takes the
ILACS 2023 wording for both; ILACS 2026 keeps the ILACS 2023 areas and reuses their wording.
"""

ILACS = "Ofsted, Inspecting local authority children's services (ILACS framework and evaluation criteria)"
ILACS_SEF = "Ofsted, Inspecting local authority children's services: the annual self-evaluation questions"
ILACS_CARE_LEAVERS = "Ofsted, A new ILACS judgement on the experiences and progress of care leavers (December 2022)"
SIF = "Ofsted, Framework and evaluation schedule (SIF, 2014)"
BWD = "SIF report, Blackburn with Darwen 2017"
HEREFORDSHIRE = "SIF report, Herefordshire 2014"
CITY = "City of London self-assessment 2014"


def _sif(judgement: str, *reports: str) -> str:
    return "; ".join((f"{SIF}: {judgement}", *reports))


def _ilacs(*reports: str) -> str:
    return "; ".join((ILACS, *reports))


ILACS_2023: dict[str, list[tuple[str, str]]] = {
    "leaders": [
        ("Leaders know the quality and impact of social work practice with children and families, can show how they "
         "know it, and have plans to maintain or improve it.", ILACS_SEF),
        ("Leaders have an accurate view of strengths and weaknesses and act on it; improvements are embedded and "
         "sustained, not only recent.", _ilacs(BWD, HEREFORDSHIRE)),
        ("The workforce is stable, equipped and effective, with continuous professional development for social "
         "workers and their managers.", ILACS),
        ("Caseloads are manageable, and supervision is regular and reflective and promotes good practice.",
         _ilacs(BWD, HEREFORDSHIRE)),
        ("Performance management, management oversight and quality assurance, including case audits, show what "
         "children experience and the difference made, not only whether tasks were done on time.", _ilacs(BWD)),
        ("Elected members and senior officers understand and carry out their role as corporate parents and champion "
         "children in care.", _ilacs(BWD, HEREFORDSHIRE)),
        ("Leaders work well with partners and use external challenge and support, such as peer review, to improve.",
         _ilacs(HEREFORDSHIRE, BWD)),
        ("Children and families influence services: there are real opportunities for their views to shape practice.",
         _ilacs(BWD)),
    ],
    "help_protection": [
        ("Children and families get help when needs first emerge, from a range of early help services that stop "
         "problems escalating.", _ilacs(HEREFORDSHIRE, BWD)),
        ("Families get the help they need to stay together safely when that is right for the child.", ILACS),
        ("Children at immediate risk of harm get an appropriate and timely response, in and out of office hours.",
         _ilacs(BWD)),
        ("Assessments are timely, are updated when a child's circumstances change, and take account of the child's "
         "history and identity.", _ilacs(BWD)),
        ("Children are seen regularly; their views are recorded and it is clear how they shaped the plan.",
         _ilacs(BWD, CITY)),
        ("Plans have clear actions, timescales and outcomes, and are carried out without drift or delay.", _ilacs(BWD)),
        ("Children who go missing or are at risk of exploitation are identified quickly and protected.", _ilacs(BWD)),
        ("Where neglect is long-standing, pre-proceedings work is timely and purposeful, so children do not wait "
         "for decisions.", _ilacs(BWD)),
    ],
    "in_care": [
        ("Decisions for children to come into care, or to return home, are timely and right for the child, and "
         "children who return home are supported.", _ilacs(CITY)),
        ("Children achieve permanence without delay, in stable, loving homes, including through adoption when that "
         "is the plan.", ILACS),
        ("Placements are well matched to children's needs, so children live in stable homes, close to home when "
         "that is right for them.", _ilacs(HEREFORDSHIRE)),
        ("Children have positive, trusting relationships with social workers who see them regularly.", _ilacs(BWD)),
        ("Children's education is supported: personal education plans involve the child, set specific targets, and "
         "pupil premium is used to best effect.", _ilacs(BWD)),
        ("Children's health needs are met, including when they live outside the council's area.", _ilacs(CITY)),
        ("Children understand their history, helped by life story work and later life letters.", _ilacs(BWD)),
        ("Children are listened to and influence decisions about their lives and the services they receive.",
         _ilacs(BWD, CITY)),
    ],
    "care_leavers": [
        ("Care leavers are in touch with personal advisers they trust, who help them plan for adult life.",
         f"{ILACS_CARE_LEAVERS}; {BWD}"),
        ("Care leavers have relationships that matter to them and access to social and recreational opportunities.",
         ILACS_CARE_LEAVERS),
        ("Care leavers influence the services they are offered.", ILACS_CARE_LEAVERS),
        ("Care leavers' health and emotional well-being are supported.", ILACS_CARE_LEAVERS),
        ("Care leavers have learning and employment opportunities, including work experience and apprenticeships "
         "across the council.", f"{ILACS_CARE_LEAVERS}; {BWD}"),
        ("Care leavers live in safe, suitable accommodation and feel safe there.", f"{ILACS_CARE_LEAVERS}; {BWD}"),
        ("Decisions for care leavers are made well, and preparation for adulthood starts early enough, including for "
         "disabled young people.", f"{ILACS_CARE_LEAVERS}; {BWD}"),
    ],
}

SIF_2013: dict[str, list[tuple[str, str]]] = {
    "help_protection": [
        ("Children and families can get a wide range of early help that stops problems escalating.",
         _sif("help and protection", HEREFORDSHIRE, BWD)),
        ("Thresholds for help and for intervention are clear and understood by all partners.",
         _sif("help and protection", CITY)),
        ("Children at immediate risk of harm get an appropriate and timely response, including out of hours.",
         _sif("help and protection", BWD)),
        ("Children in need of protection are identified and assessed well; assessments are timely and updated when "
         "circumstances change.", _sif("help and protection", HEREFORDSHIRE, BWD)),
        ("Children are seen regularly and their views are recorded and inform their plans.",
         _sif("help and protection", BWD, CITY)),
        ("Child in need and child protection plans have clear actions and timescales and are progressed without "
         "drift.", _sif("help and protection", BWD)),
        ("Children who go missing or are at risk of sexual exploitation are identified and protected.",
         _sif("help and protection", BWD)),
        ("Partners and communities know about private fostering, so privately fostered children are known and safe.",
         _sif("help and protection", HEREFORDSHIRE)),
    ],
    "looked_after": [
        ("Decisions to bring children into care, and to return them home, are timely and well supported.",
         _sif("children looked after", CITY)),
        ("Permanence is planned early, and children do not drift in care.", _sif("children looked after")),
        ("Most children live in good-quality placements matched to their needs, locally where that is right.",
         _sif("children looked after", HEREFORDSHIRE)),
        ("Children have positive, trusting relationships with their social workers.",
         _sif("children looked after", BWD)),
        ("Children achieve well at school; personal education plans are specific and involve the child.",
         _sif("children looked after", BWD)),
        ("Children's health needs are met, including for those placed outside the council's area.",
         _sif("children looked after", CITY)),
        ("Life story work helps children understand their history.", _sif("children looked after", BWD)),
        ("Children are listened to and their views shape their plans and services.",
         _sif("children looked after", BWD, CITY)),
    ],
    "adoption": [
        ("Adoption is considered for every child who cannot return home, and children move in with adoptive "
         "families without delay.", _sif("adoption performance")),
        ("Time from entering care to moving in with an adoptive family, and from placement order to match, compare "
         "well with the adoption scorecard.", _sif("adoption performance")),
        ("Family finding is tenacious for children who are harder to place, with clear direction from senior "
         "managers.", _sif("adoption performance", BWD)),
        ("Adopters are well prepared and speak well of the service they receive.", _sif("adoption performance", BWD)),
        ("Adoptive families get support after adoption when they need it.", _sif("adoption performance", BWD)),
        ("Children placed for adoption have life story work and later life letters.",
         _sif("adoption performance", BWD)),
    ],
    "care_leavers": [
        ("Personal advisers are in touch with all care leavers.", _sif("care leavers", BWD)),
        ("Care leavers live in suitable accommodation and feel safe there.", _sif("care leavers", BWD)),
        ("Most care leavers progress into education, employment or training.", _sif("care leavers", BWD)),
        ("The council as a whole offers care leavers work experience and apprenticeships.",
         _sif("care leavers", BWD, HEREFORDSHIRE)),
        ("Care leavers use their voice to shape the services they receive.", _sif("care leavers", BWD)),
        ("Care leavers placed outside the area get the education, health and housing help they need.",
         _sif("care leavers", CITY)),
        ("Preparation for adulthood starts early enough, including for disabled young people.",
         _sif("care leavers", BWD)),
    ],
    "leadership": [
        ("The director and senior managers have an accurate view of strengths and areas to develop.",
         _sif("leadership, management and governance", BWD)),
        ("Councillors and senior managers are committed to improving services, backed by resources.",
         _sif("leadership, management and governance", HEREFORDSHIRE, BWD)),
        ("Elected members understand and carry out their role as corporate parents.",
         _sif("leadership, management and governance", HEREFORDSHIRE)),
        ("Social work caseloads are manageable.", _sif("leadership, management and governance", HEREFORDSHIRE)),
        ("Supervision is regular and reflective and promotes high-quality practice.",
         _sif("leadership, management and governance", BWD)),
        ("Audit and performance management are robust and report children's experiences, not only compliance.",
         _sif("leadership, management and governance", HEREFORDSHIRE, BWD)),
        ("External challenge and support are used well to secure improvement.",
         _sif("leadership, management and governance", HEREFORDSHIRE)),
    ],
}

# ILACS 2018 judged children in care and care leavers together.
_ILACS_2018_IN_CARE = [ILACS_2023["in_care"][i] for i in (0, 1, 2, 4, 7)] + [ILACS_2023["care_leavers"][i] for i in (0, 4, 5)]

INDICATORS: dict[str, dict[str, list[tuple[str, str]]]] = {  # framework code -> area code -> [(text, source)]
    "sif_2013": SIF_2013,
    "ilacs_2018": {
        "leaders": ILACS_2023["leaders"],
        "help_protection": ILACS_2023["help_protection"],
        "in_care": _ILACS_2018_IN_CARE,
    },
    "ilacs_2023": ILACS_2023,
    "ilacs_2026": ILACS_2023,
}


def write_library(apps) -> None:
    Indicator = apps.get_model("judgements", "Indicator")
    JudgementArea = apps.get_model("judgements", "JudgementArea")
    for framework, areas in INDICATORS.items():
        for area_code, indicators in areas.items():
            area = JudgementArea.objects.get(framework__code=framework, code=area_code)
            for order, (text, source) in enumerate(indicators, start=1):
                Indicator.objects.get_or_create(area=area, text=text, defaults={"source": source, "order": order})
