//! Vietnamese formatting of numbers and values for pages.

/// A number the Vietnamese way: no trailing zeros, a comma as the decimal separator.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",")
    }
}

/// A value with its unit: `95%`, `cấp độ 3`, `15 ngày`.
pub fn format_value(value: f64, unit: &str) -> String {
    let number = format_number(value);
    match unit {
        "%" => format!("{number}%"),
        "cấp độ" | "mức" | "cấp" => format!("{unit} {number}"),
        "" => number,
        _ => format!("{number} {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_values_in_vietnamese() {
        assert_eq!(format_value(95.0, "%"), "95%");
        assert_eq!(format_value(2.5, "%"), "2,5%");
        assert_eq!(format_value(3.0, "cấp độ"), "cấp độ 3");
        assert_eq!(format_value(15.0, "ngày"), "15 ngày");
    }
}
