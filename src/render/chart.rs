//! Accessible inline SVG bar charts for indicator pages: one bar per commitment, the national
//! target as a line, values written on the bars; readable without JavaScript and in print.

use super::format::format_value;
use super::markdown::escape;

/// One bar of a chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label on the left (commune, with the year when a commune has several targets).
    pub label: String,
    /// The value.
    pub value: f64,
}

/// A reference line (the national target).
#[derive(Debug, Clone)]
pub struct ReferenceLine {
    /// Where it is drawn.
    pub value: f64,
    /// Its caption.
    pub label: String,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 210.0;
const VALUE_WIDTH: f64 = 56.0;
const ROW: f64 = 30.0;
const TOP: f64 = 28.0;

/// Renders a horizontal bar chart as an SVG element with a `<title>` and `<desc>`.
/// `id` must be unique within the page (it names the title and description).
pub fn bar_chart(
    id: &str,
    title: &str,
    unit: &str,
    bars: &[Bar],
    reference: Option<&ReferenceLine>,
) -> String {
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let max = bars
        .iter()
        .map(|b| b.value)
        .chain(reference.map(|r| r.value))
        .fold(0.0_f64, f64::max);
    let scale_max = if unit == "%" {
        max.max(100.0)
    } else {
        (max * 1.1).max(1.0)
    };
    let x = |value: f64| LABEL_WIDTH + plot * (value / scale_max).clamp(0.0, 1.0);
    let height = TOP + ROW * bars.len() as f64 + 12.0;

    let description = bars
        .iter()
        .map(|bar| format!("{}: {}", bar.label, format_value(bar.value, unit)))
        .chain(reference.map(|r| format!("{}: {}", r.label, format_value(r.value, unit))))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(&description)
    );
    for (index, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * index as f64;
        let end = x(bar.value);
        svg.push_str(&format!(
            "<g class=\"bar\" data-value=\"{}\"><text class=\"label\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
<rect x=\"{LABEL_WIDTH}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\
<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            bar.value,
            LABEL_WIDTH - 8.0,
            y + ROW / 2.0 + 4.0,
            escape(&shorten(&bar.label, 30)),
            y + 5.0,
            (end - LABEL_WIDTH).max(1.0),
            ROW - 10.0,
            end + 6.0,
            y + ROW / 2.0 + 4.0,
            escape(&format_value(bar.value, unit)),
        ));
    }
    if let Some(reference) = reference {
        let at = x(reference.value);
        svg.push_str(&format!(
            "<g class=\"reference\" data-value=\"{}\"><line x1=\"{at:.1}\" x2=\"{at:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
<text x=\"{:.1}\" y=\"14\" text-anchor=\"{}\">{}</text></g>",
            reference.value,
            TOP - 6.0,
            height - 6.0,
            at,
            if at > WIDTH - 150.0 { "end" } else { "middle" },
            escape(&format!(
                "{} {}",
                reference.label,
                format_value(reference.value, unit)
            )),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Cuts a label to `max` characters with an ellipsis (the full text is in the table and `<desc>`).
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_accessible_name_bars_and_reference() {
        let bars = [
            Bar {
                label: "Xã A".into(),
                value: 95.0,
            },
            Bar {
                label: "Phường B & C".into(),
                value: 90.0,
            },
        ];
        let reference = ReferenceLine {
            value: 95.0,
            label: "Mục tiêu quốc gia".into(),
        };
        let svg = bar_chart("c1", "Hài lòng", "%", &bars, Some(&reference));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c1-title\">Hài lòng</title>"));
        assert!(svg.contains("Phường B &amp; C: 90%"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("class=\"reference\""));
    }
}
