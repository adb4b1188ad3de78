"""Stakeholder type, gender and note-taker-bot classification (engagement.classify)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from engagement import classify
from engagement.classify import (
    GENDER_LABELS,
    STAKEHOLDER_TYPES,
    Classification,
    bot_rule,
    classify_gender,
    classify_many,
    classify_stakeholder,
    is_bot,
    normalize_gender,
)

SAMPLES = Path(__file__).parent / "samples"

# (organization type answer, organization, e-mail, expected code, expected rule id)
STAKEHOLDER_CASES = [
    # -- the answer, in the wordings forms use ----------------------------------------------
    ("Government", "", "", "government", "answer:government"),
    ("Gouvernement", "", "", "government", "answer:gouvernement"),
    ("Gobierno", "", "", "government", "answer:gobierno"),
    ("Governo", "", "", "government", "answer:governo"),
    ("Ministry of Health", "", "", "government", "answer:ministry"),
    ("Ministère de la Santé", "", "", "government", "answer:ministry"),
    ("Public sector", "", "", "government", "answer:public-sector"),
    ("Secteur public", "", "", "government", "answer:secteur-public"),
    ("Regulatory authority", "", "", "government", "answer:regulator"),
    ("Autorité de régulation", "", "", "government", "answer:regulator"),
    ("Member State", "", "", "government", "answer:member-state"),
    ("Permanent Mission", "", "", "government", "answer:permanent-mission"),
    ("Government / Ministry of Health / Regulatory authority", "", "", "government",
     "answer:government"),
    ("Правительство", "", "", "government", "answer:ru-government"),
    ("حكومة", "", "", "government", "answer:ar-government"),
    ("NGO", "", "", "ngo", "answer:ngo"),
    ("ONG", "", "", "ngo", "answer:ong"),
    ("Civil society", "", "", "ngo", "answer:civil-society"),
    ("Société civile", "", "", "ngo", "answer:societe-civile"),
    ("Sociedad civil", "", "", "ngo", "answer:sociedad-civil"),
    ("Sociedade civil", "", "", "ngo", "answer:sociedade-civil"),
    ("NGO / Civil society", "", "", "ngo", "answer:ngo"),
    # "governmental" inside the NGO phrase must not make it a government answer
    ("Non-government organisation", "", "", "ngo", "answer:non-governmental"),
    ("Organisation non gouvernementale", "", "", "ngo", "answer:non-governmental"),
    ("Organización no gubernamental", "", "", "ngo", "answer:non-governmental"),
    ("Organização não governamental", "", "", "ngo", "answer:non-governmental"),
    ("Private not-for-profit", "", "", "ngo", "answer:non-profit"),
    ("International NGO", "", "", "ngo", "answer:ngo"),
    ("Неправительственная организация", "", "", "ngo", "answer:ru-non-governmental"),
    ("منظمة غير حكومية", "", "", "ngo", "answer:ar-ngo"),
    ("Private sector", "", "", "private_sector", "answer:private"),
    ("Private sector / Manufacturer", "", "", "private_sector", "answer:private"),
    ("Industry", "", "", "private_sector", "answer:industry"),
    ("Secteur privé", "", "", "private_sector", "answer:prive"),
    ("Sector privado", "", "", "private_sector", "answer:privado"),
    ("Setor privado", "", "", "private_sector", "answer:privado"),
    ("Consultant", "", "", "private_sector", "answer:consultant"),
    ("Industry association", "", "", "private_sector", "answer:industry-association"),
    ("Частный сектор", "", "", "private_sector", "answer:ru-private"),
    ("Academia", "", "", "academia", "answer:academia"),
    ("Academia / Research", "", "", "academia", "answer:academia"),
    ("University", "", "", "academia", "answer:university"),
    ("Université", "", "", "academia", "answer:university"),
    ("Universidad", "", "", "academia", "answer:university"),
    ("Universidade", "", "", "academia", "answer:university"),
    ("Research institute", "", "", "academia", "answer:research"),
    ("Institut de recherche", "", "", "academia", "answer:research"),
    ("Student", "", "", "academia", "answer:student"),
    ("International organization", "", "", "intergovernmental",
     "answer:international-organization"),
    ("Organisation internationale", "", "", "intergovernmental",
     "answer:organisation-internationale"),
    ("Organización internacional", "", "", "intergovernmental",
     "answer:organizacion-internacional"),
    ("Organização internacional", "", "", "intergovernmental",
     "answer:organizacao-internacional"),
    ("UN agency", "", "", "intergovernmental", "answer:un-agency"),
    ("International organization / UN agency", "", "", "intergovernmental", "answer:un-agency"),
    ("Intergovernmental organization", "", "", "intergovernmental", "answer:intergovernmental"),
    ("Международная организация", "", "", "intergovernmental", "answer:ru-international"),
    ("Foundation", "", "", "philanthropic", "answer:foundation"),
    ("Fondation", "", "", "philanthropic", "answer:fondation"),
    ("Fundación", "", "", "philanthropic", "answer:fundacion"),
    ("Fundação", "", "", "philanthropic", "answer:fundacao"),
    ("Philanthropy", "", "", "philanthropic", "answer:philanthropy"),
    ("Private foundation", "", "", "philanthropic", "answer:foundation"),
    ("Bank", "", "", "finance", "answer:bank"),
    ("Finance / Development bank", "", "", "finance", "answer:bank"),
    ("International financial institution", "", "", "finance", "answer:financial"),
    ("Institution financière", "", "", "finance", "answer:financial"),
    ("Media", "", "", "media", "answer:media"),
    ("Médias", "", "", "media", "answer:media"),
    ("Journalist", "", "", "media", "answer:journalist"),
    ("Journaliste", "", "", "media", "answer:journalist"),
    ("Periodista", "", "", "media", "answer:journalist"),
    ("СМИ", "", "", "media", "answer:ru-media"),
    ("  MEDIA  ", "", "", "media", "answer:media"),
    # -- "other" is a fallback: the organization and the domain may still decide ---------
    ("Other", "", "", "other", "answer:other"),
    ("Other (please specify)", "N/A", "ana@example.org", "other", "answer:other"),
    ("Autre", "", "", "other", "answer:other"),
    ("Otro", "", "", "other", "answer:other"),
    ("Outro", "", "", "other", "answer:other"),
    ("Другое", "", "", "other", "answer:other"),
    ("Private individual", "", "", "other", "answer:individual"),
    ("Other", "World Bank Group", "", "finance", "org:world-bank"),
    ("Other", "Independent consultant", "ana@example.org", "other", "org:individual"),
    ("", "Self-employed", "ana@gmail.com", "other", "org:individual"),
    ("Private sector", "Freelance", "", "private_sector", "answer:private"),
    ("", "Strategic Consulting Group", "", "private_sector", "org:consultant"),
    ("Other", "", "ana@who.int", "intergovernmental", "domain:who.int"),
    ("Other: NGO", "", "", "ngo", "answer:ngo"),
    # -- precedence: answer > organization > domain ----------------------------------------
    ("Government", "World Bank", "ana@worldbank.org", "government", "answer:government"),
    ("Academia", "WHO", "ana@who.int", "academia", "answer:academia"),
    ("", "University of Geneva", "ana@who.int", "academia", "org:university"),
    ("Prefer not to say", "Ministry of Health", "", "government", "org:ministry"),
    ("", "Savanna Pharmaceuticals Ltd", "ana@moh.gov.rw", "private_sector", "org:pharma"),
    # -- organization names ----------------------------------------------------------------
    ("", "World Health Organization", "", "intergovernmental", "org:world-health-organization"),
    ("", "Organisation mondiale de la Santé", "", "intergovernmental",
     "org:world-health-organization"),
    ("", "WHO/AFRO", "", "intergovernmental", "org:who"),
    ("", "OPS/OMS", "", "intergovernmental", "org:oms"),
    ("", "WHO Foundation", "", "philanthropic", "org:who-foundation"),
    ("", "Who Cares Foundation", "", "ngo", "org:foundation"),
    ("", "UNICEF Supply Division", "", "intergovernmental", "org:un-agency"),
    ("", "UN Women", "", "intergovernmental", "org:un"),
    ("", "Un Techo para mi País", "", "unknown", "none"),
    ("", "AUDA-NEPAD", "", "intergovernmental", "org:african-union"),
    ("", "Africa CDC", "", "intergovernmental", "org:africa-cdc"),
    ("", "China CDC", "", "government", "org:public-health-institute"),
    ("", "European Commission", "", "intergovernmental", "org:european-union"),
    ("", "World Trade Organization", "", "intergovernmental", "org:un-agency-name"),
    ("", "Unitaid", "", "intergovernmental", "org:un-agency"),
    ("", "African Development Bank", "", "finance", "org:bank"),
    ("", "International Finance Corporation", "", "finance", "org:ifc"),
    ("", "Afreximbank", "", "finance", "org:development-bank-acronym"),
    ("", "Impact Capital Partners", "", "finance", "org:investment"),
    ("", "National Blood Bank", "", "unknown", "none"),
    ("", "Bill & Melinda Gates Foundation", "", "philanthropic", "org:gates-foundation"),
    ("", "Wellcome Trust", "", "philanthropic", "org:wellcome"),
    ("", "Novartis Foundation", "", "philanthropic", "org:corporate-foundation"),
    ("", "Novartis Pharma AG", "", "private_sector", "org:pharma-company"),
    ("", "Rockefeller University", "", "academia", "org:university"),
    ("", "Serum Institute of India Pvt. Ltd.", "", "private_sector", "org:pharma-company"),
    ("", "Federation of Kenya Pharmaceutical Manufacturers", "", "private_sector",
     "org:manufacturer"),
    ("", "Pharmaceutical Society of Ghana", "", "ngo", "org:society"),
    ("", "Médecins Sans Frontières Access Campaign", "", "ngo", "org:msf"),
    ("", "Kenya Red Cross Society", "", "ngo", "org:red-cross"),
    ("", "Patients' Voice Coalition", "", "ngo", "org:alliance"),
    ("", "Horizon Health Foundation", "", "ngo", "org:foundation"),
    ("", "Gavi, the Vaccine Alliance", "", "other", "org:global-health-partnership"),
    ("", "Ministerio de Salud", "", "government", "org:ministry"),
    ("", "Permanent Mission of Kenya to the UN in Geneva", "", "government",
     "org:permanent-mission"),
    ("", "Pharmacy and Poisons Board", "", "government", "org:medicines-authority"),
    ("", "National Agency for Food and Drug Administration and Control", "", "government",
     "org:medicines-authority"),
    ("", "National Institutes of Health", "", "government", "org:public-health-institute"),
    ("", "National Quality Control Laboratory", "", "government", "org:public-laboratory"),
    ("", "Ghana Health Service", "", "government", "org:health-service"),
    ("", "Ministry of Higher Education", "", "government", "org:ministry"),
    ("", "Universidade de São Paulo", "", "academia", "org:university"),
    ("", "Universität Heidelberg", "", "academia", "org:university"),
    ("", "Московский государственный университет", "", "academia", "org:university"),
    ("", "Lakes Institute of Pharmaceutical Research", "", "academia", "org:research-institute"),
    ("", "Department of Pharmacy, University of Nairobi", "", "academia", "org:university"),
    ("", "Imperial College London", "", "academia", "org:college"),
    ("", "Royal College of Physicians", "", "ngo", "org:professional-college"),
    ("", "Institut Pasteur de Dakar", "", "academia", "org:named-research"),
    ("", "Health Policy Watch", "", "media", "org:media-outlet"),
    ("", "Radio Santé", "", "media", "org:media"),
    ("", "Laboratorios Andinos S.A.", "", "private_sector", "org:laboratories"),
    ("", "Rhine Generics B.V.", "", "private_sector", "org:biotech"),
    ("", "Deloitte Consulting LLP", "", "private_sector", "org:legal-form"),
    ("", "McKinsey & Company", "", "private_sector", "org:company"),
    ("", "Amberport Holdings", "", "private_sector", "org:company"),
    ("", "Amberport Holdings GmbH", "", "private_sector", "org:legal-form"),
    ("", "Access to Medicines Watch", "", "ngo", "org:ngo-words"),
    ("", "وزارة الصحة", "", "government", "org:ar-government"),
    # -- e-mail domains --------------------------------------------------------------------
    ("", "", "ana@who.int", "intergovernmental", "domain:who.int"),
    ("", "", "Ana@AFRO.WHO.INT", "intergovernmental", "domain:who.int"),
    ("", "", "ana@nowho.int", "intergovernmental", "domain:int"),
    ("", "", "ana@wipo.int", "intergovernmental", "domain:int"),
    ("", "", "ana@un.org", "intergovernmental", "domain:un.org"),
    ("", "", "ana@unicef.org", "intergovernmental", "domain:unicef.org"),
    ("", "", "ana@ec.europa.eu", "intergovernmental", "domain:europa.eu"),
    ("", "", "ana.doe_who.int#EXT#@tenant.onmicrosoft.com", "intergovernmental",
     "domain:who.int"),
    ("", "", "ana@fda.hhs.gov", "government", "domain:gov"),
    ("", "", "ana@moh.gov.rw", "government", "domain:gov.xx"),
    ("", "", "ana@sante.gouv.sn", "government", "domain:gouv.xx"),
    ("", "", "ana@msss.gouv.qc.ca", "government", "domain:gouv.xx"),
    ("", "", "ana@salud.gob.mx", "government", "domain:gob.xx"),
    ("", "", "ana@health.go.ke", "government", "domain:go.xx"),
    ("", "", "ana@mhlw.go.jp", "government", "domain:go.xx"),
    ("", "", "ana@bmsgpk.gv.at", "government", "domain:gv.at"),
    ("", "", "ana@army.mil", "government", "domain:mil"),
    ("", "", "ana@bag.admin.ch", "government", "domain:national-government"),
    ("", "", "ana@harvard.edu", "academia", "domain:edu"),
    ("", "", "ana@unilag.edu.ng", "academia", "domain:edu.xx"),
    ("", "", "ana@uct.ac.za", "academia", "domain:ac.xx"),
    ("", "", "ana@univ-lyon1.fr", "academia", "domain:univ"),
    ("", "", "ana@uni-heidelberg.de", "academia", "domain:uni-"),
    ("", "", "ana@wellcome.ac.uk", "philanthropic", "domain:wellcome.org"),
    ("", "", "ana@worldbank.org", "finance", "domain:worldbank.org"),
    ("", "", "ana@ifc.org", "finance", "domain:ifc.org"),
    ("", "", "ana@afdb.org", "finance", "domain:afdb.org"),
    ("", "", "ana@adb.org", "finance", "domain:adb.org"),
    ("", "", "ana@isdb.org", "finance", "domain:isdb.org"),
    ("", "", "ana@eib.org", "finance", "domain:eib.org"),
    ("", "", "ana@gatesfoundation.org", "philanthropic", "domain:gatesfoundation.org"),
    ("", "", "ana@wellcome.org", "philanthropic", "domain:wellcome.org"),
    ("", "", "ana@geneva.msf.org", "ngo", "domain:ngo-domain"),
    # -- nothing decides: unknown, honestly ------------------------------------------------
    ("", "", "", "unknown", "none"),
    ("", "", "ana@gmail.com", "unknown", "none"),
    ("", "", "ana@yahoo.co.uk", "unknown", "none"),
    ("", "", "ana@hotmail.fr", "unknown", "none"),
    ("", "", "ana@outlook.com", "unknown", "none"),
    ("", "", "ana.b.123@mail.example.org", "unknown", "none"),
    ("", "", "not an address", "unknown", "none"),
    ("N/A", "N/A", "ana@example.org", "unknown", "none"),
    ("Health professional", "Kenyatta National Hospital", "ana@gmail.com", "unknown", "none"),
    ("", "Medicines Patent Pool", "", "unknown", "none"),
]  # fmt: skip


@pytest.mark.parametrize(("answer", "organization", "email", "code", "rule"), STAKEHOLDER_CASES)
def test_classify_stakeholder(answer, organization, email, code, rule):
    assert classify_stakeholder(answer, organization, email) == Classification(code, rule)


def test_stakeholder_cases_cover_every_code():
    assert {case[3] for case in STAKEHOLDER_CASES} == set(STAKEHOLDER_TYPES)


def test_every_rule_id_in_the_file_is_unique_and_prefixed():
    with classify.STAKEHOLDER_RULES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["rule_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r["field"] for r in rows} == {"answer", "organization", "domain"}
    rules = classify.load_stakeholder_rules()
    assert sum(len(v) for v in rules.values()) == len(rows)


def test_classify_many_keeps_the_index_and_handles_gaps():
    df = pd.DataFrame(
        {
            "org_type_raw": ["Government", None, "Other", "Government"],
            "organization": ["", "University of Ghana", float("nan"), ""],
            "email": ["a@x.org", "b@gmail.com", "c@who.int", "a@x.org"],
        },
        index=[10, 11, 12, 13],
    )
    out = classify_many(df)
    assert list(out.index) == [10, 11, 12, 13]
    assert list(out.columns) == ["stakeholder", "stakeholder_rule"]
    assert list(out["stakeholder"]) == ["government", "academia", "intergovernmental", "government"]
    assert list(out["stakeholder_rule"]) == [
        "answer:government",
        "org:university",
        "domain:who.int",
        "answer:government",
    ]


def test_classify_many_without_answer_column_and_empty_frame():
    out = classify_many(pd.DataFrame({"email": ["a@un.org"], "organization": [""]}))
    assert out.to_dict("records") == [
        {"stakeholder": "intergovernmental", "stakeholder_rule": "domain:un.org"}
    ]
    empty = classify_many(pd.DataFrame(columns=["org_type_raw", "organization", "email"]))
    assert list(empty.columns) == ["stakeholder", "stakeholder_rule"]
    assert len(empty) == 0


def test_classify_many_scales_to_ten_thousand_rows():
    df = pd.DataFrame(
        {
            "org_type_raw": ["", "Government", "Other", "NGO"] * 2500,
            "organization": [f"Org {i % 700} Ltd" for i in range(10_000)],
            "email": [f"p{i}@d{i % 300}.edu" for i in range(10_000)],
        }
    )
    out = classify_many(df)
    assert out["stakeholder"].value_counts().to_dict() == {
        "private_sector": 5000,
        "government": 2500,
        "ngo": 2500,
    }


# -- loader refuses bad tables, naming the line ----------------------------------------------
HEADER = "rule_id,field,match,pattern,stakeholder,note\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("answer:x,answer,exact,x,nonsense,\n", "line 2: unknown stakeholder code 'nonsense'"),
        ("answer:x,answer,glob,x,ngo,\n", "line 2: unknown match type 'glob'"),
        ("org:x,answer,exact,x,ngo,\n", "line 2: rule id 'org:x' must start with 'answer:'"),
        ("answer:x,answer,regex,(,ngo,\n", "line 2: "),
        ("answer:x,answer,regex,\\bNGO\\b,ngo,\n", "line 2: regex patterns must be lower case"),
        ("answer:x,answer,exact,x,ngo,\nanswer:x,answer,exact,y,ngo,\n", "line 3: duplicate"),
        ("domain:x,domain,exact,x,ngo,\nanswer:y,answer,exact,y,ngo,\n", "line 3: answer rules"),
        ("answer:x,answer,exact,x,unknown,\n", "line 2: unknown stakeholder code 'unknown'"),
    ],
)
def test_bad_rule_tables_are_refused(tmp_path, body, message):
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ValueError, match="rules.csv " + message.replace("(", r"\(")):
        classify.load_stakeholder_rules(path)


def test_rule_table_with_missing_column_is_refused(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text("rule_id,field,pattern\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        classify.load_stakeholder_rules(path)


# -- gender ------------------------------------------------------------------------------
GENDER_CASES = [
    ("Female", "female", "gender:female"),
    ("F", "female", "gender:f"),
    ("Woman", "female", "gender:woman"),
    ("Femme", "female", "gender:femme"),
    ("Féminin", "female", "gender:feminin"),
    ("Femenino", "female", "gender:femenino"),
    ("Mujer", "female", "gender:mujer"),
    ("Feminino", "female", "gender:feminino"),
    ("Mulher", "female", "gender:mulher"),
    ("Женский", "female", "gender:ru-zhenskiy"),
    ("أنثى", "female", "gender:ar-untha"),
    ("انثى", "female", "gender:ar-untha"),
    (" FEMALE ", "female", "gender:female"),
    ("Femme / Female", "female", "gender:femme"),
    ("Woman (she/her)", "female", "gender:woman"),
    ("Male", "male", "gender:male"),
    ("M", "male", "gender:m"),
    ("Homme", "male", "gender:homme"),
    ("Masculino", "male", "gender:masculino"),
    ("Hombre", "male", "gender:hombre"),
    ("Homem", "male", "gender:homem"),
    ("Мужской", "male", "gender:ru-muzhskoy"),
    ("ذكر", "male", "gender:ar-dhakar"),
    ("male.", "male", "gender:male"),
    ("Non-binary", "non_binary_or_other", "gender:non-binary"),
    ("Non binaire", "non_binary_or_other", "gender:non-binaire-space"),
    ("Não-binário", "non_binary_or_other", "gender:nao-binario-hyphen"),
    ("Other", "non_binary_or_other", "gender:other"),
    ("Autre", "non_binary_or_other", "gender:autre"),
    ("Otro", "non_binary_or_other", "gender:otro"),
    ("Prefer not to say", "prefer_not_to_say", "gender:prefer-not-to-say"),
    ("Je préfère ne pas répondre", "prefer_not_to_say", "gender:je-prefere-ne-pas-repondre"),
    ("Je prefere ne pas repondre", "prefer_not_to_say", "gender:je-prefere-ne-pas-repondre"),
    ("Prefiero no decirlo", "prefer_not_to_say", "gender:prefiero-no-decirlo"),
    ("Prefiro não dizer", "prefer_not_to_say", "gender:prefiro-nao-dizer"),
    ("", "unknown", "empty"),
    ("   ", "unknown", "empty"),
    ("--", "unknown", "empty"),
    (None, "unknown", "empty"),
    (float("nan"), "unknown", "empty"),
    ("N/A", "unknown", "gender:na"),
    ("Male/Female", "unknown", "none"),
    ("she/her", "unknown", "none"),
    ("Mr", "unknown", "none"),
]


@pytest.mark.parametrize(("raw", "code", "rule"), GENDER_CASES)
def test_classify_gender(raw, code, rule):
    assert classify_gender(raw) == Classification(code, rule)
    assert normalize_gender(raw) == code


def test_gender_codes_and_labels():
    assert len(GENDER_CASES) >= 30
    assert list(GENDER_LABELS) == [
        "female",
        "male",
        "non_binary_or_other",
        "prefer_not_to_say",
        "unknown",
    ]
    with classify.GENDER_TERMS.open(encoding="utf-8", newline="") as fh:
        assert {row["gender"] for row in csv.DictReader(fh)} == set(GENDER_LABELS)


# -- note-taker bots ---------------------------------------------------------------------
BOT_CASES = [
    ("Awlya's Notetaker (Otter.ai)", "awlya.zengin.335@sunmeadow.net", "bot:otter.ai"),
    ("Bergljót Chloé’s Notetaker (Otter.ai)", "", "bot:otter.ai"),
    ("Otter.ai", "", "bot:otter.ai"),
    ("OtterPilot", "", "bot:otterpilot"),
    ("Fireflies.ai Notetaker Sibusisiwe", "sibusisiwe.hoare.277@example.org", "bot:fireflies"),
    ("Fred", "fred@fireflies.ai", "domain:fireflies.ai"),
    ("Ana", "ana@otter.ai", "domain:otter.ai"),
    ("Notetaker", "", "bot:notetaker"),
    ("Fathom Notetaker", "", "bot:notetaker"),
    ("Jane's note taker", "", "bot:possessive-note-taker"),
    ("Read.ai meeting notes", "", "bot:read.ai"),
    ("Read AI", "", "bot:read.ai"),
    ("tl;dv", "", "bot:tldv"),
    ("Avoma Assistant", "", "bot:avoma"),
    ("Sembly AI", "", "bot:sembly"),
    ("Tactiq", "", "bot:tactiq"),
    ("MeetGeek", "", "bot:meetgeek"),
    ("Zoom AI Companion", "", "bot:ai-assistant"),
    ("Meeting Bot", "", "bot:meeting-bot"),
    ("Grain Recorder", "", "vendor:grain"),
    ("Bluedot Recorder", "", "vendor:bluedot"),
    ("Otter Assistant", "", "vendor:otter"),
    ("Krisp Bot", "", "vendor:krisp"),
    ("Jamie AI", "", "vendor:jamie"),
    # people: vendor names that are words, given names or surnames, without context
    ("Anna Grain", "anna.grain@who.int", ""),
    ("Grain", "", ""),
    ("Fathom", "", ""),
    ("Hans Otter", "hans.otter@bund.de", ""),
    ("Jamie Smith", "jamie.smith@example.org", ""),
    ("Anna Bot", "anna.bot@example.nl", ""),
    ("Maria Lopez (note taker)", "", ""),
    ("Reading Group", "", ""),
    ("", "", ""),
]


@pytest.mark.parametrize(("name", "email", "rule"), BOT_CASES)
def test_bot_rule(name, email, rule):
    assert bot_rule(name, email) == rule
    assert is_bot(name, email) is bool(rule)


def test_bots_in_the_real_zoom_webinar_sample():
    """The 2026 attendee report: 1,074 attendee rows, 9 of them from 5 note-takers."""
    path = SAMPLES / "zoom_webinar_attendee_2.csv"
    assert path.exists(), f"committed sample {path.name} is missing from tests/samples"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = max(
        i for i, r in enumerate(rows) if r[:2] == ["Attended", "User Name (Original Name)"]
    )
    body = [r for r in rows[header + 1 :] if len(r) >= 5]
    bots = [r for r in body if is_bot(r[1], r[4])]
    assert len(body) == 1074
    assert len(bots) == 9
    assert sorted({r[1] for r in bots}) == [
        "Agnese's Notetaker (Otter.ai)",
        "Awlya's Notetaker (Otter.ai)",
        "Bergljót Chloé's Notetaker (Otter.ai)",
        "Fireflies.ai Notetaker Sibusisiwe",
        "Tracey's Notetaker (Otter.ai)",
    ]
