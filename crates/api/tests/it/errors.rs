//! Bad input gets a 4xx JSON error with a stable code; never a 500.

use crate::helpers::*;

#[tokio::test]
async fn candle_errors_have_codes_and_statuses() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv"]).await;
    let cases = [
        ("/api/v1/candles?symbol=NOPEUSDT&interval=1d", 404, "unknown_symbol"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1h", 404, "no_candles"),
        ("/api/v1/candles?symbol=BTC-USDT&interval=1d", 400, "invalid_symbol"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=2d", 400, "invalid_interval"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1D", 400, "invalid_interval"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&from=100&to=100", 400, "invalid_range"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&from=200&to=100", 400, "invalid_range"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&limit=0", 400, "invalid_limit"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&limit=5001", 400, "invalid_limit"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&limit=-1", 400, "invalid_query"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&from=yesterday", 400, "invalid_query"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&from=99999999999999999999", 400, "invalid_query"),
        ("/api/v1/candles?interval=1d", 400, "invalid_query"),
        ("/api/v1/candles?symbol=BTCUSDT&interval=1d&colour=red", 400, "invalid_query"),
        ("/api/v1/nothing-here", 404, "not_found"),
    ];
    for (path, status, code) in cases {
        assert_eq!(app.get_error(path).await, (status, code.to_owned()), "{path}");
    }
    Ok(())
}

#[tokio::test]
async fn extreme_but_valid_bounds_are_not_errors() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv"]).await;
    for path in [
        "/api/v1/candles?symbol=BTCUSDT&interval=1d&from=-9223372036854775808&to=9223372036854775807",
        "/api/v1/candles?symbol=BTCUSDT&interval=1d&to=-1",
        "/api/v1/candles?symbol=BTCUSDT&interval=1d&from=9223372036854775806",
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    Ok(())
}

#[tokio::test]
async fn requests_for_other_host_names_are_refused() -> TestResult {
    // DNS rebinding: a foreign page reaching 127.0.0.1 under its own name.
    let app = TestApp::spawn(&[]).await;
    let response = app
        .client
        .get(format!("{}/api/v1/health", app.address))
        .header(reqwest::header::HOST, "evil.example:8000")
        .send()
        .await?;
    assert_eq!(response.status(), 421);
    let body: serde_json::Value = response.json().await?;
    assert_eq!(error_code("foreign host", &body), "unknown_host");
    let response = app
        .client
        .get(format!("{}/api/v1/health", app.address))
        .header(reqwest::header::HOST, "localhost:5173")
        .send()
        .await?;
    assert_eq!(response.status(), 200, "loopback names on any port, for the dev proxy");
    Ok(())
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405_with_allow() -> TestResult {
    let app = TestApp::spawn(&[]).await;
    let response = app.client.delete(format!("{}/api/v1/health", app.address)).send().await?;
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET"));
    let body: serde_json::Value = response.json().await?;
    assert_eq!(error_code("delete health", &body), "method_not_allowed");
    let response =
        app.client.put(format!("{}/api/v1/workspaces/local-workspace/trade-plans", app.address)).send().await?;
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET, POST"));
    assert_eq!(app.get_error("/api/v1/no/such/path").await, (404, "not_found".to_owned()));
    Ok(())
}
