//! Half-open time ranges `[from, to)` in Unix milliseconds.

/// A half-open range of instants, `from <= t < to`, in Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    from_ms: i64,
    to_ms: i64,
}

/// The reason a time range was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid time range: from ({from_ms} ms) must be before to ({to_ms} ms)")]
pub struct InvalidTimeRange {
    pub from_ms: i64,
    pub to_ms: i64,
}

impl TimeRange {
    /// Every instant there is.
    pub const ALL: Self = Self { from_ms: i64::MIN, to_ms: i64::MAX };

    pub fn new(from_ms: i64, to_ms: i64) -> Result<Self, InvalidTimeRange> {
        if from_ms < to_ms { Ok(Self { from_ms, to_ms }) } else { Err(InvalidTimeRange { from_ms, to_ms }) }
    }

    /// Builds a range from optional Unix-second bounds, as the HTTP API receives them.
    /// A missing bound is open; `from` must be before `to` when both are given. Bounds too
    /// large to be milliseconds saturate, which can leave an open range empty (a `from`
    /// past the end of time), never inverted.
    pub fn from_unix_seconds(from: Option<i64>, to: Option<i64>) -> Result<Self, InvalidTimeRange> {
        let from_ms = from.map_or(i64::MIN, |s| s.saturating_mul(1000));
        let to_ms = to.map_or(i64::MAX, |s| s.saturating_mul(1000));
        match (from, to) {
            (Some(from), Some(to)) if from >= to => Err(InvalidTimeRange { from_ms, to_ms }),
            _ => Ok(Self { from_ms, to_ms: to_ms.max(from_ms) }),
        }
    }

    pub fn from_ms(&self) -> i64 {
        self.from_ms
    }

    pub fn to_ms(&self) -> i64 {
        self.to_ms
    }

    pub fn contains(&self, instant_ms: i64) -> bool {
        self.from_ms <= instant_ms && instant_ms < self.to_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_inverted_ranges() {
        assert!(TimeRange::new(5, 5).is_err());
        assert!(TimeRange::new(6, 5).is_err());
        assert!(TimeRange::from_unix_seconds(Some(10), Some(10)).is_err());
    }

    #[test]
    fn is_half_open() -> Result<(), InvalidTimeRange> {
        let range = TimeRange::from_unix_seconds(Some(1), Some(2))?;
        assert!(!range.contains(999));
        assert!(range.contains(1000));
        assert!(range.contains(1999));
        assert!(!range.contains(2000));
        Ok(())
    }

    #[test]
    fn saturated_bounds_give_an_empty_range_not_an_error() -> Result<(), InvalidTimeRange> {
        let range = TimeRange::from_unix_seconds(Some(i64::MAX - 1), None)?;
        assert!(!range.contains(i64::MAX - 1) && !range.contains(0));
        assert!(TimeRange::from_unix_seconds(Some(i64::MAX - 1), Some(i64::MAX)).is_ok());
        Ok(())
    }

    #[test]
    fn open_bounds_cover_everything() -> Result<(), InvalidTimeRange> {
        let range = TimeRange::from_unix_seconds(None, Some(i64::MAX))?;
        assert!(range.contains(i64::MIN));
        assert_eq!(range.to_ms(), i64::MAX);
        Ok(())
    }
}
