"""National inspection outcomes as published, with their sources (written by migration 0004).

Provenance (checked when this list was written; every count below was read in the source named,
or is the remainder of a total the sources state, as its description says):

* Single inspection framework (SIF), overall effectiveness. Ofsted's official statistics
  "Local authority and children's homes in England inspections and outcomes autumn 2017: main
  findings" (published 20 December 2017; final data for inspections from 1 November 2013 to
  31 October 2017, published by 8 December 2017; https://www.gov.uk/government/publications/
  local-authority-and-childrens-homes-in-england-inspections-and-outcomes/local-authority-and-
  childrens-homes-in-england-inspections-and-outcomes-autumn-2017-main-findings) state that all 152 councils had been inspected
  under the SIF and that 3 were judged outstanding overall. Children & Young People Now ("New
  Ofsted social care chief hails era of intelligence-led inspections") reports the programme's
  results as 30 councils inadequate and 68 requiring improvement. Good is the remainder:
  152 - 3 - 68 - 30 = 51. Cross-check: 54 of 152 good or outstanding is 36%, the share Ofsted
  gives "after every LA's first SIF inspection" (autumn 2018 and autumn 2019 main findings).

Not recorded, because no source read gave every grade's count or a total with exact shares:
* SIF key and graded judgements: Ofsted gives only that 12 councils were outstanding for
  leadership, management and governance (autumn 2017); interim counts from 2015 cover 59 councils.
* ILACS: "Local authority inspection outcomes as at 31 March 2024" gives 60% of 153 councils good
  or outstanding overall and "around 54%" for help and protection, but not each grade's count;
  shares of 153 rounded to whole percentages do not determine counts. Add ILACS rows here (and
  a migration that calls write_outcomes again) once the counts are read from Ofsted's tables.
"""

from datetime import date

OUTCOMES: list[dict] = [
    {
        "framework": "sif_2013",
        "area": "overall",
        "as_at": date(2017, 12, 8),
        "description": (
            "Every council's SIF inspection (all 152 inspected, November 2013 to 2017). Inadequate and "
            "requires improvement as reported by CYP Now; 3 outstanding per Ofsted's autumn 2017 statistics; "
            "good is the remainder of 152."
        ),
        "outstanding": 3,
        "good": 51,
        "requires_improvement": 68,
        "inadequate": 30,
        "source_title": "Children & Young People Now: New Ofsted social care chief hails era of intelligence-led "
                        "inspections; Ofsted: Local authority and children's homes inspections and outcomes autumn 2017",
        "source_url": "https://www.cypnow.co.uk/content/features/new-ofsted-social-care-chief-hails-era-of-intelligence-led-inspections",
    },
]

def write_outcomes(apps) -> None:
    NationalOutcome = apps.get_model("judgements", "NationalOutcome")
    JudgementArea = apps.get_model("judgements", "JudgementArea")
    for outcome in OUTCOMES:
        area = JudgementArea.objects.get(framework__code=outcome["framework"], code=outcome["area"])
        NationalOutcome.objects.update_or_create(
            framework=area.framework, area=area, as_at=outcome["as_at"],
            defaults={key: value for key, value in outcome.items() if key not in {"framework", "area", "as_at"}},
        )
