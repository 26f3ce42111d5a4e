"""Ofsted's Annex A (ILACS, "Update: August 2019"): the eleven lists, their sheet names, titles and
column headers, and the codes the template's Codes_used sheet gives for coded columns.

Copied character for character from Ofsted's template (as held in
../shared/reference/annex-a/annexa_2019_spec.json, taken from Ofsted's workbook); the reference
file is not deployed, so the text lives here. Some headers end in a space ("LA In Touch ",
"Date Ceased to be Looked After ", "Date of Adoption Order ") and some use curly quotes
("children’s", "‘Missing’"): that is how Ofsted's template has them, and tests compare them with
the reference file and with Ofsted's own example workbooks.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ListSpec:
    number: int
    title: str
    sheet: str
    columns: tuple[str, ...]

    @property
    def title_text(self) -> str:
        """Row 1 of the sheet, as Ofsted writes it: "List 1: Contacts"."""
        return f"List {self.number}: {self.title}"


LISTS: tuple[ListSpec, ...] = (
    ListSpec(1, "Contacts", "List_1", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Date of Contact",
        "Contact Source",
    )),
    ListSpec(2, "Early Help", "List_2", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    )),
    ListSpec(3, "Referral", "List_3", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(4, "Assessments", "List_4", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children’s social care support",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(5, "Section 47 enquiries and Initial Child Protection Conferences", "List_5", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(6, "Children in Need", "List_6", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case status",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(7, "Child protection", "List_7", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(8, "Children in care", "List_8", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        "Does the Child have a Disability",
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After ",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
        "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        "Allocated Team",
        "Allocated Worker",
    )),
    ListSpec(9, "Care leavers", "List_9", (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Allocated Team",
        "Allocated Worker",
        "Eligibility Category",
        "LA In Touch ",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    )),
    ListSpec(10, "Adoption", "List_10", (
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order ",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    )),
    ListSpec(11, "Adopters", "List_11", (
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    )),
)
LIST_BY_NUMBER = {spec.number: spec for spec in LISTS}

# Codes_used: the codes Ofsted asks for, by the heading of the code list on the Codes_used sheet.
CODES_USED: dict[str, tuple[str, ...]] = {
    "Gender": (
        "a) Male", "b) Female", "c) Not stated/recorded", "d) Neither",
    ),
    "Ethnicity": (
        "a) WBRI", "b) WIRI", "c) WIRT", "d) WOTH", "e) WROM", "f) MWBC", "g) MWBA", "h) MWAS", "i) MOTH", "j) AIND",
        "k) APKN", "l) ABAN", "m) AOTH", "n) BCRB", "o) BAFR", "p) BOTH", "q) CHNE", "r) OOTH", "s) REFU", "s) NOBT",
    ),
    "Contact / Referral Source": (
        "a) 1A: Individual", "b) 1B: Individual", "c) 1C: Individual", "d) 1D: Individual", "e) 2A: Schools",
        "f) 2B: Education services", "g) 3A: Health services", "h) 3B: Health services", "i) 3C: Health services",
        "j) 3D: Health services", "k) 3E: Health services", "l) 3F: Health services", "m) 4: Housing",
        "n) 5A: LA services", "o) 5B: LA services", "p) 5C: LA services", "q) 6: Police", "r) 7: Other legal agency",
        "s) 8: Other", "t) 9: Anonymous", "u) 10: Unknown",
    ),
    "Referral NFA?": (
        "a) Yes", "b) No",
    ),
    "Does the Child have a Disability": (
        "a) Yes", "b) No", "c) Unknown",
    ),
    "Child Seen During Continuous Assessment": (
        "a) Yes", "b) No", "c) Unknown",
    ),
    "Was the child assessed as being in need at assessment?": (
        "a) Yes", "b) No",
    ),
    "Was an Initial Child Protection Conference deemed unnecessary?": (
        "a) Yes", "b) No",
    ),
    "Did the Initial Child Protection Conference Result in a Child Protection Plan?": (
        "a) Yes", "b) No",
    ),
    "Primary Need Code": (
        "N1 - Abuse or neglect", "N2 - Child’s disability", "N3 - Parental disability or illness",
        "N4 - Family in acute stress", "N5 - Family dysfunction", "N6 - Socially unacceptable behaviour",
        "N7 - Low income", "N8 - Absent parenting", "N9 - Cases other than children in need", "N0 - Not stated",
    ),
    "Reason for Closure": (
        "RC1 - Adopted", "RC2 - Died", "RC3 - Child arrangements order", "RC4 - Special guardianship order",
        "RC5 - Transferred to services of another local authority", "RC6 - Transferred to adult social care services",
        "RC7 - Services ceased for any other reason, including child no longer in need",
        "RC8 - Case closed after assessment, no further action",
    ),
    "Case status": (
        "a) Looked after child", "b) Child Protection plan", "c) Child in need plan", "d) Open assessment",
        "e) Closed episode",
    ),
    "Initial/Latest Category of Abuse": (
        "a) Neglect", "b) Physical abuse", "c) Sexual abuse", "d) Emotional abuse", "e) Multiple/not recommended",
    ),
    "Was the Child Seen Alone?": (
        "a) Yes", "b) No", "c) Unknown",
    ),
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": (
        "a) Yes", "b) No",
    ),
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (
        "a) Yes", "b) No",
    ),
    "Child's Category of Need": (
        "N1 - Abuse or neglect", "N2 - Child’s disability", "N3 - Parental illness or disability",
        "N4 - Family in acute stress", "N5 - Family dysfunction", "N6 - Socially unacceptable behaviour",
        "N7 - Low income", "N8 - Absent parenting",
    ),
    "Is this a second or subsequent episode of being a Looked After Child within the last 12 months (Y/N)": (
        "a) Yes", "b) No",
    ),
    "Child's Legal Status": (
        "C1: ICO", "C2: FCO", "D1: Freeing order", "E1: Placement order", "V2: Single period under S20",
        "L1: Police protection LA accommodation", "L2: EPO", "L3: Child assessment order LA accommodation",
        "J1: Remanded to LA or youth detention", "J2: LA accommodation under PACE", "J3: Youth rehabilitation order",
        "V3: Short term breaks, episodes recorded", "V4: Short term breaks, agreements recorded",
    ),
    "What is the permanence plan for this child?": (
        "a) Return to family", "b) Adoption", "c) SGO/CAO", "d) Supported living in the community",
        "e) Long-term residential placement", "f) Long-term fostering", "g) other",
    ),
    "Reason Ceased to be Looked After": (
        "a) E11: Adopted - application unopposed", "b) E12: Adopted - consent dispensed", "c) E2: Died",
        "d) E3: Care taken by another LA",
        "e) E4A: Returned home to live with parents or relatives - part of planning",
        "f) E4B: Returned home to live with parents or relatives - not part of planning",
        "g) E13: Parents, relatives or other with no parental responsibility", "h) E41: Residence order granted",
        "i) E45: Special Guardianship Orders - former carer relative/friend",
        "j) E46: Special Guardianship Orders - former carer other",
        "k) E47: Special Guardianship Orders - relative/friend", "l) E48: Special Guardianship Orders - other",
        "m) E5: Moved into independent living - supported", "n) E6: Moved into independent living - no support",
        "o) E7: Transferred to residential care funded by adult social services", "p) E9: Sentenced to custody",
        "q) E14: Accommodation on remand ended", "r) E15: Age assessment determined child was 18 or over",
        "s) E16: Child moved abroad", "t) E8: Care ceased for any other reason", "u) X1:CodeError",
    ),
    "Placement Type": (
        "a) U1: Foster placement - relatives - long term", "b) U2: Foster placement - relative - FFA",
        "c) U3: Foster placement - relative - not FFA", "d) U4: Foster placement - long term",
        "e) U5: Foster placement - FFA", "f) U6: Foster placement - not FFA",
        "g) A3: Placed for adoption - consent - current foster", "h) A4: Placed for adoption - consent - not foster",
        "i) A5: Placed for adoption - order - foster", "j) A6: Placed for adoption - order - not foster",
        "k) P1: Placed with parents", "l) P2: Independent living", "m) P3: Residential employment",
        "n) H5: Residential accommodation", "o) K1: Secure Children’s Homes", "p) K2: Children’s Homes",
        "q) R1: Residential Care Home", "r) R2: NHS/Health Trust", "s) R3: Family Centre or Mother and Baby Unit",
        "t) R5: Young Offender Institution", "u) S1: Residential school", "v) Z1: Other placements",
        "w) T0: Temporary placement", "x) T1: Temporary placement - hospital", "y) T2: Temporary placement - holiday",
        "z) T3: Temporary placement - carer holiday", "zz) T4: Temporary placement - seven days or less",
    ),
    "Placement Provider": (
        "a) PR0: Parents/Parental responsibility", "b) PR1: Own provision", "c) PR2: Other LA provision",
        "d) PR3: Other public provision", "e) PR4: Private provision", "f) PR5: Voluntary/third sector",
    ),
    "Placement Location": (
        "a) In", "b) Out",
    ),
    "LA of Placement": (
        "NIR - Child placed in Northern Ireland", "WAL - Child placed in Wales", "SCO - Child placed in Scotland",
        "NUK - Child placed outside the UK", "CON - Child placed in confidential placement",
    ),
    "Was the child offered a Return Interview after their last missing episode (Y/N)?": (
        "a) Yes", "b) No", "c) Unknown",
    ),
    "Did the child accept a Return Interview after their last missing episode (Y/N)?": (
        "a) Yes", "b) No", "c) Unknown",
    ),
    "Eligibility Category": (
        "a) Relevant child", "b) Former relevant child", "c) Qualifying care leaver",
    ),
    "LA In Touch": (
        "a) Yes", "b) No", "c) Died", "d) Refu", "e) NREQ", "f) Rhom",
    ),
    "Type of Accommodation": (
        "B: Parents/relatives", "C: Community home / residential care",
        "D: Semi-independent, transitional accommodation and self-contained accommodation", "E: Supported lodgings",
        "G: Abroad", "H: Deported", "K: Ordinary lodgings, without formal support", "R: Residence not known",
        "S: No fixed abode / homeless", "T: Foyers and similar supported accommodation", "U: Independent living",
        "V: Emergency accommodation", "W: Bed and breakfast", "X: In custody", "Y: Other accommodation",
        "Z: With former foster carers",
    ),
    "Suitability of Accommodation": (
        "a) Suitable", "b) Unsuitable",
    ),
    "Activity Status": (
        "F1: Full time in higher education", "P1: Part time in higher education",
        "F2: Full time in education other than higher", "P2: Part time in education other than higher",
        "F3: Full time in training or employment", "P3: Part time in training or employment",
        "G4: Not in education, employment or training - illness or disability",
        "G5: Not in education, employment or training - other",
        "G6: Not in education, employment or training - pregnancy or parenting",
    ),
    "Reason Why Child No Longer Placed for Adoption": (
        "RD1 - The child’s needs changed subsequent to the decision",
        "RD2 - The Court did not make a placement order", "RD3 - Prospective adopters could not be found",
        "RD4 - Any other reason",
    ),
    "Reason for leaving adoption process": (
        "1 - Adopter withdrew from process", "2 - Process put on hold", "3 - Application refused",
    ),
}
