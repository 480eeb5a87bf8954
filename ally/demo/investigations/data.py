"""Word lists and numbers for the demo's law-enforcement and prosecution side, as data.

The proportions follow the Urban Institute evaluation of the ECM task forces (DOMAIN.md §1): of
suspected sex-trafficking investigations 95% led to an arrest, 77% to a prosecution and 33% to a
prosecution on trafficking charges; labor investigations reach charges less often, and labor
trafficking is under-identified (about three in ten investigations involve labor).
"""

from __future__ import annotations

INVESTIGATIONS: dict[str, int] = {"small": 120, "statewide": 600, "national": 150}
TIPS_PER_INVESTIGATION = 2.5
OPERATIONS_PER_INVESTIGATION = 0.5
SHARED_TARGETS: dict[str, int] = {"small": 10, "statewide": 40, "national": 10}
OPERATION_CONFLICTS: dict[str, int] = {"small": 2, "statewide": 5, "national": 2}
RECENT_DAYS = 60  # investigations opened this recently are still early: no funnel yet

# Funnel by type: (arrest, prosecution, prosecution on trafficking charges), each of the whole.
FUNNEL: dict[str, tuple[float, float, float]] = {
    "sex": (0.95, 0.77, 0.33),
    "both": (0.90, 0.65, 0.30),
    "labor": (0.60, 0.40, 0.15),
}
DECLINED_SHARE = 0.12  # investigations referred once and declined (with a reason)

# Investigating agencies: how many investigations each opens, relatively.
AGENCY_WEIGHTS: dict[str, float] = {
    "pd1": 5.0, "sbi": 4.0, "hsi": 1.5, "fbi": 1.5, "pd2": 1.5, "pd3": 1.2, "sheriff": 1.0,
    "tribal_pd": 0.4, "labor": 0.9, "dol_whd": 0.7,
}
PERSONAS: dict[str, str] = {"pd1": "investigator_local", "sbi": "investigator_state", "labor": "labor_inspector",
                            "da1": "prosecutor_da", "usao": "prosecutor_usao"}  # fmt: skip
PERSONA_SHARE = 0.55
LABOR_AGENCIES = ("labor", "dol_whd")
FEDERAL_AGENCIES = ("fbi", "hsi", "dol_whd")
# Partner agencies that join an agency's investigations.
PARTNERS: dict[str, tuple[str, ...]] = {
    "pd1": ("sbi", "hsi", "fbi"), "pd2": ("sbi", "fbi"), "pd3": ("sbi", "sheriff"), "sheriff": ("sbi", "pd3"),
    "sbi": ("pd1", "hsi", "labor"), "fbi": ("pd1", "sbi"), "hsi": ("pd1", "dol_whd", "labor"),
    "tribal_pd": ("fbi", "sheriff"), "labor": ("sbi", "dol_whd"), "dol_whd": ("hsi", "labor"),
}  # fmt: skip
JOINT_SHARE = 0.18

TYPES_LE = (("sex", 0.70), ("labor", 0.20), ("both", 0.10))
TYPES_LABOR = (("labor", 0.88), ("both", 0.12))
INDUSTRIES: dict[str, tuple[tuple[str, float], ...]] = {
    "sex": (("commercial_sex_online", 0.38), ("illicit_massage", 0.16), ("commercial_sex_street", 0.12),
            ("hotel_hospitality", 0.12), ("residential_brothel", 0.08), ("bars_strip_clubs", 0.08),
            ("pornography", 0.03), ("drug_trade", 0.03)),
    "labor": (("agriculture", 0.18), ("dairy", 0.08), ("construction", 0.14), ("restaurant_food_service", 0.14),
              ("domestic_work", 0.1), ("cleaning_janitorial", 0.08), ("food_processing", 0.07),
              ("landscaping", 0.06), ("manufacturing", 0.04), ("nail_beauty", 0.05), ("peddling_begging", 0.02),
              ("carnivals_entertainment", 0.02), ("health_care", 0.02)),
    "both": (("illicit_massage", 0.35), ("bars_strip_clubs", 0.2), ("restaurant_food_service", 0.15),
             ("hotel_hospitality", 0.15), ("drug_trade", 0.15)),
}  # fmt: skip
INDICATORS: dict[str, tuple[str, ...]] = {
    "sex": ("sex_advertised_online", "sex_third_party_money", "sex_force_fraud_coercion", "sex_quota",
            "sex_moved_between_locations", "sex_romantic_recruitment", "sex_branding", "sex_minor", "dhs_control"),
    "labor": ("ilo_withholding_of_wages", "ilo_retention_of_identity_documents", "ilo_debt_bondage",
              "ilo_excessive_overtime", "ilo_isolation", "ilo_deception", "labor_not_free_to_leave",
              "dhs_living_conditions", "ilo_abusive_working_and_living_conditions"),
}  # fmt: skip
INDICATORS["both"] = INDICATORS["sex"][:4] + INDICATORS["labor"][:4]
SOURCES = (("hotline", 0.28), ("public", 0.18), ("patrol", 0.16), ("partner_referral", 0.2), ("proactive", 0.18))
TIP_CLOSE_REASONS = (
    "Not enough information to follow up; no callback number.",
    "Checked: a labor dispute without indicators of force, fraud or coercion; referred to the labor agency.",
    "Duplicate of an earlier tip.",
    "Outside our jurisdiction; passed to the agency where it happened.",
    "Interviewed the reporting person; no indicators of trafficking found.",
)
NARRATIVES: dict[str, tuple[str, ...]] = {
    "sex": (
        "Caller reports young women brought to a motel room by an older man, several visitors an hour.",
        "Online ads with the same phone number show different women in three cities this month.",
        "School counselor reports a student with a much older boyfriend, new phone and hotel key cards.",
        "Neighbors report a massage business open late, workers seem to live on site and never leave alone.",
        "Patrol stop: a minor in the car with an adult who could not say how they know each other.",
    ),
    "labor": (
        "Workers on a farm say their passports are kept by the crew leader and they owe a recruitment debt.",
        "A restaurant employee says she works 80 hours a week for no pay and sleeps in the storeroom.",
        "Construction crew transported daily in a van from a crowded house; paid far below the wage promised.",
        "A domestic worker called the hotline: her employer took her documents and she may not go out.",
        "Cleaning crew says the contractor deducts rent and transport until nothing is left.",
    ),
}
NARRATIVES["both"] = NARRATIVES["sex"][3:4] + NARRATIVES["labor"][1:2]
SUSPICION = {
    "sex": "Tip corroborated by online advertisements and surveillance: third-party control of commercial sex "
           "(force, fraud or coercion, or a minor).",
    "labor": "Worker statements and records indicate labor obtained through withheld documents, debt and threats.",
    "both": "Workers report both forced commercial sex and unpaid labor under the control of the same people.",
}  # fmt: skip
CLOSE_REASONS = (
    "Insufficient evidence to proceed after interviews.",
    "Victims declined to participate; services offered and accepted.",
    "Suspects left the jurisdiction; information passed to the agency where they went.",
    "No trafficking found; referred for labor-standards enforcement.",
)
ROLES = (("Exploiter", 0.42), ("RecruiterOrIntermediary", 0.2), ("Transporter", 0.12), ("Abuser", 0.1),
         ("BoughtIndividual", 0.06), ("BrokerTravelAgent", 0.04), ("Smuggler", 0.03), ("Other", 0.03))  # fmt: skip
GENDERS_SUBJECT = (("Masculine", 0.72), ("Feminine", 0.26), ("NonSpecifiedUnknown", 0.02))
GENDERS_VICTIM_SEX = (("Feminine", 0.86), ("Masculine", 0.06), ("TransgenderFeminine", 0.06),
                      ("NonSpecifiedUnknown", 0.02))  # fmt: skip
GENDERS_VICTIM_LABOR = (("Masculine", 0.58), ("Feminine", 0.4), ("NonSpecifiedUnknown", 0.02))
LANGUAGES_SEX = ("English", "English", "English", "Spanish", "English, Spanish")
LANGUAGES_LABOR = ("Spanish", "Spanish", "Mandarin", "Tagalog", "K'iche'", "Vietnamese", "Hmong", "Spanish, English")
PLATFORMS = ("instagram", "snapchat", "telegram", "whatsapp", "facebook", "tiktok")
AD_HOSTS = ("listcrawler.example", "escortads.example", "megapersonals.example", "classifieds.example")
BUSINESS_WORDS = {
    "illicit_massage": ("Spa", "Massage", "Wellness Center"), "nail_beauty": ("Nails", "Beauty Salon"),
    "restaurant_food_service": ("Buffet", "Grill", "Kitchen"), "construction": ("Builders", "Drywall", "Roofing"),
    "agriculture": ("Farms", "Orchards", "Produce"), "dairy": ("Dairy",), "cleaning_janitorial": ("Cleaning Services",),
    "landscaping": ("Landscaping",), "hotel_hospitality": ("Inn", "Motel"), "food_processing": ("Foods", "Packing"),
    "bars_strip_clubs": ("Lounge", "Cabaret"), "manufacturing": ("Manufacturing",),
}  # fmt: skip
BUSINESS_NAMES = ("Golden", "Lotus", "Sunrise", "Lakeside", "Northern", "Blue Sky", "Paradise", "Evergreen",
                  "Royal", "Happy", "Silver", "Prairie", "Harvest", "Star")  # fmt: skip
BUSINESS_SUFFIXES = ("LLC", "Inc.", "", "", "Co.")
STATE_FROM_PLATE = "ABCDEFGHJKLMNPRSTUVWXYZ"
NICKNAMES = (("John", "Jon"), ("Michael", "Mike"), ("William", "Bill"), ("Joseph", "Joe"), ("Daniel", "Dan"),
             ("Christopher", "Chris"), ("Robert", "Bob"), ("Alejandro", "Alex"), ("Thomas", "Tom"))  # fmt: skip
OPERATION_KINDS = {
    "sex": (("sting", 0.25), ("surveillance", 0.25), ("search_warrant", 0.2), ("undercover", 0.15),
            ("arrest_warrant", 0.1), ("outreach", 0.05)),
    "labor": (("inspection", 0.4), ("surveillance", 0.2), ("search_warrant", 0.2), ("arrest_warrant", 0.1),
              ("outreach", 0.1)),
}  # fmt: skip
OPERATION_KINDS["both"] = OPERATION_KINDS["sex"]
OPERATION_NAMES = ("Blue Heron", "North Light", "Safe Harbor", "Open Door", "Night Watch", "Clear Water",
                   "Red Maple", "Iron Gate", "Silent Bell", "Quiet Field", "Long Road", "Stone Bridge")  # fmt: skip
PROSECUTION_DECLINES = (("insufficient_evidence", 0.4), ("victim_unavailable", 0.2), ("referred_elsewhere", 0.15),
                        ("priorities", 0.15), ("no_jurisdiction", 0.1))  # fmt: skip
VICTIM_ARREST_SHARE = 0.05
VICTIM_ARRESTS = (
    ("Prostitution", "Arrested in the sting before being identified as a victim; charge later dismissed."),
    ("Loitering for the purpose of prostitution", "Patrol arrest; the trafficker's control came out in the interview."),
    ("Possession of a controlled substance", "Found with drugs the trafficker supplied to keep her compliant."),
    ("Retail theft", "Made to steal by the trafficker to meet a quota."),
    ("False identification documents", "Carried papers the labor recruiter had provided."),
    ("Immigration detainer", "Held on a detainer after the worksite operation; released to services."),
)
DISPOSITIONS_CLOSED = (("plea", 0.64), ("convicted", 0.12), ("dismissed", 0.18), ("acquitted", 0.06))
SENTENCES = {"trafficking": (60, 240), "related": (12, 96), "other": (0, 12)}
COURTS = {"state": "{county} County Circuit Court", "federal": "U.S. District Court, {district}"}

# Approximate coordinates of the demo's cities (for operations and their conflicts).
CITY_COORDS: dict[str, tuple[float, float]] = {
    "Milwaukee": (43.039, -87.906), "Racine": (42.726, -87.783), "Kenosha": (42.585, -87.821),
    "Madison": (43.073, -89.401), "Janesville": (42.683, -89.019), "Beloit": (42.508, -89.032),
    "Green Bay": (44.519, -88.020), "Appleton": (44.262, -88.415), "Oshkosh": (44.025, -88.543),
    "Eau Claire": (44.811, -91.498), "La Crosse": (43.801, -91.240), "Wausau": (44.959, -89.630),
    "Minneapolis": (44.978, -93.265), "Saint Paul": (44.954, -93.090), "Duluth": (46.787, -92.100),
    "Rochester": (44.012, -92.480), "St. Cloud": (45.557, -94.163), "Mankato": (44.164, -93.999),
    "Bemidji": (47.474, -94.880), "Brainerd": (46.358, -94.201), "Chicago": (41.878, -87.630),
    "Aurora": (41.761, -88.320), "Joliet": (41.525, -88.082), "Rockford": (42.271, -89.094),
    "Peoria": (40.694, -89.589), "Springfield": (39.781, -89.650), "Carbondale": (37.727, -89.217),
    "Belleville": (38.520, -89.984), "Detroit": (42.331, -83.046), "Ann Arbor": (42.281, -83.743),
    "Flint": (43.013, -83.687), "Lansing": (42.733, -84.556), "Grand Rapids": (42.963, -85.668),
    "Kalamazoo": (42.292, -85.587), "Traverse City": (44.763, -85.621), "Marquette": (46.544, -87.395),
    "Columbus": (39.961, -82.999), "Cleveland": (41.499, -81.694), "Cincinnati": (39.103, -84.512),
    "Toledo": (41.654, -83.537), "Akron": (41.081, -81.519), "Dayton": (39.759, -84.192),
    "Lima": (40.743, -84.105), "Newark": (40.058, -82.401), "Des Moines": (41.587, -93.625),
    "Ames": (42.034, -93.620), "Cedar Rapids": (41.977, -91.666), "Davenport": (41.524, -90.578),
    "Waterloo": (42.493, -92.342), "Sioux City": (42.500, -96.400), "Council Bluffs": (41.262, -95.861),
    "Mason City": (43.154, -93.201), "Kansas City": (39.100, -94.579), "Independence": (39.091, -94.416),
    "St. Louis": (38.627, -90.199), "Florissant": (38.789, -90.322), "Jefferson City": (38.577, -92.173),
    "Columbia": (38.952, -92.334), "Joplin": (37.084, -94.513), "Houston": (29.760, -95.370),
    "Galveston": (29.301, -94.798), "Dallas": (32.777, -96.797), "Fort Worth": (32.755, -97.331),
    "Austin": (30.267, -97.743), "Round Rock": (30.508, -97.679), "San Antonio": (29.425, -98.494),
    "McAllen": (26.203, -98.230), "Atlanta": (33.749, -84.388), "Marietta": (33.953, -84.550),
    "Savannah": (32.081, -81.091), "Brunswick": (31.150, -81.491), "Macon": (32.841, -83.632),
    "Augusta": (33.474, -82.010), "Albany": (31.579, -84.156), "Valdosta": (30.833, -83.278),
    "Seattle": (47.606, -122.332), "Tacoma": (47.253, -122.444), "Olympia": (47.038, -122.901),
    "Vancouver": (45.639, -122.661), "Spokane": (47.659, -117.426), "Pullman": (46.731, -117.180),
    "Yakima": (46.602, -120.506), "Kennewick": (46.211, -119.137),
}
