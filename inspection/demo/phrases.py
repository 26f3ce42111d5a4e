"""Words for demo records: short, plausible, invented. Used by the journey and practice seeders."""

# What the child said or showed, by age band and where they live (under 4s: what they showed).
_VIEWS = {
    "baby": {
        "any": [
            "Settled and content; babbled and made good eye contact.",
            "Crawled to the toy box and brought a book to the worker.",
            "Was wary of the worker at first, then played peekaboo.",
            "Pointed at the dog and laughed; said 'woof' several times.",
        ],
        "home": [
            "Clung to mum when the worker arrived and would not be put down.",
            "Settled on mum's lap and fed well during the visit.",
            "Nappy rash seen; mum was given advice by the health visitor.",
        ],
        "care": [
            "Smiled and reached for the foster carer when they came into the room.",
            "Cried when put down but was soothed quickly by the carer.",
            "Fell asleep in the carer's arms after a feed.",
        ],
    },
    "young": {
        "any": [
            "I want to see my nan more. She makes pancakes.",
            "I got a sticker at school today for reading.",
            "I miss my brother. When can I see him?",
            "Drew a picture of their family and put the dog in the middle.",
        ],
        "home": [
            "Mummy shouts sometimes and then I hide under the bed.",
            "I don't like it when daddy's friends come round at night.",
            "Sometimes there's no breakfast so I have it at school.",
        ],
        "care": [
            "My carer reads me a story every night.",
            "I'm happy here. I have my own bed.",
            "I like my bedroom, it has stars on the ceiling.",
        ],
    },
    "middle": {
        "any": [
            "School is OK. I've got a best friend now.",
            "I like football club on Saturdays, please don't stop it.",
            "I don't want to talk about dad today.",
            "I'd like to stay with my auntie at weekends.",
        ],
        "home": [
            "I get worried when mum doesn't get up in the morning.",
            "It's better at home since the police came. It's quieter.",
            "I look after my little sister when mum is poorly.",
        ],
        "care": [
            "I want to go home but I know I can't yet.",
            "My carers are kind. I want to stay here.",
            "I want contact to be at the park, not the contact centre.",
            "I don't like having to change schools again.",
        ],
    },
    "teen": {
        "any": [
            "I just want people to stop asking me the same questions.",
            "I don't trust social workers. I've had five.",
            "I'm not going back to that school.",
            "I want to learn to drive and get a job.",
            "College is going well, I'm doing mechanics.",
        ],
        "home": [
            "I keep out of the way when they argue.",
            "Things are better at home now mum's stopped drinking.",
            "I stay at my mate's when it kicks off at home.",
        ],
        "care": [
            "I'm fine here. My carer is alright.",
            "I want to move closer to my mates.",
            "I want to see my mum without anyone watching.",
            "I stay out because it's boring at the home, not because of anyone.",
            "I want a say in where I live when I'm 18.",
        ],
    },
}
VIEWS = {
    (band, setting): lists["any"] + lists[setting] for band, lists in _VIEWS.items() for setting in ("home", "care")
}
VIEWS_ADULT = [
    "I need help with my Universal Credit claim.",
    "The flat is damp and the landlord won't fix it.",
    "I'm doing OK. Work is going well.",
    "I want to stay with my foster carers until I finish college.",
    "I don't need you to visit every month, a text is fine.",
    "I'm struggling with money and the gas has run out.",
    "I want to go to university, can you help with the forms?",
    "I've got a new baby and I want to do this right.",
    "I want to know more about why I came into care.",
]

VISIT_SUMMARIES = {
    "assessment": [
        "Home visit as part of the assessment; parents and child seen.",
        "Assessment visit; spoke with parents about the concerns raised.",
        "Visit to school to see the child as part of the assessment.",
        "Joint visit with the health visitor for the assessment.",
    ],
    "section_47": [
        "Section 47 visit; child seen and home conditions checked.",
        "Visit following the strategy discussion; body map completed by health.",
    ],
    "child_protection": [
        "Statutory child protection visit; home conditions adequate.",
        "Unannounced visit; child's bedroom seen, food in the house.",
        "Child protection visit; worked through the safety plan with parents.",
        "Visit at school; child spoken to in private.",
        "Visit with the family support worker; routines discussed.",
        "Child protection visit; mum reports no contact with the perpetrator.",
    ],
    "child_in_need": [
        "Child in need visit; plan actions reviewed with the family.",
        "Home visit; family engaging well with support.",
        "Visit to discuss school attendance and the parenting course.",
        "Child in need visit; housing situation discussed.",
    ],
    "looked_after": [
        "Statutory visit in placement; child settled.",
        "Visit in placement; bedroom seen, carer reports a good week.",
        "Statutory visit; contact arrangements discussed.",
        "Visit in placement; education and health needs reviewed.",
        "Statutory visit following the placement move.",
    ],
    "care_leaver": [
        "Keeping-in-touch visit at the young person's accommodation.",
        "Met at a café to review the pathway plan actions.",
        "Visit to help with a benefits claim and budgeting.",
        "Visit at college; attendance and support discussed.",
    ],
    "early_help": [
        "Family support visit; reviewed the family plan.",
        "Home visit; parenting strategies practised with mum.",
        "Visit with the school pastoral lead; attendance improving.",
    ],
}
SUPERVISION = [
    "Case discussed in supervision; plan progressing, actions agreed.",
    "Supervision: reflective discussion on the family's engagement.",
    "Supervision: risks reviewed, no change to the plan.",
    "Supervision: worker to chase health and school information.",
    "Supervision: contingency plan considered; keep under review.",
]
OVERSIGHT = [
    "Management oversight: decision recorded and rationale clear.",
    "Management oversight: agree the plan; review at the next supervision.",
    "Management oversight: case reviewed, actions on track.",
    "Management oversight: chronology updated; risks understood.",
    "Management oversight: escalate to the head of service if no progress.",
]
CASE_NOTES = {
    "strategy": "Strategy discussion held with police and health; section 47 enquiry agreed.",
    "contact": "Contact received and screened by the multi-agency safeguarding hub.",
    "contact_nfa": "Contact screened; information and advice given, no further action.",
    "core_group": "Core group meeting held; plan actions reviewed with the family and partners.",
}
PANELS = [
    ("Legal gateway panel: threshold for pre-proceedings met; issue a letter before proceedings.",
     "Issue the letter before proceedings and book the pre-proceedings meeting."),
    ("Placement resource panel: agreed funding for the current placement for 12 weeks.",
     "Review the placement plan and return to panel before funding ends."),
    ("Permanence panel: long-term fostering plan endorsed.",
     "Complete the matching report for the carers."),
    ("Short breaks panel: agreed 24 nights of overnight short breaks a year.",
     "Confirm the short breaks provider and update the child in need plan."),
    ("Accommodation panel: supported accommodation agreed until 18.",
     "Agree a move-on plan and apply to the housing register."),
    ("Edge of care panel: family support package agreed to prevent care.",
     "Start intensive family support and review in 6 weeks."),
]
ADOPTION_DECISION = (
    "Agency decision maker: adoption is in the child's best interests.",
    "Apply for a placement order and start family finding.",
)
ADOPTION_MATCH = (
    "Adoption panel recommended the match; agency decision maker agreed.",
    "Agree the introductions plan with the adopters.",
)
EARLY_HELP_ORGANISATIONS = [
    "Family Hub North", "Family Hub South", "St Mary's Primary School", "Oakfield Academy",
    "Health visiting service", "School nursing service", "Youth service", "Children's centre (Riverside)",
    "Home-Start Dunbridge", "Parenting team",
]
FOSTER_AGENCIES = ["Brightpath Fostering", "Oakwood Family Placements", "Harbour Foster Care", "Kindred Fostering"]
CHILDRENS_HOMES = ["Hillside House", "The Willows", "Beacon Lodge", "Ashgrove", "Meadow View", "Larch Close"]
SUPPORTED_ACCOMMODATION = [
    "Next Steps Supported Living", "Foyer Dunbridge", "Stepping Stones Housing", "Compass Supported Lodgings",
]
