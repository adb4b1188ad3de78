"""Render every figure builder from synthetic sample frames to PNG (kaleido) for visual review.

Usage: .venv/bin/python scripts/render_figures.py [OUT_DIR]   (default /tmp/figs)
Needs kaleido >= 1 and a Chromium (Debian's `chromium`, or BROWSER_PATH). Works offline: the
world map geometry is read from static/topojson/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engagement import charts  # noqa: E402
from engagement.vocabulary import REGION_ORDER, STAKEHOLDER_LABELS  # noqa: E402

TZ_LABEL = "CEST, Europe/Zurich"


def sample_countries(rng: np.random.Generator) -> pd.DataFrame:
    """All WHO Member States; about half with participants, skewed like a real event."""
    ms = pd.read_csv(ROOT / "data" / "who_member_states.csv", dtype=str, keep_default_na=False)
    ms = ms[ms["member_type"] == "member"].reset_index(drop=True)
    people = np.where(rng.random(len(ms)) < 0.55, rng.pareto(1.2, len(ms)) * 4 + 1, 0)
    people = people.astype(int)
    # Always exercise the host country, large delegations and small states drawn as dots.
    for iso3, n in {"CHE": 420, "IND": 260, "NGA": 180, "BRA": 95, "SGP": 12, "MLT": 3}.items():
        people[ms.index[ms["iso3"] == iso3][0]] = n
    df = pd.DataFrame(
        {
            "iso3": ms["iso3"],
            "country": ms["who_name"],
            "who_region": ms["who_region"],
            "people": people,
        }
    )
    df["share"] = df["people"] / df["people"].sum()
    return df


def sample_frames() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(2021)
    countries = sample_countries(rng)
    regions = countries.groupby("who_region", as_index=False)["people"].sum()
    regions["share"] = regions["people"] / regions["people"].sum()

    days = pd.date_range("2021-05-10", "2021-06-25", freq="D")
    new = (rng.poisson(12, len(days)) * np.linspace(0.5, 3, len(days))).astype(int)
    registrations = pd.DataFrame(
        {"day": days.date, "new_registrants": new, "cumulative": np.cumsum(new)}
    )

    counts = {
        "government": 612,
        "intergovernmental": 148,
        "private_sector": 391,
        "academia": 287,
        "ngo": 203,
        "philanthropic": 41,
        "finance": 29,
        "media": 17,
        "other": 66,
        "unknown": 188,
    }
    known = sum(v for k, v in counts.items() if k != "unknown")
    stakeholders = pd.DataFrame(
        {
            "stakeholder": list(counts),
            "label": [STAKEHOLDER_LABELS[k] for k in counts],
            "people": list(counts.values()),
            "share": [np.nan if k == "unknown" else v / known for k, v in counts.items()],
        }
    )
    rows = []
    for region in REGION_ORDER:
        weight = rng.uniform(0.4, 1.6)
        for code in counts:
            rows.append(
                {
                    "stakeholder": code,
                    "label": STAKEHOLDER_LABELS[code],
                    "who_region": region,
                    "people": int(counts[code] / 6 * weight * rng.uniform(0.5, 1.5)),
                }
            )
    by_region = pd.DataFrame(rows)

    minutes = pd.date_range("2021-06-21 13:50", "2021-06-21 17:10", freq="min")
    t = np.arange(len(minutes))
    present = 1200 / (1 + np.exp(-(t - 20) / 5)) - np.clip(t - 60, 0, None) * 4.5
    present = np.clip(present + rng.normal(0, 15, len(t)), 0, None).astype(int)
    present[-5:] = [40, 20, 8, 3, 0]
    attendance = pd.DataFrame({"minute": minutes, "present": present})

    per_person = np.clip(rng.normal(120, 55, 1400), 1, 200)
    minutes_df = pd.DataFrame({"minutes": np.round(per_person, 1)})

    left = np.clip(-np.diff(np.concatenate([[0], present])), 0, None)
    leave = pd.DataFrame({"minute": minutes, "left_count": left})
    return {
        "countries": countries,
        "regions": regions,
        "registrations": registrations,
        "stakeholders": stakeholders,
        "by_region": by_region,
        "attendance": attendance,
        "minutes": minutes_df,
        "leave": leave,
    }


def small_figures() -> dict[str, object]:
    """Tiny selections: counts below 5, a region-less row, a three-day registration window."""
    countries = pd.DataFrame(
        {
            "iso3": ["CHE", "NAM", "SGP", "FRA"],
            "country": ["Switzerland", "Namibia", "Singapore", "France"],
            "who_region": ["EUR", "AFR", "WPR", "EUR"],
            "people": [3, 1, 1, 0],
        }
    )
    countries["share"] = countries["people"] / countries["people"].sum()
    regions = pd.DataFrame(
        {"who_region": ["EUR", "AFR", None], "people": [3, 1, 2], "share": [0.75, 0.25, None]}
    )
    registrations = pd.DataFrame(
        {
            "day": pd.to_datetime(["2021-06-19", "2021-06-20", "2021-06-21"]).date,
            "new_registrants": [2, 0, 3],
            "cumulative": [2, 2, 5],
        }
    )
    by_region = pd.DataFrame(
        {
            "stakeholder": ["government", "unknown", "academia"],
            "label": ["Government", "Unknown", "Academia and research"],
            "who_region": ["EUR", None, "AFR"],
            "people": [2, 1, 1],
        }
    )
    minutes = pd.date_range("2021-06-22 09:00", periods=8, freq="min")
    attendance = pd.DataFrame({"minute": minutes, "present": [1, 2, 4, 4, 3, 2, 1, 0]})
    return {
        "small_map": charts.member_state_map(countries),
        "small_region_bars": charts.region_bars(regions),
        "small_registrations": charts.registrations_over_time(registrations, "CEST, Europe/Zurich"),
        "small_stakeholder_by_region": charts.stakeholder_by_region(by_region),
        "small_attendance": charts.attendance_curve(attendance, "CEST, Europe/Zurich"),
        "small_minutes": charts.minutes_histogram(pd.DataFrame({"minutes": [3.0, 5.5, 7.0]})),
    }


def build_figures() -> dict[str, object]:
    f = sample_frames()
    att = f["attendance"]
    peak_row = att.loc[att["present"].idxmax()]
    return {
        "map_people": charts.member_state_map(f["countries"]),
        "map_share": charts.member_state_map(f["countries"], as_share=True),
        "region_bars": charts.region_bars(f["regions"]),
        "registrations_over_time": charts.registrations_over_time(f["registrations"], TZ_LABEL),
        "stakeholder_bars": charts.stakeholder_bars(f["stakeholders"]),
        "stakeholder_by_region": charts.stakeholder_by_region(f["by_region"]),
        "attendance_curve": charts.attendance_curve(
            att, TZ_LABEL, peak_row["minute"], int(peak_row["present"])
        ),
        "minutes_histogram": charts.minutes_histogram(f["minutes"]),
        "leave_curve": charts.leave_curve(f["leave"], TZ_LABEL),
        "empty": charts.region_bars(f["regions"].iloc[0:0]),
        **small_figures(),
        "map_empty": charts.member_state_map(f["countries"].iloc[0:0]),
    }


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/figs")
    out.mkdir(parents=True, exist_ok=True)
    charts.use_local_topojson_for_export()
    figs = build_figures()
    paths = [out / f"{name}.png" for name in figs]
    heights = [fig.layout.height or 450 for fig in figs.values()]
    # One kaleido (Chromium) session for all images: ~2 s start-up instead of per image.
    pio.write_images(list(figs.values()), paths, width=900, height=heights, scale=1.5)
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
