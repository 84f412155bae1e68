//! Orders through HTTP: refused in readonly mode; in paper mode, idempotency keys
//! (required, replayed, refused when reused with another order, in progress under
//! concurrency), cancellation and bad input.

use api::TradingMode;
use serde_json::{Value, json};

use crate::helpers::*;

const SEED: &[&str] = &["1d/BTCUSDT-1d.csv", "1d/ETHUSDT-1d.csv"];
const ORDERS: &str = "/api/v1/workspaces/local-workspace/orders";

async fn paper_app() -> TestApp {
    TestApp::spawn_with(TestOptions { seed: SEED, trading_mode: TradingMode::Paper, ..TestOptions::default() }).await
}

/// Status, raw body and whether the response says it is a replay.
async fn post_order(session: &Session, path: &str, key: Option<&str>, body: &Value) -> (u16, String, bool) {
    let mut request = session.client.post(format!("{}{path}", session.address)).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let response = request.send().await.unwrap_or_else(|error| panic!("POST {path}: {error}"));
    let status = response.status().as_u16();
    let replayed = response.headers().get("idempotency-replayed").is_some_and(|value| value == "true");
    let text = response.text().await.unwrap_or_else(|error| panic!("POST {path}: {error}"));
    (status, text, replayed)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

fn market_buy(quantity: &str) -> Value {
    json!({"symbol": "BTCUSDT", "side": "buy", "quantity": quantity, "type": "market"})
}

#[tokio::test]
async fn readonly_mode_lists_orders_but_refuses_to_create_or_cancel_them() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    for path in [ORDERS, "/api/v1/orders"] {
        let (status, text, _) = post_order(&session, path, Some("key-1"), &market_buy("1")).await;
        assert_eq!((status, error_code(path, &parse(&text)).as_str()), (403, "trading_disabled"), "{path}");
        // Also without a key: the mode is checked first.
        let (status, text, _) = post_order(&session, path, None, &market_buy("1")).await;
        assert_eq!((status, error_code(path, &parse(&text)).as_str()), (403, "trading_disabled"), "{path}");
    }
    let (status, body) = session.send(reqwest::Method::DELETE, &format!("{ORDERS}/some-order"), None).await;
    assert_eq!((status, error_code("delete", &body).as_str()), (403, "trading_disabled"));
    for path in [ORDERS, "/api/v1/orders"] {
        let (status, body) = session.get(path).await;
        assert_eq!((status, &body["orders"]), (200, &json!([])), "{path}");
    }
    Ok(())
}

#[tokio::test]
async fn an_order_is_created_once_per_idempotency_key_and_replayed_after() -> TestResult {
    let app = paper_app().await;
    let session = app.session();
    let limit =
        json!({"symbol": "ETHUSDT", "side": "sell", "quantity": "1.50", "type": "limit", "limit_price": "3500"});
    let (status, first, replayed) = post_order(&session, ORDERS, Some("order-1"), &limit).await;
    assert_eq!((status, replayed), (201, false), "{first}");
    let order = parse(&first);
    let fields = ["symbol", "side", "quantity", "type", "limit_price", "status", "workspace_id", "created_by"];
    let found: Vec<Value> = fields.iter().map(|name| order[*name].clone()).collect();
    assert_eq!(
        found,
        [
            json!("ETHUSDT"),
            json!("sell"),
            json!("1.5"),
            json!("limit"),
            json!("3500"),
            json!("accepted"),
            json!("local-workspace"),
            json!("local-user")
        ]
    );

    // The same order again, even spelled differently, replays the first response.
    let (status, again, replayed) = post_order(&session, ORDERS, Some("order-1"), &limit).await;
    assert_eq!((status, again.as_str(), replayed), (201, first.as_str(), true));
    let respelled = json!({"limit_price": 3500, "type": "LIMIT", "quantity": 1.5, "side": "Sell", "symbol": "ethusdt"});
    let (status, again, _) = post_order(&session, ORDERS, Some("order-1"), &respelled).await;
    assert_eq!((status, again.as_str()), (201, first.as_str()));

    // The same key with another order is refused; another key makes another order.
    let (status, text, _) = post_order(&session, ORDERS, Some("order-1"), &market_buy("1")).await;
    assert_eq!((status, error_code("reused", &parse(&text)).as_str()), (422, "idempotency_key_reused"));
    let (status, second, _) = post_order(&session, ORDERS, Some("order-2"), &market_buy("1")).await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(parse(&second)["limit_price"], Value::Null);

    // The legacy route acts on the default workspace, with its own keys per workspace.
    let (status, legacy, _) = post_order(&session, "/api/v1/orders", Some("order-3"), &market_buy("2")).await;
    assert_eq!((status, parse(&legacy)["workspace_id"].as_str()), (201, Some("local-workspace")));
    let (_, listed) = session.get(ORDERS).await;
    let ids: Vec<&str> = listed["orders"].as_array().ok_or("orders")?.iter().filter_map(|o| o["id"].as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(session.get("/api/v1/orders").await.1, listed);
    assert_eq!(listed["orders"][0], order);

    // Cancelling works once.
    let id = order["id"].as_str().ok_or("id")?;
    let (status, cancelled) = session.send(reqwest::Method::DELETE, &format!("{ORDERS}/{id}"), None).await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")), "{cancelled}");
    let (status, body) = session.send(reqwest::Method::DELETE, &format!("{ORDERS}/{id}"), None).await;
    assert_eq!((status, error_code("cancel twice", &body).as_str()), (409, "invalid_transition"));
    let (status, body) = session.send(reqwest::Method::DELETE, &format!("{ORDERS}/no-such-order"), None).await;
    assert_eq!((status, error_code("unknown order", &body).as_str()), (404, "order_not_found"));
    // A replay still answers what was answered first.
    let (_, again, _) = post_order(&session, ORDERS, Some("order-1"), &limit).await;
    assert_eq!(again, first);
    Ok(())
}

#[tokio::test]
async fn sixteen_concurrent_identical_requests_create_exactly_one_order() -> TestResult {
    let app = paper_app().await;
    let session = app.session();
    let requests: Vec<_> = (0..16)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { post_order(&session, ORDERS, Some("burst"), &market_buy("0.25")).await })
        })
        .collect();
    let mut created = Vec::new();
    for request in requests {
        let (status, text, _) = request.await?;
        match status {
            201 => created.push(text),
            409 => assert_eq!(error_code("in progress", &parse(&text)), "idempotency_key_in_progress"),
            other => panic!("unexpected {other}: {text}"),
        }
    }
    assert!(!created.is_empty());
    assert!(created.iter().all(|text| text == &created[0]), "every 201 is the same order: {created:?}");
    let (_, listed) = session.get(ORDERS).await;
    assert_eq!(listed["orders"].as_array().map(Vec::len), Some(1), "{listed}");
    assert_eq!(listed["orders"][0], parse(&created[0]));
    // Once the first request is done, the key replays.
    let (status, text, replayed) = post_order(&session, ORDERS, Some("burst"), &market_buy("0.25")).await;
    assert_eq!((status, text.as_str(), replayed), (201, created[0].as_str(), true));
    Ok(())
}

/// A case name, the key, the body, and the status, code and field expected.
type BadOrder<'a> = (&'a str, Option<&'a str>, Value, u16, &'a str, Option<&'a str>);

#[tokio::test]
async fn bad_orders_and_keys_get_4xx_with_codes() -> TestResult {
    let app = paper_app().await;
    let session = app.session();
    let long_key = "k".repeat(256);
    let cases: Vec<BadOrder<'_>> = vec![
        ("no key", None, market_buy("1"), 400, "idempotency_key_required", Some("Idempotency-Key")),
        ("empty key", Some(""), market_buy("1"), 400, "invalid_idempotency_key", Some("Idempotency-Key")),
        ("long key", Some(long_key.as_str()), market_buy("1"), 400, "invalid_idempotency_key", Some("Idempotency-Key")),
        (
            "unknown symbol",
            Some("k1"),
            json!({"symbol": "NOPEUSDT", "side": "buy", "quantity": "1", "type": "market"}),
            404,
            "unknown_symbol",
            Some("symbol"),
        ),
        ("zero quantity", Some("k2"), market_buy("0"), 400, "invalid_input", Some("quantity")),
        ("non-numeric quantity", Some("k3"), market_buy("some"), 400, "invalid_input", Some("quantity")),
        (
            "unknown side",
            Some("k4"),
            json!({"symbol": "BTCUSDT", "side": "long", "quantity": "1", "type": "market"}),
            400,
            "invalid_input",
            Some("side"),
        ),
        (
            "unknown type",
            Some("k5"),
            json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "stop"}),
            400,
            "invalid_input",
            Some("type"),
        ),
        (
            "limit without price",
            Some("k6"),
            json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "limit"}),
            400,
            "invalid_input",
            Some("limit_price"),
        ),
        (
            "market with price",
            Some("k7"),
            json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "market", "limit_price": "1"}),
            400,
            "invalid_input",
            Some("limit_price"),
        ),
        (
            "negative limit",
            Some("k8"),
            json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "limit", "limit_price": -5}),
            400,
            "invalid_input",
            Some("limit_price"),
        ),
        (
            "unknown field",
            Some("k9"),
            json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "market", "tif": "gtc"}),
            400,
            "invalid_json",
            None,
        ),
    ];
    for (name, key, body, status, code, field) in cases {
        let (found, text, _) = post_order(&session, ORDERS, key, &body).await;
        let answer = parse(&text);
        assert_eq!((found, error_code(name, &answer).as_str()), (status, code), "{name}: {text}");
        assert_eq!(answer["error"]["field"].as_str(), field, "{name}: {text}");
    }
    assert_eq!(session.get(ORDERS).await.1["orders"], json!([]), "nothing was written");
    // A refused request does not claim its key: the corrected order goes through.
    let (status, text, _) = post_order(&session, ORDERS, Some("k2"), &market_buy("1")).await;
    assert_eq!(status, 201, "{text}");
    Ok(())
}
