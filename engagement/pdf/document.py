"""The briefing's page: A4 geometry, the fpdf2 document with its footer, and the building blocks
every section uses (text, headings, captions, images, zebra tables)."""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache
from pathlib import Path

from ..theme import MUTED_TEXT, TEXT_COLOR, WHO_BLUE
from ..vocabulary import EMPTY_MESSAGE

# A4 portrait, in mm.
PAGE_W = 210.0
MARGIN = 18.0
CONTENT_W = PAGE_W - 2 * MARGIN
BOTTOM = 20.0  # room for the footer

TEXT = TEXT_COLOR
MUTED = MUTED_TEXT
BLUE = WHO_BLUE
ZEBRA = "#F2F6F9"
RULE = "#C9D3DD"

HEADING_H = 12.0  # space above + line + space below a section heading (see heading)
CAPTION_H = 8.5  # a two-line caption under a chart
WORD_SHARE = 0.4  # the most of a table's width one unbroken word may claim
FOOTER = "Aggregate figures; definitions at the end of this briefing"


def font_dir() -> Path:
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
            self.cell(CONTENT_W * 0.8, 5, f"Generated {self.generated} · {FOOTER}")
            self.cell(CONTENT_W * 0.2, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    return Briefing


def new_pdf(title: str):
    pdf = _document_class()(orientation="P", unit="mm", format="A4")
    fonts = font_dir()
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


def text(pdf, size: float, words: str, *, bold: bool = False, color: str = TEXT, h=None) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(color)
    pdf.multi_cell(CONTENT_W, h or size * 0.48, words, align="L", new_x="LMARGIN", new_y="NEXT")


def heading(pdf, words: str, keep_with: float = 30) -> None:
    """A section heading, moved to the next page with what follows when it would be orphaned."""
    if pdf.will_page_break(HEADING_H + keep_with):
        pdf.add_page()
    pdf.ln(4)
    text(pdf, 12.5, words, bold=True, color=BLUE, h=6.5)
    pdf.ln(1.5)


def caption(pdf, words: str) -> None:
    pdf.ln(0.8)
    text(pdf, 7.5, words, color=MUTED, h=3.6)


def no_data(pdf) -> None:
    text(pdf, 9, EMPTY_MESSAGE + ".", color=MUTED)


def image(pdf, png: io.BytesIO, height: float, caption_h: float = CAPTION_H) -> None:
    """A full-width chart, kept on one page with the caption under it."""
    if pdf.will_page_break(height + caption_h):
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
                if not keep and longest > WORD_SHARE * width:
                    # A word longer than a fair share of the row (a URL in a session title) is
                    # split by fpdf2 across lines in its column's own width: giving it the row
                    # would squeeze every other column below one character, which fpdf2
                    # refuses ("Not enough horizontal space", issue 11 item 6).
                    longest = absolute[i] - 2 * pad - 0.8
                need[i] = max(need[i], longest + 2 * pad + 0.8)
    pdf.set_font("DejaVu", "", size)
    deficit = sum(max(0.0, n - a) for n, a in zip(need, absolute, strict=True))
    slack = [max(0.0, a - n) for n, a in zip(need, absolute, strict=True)]
    if deficit <= 0 or sum(slack) <= 0:
        return absolute
    take = min(1.0, deficit / sum(slack))
    fitted = [n if a < n else a - s * take for a, n, s in zip(absolute, need, slack, strict=True)]
    # A word longer than any room (a URL or a formula in a session title) would push the table
    # off the page (fpdf2 refuses it): shrink to the page; fpdf2 then splits that word.
    total = sum(fitted)
    return fitted if total <= width else [w * width / total for w in fitted]


def table(
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
    ) as drawn:
        for values in ([headings] if headings else []) + rows:
            row = drawn.row()
            for value in values:
                row.cell(value)
    pdf.ln(1)
