"""The briefing's sections, one function each, in the order they are printed."""

from __future__ import annotations

import pandas as pd

from .. import metrics
from ..charts.geo import MapData
from ..formatting import (
    MISSING,
    fmt_day,
    fmt_dec,
    fmt_int,
    fmt_pct,
    fmt_text,
    is_missing,
    is_withheld,
    number,
)
from ..report_files import About, sources_words, when
from ..report_files import definitions as report_definitions
from ..reports import ATTENDED_ROW, MEASURED_BY, Summary
from ..theme import WHO_BLUE, WHO_NAVY, region_color, stakeholder_color
from ..vocabulary import BASIS_LABELS, REGION_LABELS, REGION_ORDER
from .document import (
    CAPTION_H,
    CONTENT_W,
    MARGIN,
    MUTED,
    PAGE_W,
    TEXT,
    caption,
    heading,
    image,
    no_data,
    table,
    text,
)
from .plots import group_chart, registrations_chart

NOTE_FILL = "#FFF6E0"
NOTE_EDGE = "#E69F00"
TOP_COUNTRIES = 25


def _noun(summary: Summary) -> str:
    return BASIS_LABELS[summary.basis]


def title_block(pdf, title: str, subtitle: str) -> None:
    text(pdf, 8.5, "PARTICIPATION BRIEFING", bold=True, color=WHO_BLUE, h=4.5)
    pdf.ln(0.8)
    text(pdf, 17, title, bold=True, color=WHO_NAVY, h=7.8)
    pdf.ln(1)
    text(pdf, 9.5, subtitle, color=MUTED, h=4.8)
    pdf.ln(2)
    pdf.set_draw_color(WHO_BLUE)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y(), PAGE_W - MARGIN, pdf.get_y())
    pdf.ln(4)


def note_box(pdf, note: str) -> None:
    pdf.set_fill_color(NOTE_FILL)
    pdf.set_draw_color(NOTE_EDGE)
    pdf.set_line_width(0.35)
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_text_color(TEXT)
    pdf.multi_cell(
        CONTENT_W,
        4.6,
        note,
        border=1,
        fill=True,
        align="L",
        padding=(2.2, 3),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)


def data_line(pdf, about: About) -> None:
    """How recent the data are and where they come from, under the title."""
    text(
        pdf,
        8.5,
        f"Data as of {when(about.data_as_of)}. Sources: {sources_words(about.sources)} "
        f"(listed at the end). Generated {when(about.generated_at)}.",
        color=MUTED,
        h=4.2,
    )
    pdf.ln(3)


def about_section(pdf, about: About) -> None:
    """The filters, the dates, the sources (platform and file name) and the notes."""
    heading(pdf, "About this briefing", keep_with=40)
    rows = [[label, value] for label, value in about.filters]
    rows += [["Generated", when(about.generated_at)], ["Data as of", when(about.data_as_of)]]
    rows += [["Times in", about.time_zone]]
    table(pdf, [], rows, [1, 3], ["LEFT", "LEFT"], size=8)
    pdf.ln(1)
    for note in about.all_notes:
        text(pdf, 7.5, note, color=MUTED, h=3.6)
    heading(pdf, "Sources", keep_with=20)
    text(pdf, 8, sources_words(about.sources)[:1].upper() + sources_words(about.sources)[1:] + ".")
    pdf.ln(1)
    if about.sources.empty:
        no_data(pdf)
        return
    rows = [
        [fmt_text(r.Platform), fmt_text(r.File), _shorten(r.Session), when(r[3])[:-4]]
        for r in about.sources.itertuples(index=False)
    ]
    heads = ["Platform", "File", "Session", "Exported (UTC)"]
    table(pdf, heads, rows, [30, 40, 50, 26], ["LEFT"] * 4, size=7.2, pad=1.2)


def _shorten(words: object, limit: int = 48) -> str:
    words = " ".join(fmt_text(words).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _key_value(figure: str, value: object) -> str:
    if "rate" in figure.lower():
        return fmt_pct(value)
    if isinstance(value, float):
        return fmt_dec(value)
    return fmt_int(value)


def key_figures(pdf, summary: Summary) -> None:
    keys = summary.tables["Key figures"]
    figures = dict(zip(keys["Figure"], keys["Value"], strict=True))
    if pdf.will_page_break(40):  # the headline with its definition and the figures, not alone
        pdf.add_page()
    text(pdf, 15, str(figures.get("Headline", "")), bold=True, color=WHO_NAVY, h=7)
    pdf.ln(1)
    text(pdf, 8, metrics.HELP[summary.basis], color=MUTED, h=3.8)
    if ATTENDED_ROW in figures:
        text(pdf, 8, f"{figures[ATTENDED_ROW]}.", color=MUTED, h=3.8)
    heading(pdf, "Key figures", keep_with=40)
    words = ("Headline", ATTENDED_ROW)
    rows = [[str(f), _key_value(str(f), v)] for f, v in figures.items() if f not in words]
    table(pdf, [], rows, [4, 1], ["LEFT", "RIGHT"], size=8.5, width=120)


def _group_chart(pdf, summary: Summary, name: str, colors: list[str], caption_h: float) -> bool:
    """The heading and the bars of a table of groups (its first column names them), kept on
    one page with `caption_h` mm under them; False, saying so, when the table is empty."""
    groups = summary.tables[name]
    noun = _noun(summary)
    title = f"{noun} {name[0].lower()}{name[1:]}"  # "Attendees by WHO region"
    if groups.empty:
        heading(pdf, title)
        no_data(pdf)
        return False
    png, height = group_chart(
        list(groups.iloc[:, 0]), groups[noun], groups["Share of known"], colors
    )
    heading(pdf, title, keep_with=height + caption_h)
    image(pdf, png, height, caption_h=caption_h)
    return True


def by_region(pdf, summary: Summary) -> None:
    colors = [region_color(code) for code in summary.region_codes]
    if _group_chart(pdf, summary, "By WHO region", colors, CAPTION_H):
        caption(
            pdf,
            "Shares are of people whose WHO region is known; people whose region is unknown "
            "are shown apart and not counted in the shares.",
        )


def _unknown_note(count: object, noun: str) -> str:
    return f" {fmt_int(count)} {noun.lower()} have no resolved country." if count else ""


def countries(pdf, summary: Summary) -> None:
    """The largest countries and territories as a table; the rest summed in the caption."""
    listed = summary.tables["By country"]
    noun = _noun(summary)
    country = listed[listed["ISO3"] != ""]
    unknown = listed.loc[listed["ISO3"] == "", noun]
    no_country = unknown.iloc[0] if len(unknown) else 0  # "<5" in a suppressed briefing
    shown = country.head(TOP_COUNTRIES)
    more = len(country) > len(shown)
    heading(
        pdf,
        f"Top {len(shown)} countries and territories" if more else "Countries and territories",
        keep_with=40,
    )
    if country.empty:
        no_data(pdf)
        return
    rows = [
        [
            str(i),
            fmt_text(r["Country or territory"]),
            fmt_text(r["WHO region"]),
            fmt_text(r["Status"]),
            fmt_int(r[noun]),
            fmt_pct(r["Share of known"]),
        ]
        for i, (_, r) in enumerate(shown.iterrows(), start=1)
    ]
    table(
        pdf,
        ["#", "Country or territory", "WHO region", "Status", noun, "Share"],
        rows,
        [7, 52, 49, 27, 21, 18],
        ["RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"],
    )
    rest = country.iloc[len(shown) :]
    share_note = "Share: of people whose country is known." + _unknown_note(no_country, noun)
    if len(rest):
        # No sum of the rest when some of its counts are suppressed.
        summed = "" if any(map(is_withheld, rest[noun])) else f" ({fmt_int(rest[noun].sum())} "
        summed += f"{noun.lower()})" if summed else ""
        share_note = (
            f"And {len(rest):,} more countries and territories{summed}: see the Excel "
            "workbook. " + share_note
        )
    caption(pdf, share_note)


def by_stakeholder(pdf, summary: Summary) -> None:
    colors = [stakeholder_color(code) for code in summary.stakeholder_codes]
    if not _group_chart(pdf, summary, "By stakeholder type", colors, 0):
        return
    types = summary.tables["By stakeholder type"]
    noun = _noun(summary)
    pdf.ln(2)
    rows = [
        [fmt_text(r["Stakeholder type"]), fmt_int(r[noun]), fmt_pct(r["Share of known"])]
        for _, r in types.iterrows()
    ]
    table(
        pdf,
        ["Stakeholder type", noun, "Share of known"],
        rows,
        [70, 22, 26],
        ["LEFT", "RIGHT", "RIGHT"],
        width=118,
    )
    caption(
        pdf,
        f"Shares are of people whose stakeholder type is known ({MISSING} unknown: not counted "
        "in the shares).",
    )


def type_by_region(pdf, summary: Summary) -> None:
    """Codes as column headings: seven long region names do not fit, the caption names them."""
    cross = summary.tables["Stakeholder type by region"]
    if cross.empty or len(cross.columns) <= 2:
        return  # one region: its one column repeats the stakeholder table above
    heading(pdf, "Stakeholder type by WHO region", keep_with=40)
    order = {code: i for i, code in enumerate(REGION_ORDER)}
    columns = sorted(
        zip(summary.cross_region_codes, cross.columns[1:], strict=True),
        key=lambda pair: order.get(pair[0], len(order)),
    )
    labels = [label for _, label in columns]
    types = summary.tables["By stakeholder type"]
    # A row with suppressed cells takes its total from the type table (suppressed alike).
    totals = dict(zip(types["Stakeholder type"], types[_noun(summary)], strict=True))
    rows = [
        [
            fmt_text(r["Stakeholder type"]),
            *(fmt_int(r[label]) for label in labels),
            fmt_int(
                totals.get(r["Stakeholder type"])
                if any(is_withheld(r[label]) for label in labels)
                else sum(r[label] for label in labels)
            ),
        ]
        for _, r in cross.iterrows()
    ]
    heads = [code if code in REGION_LABELS else "Unknown" for code, _ in columns]
    table(
        pdf,
        ["Stakeholder type", *heads, "Total"],
        rows,
        [58] + [14] * len(labels) + [16],
        ["LEFT"] + ["RIGHT"] * (len(labels) + 1),
    )
    legend = " · ".join(f"{code} {label}" for code, label in columns if code in REGION_LABELS)
    caption(pdf, f"{legend}. Number of {_noun(summary).lower()}.")


def _peak_at(peak: object, day: object) -> str:
    """The peak's minute, without its date when it is the session's own day."""
    if is_missing(peak):
        return fmt_text(peak)
    if not is_missing(day) and str(peak)[:10] == f"{pd.Timestamp(day):%Y-%m-%d}":
        return str(peak)[11:]
    return str(peak)


def sessions(pdf, summary: Summary, time_zone: str | None) -> None:
    listed = summary.tables["Sessions"]
    heading(pdf, "Sessions", keep_with=40)
    if listed.empty:
        no_data(pdf)
        return
    rows = [
        [
            fmt_day(r["Day"], "%d %b"),
            fmt_text(r["Session"]),
            fmt_text(r["Kind"]).capitalize(),
            fmt_int(r["Registrants"]),
            fmt_int(r["Attendees"]),
            fmt_pct(r["Show rate"]),
            *(
                [NOT_MEASURED] * 4
                if _checkin(r)
                else [
                    fmt_dec(r["Average minutes"]),
                    fmt_dec(r["Median minutes"]),
                    fmt_int(r["Peak concurrent"]),
                    _peak_at(r["Peak at"], r["Day"]),
                ]
            ),
        ]
        for _, r in listed.iterrows()
    ]
    heads = ["Day", "Session", "Kind", "Registrants", "Attendees", "Show rate"]
    heads += ["Avg min", "Median min", "Peak", "Peak at"]
    table(
        pdf,
        heads,
        rows,
        [15, 50, 20, 15, 15, 13, 11, 13, 12, 11],
        ["LEFT", "LEFT", "LEFT"] + ["RIGHT"] * 7,
        size=7.2,
        nowrap=(0,),
        pad=1.2,
    )
    zone = f" Times in {time_zone}." if time_zone else ""
    checkins = (
        f" {NOT_MEASURED}: not measured, the session's attendance is a check-in list (a badge "
        "scan is an arrival, not a stay)."
        if any(_checkin(r) for _, r in listed.iterrows())
        else ""
    )
    caption(
        pdf,
        "Show rate: registrants who attended ÷ registrants. Avg and median min: minutes "
        "attended per person (union of their segments). Peak: most people present in the "
        f"same minute, and that minute.{checkins}{zone}",
    )


NOT_MEASURED = "n/m"


def _checkin(row) -> bool:
    return row.get("Attendance measured by") == MEASURED_BY[True]


def registrations(pdf, summary: Summary) -> None:
    regs = summary.tables["Registrations by day"]
    if regs.empty:
        return
    event_days = [pd.Timestamp(d) for d in summary.tables["Sessions"]["Day"].dropna()]
    png, height = registrations_chart(regs, event_days)
    new = regs["New registrants"].map(number)
    heading(pdf, "Registrations by day", keep_with=height + CAPTION_H)
    image(pdf, png, height)
    if any(map(is_withheld, regs["New registrants"])):
        caption(
            pdf, "Days with few registrations are not drawn (suppressed). Shaded: the event's days."
        )
        return
    caption(
        pdf,
        f"{fmt_int(new.sum())} registrants in all, first registration "
        f"{fmt_day(regs['Day'].min())}, busiest day {fmt_day(regs.loc[new.idxmax(), 'Day'])} "
        f"({fmt_int(new.max())}). Shaded: the event's days.",
    )


def not_reached(pdf, summary: Summary) -> None:
    """The Member States of the selected regions nobody came from, by region."""
    missing = summary.tables["Member States not reached"]
    total = summary.member_states_total
    heading(pdf, f"Member States not reached ({len(missing):,} of {total:,})", keep_with=20)
    if missing.empty:
        text(pdf, 9, f"Every one of the {total:,} Member States is reached in this selection.")
        return
    pdf.set_text_color(TEXT)
    for label, group in missing.groupby("WHO region", sort=False):
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.write(4.3, f"{label} ({len(group)}): ")
        pdf.set_font("DejaVu", "", 8.5)
        pdf.write(4.3, ", ".join(group["Member State"]) + ".")
        pdf.ln(5.4)


def map_page(pdf, data: MapData, dated: bool = True) -> None:
    """The map of the selection on the first page: the picture (map and legend, drawn by
    charts.map_export like the Map page's PNG), then its source, date and disclaimer as text;
    `dated=False` when the line under the title has already said "Data as of"."""
    import io
    import struct

    from ..charts.geo import DISCLAIMER, MAP_PRODUCTION
    from ..charts.map_export import render_cached

    heading(pdf, f"{data.measure.capitalize()} by country", keep_with=60)
    png = render_cached(data, "png", dpi=300, framed=False, width_in=7.0)
    width_px, height_px = struct.unpack(">II", png[16:24])  # the PNG header's IHDR chunk
    image(pdf, io.BytesIO(png), CONTENT_W * height_px / width_px, caption_h=22)
    source = f"Data source: {data.source}." if data.source else ""
    as_of = f"Data as of {data.data_as_of}." if data.data_as_of and dated else ""
    caption(pdf, " ".join(w for w in (source, as_of, MAP_PRODUCTION) if w))
    caption(pdf, DISCLAIMER)
    pdf.ln(3)  # the headline under it is a new section, not the disclaimer's last line


def definitions(pdf, tables: dict | None = None) -> None:
    """What each figure of the briefing means, where the reader is (the dashboard shows the
    same words as help); `tables`: the summary tables printed beyond the usual ones."""
    heading(pdf, "Definitions", keep_with=30)
    pdf.set_text_color(TEXT)
    for term, words in report_definitions(tables):
        # each definition whole on one page: a footer in mid-sentence reads as part of it
        pdf.set_font("DejaVu", "B", 8)
        lines = pdf.multi_cell(CONTENT_W, 3.9, f"{term}: {words}", dry_run=True, output="LINES")
        if pdf.will_page_break(len(lines) * 3.9 + 1.3):
            pdf.add_page()
        pdf.write(3.9, f"{term}: ")
        pdf.set_font("DejaVu", "", 8)
        pdf.write(3.9, words)
        pdf.ln(5.2)
