"""Small-count suppression of aggregate downloads: exact cells, on hand-made counts and on the
hand-written Test Conference (tests/conftest.py) imported by the real import code."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from engagement import audit, queries, reports, safe_export, settings, suppress

H = suppress.HIDDEN


def runner(con):
    def run(name, selection=None, **params):
        return queries.run(con, name, selection, **params)

    return run


def test_primary_is_below_k_and_zero_is_shown():
    primary, secondary = suppress.protect([12, 4, 0, 5, 1], [], 5)
    assert (primary, secondary) == ({1, 4}, set())


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it():
    # total 31 is published elsewhere: 3 alone would be 31 - 12 - 7 - 9
    assert suppress.protect([12, 3, 7, 9], [range(4)], 5) == ({1}, {2})
    # a non-zero count is preferred to a zero as the second hidden cell
    assert suppress.protect([12, 3, 0, 9], [range(4)], 5) == ({1}, {3})
    # two hidden already: nothing to add
    assert suppress.protect([2, 3, 40], [range(3)], 5) == ({0, 1}, set())


def test_secondary_suppression_runs_through_rows_and_columns():
    # 2 x 3 table, rows and columns totals published:
    #   20  2  9
    #   30 11 40
    values = [20, 2, 9, 30, 11, 40]
    rows = [[0, 1, 2], [3, 4, 5]]
    cols = [[0, 3], [1, 4], [2, 5]]
    primary, secondary = suppress.protect(values, rows + cols, 5)
    # 2 alone in row 0 -> 9 hidden; columns 1 and 2 then each hold one -> 11 and 40; row 1
    # then holds two. Every row and column has 0 or at least 2 hidden cells.
    assert (primary, secondary) == ({1}, {2, 4, 5})


def test_test_conference_at_k_3(testconf_db):
    full = reports.summary(runner(testconf_db), queries.Selection("testconf"), "registrants")
    safe = suppress.summary(full, 3)
    t = safe.tables
    keys = dict(zip(t["Key figures"]["Figure"], t["Key figures"]["Value"], strict=True))
    # 6 registrants, 4 of them attended: the 2 no-shows would be 6 - 4
    assert keys["Registrants"] == 6
    assert (keys["Registrants who attended"], keys["Show rate"]) == (H, H)
    assert keys["People with a resolved country"] == 6
    assert t["By country"]["Registrants"].tolist() == ["<3"] * 6
    assert t["By country"]["Share of known"].tolist() == [H] * 6
    assert t["By WHO region"]["Registrants"].tolist() == ["<3"] * 4
    cross = t["Stakeholder type by region"]
    # columns in WHO region order, rows in the type table's order
    assert list(cross.columns[1:]) == [
        "African Region",
        "Region of the Americas",
        "European Region",
        "Western Pacific Region",
    ]
    assert cross.iloc[:, 1:].values.tolist() == [
        # each row's total (the type) and column's total (the region) is "<3" too
        [0, 0, "<3", "<3"],
        [0, "<3", 0, 0],
        ["<3", 0, 0, 0],
        [0, 0, "<3", 0],
        ["<3", 0, 0, 0],
    ]
    assert (
        t["Registrations by day"][["New registrants", "Cumulative"]].values.tolist()
        == [["<3", H]] * 4
    )
    sessions = t["Sessions"]
    assert sessions[
        ["Registrants", "Attendees", "Show rate", "Peak concurrent"]
    ].values.tolist() == [
        [5, 5, 0.6, 4],
        ["<3", 3, H, 3],
    ]
    # the on-screen tables are not touched
    assert full.tables["By country"]["Registrants"].tolist() == [1] * 6
    assert full.tables["Sessions"]["Registrants"].tolist() == [5, 2]


def test_default_k_5_and_the_people_counted(testconf_db):
    full = reports.summary(runner(testconf_db), queries.Selection("testconf"), "attendees")
    t = suppress.summary(full, settings.suppression_k(testconf_db)).tables
    keys = dict(zip(t["Key figures"]["Figure"], t["Key figures"]["Value"], strict=True))
    assert keys["People counted (attendees)"] == 6
    assert keys["Registrants who attended"] == "<5"
    assert t["Sessions"][["Attendees", "Average minutes", "Median minutes"]].values.tolist() == [
        [5, 112.4, 145.0],
        ["<5", H, H],
    ]


def test_a_configured_k_is_used(testconf_db):
    settings.put(testconf_db, audit.CLI, "suppression_k", 7)
    k = settings.suppression_k(testconf_db)
    full = reports.summary(runner(testconf_db), queries.Selection("testconf"), "attendees")
    keys = suppress.summary(full, k).tables["Key figures"]
    figures = dict(zip(keys["Figure"], keys["Value"], strict=True))
    assert figures["People counted (attendees)"] == "<7"
    assert figures["Headline"] == "<7 participants from 6 Member States across three WHO regions"
    assert figures["Average minutes attended per person and session"] == H


def test_downloads_say_so(testconf_db):
    full = reports.summary(runner(testconf_db), queries.Selection("testconf"), "registrants")
    safe = suppress.summary(full, 5)
    table = suppress.with_note(safe.tables["By WHO region"], 5)
    rows = pd.read_csv(io.BytesIO(reports.to_csv(table)), dtype=str, keep_default_na=False)
    assert rows.iloc[-1].tolist() == [suppress.note(5), "", ""]
    assert suppress.note(5).startswith("Counts below 5 are shown as <5;")
    book = openpyxl.load_workbook(
        io.BytesIO(safe_export.to_excel_bytes(safe.tables, [suppress.note(5)]))
    )
    assert book["About"]["A2"].value == suppress.note(5)
    assert book["Sessions"]["D2"].value == 5  # a shown count stays a number
    assert book["Sessions"]["D3"].value == "<5"


def test_briefing_says_so_and_shows_the_marks(testconf_db, tmp_path):
    from engagement import pdf
    from tests.test_pdf import text_of

    full = reports.summary(runner(testconf_db), queries.Selection("testconf"), "attendees")
    sessions = queries.run(testconf_db, "sessions_list", event_id="testconf")
    words = pdf.selection_words(queries.Selection("testconf"), sessions, "attendees")
    data = pdf.briefing_pdf(suppress.summary(full, 5), "Test Conference", words, suppress.note(5))
    text = text_of(data, tmp_path)
    assert "Counts below 5 are shown as <5;" in text
    # pdftotext reads the figure columns apart from the words: counts of 5 shown, below hidden
    assert "Plenary 5 5 60.0 % 112.4 145.0 <5 13:05 Panel <5 <5 hidden hidden hidden <5" in text


def hand_made(cross: list[list[int]]) -> reports.Summary:
    """40 attendees: Nigeria 20, Ghana 3, Kenya 6 (African Region 29), France 11 (European
    Region 11); government 25, academia 15; `cross` is type (rows) by AFR, EUR."""
    figures = {
        "Headline": "40 participants from 4 Member States across two WHO regions",
        "Registrants": 45,
        "Unique attendees": 40,
        "Registrants who attended": 38,
        "Show rate": 0.8444,
        "People counted (attendees)": 40,
        "Average minutes attended per person and session": 50.0,
        "People with a resolved country": 40,
        "People whose country comes from the platform": 0,
        "People with a known stakeholder type": 40,
    }
    keys = pd.DataFrame({"Figure": list(figures), "Value": list(figures.values())})
    afr, eur = "African Region", "European Region"
    country = pd.DataFrame(
        {
            "Country or territory": ["Nigeria", "Ghana", "Kenya", "France"],
            "ISO3": ["NGA", "GHA", "KEN", "FRA"],
            "WHO region": [afr, afr, afr, eur],
            "Status": ["Member State"] * 4,
            "Attendees": [20, 3, 6, 11],
            "Share of known": [0.5, 0.075, 0.15, 0.275],
        }
    )
    region = pd.DataFrame(
        {"WHO region": [afr, eur], "Attendees": [29, 11], "Share of known": [0.725, 0.275]}
    )
    types = pd.DataFrame(
        {
            "Stakeholder type": ["Government", "Academia"],
            "Attendees": [25, 15],
            "Share of known": [0.625, 0.375],
        }
    )
    crossed = pd.DataFrame(
        {
            "Stakeholder type": ["Government", "Academia"],
            afr: [r[0] for r in cross],
            eur: [r[1] for r in cross],
        }
    )
    regs = pd.DataFrame({"Day": ["2021-06-01"], "New registrants": [45], "Cumulative": [45]})
    sessions = pd.DataFrame(
        columns=[
            "Day",
            "Session",
            "Kind",
            "Registrants",
            "Attendees",
            "Show rate",
            "Average minutes",
            "Median minutes",
            "Peak concurrent",
            "Peak at",
        ]
    )
    tables = {
        "Key figures": keys,
        "By country": country,
        "By WHO region": region,
        "By stakeholder type": types,
        "Stakeholder type by region": crossed,
        "Registrations by day": regs,
        "Sessions": sessions,
    }
    return reports.Summary(
        "attendees", 194, tables, ("AFR", "EUR"), ("gov", "academia"), ("AFR", "EUR")
    )


def test_a_region_total_does_not_give_back_its_hidden_country():
    safe = suppress.summary(hand_made([[20, 5], [9, 6]]), 5).tables
    # African Region 29 = 20 + Ghana + Kenya: Kenya (6, the next smallest) is hidden with Ghana
    assert safe["By country"]["Attendees"].tolist() == [20, "<5", H, 11]
    assert safe["By country"]["Share of known"].tolist() == [0.5, H, H, 0.275]
    assert safe["By WHO region"]["Attendees"].tolist() == [29, 11]
    assert safe["Stakeholder type by region"].iloc[:, 1:].values.tolist() == [[20, 5], [9, 6]]
    keys = safe["Key figures"].set_index("Figure")["Value"]
    assert (keys["Registrants who attended"], keys["Show rate"]) == (38, 0.8444)


def test_type_by_region_hides_through_rows_and_columns_tied_to_their_totals():
    safe = suppress.summary(hand_made([[21, 4], [8, 7]]), 5).tables
    # 4 alone in the government row (total 25) -> 21; in the EUR column (total 11) -> 7; the
    # academia row then holds one (7) -> 8. The type and region totals stay shown.
    assert safe["Stakeholder type by region"].iloc[:, 1:].values.tolist() == [[H, "<5"], [H, H]]
    assert safe["By stakeholder type"]["Attendees"].tolist() == [25, 15]
    assert safe["By WHO region"]["Attendees"].tolist() == [29, 11]
