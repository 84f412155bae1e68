//! `GET /api/v1/candles`: values, ordering, windows, limits and paging.

use serde_json::Value;

use crate::helpers::*;

fn open_times(body: &Value) -> Vec<i64> {
    body["candles"]
        .as_array()
        .map(|candles| candles.iter().filter_map(|c| c["open_time"].as_i64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn candles_match_the_source_file_exactly() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv"]).await;
    let rows = shared_csv_rows("1d/BTCUSDT-1d.csv");
    // 2020-01-01 .. 2020-01-11: ten daily candles.
    let (status, body) = app.get("/api/v1/candles?symbol=BTCUSDT&interval=1d&from=1577836800&to=1578700800").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["symbol"].as_str(), body["interval"].as_str()), (Some("BTCUSDT"), Some("1d")));
    let candles = body["candles"].as_array().ok_or("no candles")?;
    assert_eq!(candles.len(), 10);
    for candle in candles {
        let open_time = candle["open_time"].as_i64().ok_or("open_time")?;
        let (_, [open, high, low, close, volume]) =
            rows.iter().find(|(time, _)| *time == open_time).ok_or("row not in the file")?;
        assert_eq!(candle["close_time"].as_i64(), Some(open_time + 86_400));
        let values: Vec<f64> =
            ["open", "high", "low", "close", "volume"].iter().filter_map(|field| candle[*field].as_f64()).collect();
        assert_eq!(values, vec![*open, *high, *low, *close, *volume], "{candle}");
        assert_eq!(candle["quote_volume"], Value::Null);
    }
    // Spot check: BTCUSDT opened 2020 at 7195.24 and closed its first day at 7200.85.
    assert_eq!((candles[0]["open"].as_f64(), candles[0]["close"].as_f64()), (Some(7195.24), Some(7200.85)));
    assert_eq!((body["next_from"].clone(), body["previous_to"].clone()), (Value::Null, Value::Null));
    Ok(())
}

#[tokio::test]
async fn windows_are_ascending_half_open_and_limited() -> TestResult {
    let app = TestApp::spawn(&["1h/ETHUSDT-1h.csv"]).await;
    let rows = shared_csv_rows("1h/ETHUSDT-1h.csv");
    let (from, to) = (rows[100].0, rows[110].0);

    let (_, body) = app.get(&format!("/api/v1/candles?symbol=ethusdt&interval=1h&from={from}&to={to}")).await;
    let expected: Vec<i64> = rows[100..110].iter().map(|(time, _)| *time).collect();
    assert_eq!(open_times(&body), expected);

    // With from: the first `limit` candles, and where to continue.
    let (_, body) = app.get(&format!("/api/v1/candles?symbol=ETHUSDT&interval=1h&from={from}&to={to}&limit=4")).await;
    assert_eq!(open_times(&body), expected[..4].to_vec());
    assert_eq!(body["next_from"].as_i64(), Some(expected[4]));
    assert_eq!(body["previous_to"], Value::Null);

    // Without from: the latest `limit` candles before `to`.
    let (_, body) = app.get(&format!("/api/v1/candles?symbol=ETHUSDT&interval=1h&to={to}&limit=3")).await;
    assert_eq!(open_times(&body), expected[7..].to_vec());
    assert_eq!(body["previous_to"].as_i64(), Some(expected[7]));

    // No bounds: the latest 500, ending with the file's last candle.
    let (_, body) = app.get("/api/v1/candles?symbol=ETHUSDT&interval=1h").await;
    let times = open_times(&body);
    assert_eq!(times.len(), 500);
    assert_eq!(times.last(), rows.last().map(|(time, _)| time));
    assert!(times.windows(2).all(|pair| pair[0] < pair[1]));

    // A range with no candles is an empty list, not an error.
    let (status, body) = app.get("/api/v1/candles?symbol=ETHUSDT&interval=1h&from=0&to=1000").await;
    assert_eq!((status, open_times(&body).len()), (200, 0));
    Ok(())
}

#[tokio::test]
async fn the_maximum_limit_is_served() -> TestResult {
    let app = TestApp::spawn(&["1m/BTCUSDT-1m.csv"]).await;
    let (status, body) = app.get("/api/v1/candles?symbol=BTCUSDT&interval=1m&from=0&limit=5000").await;
    assert_eq!(status, 200);
    assert_eq!(open_times(&body).len(), 5000);
    assert!(body["next_from"].as_i64().is_some());
    Ok(())
}
