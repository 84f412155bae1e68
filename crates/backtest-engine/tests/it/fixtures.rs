//! Test fixtures: daily bars from price lists, settings, tolerant comparisons, synthetic
//! series and a reader of the shared CSV files.

use std::path::PathBuf;

use backtest_engine::{BacktestSettings, Bars, FillAt, SymbolBars};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const DAY_MS: i64 = 86_400_000;

/// Daily bars starting `first_day` days after the epoch.
pub fn daily_bars(first_day: i64, opens: &[f64], closes: &[f64]) -> Bars {
    let open_time_ms: Vec<i64> = (0..opens.len() as i64).map(|day| (first_day + day) * DAY_MS).collect();
    let close_time_ms = open_time_ms.iter().map(|open| open + DAY_MS).collect();
    Bars::new(open_time_ms, close_time_ms, opens.to_vec(), closes.to_vec()).unwrap_or_else(|error| panic!("{error}"))
}

pub fn daily_series(symbol: &str, first_day: i64, opens: &[f64], closes: &[f64]) -> SymbolBars {
    SymbolBars::new(symbol, daily_bars(first_day, opens, closes))
}

/// Daily bars on the given days only (gaps allowed).
pub fn daily_series_on_days(symbol: &str, days: &[i64], opens: &[f64], closes: &[f64]) -> SymbolBars {
    let open_time_ms: Vec<i64> = days.iter().map(|day| day * DAY_MS).collect();
    let close_time_ms = open_time_ms.iter().map(|open| open + DAY_MS).collect();
    let bars = Bars::new(open_time_ms, close_time_ms, opens.to_vec(), closes.to_vec())
        .unwrap_or_else(|error| panic!("{error}"));
    SymbolBars::new(symbol, bars)
}

/// 1000 of capital on daily bars with the given fill and costs.
pub fn settings(fill_at: FillAt, fee_bps: f64, slippage_bps: f64) -> BacktestSettings {
    BacktestSettings::new(1000.0, 86_400).with_fill_at(fill_at).with_costs(fee_bps, slippage_bps)
}

/// Open time of bar `bar` and close time of bar `bar` for daily bars from day 0.
pub fn open_of(bar: i64) -> i64 {
    bar * DAY_MS
}

pub fn close_of(bar: i64) -> i64 {
    (bar + 1) * DAY_MS
}

/// Equal up to a relative 1e-12 (float rounding of a few operations).
#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    let tolerance = 1e-12 * expected.abs().max(1.0);
    assert!((actual - expected).abs() <= tolerance, "{actual} is not {expected} (difference {})", actual - expected);
}

#[track_caller]
pub fn assert_all_close(actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len(), "lengths differ: {actual:?} vs {expected:?}");
    for (&a, &e) in actual.iter().zip(expected) {
        assert_close(a, e);
    }
}

/// A deterministic random walk (xorshift), positive, with opens near the previous close.
pub fn random_walk(seed: u64, length: usize, start: f64) -> (Vec<f64>, Vec<f64>) {
    let mut state = seed.max(1);
    let mut next_unit = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let (mut opens, mut closes) = (Vec::with_capacity(length), Vec::with_capacity(length));
    let mut close = start;
    for _ in 0..length {
        let open = close * (1.0 + 0.002 * next_unit());
        close = open * (1.0 + 0.06 * next_unit());
        opens.push(open);
        closes.push(close);
    }
    (opens, closes)
}

/// `SHARED_DATA_DIR`, or `../shared/data` beside the checkout.
pub fn shared_data() -> PathBuf {
    std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from)
}

/// One shared-data CSV file (`open_time,open,high,low,close,volume`) as open times, opens
/// and closes, read independently of any crate.
pub struct CsvBars {
    pub open_time_ms: Vec<i64>,
    pub open: Vec<f64>,
    pub close: Vec<f64>,
}

pub fn read_csv(relative_path: &str) -> Result<CsvBars, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(shared_data().join(relative_path))?;
    let mut bars = CsvBars { open_time_ms: Vec::new(), open: Vec::new(), close: Vec::new() };
    for line in text.lines().skip(1).filter(|line| !line.is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        bars.open_time_ms.push(fields[0].parse()?);
        bars.open.push(fields[1].parse()?);
        bars.close.push(fields[4].parse()?);
    }
    Ok(bars)
}

impl CsvBars {
    /// The rows with `from_ms <= open_time < to_ms`, as bars of length `bar_ms`.
    pub fn to_bars(&self, from_ms: i64, to_ms: i64, bar_ms: i64) -> Result<Bars, backtest_engine::BacktestError> {
        let keep: Vec<usize> =
            (0..self.open_time_ms.len()).filter(|&i| (from_ms..to_ms).contains(&self.open_time_ms[i])).collect();
        Bars::new(
            keep.iter().map(|&i| self.open_time_ms[i]).collect(),
            keep.iter().map(|&i| self.open_time_ms[i] + bar_ms).collect(),
            keep.iter().map(|&i| self.open[i]).collect(),
            keep.iter().map(|&i| self.close[i]).collect(),
        )
    }
}
