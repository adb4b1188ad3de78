"""Who the synthetic participants are: names, organisations, jobs, countries as people type them."""

ORG_TYPES = (
    ("Government / Ministry of Health / Regulatory authority", 27.0),
    ("Private sector / Manufacturer", 21.0),
    ("Academia / Research", 15.0),
    ("International organization / UN agency", 10.0),
    ("NGO / Civil society", 10.0),
    ("Philanthropic foundation", 2.0),
    ("Finance / Development bank", 3.0),
    ("Media", 2.0),
    ("Other", 6.0),
    ("", 4.0),  # the question was optional
)
GENDERS = (("Female", 46.0), ("Male", 48.5), ("Non-binary", 0.5), ("Prefer not to say", 4.0))

REGION_SHARE = (
    ("AFR", 0.34),
    ("EMR", 0.15),
    ("SEAR", 0.14),
    ("AMR", 0.13),
    ("EUR", 0.15),
    ("WPR", 0.09),
)
# Countries that send people, with relative weights inside their region (every one gets at
# least one person); those not listed are left out so the demo reaches ~130 countries.
COUNTRY_WEIGHTS = {
    "AFR": "NGA 14 KEN 10 ZAF 9 GHA 8 ETH 7 UGA 5 TZA 5 SEN 4 CMR 4 RWA 4 ZWE 3 ZMB 3 CIV 3 "
    "COD 3 MWI 2 BFA 2 MOZ 2 MLI 2 BEN 2 NER 1.5 TGO 1.5 AGO 1.5 BWA 1.5 NAM 1.5 MDG 1 GIN 1 "
    "SLE 1 LBR 1 SSD 0.8 BDI 0.8 TCD 0.8 COG 0.8 GAB 0.8 MUS 0.8 LSO 0.6 SWZ 0.6 GMB 0.6 "
    "ERI 0.5 CAF 0.5 MRT 0.6 CPV 0.5 GNB 0.5 GNQ 0.5 DZA 1.5",
    "EMR": "EGY 12 PAK 12 MAR 5 SDN 4 JOR 4 TUN 4 IRN 3 SAU 3 ARE 2 LBN 2 IRQ 2 AFG 1.5 SOM 1.5 "
    "YEM 1 OMN 1 QAT 1 KWT 0.7 BHR 0.7 LBY 0.7 SYR 0.7 DJI 0.6 PSE 0.6",
    "SEAR": "IND 20 BGD 8 THA 4 NPL 3 LKA 3 MMR 1.5 BTN 1 MDV 0.7 TLS 0.7",
    "AMR": "USA 10 BRA 8 ARG 4 MEX 4 CAN 4 COL 3 PER 2 CHL 2 CUB 2 ECU 1 BOL 1 GTM 1 CRI 1 "
    "PAN 1 URY 1 DOM 0.8 JAM 0.8 TTO 0.7 PRI 0.5",
    "EUR": "CHE 10 GBR 6 FRA 5 DEU 5 BEL 3 NLD 3 ITA 3 ESP 3 TUR 3 RUS 2 DNK 2 SWE 2 NOR 1.5 "
    "IRL 1 PRT 1 AUT 1 POL 1 UKR 1 KAZ 1 UZB 1 ARM 0.6 GEO 0.6 SRB 0.6 HUN 0.6",
    "WPR": "CHN 6 IDN 6 PHL 5 VNM 3 MYS 3 JPN 3 KOR 3 AUS 2 SGP 1.5 NZL 1 KHM 1 LAO 1 MNG 1 "
    "HKG 0.8",
}
# What people type instead of the WHO name; a resolver must map these.
COUNTRY_VARIANTS = {
    "USA": ("USA", "USA", "United States", "US"),
    "VNM": ("Vietnam",),
    "TUR": ("Turkey", "Turkey"),
    "CIV": ("Côte d’Ivoire", "Ivory Coast", "Cote d'Ivoire"),
    "TZA": ("Tanzania", "Tanzania"),
    "COD": ("DRC", "DR Congo"),
    "KOR": ("Korea, Republic of", "South Korea"),
    "GBR": ("United Kingdom", "UK"),
    "IRN": ("Iran",),
    "BOL": ("Bolivia",),
    "RUS": ("Russia",),
    "NLD": ("Netherlands",),
    "HKG": ("Hong Kong",),
    "PSE": ("Palestine",),
    "SWZ": ("Swaziland",),
    "CHE": ("Suisse",),
    "LAO": ("Laos",),
    "SYR": ("Syria",),
}
UNRESOLVABLE = ("Geneva", "-", "Africa", "Europe", "n/a")
# Those of them that say "no country" rather than name a place no one can pin down: the person
# declared nothing, so the country Zoom reports stands in, as the dashboard defines it.
NO_ANSWER = ("-", "n/a")
# WHO's own name for the Republic of the Congo, which alone cannot be told from the Democratic
# Republic of the Congo: typed (or shown by Zoom) that way, it places no one.
AMBIGUOUS = ("Congo",)
# Zoom's IP-based "Country/Region Name" uses its own short names.
ZOOM_COUNTRY = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "TZA": "Tanzania",
    "VNM": "Vietnam",
    "KOR": "South Korea",
    "IRN": "Iran",
    "BOL": "Bolivia",
    "RUS": "Russia",
    "COD": "Congo (DRC)",
    "COG": "Congo",
    "CIV": "Côte d'Ivoire",
    "TUR": "Turkey",
    "NLD": "Netherlands",
    "SYR": "Syria",
    "LAO": "Laos",
    "HKG": "Hong Kong SAR",
    "PSE": "Palestinian Territory",
    "CZE": "Czech Republic",
    "SWZ": "Eswatini",
}
# Hours from Zurich (CEST) to the person's local time, per region, for the registration clock.
UTC_SHIFT = {
    "AFR": (-2, -1, -1, 0, 1),
    "EMR": (0, 1, 2, 3),
    "SEAR": (3.5, 3.5, 4, 5),
    "AMR": (-6, -6, -5, -7, -4),
    "EUR": (-1, 0, 0, 1),
    "WPR": (5, 6, 6, 7),
}

NAMES = {
    "AFR": (
        "Amina Ngozi Wanjiru Abena Fatou Chipo Thandiwe Aisha Nomvula Akosua Grace Esther Adaeze "
        "Zawadi Aminata Halima Rutendo Nafula Yetunde Mercy",
        "Kwame Chinedu Tendai Moussa Tesfaye Kofi Emeka Jean-Baptiste Sipho Olusegun Ibrahim "
        "Joseph Baraka Mamadou Yaw Kipchoge Abdoulaye Tinashe Dawit Samuel",
        "Okafor Mensah Kamau Diallo Ndlovu Abebe Mwangi Traoré Banda Owusu Adeyemi Nkosi Otieno "
        "Sow Mutua Asante Tshabalala Ouédraogo Moyo Eze Achieng Koné Phiri Haile Nyambura Oduya",
    ),
    "EMR": (
        "Fatima Layla Noor Zainab Mariam Sara Hiba Yasmin Ayesha Rania Samira Farah",
        "Ahmed Mohamed Omar Hassan Ali Khalid Youssef Tariq Imran Karim Bilal Hamza",
        "El-Sayed Haddad Khan Hussein Mansour Rahman Qureshi Farouk Nasser Abdallah Haidari "
        "Benali Saleh Malik Al-Amin Karimi",
    ),
    "SEAR": (
        "Priya Ananya Sunita Farzana Nasrin Deepa Kavita Shreya Pimchanok Nisha Sabina Lakshmi",
        "Rahul Arjun Sanjay Rajesh Amit Tanvir Anwar Somchai Pradeep Vikram Nirmal Suresh",
        "Sharma Patel Gupta Rao Iyer Hossain Chowdhury Perera Shrestha Singh Reddy Das Fernando "
        "Thapa Wongsakul Nair",
    ),
    "AMR": (
        "María Ana Camila Gabriela Jennifer Emily Valentina Luisa Daniela Sarah Fernanda Carolina",
        "José Carlos Luis Juan Michael David Diego Andrés Pedro Rafael James Ricardo",
        "García Rodríguez Silva Santos Martínez Smith Johnson Pereira Gómez López Oliveira "
        "Hernández Fernández Brown Ramírez Souza",
    ),
    "EUR": (
        "Anna Sophie Marie Elena Laura Ingrid Katarzyna Olga Chiara Claire Emma Zeynep",
        "Thomas Lukas Pierre Marco Jan Erik Alexander Pablo Mehmet Nikolai Stefan Daniel",
        "Müller Dubois Rossi Jansen Nowak Schmidt Martin Andersson Horvat Yılmaz Bernard "
        "Fischer Kowalski Novák Petrov Larsen",
    ),
    "WPR": (
        "Mei Xiaoling Maria Thảo Yuki Ji-woo Siti Linh Hana Ying Grace Ayu",
        "Wei Jun Minh Hiroshi Min-jun Budi Jose Haruto Lei Rizal Tuan Kenji",
        "Wang Li Zhang Chen Nguyen Tran Santos Reyes Tanaka Sato Kim Park Lim Tan Wijaya Lee",
    ),
}
PLACES = {
    "AFR": "Savanna Baobab Kilimanjaro Sahel Zambezi Volta Harmattan Rift Valley Kalahari Lakes",
    "EMR": "Nile Tigris Cedar Oasis Medina Indus Atlas Gulf",
    "SEAR": "Lotus Himalaya Ganges Bengal Deccan Siam Malabar",
    "AMR": "Andes Condor Amazonia Pampa Caribe Great Lakes Sierra",
    "EUR": "Alpine Danube Nordic Baltic Iberia Rhine Adriatic",
    "WPR": "Mekong Pacific Coral Borneo Jade Sakura Luzon",
}
PLACE_SEP = {"AFR": ["Rift Valley"], "AMR": ["Great Lakes"]}  # two-word places
SECTORS = (
    "Pharma",
    "Pharmaceuticals",
    "Biologicals",
    "BioTech",
    "Generics",
    "Vaccines",
    "Diagnostics",
    "Medical Devices",
    "Life Sciences",
    "Healthcare",
)
LEGAL = {
    "AFR": (" Ltd", " Plc", " SARL", " Ltd", ""),
    "EMR": (" Co.", " S.A.E.", " Ltd", ""),
    "SEAR": (" Pvt. Ltd.", " Ltd", " Pvt. Ltd."),
    "AMR": (" S.A.", " Inc.", " Ltda.", " S.A. de C.V."),
    "EUR": (" GmbH", " AG", " S.p.A.", " B.V.", " SA"),
    "WPR": (" Co., Ltd.", " Pte. Ltd.", " Corporation", " Co., Ltd."),
}
GOV_ORGS = (
    ("Ministry of Health", "health", 9.0),
    ("National Medicines Regulatory Authority", "nmra", 4.0),
    ("Food and Drugs Authority", "fda", 3.0),
    ("Pharmacy and Poisons Board", "ppb", 1.5),
    ("Ministry of Industry and Trade", "trade", 2.0),
    ("National Public Health Institute", "nphi", 1.5),
    ("Central Medical Stores", "cms", 1.0),
    ("Department of Pharmaceutical Services", "dps", 1.5),
    ("Ministry of Health and Social Welfare", "mohsw", 1.0),
)
INTL_ORGS = (
    ("World Health Organization", "who.example", 10.0),
    ("UNICEF", "unicef.example", 1.5),
    ("UNIDO", "unido.example", 1.5),
    ("UNCTAD", "unctad.example", 1.0),
    ("UNDP", "undp.example", 1.0),
    ("Unitaid", "unitaid.example", 1.0),
    ("Gavi, the Vaccine Alliance", "gavi.example", 1.0),
    ("Africa CDC", "africacdc.example", 1.5),
    ("AUDA-NEPAD", "nepad.example", 1.0),
    ("Pan American Health Organization", "paho.example", 1.0),
    ("World Trade Organization", "wto.example", 0.5),
    ("WIPO", "wipo.example", 0.5),
    ("Medicines Patent Pool", "mpp.example", 1.0),
)
NGO_ORGS = (
    ("Health Access Alliance", "healthaccess.example"),
    ("Medicines for All Network", "meds4all.example"),
    ("Community Health Action", "cha.org.example"),
    ("Patients' Voice Coalition", "patientsvoice.example"),
    ("Global Health Equity Forum", "ghef.example"),
    ("Pharmacists Without Borders Network", "pwbn.example"),
    ("Civil Society for Health Rights", "cshr.org.example"),
    ("Access to Medicines Watch", "a2mwatch.example"),
)
PHIL_ORGS = (
    ("Horizon Health Foundation", "horizonhealth.example"),
    ("Bridgewater Family Foundation", "bridgewater-ff.example"),
    ("Open Access Trust", "openaccesstrust.example"),
    ("Equity in Health Fund", "eihf.example"),
)
FIN_ORGS = (
    ("African Development Bank", "afdb.example"),
    ("Islamic Development Bank", "isdb.example"),
    ("European Investment Bank", "eib.example"),
    ("International Finance Corporation", "ifc.example"),
    ("Afreximbank", "afreximbank.example"),
    ("Asian Development Bank", "adb.example"),
    ("Frontier Health Investors", "frontierhealth.example"),
    ("Impact Capital Partners", "impactcap.example"),
)
MEDIA_ORGS = (
    ("Global Health Dispatch", "ghdispatch.example"),
    ("Pharma Africa Review", "pharmaafrica.example"),
    ("Asia Health Times", "asiahealthtimes.example"),
    ("Radio Santé", "radiosante.example"),
    ("The Health Policy Wire", "hpwire.example"),
)
OTHER_ORGS = ("Independent consultant", "Self-employed", "Retired", "N/A", "Freelance", "")
PERSONAL_DOMAINS = (
    "example.com",
    "example.org",
    "example.net",
    "mail.example.org",
    "webmail.example.net",
)
JOBS = {
    "gov": "Director of Pharmacy Services|Chief Pharmacist|Regulatory Officer|Head of Inspections|"
    "Policy Advisor|Deputy Director, Medicines Regulation|Programme Manager|Assessor|"
    "Permanent Secretary|Senior Pharmacist",
    "private": "CEO|Managing Director|Regulatory Affairs Manager|Quality Assurance Manager|"
    "Head of Business Development|Production Manager|Technical Director|"
    "Chief Scientific Officer|Plant Manager|Market Access Lead",
    "academia": "Professor|Associate Professor|Lecturer|Research Fellow|PhD Candidate|"
    "Postdoctoral Researcher|Dean, Faculty of Pharmacy|Senior Researcher|Student",
    "intl": "Technical Officer|Programme Officer|Consultant|Team Lead|Senior Advisor|Director|"
    "Health Specialist|Procurement Specialist",
    "ngo": "Executive Director|Programme Coordinator|Advocacy Officer|Policy Analyst|"
    "Country Director|Project Manager",
    "phil": "Program Officer|Senior Program Officer|Deputy Director|Portfolio Manager",
    "fin": "Investment Officer|Senior Health Specialist|Principal Investment Officer|"
    "Financial Analyst|Portfolio Manager",
    "media": "Journalist|Editor|Health Reporter|Correspondent|Producer",
    "other": "Consultant|Independent Consultant|Pharmacist|Medical Doctor|Retired|Student|"
    "Entrepreneur",
}
TYPE_KEY = {
    "Government / Ministry of Health / Regulatory authority": "gov",
    "Private sector / Manufacturer": "private",
    "Academia / Research": "academia",
    "International organization / UN agency": "intl",
    "NGO / Civil society": "ngo",
    "Philanthropic foundation": "phil",
    "Finance / Development bank": "fin",
    "Media": "media",
    "Other": "other",
}
PERSONAL_SHARE = {
    "gov": 0.25,
    "private": 0.15,
    "academia": 0.25,
    "intl": 0.05,
    "ngo": 0.2,
    "phil": 0.05,
    "fin": 0.05,
    "media": 0.3,
    "other": 0.9,
}


# Hosts and panelists: display name, e-mail, country (ISO3; the export writes Zoom's name).
WHO_HOST = ("WHO LPA Webinars", "lpa.webinars@who.example", "CHE")
CO_HOST = ("Claire Fontaine", "fontainec@who.example", "CHE")
MODERATOR = ("Ana Beatriz Souza", "souzaa@who.example", "CHE")
HOSTS = ((WHO_HOST, CO_HOST), (WHO_HOST,), (WHO_HOST, CO_HOST), (WHO_HOST,), (WHO_HOST,))
# The moderator opens every day; then the day's speakers: day | name | e-mail | country.
SPEAKERS = """
1 | Mariam Al-Sayed | alsayedm@who.example | CHE
1 | Joseph Kariuki | j.kariuki@health.gov.ke.example | KEN
1 | Helena Lindqvist | h.lindqvist@unido.example | AUT
1 | Rajesh Menon | rajesh.menon@lotusvaccines.example | IND
2 | Adaeze Nwosu | a.nwosu@nmra.gov.ng.example | NGA
2 | Carlos Mendoza | cmendoza@paho.example | USA
2 | Ingrid Solberg | ingrid.solberg@regulators.example | NOR
3 | Thandiwe Dlamini | tdlamini@savannabiologicals.example | ZAF
3 | Nguyen Van Minh | minh.nv@mekongvaccines.example | VNM
3 | Farid Haddad | f.haddad@cedarpharma.example | LBN
3 | Lucía Ferreira | lferreira@andesbio.example | BRA
3 | Peter Okello | okellop@who.example | CHE
4 | Kofi Boateng | k.boateng@afdb.example | CIV
4 | Sophie Laurent | slaurent@horizonhealth.example | FRA
5 | Mariam Al-Sayed | alsayedm@who.example | CHE
5 | Sanjay Kulkarni | s.kulkarni@who.example | IND
5 | Aisha Bello | aisha.bello@africacdc.example | ETH
"""


def _panels(text: str) -> tuple[tuple[tuple[str, str, str], ...], ...]:
    days: list[list[tuple[str, str, str]]] = [[MODERATOR] for _ in HOSTS]
    for line in text.strip().splitlines():
        day, name, email, iso3 = (part.strip() for part in line.split("|"))
        days[int(day) - 1].append((name, email, iso3))
    return tuple(tuple(day) for day in days)


PANELISTS = _panels(SPEAKERS)


def is_guest(email: str) -> bool:
    """Only WHO's own Zoom account holders are not guests."""
    return not email.lower().endswith("@who.example")


def zoom_country(countries: dict[str, dict[str, str]], iso3: str) -> str:
    """The name Zoom's IP-based "Country/Region Name" gives a country."""
    return ZOOM_COUNTRY.get(iso3, countries[iso3]["who_name"])
