"""The synthetic WLPF 2021 demo: Zoom webinar Registration and Attendee reports, one pair a day."""

from __future__ import annotations

import csv
import io
import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

DEMO_NOTE = "Synthetic demo data: no published participation data exists for WLPF 2021."

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME_FILE = ROOT / "data" / "programme" / "wlpf2021.csv"
COUNTRIES_FILE = ROOT / "data" / "who_member_states.csv"
DEMO_DIR = ROOT / "data" / "demo"
EVENT_ID = "wlpf2021"
DEFAULT_SEED = 2021

N_PEOPLE = 3000  # genuine registrants drawn; two bogus (denied) sign-ups come on top
REG_OPEN = datetime(2021, 5, 10, 9, 30)  # registration opened with the first mailing
MAILINGS = ((date(2021, 5, 10), 30.0), (date(2021, 5, 31), 20.0), (date(2021, 6, 14), 26.0))
# One fixed "Report generated time" per day (the organizer exported the pairs one after another).
GENERATED = ("09:14", "09:16", "09:17", "09:19", "09:21")
GENERATED_DAY = date(2021, 6, 28)
OVERRUN_MINUTES = (7, 3, 11, 5, 14)  # how far past 15:30 each day ran
SHOW_BASE = (0.80, 0.67, 0.65, 0.61, 0.70)  # per-day attendance before person/region effects
BOTS_PER_DAY = (4, 2, 3, 2, 3)
CANCELLED = 14  # "cancelled by self" rows, plus the re-registrations below
REREGISTERED = 2  # people who cancelled, then registered again for the same day

# Registration questions. Standard Zoom fields, then the two custom questions.
STANDARD_FIELDS = ("Country/Region", "Organization", "Job Title")
CUSTOM_QUESTIONS = ("Type of organization", "Gender")
# FORMATS.md §1.2: in the registration report the questions follow "Approval Status";
# §1.1: in the attendee report standard fields follow "Email", custom ones follow "Is Guest".
REGISTRATION_HEADER = (
    ("First Name", "Last Name", "Email", "Registration Time", "Approval Status")
    + STANDARD_FIELDS
    + CUSTOM_QUESTIONS
)
ATTENDEE_HEADER = (
    ("Attended", "User Name (Original Name)", "First Name", "Last Name", "Email")
    + STANDARD_FIELDS
    + ("Registration Time", "Approval Status", "Join Time", "Leave Time")
    + ("Time in Session (minutes)", "Is Guest")
    + CUSTOM_QUESTIONS
    + ("Country/Region Name",)
)
STAFF_HEADER = (
    "Attended",
    "User Name (Original Name)",
    "Email",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    "Country/Region Name",
)

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
LOCAL_HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3.6, 3.4,
    2.8, 3.0, 3.3, 3.2, 2.8, 2.2, 1.6, 1.3, 1.1, 0.9, 0.6, 0.4,
)  # fmt: skip
# 13:00 CEST is 07:00 in New York and 19:00 in Manila: fewer of those who registered come.
REGION_SHOW = {"AFR": 1.05, "EMR": 1.0, "SEAR": 0.95, "AMR": 0.82, "EUR": 1.0, "WPR": 0.8}
# Which day a stakeholder group cares most about (registrations for single days).
DAY_INTEREST = {
    "Government / Ministry of Health / Regulatory authority": (1.0, 1.8, 0.9, 0.8, 1.0),
    "Private sector / Manufacturer": (1.0, 1.0, 1.9, 1.4, 0.9),
    "Academia / Research": (1.0, 0.9, 1.6, 0.8, 1.0),
    "Finance / Development bank": (1.0, 0.7, 0.9, 2.5, 1.0),
    "Philanthropic foundation": (1.0, 0.8, 1.0, 2.2, 1.0),
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

# Hosts and panelists: (display name, e-mail, country for Zoom, guest?).
WHO_HOST = ("WHO LPA Webinars", "lpa.webinars@who.example", "Switzerland", "No")
CO_HOST = ("Claire Fontaine", "fontainec@who.example", "Switzerland", "No")
MODERATOR = ("Ana Beatriz Souza", "souzaa@who.example", "Switzerland", "No")
HOSTS = ((WHO_HOST, CO_HOST), (WHO_HOST,), (WHO_HOST, CO_HOST), (WHO_HOST,), (WHO_HOST,))
PANELISTS = (
    (
        MODERATOR,
        ("Mariam Al-Sayed", "alsayedm@who.example", "Switzerland", "No"),
        ("Joseph Kariuki", "j.kariuki@health.gov.ke.example", "Kenya", "Yes"),
        ("Helena Lindqvist", "h.lindqvist@unido.example", "Austria", "Yes"),
        ("Rajesh Menon", "rajesh.menon@lotusvaccines.example", "India", "Yes"),
    ),
    (
        MODERATOR,
        ("Adaeze Nwosu", "a.nwosu@nmra.gov.ng.example", "Nigeria", "Yes"),
        ("Carlos Mendoza", "cmendoza@paho.example", "United States", "Yes"),
        ("Ingrid Solberg", "ingrid.solberg@regulators.example", "Norway", "Yes"),
    ),
    (
        MODERATOR,
        ("Thandiwe Dlamini", "tdlamini@savannabiologicals.example", "South Africa", "Yes"),
        ("Nguyen Van Minh", "minh.nv@mekongvaccines.example", "Vietnam", "Yes"),
        ("Farid Haddad", "f.haddad@cedarpharma.example", "Lebanon", "Yes"),
        ("Lucía Ferreira", "lferreira@andesbio.example", "Brazil", "Yes"),
        ("Peter Okello", "okellop@who.example", "Switzerland", "No"),
    ),
    (
        MODERATOR,
        ("Kofi Boateng", "k.boateng@afdb.example", "Côte d'Ivoire", "Yes"),
        ("Sophie Laurent", "slaurent@horizonhealth.example", "France", "Yes"),
    ),
    (
        MODERATOR,
        ("Mariam Al-Sayed", "alsayedm@who.example", "Switzerland", "No"),
        ("Sanjay Kulkarni", "s.kulkarni@who.example", "India", "No"),
        ("Aisha Bello", "aisha.bello@africacdc.example", "Ethiopia", "Yes"),
    ),
)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Session:
    number: int
    code: str
    title: str
    kind: str
    day: date
    scheduled: datetime
    external_id: str
    start: datetime = REG_OPEN  # actual: set when simulated
    end: datetime = REG_OPEN


@dataclass
class Registration:
    day: int  # 1-based session number
    at: datetime
    status: str  # "approved", "cancelled by self", "denied"
    email: str  # as typed for this webinar (case may differ between webinars)
    answer: str  # country answer as typed for this webinar


@dataclass
class Segment:
    join: datetime
    leave: datetime
    name: str  # "User Name (Original Name)"
    country: str  # Zoom's IP-based country
    bot: bool = False


@dataclass
class Person:
    pid: int
    first: str
    last: str
    email: str
    iso3: str
    region: str
    answer: str
    ip_country: str
    org: str
    org_type: str
    job: str
    gender: str
    propensity: float
    shift: float
    regs: list[Registration] = field(default_factory=list)
    segments: dict[int, list[Segment]] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------
# Reference data


def load_programme(path: Path = PROGRAMME_FILE) -> list[Session]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sessions = []
    for n, row in enumerate(rows, start=1):
        day = date.fromisoformat(row["day"])
        hour, minute = (int(x) for x in row["start_local"].split(":"))
        sessions.append(
            Session(
                number=n,
                code=row["session_code"],
                title=row["title"],
                kind=row["kind"],
                day=day,
                scheduled=datetime(day.year, day.month, day.day, hour, minute),
                external_id=row["external_id"],
            )
        )
    return sessions


def load_countries(path: Path = COUNTRIES_FILE) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["iso3"]: row for row in csv.DictReader(fh)}


# ----------------------------------------------------------------------------------------------
# Formatting, exactly as the Zoom exports write it


def fmt_row_time(t: datetime) -> str:
    """Join/Leave/Registration Time: "Jun 21, 2021 13:02:11"."""
    return f"{MONTHS[t.month - 1]} {t.day:02d}, {t.year} {t:%H:%M:%S}"


def _clock12(t: datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def fmt_actual_start(t: datetime) -> str:
    """Attendee-report "Actual Start Time": day not zero-padded, "Jun 21, 2021 1:00 PM"."""
    return f"{MONTHS[t.month - 1]} {t.day}, {t.year} {_clock12(t)}"


def fmt_scheduled(t: datetime) -> str:
    """Registration-report "Scheduled Time": day zero-padded, "Jun 21, 2021 1:00 PM"."""
    return f"{MONTHS[t.month - 1]} {t.day:02d}, {t.year} {_clock12(t)}"


def spaced_id(digits: str) -> str:
    """Zoom writes 11-digit webinar IDs as "841 6920 7315"."""
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def minutes_in_session(join: datetime, leave: datetime) -> int:
    """Zoom rounds up: a 4-second stay is 1 minute."""
    return max(1, math.ceil((leave - join).total_seconds() / 60))


def _ascii(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch in ".-")


def _weighted(rng: random.Random, pairs) -> str:
    items = [p[0] for p in pairs]
    weights = [p[-1] for p in pairs]
    return rng.choices(items, weights)[0]


# ----------------------------------------------------------------------------------------------
# The population


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.sessions = load_programme()
        self.countries = load_countries()
        self.emails: dict[str, int] = {}  # lower-cased e-mail -> pid (uniqueness)
        self.companies = self._companies()
        self.people: list[Person] = []

    # -- organisations --------------------------------------------------------------------
    def _companies(self) -> dict[str, list[tuple[str, str]]]:
        rng = self.rng
        pools: dict[str, list[tuple[str, str]]] = {}
        for region, _ in REGION_SHARE:
            two_word = PLACE_SEP.get(region, [])
            text = PLACES[region]
            for place in two_word:
                text = text.replace(place, place.replace(" ", "_"))
            places = [p.replace("_", " ") for p in text.split()]
            pool = []
            for place in places:
                for sector in rng.sample(SECTORS, 2):
                    legal = rng.choice(LEGAL[region])
                    domain = _ascii(place + sector).replace(".", "") + ".example"
                    pool.append((f"{place} {sector}{legal}", domain))
            pools[region] = pool
        return pools

    def _organisation(self, key: str, person_region: str, iso3: str) -> tuple[str, str]:
        """(organisation as typed, e-mail domain)."""
        rng = self.rng
        cc = self.countries[iso3]["iso2"].lower()
        if key == "gov":
            name, slug = _weighted(rng, [(g[0:2], g[2]) for g in GOV_ORGS])
            if rng.random() < 0.15:
                name = f"{name}, {self.countries[iso3]['who_name']}"
            return name, f"{slug}.gov.{cc}.example"
        if key == "private":
            pool = self.companies[person_region]
            weights = [1.0 / (i + 1) ** 0.6 for i in range(len(pool))]
            return rng.choices(pool, weights)[0]
        if key == "academia":
            place = rng.choice(PLACES[person_region].split())
            slug = _ascii(place)
            pattern = rng.randrange(4)
            if pattern == 0:
                return f"{place} University of Health Sciences", f"univ-{slug}.example"
            if pattern == 1:
                return f"{place} Institute of Pharmaceutical Research", f"ipr-{slug}.example"
            if pattern == 2:
                return f"School of Pharmacy, {place} University", f"pharmacy.univ-{slug}.example"
            return f"{place} University", f"{slug}.edu.example"
        if key == "intl":
            name, domain = _weighted(rng, [(o[0:2], o[2]) for o in INTL_ORGS])
            return name, domain
        table = {"ngo": NGO_ORGS, "phil": PHIL_ORGS, "fin": FIN_ORGS, "media": MEDIA_ORGS}
        if key in table:
            return rng.choice(table[key])
        return rng.choice(OTHER_ORGS), rng.choice(PERSONAL_DOMAINS)

    def _email(self, first: str, last: str, domain: str, personal: bool) -> str:
        rng = self.rng
        f, lst = _ascii(first.replace(" ", "")), _ascii(last.replace(" ", ""))
        if personal:
            local = f"{f}.{lst}.{rng.randrange(10, 1000)}"
        else:
            style = rng.random()
            if style < 0.6:
                local = f"{f}.{lst}"
            elif style < 0.85:
                local = f"{f[0]}{lst}"
            else:
                local = f"{lst}{f[0]}"
        email = f"{local}@{domain}"
        n = 2
        while email.lower() in self.emails:
            email = f"{local}{n}@{domain}"
            n += 1
        return email

    # -- people ---------------------------------------------------------------------------
    def _country_list(self) -> list[tuple[str, str]]:
        rng = self.rng
        out: list[tuple[str, str]] = []
        for region, share in REGION_SHARE:
            tokens = COUNTRY_WEIGHTS[region].split()
            codes, weights = tokens[0::2], [float(w) for w in tokens[1::2]]
            n = round(share * N_PEOPLE)
            picked = list(codes)  # every listed country sends at least one person
            picked += rng.choices(codes, weights, k=n - len(codes))
            out += [(code, region) for code in picked]
        out = out[:N_PEOPLE] + [out[-1]] * (N_PEOPLE - len(out))
        rng.shuffle(out)
        return out

    def build_people(self) -> None:
        rng = self.rng
        for pid, (iso3, region) in enumerate(self._country_list()):
            gender = _weighted(rng, GENDERS)
            if rng.random() < 0.01:
                gender = ""
            females, males, lasts = (s.split() for s in NAMES[region])
            if gender == "Female" or (gender not in ("Male",) and rng.random() < 0.5):
                first = rng.choice(females)
            else:
                first = rng.choice(males)
            last = rng.choice(lasts)
            org_type = _weighted(rng, ORG_TYPES)
            key = TYPE_KEY.get(org_type) or TYPE_KEY[_weighted(rng, ORG_TYPES[:-1])]
            org, domain = self._organisation(key, region, iso3)
            personal = rng.random() < PERSONAL_SHARE[key] and domain != "who.example"
            if personal:
                domain = rng.choice(PERSONAL_DOMAINS)
            if rng.random() < 0.02:
                org = ""
            email = self._email(first, last, domain, personal or domain in PERSONAL_DOMAINS)
            if rng.random() < 0.05:  # "Kipngeno.Omotoso.282@example.org" in the real sample
                local, _, dom = email.partition("@")
                email = ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + dom
            self.emails[email.lower()] = pid
            job = rng.choice(JOBS[key].split("|")) if rng.random() > 0.04 else ""
            # The way people fill in forms: stray blanks, capitals, titles.
            r = rng.random()
            if r < 0.03:
                first += " "
            elif r < 0.04:
                last = last.upper()
            elif r < 0.05:
                last += " PhD"
            elif r < 0.06:
                first = "Dr " + first
            answer = self._country_answer(iso3)
            ip_iso = iso3
            if rng.random() < 0.06:  # travelling, VPN, or based in Geneva
                ip_iso = rng.choice(("CHE", "CHE", "USA", "FRA", "GBR", "KEN", "ZAF", "BEL"))
            propensity = rng.choices((0.12, 0.7, 1.0, 1.3), (15, 35, 35, 15))[0]
            self.people.append(
                Person(
                    pid=pid,
                    first=first,
                    last=last,
                    email=email,
                    iso3=iso3,
                    region=region,
                    answer=answer,
                    ip_country=self._zoom_country(ip_iso),
                    org=org,
                    org_type=org_type,
                    job=job,
                    gender=gender,
                    propensity=propensity,
                    shift=rng.choice(UTC_SHIFT[region]),
                )
            )

    def _country_answer(self, iso3: str) -> str:
        rng = self.rng
        name = self.countries[iso3]["who_name"]
        r = rng.random()
        if r < 0.01:
            return rng.choice(UNRESOLVABLE)
        if iso3 in COUNTRY_VARIANTS and r < 0.40:
            return rng.choice(COUNTRY_VARIANTS[iso3])
        if r < 0.025:
            return rng.choice((name.upper(), name.lower(), name + " ", " " + name))
        return name

    def _zoom_country(self, iso3: str) -> str:
        return ZOOM_COUNTRY.get(iso3, self.countries[iso3]["who_name"])

    # -- registrations --------------------------------------------------------------------
    def _day_weights(self) -> tuple[list[date], list[float]]:
        days, weights = [], []
        d = REG_OPEN.date()
        last = self.sessions[-1].day
        while d <= last:
            k = (d - REG_OPEN.date()).days
            w = 2.0 + 0.06 * k
            for mailing, amp in MAILINGS:
                j = (d - mailing).days
                if j >= 0:
                    w += amp * math.exp(-j / 2.2)
            if date(2021, 6, 17) <= d <= date(2021, 6, 20):
                w *= 1.8  # last-minute sign-ups before the Forum
            w *= {21: 2.2, 22: 0.9, 23: 0.7, 24: 0.6, 25: 0.4}.get(d.day if d.month == 6 else 0, 1)
            if d.weekday() >= 5:
                w *= 0.4
            days.append(d)
            weights.append(w)
            d += timedelta(days=1)
        return days, weights

    def _first_registration(self, person: Person, days, weights) -> datetime:
        rng = self.rng
        hours = list(range(24))
        while True:
            d = rng.choices(days, weights)[0]
            local = datetime(d.year, d.month, d.day, rng.choices(hours, LOCAL_HOUR_WEIGHTS)[0])
            local += timedelta(seconds=rng.randrange(3600))
            t = local - timedelta(hours=person.shift)
            if REG_OPEN <= t <= self.sessions[-1].scheduled + timedelta(minutes=100):
                return t

    def build_registrations(self) -> None:
        rng = self.rng
        days, weights = self._day_weights()
        ends = [s.scheduled + timedelta(minutes=150) for s in self.sessions]
        for person in self.people:
            base = self._first_registration(person, days, weights)
            open_days = [s.number for s in self.sessions if ends[s.number - 1] > base]
            chosen = self._choose_days(person, open_days)
            t = base
            for n in chosen:
                if t >= ends[n - 1]:
                    continue
                if t != base and rng.random() < 0.3:
                    # Came back later (often after a mailing) to add another day.
                    later = t + timedelta(days=rng.uniform(1, 20), seconds=rng.randrange(86400))
                    if later < self.sessions[n - 1].scheduled:
                        t = later
                email, answer = person.email, person.answer
                if n != chosen[0] and rng.random() < 0.02:
                    email = email.lower() if email != email.lower() else email.capitalize()
                who_name = self.countries[person.iso3]["who_name"]
                if n != chosen[0] and answer != who_name and rng.random() < 0.1:
                    answer = who_name  # picked the listed name the next time round
                person.regs.append(Registration(n, t, "approved", email, answer))
                t += timedelta(seconds=rng.randrange(25, 240))

    def _choose_days(self, person: Person, open_days: list[int]) -> list[int]:
        rng = self.rng
        if len(open_days) == 5 and rng.random() < 0.2:
            return open_days
        if len(open_days) < 5 and rng.random() < 0.3:
            return open_days
        interest = DAY_INTEREST.get(person.org_type, (1.0,) * 5)
        chosen = []
        for n in open_days:
            if n == open_days[0]:
                p = 0.78 if n == 1 else 0.85
            else:
                p = min(0.9, 0.17 * interest[n - 1])
            if rng.random() < p:
                chosen.append(n)
        return chosen or [rng.choice(open_days)]

    def add_cancellations_and_denials(self) -> None:
        rng = self.rng
        pool = [(p, r) for p in self.people for r in p.regs if r.at < datetime(2021, 6, 18)]
        picks = rng.sample(pool, CANCELLED + REREGISTERED)
        for _, reg in picks[:CANCELLED]:
            reg.status = "cancelled by self"
        for person, reg in picks[CANCELLED:]:
            # Cancelled, then signed up again for the same webinar a few days later.
            reg.status = "cancelled by self"
            again = reg.at + timedelta(days=rng.uniform(2, 6), seconds=rng.randrange(3600))
            again = min(again, self.sessions[reg.day - 1].scheduled - timedelta(minutes=47))
            person.regs.append(Registration(reg.day, again, "approved", reg.email, reg.answer))
        bogus = (("test", "test", "test@test.example"), ("Asdf", "Qwerty", "asdf@asdf.example"))
        for k, (first, last, email) in enumerate(bogus):
            day = (1, 3)[k]
            at = datetime(2021, 6, 2 + 9 * k, 3, 17 + k, 41 - k)
            who = Person(
                pid=len(self.people),
                first=first,
                last=last,
                email=email,
                iso3="CHE",
                region="EUR",
                answer=("-", "Afghanistan")[k],  # the first entry of the drop-down
                ip_country="",
                org=("test", "asdf")[k],
                org_type="",
                job="",
                gender="Prefer not to say",
                propensity=0.0,
                shift=0.0,
            )
            who.regs.append(Registration(day, at, "denied", email, who.answer))
            self.people.append(who)

    # -- attendance -----------------------------------------------------------------------
    def simulate_sessions(self) -> None:
        rng = self.rng
        for s in self.sessions:
            s.start = s.scheduled + timedelta(seconds=rng.randrange(3, 25))
            s.end = s.scheduled + timedelta(
                minutes=150 + OVERRUN_MINUTES[s.number - 1], seconds=rng.randrange(60)
            )

    def build_attendance(self) -> None:
        rng = self.rng
        for s in self.sessions:
            n = s.number
            for person in self.people:
                for reg in person.regs:
                    if reg.day != n or reg.status != "approved":
                        continue
                    day_of = reg.at > s.start - timedelta(hours=2)
                    p = 0.85 if day_of else SHOW_BASE[n - 1] * person.propensity
                    p *= REGION_SHOW.get(person.region, 1.0)
                    if rng.random() < min(p, 0.97):
                        person.segments[n] = self._presence(person, s, reg.at)
            self._add_bots(s)

    def _display_name(self, person: Person) -> str:
        name = f"{person.first.strip()} {person.last.strip()}"
        if self.rng.random() < 0.03:
            # Renamed in the webinar; Zoom keeps the registered name in brackets.
            short = person.org.split(",")[0] if person.org else person.ip_country
            return f"{name} - {short} ({name})"
        return name

    def _presence(self, person: Person, s: Session, reg_at: datetime) -> list[Segment]:
        rng = self.rng
        length = (s.end - s.start).total_seconds()
        if reg_at > s.start - timedelta(minutes=5):
            join = max(reg_at, s.start) + timedelta(seconds=rng.uniform(20, 240))
        else:
            r = rng.random()
            if r < 0.10:
                offset = rng.uniform(2, 30)
            elif r < 0.62:
                offset = min(rng.expovariate(1 / 240), 1200)
            elif r < 0.87:
                offset = rng.uniform(1200, 3600)
            else:
                offset = rng.uniform(3600, length - 600)
            join = s.start + timedelta(seconds=offset)
        join = min(join, s.end - timedelta(seconds=90))
        r = rng.random()
        left = (s.end - join).total_seconds()
        if r < 0.45:
            leave = s.end - timedelta(seconds=rng.choice((0, 0, 0, 1, 2)))
        elif r < 0.60 and s.kind == "plenary" and join < s.start + timedelta(minutes=40):
            # Stayed for the high-level opening statements only.
            leave = s.start + timedelta(seconds=rng.uniform(45 * 60, 75 * 60))
        else:
            leave = join + timedelta(seconds=max(20.0, left * rng.betavariate(1.3, 1.6)))
        leave = min(max(leave, join + timedelta(seconds=20)), s.end)
        name = self._display_name(person)
        country = person.ip_country
        spans = [(join, leave)]
        if rng.random() < 0.22 and (leave - join).total_seconds() > 300:
            spans = self._drops(join, leave)
        if rng.random() < 0.03 and (leave - join).total_seconds() > 600:
            # A second device (phone) joined while the laptop stayed in.
            start = join + timedelta(seconds=rng.uniform(60, (leave - join).total_seconds() - 120))
            end = min(start + timedelta(seconds=rng.uniform(60, 2400)), s.end)
            spans.append((start, end))
        return [Segment(a, b, name, country) for a, b in sorted(spans)]

    def _drops(self, join: datetime, leave: datetime) -> list[tuple[datetime, datetime]]:
        rng = self.rng
        k = rng.choices((1, 2, 3), (65, 25, 10))[0]
        total = (leave - join).total_seconds()
        cuts = sorted(rng.uniform(30, total - 30) for _ in range(k))
        spans, start = [], join
        for cut in cuts:
            stop = join + timedelta(seconds=cut)
            if stop <= start + timedelta(seconds=5):
                continue
            spans.append((start, stop))
            gap = rng.uniform(4, 60) if rng.random() < 0.7 else rng.uniform(60, 480)
            start = stop + timedelta(seconds=gap)
            if start >= leave - timedelta(seconds=5):
                return spans  # never came back
        spans.append((start, leave))
        return spans

    def _add_bots(self, s: Session) -> None:
        rng = self.rng
        n = s.number
        candidates = [
            p for p in self.people if any(r.day == n and r.status == "approved" for r in p.regs)
        ]
        absent = [p for p in candidates if n not in p.segments]
        present = [p for p in candidates if n in p.segments]
        owners = rng.sample(absent, BOTS_PER_DAY[n - 1] - 1) + rng.sample(present, 1)
        for k, person in enumerate(owners):
            first = person.first.strip().removeprefix("Dr ")
            t = s.start + timedelta(seconds=rng.uniform(6, 20))
            if k % 3 != 2:  # Otter.ai: a 4-second probe, then up to its 40-minute limit or all
                name = f"{first}'s Notetaker (Otter.ai)"
                stop = t + timedelta(minutes=37, seconds=rng.randrange(60))
                if rng.random() < 0.5:
                    stop = s.end
                bots = [
                    Segment(t, t + timedelta(seconds=4), name, "United States", bot=True),
                    Segment(t + timedelta(seconds=5), stop, name, "United States", bot=True),
                ]
            else:
                name = f"Fireflies.ai Notetaker {first}"
                stop = min(s.end, t + timedelta(hours=2, seconds=3))
                bots = [Segment(t, stop, name, "United States", bot=True)]
            person.segments[n] = sorted(
                person.segments.get(n, []) + bots, key=lambda g: (g.join, g.leave)
            )


def _staff(rng: random.Random, s: Session) -> tuple[list[list[str]], list[list[str]]]:
    """Host and panelist rows of one webinar."""
    hosts, panelists = [], []
    for k, (name, email, country, guest) in enumerate(HOSTS[s.number - 1]):
        join = s.start if k == 0 else s.start + timedelta(seconds=rng.randrange(10, 90))
        hosts.append((join, s.end, name, email, country, guest))
        if k == 0 and s.number == 1:
            # The host's phone, briefly, as in the real sample.
            t = s.start + timedelta(minutes=35, seconds=rng.randrange(60))
            hosts.append((t, t + timedelta(seconds=69), name, email, "France", guest))
    for k, (name, email, country, guest) in enumerate(PANELISTS[s.number - 1]):
        join = s.start + timedelta(seconds=rng.randrange(15, 360))
        leave = s.end - timedelta(seconds=rng.choice((0, 1, 2)))
        if k > 0 and rng.random() < 0.4:
            leave = s.start + timedelta(minutes=rng.uniform(40, 120))
        if k == 1 and s.number in (1, 3):
            # A speaker's connection dropped and came back.
            cut = join + timedelta(minutes=rng.uniform(10, 30))
            panelists.append((join, cut, name, email, country, guest))
            join = cut + timedelta(seconds=rng.randrange(20, 90))
        panelists.append((join, leave, name, email, country, guest))
    rows = []
    for group in (hosts, panelists):
        rows.append(
            [
                [
                    "Yes",
                    name,
                    email,
                    fmt_row_time(a),
                    fmt_row_time(b),
                    str(minutes_in_session(a, b)),
                    guest,
                    country,
                ]
                for a, b, name, email, country, guest in group
            ]
        )
    return rows[0], rows[1]


def _peak(segments: list[Segment]) -> int:
    events = []
    for g in segments:
        events.append((g.join, 1))
        events.append((g.leave, -1))
    events.sort(key=lambda e: (e[0], e[1]))  # a leave at the same second counts first
    level = peak = 0
    for _, step in events:
        level += step
        peak = max(peak, level)
    return peak


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    buf.write("\ufeff")
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def _build(seed: int) -> _Builder:
    b = _Builder(seed)
    b.build_people()
    b.build_registrations()
    b.add_cancellations_and_denials()
    b.simulate_sessions()
    b.build_attendance()
    return b


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the ten reports into out_dir; same seed, same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    b = _build(seed)
    staff_rng = random.Random(seed + 1)
    written = []
    for s in b.sessions:
        n = s.number
        regs = sorted(
            ((r, p) for p in b.people for r in p.regs if r.day == n),
            key=lambda rp: (rp[0].at, rp[1].pid),
        )
        cancelled = sum(r.status == "cancelled by self" for r, _ in regs)
        denied = sum(r.status == "denied" for r, _ in regs)
        approved = sum(r.status == "approved" for r, _ in regs)
        registrants = len(regs) - cancelled
        g = GENERATED_DAY
        generated = f"{MONTHS[g.month - 1]} {g.day:02d}, {g.year} {GENERATED[n - 1]} AM"
        topic = f"World Local Production Forum 2021 – Day {n}: {s.title}"
        webinar_id = spaced_id(s.external_id)

        reg_rows = [
            ["Registration Report", ""],
            ["Report generated time", generated],
            [
                "Topic",
                "Webinar ID",
                "Scheduled Time",
                "Duration (minutes)",
                "# Registrants",
                "# Cancelled registrants",
                "# Approved registrants",
                "# Denied registrants",
            ],
            [topic, webinar_id, fmt_scheduled(s.scheduled)]
            + [f" {v}" for v in (150, registrants, cancelled, approved, denied)],
            ["Attendee Details", ""],
            list(REGISTRATION_HEADER),
        ]
        att_rows: list[list[str]] = []
        views: list[Segment] = []
        viewers = 0
        for reg, p in regs:
            answers = [reg.answer, p.org, p.job]
            custom = [p.org_type, p.gender]
            reg_rows.append(
                [p.first, p.last, reg.email, fmt_row_time(reg.at), reg.status]
                + answers
                + custom
                + [""]
            )
            segs = p.segments.get(n, []) if reg.status == "approved" else []
            if not segs:
                att_rows.append(
                    ["No", p.first, p.first, p.last, reg.email]
                    + answers
                    + [fmt_row_time(reg.at), reg.status, "--", "--", "--", "--"]
                    + custom
                    + ["", ""]
                )
                continue
            viewers += 1
            views += segs
            for k, g in enumerate(segs):
                first_row = k == 0
                att_rows.append(
                    ["Yes", g.name, p.first, p.last, reg.email]
                    + (answers if first_row else ["", "", ""])
                    + ([fmt_row_time(reg.at), reg.status] if first_row else ["", ""])
                    + [fmt_row_time(g.join), fmt_row_time(g.leave)]
                    + [str(minutes_in_session(g.join, g.leave)), "Yes" if _guest(p) else "No"]
                    + (custom if first_row else ["", ""])
                    + [g.country]
                    + ([""] if first_row else [])
                )
        hosts, panelists = _staff(staff_rng, s)
        duration = math.ceil((s.end - s.start).total_seconds() / 60)
        total_users = len(hosts) + len(panelists) + len(views)
        attendee_rows = [
            ["Attendee Report", ""],
            ["Report generated time", generated],
            [
                "Topic",
                "Webinar ID",
                "Actual Start Time",
                "Actual Duration (minutes)",
                "# Registrants",
                "# Cancelled registrants",
                "Unique Viewers",
                "Total Users",
                "Max Concurrent Views",
                "Enable Registration",
            ],
            [topic, webinar_id, fmt_actual_start(s.start)]
            + [str(v) for v in (duration, registrants, cancelled, viewers, total_users)]
            + [str(_peak(views)), "Yes"],
            ["Host Details", ""],
            list(STAFF_HEADER),
            *hosts,
            ["Panelist Details", ""],
            list(STAFF_HEADER),
            *panelists,
            ["Attendee Details", ""],
            list(ATTENDEE_HEADER),
            *att_rows,
        ]
        reg_path = out_dir / f"wlpf2021_day{n}_registration.csv"
        att_path = out_dir / f"wlpf2021_day{n}_attendee.csv"
        _write(reg_path, reg_rows)
        _write(att_path, attendee_rows)
        written += [reg_path, att_path]
    return written


def _guest(p: Person) -> bool:
    # Only WHO's own Zoom account holders are not guests.
    return not p.email.lower().endswith("@who.example")


def figures(seed: int = DEFAULT_SEED) -> dict:
    """The demo's ground truth under docs/metrics definitions (bots never count).

    A person is a trimmed, lower-cased e-mail. Countries come from the registration answer;
    an answer no resolver can place ("Geneva", "-", ...) counts as unknown.
    """
    b = _build(seed)
    member = {k for k, row in b.countries.items() if row["member_type"] == "member"}
    region = {k: row["who_region"] for k, row in b.countries.items()}

    def key(email: str) -> str:
        return email.strip().lower()

    def human(p: Person, n: int) -> bool:
        return any(not g.bot for g in p.segments.get(n, []))

    all_emails: set[str] = set()
    active: dict[str, Person] = {}
    attended_any: set[str] = set()
    attended_people: dict[str, Person] = {}
    days = []
    for s in b.sessions:
        n = s.number
        rows = [(r, p) for p in b.people for r in p.regs if r.day == n]
        all_emails |= {key(r.email) for r, _ in rows}
        day_active = {key(r.email): p for r, p in rows if r.status == "approved"}
        came = {k for k, p in day_active.items() if human(p, n)}
        staff = {e for _, e, _, _ in HOSTS[n - 1] + PANELISTS[n - 1]}
        active.update(day_active)
        attended_people.update({k: day_active[k] for k in came})
        attended_any |= came | staff
        days.append(
            {
                "day": n,
                "registration_rows": len(rows),
                "cancelled": sum(r.status == "cancelled by self" for r, _ in rows),
                "denied": sum(r.status == "denied" for r, _ in rows),
                "registrants": len(day_active),
                "attendees": len(came),
                "panelists_hosts": len(staff),
                "attendees_any_role": len(came | staff),
                "show_rate": round(len(came) / len(day_active), 4),
                "bots": sum(any(g.bot for g in p.segments.get(n, [])) for p in b.people),
            }
        )

    def places(people: dict[str, Person]) -> dict:
        iso = {p.iso3 for p in people.values() if p.answer.strip().lower() not in _UNRESOLVED}
        states = iso & member
        return {
            "countries": len(iso),
            "member_states": len(states),
            "other_countries_territories": len(iso - member),
            "who_regions": len({region[c] for c in states}),
            "unresolved_answers": sum(
                p.answer.strip().lower() in _UNRESOLVED for p in people.values()
            ),
        }

    return {
        "distinct_registration_emails": len(all_emails),
        "registrants": len(active),
        "attendees_attendee_role": len(attended_people),
        "attendees_any_role": len(attended_any),
        "registrant_places": places(active),
        "attendee_places": places(attended_people),
        "days": days,
    }


_UNRESOLVED = {a.lower() for a in UNRESOLVABLE}
