"""Figures an imported Annex A gives about history we hold no records of, kept on the episode
(``Episode.history_not_held``) so that the lists can still show them.

Annex A says, for example, that a child had three referrals in the 12 months before their latest
one, but lists only the referrals of the last six months; or that a child in care had four
placements in the last year, but gives only the latest. The import records what it can as real
records (children, episodes, the latest placement, visits, reviews) and keeps the rest here: the
number *not* explained by the records it made (the "extra"), or a value no record of ours holds
(the date of the last IRO contact, the family identifier). The export adds these to what the
records give.

Figures counted over a window ("in the last 12 months", "in the last six months") describe the
window before the date the imported lists were drawn (``IMPORTED_AS_AT``). We do not know when
those earlier events happened, so they are counted in lists drawn up to the end of that window
after the import date (12 or six months) and not after: by then they have all left the window.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

IMPORTED_AS_AT = "imported_as_at"  # ISO date the imported lists were drawn

# Counts over a window: the number more than our records show (whole numbers).
REFERRALS_12_MONTHS = "referrals_in_12_months_before_latest"  # List 3, on the child's latest referral
ENQUIRIES_12_MONTHS = "section_47_enquiries_in_12_months_before_latest"  # List 5, on the latest enquiry
CONFERENCES_12_MONTHS = "initial_conferences_in_12_months_before_latest"  # List 5, on the latest enquiry
PLACEMENTS_12_MONTHS = "placements_in_last_12_months"  # List 8, on the period of care
MISSING_12_MONTHS = "missing_episodes_in_last_12_months"  # List 8
ABSENT_12_MONTHS = "absences_in_last_12_months"  # List 8 (absences are not recorded as events)
EARLIER_PERIOD_12_MONTHS = "earlier_period_of_care_in_last_12_months"  # List 8, true/false
EMERGENCY_PROTECTION_6_MONTHS = "emergency_protection_in_last_6_months"  # List 7, true/false

# Figures that do not depend on a window.
PREVIOUS_PLANS = "previous_child_protection_plans"  # List 7: more earlier plans than we hold
RETURN_INTERVIEW_OFFERED = "return_interview_offered"  # List 8: code, after the last missing episode
RETURN_INTERVIEW_ACCEPTED = "return_interview_accepted"  # List 8: code
LAST_IRO_CONTACT = "last_iro_contact"  # List 8: ISO date
LA_OF_PLACEMENT = "la_of_placement"  # List 8: text
FAMILY_IDENTIFIER = "family_identifier"  # List 10: text
ENTERED_CARE = "entered_care"  # List 10: ISO date, when no period of care we hold gives it
FOSTERING_FOR_ADOPTION = "fostering_for_adoption_from"  # List 10: ISO date

# Counts kept even when 0: no record of ours gives them at all, so 0 must be shown as 0, not blank.
KEPT_WHEN_ZERO = {ABSENT_12_MONTHS}

WINDOW_MONTHS = {
    REFERRALS_12_MONTHS: 12, ENQUIRIES_12_MONTHS: 12, CONFERENCES_12_MONTHS: 12, PLACEMENTS_12_MONTHS: 12,
    MISSING_12_MONTHS: 12, ABSENT_12_MONTHS: 12, EARLIER_PERIOD_12_MONTHS: 12, EMERGENCY_PROTECTION_6_MONTHS: 6,
}


def _in_window(figures: dict, key: str, as_at: date) -> bool:
    months = WINDOW_MONTHS.get(key)
    if months is None:
        return True
    imported = figures.get(IMPORTED_AS_AT)
    if not imported:
        return False
    imported = date.fromisoformat(imported)
    return imported <= as_at <= imported + relativedelta(months=months)


def extra(figures: dict | None, key: str, as_at: date) -> int:
    """A carried count to add to what the records give, for lists drawn as at ``as_at``."""
    if not figures or key not in figures or not _in_window(figures, key, as_at):
        return 0
    return int(figures[key])


def flag(figures: dict | None, key: str, as_at: date) -> bool:
    return bool(figures) and bool(figures.get(key)) and _in_window(figures, key, as_at)


def value(figures: dict | None, key: str):
    """A carried value (text or code), or None."""
    return (figures or {}).get(key) or None


def day(figures: dict | None, key: str) -> date | None:
    text = value(figures, key)
    return date.fromisoformat(text) if text else None
