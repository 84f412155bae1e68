//! `GET /api/v1/scanner/uptrends` and `GET /api/v1/scanner/ratio-uptrends`: symbols and
//! ratios in uptrend at a point in time.

use actix_web::web;
use market_data::{Ineligible, IneligibleReason, RatioScanRequest, ScanRequest, ScanResult, TrendRule, UptrendHit};

use super::window::{parse_interval, parse_symbol, seconds};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 2000;

/// The universe, the point in time and the rule's parameters.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ScanQuery {
    /// Default `1d`.
    interval: Option<String>,
    /// Only symbols quoted in this asset, e.g. `USDT`.
    quote_asset: Option<String>,
    /// Only symbols of this category, e.g. `Layer 1`.
    category: Option<String>,
    /// Unix seconds: judge the latest bar that closed by then. Default: the latest candle.
    as_of: Option<i64>,
    /// 1 to 2000, default 50.
    limit: Option<usize>,
    /// Default 50.
    sma_fast: Option<usize>,
    /// Default 200.
    sma_slow: Option<usize>,
    /// The fast average must be above its value this many bars earlier. Default 10.
    rising_lookback: Option<usize>,
    /// Bars of the least-squares fit behind the score. Default 50.
    score_window: Option<usize>,
    /// Also list what could not be judged (too little history, stale). Default false.
    include_ineligible: Option<bool>,
    /// Ratio scans only: judge every symbol against this one (e.g. `BTCUSDT`) instead of
    /// every ordered pair.
    base: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UptrendsResponse {
    interval: String,
    /// The bar judged: open and close time (Unix seconds).
    bar_open_time: i64,
    bar_close_time: i64,
    rule: RuleDto,
    /// Symbols (or ordered pairs) in the universe at that bar.
    candidates: usize,
    /// Those with enough history and a candle at that bar.
    judged: usize,
    /// All hits before `limit`.
    total_hits: usize,
    /// By score, highest first.
    hits: Vec<HitDto>,
    /// Present with `include_ineligible=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    ineligible: Option<Vec<IneligibleDto>>,
}

/// The rule applied: `close > sma_fast > sma_slow` and `sma_fast` above its value
/// `rising_lookback` bars earlier; score = least-squares slope of ln(close) over
/// `score_window` bars (per bar) x R squared.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RuleDto {
    sma_fast: usize,
    sma_slow: usize,
    rising_lookback: usize,
    score_window: usize,
    bars_needed: usize,
}

/// A series in uptrend. For ratios, `symbol` is the numerator and `quote_symbol` the denominator.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HitDto {
    symbol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_symbol: Option<String>,
    last_close: f64,
    sma_fast: f64,
    sma_slow: f64,
    distance_above_sma_fast_pct: f64,
    distance_above_sma_slow_pct: f64,
    /// `close / close 7 bars earlier - 1`; `null` without that much history.
    return_7: Option<f64>,
    return_30: Option<f64>,
    return_90: Option<f64>,
    score: f64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct IneligibleDto {
    symbol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_symbol: Option<String>,
    /// `insufficient_history` or `stale`.
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    bars: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bars_needed: Option<usize>,
    /// For `stale`: when the last candle closed (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    last_close_time: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/scanner/uptrends", tag = "research", params(ScanQuery),
    responses(
        (status = 200, body = UptrendsResponse),
        (status = 400, description = "invalid_interval, invalid_input (rule parameters), invalid_limit, as_of_before_data, invalid_query", body = ErrorBody),
        (status = 404, description = "unknown_category, no_candles", body = ErrorBody),
    ))]
pub async fn uptrends(
    state: web::Data<AppState>,
    query: web::Query<ScanQuery>,
) -> Result<web::Json<UptrendsResponse>, ApiError> {
    if query.base.is_some() {
        return Err(ApiError::bad_request("invalid_query", "base applies to /scanner/ratio-uptrends only"));
    }
    let request = scan_request(&query)?;
    let market = state.market.clone();
    let interval = request.interval;
    let (result, rule) =
        run_blocking(move || market.scan_uptrends(&request).map(|result| (result, request.rule))).await?;
    Ok(web::Json(UptrendsResponse::new(interval, rule, result, query.include_ineligible.unwrap_or(false))))
}

#[utoipa::path(get, path = "/api/v1/scanner/ratio-uptrends", tag = "research", params(ScanQuery),
    responses(
        (status = 200, body = UptrendsResponse),
        (status = 400, description = "invalid_interval, invalid_symbol, invalid_input, invalid_limit, as_of_before_data, invalid_query", body = ErrorBody),
        (status = 404, description = "unknown_category, unknown_symbol, no_candles", body = ErrorBody),
    ))]
pub async fn ratio_uptrends(
    state: web::Data<AppState>,
    query: web::Query<ScanQuery>,
) -> Result<web::Json<UptrendsResponse>, ApiError> {
    let scan = scan_request(&query)?;
    let base = query.base.as_deref().map(parse_symbol).transpose()?;
    let (interval, rule) = (scan.interval, scan.rule);
    let request = RatioScanRequest { scan, base };
    let market = state.market.clone();
    let result = run_blocking(move || market.scan_ratio_uptrends(&request)).await?;
    Ok(web::Json(UptrendsResponse::new(interval, rule, result, query.include_ineligible.unwrap_or(false))))
}

fn scan_request(query: &ScanQuery) -> Result<ScanRequest, ApiError> {
    let interval = parse_interval(query.interval.as_deref().unwrap_or("1d"))?;
    let defaults = TrendRule::default();
    let rule = TrendRule::new(
        query.sma_fast.unwrap_or(defaults.fast()),
        query.sma_slow.unwrap_or(defaults.slow()),
        query.rising_lookback.unwrap_or(defaults.rising_lookback()),
        query.score_window.unwrap_or(defaults.score_window()),
    )?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request("invalid_limit", format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    Ok(ScanRequest {
        interval,
        quote_asset: query.quote_asset.clone(),
        category: query.category.clone(),
        as_of_ms: query.as_of.map(|seconds| seconds.saturating_mul(1000)),
        rule,
        include_ineligible: query.include_ineligible.unwrap_or(false),
        limit,
    })
}

impl UptrendsResponse {
    fn new(interval: market_types::Interval, rule: TrendRule, result: ScanResult, include_ineligible: bool) -> Self {
        Self {
            interval: interval.to_string(),
            bar_open_time: seconds(result.bar_open_time_ms),
            bar_close_time: seconds(result.bar_close_time_ms),
            rule: RuleDto {
                sma_fast: rule.fast(),
                sma_slow: rule.slow(),
                rising_lookback: rule.rising_lookback(),
                score_window: rule.score_window(),
                bars_needed: rule.bars_needed(),
            },
            candidates: result.candidates,
            judged: result.judged,
            total_hits: result.total_hits,
            hits: result.hits.iter().map(HitDto::from).collect(),
            ineligible: include_ineligible.then(|| result.ineligible.iter().map(IneligibleDto::from).collect()),
        }
    }
}

impl From<&UptrendHit> for HitDto {
    fn from(hit: &UptrendHit) -> Self {
        let reading = &hit.reading;
        Self {
            symbol: hit.symbol.to_string(),
            quote_symbol: hit.denominator.as_ref().map(ToString::to_string),
            last_close: reading.close,
            sma_fast: reading.sma_fast,
            sma_slow: reading.sma_slow,
            distance_above_sma_fast_pct: reading.distance_above_fast_pct,
            distance_above_sma_slow_pct: reading.distance_above_slow_pct,
            return_7: reading.return_7,
            return_30: reading.return_30,
            return_90: reading.return_90,
            score: reading.score,
        }
    }
}

impl From<&Ineligible> for IneligibleDto {
    fn from(ineligible: &Ineligible) -> Self {
        let (reason, bars, bars_needed, last_close_time) = match ineligible.reason {
            IneligibleReason::InsufficientHistory { bars, needed } => {
                ("insufficient_history", Some(bars), Some(needed), None)
            }
            IneligibleReason::Stale { last_close_time_ms } => ("stale", None, None, Some(seconds(last_close_time_ms))),
        };
        Self {
            symbol: ineligible.symbol.to_string(),
            quote_symbol: ineligible.denominator.as_ref().map(ToString::to_string),
            reason,
            bars,
            bars_needed,
            last_close_time,
        }
    }
}
