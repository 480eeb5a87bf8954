"""States the demo task forces are set in: their regions, counties, ZIP codes and agencies.

Places, county names and ZIP codes are real so addresses look right; the task forces, people,
non-profit organizations and tribal nations are fictional. Phone numbers use the 555-01xx range,
which is reserved for fiction, and email addresses the reserved .test top-level domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RegionProfile:
    name: str
    counties: tuple[str, ...]  # the first is the region's main county
    zip_codes: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, ZIP code); the first is in the main county
    area_code: str


@dataclass(frozen=True)
class StateProfile:
    code: str
    name: str
    time_zone: str
    task_force_name: str
    federal_district: str  # the U.S. Attorney's district the task force sits in
    fbi_office: str  # the FBI field office that covers the state
    state_investigations: str  # the state agency that investigates trafficking
    state_investigations_domain: str
    tribe: str  # fictional
    regions: tuple[RegionProfile, ...]
    capital: tuple[int, int]  # (region index, city index) of the state capital
    # Template key → (name, email domain label) where the state's agency is named otherwise.
    overrides: dict[str, tuple[str, str]] = field(default_factory=dict)


WISCONSIN = StateProfile(
    code="WI",
    name="Wisconsin",
    time_zone="America/Chicago",
    task_force_name="Lakeshore State Anti-Trafficking Task Force",
    federal_district="Eastern District of Wisconsin",
    fbi_office="Milwaukee",
    state_investigations="Wisconsin Division of Criminal Investigation",
    state_investigations_domain="dci",
    tribe="Pine Lake Band",
    regions=(
        RegionProfile(
            "Southeast Region",
            ("Milwaukee", "Waukesha", "Racine", "Kenosha", "Ozaukee"),
            ("53202", "53204", "53212", "53403", "53140", "53186"),
            (("Milwaukee", "53202"), ("Racine", "53403"), ("Kenosha", "53140")),
            "414",
        ),
        RegionProfile(
            "South Central Region",
            ("Dane", "Rock", "Sauk", "Columbia", "Jefferson"),
            ("53703", "53713", "53545", "53511", "53913"),
            (("Madison", "53703"), ("Janesville", "53545"), ("Beloit", "53511")),
            "608",
        ),
        RegionProfile(
            "Northeast Region",
            ("Brown", "Outagamie", "Winnebago", "Fond du Lac", "Sheboygan"),
            ("54301", "54911", "54901", "53081"),
            (("Green Bay", "54301"), ("Appleton", "54911"), ("Oshkosh", "54901")),
            "920",
        ),
        RegionProfile(
            "Northern and Western Region",
            ("Eau Claire", "La Crosse", "Marathon", "Douglas", "Sawyer"),
            ("54701", "54601", "54403", "54880", "54843"),
            (("Eau Claire", "54701"), ("La Crosse", "54601"), ("Wausau", "54403")),
            "715",
        ),
    ),
    capital=(1, 0),
    overrides={
        "child_welfare": ("Wisconsin Department of Children and Families", "dcf"),
        "health": ("Wisconsin Department of Health Services", "dhs"),
        "labor": ("Wisconsin Department of Workforce Development - Labor Standards Bureau", "dwd"),
        "ag": ("Wisconsin Department of Justice - Office of the Attorney General", "doj"),
    },
)

MINNESOTA = StateProfile(
    code="MN",
    name="Minnesota",
    time_zone="America/Chicago",
    task_force_name="North Star Anti-Trafficking Task Force",
    federal_district="District of Minnesota",
    fbi_office="Minneapolis",
    state_investigations="Minnesota Bureau of Criminal Apprehension",
    state_investigations_domain="bca",
    tribe="Red Willow Band",
    regions=(
        RegionProfile(
            "Metro Region",
            ("Hennepin", "Ramsey", "Dakota", "Anoka"),
            ("55401", "55102", "55423", "55303"),
            (("Minneapolis", "55401"), ("Saint Paul", "55102")),
            "612",
        ),
        RegionProfile(
            "Southern Region",
            ("Olmsted", "Blue Earth", "Rice", "Winona"),
            ("55901", "56001", "55021", "55987"),
            (("Rochester", "55901"), ("Mankato", "56001")),
            "507",
        ),
        RegionProfile(
            "Central Region",
            ("Stearns", "Benton", "Sherburne", "Crow Wing"),
            ("56301", "56379", "55330", "56401"),
            (("St. Cloud", "56301"), ("Brainerd", "56401")),
            "320",
        ),
        RegionProfile(
            "Northern Region",
            ("St. Louis", "Beltrami", "Itasca", "Clay"),
            ("55802", "56601", "55744", "56560"),
            (("Duluth", "55802"), ("Bemidji", "56601")),
            "218",
        ),
    ),
    capital=(0, 1),
    overrides={"labor": ("Minnesota Department of Labor and Industry", "dli")},
)

ILLINOIS = StateProfile(
    code="IL",
    name="Illinois",
    time_zone="America/Chicago",
    task_force_name="Prairie State Anti-Trafficking Task Force",
    federal_district="Northern District of Illinois",
    fbi_office="Chicago",
    state_investigations="Illinois State Police",
    state_investigations_domain="isp",
    tribe="Kishwaukee Nation",
    regions=(
        RegionProfile(
            "Chicago Metro Region",
            ("Cook", "DuPage", "Lake", "Will"),
            ("60602", "60616", "60187", "60432"),
            (("Chicago", "60602"), ("Joliet", "60432")),
            "312",
        ),
        RegionProfile(
            "Northern Region",
            ("Winnebago", "Kane", "McHenry", "DeKalb"),
            ("61101", "60505", "60098", "60115"),
            (("Rockford", "61101"), ("Aurora", "60505")),
            "815",
        ),
        RegionProfile(
            "Central Region",
            ("Sangamon", "Peoria", "McLean", "Champaign"),
            ("62701", "61602", "61701", "61820"),
            (("Springfield", "62701"), ("Peoria", "61602")),
            "217",
        ),
        RegionProfile(
            "Southern Region",
            ("St. Clair", "Madison", "Jackson", "Williamson"),
            ("62220", "62040", "62901", "62959"),
            (("Belleville", "62220"), ("Carbondale", "62901")),
            "618",
        ),
    ),
    capital=(2, 0),
)

MICHIGAN = StateProfile(
    code="MI",
    name="Michigan",
    time_zone="America/Detroit",
    task_force_name="Great Lakes Anti-Trafficking Task Force",
    federal_district="Eastern District of Michigan",
    fbi_office="Detroit",
    state_investigations="Michigan State Police",
    state_investigations_domain="msp",
    tribe="Sturgeon Bay Band",
    regions=(
        RegionProfile(
            "Southeast Region",
            ("Wayne", "Oakland", "Macomb", "Washtenaw"),
            ("48226", "48341", "48043", "48104"),
            (("Detroit", "48226"), ("Ann Arbor", "48104")),
            "313",
        ),
        RegionProfile(
            "West Region",
            ("Kent", "Ottawa", "Kalamazoo", "Muskegon"),
            ("49503", "49417", "49007", "49440"),
            (("Grand Rapids", "49503"), ("Kalamazoo", "49007")),
            "616",
        ),
        RegionProfile(
            "Mid-Michigan Region",
            ("Ingham", "Genesee", "Saginaw", "Bay"),
            ("48933", "48502", "48607", "48708"),
            (("Lansing", "48933"), ("Flint", "48502")),
            "517",
        ),
        RegionProfile(
            "Northern Region",
            ("Marquette", "Grand Traverse", "Chippewa", "Houghton"),
            ("49855", "49684", "49783", "49931"),
            (("Marquette", "49855"), ("Traverse City", "49684")),
            "906",
        ),
    ),
    capital=(2, 0),
    overrides={"labor": ("Michigan Department of Labor and Economic Opportunity", "leo")},
)

OHIO = StateProfile(
    code="OH",
    name="Ohio",
    time_zone="America/New_York",
    task_force_name="Buckeye Anti-Trafficking Task Force",
    federal_district="Northern District of Ohio",
    fbi_office="Cleveland",
    state_investigations="Ohio Bureau of Criminal Investigation",
    state_investigations_domain="bci",
    tribe="Tuscarawas River Nation",
    regions=(
        RegionProfile(
            "Northeast Region",
            ("Cuyahoga", "Summit", "Lorain", "Lake"),
            ("44113", "44308", "44052", "44060"),
            (("Cleveland", "44113"), ("Akron", "44308")),
            "216",
        ),
        RegionProfile(
            "Central Region",
            ("Franklin", "Delaware", "Licking", "Fairfield"),
            ("43215", "43015", "43055", "43130"),
            (("Columbus", "43215"), ("Newark", "43055")),
            "614",
        ),
        RegionProfile(
            "Southwest Region",
            ("Hamilton", "Montgomery", "Butler", "Warren"),
            ("45202", "45402", "45011", "45036"),
            (("Cincinnati", "45202"), ("Dayton", "45402")),
            "513",
        ),
        RegionProfile(
            "Northwest Region",
            ("Lucas", "Wood", "Allen", "Hancock"),
            ("43604", "43402", "45801", "45840"),
            (("Toledo", "43604"), ("Lima", "45801")),
            "419",
        ),
    ),
    capital=(1, 0),
    overrides={"labor": ("Ohio Department of Commerce - Wage and Hour Bureau", "com")},
)

IOWA = StateProfile(
    code="IA",
    name="Iowa",
    time_zone="America/Chicago",
    task_force_name="Heartland Anti-Trafficking Task Force",
    federal_district="Southern District of Iowa",
    fbi_office="Omaha",
    state_investigations="Iowa Division of Criminal Investigation",
    state_investigations_domain="dci",
    tribe="Raccoon River Nation",
    regions=(
        RegionProfile(
            "Central Region",
            ("Polk", "Story", "Dallas", "Marshall"),
            ("50309", "50010", "50263", "50158"),
            (("Des Moines", "50309"), ("Ames", "50010")),
            "515",
        ),
        RegionProfile(
            "Eastern Region",
            ("Linn", "Johnson", "Scott", "Dubuque"),
            ("52401", "52240", "52801", "52001"),
            (("Cedar Rapids", "52401"), ("Davenport", "52801")),
            "319",
        ),
        RegionProfile(
            "Western Region",
            ("Woodbury", "Pottawattamie", "Plymouth", "Cass"),
            ("51101", "51503", "51031", "50022"),
            (("Sioux City", "51101"), ("Council Bluffs", "51503")),
            "712",
        ),
        RegionProfile(
            "Northern Region",
            ("Black Hawk", "Cerro Gordo", "Webster", "Clay"),
            ("50701", "50401", "50501", "51301"),
            (("Waterloo", "50701"), ("Mason City", "50401")),
            "641",
        ),
    ),
    capital=(0, 0),
    overrides={"labor": ("Iowa Workforce Development - Division of Labor", "iwd")},
)

MISSOURI = StateProfile(
    code="MO",
    name="Missouri",
    time_zone="America/Chicago",
    task_force_name="Gateway Anti-Trafficking Task Force",
    federal_district="Eastern District of Missouri",
    fbi_office="St. Louis",
    state_investigations="Missouri State Highway Patrol",
    state_investigations_domain="mshp",
    tribe="Osage Prairie Band",
    regions=(
        RegionProfile(
            "St. Louis Region",
            ("St. Louis", "St. Charles", "Jefferson", "Franklin"),
            ("63101", "63031", "63301", "63050"),
            (("St. Louis", "63101"), ("Florissant", "63031")),
            "314",
        ),
        RegionProfile(
            "Kansas City Region",
            ("Jackson", "Clay", "Platte", "Cass"),
            ("64106", "64050", "64068", "64151"),
            (("Kansas City", "64106"), ("Independence", "64050")),
            "816",
        ),
        RegionProfile(
            "Central Region",
            ("Boone", "Cole", "Callaway", "Pettis"),
            ("65201", "65101", "65251", "65301"),
            (("Columbia", "65201"), ("Jefferson City", "65101")),
            "573",
        ),
        RegionProfile(
            "Southwest Region",
            ("Greene", "Jasper", "Christian", "Taney"),
            ("65806", "64801", "65721", "65616"),
            (("Springfield", "65806"), ("Joplin", "64801")),
            "417",
        ),
    ),
    capital=(2, 1),
)

TEXAS = StateProfile(
    code="TX",
    name="Texas",
    time_zone="America/Chicago",
    task_force_name="Lone Star Anti-Trafficking Task Force",
    federal_district="Southern District of Texas",
    fbi_office="Houston",
    state_investigations="Texas Department of Public Safety",
    state_investigations_domain="dps",
    tribe="Rio Blanco Pueblo",
    regions=(
        RegionProfile(
            "Gulf Coast Region",
            ("Harris", "Fort Bend", "Galveston", "Montgomery"),
            ("77002", "77469", "77550", "77301"),
            (("Houston", "77002"), ("Galveston", "77550")),
            "713",
        ),
        RegionProfile(
            "North Texas Region",
            ("Dallas", "Tarrant", "Collin", "Denton"),
            ("75201", "76102", "75069", "76201"),
            (("Dallas", "75201"), ("Fort Worth", "76102")),
            "214",
        ),
        RegionProfile(
            "Central Texas Region",
            ("Travis", "Williamson", "Hays", "Bell"),
            ("78701", "78664", "78666", "76513"),
            (("Austin", "78701"), ("Round Rock", "78664")),
            "512",
        ),
        RegionProfile(
            "South Texas Region",
            ("Bexar", "Hidalgo", "Cameron", "Webb"),
            ("78205", "78501", "78520", "78040"),
            (("San Antonio", "78205"), ("McAllen", "78501")),
            "210",
        ),
    ),
    capital=(2, 0),
    overrides={"labor": ("Texas Workforce Commission - Labor Law Section", "twc")},
)

GEORGIA = StateProfile(
    code="GA",
    name="Georgia",
    time_zone="America/New_York",
    task_force_name="Peach State Anti-Trafficking Task Force",
    federal_district="Northern District of Georgia",
    fbi_office="Atlanta",
    state_investigations="Georgia Bureau of Investigation",
    state_investigations_domain="gbi",
    tribe="Ocmulgee River Band",
    regions=(
        RegionProfile(
            "Metro Atlanta Region",
            ("Fulton", "DeKalb", "Cobb", "Gwinnett"),
            ("30303", "30030", "30060", "30046"),
            (("Atlanta", "30303"), ("Marietta", "30060")),
            "404",
        ),
        RegionProfile(
            "Coastal Region",
            ("Chatham", "Glynn", "Liberty", "Bryan"),
            ("31401", "31520", "31313", "31324"),
            (("Savannah", "31401"), ("Brunswick", "31520")),
            "912",
        ),
        RegionProfile(
            "Central Region",
            ("Bibb", "Houston", "Clarke", "Richmond"),
            ("31201", "31088", "30601", "30901"),
            (("Macon", "31201"), ("Augusta", "30901")),
            "478",
        ),
        RegionProfile(
            "South Region",
            ("Dougherty", "Lowndes", "Thomas", "Tift"),
            ("31701", "31601", "31792", "31794"),
            (("Albany", "31701"), ("Valdosta", "31601")),
            "229",
        ),
    ),
    capital=(0, 0),
)

WASHINGTON = StateProfile(
    code="WA",
    name="Washington",
    time_zone="America/Los_Angeles",
    task_force_name="Cascadia Anti-Trafficking Task Force",
    federal_district="Western District of Washington",
    fbi_office="Seattle",
    state_investigations="Washington State Patrol",
    state_investigations_domain="wsp",
    tribe="Salmon Creek Tribe",
    regions=(
        RegionProfile(
            "Puget Sound Region",
            ("King", "Pierce", "Snohomish", "Kitsap"),
            ("98104", "98402", "98201", "98366"),
            (("Seattle", "98104"), ("Tacoma", "98402")),
            "206",
        ),
        RegionProfile(
            "Southwest Region",
            ("Clark", "Thurston", "Cowlitz", "Lewis"),
            ("98660", "98501", "98632", "98532"),
            (("Vancouver", "98660"), ("Olympia", "98501")),
            "360",
        ),
        RegionProfile(
            "Central Region",
            ("Yakima", "Benton", "Franklin", "Chelan"),
            ("98901", "99336", "99301", "98801"),
            (("Yakima", "98901"), ("Kennewick", "99336")),
            "509",
        ),
        RegionProfile(
            "Eastern Region",
            ("Spokane", "Whitman", "Stevens", "Walla Walla"),
            ("99201", "99163", "99114", "99362"),
            (("Spokane", "99201"), ("Pullman", "99163")),
            "509",
        ),
    ),
    capital=(1, 1),
    overrides={"labor": ("Washington Department of Labor and Industries", "lni")},
)

# The statewide demo is set in Wisconsin, which the DOJ evaluation describes with four regions.
STATEWIDE_STATE = WISCONSIN
NATIONAL_STATES: tuple[StateProfile, ...] = (
    WISCONSIN, MINNESOTA, ILLINOIS, MICHIGAN, OHIO, IOWA, MISSOURI, TEXAS, GEORGIA, WASHINGTON,
)
