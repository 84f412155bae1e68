//! Price ratios between two symbols of one interval.
//!
//! A ratio candle exists at every open time that both legs have. Its open and close
//! are exact (`open_a / open_b`, `close_a / close_b`). Its true high and low cannot be
//! known from the legs' candles (the legs' extremes need not coincide in time), so they
//! are not published; the only honest bounds would be `high_a / low_b` and
//! `low_a / high_b`, which are usually far too wide to chart.

use crate::series::CandleSeries;

/// The ratio of two series at the open times both have, ascending.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RatioSeries {
    pub open_time_ms: Vec<i64>,
    pub close_time_ms: Vec<i64>,
    pub open: Vec<f64>,
    pub close: Vec<f64>,
}

impl RatioSeries {
    /// Joins the two legs on their open times (both ascending and distinct).
    pub fn of(numerator: &CandleSeries, denominator: &CandleSeries) -> Self {
        let mut ratio = RatioSeries::default();
        let (mut a, mut b) = (0, 0);
        while a < numerator.len() && b < denominator.len() {
            let (time_a, time_b) = (numerator.open_time_ms[a], denominator.open_time_ms[b]);
            if time_a < time_b {
                a += 1;
            } else if time_b < time_a {
                b += 1;
            } else {
                ratio.open_time_ms.push(time_a);
                ratio.close_time_ms.push(numerator.close_time_ms[a]);
                ratio.open.push(numerator.open[a] / denominator.open[b]);
                ratio.close.push(numerator.close[a] / denominator.close[b]);
                a += 1;
                b += 1;
            }
        }
        ratio
    }

    pub fn len(&self) -> usize {
        self.open_time_ms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.open_time_ms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use market_types::{Interval, Symbol};

    use super::*;
    use crate::candle::tests::candle;

    fn series(name: &str, rows: &[(i64, f64, f64)]) -> CandleSeries {
        let symbol = Symbol::parse(name).unwrap_or_else(|error| panic!("{error}"));
        let mut series = CandleSeries::empty(symbol, Interval::OneDay);
        for &(time, open, close) in rows {
            series.push(&candle(time, open, open.max(close), open.min(close), close));
        }
        series
    }

    #[test]
    fn divides_on_common_open_times_only() {
        let eth = series("ETHUSDT", &[(1, 10.0, 20.0), (2, 30.0, 40.0), (4, 50.0, 60.0)]);
        let btc = series("BTCUSDT", &[(2, 300.0, 400.0), (3, 1.0, 1.0), (4, 100.0, 300.0)]);
        let ratio = RatioSeries::of(&eth, &btc);
        assert_eq!(ratio.open_time_ms, vec![2, 4]);
        assert_eq!(ratio.open, vec![0.1, 0.5]);
        assert_eq!(ratio.close, vec![0.1, 0.2]);
        assert_eq!(ratio.close_time_ms, vec![2 + 86_400_000, 4 + 86_400_000]);
    }
}
