//! Backtests through HTTP on real daily data: ma_cross against a naive recomputation,
//! buy-and-hold by hand, relative momentum, determinism, storage per workspace, errors.

use serde_json::{Value, json};

use crate::helpers::*;

const BTC: &str = "1d/BTCUSDT-1d.csv";
// 2020-01-01 and 2025-01-01 00:00 UTC.
const FROM: i64 = 1_577_836_800;
const TO: i64 = 1_735_689_600;

fn rows_in_range(file: &str) -> Vec<(i64, [f64; 5])> {
    shared_csv_rows(file).into_iter().filter(|(open, _)| (FROM..TO).contains(open)).collect()
}

fn sma(values: &[f64], end: usize, length: usize) -> f64 {
    values[end + 1 - length..=end].iter().sum::<f64>() / length as f64
}

#[tokio::test]
async fn ma_cross_on_btc_matches_a_naive_recomputation() -> TestResult {
    let app = TestApp::spawn(&[BTC]).await;
    let body = json!({"strategy_id": "ma_cross", "symbol": "BTCUSDT", "interval": "1d", "from": FROM, "to": TO, "initial_capital": 10000});
    let (status, detail) = app.post("/api/v1/workspaces/local-workspace/backtests", &body).await;
    assert_eq!(status, 201, "{detail}");
    let rows = rows_in_range(BTC);
    assert_eq!(detail["data_range"]["first_open_time"].as_i64(), Some(FROM));
    assert_eq!(detail["data_range"]["last_close_time"].as_i64(), Some(rows[rows.len() - 1].0 + 86_400));
    assert_eq!(detail["data_range"]["bar_count"].as_u64(), Some(rows.len() as u64));
    assert_eq!(
        detail["request"]["strategy"]["params"],
        json!({"fast": 20, "slow": 50, "ma_type": "sma", "allow_short": false})
    );
    assert_eq!(detail["conventions"]["fee_bps"].as_f64(), Some(10.0));
    assert_eq!(detail["conventions"]["fill_at"], "next_open");
    assert_eq!(detail["conventions"]["periods_per_year"].as_f64(), Some(365.0));
    assert!(detail["conventions"]["rules"].as_array().is_some_and(|rules| rules.len() >= 5));

    // Naive crosses: fast(t-1) <= slow(t-1) and fast(t) > slow(t) -> long from the next open.
    let closes: Vec<f64> = rows.iter().map(|(_, v)| v[3]).collect();
    let mut expected_entries = Vec::new();
    for t in 50..closes.len() - 1 {
        let (fast_before, slow_before) = (sma(&closes, t - 1, 20), sma(&closes, t - 1, 50));
        let (fast_now, slow_now) = (sma(&closes, t, 20), sma(&closes, t, 50));
        if fast_before <= slow_before && fast_now > slow_now {
            expected_entries.push(rows[t + 1].0);
        }
    }
    let id = detail["id"].as_str().ok_or("id")?;
    let (_, trades) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{id}/trades")).await;
    let trades = trades["trades"].as_array().ok_or("trades")?;
    let entries: Vec<i64> = trades.iter().filter_map(|t| t["entry_time"].as_i64()).collect();
    // Near a cross, the rolling sums of the engine and the fresh sums here could in principle
    // differ in the last bit; on this data they agree on every cross.
    assert_eq!(entries, expected_entries);
    assert!(trades.iter().all(|t| t["side"] == "long"));
    for trade in trades {
        let entry = trade["entry_time"].as_i64().ok_or("entry")?;
        let open = rows.iter().find(|(time, _)| *time == entry).map(|(_, v)| v[0]).ok_or("entry bar")?;
        assert_eq!(trade["entry_price"].as_f64(), Some(open), "fills at the next open, no slippage");
    }

    // The equity curve: one point at the first open, then one per bar.
    let (_, equity) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{id}/equity")).await;
    let points = equity["points"].as_array().ok_or("points")?;
    assert_eq!(points.len(), rows.len() + 1);
    assert_eq!(points[0]["equity"].as_f64(), Some(10_000.0));
    let last = points[points.len() - 1]["equity"].as_f64().ok_or("last")?;
    let total_return = detail["metrics"]["total_return"].as_f64().ok_or("total_return")?;
    assert!((total_return - (last / 10_000.0 - 1.0)).abs() < 1e-12);

    // The benchmark by hand: buy at bar 1's open with the fee, sell at the last close with the fee.
    let quantity = 10_000.0 / (rows[1].1[0] * 1.001);
    let final_equity = quantity * closes[closes.len() - 1] * (1.0 - 0.001);
    let benchmark = detail["benchmark"]["total_return"].as_f64().ok_or("benchmark")?;
    assert!(
        (benchmark - (final_equity / 10_000.0 - 1.0)).abs() < 1e-9,
        "{benchmark} vs {}",
        final_equity / 10_000.0 - 1.0
    );
    let max_drawdown = detail["metrics"]["max_drawdown"].as_f64().ok_or("drawdown")?;
    assert!((0.0..1.0).contains(&max_drawdown));
    Ok(())
}

#[tokio::test]
async fn buy_and_hold_with_slippage_and_close_fills() -> TestResult {
    let app = TestApp::spawn(&[BTC]).await;
    // Ten days of January 2024, filled at the close, 5 bps fee, 20 bps slippage.
    let (from, to) = (1_704_067_200_i64, 1_704_067_200 + 10 * 86_400);
    let body = json!({"strategy_id": "buy_and_hold", "symbol": "BTCUSDT", "interval": "1d", "from": from, "to": to,
        "initial_capital": 1000, "fee_bps": 5, "slippage_bps": 20, "fill_at": "close"});
    let (status, detail) = app.post("/api/v1/backtests", &body).await;
    assert_eq!(status, 201, "{detail}");
    let rows: Vec<(i64, [f64; 5])> = shared_csv_rows(BTC).into_iter().filter(|(t, _)| (from..to).contains(t)).collect();
    assert_eq!(rows.len(), 10);
    // Bought at bar 0's close x 1.002, quantity = 1000 / (price x 1.0005); sold at the last
    // close x 0.998 less the fee.
    let buy = rows[0].1[3] * 1.002;
    let quantity = 1000.0 / (buy * 1.0005);
    let sell = rows[9].1[3] * 0.998;
    let final_equity = quantity * sell * (1.0 - 0.0005);
    let metrics = &detail["metrics"];
    assert!((metrics["final_equity"].as_f64().ok_or("final")? - final_equity).abs() < 1e-9);
    assert_eq!(metrics["trade_count"].as_u64(), Some(1));
    let id = detail["id"].as_str().ok_or("id")?;
    let (_, trades) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{id}/trades")).await;
    let trade = &trades["trades"][0];
    assert_eq!(trade["closed_at_end"], true);
    assert!((trade["entry_price"].as_f64().ok_or("entry")? - buy).abs() < 1e-9);
    assert!((trade["exit_price"].as_f64().ok_or("exit")? - sell).abs() < 1e-9);
    // The legacy GET reads it back from the default workspace.
    let (status, again) = app.get(&format!("/api/v1/backtests/{id}")).await;
    assert_eq!((status, &again["metrics"]), (200, metrics));
    Ok(())
}

const LAYER_ONE: &[&str] = &[
    "1d/BTCUSDT-1d.csv",
    "1d/ETHUSDT-1d.csv",
    "1d/SOLUSDT-1d.csv",
    "1d/ADAUSDT-1d.csv",
    "1d/AVAXUSDT-1d.csv",
    "1d/DOTUSDT-1d.csv",
    "1d/ATOMUSDT-1d.csv",
    "1d/NEARUSDT-1d.csv",
    "1d/DOGEUSDT-1d.csv",
];

#[tokio::test]
async fn relative_momentum_on_layer_one_is_deterministic_and_point_in_time() -> TestResult {
    let app = TestApp::spawn(LAYER_ONE).await;
    let body = json!({"category": "Layer 1", "strategy": "relative_momentum", "interval": "1d", "quote_asset": "USDT",
        "initial_capital": 10000, "long_count": 2, "short_count": 2, "from": FROM, "to": TO});
    let (status, first) =
        app.post("/api/v1/workspaces/local-workspace/backtests/category-relative-momentum", &body).await;
    assert_eq!(status, 201, "{first}");
    // DOGE is not Layer 1; the eight others are.
    let symbols = first["data_range"]["symbols"].as_array().ok_or("symbols")?;
    assert_eq!(symbols.len(), 8);
    assert!(!symbols.contains(&json!("DOGEUSDT")));
    assert_eq!(
        first["request"]["params"],
        json!({"lookback": 30, "rebalance_every": 7, "long_count": 2, "short_count": 2})
    );

    let id = first["id"].as_str().ok_or("id")?;
    let (_, rebalances) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{id}/rebalances")).await;
    let rebalances = rebalances["rebalances"].as_array().ok_or("rebalances")?;
    assert!(rebalances.len() > 200, "weekly over five years: {}", rebalances.len());
    let closes_of = |symbol: &str| -> Vec<(i64, f64)> {
        shared_csv_rows(&format!("1d/{symbol}-1d.csv")).into_iter().map(|(t, v)| (t, v[3])).collect()
    };
    for rebalance in rebalances.iter().take(3) {
        let longs = rebalance["longs"].as_array().ok_or("longs")?;
        let shorts = rebalance["shorts"].as_array().ok_or("shorts")?;
        assert_eq!((longs.len(), shorts.len()), (2, 2));
        for long in longs {
            assert_eq!(long["weight"].as_f64(), Some(0.25));
        }
        for short in shorts {
            assert_eq!(short["weight"].as_f64(), Some(-0.25));
        }
        assert!(longs[0]["score"].as_f64() >= longs[1]["score"].as_f64());
        assert!(longs[1]["score"].as_f64() >= shorts[0]["score"].as_f64());
        // The score from the decision bar's close and the close 30 bars earlier.
        let decision_open = rebalance["decision_time"].as_i64().ok_or("decision")? - 86_400;
        let symbol = longs[0]["symbol"].as_str().ok_or("symbol")?;
        let closes = closes_of(symbol);
        let index = closes.iter().position(|(t, _)| *t == decision_open).ok_or("decision bar")?;
        let expected = closes[index].1 / closes[index - 30].1 - 1.0;
        assert!((longs[0]["score"].as_f64().ok_or("score")? - expected).abs() < 1e-12, "{symbol}");
        assert_eq!(rebalance["fill_time"].as_i64(), Some(decision_open + 86_400), "filled at the next open");
    }

    // Determinism: the same request again gives the same numbers.
    let (_, second) = app.post("/api/v1/workspaces/local-workspace/backtests/category-relative-momentum", &body).await;
    assert_ne!(first["id"], second["id"]);
    assert_eq!(first["metrics"], second["metrics"]);
    assert_eq!(first["benchmark"], second["benchmark"]);
    let second_id = second["id"].as_str().ok_or("id")?;
    for part in ["equity", "trades", "rebalances"] {
        let (_, a) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{id}/{part}")).await;
        let (_, b) = app.get(&format!("/api/v1/workspaces/local-workspace/backtests/{second_id}/{part}")).await;
        assert_eq!(a, b, "{part}");
    }
    Ok(())
}

#[tokio::test]
async fn backtests_are_listed_deleted_and_kept_inside_their_workspace() -> TestResult {
    let app = TestApp::spawn(&[BTC]).await;
    let (_, other) = app.post("/api/v1/workspaces", &json!({"name": "Other", "default_quote_asset": "USDT"})).await;
    let other = other["id"].as_str().ok_or("id")?.to_owned();
    let body = json!({"strategy_id": "buy_and_hold", "symbol": "BTCUSDT", "interval": "1d", "initial_capital": 500});
    let (_, mine) = app.post(&format!("/api/v1/workspaces/{other}/backtests"), &body).await;
    let id = mine["id"].as_str().ok_or("id")?.to_owned();

    let (_, listed) = app.get(&format!("/api/v1/workspaces/{other}/backtests")).await;
    let listed = listed["backtests"].as_array().ok_or("list")?;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0]["strategy_id"].as_str(), listed[0]["subject"].as_str()),
        (Some("buy_and_hold"), Some("BTCUSDT"))
    );
    assert_eq!(listed[0]["summary"]["total_return"], mine["metrics"]["total_return"]);
    // Not through the default workspace, nor the legacy route.
    let (_, default_list) = app.get("/api/v1/workspaces/local-workspace/backtests").await;
    assert_eq!(default_list["backtests"], json!([]));
    assert_eq!(
        app.get_error(&format!("/api/v1/workspaces/local-workspace/backtests/{id}")).await,
        (404, "backtest_not_found".to_owned())
    );
    assert_eq!(app.get_error(&format!("/api/v1/backtests/{id}")).await, (404, "backtest_not_found".to_owned()));

    let (status, _) =
        app.session().send(reqwest::Method::DELETE, &format!("/api/v1/workspaces/{other}/backtests/{id}"), None).await;
    assert_eq!(status, 204);
    assert_eq!(
        app.get_error(&format!("/api/v1/workspaces/{other}/backtests/{id}/equity")).await,
        (404, "backtest_not_found".to_owned())
    );
    Ok(())
}

/// `base` with the fields of `patch` set.
fn with_fields(mut base: Value, patch: Value) -> Value {
    if let (Some(body), Some(patch)) = (base.as_object_mut(), patch.as_object()) {
        for (key, value) in patch {
            body.insert(key.clone(), value.clone());
        }
    }
    base
}

#[tokio::test]
async fn bad_backtest_requests_get_4xx_codes() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv", "1d/ETHUSDT-1d.csv", "1d/SOLUSDT-1d.csv"]).await;
    let single = |patch: Value| {
        with_fields(
            json!({"strategy_id": "ma_cross", "symbol": "BTCUSDT", "interval": "1d", "initial_capital": 10000}),
            patch,
        )
    };
    let momentum = |patch: Value| {
        let base = json!({"category": "Layer 1", "interval": "1d", "initial_capital": 10000, "long_count": 1, "short_count": 1});
        with_fields(base, patch)
    };
    let single_path = "/api/v1/workspaces/local-workspace/backtests";
    let momentum_path = "/api/v1/workspaces/local-workspace/backtests/category-relative-momentum";
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        (single_path, single(json!({"strategy_id": "martingale"})), 400, "unknown_strategy"),
        (single_path, single(json!({"symbol": "NOPEUSDT"})), 404, "unknown_symbol"),
        (single_path, single(json!({"symbol": "BTC/USDT"})), 400, "invalid_symbol"),
        (single_path, single(json!({"interval": "2d"})), 400, "invalid_interval"),
        (single_path, single(json!({"interval": "1h"})), 404, "no_candles"),
        (single_path, single(json!({"from": TO, "to": FROM})), 400, "invalid_range"),
        (single_path, single(json!({"from": FROM, "to": FROM})), 400, "invalid_range"),
        (single_path, single(json!({"initial_capital": 0})), 400, "invalid_input"),
        (single_path, single(json!({"initial_capital": -5})), 400, "invalid_input"),
        (single_path, single(json!({"initial_capital": 1e308})), 400, "invalid_input"),
        (single_path, single(json!({"params": {"fast": 50, "slow": 20}})), 400, "invalid_input"),
        (single_path, single(json!({"params": {"fast": 20, "slow": 20}})), 400, "invalid_input"),
        (single_path, single(json!({"params": {"fast": 0}})), 400, "invalid_input"),
        (single_path, single(json!({"params": {"speed": 3}})), 400, "invalid_input"),
        (single_path, single(json!({"params": {"ma_type": "wma"}})), 400, "invalid_input"),
        (single_path, single(json!({"fee_bps": -1})), 400, "invalid_input"),
        (single_path, single(json!({"fill_at": "tomorrow"})), 400, "invalid_input"),
        (single_path, single(json!({"fee_bps": "ten"})), 400, "invalid_json"),
        (single_path, single(json!({"leverage": 3})), 400, "invalid_json"),
        // 2024-01-01 .. 2024-01-31: 30 bars, ma_cross 20/50 needs 52.
        (single_path, single(json!({"from": 1_704_067_200, "to": 1_706_659_200})), 422, "not_enough_data"),
        (momentum_path, momentum(json!({"category": "Nope"})), 404, "unknown_category"),
        (momentum_path, momentum(json!({"strategy": "mean_reversion"})), 400, "unknown_strategy"),
        (momentum_path, momentum(json!({"long_count": 2, "short_count": 2})), 422, "universe_too_small"),
        (momentum_path, momentum(json!({"long_count": 0, "short_count": 0})), 400, "invalid_input"),
        (momentum_path, momentum(json!({"lookback": 0})), 400, "invalid_input"),
        (momentum_path, momentum(json!({"from": 1_704_067_200, "to": 1_705_276_800})), 422, "not_enough_data"),
        (momentum_path, momentum(json!({"initial_capital": 0})), 400, "invalid_input"),
    ];
    for (path, body, status, code) in cases {
        let (got_status, got) = app.post(path, &body).await;
        assert_eq!((got_status, error_code(path, &got).as_str()), (status, code), "{body}: {got}");
    }
    // The not-enough-data message says what was found and needed.
    let (_, body) = app.post(single_path, &single(json!({"from": 1_704_067_200, "to": 1_706_659_200}))).await;
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("30") && message.contains("52"), "{message}");
    // Nothing was stored by any of it.
    assert_eq!(app.get(single_path).await.1["backtests"], json!([]));
    Ok(())
}
