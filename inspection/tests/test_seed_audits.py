"""The demo council comes with a year of case audits: monthly samples, a mock inspection,
grades, findings and moderation; the same seed gives the same audits."""

from datetime import date

import pytest
from django.core.management import call_command

from inspection.audits import selectors
from inspection.models import AuditSample, CaseAudit, DomainGrade, Finding, Moderation

AS_OF = date(2026, 6, 15)


def _seed(seed: int = 3, replace: bool = False):
    call_command("seed_demo", children=150, seed=seed, as_of=AS_OF, replace=replace, stdout=open("/dev/null", "w"))


def _snapshot():
    return list(
        CaseAudit.objects.order_by("member__sample__drawn_on", "member__sample__name", "child__local_id")
        .values_list("member__sample__name", "child__local_id", "auditor__username", "status", "overall_grade")
    )


@pytest.mark.django_db
def test_a_year_of_monthly_audits_and_a_mock_inspection_are_seeded(audit_template):
    _seed()
    samples = AuditSample.objects.order_by("drawn_on")
    assert samples.count() == 13
    assert samples.filter(name__startswith="Monthly audit").count() == 12
    assert samples.filter(purpose="council_audit").get().members.count() == 20
    assert samples.first().drawn_on == date(2025, 7, 1) and samples.last().drawn_on == date(2026, 6, 1)
    latest = samples.filter(name="Monthly audit June 2026").get()
    statuses = set(CaseAudit.objects.filter(member__sample=latest).values_list("status", flat=True))
    assert statuses == {"completed", "draft", "allocated"}
    assert Moderation.objects.exists() and Finding.objects.exists()
    assert not DomainGrade.objects.filter(audit__status="completed", grade__isnull=True).exists()


@pytest.mark.django_db
def test_the_months_drafts_are_seeded_but_never_counted(audit_template):
    _seed()
    latest = AuditSample.objects.get(name="Monthly audit June 2026")
    counted = selectors.programme(sample=latest)["audits"]
    assert len(counted) == CaseAudit.objects.filter(member__sample=latest, status__in=selectors.COUNTED).count() == 4


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_audits_and_replace_starts_again(audit_template):
    _seed(seed=3)
    first = _snapshot()
    _seed(seed=3, replace=True)
    assert _snapshot() == first
    _seed(seed=4, replace=True)
    assert _snapshot() != first
