//! An SVG chart of the margin per unit of each channel over 2025–2026, for the two exporters of
//! the `pivot` example (a Yiwu toy exporter and a Shenzhen charger exporter).
//!
//! * `cargo run --example chart`: writes `target/pivot_margins.svg`.
//! * `cargo run --example chart -- margins.svg`: writes to the path given.
//!
//! The margins are exact decimals in the library; they become floating-point numbers here only
//! as drawing coordinates. The colours are the Okabe–Ito palette, told apart with colour-vision
//! deficiencies, and each channel also has its own point marker; dashed lines mark the policy
//! events of the period.

use std::process::ExitCode;

use chrono::NaiveDate;
use landed_cost::trade::{Channel, ChannelModel};
use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;

#[path = "common/exporters.rs"]
mod exporters;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/pivot_margins.svg".to_owned());
    match run(&path) {
        Ok(()) => {
            println!("wrote {path}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The Okabe–Ito colours: blue, vermillion, bluish green, and grey for the events.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);
const GREY: RGBColor = RGBColor(90, 90, 90);

/// The policy events marked on the chart: a date (or a period) and its label.
const EVENTS: [(&str, Option<&str>, &str); 4] = [
    ("2025-04-10", Some("2025-05-14"), "reciprocal 125%"),
    ("2025-05-02", None, "de minimis ends (CN)"),
    ("2026-02-20", None, "IEEPA ruling"),
    ("2026-07-24", None, "forced-labor 301"),
];

/// A date's position on the x axis (fractional between the monthly dates).
fn position(dates: &[NaiveDate], day: NaiveDate) -> f64 {
    let index = dates.partition_point(|d| *d <= day);
    let (Some(i), Some(next)) = (index.checked_sub(1), dates.get(index)) else {
        return if index == 0 {
            0.0
        } else {
            f64::from(u32::try_from(dates.len().saturating_sub(1)).unwrap_or(0))
        };
    };
    let Some(here) = dates.get(i) else { return 0.0 };
    let span = (*next - *here).num_days().max(1);
    let into = (day - *here).num_days();
    f64::from(u32::try_from(i).unwrap_or(0))
        + f64::from(i32::try_from(into).unwrap_or(0)) / f64::from(i32::try_from(span).unwrap_or(1))
}

/// One line of the chart: a channel's margin (CNY per unit) on each date.
struct Series {
    channel: Channel,
    points: Vec<(f64, f64)>,
}

/// A channel's point marker: a circle, a triangle or a square.
fn marker<DB: DrawingBackend>(
    channel: Channel,
    at: (i32, i32),
    color: RGBColor,
) -> DynElement<'static, DB, (i32, i32)> {
    match channel {
        Channel::ExportB2b => Circle::new(at, 4, color.filled()).into_dyn(),
        Channel::CrossBorderB2c => TriangleMarker::new(at, 5, color.filled()).into_dyn(),
        _ => {
            Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], color.filled()).into_dyn()
        }
    }
}

fn run(path: &str) -> Result<(), String> {
    let model = ChannelModel::embedded();
    let cases = exporters::cases().map_err(|e| e.to_string())?;
    let dates = exporters::dates()?;
    let root = SVGBackend::new(path, (1100, 900)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let areas = root.split_evenly((cases.len(), 1));
    for (case, area) in cases.iter().zip(areas.iter()) {
        let product = case.product()?;
        let pivot = model
            .pivot(product, &dates, &case.assumptions, None)
            .map_err(|e| e.to_string())?;
        let mut series: Vec<Series> = Vec::new();
        for (i, point) in pivot.points.iter().enumerate() {
            for m in &point.margins {
                let y = m.margin.amount().to_f64().ok_or("margin out of range")?;
                let x = f64::from(u32::try_from(i).map_err(|e| e.to_string())?);
                match series.iter_mut().find(|s| s.channel == m.channel) {
                    Some(s) => s.points.push((x, y)),
                    None => series.push(Series {
                        channel: m.channel,
                        points: vec![(x, y)],
                    }),
                }
            }
        }
        let ys = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
        let (lo, hi) = ys.fold((0.0f64, 0.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
        // A band above the highest margin for the event labels.
        let band = (hi - lo) * 0.22 + 5.0;
        let last =
            f64::from(u32::try_from(dates.len().saturating_sub(1)).map_err(|e| e.to_string())?);
        let caption = format!(
            "{} ({}): {} {}, margin per unit (CNY)",
            case.exporter.name, case.exporter.province, product.hs, product.description
        );
        let mut chart = ChartBuilder::on(area)
            .caption(caption, ("sans-serif", 20))
            .margin(14)
            .x_label_area_size(52)
            .y_label_area_size(72)
            .build_cartesian_2d(0f64..last, (lo - 5.0)..(hi + band))
            .map_err(|e| e.to_string())?;
        let label_dates = dates.clone();
        chart
            .configure_mesh()
            .x_labels(dates.len())
            .x_label_formatter(&move |x| {
                // Whole-number positions are dates; label every third month.
                let i = x.round().to_u32().and_then(|i| usize::try_from(i).ok());
                match i.and_then(|i| label_dates.get(i).map(|d| (i, d))) {
                    Some((i, d)) if i % 3 == 0 => d.format("%Y-%m").to_string(),
                    _ => String::new(),
                }
            })
            .x_desc("US entry date (the 15th of each month)")
            .y_desc("margin per unit (CNY)")
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(|e| e.to_string())?;
        // The events: a shaded period or a dashed line, with its label at the top.
        let (y_lo, y_hi) = (lo - 5.0, hi + band);
        for (i, (from, until, label)) in EVENTS.iter().enumerate() {
            let start = position(&dates, from.parse().map_err(|e| format!("{from}: {e}"))?);
            if let Some(until) = until {
                let end = position(&dates, until.parse().map_err(|e| format!("{until}: {e}"))?);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(start, y_lo), (end, y_hi)],
                        GREY.mix(0.15).filled(),
                    )))
                    .map_err(|e| e.to_string())?;
            } else {
                let steps = 24;
                for k in (0..steps).step_by(2) {
                    let y = |k: i32| y_lo + (y_hi - y_lo) * f64::from(k) / f64::from(steps);
                    chart
                        .draw_series(LineSeries::new(
                            vec![(start, y(k)), (start, y(k + 1))],
                            GREY.stroke_width(1),
                        ))
                        .map_err(|e| e.to_string())?;
                }
            }
            // Labels alternate between two heights so neighbours do not overlap.
            let row = if i % 2 == 0 { 0.8 } else { 0.4 };
            chart
                .draw_series(std::iter::once(Text::new(
                    (*label).to_owned(),
                    (start + 0.1, hi + band * row),
                    ("sans-serif", 13).into_font().color(&GREY),
                )))
                .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, 0.0), (last, 0.0)],
                BLACK.mix(0.4),
            ))
            .map_err(|e| e.to_string())?;
        for s in &series {
            let color = match s.channel {
                Channel::ExportB2b => BLUE,
                Channel::CrossBorderB2c => VERMILLION,
                _ => GREEN,
            };
            let channel = s.channel;
            chart
                .draw_series(LineSeries::new(s.points.clone(), color.stroke_width(3)))
                .map_err(|e| e.to_string())?
                .label(s.channel.to_string())
                .legend(move |(x, y)| {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (22, 0)], color.stroke_width(3))
                        + marker(channel, (11, 0), color)
                });
            chart
                .draw_series(
                    s.points
                        .iter()
                        .map(|p| EmptyElement::at(*p) + marker(s.channel, (0, 0), color)),
                )
                .map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerMiddle)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
