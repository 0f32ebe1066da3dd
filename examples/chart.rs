//! An SVG chart of the margin per unit of each channel over 2025–2026, for the two exporters of
//! the `pivot` example (a Yiwu toy exporter and a Shenzhen charger exporter).
//!
//! * `cargo run --example chart`: writes `target/pivot_margins.svg`.
//! * `cargo run --example chart -- margins.svg`: writes to the path given.
//!
//! The margins are exact decimals in the library; they become floating-point numbers here only
//! as drawing coordinates.

use std::process::ExitCode;

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

/// One line of the chart: a channel's margin (CNY per unit) on each date.
struct Series {
    channel: Channel,
    points: Vec<(f64, f64)>,
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
        let last =
            f64::from(u32::try_from(dates.len().saturating_sub(1)).map_err(|e| e.to_string())?);
        let caption = format!(
            "{} ({}): {} {}, margin per unit (CNY)",
            case.exporter.name, case.exporter.province, product.hs, product.description
        );
        let mut chart = ChartBuilder::on(area)
            .caption(caption, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..last, (lo - 5.0)..(hi + 5.0))
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
            .y_desc("CNY per unit")
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, 0.0), (last, 0.0)],
                BLACK.mix(0.4),
            ))
            .map_err(|e| e.to_string())?;
        for s in &series {
            let color = match s.channel {
                Channel::ExportB2b => BLUE,
                Channel::CrossBorderB2c => RED,
                _ => GREEN,
            };
            chart
                .draw_series(LineSeries::new(s.points.clone(), color.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(s.channel.to_string())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerMiddle)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
