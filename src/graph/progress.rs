//! Progress: whether a target was met, computed from the values reports record, never typed by hand.

use crate::model::{Better, Comparator, ReportedValue, Target};

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A reported value meets the target.
    Met,
    /// The latest reported value does not meet it.
    NotMet,
    /// No value reported for the target's year or before.
    NoData,
}

impl Progress {
    /// Vietnamese label shown to citizens.
    pub fn label(self) -> &'static str {
        match self {
            Progress::Met => "đạt",
            Progress::NotMet => "chưa đạt",
            Progress::NoData => "chưa có số liệu",
        }
    }

    /// Stable code for CSS classes and open data.
    pub fn code(self) -> &'static str {
        match self {
            Progress::Met => "dat",
            Progress::NotMet => "chua-dat",
            Progress::NoData => "chua-co-so-lieu",
        }
    }
}

/// Whether `value` meets a commitment of `target` compared by `op`; "=" counts as met when the
/// value is at least as good in the indicator's better direction (100% reached, or more).
pub fn meets(value: f64, target: f64, op: Comparator, better: Better) -> bool {
    const EPSILON: f64 = 1e-9;
    let equal = (value - target).abs() < EPSILON;
    match op {
        Comparator::AtLeast => equal || value > target,
        Comparator::Above => !equal && value > target,
        Comparator::AtMost => equal || value < target,
        Comparator::Below => !equal && value < target,
        Comparator::Equal => match better {
            Better::Higher => equal || value > target,
            Better::Lower => equal || value < target,
        },
    }
}

/// The status of `target` given the values reported for the same commune and indicator: the latest
/// value reported for the target's year or earlier decides (`reported` in source order; a later
/// report wins a tie on the year).
pub fn progress<'a>(
    target: &Target,
    better: Better,
    reported: impl IntoIterator<Item = &'a ReportedValue>,
) -> (Progress, Option<&'a ReportedValue>) {
    let latest = reported
        .into_iter()
        .filter(|r| r.indicator == target.indicator && r.year <= target.year)
        .fold(None, |best: Option<&ReportedValue>, r| match best {
            Some(b) if b.year > r.year => Some(b),
            _ => Some(r),
        });
    match latest {
        None => (Progress::NoData, None),
        Some(r) if meets(r.value, target.value, target.op, better) => (Progress::Met, Some(r)),
        Some(r) => (Progress::NotMet, Some(r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(value: f64, op: Comparator, year: i32) -> Target {
        Target {
            indicator: "x".into(),
            value,
            op,
            from: None,
            year,
            quote: None,
        }
    }

    fn reported(value: f64, year: i32) -> ReportedValue {
        ReportedValue {
            indicator: "x".into(),
            value,
            year,
            from: None,
            quote: None,
        }
    }

    #[test]
    fn higher_is_better_with_ties() {
        let t = target(95.0, Comparator::AtLeast, 2030);
        assert_eq!(
            progress(&t, Better::Higher, &[reported(95.0, 2030)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&t, Better::Higher, &[reported(96.5, 2029)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&t, Better::Higher, &[reported(94.9, 2030)]).0,
            Progress::NotMet
        );
        let strictly = target(95.0, Comparator::Above, 2030);
        assert_eq!(
            progress(&strictly, Better::Higher, &[reported(95.0, 2030)]).0,
            Progress::NotMet
        );
        let reach = target(100.0, Comparator::Equal, 2027);
        assert_eq!(
            progress(&reach, Better::Higher, &[reported(100.0, 2027)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&reach, Better::Higher, &[reported(99.0, 2027)]).0,
            Progress::NotMet
        );
    }

    #[test]
    fn lower_is_better_with_ties() {
        let t = target(5.0, Comparator::AtMost, 2026);
        assert_eq!(
            progress(&t, Better::Lower, &[reported(5.0, 2026)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&t, Better::Lower, &[reported(4.0, 2026)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&t, Better::Lower, &[reported(6.0, 2026)]).0,
            Progress::NotMet
        );
        let equal = target(5.0, Comparator::Equal, 2026);
        assert_eq!(
            progress(&equal, Better::Lower, &[reported(3.0, 2026)]).0,
            Progress::Met
        );
        assert_eq!(
            progress(&equal, Better::Lower, &[reported(7.0, 2026)]).0,
            Progress::NotMet
        );
        let below = target(5.0, Comparator::Below, 2026);
        assert_eq!(
            progress(&below, Better::Lower, &[reported(5.0, 2026)]).0,
            Progress::NotMet
        );
    }

    #[test]
    fn missing_data_later_values_and_the_latest_value_win() {
        let t = target(90.0, Comparator::AtLeast, 2027);
        assert_eq!(progress(&t, Better::Higher, &[]).0, Progress::NoData);
        // A value for a later year says nothing about the 2027 deadline.
        assert_eq!(
            progress(&t, Better::Higher, &[reported(99.0, 2028)]).0,
            Progress::NoData
        );
        // The latest value up to the deadline decides, whatever the order of the reports.
        let values = [reported(95.0, 2027), reported(80.0, 2026)];
        let (status, used) = progress(&t, Better::Higher, &values);
        assert_eq!((status, used.map(|r| r.year)), (Progress::Met, Some(2027)));
        // Two values for the same year: the later report wins.
        let values = [reported(95.0, 2027), reported(85.0, 2027)];
        assert_eq!(progress(&t, Better::Higher, &values).0, Progress::NotMet);
        // Values of another indicator do not count.
        let mut other = reported(99.0, 2027);
        other.indicator = "y".into();
        assert_eq!(progress(&t, Better::Higher, &[other]).0, Progress::NoData);
    }
}
