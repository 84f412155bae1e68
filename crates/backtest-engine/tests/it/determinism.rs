//! Determinism: the same inputs give the same report, bit for bit, and a report stored as
//! JSON reads back identical.

use backtest_engine::{
    BacktestReport, FillAt, MaCrossParams, MovingAverageType, RelativeMomentumParams, run_buy_and_hold, run_ma_cross,
    run_relative_momentum,
};

use crate::fixtures::{TestResult, daily_series, random_walk, settings};
use crate::truncation::staggered_universe;

fn assert_identical_and_storable(first: &BacktestReport, second: &BacktestReport) -> TestResult {
    assert_eq!(first, second);
    let (first_json, second_json) = (serde_json::to_string(first)?, serde_json::to_string(second)?);
    assert_eq!(first_json, second_json);
    let read_back: BacktestReport = serde_json::from_str(&first_json)?;
    assert_eq!(&read_back, first, "a stored report must read back bit for bit");
    Ok(())
}

#[test]
fn the_same_inputs_give_the_same_report() -> TestResult {
    let (opens, closes) = random_walk(3, 500, 100.0);
    let series = daily_series("BTCUSDT", 0, &opens, &closes);
    let ema = MaCrossParams { fast: 8, slow: 30, ma_type: MovingAverageType::Ema, allow_short: true };
    let settings = settings(FillAt::NextOpen, 10.0, 2.0);
    assert_identical_and_storable(&run_ma_cross(&series, &ema, &settings)?, &run_ma_cross(&series, &ema, &settings)?)?;
    assert_identical_and_storable(&run_buy_and_hold(&series, &settings)?, &run_buy_and_hold(&series, &settings)?)?;

    let universe = staggered_universe(400);
    let mut reversed = universe.clone();
    reversed.reverse();
    let params = RelativeMomentumParams { lookback: 20, rebalance_every: 5, long_count: 2, short_count: 2 };
    // The order the universe is given in does not matter either.
    assert_identical_and_storable(
        &run_relative_momentum(&universe, &params, &settings)?,
        &run_relative_momentum(&reversed, &params, &settings)?,
    )?;
    Ok(())
}

#[test]
fn the_json_shape_names_strategy_and_conventions() -> TestResult {
    let (opens, closes) = random_walk(5, 80, 100.0);
    let series = daily_series("BTCUSDT", 0, &opens, &closes);
    let report = run_ma_cross(
        &series,
        &MaCrossParams { fast: 3, slow: 10, ..MaCrossParams::default() },
        &settings(FillAt::NextOpen, 10.0, 0.0),
    )?;
    let json: serde_json::Value = serde_json::to_value(&report)?;
    assert_eq!(json["strategy"]["strategy_id"], "ma_cross");
    assert_eq!(json["strategy"]["params"]["ma_type"], "sma");
    assert_eq!(json["conventions"]["fill_at"], "next_open");
    assert_eq!(json["benchmark"]["kind"], "buy_and_hold");
    // Parameters read with defaults for what is missing.
    let params: MaCrossParams = serde_json::from_str(r#"{"fast": 10}"#)?;
    assert_eq!(params, MaCrossParams { fast: 10, ..MaCrossParams::default() });
    let momentum: RelativeMomentumParams = serde_json::from_str(r#"{"long_count": 5, "short_count": 5}"#)?;
    assert_eq!(momentum, RelativeMomentumParams::new(5, 5));
    let settings: backtest_engine::BacktestSettings =
        serde_json::from_str(r#"{"initial_capital": 10000, "bar_seconds": 86400}"#)?;
    assert_eq!(settings, backtest_engine::BacktestSettings::new(10_000.0, 86_400));
    Ok(())
}
