"""National inspection outcomes as published, with their sources (written by migration 0004)."""

OUTCOMES: list[dict] = []


def write_outcomes(apps) -> None:
    NationalOutcome = apps.get_model("judgements", "NationalOutcome")
    JudgementArea = apps.get_model("judgements", "JudgementArea")
    for outcome in OUTCOMES:
        area = JudgementArea.objects.get(framework__code=outcome["framework"], code=outcome["area"])
        NationalOutcome.objects.update_or_create(
            framework=area.framework, area=area, as_at=outcome["as_at"],
            defaults={key: value for key, value in outcome.items() if key not in {"framework", "area", "as_at"}},
        )
