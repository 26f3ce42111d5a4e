"""The starting library of indicators of good, per framework and area (filled in with the
self-assessment tool; written to the database by migration 0003)."""

INDICATORS: dict[str, dict[str, list[tuple[str, str]]]] = {}  # framework code -> area code -> [(text, source)]


def write_library(apps) -> None:
    Indicator = apps.get_model("judgements", "Indicator")
    JudgementArea = apps.get_model("judgements", "JudgementArea")
    for framework, areas in INDICATORS.items():
        for area_code, indicators in areas.items():
            area = JudgementArea.objects.get(framework__code=framework, code=area_code)
            for order, (text, source) in enumerate(indicators):
                Indicator.objects.get_or_create(area=area, text=text, defaults={"source": source, "order": order})
