//! `GET /api/v1/scanner/uptrends` and `/scanner/ratio-uptrends` over real daily data.

use serde_json::Value;

use crate::helpers::*;

const SEED: &[&str] =
    &["1d/BTCUSDT-1d.csv", "1d/ETHUSDT-1d.csv", "1d/SOLUSDT-1d.csv", "1d/ADAUSDT-1d.csv", "1d/DOGEUSDT-1d.csv"];

/// The naive rule on a shared CSV as of `as_of` seconds: whether it is in uptrend at the
/// last candle closed by then, given that candle's close time.
fn naive_uptrend(file: &str, as_of: i64) -> Option<(i64, bool)> {
    let rows: Vec<(i64, [f64; 5])> =
        shared_csv_rows(file).into_iter().filter(|(open, _)| open + 86_400 <= as_of).collect();
    if rows.len() < 210 {
        return None;
    }
    let closes: Vec<f64> = rows.iter().map(|(_, values)| values[3]).collect();
    let n = closes.len();
    let mean = |from: usize, to: usize| closes[from..to].iter().sum::<f64>() / (to - from) as f64;
    let (fast, slow, earlier) = (mean(n - 50, n), mean(n - 200, n), mean(n - 60, n - 10));
    Some((rows[n - 1].0 + 86_400, closes[n - 1] > fast && fast > slow && fast > earlier))
}

#[tokio::test]
async fn uptrends_at_a_past_date_match_the_rule() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    // 2024-03-15: all five have a candle closing at 2024-03-15 00:00.
    let as_of = 1_710_460_800;
    let (status, body) = app
        .get(&format!("/api/v1/scanner/uptrends?interval=1d&quote_asset=USDT&as_of={as_of}&include_ineligible=true"))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["bar_close_time"].as_i64(), Some(as_of));
    assert_eq!(body["bar_open_time"].as_i64(), Some(as_of - 86_400));
    assert_eq!(body["rule"]["bars_needed"].as_u64(), Some(210));
    let hits: Vec<&str> =
        body["hits"].as_array().ok_or("hits")?.iter().filter_map(|hit| hit["symbol"].as_str()).collect();
    for file in SEED {
        let symbol = file.trim_start_matches("1d/").trim_end_matches("-1d.csv");
        let (bar, uptrend) = naive_uptrend(file, as_of).ok_or("history")?;
        assert_eq!(bar, as_of);
        assert_eq!(hits.contains(&symbol), uptrend, "{symbol}");
    }
    assert_eq!(body["judged"].as_u64(), Some(5));
    if let Some(hit) = body["hits"].as_array().and_then(|hits| hits.first()) {
        let close = hit["last_close"].as_f64().ok_or("close")?;
        let fast = hit["sma_fast"].as_f64().ok_or("fast")?;
        let distance = hit["distance_above_sma_fast_pct"].as_f64().ok_or("distance")?;
        assert!((distance - (close / fast - 1.0) * 100.0).abs() < 1e-9);
        assert!(hit["return_90"].as_f64().is_some());
    }
    Ok(())
}

#[tokio::test]
async fn ratio_uptrends_report_both_legs() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let (status, body) =
        app.get("/api/v1/scanner/ratio-uptrends?interval=1d&category=Layer%201&as_of=1710460800&limit=100").await;
    assert_eq!(status, 200, "{body}");
    // BTC, ETH, SOL and ADA are Layer 1: 12 ordered pairs.
    assert_eq!(body["candidates"].as_u64(), Some(12));
    for hit in body["hits"].as_array().ok_or("hits")? {
        assert!(hit["symbol"].is_string() && hit["quote_symbol"].is_string(), "{hit}");
        assert_ne!(hit["symbol"], hit["quote_symbol"]);
    }
    // A/B and B/A cannot both be rising.
    let pairs: Vec<(String, String)> = body["hits"]
        .as_array()
        .map(|hits| hits.iter().map(|h| (h["symbol"].to_string(), h["quote_symbol"].to_string())).collect())
        .unwrap_or_default();
    for (a, b) in &pairs {
        assert!(!pairs.contains(&(b.clone(), a.clone())), "{a}/{b} and its inverse");
    }
    let (status, body) =
        app.get("/api/v1/scanner/ratio-uptrends?interval=1d&category=Layer%201&base=BTCUSDT&as_of=1710460800").await;
    assert_eq!((status, body["candidates"].as_u64()), (200, Some(3)), "{body}");
    Ok(())
}

#[tokio::test]
async fn scanner_errors() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let cases = [
        ("/api/v1/scanner/uptrends?category=Nope", 404, "unknown_category"),
        ("/api/v1/scanner/uptrends?interval=2d", 400, "invalid_interval"),
        ("/api/v1/scanner/uptrends?as_of=1000", 400, "as_of_before_data"),
        ("/api/v1/scanner/uptrends?sma_fast=200&sma_slow=50", 400, "invalid_input"),
        ("/api/v1/scanner/uptrends?sma_fast=50&sma_slow=50", 400, "invalid_input"),
        ("/api/v1/scanner/uptrends?sma_fast=0", 400, "invalid_input"),
        ("/api/v1/scanner/uptrends?rising_lookback=0", 400, "invalid_input"),
        ("/api/v1/scanner/uptrends?sma_fast=-5", 400, "invalid_query"),
        ("/api/v1/scanner/uptrends?limit=0", 400, "invalid_limit"),
        ("/api/v1/scanner/uptrends?base=BTCUSDT", 400, "invalid_query"),
        ("/api/v1/scanner/uptrends?interval=1h", 404, "no_symbols"),
        ("/api/v1/scanner/ratio-uptrends?base=NOPEUSDT", 404, "unknown_symbol"),
        ("/api/v1/scanner/ratio-uptrends?base=BTC-USDT", 400, "invalid_symbol"),
    ];
    for (path, status, code) in cases {
        assert_eq!(app.get_error(path).await, (status, code.to_owned()), "{path}");
    }
    let (status, body): (u16, Value) = app.get("/api/v1/scanner/uptrends?quote_asset=BTC").await;
    assert_eq!(
        (status, error_code("BTC quote", &body).as_str()),
        (404, "no_symbols"),
        "no symbol quoted in BTC has candles"
    );
    Ok(())
}
