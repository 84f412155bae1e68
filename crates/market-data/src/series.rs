//! Candle series held column by column, and windows over them.
//!
//! A series is what the read side serves from: charts, ratios, and later the backtest
//! engine and the scanners, which all want arrays rather than rows.

use std::ops::Range;

use market_types::{Interval, Symbol, TimeRange};

use crate::candle::Candle;

/// All stored candles of one symbol and interval, ascending by open time.
#[derive(Debug, Clone, PartialEq)]
pub struct CandleSeries {
    pub symbol: Symbol,
    pub interval: Interval,
    pub open_time_ms: Vec<i64>,
    pub close_time_ms: Vec<i64>,
    pub open: Vec<f64>,
    pub high: Vec<f64>,
    pub low: Vec<f64>,
    pub close: Vec<f64>,
    pub volume: Vec<f64>,
    pub quote_volume: Vec<Option<f64>>,
    pub trade_count: Vec<Option<i64>>,
}

/// Which end of a time range a window is taken from when the range holds more
/// candles than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowAnchor {
    /// The first `limit` candles of the range (paging forward from `from`).
    Earliest,
    /// The last `limit` candles of the range (the latest data, paging backward from `to`).
    Latest,
}

/// A request for part of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowRequest {
    pub range: TimeRange,
    pub limit: usize,
    pub anchor: WindowAnchor,
}

/// The positions a window selected, and whether the range holds more on either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub rows: Range<usize>,
    pub more_before: bool,
    pub more_after: bool,
}

impl Window {
    /// Selects from ascending open times the rows inside the request's range, cut to
    /// its limit at its anchor.
    pub fn select(open_times_ms: &[i64], request: &WindowRequest) -> Window {
        let start = open_times_ms.partition_point(|&t| t < request.range.from_ms());
        let end = open_times_ms.partition_point(|&t| t < request.range.to_ms());
        let rows = match request.anchor {
            WindowAnchor::Earliest => start..end.min(start.saturating_add(request.limit)),
            WindowAnchor::Latest => end.saturating_sub(request.limit).max(start)..end,
        };
        Window { more_before: rows.start > start, more_after: rows.end < end, rows }
    }
}

impl CandleSeries {
    /// An empty series, to be filled with `push`.
    pub fn empty(symbol: Symbol, interval: Interval) -> Self {
        Self {
            symbol,
            interval,
            open_time_ms: Vec::new(),
            close_time_ms: Vec::new(),
            open: Vec::new(),
            high: Vec::new(),
            low: Vec::new(),
            close: Vec::new(),
            volume: Vec::new(),
            quote_volume: Vec::new(),
            trade_count: Vec::new(),
        }
    }

    /// Appends a candle; callers push in ascending open-time order.
    pub fn push(&mut self, candle: &Candle) {
        self.open_time_ms.push(candle.open_time_ms);
        self.close_time_ms.push(candle.close_time_ms);
        self.open.push(candle.open);
        self.high.push(candle.high);
        self.low.push(candle.low);
        self.close.push(candle.close);
        self.volume.push(candle.volume);
        self.quote_volume.push(candle.quote_volume);
        self.trade_count.push(candle.trade_count);
    }

    pub fn len(&self) -> usize {
        self.open_time_ms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.open_time_ms.is_empty()
    }

    /// The candle at position `index`, which must be below `len()`.
    pub fn candle(&self, index: usize) -> Candle {
        Candle {
            open_time_ms: self.open_time_ms[index],
            close_time_ms: self.close_time_ms[index],
            open: self.open[index],
            high: self.high[index],
            low: self.low[index],
            close: self.close[index],
            volume: self.volume[index],
            quote_volume: self.quote_volume[index],
            trade_count: self.trade_count[index],
        }
    }

    pub fn window(&self, request: &WindowRequest) -> Window {
        Window::select(&self.open_time_ms, request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(from: i64, to: i64, limit: usize, anchor: WindowAnchor) -> WindowRequest {
        match TimeRange::new(from, to) {
            Ok(range) => WindowRequest { range, limit, anchor },
            Err(error) => panic!("test range: {error}"),
        }
    }

    #[test]
    fn selects_the_half_open_range() {
        let times = [10, 20, 30, 40, 50];
        let window = Window::select(&times, &request(20, 50, 100, WindowAnchor::Earliest));
        assert_eq!(window, Window { rows: 1..4, more_before: false, more_after: false });
    }

    #[test]
    fn cuts_to_the_limit_at_the_anchor() {
        let times = [10, 20, 30, 40, 50];
        let earliest = Window::select(&times, &request(0, 100, 2, WindowAnchor::Earliest));
        assert_eq!(earliest, Window { rows: 0..2, more_before: false, more_after: true });
        let latest = Window::select(&times, &request(0, 100, 2, WindowAnchor::Latest));
        assert_eq!(latest, Window { rows: 3..5, more_before: true, more_after: false });
    }

    #[test]
    fn an_empty_range_selects_nothing() {
        let times = [10, 20, 30];
        let window = Window::select(&times, &request(21, 29, 5, WindowAnchor::Latest));
        assert!(window.rows.is_empty());
        assert_eq!(Window::select(&[], &request(0, 1, 5, WindowAnchor::Earliest)).rows, 0..0);
    }
}
