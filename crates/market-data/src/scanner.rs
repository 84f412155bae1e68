//! Scanners: which symbols, and which ratios between symbols, are in uptrend at a point in
//! time, by the rule in [`crate::trend`].
//!
//! Point in time: the scan judges one bar, the latest candle of the universe that closed by
//! `as_of` (default: the latest candle). Only candles that closed by then are used. A
//! symbol whose first candle closes later is not in the universe at all; one whose last
//! candle closed earlier (stale, delisted) is not judged. A ratio is judged only when both
//! legs have the judged bar.

use std::sync::Arc;

use market_types::{Interval, Symbol};

use crate::error::{MarketDataError, Result};
use crate::series::CandleSeries;
use crate::store::{MarketData, SymbolFilter};
use crate::trend::{Judgement, TrendReading, TrendRule};

/// What to scan.
#[derive(Debug, Clone)]
pub struct ScanRequest {
    pub interval: Interval,
    pub quote_asset: Option<String>,
    pub category: Option<String>,
    /// Unix milliseconds; candles that closed by then. `None`: the latest candle.
    pub as_of_ms: Option<i64>,
    pub rule: TrendRule,
    /// Also list the symbols (or pairs) that could not be judged, and why.
    pub include_ineligible: bool,
    pub limit: usize,
}

/// A ratio scan: every ordered pair of the universe, or every symbol against `base`.
#[derive(Debug, Clone)]
pub struct RatioScanRequest {
    pub scan: ScanRequest,
    pub base: Option<Symbol>,
}

/// A series in uptrend.
#[derive(Debug, Clone, PartialEq)]
pub struct UptrendHit {
    /// The symbol, or the ratio's numerator.
    pub symbol: Symbol,
    /// The ratio's denominator; `None` for a symbol scan.
    pub denominator: Option<Symbol>,
    pub reading: TrendReading,
}

/// A symbol or pair that was not judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ineligible {
    pub symbol: Symbol,
    pub denominator: Option<Symbol>,
    pub reason: IneligibleReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IneligibleReason {
    InsufficientHistory {
        bars: usize,
        needed: usize,
    },
    /// The last candle closed before the judged bar.
    Stale {
        last_close_time_ms: i64,
    },
}

/// The outcome of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanResult {
    /// The judged bar: its open and close time.
    pub bar_open_time_ms: i64,
    pub bar_close_time_ms: i64,
    /// Symbols (or ordered pairs) in the universe at that bar.
    pub candidates: usize,
    /// Those judged (with enough history and not stale).
    pub judged: usize,
    /// In uptrend, by score descending (then by name), cut to the limit.
    pub hits: Vec<UptrendHit>,
    /// Every hit before the limit was applied.
    pub total_hits: usize,
    pub ineligible: Vec<Ineligible>,
}

/// A universe member's closes up to the judged bar.
struct Member {
    series: Arc<CandleSeries>,
    /// Candles `0..end` closed by the judged bar.
    end: usize,
    /// Whether candle `end - 1` is the judged bar itself.
    current: bool,
}

impl MarketData {
    /// Symbols in uptrend.
    pub fn scan_uptrends(&self, request: &ScanRequest) -> Result<ScanResult> {
        let (bar, members) = self.universe_at(request)?;
        let mut result = ScanResult::new(bar, members.len());
        for member in &members {
            if !member.current {
                result.stale(member, None, request);
                continue;
            }
            let start = member.end.saturating_sub(request.rule.bars_wanted());
            let judgement = request.rule.judge(&member.series.close[start..member.end]);
            result.record(member.series.symbol.clone(), None, judgement, request);
        }
        Ok(result.finish(request.limit))
    }

    /// Ratios A/B in uptrend, A and B from the universe (or B fixed to `base`).
    pub fn scan_ratio_uptrends(&self, request: &RatioScanRequest) -> Result<ScanResult> {
        let scan = &request.scan;
        let (bar, members) = self.universe_at(scan)?;
        let base_member = match &request.base {
            Some(base) => Some(self.member_at(base, scan.interval, bar.1)?.ok_or_else(|| {
                MarketDataError::InvalidInput(format!("{base} has no {} candle by the judged bar", scan.interval))
            })?),
            None => None,
        };
        let denominators: Vec<&Member> = match &base_member {
            Some(base) => vec![base],
            None => members.iter().collect(),
        };
        let wanted = scan.rule.bars_wanted();
        let mut result = ScanResult::new(bar, 0);
        let mut ratio_closes = Vec::with_capacity(wanted);
        for numerator in &members {
            for denominator in &denominators {
                if numerator.series.symbol == denominator.series.symbol {
                    continue;
                }
                result.candidates += 1;
                let denominator_symbol = Some(denominator.series.symbol.clone());
                if !numerator.current || !denominator.current {
                    let stale = if numerator.current { denominator } else { numerator };
                    result.stale(stale, Some((numerator, denominator)), scan);
                    continue;
                }
                latest_common_ratio_closes(numerator, denominator, wanted, &mut ratio_closes);
                let judgement = scan.rule.judge(&ratio_closes);
                result.record(numerator.series.symbol.clone(), denominator_symbol, judgement, scan);
            }
        }
        Ok(result.finish(scan.limit))
    }

    /// The judged bar (open and close time) and the universe's members at it.
    fn universe_at(&self, request: &ScanRequest) -> Result<((i64, i64), Vec<Member>)> {
        let filter = SymbolFilter { quote_asset: request.quote_asset.clone(), category: request.category.clone() };
        let symbols: Vec<Symbol> = self
            .symbols(&filter)?
            .into_iter()
            .filter(|info| info.coverage.iter().any(|(interval, _)| *interval == request.interval))
            .map(|info| info.symbol)
            .collect();
        let mut series = Vec::with_capacity(symbols.len());
        for symbol in &symbols {
            series.push(self.series(symbol, request.interval)?);
        }
        if series.is_empty() {
            // No symbol of the universe has candles of the interval at all: not an as_of problem.
            return Err(MarketDataError::EmptyUniverse { interval: request.interval });
        }
        let as_of = request.as_of_ms.unwrap_or(i64::MAX);
        let bar_close = series
            .iter()
            .filter_map(|series| {
                let end = series.close_time_ms.partition_point(|&close| close <= as_of);
                end.checked_sub(1).map(|last| series.close_time_ms[last])
            })
            .max()
            .ok_or(MarketDataError::NoDataAt { as_of_ms: request.as_of_ms })?;
        let bar_open = series
            .iter()
            .find_map(|series| {
                let index = series.close_time_ms.binary_search(&bar_close).ok()?;
                Some(series.open_time_ms[index])
            })
            .unwrap_or(bar_close);
        let members = series.into_iter().filter_map(|series| Member::at(series, bar_close)).collect();
        Ok(((bar_open, bar_close), members))
    }

    fn member_at(&self, symbol: &Symbol, interval: Interval, bar_close: i64) -> Result<Option<Member>> {
        Ok(Member::at(self.series(symbol, interval)?, bar_close))
    }
}

impl Member {
    /// The member's candles closed by `bar_close`; `None` if it has none yet.
    fn at(series: Arc<CandleSeries>, bar_close: i64) -> Option<Self> {
        let end = series.close_time_ms.partition_point(|&close| close <= bar_close);
        (end > 0).then(|| {
            let current = series.close_time_ms[end - 1] == bar_close;
            Self { series, end, current }
        })
    }
}

/// The last `wanted` closes of `numerator / denominator` on the open times both legs have,
/// up to the judged bar, ascending.
fn latest_common_ratio_closes(numerator: &Member, denominator: &Member, wanted: usize, closes: &mut Vec<f64>) {
    closes.clear();
    let (a, b) = (&numerator.series, &denominator.series);
    let (mut i, mut j) = (numerator.end, denominator.end);
    while i > 0 && j > 0 && closes.len() < wanted {
        let (time_a, time_b) = (a.open_time_ms[i - 1], b.open_time_ms[j - 1]);
        if time_a == time_b {
            closes.push(a.close[i - 1] / b.close[j - 1]);
            i -= 1;
            j -= 1;
        } else if time_a > time_b {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    closes.reverse();
}

impl ScanResult {
    fn new((bar_open_time_ms, bar_close_time_ms): (i64, i64), candidates: usize) -> Self {
        Self {
            bar_open_time_ms,
            bar_close_time_ms,
            candidates,
            judged: 0,
            hits: Vec::new(),
            total_hits: 0,
            ineligible: Vec::new(),
        }
    }

    fn record(&mut self, symbol: Symbol, denominator: Option<Symbol>, judgement: Judgement, request: &ScanRequest) {
        match judgement {
            Judgement::Judged(reading) => {
                self.judged += 1;
                if reading.in_uptrend {
                    self.hits.push(UptrendHit { symbol, denominator, reading });
                }
            }
            Judgement::InsufficientHistory { bars, needed } => {
                if request.include_ineligible {
                    let reason = IneligibleReason::InsufficientHistory { bars, needed };
                    self.ineligible.push(Ineligible { symbol, denominator, reason });
                }
            }
        }
    }

    fn stale(&mut self, stale: &Member, pair: Option<(&Member, &Member)>, request: &ScanRequest) {
        if !request.include_ineligible {
            return;
        }
        let (symbol, denominator) = match pair {
            Some((numerator, denominator)) => {
                (numerator.series.symbol.clone(), Some(denominator.series.symbol.clone()))
            }
            None => (stale.series.symbol.clone(), None),
        };
        let reason = IneligibleReason::Stale { last_close_time_ms: stale.series.close_time_ms[stale.end - 1] };
        self.ineligible.push(Ineligible { symbol, denominator, reason });
    }

    fn finish(mut self, limit: usize) -> Self {
        self.hits.sort_by(|a, b| {
            b.reading
                .score
                .total_cmp(&a.reading.score)
                .then_with(|| a.symbol.cmp(&b.symbol))
                .then_with(|| a.denominator.cmp(&b.denominator))
        });
        self.total_hits = self.hits.len();
        self.hits.truncate(limit);
        self
    }
}
