//! The bodies of the backtest requests, checked and completed with defaults before any
//! data is loaded. What is checked here is stored with the backtest as its request.

use backtest_engine::{BacktestSettings, FillAt, MaCrossParams, MovingAverageType, RelativeMomentumParams};
use market_types::{Interval, Symbol, TimeRange};

use crate::error::ApiError;

/// `POST .../backtests`: one symbol.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SingleSymbolBacktestRequest {
    /// `ma_cross` or `buy_and_hold`.
    strategy_id: String,
    symbol: String,
    interval: String,
    /// Unix seconds, inclusive (on open time). Default: the first candle.
    from: Option<i64>,
    /// Unix seconds, exclusive. Default: after the last candle.
    to: Option<i64>,
    initial_capital: f64,
    /// For `ma_cross`: `fast` (20), `slow` (50), `ma_type` (`sma` | `ema`), `allow_short` (false).
    #[schema(value_type = Option<Object>)]
    params: Option<serde_json::Value>,
    /// Default 10 (0.10 % of the traded notional, each side).
    fee_bps: Option<f64>,
    /// Default 0.
    slippage_bps: Option<f64>,
    /// `next_open` (default) or `close`.
    fill_at: Option<String>,
}

/// `POST .../backtests/category-relative-momentum`: long the strongest, short the weakest
/// of a category.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelativeMomentumBacktestRequest {
    category: String,
    /// `relative_momentum` (the only one so far; may be left out).
    strategy: Option<String>,
    interval: String,
    /// Default: the workspace's default quote asset.
    quote_asset: Option<String>,
    initial_capital: f64,
    long_count: usize,
    short_count: usize,
    from: Option<i64>,
    to: Option<i64>,
    /// Bars of the momentum score. Default 30.
    lookback: Option<usize>,
    /// Bars between rebalances. Default 7.
    rebalance_every: Option<usize>,
    fee_bps: Option<f64>,
    slippage_bps: Option<f64>,
    fill_at: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MaCrossParamsInput {
    fast: Option<usize>,
    slow: Option<usize>,
    ma_type: Option<String>,
    allow_short: Option<bool>,
}

/// A checked single-symbol backtest.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SingleSymbolPlan {
    pub strategy: SingleStrategy,
    pub symbol: Symbol,
    pub interval: Interval,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub settings: BacktestSettings,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(tag = "strategy_id", content = "params", rename_all = "snake_case")]
pub enum SingleStrategy {
    MaCross(MaCrossParams),
    BuyAndHold,
}

/// A checked relative-momentum backtest.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RelativeMomentumPlan {
    pub category: String,
    pub quote_asset: String,
    pub interval: Interval,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub params: RelativeMomentumParams,
    pub settings: BacktestSettings,
}

impl SingleSymbolBacktestRequest {
    pub fn check(self) -> Result<SingleSymbolPlan, ApiError> {
        let strategy = match self.strategy_id.as_str() {
            "ma_cross" => SingleStrategy::MaCross(ma_cross_params(self.params)?),
            "buy_and_hold" => {
                if self.params.as_ref().is_some_and(|params| params.as_object().is_none_or(|object| !object.is_empty()))
                {
                    return Err(
                        ApiError::bad_request("invalid_input", "buy_and_hold takes no params").with_field("params")
                    );
                }
                SingleStrategy::BuyAndHold
            }
            other => {
                return Err(ApiError::bad_request(
                    "unknown_strategy",
                    format!("unknown strategy {other:?}: expected ma_cross or buy_and_hold (relative_momentum has its own endpoint)"),
                )
                .with_field("strategy_id"));
            }
        };
        let symbol = Symbol::parse(&self.symbol)
            .map_err(|error| ApiError::bad_request("invalid_symbol", error.to_string()).with_field("symbol"))?;
        let interval = parse_interval(&self.interval)?;
        check_range(self.from, self.to)?;
        let settings =
            settings(interval, self.initial_capital, self.fee_bps, self.slippage_bps, self.fill_at.as_deref())?;
        Ok(SingleSymbolPlan { strategy, symbol, interval, from: self.from, to: self.to, settings })
    }
}

impl RelativeMomentumBacktestRequest {
    pub fn check(self, default_quote_asset: &str) -> Result<RelativeMomentumPlan, ApiError> {
        if let Some(strategy) = self.strategy.as_deref().filter(|strategy| *strategy != "relative_momentum") {
            return Err(ApiError::bad_request(
                "unknown_strategy",
                format!("unknown strategy {strategy:?}: expected relative_momentum"),
            )
            .with_field("strategy"));
        }
        let interval = parse_interval(&self.interval)?;
        check_range(self.from, self.to)?;
        let mut params = RelativeMomentumParams::new(self.long_count, self.short_count);
        params.lookback = self.lookback.unwrap_or(params.lookback);
        params.rebalance_every = self.rebalance_every.unwrap_or(params.rebalance_every);
        params.validate()?;
        let settings =
            settings(interval, self.initial_capital, self.fee_bps, self.slippage_bps, self.fill_at.as_deref())?;
        let quote_asset =
            self.quote_asset.unwrap_or_else(|| default_quote_asset.to_owned()).trim().to_ascii_uppercase();
        Ok(RelativeMomentumPlan {
            category: self.category,
            quote_asset,
            interval,
            from: self.from,
            to: self.to,
            params,
            settings,
        })
    }
}

fn ma_cross_params(raw: Option<serde_json::Value>) -> Result<MaCrossParams, ApiError> {
    let defaults = MaCrossParams::default();
    let Some(raw) = raw else { return Ok(defaults) };
    let input: MaCrossParamsInput = serde_json::from_value(raw).map_err(|error| {
        ApiError::bad_request("invalid_input", format!("invalid ma_cross params: {error}")).with_field("params")
    })?;
    let ma_type = match input.ma_type.as_deref() {
        None | Some("sma") => MovingAverageType::Sma,
        Some("ema") => MovingAverageType::Ema,
        Some(other) => {
            return Err(ApiError::bad_request("invalid_input", format!("ma_type must be sma or ema, got {other:?}"))
                .with_field("params.ma_type"));
        }
    };
    let params = MaCrossParams {
        fast: input.fast.unwrap_or(defaults.fast),
        slow: input.slow.unwrap_or(defaults.slow),
        ma_type,
        allow_short: input.allow_short.unwrap_or(defaults.allow_short),
    };
    params.validate()?;
    Ok(params)
}

fn parse_interval(raw: &str) -> Result<Interval, ApiError> {
    Interval::parse(raw)
        .map_err(|error| ApiError::bad_request("invalid_interval", error.to_string()).with_field("interval"))
}

fn check_range(from: Option<i64>, to: Option<i64>) -> Result<(), ApiError> {
    TimeRange::from_unix_seconds(from, to).map(|_| ()).map_err(|_| {
        ApiError::bad_request("invalid_range", "from must be before to (both Unix seconds)").with_field("from")
    })
}

/// The range of bars to load.
pub fn time_range(from: Option<i64>, to: Option<i64>) -> TimeRange {
    TimeRange::from_unix_seconds(from, to).unwrap_or(TimeRange::ALL)
}

fn settings(
    interval: Interval,
    initial_capital: f64,
    fee_bps: Option<f64>,
    slippage_bps: Option<f64>,
    fill_at: Option<&str>,
) -> Result<BacktestSettings, ApiError> {
    let fill_at = match fill_at {
        None | Some("next_open") => FillAt::NextOpen,
        Some("close") => FillAt::Close,
        Some(other) => {
            return Err(ApiError::bad_request(
                "invalid_input",
                format!("fill_at must be next_open or close, got {other:?}"),
            )
            .with_field("fill_at"));
        }
    };
    let settings = BacktestSettings::new(initial_capital, bar_seconds(interval))
        .with_fill_at(fill_at)
        .with_costs(fee_bps.unwrap_or(backtest_engine::DEFAULT_FEE_BPS), slippage_bps.unwrap_or(0.0));
    settings.validate()?;
    Ok(settings)
}

/// The length of a bar in seconds, for annualising; a calendar month counts as a twelfth of
/// a Gregorian year.
fn bar_seconds(interval: Interval) -> u64 {
    interval.nominal_seconds().round() as u64
}
