//! Binance candle intervals, and the calendar arithmetic on their open times.

use std::fmt;

use chrono::{DateTime, Datelike, Months, Timelike};

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;
/// The Unix epoch fell on a Thursday; weekly candles open on Mondays.
const MONDAY_OFFSET_MS: i64 = 4 * DAY_MS;

/// A Binance kline interval. `OneMonth` (`1M`) is a calendar month; every other
/// interval has a fixed length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Interval {
    OneMinute,
    ThreeMinutes,
    FiveMinutes,
    FifteenMinutes,
    ThirtyMinutes,
    OneHour,
    TwoHours,
    FourHours,
    SixHours,
    EightHours,
    TwelveHours,
    OneDay,
    ThreeDays,
    OneWeek,
    OneMonth,
}

/// The reason an interval name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid interval {0:?}: expected one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M")]
pub struct InvalidInterval(pub String);

impl Interval {
    /// Every interval, shortest first.
    pub const ALL: [Interval; 15] = [
        Self::OneMinute,
        Self::ThreeMinutes,
        Self::FiveMinutes,
        Self::FifteenMinutes,
        Self::ThirtyMinutes,
        Self::OneHour,
        Self::TwoHours,
        Self::FourHours,
        Self::SixHours,
        Self::EightHours,
        Self::TwelveHours,
        Self::OneDay,
        Self::ThreeDays,
        Self::OneWeek,
        Self::OneMonth,
    ];

    /// Parses Binance's spelling. Case matters: `1m` is a minute, `1M` a month.
    pub fn parse(raw: &str) -> Result<Self, InvalidInterval> {
        Self::ALL.into_iter().find(|interval| interval.as_str() == raw).ok_or_else(|| InvalidInterval(raw.to_owned()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OneMinute => "1m",
            Self::ThreeMinutes => "3m",
            Self::FiveMinutes => "5m",
            Self::FifteenMinutes => "15m",
            Self::ThirtyMinutes => "30m",
            Self::OneHour => "1h",
            Self::TwoHours => "2h",
            Self::FourHours => "4h",
            Self::SixHours => "6h",
            Self::EightHours => "8h",
            Self::TwelveHours => "12h",
            Self::OneDay => "1d",
            Self::ThreeDays => "3d",
            Self::OneWeek => "1w",
            Self::OneMonth => "1M",
        }
    }

    /// The length of one candle in milliseconds, or `None` for the calendar month.
    pub fn fixed_duration_ms(self) -> Option<i64> {
        let ms = match self {
            Self::OneMinute => MINUTE_MS,
            Self::ThreeMinutes => 3 * MINUTE_MS,
            Self::FiveMinutes => 5 * MINUTE_MS,
            Self::FifteenMinutes => 15 * MINUTE_MS,
            Self::ThirtyMinutes => 30 * MINUTE_MS,
            Self::OneHour => HOUR_MS,
            Self::TwoHours => 2 * HOUR_MS,
            Self::FourHours => 4 * HOUR_MS,
            Self::SixHours => 6 * HOUR_MS,
            Self::EightHours => 8 * HOUR_MS,
            Self::TwelveHours => 12 * HOUR_MS,
            Self::OneDay => DAY_MS,
            Self::ThreeDays => 3 * DAY_MS,
            Self::OneWeek => 7 * DAY_MS,
            Self::OneMonth => return None,
        };
        Some(ms)
    }

    /// The nominal length in seconds (a month counts as 30.436875 days, a Gregorian
    /// year over 12), used to annualise per-bar statistics.
    pub fn nominal_seconds(self) -> f64 {
        match self.fixed_duration_ms() {
            Some(ms) => ms as f64 / 1000.0,
            None => 365.2425 * 86_400.0 / 12.0,
        }
    }

    /// Whether a candle of this interval may open at `open_ms`: minutes to days on
    /// multiples of their length since the epoch, `3d` on a day boundary, `1w` on a
    /// Monday 00:00 UTC and `1M` on the first of a month 00:00 UTC.
    pub fn is_aligned(self, open_ms: i64) -> bool {
        match self {
            Self::ThreeDays => open_ms.rem_euclid(DAY_MS) == 0,
            Self::OneWeek => (open_ms - MONDAY_OFFSET_MS).rem_euclid(7 * DAY_MS) == 0,
            Self::OneMonth => DateTime::from_timestamp_millis(open_ms).is_some_and(|t| {
                t.day() == 1 && t.num_seconds_from_midnight() == 0 && t.timestamp_subsec_millis() == 0
            }),
            fixed => fixed.fixed_duration_ms().is_some_and(|length| open_ms.rem_euclid(length) == 0),
        }
    }

    /// The instant the candle that opened at `open_ms` closes, which is also the
    /// next candle's open time. `None` only past the calendar's range.
    pub fn close_time_ms(self, open_ms: i64) -> Option<i64> {
        match self.fixed_duration_ms() {
            Some(length) => open_ms.checked_add(length),
            None => DateTime::from_timestamp_millis(open_ms)
                .and_then(|t| t.checked_add_months(Months::new(1)))
                .map(|t| t.timestamp_millis()),
        }
    }

    /// How many candle steps lie from the candle opening at `earlier_ms` to the one
    /// opening at `later_ms` (both aligned): 1 for neighbours, 0 for the same candle.
    pub fn steps_between(self, earlier_ms: i64, later_ms: i64) -> i64 {
        match self.fixed_duration_ms() {
            Some(length) => (later_ms - earlier_ms).div_euclid(length),
            None => {
                let month_index = |ms: i64| {
                    DateTime::from_timestamp_millis(ms).map_or(0, |t| i64::from(t.year()) * 12 + i64::from(t.month0()))
                };
                month_index(later_ms) - month_index(earlier_ms)
            }
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-01-01 00:00:00 UTC, a Monday.
    const NEW_YEAR_2024_MS: i64 = 1_704_067_200_000;

    #[test]
    fn round_trips_every_name() {
        for interval in Interval::ALL {
            assert_eq!(Interval::parse(interval.as_str()), Ok(interval));
        }
    }

    #[test]
    fn refuses_unknown_names_and_wrong_case() {
        for raw in ["", "2m", "1D", "1H", "1y", "60m", " 1d"] {
            assert_eq!(Interval::parse(raw), Err(InvalidInterval(raw.to_owned())));
        }
        assert_eq!(Interval::parse("1m"), Ok(Interval::OneMinute));
        assert_eq!(Interval::parse("1M"), Ok(Interval::OneMonth));
    }

    #[test]
    fn checks_alignment() {
        assert!(Interval::OneDay.is_aligned(NEW_YEAR_2024_MS));
        assert!(!Interval::OneDay.is_aligned(NEW_YEAR_2024_MS + HOUR_MS));
        assert!(Interval::OneHour.is_aligned(NEW_YEAR_2024_MS + HOUR_MS));
        assert!(!Interval::FiveMinutes.is_aligned(NEW_YEAR_2024_MS + MINUTE_MS));
        assert!(Interval::OneWeek.is_aligned(NEW_YEAR_2024_MS));
        assert!(!Interval::OneWeek.is_aligned(NEW_YEAR_2024_MS + DAY_MS));
        assert!(Interval::OneMonth.is_aligned(NEW_YEAR_2024_MS));
        assert!(!Interval::OneMonth.is_aligned(NEW_YEAR_2024_MS + DAY_MS));
        // 2024-02-01 00:00:00 UTC.
        assert!(Interval::OneMonth.is_aligned(1_706_745_600_000));
    }

    #[test]
    fn closes_calendar_months_on_their_real_length() {
        // January 2024 has 31 days, February 2024 has 29.
        assert_eq!(Interval::OneMonth.close_time_ms(NEW_YEAR_2024_MS), Some(1_706_745_600_000));
        assert_eq!(Interval::OneMonth.close_time_ms(1_706_745_600_000), Some(1_709_251_200_000));
        assert_eq!(Interval::OneDay.close_time_ms(NEW_YEAR_2024_MS), Some(NEW_YEAR_2024_MS + DAY_MS));
    }

    #[test]
    fn counts_steps() {
        assert_eq!(Interval::OneHour.steps_between(0, 3 * HOUR_MS), 3);
        assert_eq!(Interval::OneMonth.steps_between(NEW_YEAR_2024_MS, 1_709_251_200_000), 2);
    }
}
