"""Code lists for a child's record.

Values are Ofsted's Annex A codes exactly as the 2019 template writes them ("a) WBRI"), so
Annex A lists are produced without translation tables; labels are what officers read.
Source: Ofsted ILACS Annex A template, 'Codes_used' sheet (Update: August 2019).
"""

from django.db import models


class Gender(models.TextChoices):
    MALE = "a) Male", "Male"
    FEMALE = "b) Female", "Female"
    NOT_STATED = "c) Not stated/recorded", "Not stated or recorded"
    NEITHER = "d) Neither", "Neither"


class Ethnicity(models.TextChoices):
    WBRI = "a) WBRI", "White British"
    WIRI = "b) WIRI", "White Irish"
    WIRT = "c) WIRT", "Traveller of Irish heritage"
    WOTH = "d) WOTH", "Any other White background"
    WROM = "e) WROM", "Gypsy/Roma"
    MWBC = "f) MWBC", "White and Black Caribbean"
    MWBA = "g) MWBA", "White and Black African"
    MWAS = "h) MWAS", "White and Asian"
    MOTH = "i) MOTH", "Any other Mixed background"
    AIND = "j) AIND", "Indian"
    APKN = "k) APKN", "Pakistani"
    ABAN = "l) ABAN", "Bangladeshi"
    AOTH = "m) AOTH", "Any other Asian background"
    BCRB = "n) BCRB", "Caribbean"
    BAFR = "o) BAFR", "African"
    BOTH = "p) BOTH", "Any other Black background"
    CHNE = "q) CHNE", "Chinese"
    OOTH = "r) OOTH", "Any other ethnic group"
    # Ofsted's template letters both of the last two codes "s)"; kept exactly as published.
    REFU = "s) REFU", "Refused"
    NOBT = "s) NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    YES = "a) Yes", "Yes"
    NO = "b) No", "No"
    UNKNOWN = "c) Unknown", "Unknown"


def short_code(value: str) -> str:
    """The code without Ofsted's letter prefix: "a) WBRI" -> "WBRI"."""
    return value.split(") ", 1)[1] if ") " in value else value
