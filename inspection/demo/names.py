"""Names and proportions for demo data: plausible for an English borough, invented people only."""

from cases.codes import Ethnicity

GIRLS = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya",
    "Evie", "Poppy", "Ella", "Willow", "Florence", "Millie", "Daisy", "Ruby", "Chloe", "Jessica", "Megan",
    "Aaliyah", "Maryam", "Zara", "Fatima", "Aisha", "Hafsa", "Amira", "Precious", "Blessing", "Chiamaka",
    "Abigail", "Kayla", "Destiny", "Shanice", "Leah", "Paige", "Courtney", "Jade", "Kacey", "Holly", "Tia",
    "Maja", "Zuzanna", "Oliwia", "Ioana", "Bianca", "Mei", "Priya", "Anaya", "Simran", "Nadia", "Layla",
]
BOYS = [
    "Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry", "Oscar", "Archie", "Henry", "Jack",
    "Charlie", "Freddie", "Theo", "Alfie", "Jacob", "Thomas", "Riley", "Kai", "Tyler", "Mason", "Logan",
    "Callum", "Kyle", "Connor", "Liam", "Ethan", "Jayden", "Reece", "Bradley", "Ibrahim", "Yusuf", "Omar",
    "Ayaan", "Zain", "Hamza", "Ali", "Tobi", "Emeka", "Kwame", "Daniel", "Samuel", "Joshua", "Malachi",
    "Jakub", "Szymon", "Andrei", "Luca", "Mateo", "Wei", "Arjun", "Rohan", "Dev", "Kian", "Tommy",
]
NEUTRAL = ["Alex", "Jordan", "Charlie", "Riley", "Sam", "Morgan", "Jamie", "Robin"]

SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "Patel", "Khan", "Hussain", "Ahmed", "Ali", "Begum", "Shah", "Iqbal", "Akhtar", "Mahmood",
    "Okafor", "Adeyemi", "Mensah", "Osei", "Campbell", "Francis", "Grant", "Henry", "Bailey", "Morgan",
    "Nowak", "Kowalski", "Wisniewski", "Popescu", "Murphy", "Kelly", "O'Brien", "Doherty", "Lee", "Chen",
    "Wang", "Singh", "Kaur", "Gill", "Sharma", "Hughes", "Edwards", "Turner", "Harris", "Martin",
    "Cooper", "Ward", "Morris", "Moore", "Clark", "Lewis", "Baker", "Carter", "Mitchell", "Price",
]

# Approximate shares among children known to an English council's social care (per cent).
ETHNICITY_WEIGHTS = {
    Ethnicity.WBRI: 64, Ethnicity.WIRI: 1, Ethnicity.WIRT: 1, Ethnicity.WOTH: 6, Ethnicity.WROM: 1,
    Ethnicity.MWBC: 3, Ethnicity.MWBA: 1, Ethnicity.MWAS: 2, Ethnicity.MOTH: 3, Ethnicity.AIND: 1,
    Ethnicity.APKN: 4, Ethnicity.ABAN: 1, Ethnicity.AOTH: 2, Ethnicity.BCRB: 1, Ethnicity.BAFR: 4,
    Ethnicity.BOTH: 1, Ethnicity.CHNE: 1, Ethnicity.OOTH: 2, Ethnicity.REFU: 1, Ethnicity.NOBT: 1,
}

POSTCODE_DISTRICTS = ["DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DB8"]
OUT_OF_AREA_DISTRICTS = ["M14", "L8", "B12", "LS9", "S2", "NG7"]

WORKER_FIRST = [
    "Sarah", "Claire", "Helen", "Rachel", "Emma", "Joanne", "Nicola", "Amanda", "Lisa", "Kerry", "Priya",
    "Funmi", "Adebayo", "Mark", "David", "Paul", "Stephen", "Imran", "Gareth", "Tom", "Hannah", "Becky",
]
WORKER_LAST = [
    "Ashworth", "Bennett", "Chadwick", "Dawson", "Ellis", "Fletcher", "Gibson", "Holt", "Iqbal", "Jennings",
    "Kenyon", "Lomax", "Marsden", "Nuttall", "Oduya", "Pickering", "Quinn", "Rawlinson", "Sutcliffe", "Tattersall",
]
