"""The breakdowns of issue 10 item 7 (gender, World Bank income group, stakeholder type x WHO
region, speakers and audience): exact figures on a hand-counted conference and on the demo.

The Breakdowns Conference (tests/fixtures/breakdowns_*.csv, one Zoom webinar, 21 June 2021),
imported by the real import code. Registrations (gender as typed -> code; country -> income
group of the reference table; organization type):

    Amina  Woman             MWI low            government  attended
    Ben    Male              IND lower-middle   academia    attended, also a panelist
    Carla  Femme / Female    BRA upper-middle   private     attended
    Dev    Non-binary        DEU high           ngo         attended
    Eli    Prefer not to say ETH not classified government  attended
    Fay    (blank)           KEN lower-middle   ngo         attended
    Gus    M                 CHE high           academia    absent
    Hana   F                 GRL high (not a Member State) private  attended (Zoom: Denmark)
    Ivo    Woman             Atlantis (unknown) (none)      attended
    Jo     female            NIU (no WB group)  government  absent
    Kim    Man               VEN                academia    cancelled: never counted
    Lea    Female            MWI low            ngo         attended
    the host   (no registration; Zoom: Switzerland)  host
    Pat Panel  (no registration; Zoom: Kenya)        panelist

Registrants: the 11 approved. Attendees: 11 (host, Pat, Ben, Amina, Carla, Dev, Eli, Fay, Hana,
Ivo, Lea).
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import FIXTURES, import_path

from engagement import breakdowns, charts, db, queries, reports, suppress
from engagement.vocabulary import GENDER_ORDER, INCOME_ORDER

ALL = queries.Selection("bdconf")


@pytest.fixture(scope="module")
def bd(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("bd") / "bd.duckdb")
    con.execute(
        "insert into events values ('bdconf', 'Breakdowns Conference', 'Europe/Zurich', "
        "'2021-06-21', '2021-06-21', 'virtual', false)"
    )
    for name in ("breakdowns_registration.csv", "breakdowns_attendee.csv"):
        assert import_path(con, FIXTURES / name, "bdconf").status == "imported"
    yield con
    con.close()


def counts(df: pd.DataFrame, key: str) -> dict:
    return dict(zip(df[key], df["people"], strict=True))


def test_gender_attendees(bd):
    df = queries.run(bd, "gender", ALL, basis="attendees")
    assert list(df["gender"]) == list(GENDER_ORDER)
    # women: Amina Carla Hana Ivo Lea; man: Ben; unknown: Fay (blank), the host, Pat
    assert counts(df, "gender") == {
        "female": 5,
        "male": 1,
        "non_binary_or_other": 1,
        "prefer_not_to_say": 1,
        "unknown": 3,
    }
    # shares of the 8 who answered, "prefer not to say" being an answer
    assert df["share"].iloc[:4].tolist() == pytest.approx([5 / 8, 1 / 8, 1 / 8, 1 / 8])
    assert pd.isna(df["share"].iloc[4])


def test_gender_registrants(bd):
    df = queries.run(bd, "gender", ALL, basis="registrants")
    # + Jo (female) and Gus (M); Kim cancelled; the host and Pat never registered
    assert counts(df, "gender") == {
        "female": 6,
        "male": 2,
        "non_binary_or_other": 1,
        "prefer_not_to_say": 1,
        "unknown": 1,
    }
    assert df["share"].iloc[0] == pytest.approx(0.6)


def test_gender_by_stakeholder_and_region(bd):
    df = queries.run(bd, "gender_by_stakeholder", ALL, basis="attendees")
    got = {(s, g): n for s, g, n in zip(df["stakeholder"], df["gender"], df["people"], strict=True)}
    assert got == {
        ("academia", "male"): 1,  # Ben
        ("government", "female"): 1,  # Amina
        ("government", "prefer_not_to_say"): 1,  # Eli
        ("ngo", "female"): 1,  # Lea
        ("ngo", "non_binary_or_other"): 1,  # Dev
        ("ngo", "unknown"): 1,  # Fay
        ("private_sector", "female"): 2,  # Carla Hana
        ("unknown", "female"): 1,  # Ivo
        ("unknown", "unknown"): 2,  # the host, Pat
    }
    df = queries.run(bd, "gender_by_region", ALL, basis="attendees")
    got = {(r, g): n for r, g, n in zip(df["who_region"], df["gender"], df["people"], strict=True)}
    assert got == {
        ("AFR", "female"): 2,  # Amina Lea
        ("AFR", "prefer_not_to_say"): 1,  # Eli
        ("AFR", "unknown"): 2,  # Fay Pat
        ("AMR", "female"): 1,  # Carla
        ("EUR", "female"): 1,  # Hana (Greenland)
        ("EUR", "non_binary_or_other"): 1,  # Dev
        ("EUR", "unknown"): 1,  # the host
        ("SEAR", "male"): 1,  # Ben
        ("unknown", "female"): 1,  # Ivo
    }
    afr = df[df["who_region"] == "AFR"].set_index("gender")["share"]
    assert afr["female"] == pytest.approx(2 / 3)  # of the 3 who answered


def test_gender_follows_the_region_filter(bd):
    sel = queries.Selection("bdconf", regions=("AFR",))
    df = queries.run(bd, "gender", sel, basis="attendees")
    assert counts(df, "gender") == {
        "female": 2,
        "male": 0,
        "non_binary_or_other": 0,
        "prefer_not_to_say": 1,
        "unknown": 2,
    }


def test_income_groups(bd):
    df = queries.run(bd, "income_groups", ALL, basis="attendees")
    assert list(df["income_group"]) == list(INCOME_ORDER)
    # low: Amina Lea (MWI); lower-middle: Ben (IND) Fay Pat (KEN); upper-middle: Carla (BRA);
    # high: the host (CHE) Dev (DEU) Hana (GRL, not a Member State); not classified: Eli (ETH)
    assert df["people"].tolist() == [2, 3, 1, 3, 1, 1]
    assert df["member_states"].tolist() == [1, 2, 1, 2, 1, 0]
    assert df["share"].iloc[:5].tolist() == pytest.approx([0.2, 0.3, 0.1, 0.3, 0.1])
    # Member States per group in the reference table: 25 + 49 + 53 + 63 + 4 (ETH VEN, and NIU
    # and COK that the World Bank does not list) = 194
    assert df["member_states_total"].iloc[:5].tolist() == [25, 49, 53, 63, 4]
    df = queries.run(bd, "income_groups", ALL, basis="registrants")
    # registrants: the host and Pat never registered; Gus (CHE, high) and Jo (NIU, which the
    # World Bank does not list: not classified) did, and did not attend
    assert df["people"].tolist() == [2, 2, 1, 3, 2, 1]
    assert df["member_states"].tolist() == [1, 2, 1, 2, 2, 0]


def test_income_groups_count_out_of_the_selected_regions(bd):
    sel = queries.Selection("bdconf", regions=("AFR",))
    df = queries.run(bd, "income_groups", sel, basis="attendees")
    assert df["people"].tolist() == [2, 2, 0, 0, 1, 0]  # Amina Lea | Fay Pat | Eli
    totals = df["member_states_total"].iloc[:5]
    assert int(totals.sum()) == 47  # the African Region's Member States, each in one group
    assert int(totals.iloc[4]) == 1  # Ethiopia is the one the World Bank does not classify


def test_speakers_and_audience(bd):
    df = queries.run(bd, "speakers_audience", ALL).set_index("side")
    # speakers: the host (CHE), Ben (panelist, IND; his attendee seat does not make him
    # audience), Pat (KEN)
    assert df.loc["speaker", "people"] == 3
    assert df.loc["speaker", "member_states"] == 3
    assert df.loc["speaker", "who_regions"] == 3
    assert df.loc["speaker", "member_state_names"] == "India; Kenya; Switzerland"
    # audience: Amina Carla Dev Eli Fay Hana Ivo Lea; Hana's Greenland and Ivo's Atlantis are
    # not Member States
    assert df.loc["audience", "people"] == 8
    assert df.loc["audience", "member_states"] == 5
    assert df.loc["audience", "member_state_names"] == "Brazil; Ethiopia; Germany; Kenya; Malawi"
    only_attendees = queries.Selection("bdconf", roles=("attendee",))
    df = queries.run(bd, "speakers_audience", only_attendees)
    assert df["people"].tolist() == [0, 8]


def test_heatmap_cells_and_suppression(bd):
    cross = queries.run(bd, "stakeholder_by_region", ALL, basis="attendees")
    fig = charts.stakeholder_region_heatmap(cross)
    heat = fig.data[0]
    assert list(heat.y) == [
        "Member State government",
        "Private sector",
        "Academia and research",
        "NGOs and civil society",
        "Unknown",
    ]
    assert list(heat.x) == [
        "African",
        "Americas",
        "South-East<br>Asia",
        "European",
        "No region<br>or unknown",
    ]
    assert [list(r) for r in heat.text] == [
        ["2", "0", "0", "0", "0"],  # Amina Eli
        ["0", "1", "0", "1", "0"],  # Carla | Hana
        ["0", "0", "1", "0", "0"],  # Ben
        ["2", "0", "0", "1", "0"],  # Lea Fay | Dev
        ["1", "0", "0", "1", "1"],  # Pat | the host | Ivo
    ]
    fig = charts.stakeholder_region_heatmap(cross, k=2)
    assert [list(r) for r in fig.data[0].text][2] == ["0", "0", "<2", "0", "0"]
    assert list(fig.data[0].z[2]) == [0, 0, None, 0, 0]  # no colour gives the count away


def run_on(con):
    def run(name, selection=None, **params):
        return queries.run(con, name, selection, **params)

    return run


def test_download_tables(bd):
    t = reports.summary(run_on(bd), ALL, "attendees").tables
    assert t[breakdowns.GENDER]["Attendees"].tolist() == [5, 1, 1, 1, 3]
    assert t[breakdowns.GENDER]["Gender"].tolist()[-1] == "Unknown or not asked"
    by_type = t[breakdowns.GENDER_BY_TYPE]
    assert by_type["Stakeholder type"].tolist() == [
        "Member State government",
        "Private sector",
        "Academia and research",
        "NGOs and civil society",
        "Unknown",
    ]
    assert by_type["Woman"].tolist() == [1, 2, 0, 1, 1]
    assert by_type["Unknown or not asked"].tolist() == [0, 0, 0, 1, 2]
    by_region = t[breakdowns.GENDER_BY_REGION]
    assert by_region["WHO region"].tolist()[0] == "African Region"
    assert by_region["Woman"].tolist() == [2, 1, 0, 1, 1]  # AFR AMR SEAR EUR unknown
    income = t[breakdowns.INCOME]
    assert income["World Bank income group"].tolist()[:2] == ["Low income", "Lower-middle income"]
    assert income["Member States reached"].tolist() == [1, 2, 1, 2, 1, 0]
    sides = t[breakdowns.SIDES]
    assert sides["Attendees"].tolist() == [3, 8]
    assert sides["Member States reached"].tolist() == [3, 5]


def test_download_tables_are_suppressed_with_the_others(bd):
    full = reports.summary(run_on(bd), ALL, "attendees")
    safe = suppress.summary(full, 3).tables
    # primary: every count of 1 or 2 people
    assert safe[breakdowns.GENDER]["Attendees"].tolist()[:4] == [5, "<3", "<3", "<3"]
    sides = safe[breakdowns.SIDES]["Attendees"].tolist()
    assert sides == [3, 8]  # 3 and 8 add up to the 11 attendees: nothing to hide
    income = safe[breakdowns.INCOME]["Attendees"].tolist()
    assert income[0] == "<3" and income[2] == "<3"
    # the share of a hidden count is hidden too
    assert safe[breakdowns.INCOME]["Share of known"].tolist()[0] == suppress.HIDDEN
    # no table lets a hidden count be got back: a sum (people counted, a region, a type, a
    # gender) never has exactly one hidden cell left
    cells, _ = suppress._link(full)
    primary, secondary = suppress.protect(cells.values, cells.groups, 3)
    hidden = primary | secondary
    assert all(len([i for i in g if i in hidden]) != 1 for g in cells.groups)
    for name in (breakdowns.GENDER_BY_TYPE, breakdowns.GENDER_BY_REGION):
        shown = safe[name].iloc[:, 1:].to_numpy().ravel().tolist()
        assert not [v for v in shown if isinstance(v, int) and 0 < v < 3], name


# --- The demo: the same figures by plain SQL on the imported rows --------------------------
DEMO = queries.Selection("wlpf2021")


@pytest.fixture(scope="module")
def demo(demo_db):
    con = db.connect(demo_db)
    yield con
    con.close()


def test_demo_gender_is_the_registration_answer(demo):
    # The demo's attended rule is "any presence": attendees are the people with a human segment.
    plain = demo.sql(
        """
        with answer as (
            select person_key, max(gender) filter (where gender <> 'unknown') as gender
            from registrations where event_id = 'wlpf2021' and not is_bot group by person_key
        ),
        present as (
            select distinct person_key from segments
            where event_id = 'wlpf2021' and not is_bot and leave_utc >= join_utc
        )
        select coalesce(a.gender, 'unknown') as gender, count(*) as people
        from present as p left join answer as a using (person_key)
        group by 1
        """
    ).df()
    df = queries.run(demo, "gender", DEMO, basis="attendees")
    assert counts(df, "gender") == {
        g: int(plain.set_index("gender")["people"].get(g, 0)) for g in GENDER_ORDER
    }
    assert counts(df, "gender") == {
        "female": 970,
        "male": 1041,
        "non_binary_or_other": 11,
        "prefer_not_to_say": 90,
        "unknown": 39,
    }


def test_demo_income_groups_add_up_from_the_countries(demo):
    k = queries.run(demo, "kpis", DEMO, basis="attendees").iloc[0]
    df = queries.run(demo, "income_groups", DEMO, basis="attendees").set_index("income_group")
    assert int(df["people"].sum()) == int(k.people)
    assert int(df["member_states"].sum()) == int(k.member_states) == 127
    assert int(df["member_states_total"].sum()) == 194
    assert int(df.loc["unknown", "people"]) == int(k.people - k.with_country)
    by_country = queries.run(demo, "participants_by_country", DEMO, basis="attendees")
    income = breakdowns.income_of_country()
    per_group = by_country.groupby(by_country["iso3"].map(income))["people"].sum()
    for group in INCOME_ORDER[:-1]:
        assert int(df.loc[group, "people"]) == int(per_group.get(group, 0)), group
    assert df["people"].tolist() == [247, 915, 438, 489, 46, 16]


def test_demo_speakers_are_the_platform_roles(demo):
    plain = demo.sql(
        """
        select count(distinct person_key) from segments
        where event_id = 'wlpf2021' and not is_bot and leave_utc >= join_utc
          and coalesce(platform_role, role) <> 'attendee'
        """
    ).fetchall()[0][0]
    df = queries.run(demo, "speakers_audience", DEMO).set_index("side")
    assert df.loc["speaker", "people"] == plain == 19
    k = queries.run(demo, "kpis", DEMO, basis="attendees").iloc[0]
    assert df["people"].sum() == k.attendees


def test_gender_charts_state_the_unknowns(bd):
    df = queries.run(bd, "gender", ALL, basis="attendees")
    bars = charts.gender_bars(df).data[0]
    assert list(bars.y) == [
        "Woman",
        "Man",
        "Non-binary or another gender",
        "Prefer not to say",
        "Unknown or not asked",
    ]
    assert list(bars.text) == ["5 (62.5 %)", "1 (12.5 %)", "1 (12.5 %)", "1 (12.5 %)", "3"]
    by_region = queries.run(bd, "gender_by_region", ALL, basis="attendees")
    fig = charts.gender_within(by_region, "who_region")
    assert [t.name for t in fig.data] == [
        "Woman",
        "Man",
        "Non-binary or another gender",
        "Prefer not to say",
    ]
    assert fig.data[0].y[0] == "African Region · 3 answered, 2 unknown"
    assert list(fig.data[0].x) == pytest.approx([2 / 3, 1.0, 0.0, 0.5, 1.0])  # of the answers
    empty = queries.run(
        bd, "gender", queries.Selection("bdconf", regions=("WPR",)), basis="attendees"
    )
    assert charts.gender_bars(empty).layout.annotations[0].text == "No data for this selection"


def test_income_and_speaker_charts(bd):
    income = queries.run(bd, "income_groups", ALL, basis="attendees")
    bars = charts.income_bars(income).data[0]
    assert list(bars.y)[0] == "Low income" and list(bars.y)[-1] == "Country unknown"
    assert bars.text[0] == "2 (20.0 %) · 1 of 25 Member States"
    assert bars.text[-1] == "1"
    sides = queries.run(bd, "speakers_audience", ALL)
    bars = charts.speakers_bars(sides).data[0]
    assert list(bars.text) == [
        "3 (27.3 %) from 3 Member States",
        "8 (72.7 %) from 5 Member States",
    ]
