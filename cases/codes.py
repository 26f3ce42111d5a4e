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


class ContactSource(models.TextChoices):
    """Who made a contact or referral (CIN census source codes)."""
    SOURCE_1A = "a) 1A: Individual", "1A: Individual – family member, relative or carer"
    SOURCE_1B = "b) 1B: Individual", "1B: Individual – acquaintance (including neighbours and child minders)"
    SOURCE_1C = "c) 1C: Individual", "1C: Individual – self"
    SOURCE_1D = "d) 1D: Individual", "1D: Individual – other (including strangers)"
    SOURCE_2A = "e) 2A: Schools", "2A: Schools"
    SOURCE_2B = "f) 2B: Education services", "2B: Education services"
    SOURCE_3A = "g) 3A: Health services", "3A: Health services – general practitioner (GP)"
    SOURCE_3B = "h) 3B: Health services", "3B: Health services – health visitor"
    SOURCE_3C = "i) 3C: Health services", "3C: Health services – school nurse"
    SOURCE_3D = "j) 3D: Health services", "3D: Health services – other primary health services"
    SOURCE_3E = "k) 3E: Health services", "3E: Health services – A&E (accident and emergency department)"
    SOURCE_3F = "l) 3F: Health services", "3F: Health services – other (for example hospice)"
    SOURCE_4 = "m) 4: Housing", "4: Housing - local authority housing or housing association"
    SOURCE_5A = "n) 5A: LA services", "5A: LA services – social care for example adults social care services"
    SOURCE_5B = "o) 5B: LA services", "5B: LA services – other internal (department other than social care in local authorities, for example, youth offending (excluding housing))"
    SOURCE_5C = "p) 5C: LA services", "5C: LA services – external, for example, from another local authority's adults social care services"
    SOURCE_6 = "q) 6: Police", "6: Police"
    SOURCE_7 = "r) 7: Other legal agency", "7: Other legal agency – including courts, probation, immigration, CAFCASS (Children and Family Court Advisory and Support Service) or prison"
    SOURCE_8 = "s) 8: Other", "8: Other – including children's centres, independent agency providers or voluntary organisations"
    SOURCE_9 = "t) 9: Anonymous", "9: Anonymous"
    SOURCE_10 = "u) 10: Unknown", "10: Unknown"


class PrimaryNeed(models.TextChoices):
    """Child in need: primary need code."""
    N1 = "N1 - Abuse or neglect", "N1 - Abuse or neglect"
    N2 = "N2 - Child’s disability", "N2 - Child’s disability"
    N3 = "N3 - Parental disability or illness", "N3 - Parental disability or illness"
    N4 = "N4 - Family in acute stress", "N4 - Family in acute stress"
    N5 = "N5 - Family dysfunction", "N5 - Family dysfunction"
    N6 = "N6 - Socially unacceptable behaviour", "N6 - Socially unacceptable behaviour"
    N7 = "N7 - Low income", "N7 - Low income"
    N8 = "N8 - Absent parenting", "N8 - Absent parenting"
    N9 = "N9 - Cases other than children in need", "N9 - Cases other than children in need"
    N0 = "N0 - Not stated", "N0 - Not stated"


class ClosureReason(models.TextChoices):
    """Child in need: reason the case closed."""
    RC1 = "RC1 - Adopted", "RC1 - Adopted"
    RC2 = "RC2 - Died", "RC2 - Died"
    RC3 = "RC3 - Child arrangements order", "RC3 - Child arrangements order"
    RC4 = "RC4 - Special guardianship order", "RC4 - Special guardianship order"
    RC5 = "RC5 - Transferred to services of another local authority", "RC5 - Transferred to services of another local authority"
    RC6 = "RC6 - Transferred to adult social care services", "RC6 - Transferred to adult social care services"
    RC7 = "RC7 - Services ceased for any other reason, including child no longer in need", "RC7 - Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8 - Case closed after assessment, no further action", "RC8 - Case closed after assessment, no further action"


class CategoryOfAbuse(models.TextChoices):
    """Child protection plan: category of abuse."""
    NEGLECT = "a) Neglect", "Neglect"
    PHYSICAL_ABUSE = "b) Physical abuse", "Physical abuse"
    SEXUAL_ABUSE = "c) Sexual abuse", "Sexual abuse"
    EMOTIONAL_ABUSE = "d) Emotional abuse", "Emotional abuse"
    MULTIPLE_NOT_RECOMMENDED = "e) Multiple/not recommended", "Multiple/not recommended"


class LookedAfterNeed(models.TextChoices):
    """Looked after: category of need."""
    N1 = "N1 - Abuse or neglect", "N1 - Abuse or neglect"
    N2 = "N2 - Child’s disability", "N2 - Child’s disability"
    N3 = "N3 - Parental illness or disability", "N3 - Parental illness or disability"
    N4 = "N4 - Family in acute stress", "N4 - Family in acute stress"
    N5 = "N5 - Family dysfunction", "N5 - Family dysfunction"
    N6 = "N6 - Socially unacceptable behaviour", "N6 - Socially unacceptable behaviour"
    N7 = "N7 - Low income", "N7 - Low income"
    N8 = "N8 - Absent parenting", "N8 - Absent parenting"


class LegalStatusCode(models.TextChoices):
    """Looked after: legal status."""
    C1 = "C1: ICO", "C1: ICO"
    C2 = "C2: FCO", "C2: FCO"
    D1 = "D1: Freeing order", "D1: Freeing order"
    E1 = "E1: Placement order", "E1: Placement order"
    V2 = "V2: Single period under S20", "V2: Single period under S20"
    L1 = "L1: Police protection LA accommodation", "L1: Police protection LA accommodation"
    L2 = "L2: EPO", "L2: EPO"
    L3 = "L3: Child assessment order LA accommodation", "L3: Child assessment order LA accommodation"
    J1 = "J1: Remanded to LA or youth detention", "J1: Remanded to LA or youth detention"
    J2 = "J2: LA accommodation under PACE", "J2: LA accommodation under PACE"
    J3 = "J3: Youth rehabilitation order", "J3: Youth rehabilitation order"
    V3 = "V3: Short term breaks, episodes recorded", "V3: Short term breaks, episodes recorded"
    V4 = "V4: Short term breaks, agreements recorded", "V4: Short term breaks, agreements recorded"


class PermanencePlan(models.TextChoices):
    """Looked after: permanence plan."""
    RETURN_TO_FAMILY = "a) Return to family", "Return to family"
    ADOPTION = "b) Adoption", "Adoption"
    SGO_CAO = "c) SGO/CAO", "SGO/CAO"
    SUPPORTED_LIVING_IN_THE_COMMUNITY = "d) Supported living in the community", "Supported living in the community"
    LONG_TERM_RESIDENTIAL_PLACEMENT = "e) Long-term residential placement", "Long-term residential placement"
    LONG_TERM_FOSTERING = "f) Long-term fostering", "Long-term fostering"
    OTHER = "g) other", "other"


class ReasonCeased(models.TextChoices):
    """Looked after: reason the episode ended."""
    E11 = "a) E11: Adopted - application unopposed", "E11: Adopted - application unopposed"
    E12 = "b) E12: Adopted - consent dispensed", "E12: Adopted - consent dispensed"
    E2 = "c) E2: Died", "E2: Died"
    E3 = "d) E3: Care taken by another LA", "E3: Care taken by another LA"
    E4A = "e) E4A: Returned home to live with parents or relatives - part of planning", "E4A: Returned home to live with parents or relatives - part of planning"
    E4B = "f) E4B: Returned home to live with parents or relatives - not part of planning", "E4B: Returned home to live with parents or relatives - not part of planning"
    E13 = "g) E13: Parents, relatives or other with no parental responsibility", "E13: Parents, relatives or other with no parental responsibility"
    E41 = "h) E41: Residence order granted", "E41: Residence order granted"
    E45 = "i) E45: Special Guardianship Orders - former carer relative/friend", "E45: Special Guardianship Orders - former carer relative/friend"
    E46 = "j) E46: Special Guardianship Orders - former carer other", "E46: Special Guardianship Orders - former carer other"
    E47 = "k) E47: Special Guardianship Orders - relative/friend", "E47: Special Guardianship Orders - relative/friend"
    E48 = "l) E48: Special Guardianship Orders - other", "E48: Special Guardianship Orders - other"
    E5 = "m) E5: Moved into independent living - supported", "E5: Moved into independent living - supported"
    E6 = "n) E6: Moved into independent living - no support", "E6: Moved into independent living - no support"
    E7 = "o) E7: Transferred to residential care funded by adult social services", "E7: Transferred to residential care funded by adult social services"
    E9 = "p) E9: Sentenced to custody", "E9: Sentenced to custody"
    E14 = "q) E14: Accommodation on remand ended", "E14: Accommodation on remand ended"
    E15 = "r) E15: Age assessment determined child was 18 or over", "E15: Age assessment determined child was 18 or over"
    E16 = "s) E16: Child moved abroad", "E16: Child moved abroad"
    E8 = "t) E8: Care ceased for any other reason", "E8: Care ceased for any other reason"
    X1 = "u) X1:CodeError", "X1:CodeError"


class PlacementType(models.TextChoices):
    """Looked after: placement type."""
    U1 = "a) U1: Foster placement - relatives - long term", "U1: Foster placement - relatives - long term"
    U2 = "b) U2: Foster placement - relative - FFA", "U2: Foster placement - relative - FFA"
    U3 = "c) U3: Foster placement - relative - not FFA", "U3: Foster placement - relative - not FFA"
    U4 = "d) U4: Foster placement - long term", "U4: Foster placement - long term"
    U5 = "e) U5: Foster placement - FFA", "U5: Foster placement - FFA"
    U6 = "f) U6: Foster placement - not FFA", "U6: Foster placement - not FFA"
    A3 = "g) A3: Placed for adoption - consent - current foster", "A3: Placed for adoption - consent - current foster"
    A4 = "h) A4: Placed for adoption - consent - not foster", "A4: Placed for adoption - consent - not foster"
    A5 = "i) A5: Placed for adoption - order - foster", "A5: Placed for adoption - order - foster"
    A6 = "j) A6: Placed for adoption - order - not foster", "A6: Placed for adoption - order - not foster"
    P1 = "k) P1: Placed with parents", "P1: Placed with parents"
    P2 = "l) P2: Independent living", "P2: Independent living"
    P3 = "m) P3: Residential employment", "P3: Residential employment"
    H5 = "n) H5: Residential accommodation", "H5: Residential accommodation"
    K1 = "o) K1: Secure Children’s Homes", "K1: Secure Children’s Homes"
    K2 = "p) K2: Children’s Homes", "K2: Children’s Homes"
    R1 = "q) R1: Residential Care Home", "R1: Residential Care Home"
    R2 = "r) R2: NHS/Health Trust", "R2: NHS/Health Trust"
    R3 = "s) R3: Family Centre or Mother and Baby Unit", "R3: Family Centre or Mother and Baby Unit"
    R5 = "t) R5: Young Offender Institution", "R5: Young Offender Institution"
    S1 = "u) S1: Residential school", "S1: Residential school"
    Z1 = "v) Z1: Other placements", "Z1: Other placements"
    T0 = "w) T0: Temporary placement", "T0: Temporary placement"
    T1 = "x) T1: Temporary placement - hospital", "T1: Temporary placement - hospital"
    T2 = "y) T2: Temporary placement - holiday", "T2: Temporary placement - holiday"
    T3 = "z) T3: Temporary placement - carer holiday", "T3: Temporary placement - carer holiday"
    T4 = "zz) T4: Temporary placement - seven days or less", "T4: Temporary placement - seven days or less"


class PlacementProvider(models.TextChoices):
    """Looked after: placement provider."""
    PR0 = "a) PR0: Parents/Parental responsibility", "PR0: Parents/Parental responsibility"
    PR1 = "b) PR1: Own provision", "PR1: Own provision"
    PR2 = "c) PR2: Other LA provision", "PR2: Other LA provision"
    PR3 = "d) PR3: Other public provision", "PR3: Other public provision"
    PR4 = "e) PR4: Private provision", "PR4: Private provision"
    PR5 = "f) PR5: Voluntary/third sector", "PR5: Voluntary/third sector"


class CareLeaverEligibility(models.TextChoices):
    """Care leaver: eligibility category."""
    RELEVANT_CHILD = "a) Relevant child", "Relevant child"
    FORMER_RELEVANT_CHILD = "b) Former relevant child", "Former relevant child"
    QUALIFYING_CARE_LEAVER = "c) Qualifying care leaver", "Qualifying care leaver"


class InTouch(models.TextChoices):
    """Care leaver: is the council in touch."""
    YES = "a) Yes", "Yes"
    NO = "b) No", "No"
    DIED = "c) Died", "Died"
    REFUSED = "d) Refu", "Young person refuses contact"
    NO_LONGER_REQUIRED = "e) NREQ", "No longer requires services"
    RETURNED_HOME = "f) Rhom", "Returned home to parents for 6 months or more"


class AccommodationType(models.TextChoices):
    """Care leaver: type of accommodation."""
    B = "B: Parents/relatives", "B: Parents/relatives"
    C = "C: Community home / residential care", "C: Community home / residential care"
    D = "D: Semi-independent, transitional accommodation and self-contained accommodation", "D: Semi-independent, transitional accommodation and self-contained accommodation"
    E = "E: Supported lodgings", "E: Supported lodgings"
    G = "G: Abroad", "G: Abroad"
    H = "H: Deported", "H: Deported"
    K = "K: Ordinary lodgings, without formal support", "K: Ordinary lodgings, without formal support"
    R = "R: Residence not known", "R: Residence not known"
    S = "S: No fixed abode / homeless", "S: No fixed abode / homeless"
    T = "T: Foyers and similar supported accommodation", "T: Foyers and similar supported accommodation"
    U = "U: Independent living", "U: Independent living"
    V = "V: Emergency accommodation", "V: Emergency accommodation"
    W = "W: Bed and breakfast", "W: Bed and breakfast"
    X = "X: In custody", "X: In custody"
    Y = "Y: Other accommodation", "Y: Other accommodation"
    Z = "Z: With former foster carers", "Z: With former foster carers"


class AccommodationSuitability(models.TextChoices):
    """Care leaver: suitability of accommodation."""
    SUITABLE = "a) Suitable", "Suitable"
    UNSUITABLE = "b) Unsuitable", "Unsuitable"


class ActivityStatus(models.TextChoices):
    """Care leaver: main activity."""
    F1 = "F1: Full time in higher education", "F1: Full time in higher education"
    P1 = "P1: Part time in higher education", "P1: Part time in higher education"
    F2 = "F2: Full time in education other than higher", "F2: Full time in education other than higher"
    P2 = "P2: Part time in education other than higher", "P2: Part time in education other than higher"
    F3 = "F3: Full time in training or employment", "F3: Full time in training or employment"
    P3 = "P3: Part time in training or employment", "P3: Part time in training or employment"
    G4 = "G4: Not in education, employment or training - illness or disability", "G4: Not in education, employment or training - illness or disability"
    G5 = "G5: Not in education, employment or training - other", "G5: Not in education, employment or training - other"
    G6 = "G6: Not in education, employment or training - pregnancy or parenting", "G6: Not in education, employment or training - pregnancy or parenting"


class AdoptionReversalReason(models.TextChoices):
    """Adoption: why the decision was reversed."""
    RD1 = "RD1 - The child’s needs changed subsequent to the decision", "RD1 - The child’s needs changed subsequent to the decision"
    RD2 = "RD2 - The Court did not make a placement order", "RD2 - The Court did not make a placement order"
    RD3 = "RD3 - Prospective adopters could not be found", "RD3 - Prospective adopters could not be found"
    RD4 = "RD4 - Any other reason", "RD4 - Any other reason"

