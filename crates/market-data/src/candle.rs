//! One candle (kline) and the checks every stored candle has passed.

/// One candle. Times are Unix milliseconds (UTC); `close_time_ms` is the instant the
/// candle closed, which is the next candle's open time (Binance writes one
/// millisecond less; the importer normalises that).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candle {
    pub open_time_ms: i64,
    pub close_time_ms: i64,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    /// Traded quantity of the base asset.
    pub volume: f64,
    /// Traded value in the quote asset, where the source has it.
    pub quote_volume: Option<f64>,
    /// Number of trades, where the source has it.
    pub trade_count: Option<i64>,
}

impl Candle {
    /// Checks prices and volumes: all finite, prices positive, volumes not negative,
    /// and the high and low bracket the open and close. Returns what is wrong.
    pub fn check_values(&self) -> Result<(), String> {
        let prices = [("open", self.open), ("high", self.high), ("low", self.low), ("close", self.close)];
        for (name, value) in prices {
            if !value.is_finite() || value <= 0.0 {
                return Err(format!("{name} must be a positive number, got {value}"));
            }
        }
        let volumes = [("volume", Some(self.volume)), ("quote volume", self.quote_volume)];
        for (name, value) in volumes {
            if let Some(value) = value.filter(|v| !v.is_finite() || *v < 0.0) {
                return Err(format!("{name} must be a non-negative number, got {value}"));
            }
        }
        if self.trade_count.is_some_and(|count| count < 0) {
            return Err("trade count must not be negative".to_owned());
        }
        if self.high < self.low {
            return Err(format!("high {} is below low {}", self.high, self.low));
        }
        if self.high < self.open.max(self.close) {
            return Err(format!("high {} is below the open or close", self.high));
        }
        if self.low > self.open.min(self.close) {
            return Err(format!("low {} is above the open or close", self.low));
        }
        Ok(())
    }

    /// Whether two candles for the same open time carry the same market data.
    /// Quote volume and trade count are compared only where both sources have them.
    pub fn same_market_data(&self, other: &Candle) -> bool {
        let optional_equal = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        self.open_time_ms == other.open_time_ms
            && self.close_time_ms == other.close_time_ms
            && self.open == other.open
            && self.high == other.high
            && self.low == other.low
            && self.close == other.close
            && self.volume == other.volume
            && optional_equal(self.quote_volume, other.quote_volume)
            && match (self.trade_count, other.trade_count) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn candle(open_time_ms: i64, open: f64, high: f64, low: f64, close: f64) -> Candle {
        Candle {
            open_time_ms,
            close_time_ms: open_time_ms + 86_400_000,
            open,
            high,
            low,
            close,
            volume: 1.0,
            quote_volume: None,
            trade_count: None,
        }
    }

    #[test]
    fn accepts_a_consistent_candle() {
        assert_eq!(candle(0, 10.0, 12.0, 9.0, 11.0).check_values(), Ok(()));
        assert_eq!(candle(0, 10.0, 10.0, 10.0, 10.0).check_values(), Ok(()));
    }

    #[test]
    fn refuses_inconsistent_candles() {
        let cases = [
            candle(0, 10.0, 9.0, 11.0, 10.0),
            candle(0, 10.0, 10.5, 9.0, 11.0),
            candle(0, 10.0, 12.0, 10.5, 11.0),
            candle(0, 0.0, 12.0, 9.0, 11.0),
            candle(0, f64::NAN, 12.0, 9.0, 11.0),
            Candle { volume: -1.0, ..candle(0, 10.0, 12.0, 9.0, 11.0) },
            Candle { trade_count: Some(-3), ..candle(0, 10.0, 12.0, 9.0, 11.0) },
        ];
        for case in cases {
            assert!(case.check_values().is_err(), "{case:?}");
        }
    }

    #[test]
    fn compares_optional_fields_only_when_both_have_them() {
        let plain = candle(0, 10.0, 12.0, 9.0, 11.0);
        let richer = Candle { quote_volume: Some(5.0), trade_count: Some(3), ..plain };
        assert!(plain.same_market_data(&richer));
        assert!(!richer.same_market_data(&Candle { trade_count: Some(4), ..richer }));
        assert!(!plain.same_market_data(&Candle { close: 11.5, ..plain }));
    }
}
