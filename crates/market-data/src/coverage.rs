//! Coverage of one stored series: first and last candle, row count and gaps.

use market_types::Interval;

/// What a series covers. Gaps are counted in missing candles between neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub first_open_time_ms: i64,
    pub last_open_time_ms: i64,
    pub last_close_time_ms: i64,
    pub candle_count: i64,
    /// Number of holes: places where one or more candles are missing.
    pub gap_count: i64,
    /// Candles missing in all holes together.
    pub missing_candles: i64,
    /// Candles missing in the largest hole (0 without holes).
    pub largest_gap_candles: i64,
}

impl Coverage {
    /// Computes the coverage of ascending, distinct, aligned open times.
    /// Returns `None` for an empty series.
    pub fn of_open_times(interval: Interval, open_times_ms: &[i64]) -> Option<Coverage> {
        let (&first, &last) = (open_times_ms.first()?, open_times_ms.last()?);
        let mut coverage = Coverage {
            first_open_time_ms: first,
            last_open_time_ms: last,
            last_close_time_ms: interval.close_time_ms(last).unwrap_or(last),
            candle_count: open_times_ms.len() as i64,
            gap_count: 0,
            missing_candles: 0,
            largest_gap_candles: 0,
        };
        for pair in open_times_ms.windows(2) {
            let missing = interval.steps_between(pair[0], pair[1]) - 1;
            if missing > 0 {
                coverage.gap_count += 1;
                coverage.missing_candles += missing;
                coverage.largest_gap_candles = coverage.largest_gap_candles.max(missing);
            }
        }
        Some(coverage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;

    #[test]
    fn counts_holes_in_candles() -> Result<(), String> {
        // Hours 0, 1, 4, 5, 7: holes of 2 and 1 candles.
        let times: Vec<i64> = [0, 1, 4, 5, 7].iter().map(|h| h * HOUR_MS).collect();
        let coverage = Coverage::of_open_times(Interval::OneHour, &times).ok_or("empty")?;
        assert_eq!(
            coverage,
            Coverage {
                first_open_time_ms: 0,
                last_open_time_ms: 7 * HOUR_MS,
                last_close_time_ms: 8 * HOUR_MS,
                candle_count: 5,
                gap_count: 2,
                missing_candles: 3,
                largest_gap_candles: 2,
            }
        );
        Ok(())
    }

    #[test]
    fn a_contiguous_series_has_no_gaps() -> Result<(), String> {
        let times: Vec<i64> = (0..10).map(|h| h * HOUR_MS).collect();
        let coverage = Coverage::of_open_times(Interval::OneHour, &times).ok_or("empty")?;
        assert_eq!((coverage.gap_count, coverage.missing_candles, coverage.largest_gap_candles), (0, 0, 0));
        assert_eq!(Coverage::of_open_times(Interval::OneHour, &[]), None);
        Ok(())
    }
}
