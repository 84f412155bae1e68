//! `GET /api/v1/ratios`: exact open and close ratios on common open times.

use crate::helpers::*;

#[tokio::test]
async fn ratios_divide_the_legs_on_common_times() -> TestResult {
    let app = TestApp::spawn(&["1d/ETHUSDT-1d.csv", "1d/BTCUSDT-1d.csv", "1d/SUIUSDT-1d.csv"]).await;
    let eth = shared_csv_rows("1d/ETHUSDT-1d.csv");
    let btc = shared_csv_rows("1d/BTCUSDT-1d.csv");
    // 2024-03-01 .. 2024-03-04.
    let (status, body) =
        app.get("/api/v1/ratios?base=ETHUSDT&quote=BTCUSDT&interval=1d&from=1709251200&to=1709510400").await;
    assert_eq!(status, 200, "{body}");
    let candles = body["candles"].as_array().ok_or("no candles")?;
    assert_eq!(candles.len(), 3);
    for candle in candles {
        let time = candle["open_time"].as_i64().ok_or("open_time")?;
        let (_, e) = eth.iter().find(|(t, _)| *t == time).ok_or("eth row")?;
        let (_, b) = btc.iter().find(|(t, _)| *t == time).ok_or("btc row")?;
        assert_eq!(candle["open"].as_f64(), Some(e[0] / b[0]));
        assert_eq!(candle["close"].as_f64(), Some(e[3] / b[3]));
        assert_eq!(candle["close_time"].as_i64(), Some(time + 86_400));
        assert!(candle.get("high").is_none() && candle.get("low").is_none(), "no unsupported extremes: {candle}");
    }

    // SUI listed in 2023: the ratio starts at its first candle.
    let sui = shared_csv_rows("1d/SUIUSDT-1d.csv");
    let (_, body) = app.get("/api/v1/ratios?base=SUIUSDT&quote=BTCUSDT&interval=1d&from=0&limit=1").await;
    assert_eq!(body["candles"][0]["open_time"].as_i64(), Some(sui[0].0));
    Ok(())
}

#[tokio::test]
async fn ratio_errors() -> TestResult {
    let app = TestApp::spawn(&["1d/ETHUSDT-1d.csv", "1d/BTCUSDT-1d.csv"]).await;
    assert_eq!(
        app.get_error("/api/v1/ratios?base=ETHUSDT&quote=NOPEUSDT&interval=1d").await,
        (404, "unknown_symbol".to_owned())
    );
    assert_eq!(
        app.get_error("/api/v1/ratios?base=ETHUSDT&quote=ETHUSDT&interval=1d").await,
        (400, "invalid_input".to_owned())
    );
    assert_eq!(
        app.get_error("/api/v1/ratios?base=ETHUSDT&quote=BTCUSDT&interval=1h").await,
        (404, "no_candles".to_owned())
    );
    assert_eq!(app.get_error("/api/v1/ratios?base=ETHUSDT&interval=1d").await, (400, "invalid_query".to_owned()));
    Ok(())
}
