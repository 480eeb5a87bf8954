"""Word lists for the demo's survivor data: names by origin, countries, places and the short
phrases advocates and survivors write (goals, notes, reviews), in English and some Spanish.

Every person is fictional. Names are drawn from ``ally.demo.names`` only, grouped here so that a
client's name fits the country they come from; phone numbers are in the 555-01xx range reserved
for fiction and email addresses use the reserved example.* domains.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Names (every one is also in ally.demo.names) ---------------------------------------------

FEMININE: frozenset[str] = frozenset({
    "Aaliyah", "Adriana", "Aisha", "Amara", "Amina", "Ana", "Angela", "Anh", "Ashley", "Ayesha",
    "Bianca", "Camila", "Carmen", "Catherine", "Chioma", "Danielle", "Deja", "Denise", "Destiny",
    "Elena", "Emily", "Esperanza", "Fatima", "Grace", "Hana", "Hoa", "Imani", "Inés", "Jasmine",
    "Jennifer", "Jessica", "Joanna", "Julia", "Katherine", "Keisha", "Khadija", "Kim", "Lakshmi",
    "Latoya", "Laura", "Leila", "Lena", "Linh", "Maya", "María", "Mariam", "Megan", "Mei",
    "Nadia", "Naomi", "Nia", "Nicole", "Nkechi", "Olga", "Pa Nhia", "Priya", "Rachel", "Raven",
    "Renee", "Rosa", "Ruth", "Samira", "Sara", "Sofía", "Sophia", "Stephanie", "Sunita",
    "Tamika", "Tanisha", "Teresa", "Valeria", "Vanessa", "Wanda", "Winona", "Yasmin", "Yer",
    "Zainab", "Zoe",
})  # fmt: skip
MASCULINE: frozenset[str] = frozenset({
    "Abdi", "Ahmed", "Alejandro", "Andrés", "Ben", "Brandon", "Carlos", "Daniel", "Darnell",
    "David", "Diego", "Dmitri", "Elijah", "Gabriel", "Hassan", "Hector", "Ibrahim", "Isaiah",
    "Jamal", "James", "Javier", "John", "José", "Joseph", "Juan", "Kareem", "Kenji", "Kevin",
    "Kwame", "Lucas", "Luis", "Malik", "Marcus", "Mark", "Michael", "Miguel", "Mohamed", "Noah",
    "Omar", "Patrick", "Paul", "Pedro", "Rafael", "Rahul", "Ricardo", "Ryan", "Samuel", "Shawn",
    "Thomas", "Tou", "Tyrone", "Victor", "William", "Xavier", "Yusuf",
})  # fmt: skip
NEUTRAL: frozenset[str] = frozenset({"Bo", "Chen", "Chris", "Dakota", "Jin", "Kai"})


@dataclass(frozen=True)
class NamePool:
    first: tuple[str, ...]
    last: tuple[str, ...]


NAME_POOLS: dict[str, NamePool] = {
    "us": NamePool(
        ("Angela", "Ashley", "Ben", "Bianca", "Brandon", "Catherine", "Chris", "Daniel",
         "Danielle", "David", "Denise", "Destiny", "Elijah", "Emily", "Grace", "Isaiah", "James",
         "Jasmine", "Jennifer", "Jessica", "Joanna", "John", "Joseph", "Julia", "Kai",
         "Katherine", "Kevin", "Kim", "Laura", "Lucas", "Marcus", "Mark", "Maya", "Megan",
         "Michael", "Naomi", "Nicole", "Noah", "Patrick", "Paul", "Rachel", "Renee", "Ruth",
         "Ryan", "Samuel", "Sara", "Shawn", "Sophia", "Stephanie", "Thomas", "Vanessa", "Wanda",
         "William", "Xavier", "Zoe"),
        ("Adams", "Anderson", "Baker", "Bauer", "Bell", "Brooks", "Brown", "Clark", "Daniels",
         "Edwards", "Evans", "Fischer", "Gray", "Green", "Hall", "Hansen", "Harris", "Hill",
         "Jensen", "Johnson", "Jones", "Kowalski", "Larson", "Lewis", "Martin", "Murphy",
         "Nelson", "Novak", "O'Brien", "Olson", "Owens", "Peterson", "Schmidt", "Schneider",
         "Scott", "Smith", "Stewart", "Sullivan", "Taylor", "Thomas", "Thompson", "Walker",
         "Weber", "White", "Williams", "Wilson", "Wright", "Young"),
    ),
    "black_american": NamePool(
        ("Aaliyah", "Darnell", "Deja", "Destiny", "Imani", "Isaiah", "Jamal", "Jasmine", "Keisha",
         "Latoya", "Malik", "Marcus", "Nia", "Raven", "Tamika", "Tanisha", "Tyrone", "Xavier"),
        ("Banks", "Bell", "Brooks", "Daniels", "Green", "Harris", "Jackson", "James", "Johnson",
         "Moore", "Owens", "Robinson", "Scott", "Thomas", "Walker", "Washington", "Williams"),
    ),
    "hispanic": NamePool(
        ("Adriana", "Alejandro", "Ana", "Andrés", "Camila", "Carlos", "Carmen", "Diego", "Elena",
         "Esperanza", "Gabriel", "Hector", "Inés", "Javier", "José", "Juan", "Luis", "María",
         "Miguel", "Pedro", "Rafael", "Ricardo", "Rosa", "Sofía", "Teresa", "Valeria", "Victor"),
        ("Aguilar", "Castillo", "Chavez", "Cruz", "Diaz", "Fernandez", "Flores", "Garcia",
         "Gonzalez", "Hernandez", "Lopez", "Martinez", "Mendoza", "Morales", "Ortiz", "Perez",
         "Ramirez", "Ramos", "Reyes", "Rivera", "Rodriguez", "Romero", "Ruiz", "Sanchez", "Soto",
         "Torres", "Vasquez"),
    ),
    "filipino": NamePool(
        ("Ana", "Angela", "Carmen", "Gabriel", "Grace", "Joanna", "José", "Juan", "María", "Mark",
         "Rosa", "Teresa", "Victor"),
        ("Castillo", "Cruz", "Flores", "Garcia", "Mendoza", "Ramos", "Reyes", "Torres"),
    ),
    "hmong": NamePool(
        ("Pa Nhia", "Tou", "Yer", "Kim", "Chris", "Kevin"),
        ("Her", "Lor", "Thao", "Vang", "Xiong", "Yang"),
    ),
    "native": NamePool(
        ("Dakota", "Winona", "Grace", "Joseph", "Naomi", "Raven", "Ruth", "Thomas", "Wanda"),
        ("Begay", "Yazzie", "Peterson", "Olson", "Larson", "Jensen"),
    ),
    "chinese": NamePool(("Bo", "Chen", "Jin", "Mei"), ("Chen", "Lee", "Zhang")),
    "korean": NamePool(("Jin", "Kim", "Hana"), ("Kim", "Lee", "Park")),
    "vietnamese": NamePool(("Anh", "Hoa", "Linh"), ("Nguyen", "Pham", "Tran")),
    "south_asian": NamePool(
        ("Ayesha", "Lakshmi", "Priya", "Rahul", "Sunita"),
        ("Gupta", "Kaur", "Khan", "Patel", "Shah", "Singh"),
    ),
    "west_african": NamePool(
        ("Amara", "Chioma", "Daniel", "Grace", "Kwame", "Nkechi", "Samuel"),
        ("Adeyemi", "Obi", "Okafor"),
    ),
    "east_african": NamePool(
        ("Abdi", "Ahmed", "Amina", "Fatima", "Hassan", "Ibrahim", "Khadija", "Mariam", "Mohamed",
         "Omar", "Samira", "Yusuf", "Zainab"),
        ("Abdullahi", "Ali", "Farah", "Hassan", "Ibrahim", "Mohamud", "Warsame"),
    ),
    "east_european": NamePool(
        ("Dmitri", "Elena", "Lena", "Nadia", "Olga", "Victor"),
        ("Kowalski", "Novak", "Sokolov"),
    ),
}

# U.S.-born clients: which name pool, by weight (the tribal program serves mostly Native clients).
US_POOLS: tuple[tuple[str, int], ...] = (
    ("us", 52), ("black_american", 24), ("hispanic", 14), ("hmong", 4), ("native", 3),
    ("east_african", 3),
)


# --- Countries of origin -----------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    country: str
    weight: int  # among clients born abroad
    pool: str
    languages: tuple[tuple[tuple[str, ...], int], ...]  # (languages spoken, weight)
    cities: tuple[str, ...]
    arrival: str  # "border" (overland) or "air"


ORIGINS: tuple[Origin, ...] = (
    Origin("Mexico", 22, "hispanic", ((("Spanish",), 80), (("Spanish", "Mixtec"), 10),
           (("Spanish", "English"), 10)), ("Oaxaca", "Puebla", "Guadalajara", "Tlaxcala",
           "Veracruz", "Acapulco"), "border"),
    Origin("Guatemala", 12, "hispanic", ((("Spanish",), 55), (("K'iche'", "Spanish"), 25),
           (("Mam", "Spanish"), 20)), ("Quetzaltenango", "Huehuetenango", "Guatemala City",
           "Cobán"), "border"),
    Origin("Honduras", 10, "hispanic", ((("Spanish",), 100),),
           ("San Pedro Sula", "Tegucigalpa", "La Ceiba"), "border"),
    Origin("El Salvador", 6, "hispanic", ((("Spanish",), 100),),
           ("San Salvador", "Santa Ana", "San Miguel"), "border"),
    Origin("Venezuela", 3, "hispanic", ((("Spanish",), 100),), ("Caracas", "Maracaibo"), "air"),
    Origin("Philippines", 8, "filipino", ((("Tagalog", "English"), 80), (("Cebuano", "English"),
           20)), ("Manila", "Cebu City", "Davao City"), "air"),
    Origin("China", 5, "chinese", ((("Mandarin",), 70), (("Mandarin", "English"), 30)),
           ("Fuzhou", "Shenyang", "Guangzhou"), "air"),
    Origin("South Korea", 2, "korean", ((("Korean",), 100),), ("Seoul", "Busan"), "air"),
    Origin("Vietnam", 4, "vietnamese", ((("Vietnamese",), 100),),
           ("Ho Chi Minh City", "Hanoi", "Nghe An"), "air"),
    Origin("India", 6, "south_asian", ((("Hindi", "English"), 50), (("Punjabi", "English"), 30),
           (("Telugu", "English"), 20)), ("Hyderabad", "Amritsar", "Delhi"), "air"),
    Origin("Nepal", 2, "south_asian", ((("Nepali",), 100),), ("Kathmandu", "Pokhara"), "air"),
    Origin("Nigeria", 4, "west_african", ((("English", "Yoruba"), 50), (("English", "Igbo"), 50)),
           ("Lagos", "Benin City", "Enugu"), "air"),
    Origin("Ghana", 2, "west_african", ((("English", "Twi"), 100),), ("Accra", "Kumasi"), "air"),
    Origin("Ethiopia", 2, "east_african", ((("Amharic",), 100),), ("Addis Ababa",), "air"),
    Origin("Somalia", 2, "east_african", ((("Somali",), 100),), ("Mogadishu",), "air"),
    Origin("Ukraine", 3, "east_european", ((("Ukrainian", "Russian"), 100),),
           ("Kyiv", "Odesa", "Kharkiv"), "air"),
    Origin("Romania", 2, "east_european", ((("Romanian",), 100),), ("Bucharest", "Iași"), "air"),
    Origin("Moldova", 1, "east_european", ((("Romanian", "Russian"), 100),), ("Chișinău",), "air"),
)

# Where people who came overland crossed, and where those who flew landed.
BORDER_CROSSINGS: tuple[tuple[str, str, str], ...] = (
    ("Texas", "Laredo", "Port of entry"), ("Texas", "El Paso", "Port of entry"),
    ("Arizona", "Nogales", "Border crossing"), ("Texas", "McAllen", "Border crossing"),
    ("California", "San Ysidro", "Port of entry"),
)
AIRPORTS: tuple[tuple[str, str, str], ...] = (
    ("Illinois", "Chicago", "O'Hare International Airport"),
    ("New York", "New York", "John F. Kennedy International Airport"),
    ("Texas", "Houston", "George Bush Intercontinental Airport"),
    ("Georgia", "Atlanta", "Hartsfield-Jackson Atlanta International Airport"),
    ("California", "Los Angeles", "Los Angeles International Airport"),
)
# Other U.S. cities people were moved through.
US_TRANSIT: tuple[tuple[str, str, str], ...] = (
    ("Minnesota", "Minneapolis", "Motels along the interstate"),
    ("Illinois", "Chicago", "An apartment on the South Side"),
    ("Michigan", "Detroit", "Hotels near the airport"),
    ("Iowa", "Des Moines", "Truck stop"),
    ("Indiana", "Indianapolis", "Motel"),
    ("Ohio", "Columbus", "Short-term rental"),
)

# Extra area codes for clients' own (fictional) phone numbers.
OTHER_AREA_CODES: tuple[str, ...] = (
    "212", "213", "305", "312", "404", "469", "512", "602", "612", "702", "713", "773", "832",
    "915", "956",
)

# --- Trafficking details -----------------------------------------------------------------------

# (value of vic_ForcedLabourIndustry, weight, places of exploitation)
LABOR_INDUSTRIES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("A_AgricultureForestryAndFishing", 24, ("Dairy farm", "Orchard", "Vegetable farm", "Greenhouse")),
    ("I_AccommodationAndFoodServiceActivities", 18, ("Restaurant kitchen", "Hotel housekeeping", "Buffet restaurant")),
    ("T_ActivitiesOfHouseholdsAsEmployers", 12, ("Private home",)),
    ("F_Construction", 10, ("Residential construction sites", "Roofing crew")),
    ("C_Manufacturing", 9, ("Meat-packing plant", "Food-processing plant")),
    ("S_OtherServiceActivities", 10, ("Nail salon", "Massage business", "Car wash")),
    ("G_WholesaleAndRetailTradeRepairOfMotorVehicles", 6, ("Convenience store", "Auto repair shop")),
    ("N_AdministrativeAndSupportServiceActivities", 6, ("Commercial cleaning crew", "Staffing agency")),
    ("H_TransportationAndStorage", 3, ("Warehouse",)),
    ("Q_HumanHealthAndSocialWorkActivities", 2, ("Group home for older adults",)),
)  # fmt: skip
SEX_PLACES: tuple[str, ...] = (
    "Motels near the interstate", "Private apartment", "Hotel calls arranged online",
    "Truck stop", "Illicit massage business", "Private residence", "Strip club",
)

SEX_CONTROL: tuple[tuple[str, int], ...] = (
    ("PsychologicalAbuse", 30), ("PhysicalThreats", 25), ("TakesEarnings", 28),
    ("PhysicalAbuse", 20), ("SexualAbuse", 18), ("PsychoactiveSubstance", 18),
    ("FalsePromises", 15), ("ThreatensChildrenFamily", 8), ("RestrictsFinancialAccess", 8),
    ("WithholdsDocuments", 4), ("Other", 3),
)
LABOR_CONTROL: tuple[tuple[str, int], ...] = (
    ("FalsePromises", 30), ("DebtBondage", 28), ("TakesEarnings", 24), ("WithholdsDocuments", 22),
    ("ExcessiveWorkingHours", 22), ("ThreatsLawEnforcement", 20), ("PsychologicalAbuse", 14),
    ("RestrictsFinancialAccess", 10), ("WithholdsNecessities", 8), ("RestrictsMedicalCare", 8),
    ("PhysicalThreats", 8), ("ThreatensChildrenFamily", 6), ("PhysicalAbuse", 4),
)

RECRUITMENT_SEX: tuple[str, ...] = (
    "Met someone online who promised love and a place to stay.",
    "A friend from school made an introduction to an older man who offered a place to stay.",
    "Answered a modelling ad on social media.",
    "A partner said they needed money for rent, then would not allow stopping.",
    "A relative arranged it.",
    "Was offered work as a dancer that turned out to be something else.",
    "Met a woman at a bus station who offered a ride and a job.",
)
RECRUITMENT_LABOR: tuple[str, ...] = (
    "A recruiter in the home town promised farm work with good pay and housing.",
    "Paid a large fee to an agency for a job that did not exist.",
    "A cousin arranged a restaurant job and the travel.",
    "Came on a work visa; the employer took the passport on arrival.",
    "Answered an online ad for cleaning work with housing included.",
    "Was promised a job as a nanny with a family here.",
)

# --- Care record phrases -----------------------------------------------------------------------

GOALS_EN: tuple[str, ...] = (
    "Find a safe place to live", "Get my own apartment", "Get my kids back", "Finish my GED",
    "Get a job I like", "Learn English", "Get my papers in order", "Sleep through the night",
    "Feel safe again", "Get my driver's license", "Pay off my phone bill", "See a dentist",
    "Stay sober", "Go back to school", "Open a bank account", "Get my ID back",
    "Talk to my mom again", "Save money for a car", "Get my record cleared",
    "Stop having panic attacks", "Learn to cook for myself", "Get a T visa",
    "Send money home to my family", "Find a doctor I trust", "Take care of my baby",
    "Get my birth certificate", "Find a church near me", "Be able to take the bus alone",
    "Have my own phone", "Get my credit fixed", "Start counseling", "Move closer to my sister",
    "Not go back to him", "Find work with fair pay", "Get my son into daycare",
    "Learn to drive", "Make friends who are good for me", "Get glasses",
)
GOALS_ES: tuple[str, ...] = (
    "Tener un lugar seguro para vivir", "Conseguir un trabajo con pago justo",
    "Aprender inglés", "Arreglar mis papeles", "Traer a mis hijos", "Mandar dinero a mi familia",
    "Sacar mi licencia de manejar", "Recuperar mi pasaporte", "Ir al doctor",
    "Dormir tranquila", "Terminar la escuela", "Tener mi propio cuarto", "Pagar mis deudas",
    "Hablar con mi mamá", "Sentirme segura", "Conseguir la visa T", "Abrir una cuenta de banco",
    "Ver al dentista", "Encontrar una iglesia", "Cuidar a mi bebé",
)
# Spanish goals in the feminine: written only by survivors who use the feminine for themselves.
GOALS_ES_FEMININE: frozenset[str] = frozenset({"Dormir tranquila", "Sentirme segura"})

FREQUENCIES_EN: tuple[str, ...] = (
    "Weekly", "Twice a month", "Monthly", "As needed", "Every two weeks", "Once",
)
FREQUENCIES_ES: tuple[str, ...] = ("Semanal", "Cada dos semanas", "Mensual", "Cuando haga falta")

REVIEW_SUMMARIES: tuple[str, ...] = (
    "Reviewed goals together; housing is the first priority for now.",
    "Good progress on work goals. Client wants to focus on school next.",
    "Client moved; updated safety plan and contact instructions.",
    "Client feeling more stable. Reduced check-ins to every two weeks.",
    "Immigration application filed; waiting for a response.",
    "Client chose to change a goal; plan updated in the client's own words.",
    "Missed two appointments; reconnected by text and set new dates.",
    "Counseling is helping. Client asked about job training.",
    "Revisamos las metas juntas; la vivienda sigue siendo la prioridad.",
    "Buen avance. Quiere empezar clases de inglés.",
)

NEED_NOTES: dict[str, tuple[str, ...]] = {
    "safety": ("Trafficker still makes contact", "Worried about being found", "Safety plan made"),
    "housing": ("In emergency shelter", "Staying with a friend", "Needs a lease in own name"),
    "health": ("Untreated injury", "Needs a primary-care doctor", "Dental pain"),
    "mental_health": ("Trouble sleeping", "Panic attacks", "Wants counseling"),
    "legal": ("Open charges from the trafficking period", "Custody question"),
    "immigration": ("No status", "Passport held by employer", "Asked about the T visa"),
    "income": ("No income", "Sends money home", "Owes the recruiter"),
    "employment": ("Wants work with fair pay", "Needs work authorization"),
    "education": ("Wants to finish high school", "Wants English classes"),
    "family": ("Children with relatives abroad", "Wants to contact family"),
    "documents": ("No ID", "Needs a birth certificate"),
    "transportation": ("No car; relies on rides", "Needs a bus pass"),
    "other": ("Needs a phone",),
}

NOTES: dict[str, tuple[str, ...]] = {
    "contact": (
        "Checked in by phone. Client is doing okay and has what is needed this week.",
        "Met at the office. Talked about school and next steps.",
        "Texted to confirm the appointment; client confirmed.",
        "Home visit. Apartment is set up; client asked for a second bed for the children.",
        "Client called upset about a bill; we made a plan to call the company together.",
        "Llamada de seguimiento. Todo bien; empezó un trabajo nuevo.",
    ),
    "safety": (
        "Client saw a familiar car near the shelter. Reviewed the safety plan.",
        "Trafficker sent messages on social media; client blocked the account.",
        "Updated the safety plan after the move.",
        "Client is worried about a cousin still at the farm.",
    ),
    "service": (
        "Drove client to the clinic; follow-up visit in two weeks.",
        "Picked up groceries and hygiene items with the client.",
        "Went with client to the benefits office; application submitted.",
        "Interpreter joined the session by phone.",
        "Fuimos juntos a la cita médica.",
    ),
    "legal": (
        "Met with the immigration attorney about the T visa application.",
        "Court date set; client wants an advocate with her in court.",
        "Asked the prosecutor's office about the certification letter.",
        "Vacatur motion filed for the old charges.",
    ),
    "supervision": (
        "Discussed the case in supervision; plan to involve the housing specialist.",
        "Supervisor reviewed the consent on file before the task-force case review.",
    ),
    "other": (
        "Client shared a drawing one of the children made. Proud of the progress so far.",
        "Dropped off a winter coat and boots.",
    ),
}
SENSITIVE_NOTES: tuple[str, ...] = (
    "Client disclosed more about what happened at the last place and does not want it shared.",
    "Client shared a health matter to keep between us for now.",
    "Client told me about a relapse last weekend. We talked about treatment options.",
    "Client named a second person involved and is afraid of what happens if he finds out.",
    "Client described the night of leaving. Kept details out of the shared record.",
    "Contó más sobre lo que pasó; no quiere que se comparta.",
)

OUTCOMES: dict[str, tuple[str, ...]] = {
    "case_management": ("Plan updated", "Referral made", "Checked in; no new needs"),
    "crisis_intervention": ("Client safe tonight", "Moved to shelter"),
    "emergency_shelter": ("Stayed at shelter",),
    "transitional_housing": ("Rent paid for the month",),
    "medical": ("Seen by the clinic", "Prescription filled"),
    "mental_health": ("Session attended",),
    "immigration_legal": ("Application drafted", "Documents gathered"),
    "employment": ("Résumé done", "Job interview scheduled"),
    "education": ("Enrolled in classes",),
    "public_benefits": ("Application submitted",),
    "identity_documents": ("ID card issued", "Birth certificate ordered"),
}

CRISIS_REFERENCES: tuple[str, ...] = (
    "Hotline call", "Walk-in", "Call from a hospital social worker", "Outreach contact",
    "Text line", "Call from a school counselor",
)
INSPECTION_REFERENCES: tuple[str, ...] = (
    "Inspection, dairy farm", "Inspection, restaurant", "Complaint visit, cleaning contractor",
    "Inspection, greenhouse",
)

GUARDIANS: tuple[tuple[str, str], ...] = (
    ("Mother", "mother"), ("Father", "father"), ("Aunt", "aunt"), ("Grandmother", "grandmother"),
    ("Foster parent", "foster"), ("Legal guardian (county)", "county"),
)
MINOR_ALONE_BASIS = "State law lets a minor aged 14 or older consent alone to these services"
REVOCATION_NOTES: tuple[str, ...] = (
    "Client asked to stop sharing with this agency.",
    "Client no longer wants to take part in the case.",
    "Client withdrew consent after moving out of state.",
    "Pidió dejar de compartir su información.",
)
SAFE_CONTACT: tuple[str, ...] = (
    "Text only; never leave a voicemail.", "Call the shelter front desk and ask by first name only.",
    "Weekdays after 3 pm only.", "Email is safe; the phone is shared.",
    "Do not say the agency's name when calling.", "Solo mensajes de texto, por favor.",
)
INTERPRETERS: tuple[str, ...] = ("Phone interpreter", "In-person interpreter", "Video interpreter")

COMPELLED: tuple[tuple[str, str, str, str], ...] = (
    # (legal basis, citation, recipient, description)
    ("subpoena", "Subpoena duces tecum in State v. R. Moreno, No. 2024CF001187",
     "{county} County Circuit Court, criminal division",
     "Dates of service and the intake date, as the subpoena required; nothing else."),
    ("court_order", "Order to produce records, Family Court case No. 2025FA000342",
     "{county} County Family Court", "Attendance at counseling sessions."),
    ("statute", "Mandatory report of suspected child abuse (state child-abuse reporting law)",
     "{county} County child protective services", "Name, age and the reason for concern."),
)
NOTIFY_OUTCOMES: tuple[str, ...] = (
    "Told the client in person at the office; the client asked for a copy of the subpoena.",
    "Told the client by phone using the safe number; no safety concerns raised.",
)
