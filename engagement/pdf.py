"""The briefing: a PDF summary of the selection (aggregate figures only), fpdf2 + matplotlib.

Input is exactly `reports.summary_tables(...)`, so the PDF, the Excel workbook and the CSVs show
the same figures. No Chrome: matplotlib draws the charts (Agg, PNG) and ships DejaVu Sans, which
fpdf2 embeds (subset) so that any text prints: Côte d'Ivoire, Türkiye, "–", "÷", "…" and whatever
an organizer typed into a session title (the 14 built-in PDF fonts are latin-1 only).
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from . import charts, metrics
from .queries import Selection

# A4 portrait, in mm.
PAGE_W = 210.0
MARGIN = 18.0
CONTENT_W = PAGE_W - 2 * MARGIN
BOTTOM = 20.0  # room for the footer
DPI = 220  # crisp when printed, still fast: charts are a few hundred KB in all

TEXT = charts.TEXT_COLOR
MUTED = charts.MUTED_TEXT
BLUE = charts.WHO_BLUE
NAVY = charts.WHO_NAVY
ZEBRA = "#F2F6F9"
RULE = "#C9D3DD"
NOTE_FILL = "#FFF6E0"
NOTE_EDGE = "#E69F00"

HEADING_H = 12.0  # space above + line + space below a section heading (see _heading)
CAPTION_H = 8.5  # a two-line caption under a chart
TOP_COUNTRIES = 25
SUBTITLE_SESSIONS = 3  # more chosen sessions than this are summarised as "N sessions"
_REGION_CODE = {label: code for code, label in charts.REGION_LABELS.items()}
_STAKEHOLDER_CODE = {label: code for code, label in charts.STAKEHOLDER_LABELS.items()}
_BASIS_WORDS = {"attendees": "attendees counted", "registrants": "registrants counted"}


# --------------------------------------------------------------------------------------------
# Words and numbers
# --------------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def fmt_int(value: object) -> str:
    return "–" if _missing(value) else f"{int(round(float(value))):,}"


def fmt_pct(share: object) -> str:
    """0.1234 -> "12.3 %"; missing -> "–"."""
    return "–" if _missing(share) else f"{float(share) * 100:.1f} %"


def fmt_dec(value: object) -> str:
    return "–" if _missing(value) else f"{float(value):,.1f}"


def _count_share(count: object, share: object) -> str:
    return fmt_int(count) if _missing(share) else f"{fmt_int(count)} ({fmt_pct(share)})"


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def selection_words(selection: Selection, sessions_df: pd.DataFrame, basis: str) -> str:
    """The filters in words, e.g. "All days · all sessions · all regions · ... · attendees
    counted" (sessions_df: the `sessions_list` query, for the titles of chosen sessions)."""
    if selection.days:
        days = ", ".join(f"{pd.Timestamp(d):%a %d %b %Y}" for d in sorted(selection.days))
    else:
        days = "all days"
    if not selection.session_ids:
        sessions = "all sessions"
    elif len(selection.session_ids) > SUBTITLE_SESSIONS:
        sessions = f"{len(selection.session_ids)} sessions"
    else:
        titles = dict(zip(sessions_df["session_id"], sessions_df["title"], strict=True))
        sessions = "; ".join(_shorten(titles.get(s, f"session {s}")) for s in selection.session_ids)
    regions = (
        ", ".join(
            charts.REGION_LABELS.get(r, charts.UNKNOWN_REGION_LABEL) for r in selection.regions
        )
        if selection.regions
        else "all regions"
    )
    types = (
        ", ".join(charts.STAKEHOLDER_LABELS.get(s, s) for s in selection.stakeholders)
        if selection.stakeholders
        else "all stakeholder types"
    )
    words = " · ".join([days, sessions, regions, types, _BASIS_WORDS.get(basis, basis)])
    return words[:1].upper() + words[1:]


def _str(value: object) -> str:
    return "–" if _missing(value) else str(value)


def _day(value: object, weekday: bool = True) -> str:
    if _missing(value):
        return "undated"
    return f"{pd.Timestamp(value):%a %d %b}" if weekday else f"{pd.Timestamp(value):%d %b}"


def _key_value(figure: str, value: object) -> str:
    if "rate" in figure.lower():
        return fmt_pct(value)
    if isinstance(value, float):
        return fmt_dec(value)
    return fmt_int(value)


# --------------------------------------------------------------------------------------------
# Charts (matplotlib, imported when a briefing is built: it costs ~0.7 s at import)
# --------------------------------------------------------------------------------------------


def _figure(height_mm: float, width_mm: float = CONTENT_W):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Figure + FigureCanvasAgg, never pyplot: no global state, safe in Streamlit's download
    # thread, and the Agg (non-interactive) renderer whatever backend the process has.
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(w_pad=0.02, h_pad=0.02)
    return fig


def _png(fig) -> io.BytesIO:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    buffer.seek(0)
    return buffer


def _bar_chart(labels: list[str], values: list[float], texts: list[str], colors: list[str]):
    """Horizontal bars, first label on top, value labels at the bar ends, no axes clutter."""
    height = 8 + 7.2 * len(labels)
    fig = _figure(height)
    ax = fig.add_subplot()
    y = list(range(len(labels)))
    ax.barh(y, values, color=colors, height=0.68)
    ax.set_yticks(y, labels, fontsize=8.5, color=TEXT)
    ax.invert_yaxis()
    top = max(values) if values and max(values) > 0 else 1
    ax.set_xlim(0, top * 1.28)
    for yi, value, text in zip(y, values, texts, strict=True):
        ax.text(value + top * 0.012, yi, text, va="center", fontsize=8, color=TEXT)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(RULE)
    ax.tick_params(axis="y", length=0, pad=4)
    return fig, height


def group_chart(table: pd.DataFrame, label: str, code_of: dict, colors: dict):
    """Bars per group (WHO region, stakeholder type) in the dashboard's colours, each labelled
    "1,234 (12.3 %)"; the table's second column holds the counts."""
    count = table.columns[1]
    palette = [colors.get(code_of.get(x), charts.UNKNOWN_GREY) for x in table[label]]
    texts = [_count_share(n, s) for n, s in zip(table[count], table["Share of known"], strict=True)]
    fig, height = _bar_chart(list(table[label]), [float(v) for v in table[count]], texts, palette)
    return _png(fig), height


def registrations_chart(table: pd.DataFrame, event_days: list) -> tuple[io.BytesIO, float]:
    """New registrants per day (bars) and the running total (line, right axis)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    height = 52.0
    fig = _figure(height)
    ax = fig.add_subplot()
    days = pd.to_datetime(table["Day"])
    if event_days:
        first, last = min(event_days), max(event_days)
        ax.axvspan(
            first - pd.Timedelta(hours=12),
            last + pd.Timedelta(hours=12),
            color=BLUE,
            alpha=0.10,
            lw=0,
        )
        ax.text(
            first - pd.Timedelta(hours=12),
            1.0,
            " event",
            transform=ax.get_xaxis_transform(),
            va="top",
            ha="left",
            fontsize=7.5,
            color=MUTED,
        )
    ax.bar(days, table["New registrants"], width=0.8, color=BLUE, label="New registrants")
    ax.set_ylabel("New registrants", fontsize=8, color=TEXT)
    total = ax.twinx()
    total.plot(days, table["Cumulative"], color=NAVY, lw=1.4, label="Cumulative")
    total.set_ylabel("Cumulative", fontsize=8, color=NAVY)
    # Headroom above the running total, so the line never runs into the "event" label.
    total.set_ylim(0, max(float(table["Cumulative"].max()), 1) * 1.15)
    for axis in (ax, total):
        axis.tick_params(labelsize=7.5, colors=TEXT, length=2)
        axis.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
        for side in ("top",):
            axis.spines[side].set_visible(False)
        for side in ("left", "right", "bottom"):
            axis.spines[side].set_color(RULE)
    for axis in (ax, total):  # whole people only: no "0, 0.5, 1" ticks on a small event
        axis.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.grid(axis="y", color=charts.GRID_COLOR, lw=0.6)
    ax.set_axisbelow(True)
    return _png(fig), height


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@cache
def _document_class():
    # fpdf2 costs ~0.5 s at import: imported when the first briefing is built, not when the
    # Downloads page is shown.
    from fpdf import FPDF

    class Briefing(FPDF):
        generated = ""

        def footer(self) -> None:
            self.set_y(-13)
            self.set_draw_color(RULE)
            self.set_line_width(0.2)
            self.line(MARGIN, self.get_y() - 1.5, PAGE_W - MARGIN, self.get_y() - 1.5)
            self.set_font("DejaVu", "", 7.5)
            self.set_text_color(MUTED)
            self.cell(
                CONTENT_W * 0.8,
                5,
                f"Generated {self.generated} · Aggregate figures; definitions: notes/metrics.md",
            )
            self.cell(CONTENT_W * 0.2, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    return Briefing


def _new_pdf(title: str):
    pdf = _document_class()(orientation="P", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.generated = f"{date.today():%d %B %Y}"
    pdf.set_title(title)
    pdf.set_subject("Participation briefing (aggregate figures)")
    pdf.set_creator("WLPF Engagement Dashboard")
    pdf.set_lang("en")
    pdf.add_page()
    return pdf


def _text(pdf, size: float, text: str, *, bold: bool = False, color: str = TEXT, h=None) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(color)
    pdf.multi_cell(CONTENT_W, h or size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _heading(pdf, text: str, keep_with: float = 30) -> None:
    """A section heading, moved to the next page with what follows when it would be orphaned."""
    if pdf.will_page_break(HEADING_H + keep_with):
        pdf.add_page()
    pdf.ln(4)
    _text(pdf, 12.5, text, bold=True, color=BLUE, h=6.5)
    pdf.ln(1.5)


def _caption(pdf, text: str) -> None:
    pdf.ln(0.8)
    _text(pdf, 7.5, text, color=MUTED, h=3.6)


def _image(pdf, png: io.BytesIO, height: float, caption: float = CAPTION_H) -> None:
    """A full-width chart, kept on one page with the caption under it."""
    if pdf.will_page_break(height + caption):
        pdf.add_page()
    pdf.image(png, x=MARGIN, y=pdf.get_y(), w=CONTENT_W, h=height)
    pdf.set_y(pdf.get_y() + height)


def _fit_widths(pdf, headings, rows, widths, whole, width, size, pad) -> list[float]:
    """Relative widths -> mm, widened so no word is split across lines ("Attendee|s") and no
    figure either ("1,05|8", "100.0|%": right-aligned cells are kept whole); the space comes
    from the columns with room to spare."""
    absolute = [w / sum(widths) * width for w in widths]
    need = [0.0] * len(widths)
    for style, lines in (("B", [headings] if headings else []), ("", rows)):
        pdf.set_font("DejaVu", style, size)
        for values in lines:
            for i, value in enumerate(values):
                keep = style == "" and i in whole
                words = [str(value)] if keep else re.split(r"[\s\u00ad]+", str(value))
                longest = max(pdf.get_string_width(word) for word in words)
                need[i] = max(need[i], longest + 2 * pad + 0.8)
    pdf.set_font("DejaVu", "", size)
    deficit = sum(max(0.0, n - a) for n, a in zip(need, absolute, strict=True))
    slack = [max(0.0, a - n) for n, a in zip(need, absolute, strict=True)]
    if deficit <= 0 or sum(slack) <= 0:
        return absolute
    take = min(1.0, deficit / sum(slack))
    return [n if a < n else a - s * take for a, n, s in zip(absolute, need, slack, strict=True)]


def _table(
    pdf,
    headings: list[str],
    rows: list[list[str]],
    widths: list[float],
    align: list[str],
    *,
    size: float = 8,
    width: float = CONTENT_W,
    nowrap: tuple[int, ...] = (),
    pad: float = 1.6,
) -> None:
    """A zebra table; right-aligned (figure) columns and the `nowrap` ones never wrap."""
    from fpdf.fonts import FontFace

    whole = {i for i, a in enumerate(align) if a == "RIGHT"} | set(nowrap)
    col_widths = _fit_widths(pdf, headings, rows, widths, whole, width, size, pad)
    pdf.set_font("DejaVu", "", size)
    pdf.set_text_color(TEXT)
    pdf.set_draw_color(RULE)
    # Rows the zebra does not fill take the current fill colour: make it white.
    pdf.set_fill_color("#FFFFFF")
    pdf.set_line_width(0.2)
    with pdf.table(
        width=sum(col_widths),
        col_widths=col_widths,
        text_align=align,
        align="LEFT",
        borders_layout="HORIZONTAL_LINES" if headings else "NONE",
        cell_fill_color=ZEBRA,
        cell_fill_mode="ROWS",
        headings_style=FontFace(emphasis="BOLD", color="#FFFFFF", fill_color=BLUE),
        first_row_as_headings=bool(headings),
        line_height=size * 0.45,
        padding=(1.1, pad),
        v_align="MIDDLE",
    ) as table:
        for values in ([headings] if headings else []) + rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(1)


def _no_data(pdf) -> None:
    _text(pdf, 9, charts.EMPTY_MESSAGE + ".", color=MUTED)


def _unknown_note(count: int, noun: str) -> str:
    return f" {count:,} {noun.lower()} have no resolved country." if count else ""


def briefing_pdf(
    tables: dict[str, pd.DataFrame],
    title: str,
    subtitle: str,
    note: str | None = None,
    *,
    time_zone: str | None = None,
) -> bytes:
    """The briefing as PDF bytes. `tables` is `reports.summary_tables(run, selection, basis)`;
    `subtitle` says the filters in words (see `selection_words`); `note` is shown in a box (the
    demo badge); `time_zone` names the zone of the sessions' times (e.g. "CEST, Europe/Zurich")."""
    keys = tables["Key figures"]
    figures = dict(zip(keys["Figure"], keys["Value"], strict=True))
    region = tables["By WHO region"]
    noun = region.columns[1]  # "Attendees" or "Registrants": the basis the caller chose
    basis = "attendees" if noun == "Attendees" else "registrants"

    pdf = _new_pdf(title)

    # Title block
    _text(pdf, 8.5, "PARTICIPATION BRIEFING", bold=True, color=BLUE, h=4.5)
    pdf.ln(0.8)
    _text(pdf, 17, title, bold=True, color=NAVY, h=7.8)
    pdf.ln(1)
    _text(pdf, 9.5, subtitle, color=MUTED, h=4.8)
    pdf.ln(2)
    pdf.set_draw_color(BLUE)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y(), PAGE_W - MARGIN, pdf.get_y())
    pdf.ln(4)

    if note:
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

    # Headline and key figures
    _text(pdf, 15, str(figures.get("Headline", "")), bold=True, color=NAVY, h=7)
    pdf.ln(1)
    _text(pdf, 8, metrics.HELP[basis], color=MUTED, h=3.8)
    _heading(pdf, "Key figures", keep_with=40)
    rows = [[str(f), _key_value(str(f), v)] for f, v in figures.items() if f != "Headline"]
    _table(pdf, [], rows, [4, 1], ["LEFT", "RIGHT"], size=8.5, width=120)

    # By WHO region
    if region.empty:
        _heading(pdf, f"{noun} by WHO region")
        _no_data(pdf)
    else:
        png, height = group_chart(region, "WHO region", _REGION_CODE, charts.REGION_COLORS)
        _heading(pdf, f"{noun} by WHO region", keep_with=height + CAPTION_H)
        _image(pdf, png, height)
        _caption(
            pdf,
            "Shares are of people whose WHO region is known; people whose region is unknown "
            "are shown apart and not counted in the shares.",
        )

    # Top countries
    listed = tables["By country"]
    country = listed[listed["ISO3"] != ""]
    no_country = int(listed.loc[listed["ISO3"] == "", noun].sum())
    shown = country.head(TOP_COUNTRIES)
    more = len(country) > len(shown)
    _heading(
        pdf,
        f"Top {len(shown)} countries and territories" if more else "Countries and territories",
        keep_with=40,
    )
    if country.empty:
        _no_data(pdf)
    else:
        rows = [
            [
                str(i),
                _str(r["Country or territory"]),
                _str(r["WHO region"]),
                _str(r["Status"]),
                fmt_int(r[noun]),
                fmt_pct(r["Share of known"]),
            ]
            for i, (_, r) in enumerate(shown.iterrows(), start=1)
        ]
        _table(
            pdf,
            ["#", "Country or territory", "WHO region", "Status", noun, "Share"],
            rows,
            [7, 52, 49, 27, 21, 18],
            ["RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"],
        )
        rest = country.iloc[len(shown) :]
        if len(rest):
            _caption(
                pdf,
                f"And {len(rest):,} more countries and territories "
                f"({fmt_int(rest[noun].sum())} {noun.lower()}): see the Excel workbook. "
                "Share: of people whose country is known." + _unknown_note(no_country, noun),
            )
        else:
            _caption(
                pdf, "Share: of people whose country is known." + _unknown_note(no_country, noun)
            )

    # Stakeholder types
    types = tables["By stakeholder type"]
    if types.empty:
        _heading(pdf, f"{noun} by stakeholder type")
        _no_data(pdf)
    else:
        png, height = group_chart(
            types, "Stakeholder type", _STAKEHOLDER_CODE, charts.STAKEHOLDER_COLORS
        )
        _heading(pdf, f"{noun} by stakeholder type", keep_with=height)
        _image(pdf, png, height, caption=0)
        pdf.ln(2)
        rows = [
            [_str(r["Stakeholder type"]), fmt_int(r[noun]), fmt_pct(r["Share of known"])]
            for _, r in types.iterrows()
        ]
        _table(
            pdf,
            ["Stakeholder type", noun, "Share of known"],
            rows,
            [70, 22, 26],
            ["LEFT", "RIGHT", "RIGHT"],
            width=118,
        )
        _caption(pdf, "Shares are of people whose stakeholder type is known.")

    # Stakeholder type by region (codes as headings: seven long region names do not fit)
    cross = tables["Stakeholder type by region"]
    if not cross.empty:
        _heading(pdf, "Stakeholder type by WHO region", keep_with=40)
        regions = [c for c in cross.columns if c != "Stakeholder type"]
        order = {label: i for i, label in enumerate(charts.REGION_LABELS.values())}
        regions.sort(key=lambda label: order.get(label, len(order)))
        heads = [_REGION_CODE.get(r, "Unknown") for r in regions]
        rows = [
            [
                _str(r["Stakeholder type"]),
                *(fmt_int(r[c]) for c in regions),
                fmt_int(sum(r[c] for c in regions)),
            ]
            for _, r in cross.iterrows()
        ]
        _table(
            pdf,
            ["Stakeholder type", *heads, "Total"],
            rows,
            [58] + [14] * len(regions) + [16],
            ["LEFT"] + ["RIGHT"] * (len(regions) + 1),
        )
        legend = " · ".join(
            f"{_REGION_CODE[label]} {label}" for label in regions if label in _REGION_CODE
        )
        _caption(pdf, f"{legend}. Number of {noun.lower()}.")

    # Sessions
    sessions = tables["Sessions"]
    _heading(pdf, "Sessions", keep_with=40)
    if sessions.empty:
        _no_data(pdf)
    else:
        rows = []
        for _, r in sessions.iterrows():
            peak = r["Peak at"]
            if not _missing(peak) and not _missing(r["Day"]):
                same_day = str(peak)[:10] == f"{pd.Timestamp(r['Day']):%Y-%m-%d}"
                peak = str(peak)[11:] if same_day else str(peak)
            rows.append(
                [
                    _day(r["Day"], weekday=False),
                    _str(r["Session"]),
                    _str(r["Kind"]).capitalize(),
                    fmt_int(r["Registrants"]),
                    fmt_int(r["Attendees"]),
                    fmt_pct(r["Show rate"]),
                    fmt_dec(r["Average minutes"]),
                    fmt_dec(r["Median minutes"]),
                    fmt_int(r["Peak concurrent"]),
                    "–" if _missing(peak) else str(peak),
                ]
            )
        heads = ["Day", "Session", "Kind", "Registrants", "Attendees", "Show rate"]
        heads += ["Avg min", "Median min", "Peak", "Peak at"]
        _table(
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
        _caption(
            pdf,
            "Show rate: registrants who attended ÷ registrants. Avg and median min: minutes "
            "attended per person (union of their segments). Peak: most people present in the "
            f"same minute, and that minute.{zone}",
        )

    # Registrations by day
    regs = tables["Registrations by day"]
    if not regs.empty:
        event_days = [pd.Timestamp(d) for d in sessions["Day"].dropna()]
        png, height = registrations_chart(regs, event_days)
        new = regs["New registrants"]
        _heading(pdf, "Registrations by day", keep_with=height + CAPTION_H)
        _image(pdf, png, height)
        _caption(
            pdf,
            f"{fmt_int(new.sum())} registrants in all, first registration "
            f"{_day(regs['Day'].min())}, busiest day {_day(regs.loc[new.idxmax(), 'Day'])} "
            f"({fmt_int(new.max())}). Shaded: the event's days.",
        )

    # Member States not reached
    missing = tables["Member States not reached"]
    _heading(pdf, f"Member States not reached ({len(missing):,} of 194)", keep_with=20)
    if missing.empty:
        _text(pdf, 9, "Every WHO Member State is reached in this selection.")
    else:
        pdf.set_text_color(TEXT)
        for label, group in missing.groupby("WHO region", sort=False):
            pdf.set_font("DejaVu", "B", 8.5)
            pdf.write(4.3, f"{label} ({len(group)}): ")
            pdf.set_font("DejaVu", "", 8.5)
            pdf.write(4.3, ", ".join(group["Member State"]) + ".")
            pdf.ln(5.4)

    return bytes(pdf.output())
