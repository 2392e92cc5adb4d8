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

// Each bar sits under its own label, so labels never need cutting and the chart stays readable
// when a phone shrinks it: 400 units wide, shown at most 32rem wide (see the theme's CSS).
const WIDTH: f64 = 400.0;
const LEFT: f64 = 2.0;
const VALUE_WIDTH: f64 = 62.0;
const ROW: f64 = 42.0;
const TOP: f64 = 24.0;
const LABEL_LINE: f64 = 14.0;
const BAR: f64 = 16.0;

/// Renders a horizontal bar chart as an SVG element with a `<title>` and `<desc>`.
/// `id` must be unique within the page (it names the title and description).
pub fn bar_chart(
    id: &str,
    title: &str,
    unit: &str,
    bars: &[Bar],
    reference: Option<&ReferenceLine>,
) -> String {
    let plot = WIDTH - LEFT - VALUE_WIDTH;
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
    let x = |value: f64| LEFT + plot * (value / scale_max).clamp(0.0, 1.0);
    let height = TOP + ROW * bars.len() as f64 + 4.0;

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
            "<g class=\"bar\" data-value=\"{}\"><text class=\"label\" x=\"{LEFT}\" y=\"{:.1}\">{}</text>\
<rect x=\"{LEFT}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{BAR}\"/>\
<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            bar.value,
            y + LABEL_LINE,
            escape(&shorten(&bar.label, 56)),
            y + LABEL_LINE + 5.0,
            (end - LEFT).max(1.0),
            end + 5.0,
            y + LABEL_LINE + 5.0 + BAR - 3.0,
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
            height - 2.0,
            at,
            if at > WIDTH - 110.0 { "end" } else { "middle" },
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
