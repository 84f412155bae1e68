//! Paper trading through HTTP: hand-worked P&L of single, pair and basket plans (long and
//! short, with fees), the lifecycle, latest-close marks from the real files, bad input,
//! workspace isolation, the legacy routes, the configured starting cash, and restarts.

use api::{Application, AuthMode, TradingMode};
use paper_trading::StartingCash;
use serde_json::{Value, json};

use crate::helpers::*;

const SEED: &[&str] = &["1d/BTCUSDT-1d.csv", "1d/ETHUSDT-1d.csv", "1d/SOLUSDT-1d.csv"];
const PLANS: &str = "/api/v1/workspaces/local-workspace/trade-plans";
const ACCOUNTS: &str = "/api/v1/workspaces/local-workspace/accounts";

fn leg(symbol: &str, side: &str, quantity: &str, price: &str) -> Value {
    json!({"symbol": symbol, "side": side, "planned_quantity": quantity, "planned_entry_price": price})
}

async fn create_plan(session: &Session, plans: &str, body: &Value) -> Result<String, Box<dyn std::error::Error>> {
    let (status, plan) = session.post(plans, body).await;
    assert_eq!(status, 201, "{plan}");
    assert_eq!(plan["status"], "planned");
    Ok(plan["id"].as_str().ok_or("plan id")?.to_owned())
}

/// Paper-opens or paper-closes a plan; panics unless it succeeds.
async fn execute(session: &Session, plans: &str, id: &str, action: &str, body: &Value) -> Value {
    let (status, answer) = session.post(&format!("{plans}/{id}/{action}"), body).await;
    assert_eq!(status, 200, "{action}: {answer}");
    answer
}

/// (side, price, notional, fee, mark source) of each fill.
fn fill_summary(fills: &Value) -> Vec<(String, String, String, String, String)> {
    let text = |fill: &Value, name: &str| fill[name].as_str().unwrap_or_default().to_owned();
    fills
        .as_array()
        .map(|fills| {
            fills
                .iter()
                .map(|f| {
                    (text(f, "side"), text(f, "price"), text(f, "notional"), text(f, "fee"), text(f, "mark_source"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn fill(side: &str, price: &str, notional: &str, fee: &str, source: &str) -> (String, String, String, String, String) {
    (side.to_owned(), price.to_owned(), notional.to_owned(), fee.to_owned(), source.to_owned())
}

/// (gross, fees, net, r multiple) of a P&L body.
fn totals(pnl: &Value) -> (Value, Value, Value, Value) {
    (pnl["gross_pnl"].clone(), pnl["fees"].clone(), pnl["net_pnl"].clone(), pnl["r_multiple"].clone())
}

/// The close of the last row of a shared-data CSV, as the file writes it.
fn last_close_text(relative: &str) -> String {
    let text =
        std::fs::read_to_string(shared_data().join(relative)).unwrap_or_else(|error| panic!("{relative}: {error}"));
    let last = text.lines().last().unwrap_or_default();
    last.split(',').nth(4).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn single_plans_long_and_short_have_hand_worked_pnl_and_move_the_account() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    // Long 0.5 BTC: open at 60000 with 5 bps (notional 30000, fee 15).
    let long = json!({"trade_type": "single", "strategy_tag": "breakout", "max_risk_amount": "1000",
                      "legs": [leg("BTCUSDT", "long", "0.5", "59000")]});
    let long_id = create_plan(&session, PLANS, &long).await?;
    let opened =
        execute(&session, PLANS, &long_id, "paper-open", &json!({"mark_prices": {"BTCUSDT": 60000}, "fee_bps": 5}))
            .await;
    assert_eq!(opened["plan"]["status"], "open");
    assert_eq!(fill_summary(&opened["fills"]), [fill("buy", "60000", "30000", "15", "given")]);

    // Unrealized at a given mark of 61000: gross 500, fees 15 (entry only), net 485, R 0.485.
    let (status, pnl) = session.get(&format!("{PLANS}/{long_id}/pnl?marks=BTCUSDT:61000")).await;
    assert_eq!(status, 200, "{pnl}");
    assert_eq!(pnl["kind"], "unrealized");
    assert_eq!(totals(&pnl), (json!("500"), json!("15"), json!("485"), json!("0.485")));
    assert_eq!(pnl["legs"][0]["exit_price_source"], "given");

    // Close at 62000 with 5 bps (notional 31000, fee 15.5): realized 1000 - 30.5 = 969.5.
    let closed = execute(
        &session,
        PLANS,
        &long_id,
        "paper-close",
        &json!({"mark_prices": {"BTCUSDT": "62000"}, "fee_bps": "5"}),
    )
    .await;
    assert_eq!(closed["plan"]["status"], "closed");
    assert_eq!(fill_summary(&closed["fills"]), [fill("sell", "62000", "31000", "15.5", "given")]);
    let (_, pnl) = session.get(&format!("{PLANS}/{long_id}/pnl")).await;
    assert_eq!(pnl["kind"], "realized");
    assert_eq!(totals(&pnl), (json!("1000"), json!("30.5"), json!("969.5"), json!("0.9695")));

    // Short 2 ETH: sell at 3000 with 10 bps (6000, fee 6), buy back at 2900 (5800, fee 5.8):
    // (3000 - 2900) x 2 = 200 gross, 11.8 fees, 188.2 net; no maximum risk, no R.
    let short = json!({"trade_type": "single", "legs": [leg("ETHUSDT", "short", "2", "3000")]});
    let short_id = create_plan(&session, PLANS, &short).await?;
    execute(&session, PLANS, &short_id, "paper-open", &json!({"mark_prices": {"ETHUSDT": "3000"}, "fee_bps": 10}))
        .await;
    let (_, pnl) = session.get(&format!("{PLANS}/{short_id}/pnl?marks=ETHUSDT:3100")).await;
    assert_eq!(totals(&pnl), (json!("-200"), json!("6"), json!("-206"), Value::Null));
    execute(&session, PLANS, &short_id, "paper-close", &json!({"mark_prices": {"ETHUSDT": "2900"}, "fee_bps": 10}))
        .await;
    let (_, pnl) = session.get(&format!("{PLANS}/{short_id}/pnl")).await;
    assert_eq!(totals(&pnl), (json!("200"), json!("11.8"), json!("188.2"), Value::Null));
    let (_, fills) = session.get(&format!("{PLANS}/{short_id}/fills")).await;
    assert_eq!(
        fill_summary(&fills["fills"]),
        [fill("sell", "3000", "6000", "6", "given"), fill("buy", "2900", "5800", "5.8", "given")]
    );
    assert_eq!((fills["fills"][0]["kind"].as_str(), fills["fills"][1]["kind"].as_str()), (Some("entry"), Some("exit")));

    // Cash: 100000 - 30015 + 30984.5 + 5994 - 5805.8 = 101157.7 = 100000 + 1200 - 42.3.
    let (status, accounts) = session.get(ACCOUNTS).await;
    assert_eq!(status, 200, "{accounts}");
    let account = &accounts["accounts"][0];
    assert_eq!((account["id"].as_str(), account["quote_asset"].as_str()), (Some("paper-main"), Some("USDT")));
    let amounts = ["starting_cash", "cash", "equity", "realized_pnl_before_fees", "fees_paid", "open_positions"];
    let found: Vec<Value> = amounts.iter().map(|name| account[*name].clone()).collect();
    assert_eq!(found, [json!("100000"), json!("101157.7"), json!("101157.7"), json!("1200"), json!("42.3"), json!(0)]);
    Ok(())
}

#[tokio::test]
async fn pair_and_basket_plans_have_hand_worked_pnl_and_the_ledger_balances() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    // Long 3 ETH / short 0.1 BTC, 5 bps. Open: ETH buy 9000 (fee 4.5), BTC sell 6000 (fee 3).
    let pair = json!({"trade_type": "pair", "max_risk_amount": "300",
                      "legs": [leg("ETHUSDT", "long", "3", "3000"), leg("BTCUSDT", "short", "0.1", "60000")]});
    let pair_id = create_plan(&session, PLANS, &pair).await?;
    let opened = execute(
        &session,
        PLANS,
        &pair_id,
        "paper-open",
        &json!({"mark_prices": {"ETHUSDT": "3000", "BTCUSDT": "60000"}, "fee_bps": "5"}),
    )
    .await;
    assert_eq!(
        fill_summary(&opened["fills"]),
        [fill("buy", "3000", "9000", "4.5", "given"), fill("sell", "60000", "6000", "3", "given")]
    );

    // While open, the positions are valued at the given marks; the ledger identity holds:
    // cash + sum(quantity x average entry) = starting cash + realized - fees.
    let (status, positions) =
        session.get(&format!("{ACCOUNTS}/paper-main/positions?marks=ETHUSDT:3100,BTCUSDT:61000")).await;
    assert_eq!(status, 200, "{positions}");
    let rows: Vec<(Value, Value, Value, Value)> = positions["positions"]
        .as_array()
        .ok_or("positions")?
        .iter()
        .map(|p| {
            (p["symbol"].clone(), p["quantity"].clone(), p["average_entry_price"].clone(), p["unrealized_pnl"].clone())
        })
        .collect();
    assert_eq!(
        rows,
        [
            (json!("BTCUSDT"), json!("-0.1"), json!("60000"), json!("-100")),
            (json!("ETHUSDT"), json!("3"), json!("3000"), json!("300"))
        ]
    );
    let (_, accounts) = session.get(&format!("{ACCOUNTS}?marks=ETHUSDT:3100,BTCUSDT:61000")).await;
    let account = &accounts["accounts"][0];
    // 100000 - 9004.5 + 5997 = 96992.5; the bases 9000 - 6000 = 3000; 96992.5 + 3000 = 100000 - 7.5.
    assert_eq!((account["cash"].as_str(), account["fees_paid"].as_str()), (Some("96992.5"), Some("7.5")));
    // Equity at the marks: 96992.5 + 3 x 3100 - 0.1 x 61000 = 100192.5.
    assert_eq!((account["equity"].as_str(), account["unrealized_pnl"].as_str()), (Some("100192.5"), Some("200")));

    // Close: ETH sell 9900 (fee 4.95), BTC buy 6300 (fee 3.15). Gross 900 - 300 = 600,
    // fees 15.6, net 584.4, R 584.4 / 300 = 1.948.
    execute(
        &session,
        PLANS,
        &pair_id,
        "paper-close",
        &json!({"mark_prices": {"ETHUSDT": "3300", "BTCUSDT": "63000"}, "fee_bps": 5}),
    )
    .await;
    let (_, pnl) = session.get(&format!("{PLANS}/{pair_id}/pnl")).await;
    assert_eq!(totals(&pnl), (json!("600"), json!("15.6"), json!("584.4"), json!("1.948")));
    let legs: Vec<(Value, Value)> = pnl["legs"]
        .as_array()
        .ok_or("legs")?
        .iter()
        .map(|leg| (leg["gross_pnl"].clone(), leg["fees"].clone()))
        .collect();
    assert_eq!(legs, [(json!("900"), json!("9.45")), (json!("-300"), json!("6.15"))]);

    // Basket, 7.5 bps: long 0.01 BTC, long 0.5 ETH, short 10 SOL.
    // Open at 50000 / 2500 / 100: notionals 500, 1250, 1000; fees 0.375, 0.9375, 0.75.
    // Close at 55000 / 2400 / 90: notionals 550, 1200, 900; fees 0.4125, 0.9, 0.675.
    // Gross 50 - 50 + 100 = 100; fees 4.05; net 95.95.
    let basket = json!({"trade_type": "basket", "legs": [
        leg("BTCUSDT", "long", "0.01", "50000"), leg("ETHUSDT", "long", "0.5", "2500"), leg("SOLUSDT", "short", "10", "100")]});
    let basket_id = create_plan(&session, PLANS, &basket).await?;
    let opened = execute(
        &session,
        PLANS,
        &basket_id,
        "paper-open",
        &json!({"mark_prices": {"BTCUSDT": 50000, "ETHUSDT": 2500, "SOLUSDT": 100}, "fee_bps": 7.5}),
    )
    .await;
    let fees: Vec<&str> = opened["fills"].as_array().ok_or("fills")?.iter().filter_map(|f| f["fee"].as_str()).collect();
    assert_eq!(fees, ["0.375", "0.9375", "0.75"]);
    execute(
        &session,
        PLANS,
        &basket_id,
        "paper-close",
        &json!({"mark_prices": {"BTCUSDT": "55000", "ETHUSDT": "2400", "SOLUSDT": "90"}, "fee_bps": "7.5"}),
    )
    .await;
    let (_, pnl) = session.get(&format!("{PLANS}/{basket_id}/pnl")).await;
    assert_eq!(totals(&pnl), (json!("100"), json!("4.05"), json!("95.95"), Value::Null));

    // Everything closed: cash = starting cash + realized (600 + 100) - fees (15.6 + 4.05).
    let (_, accounts) = session.get(ACCOUNTS).await;
    let account = &accounts["accounts"][0];
    assert_eq!(
        (account["cash"].as_str(), account["realized_pnl_before_fees"].as_str(), account["fees_paid"].as_str()),
        (Some("100680.35"), Some("700"), Some("19.65"))
    );
    let (_, positions) = session.get(&format!("{ACCOUNTS}/paper-main/positions")).await;
    assert_eq!(positions["positions"], json!([]));
    Ok(())
}

#[tokio::test]
async fn legs_without_a_mark_fill_at_the_latest_close_of_the_market_data() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    let btc_close = last_close_text("1d/BTCUSDT-1d.csv");
    let eth_close = last_close_text("1d/ETHUSDT-1d.csv");
    assert_eq!((btc_close.as_str(), eth_close.as_str()), ("78741.09", "2822.59"));

    let pair = json!({"trade_type": "pair", "legs": [leg("BTCUSDT", "long", "1", "80000"), leg("ETHUSDT", "short", "10", "3000")]});
    let id = create_plan(&session, PLANS, &pair).await?;
    // BTC has a given mark, ETH has none: ETH fills at its last daily close.
    let opened = execute(&session, PLANS, &id, "paper-open", &json!({"mark_prices": {"BTCUSDT": "80000"}})).await;
    assert_eq!(
        fill_summary(&opened["fills"]),
        [fill("buy", "80000", "80000", "0", "given"), fill("sell", &eth_close, "28225.9", "0", "latest_close")]
    );
    // Unrealized without marks: both legs at their latest close.
    let (_, pnl) = session.get(&format!("{PLANS}/{id}/pnl")).await;
    let exits: Vec<(Value, Value)> = pnl["legs"]
        .as_array()
        .ok_or("legs")?
        .iter()
        .map(|leg| (leg["exit_price"].clone(), leg["exit_price_source"].clone()))
        .collect();
    assert_eq!(exits, [(json!(btc_close), json!("latest_close")), (json!(eth_close), json!("latest_close"))]);
    // (78741.09 - 80000) x 1 + (2822.59 - 2822.59) x 10 = -1258.91.
    assert_eq!(pnl["net_pnl"], "-1258.91");
    // The account values the open positions at the latest closes as well.
    let (_, positions) = session.get(&format!("{ACCOUNTS}/paper-main/positions")).await;
    let marks: Vec<(Value, Value)> = positions["positions"]
        .as_array()
        .ok_or("positions")?
        .iter()
        .map(|p| (p["mark"].clone(), p["mark_source"].clone()))
        .collect();
    assert_eq!(marks, [(json!(btc_close), json!("latest_close")), (json!(eth_close), json!("latest_close"))]);

    // Closing without marks at all: every exit is a latest close.
    let closed = execute(&session, PLANS, &id, "paper-close", &json!({"fee_bps": 0})).await;
    let sources: Vec<&str> =
        closed["fills"].as_array().ok_or("fills")?.iter().filter_map(|f| f["mark_source"].as_str()).collect();
    assert_eq!(sources, ["latest_close", "latest_close"]);
    assert_eq!(closed["fills"][0]["price"], json!(btc_close));
    Ok(())
}

#[tokio::test]
async fn the_lifecycle_refuses_every_other_transition_with_409() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    let single = json!({"trade_type": "single", "legs": [leg("BTCUSDT", "long", "1", "60000")]});
    let id = create_plan(&session, PLANS, &single).await?;
    let marks = json!({"mark_prices": {"BTCUSDT": "60000"}});
    let refused = |action: &'static str| {
        let session = session.clone();
        let path = match action {
            "cancel" => format!("{PLANS}/{id}"),
            _ => format!("{PLANS}/{id}/{action}"),
        };
        let marks = marks.clone();
        async move {
            let (status, body) = match action {
                "cancel" => session.send(reqwest::Method::DELETE, &path, None).await,
                _ => session.post(&path, &marks).await,
            };
            (status, error_code(action, &body))
        }
    };
    let conflict = (409, "invalid_transition".to_owned());
    // planned: close refused, no P&L yet.
    assert_eq!(refused("paper-close").await, conflict);
    assert_eq!(app.get_error(&format!("{PLANS}/{id}/pnl")).await, (409, "plan_never_opened".to_owned()));
    // open: open and cancel refused.
    execute(&session, PLANS, &id, "paper-open", &marks).await;
    assert_eq!(refused("paper-open").await, conflict);
    assert_eq!(refused("cancel").await, conflict);
    // closed: everything refused.
    execute(&session, PLANS, &id, "paper-close", &marks).await;
    for action in ["paper-open", "paper-close", "cancel"] {
        assert_eq!(refused(action).await, conflict, "{action} on a closed plan");
    }
    assert_eq!(session.get(&format!("{PLANS}/{id}/fills")).await.1["fills"].as_array().map(Vec::len), Some(2));

    // planned -> cancelled, then everything refused.
    let id = create_plan(&session, PLANS, &single).await?;
    let (status, cancelled) = session.send(reqwest::Method::DELETE, &format!("{PLANS}/{id}"), None).await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")), "{cancelled}");
    for action in ["paper-open", "paper-close", "cancel"] {
        let path = if action == "cancel" { format!("{PLANS}/{id}") } else { format!("{PLANS}/{id}/{action}") };
        let method = if action == "cancel" { reqwest::Method::DELETE } else { reqwest::Method::POST };
        let body = (action != "cancel").then_some(&marks);
        let (status, body) = session.send(method, &path, body).await;
        assert_eq!((status, error_code(action, &body)), conflict, "{action} on a cancelled plan");
    }
    assert_eq!(session.get(&format!("{PLANS}/{id}")).await.1["status"], "cancelled");
    assert_eq!(session.get(&format!("{PLANS}/{id}/fills")).await.1["fills"], json!([]));
    Ok(())
}

#[tokio::test]
async fn concurrent_paper_opens_of_one_plan_let_exactly_one_succeed() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    let single = json!({"trade_type": "single", "legs": [leg("BTCUSDT", "long", "1", "60000")]});
    let id = create_plan(&session, PLANS, &single).await?;
    let path = format!("{PLANS}/{id}/paper-open");
    let requests: Vec<_> = (0..8)
        .map(|_| {
            let (session, path) = (session.clone(), path.clone());
            tokio::spawn(async move { session.post(&path, &json!({"mark_prices": {"BTCUSDT": "60000"}})).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for request in requests {
        let (status, body) = request.await?;
        if status != 200 {
            assert_eq!((status, error_code("concurrent open", &body).as_str()), (409, "invalid_transition"));
        }
        statuses.push(status);
    }
    assert_eq!(statuses.iter().filter(|&&status| status == 200).count(), 1, "{statuses:?}");
    assert_eq!(session.get(&format!("{PLANS}/{id}/fills")).await.1["fills"].as_array().map(Vec::len), Some(1));
    Ok(())
}

#[tokio::test]
async fn bad_input_gets_4xx_with_codes_and_writes_nothing() -> TestResult {
    let app = TestApp::spawn(SEED).await;
    let session = app.session();
    let single = |legs: Vec<Value>| json!({"trade_type": "single", "legs": legs});
    let cases: Vec<(&str, Value, u16, &str, Option<&str>)> = vec![
        (
            "unknown symbol",
            single(vec![leg("NOPEUSDT", "long", "1", "1")]),
            404,
            "unknown_symbol",
            Some("legs[0].symbol"),
        ),
        (
            "malformed symbol",
            single(vec![leg("BTC-USDT", "long", "1", "1")]),
            400,
            "invalid_input",
            Some("legs[0].symbol"),
        ),
        (
            "two legs in a single",
            single(vec![leg("BTCUSDT", "long", "1", "1"), leg("ETHUSDT", "long", "1", "1")]),
            400,
            "wrong_leg_count",
            Some("legs"),
        ),
        (
            "one leg in a pair",
            json!({"trade_type": "pair", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "wrong_leg_count",
            Some("legs"),
        ),
        (
            "one leg in a basket",
            json!({"trade_type": "basket", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "wrong_leg_count",
            Some("legs"),
        ),
        (
            "pair on one side",
            json!({"trade_type": "pair", "legs": [leg("ETHUSDT", "short", "1", "1"), leg("BTCUSDT", "short", "1", "1")]}),
            400,
            "pair_legs_same_side",
            Some("legs[1].side"),
        ),
        (
            "repeated symbol",
            json!({"trade_type": "basket", "legs": [leg("ETHUSDT", "long", "1", "1"), leg("ETHUSDT", "short", "1", "1")]}),
            400,
            "repeated_symbol",
            Some("legs[1].symbol"),
        ),
        (
            "zero quantity",
            single(vec![leg("BTCUSDT", "long", "0", "1")]),
            400,
            "invalid_input",
            Some("legs[0].planned_quantity"),
        ),
        (
            "negative quantity",
            single(vec![
                json!({"symbol": "BTCUSDT", "side": "long", "planned_quantity": -1, "planned_entry_price": 1}),
            ]),
            400,
            "invalid_input",
            Some("legs[0].planned_quantity"),
        ),
        (
            "non-numeric quantity",
            single(vec![leg("BTCUSDT", "long", "lots", "1")]),
            400,
            "invalid_input",
            Some("legs[0].planned_quantity"),
        ),
        (
            "zero price",
            single(vec![leg("BTCUSDT", "long", "1", "0")]),
            400,
            "invalid_input",
            Some("legs[0].planned_entry_price"),
        ),
        (
            "negative price",
            single(vec![leg("BTCUSDT", "long", "1", "-60000")]),
            400,
            "invalid_input",
            Some("legs[0].planned_entry_price"),
        ),
        (
            "negative stop",
            single(vec![
                json!({"symbol": "BTCUSDT", "side": "long", "planned_quantity": "1", "planned_entry_price": "1", "stop_price": "-1"}),
            ]),
            400,
            "invalid_input",
            Some("legs[0].stop_price"),
        ),
        ("unknown side", single(vec![leg("BTCUSDT", "up", "1", "1")]), 400, "invalid_input", Some("legs[0].side")),
        (
            "unknown trade type",
            json!({"trade_type": "spread", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "invalid_input",
            Some("trade_type"),
        ),
        (
            "zero risk",
            json!({"trade_type": "single", "max_risk_amount": 0, "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "invalid_input",
            Some("max_risk_amount"),
        ),
        (
            "unknown account",
            json!({"trade_type": "single", "account_id": "swing", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            404,
            "account_not_found",
            None,
        ),
        (
            "malformed account",
            json!({"trade_type": "single", "account_id": "no spaces", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "invalid_input",
            Some("account_id"),
        ),
        (
            "unknown field",
            json!({"trade_type": "single", "colour": "red", "legs": [leg("BTCUSDT", "long", "1", "1")]}),
            400,
            "invalid_json",
            None,
        ),
        (
            "quantity of the wrong type",
            single(vec![
                json!({"symbol": "BTCUSDT", "side": "long", "planned_quantity": true, "planned_entry_price": "1"}),
            ]),
            400,
            "invalid_json",
            None,
        ),
    ];
    for (name, body, status, code, field) in cases {
        let (found_status, answer) = session.post(PLANS, &body).await;
        assert_eq!((found_status, error_code(name, &answer).as_str()), (status, code), "{name}: {answer}");
        assert_eq!(answer["error"]["field"].as_str(), field, "{name}: {answer}");
    }
    assert_eq!(session.get(PLANS).await.1["trade_plans"], json!([]), "nothing was written");

    // Bad paper-open bodies, on a valid plan; the plan stays planned and unfilled.
    let id = create_plan(&session, PLANS, &single(vec![leg("BTCUSDT", "long", "1", "60000")])).await?;
    let open = format!("{PLANS}/{id}/paper-open");
    let cases: Vec<(&str, Value, u16, &str, Option<&str>)> = vec![
        ("non-numeric fee", json!({"fee_bps": "five"}), 400, "invalid_input", Some("fee_bps")),
        ("negative fee", json!({"fee_bps": -1}), 400, "invalid_input", Some("fee_bps")),
        ("fee over 100 %", json!({"fee_bps": "10001"}), 400, "invalid_input", Some("fee_bps")),
        ("zero mark", json!({"mark_prices": {"BTCUSDT": 0}}), 400, "invalid_input", Some("mark_prices.BTCUSDT")),
        (
            "non-numeric mark",
            json!({"mark_prices": {"BTCUSDT": "high"}}),
            400,
            "invalid_input",
            Some("mark_prices.BTCUSDT"),
        ),
        (
            "mark of another symbol",
            json!({"mark_prices": {"SOLUSDT": "100"}}),
            400,
            "invalid_input",
            Some("mark_prices.SOLUSDT"),
        ),
        (
            "malformed mark symbol",
            json!({"mark_prices": {"BTC/USDT": "100"}}),
            400,
            "invalid_symbol",
            Some("mark_prices.BTC/USDT"),
        ),
        ("unknown field", json!({"fees": 5}), 400, "invalid_json", None),
    ];
    for (name, body, status, code, field) in cases {
        let (found_status, answer) = session.post(&open, &body).await;
        assert_eq!((found_status, error_code(name, &answer).as_str()), (status, code), "{name}: {answer}");
        assert_eq!(answer["error"]["field"].as_str(), field, "{name}: {answer}");
    }
    assert_eq!(session.get(&format!("{PLANS}/{id}")).await.1["status"], "planned");
    assert_eq!(session.get(&format!("{PLANS}/{id}/fills")).await.1["fills"], json!([]));

    // Bad marks in queries, and things that do not exist.
    execute(&session, PLANS, &id, "paper-open", &json!({"mark_prices": {"BTCUSDT": "60000"}})).await;
    for (path, status, code) in [
        (format!("{PLANS}/{id}/pnl?marks=BTCUSDT"), 400, "invalid_input"),
        (format!("{PLANS}/{id}/pnl?marks=BTCUSDT:-1"), 400, "invalid_input"),
        (format!("{PLANS}/{id}/pnl?marks=ETHUSDT:3000"), 400, "invalid_input"),
        (format!("{PLANS}/{id}/pnl?mark=BTCUSDT:1"), 400, "invalid_query"),
        (format!("{PLANS}/no-such-plan"), 404, "trade_plan_not_found"),
        (format!("{PLANS}/no-such-plan/pnl"), 404, "trade_plan_not_found"),
        (format!("{PLANS}/no-such-plan/fills"), 404, "trade_plan_not_found"),
        (format!("{ACCOUNTS}/swing/positions"), 404, "account_not_found"),
        ("/api/v1/workspaces/no-such-workspace/trade-plans".to_owned(), 404, "workspace_not_found"),
    ] {
        assert_eq!(app.get_error(&path).await, (status, code.to_owned()), "{path}");
    }
    Ok(())
}

#[tokio::test]
async fn plans_of_another_workspace_are_not_found_and_legacy_routes_use_the_default_workspace() -> TestResult {
    let app = TestApp::spawn_password_mode(SEED).await;
    let owner = app.new_session();
    owner.login("local@example.invalid", OWNER_PASSWORD).await;
    let (_, other) =
        owner.post("/api/v1/workspaces", &json!({"name": "Other desk", "default_quote_asset": "USDT"})).await;
    let other_plans = format!("/api/v1/workspaces/{}/trade-plans", other["id"].as_str().ok_or("id")?);
    let single = json!({"trade_type": "single", "legs": [leg("BTCUSDT", "long", "1", "60000")]});
    let foreign_id = create_plan(&owner, &other_plans, &single).await?;

    // The plan belongs to the other workspace: through this one it does not exist.
    for suffix in ["", "/pnl", "/fills"] {
        let (status, body) = owner.get(&format!("{PLANS}/{foreign_id}{suffix}")).await;
        assert_eq!((status, error_code(suffix, &body).as_str()), (404, "trade_plan_not_found"), "{suffix}");
    }
    for action in ["paper-open", "paper-close"] {
        let (status, body) = owner.post(&format!("{PLANS}/{foreign_id}/{action}"), &json!({})).await;
        assert_eq!((status, error_code(action, &body).as_str()), (404, "trade_plan_not_found"), "{action}");
    }
    let (status, _) = owner.send(reqwest::Method::DELETE, &format!("{PLANS}/{foreign_id}"), None).await;
    assert_eq!(status, 404);
    assert_eq!(owner.get(&format!("{other_plans}/{foreign_id}")).await.1["status"], "planned", "untouched");

    // The legacy routes act on local-workspace only.
    let (status, created) = owner.post("/api/v1/trade-plans", &single).await;
    assert_eq!((status, created["workspace_id"].as_str()), (201, Some("local-workspace")), "{created}");
    let ids = |body: &Value| -> Vec<String> {
        body["trade_plans"]
            .as_array()
            .map(|plans| plans.iter().filter_map(|p| p["id"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let legacy = ids(&owner.get("/api/v1/trade-plans").await.1);
    assert_eq!(legacy, [created["id"].as_str().ok_or("id")?.to_owned()]);
    assert_eq!(ids(&owner.get(PLANS).await.1), legacy);
    assert_eq!(ids(&owner.get(&other_plans).await.1), [foreign_id]);
    let (status, accounts) = owner.get("/api/v1/accounts").await;
    assert_eq!((status, accounts["accounts"][0]["id"].as_str()), (200, Some("paper-main")), "{accounts}");
    assert_eq!(owner.get("/api/v1/orders").await.1["orders"], json!([]));

    // A user who is not a member of the default workspace sees nothing through them.
    let member =
        json!({"email": "outsider@example.com", "role": "owner", "display_name": "Out", "password": "outsider pw"});
    let (status, _) =
        owner.post(&format!("/api/v1/workspaces/{}/members", other["id"].as_str().ok_or("id")?), &member).await;
    assert_eq!(status, 201);
    let outsider = app.new_session();
    outsider.login("outsider@example.com", "outsider pw").await;
    for path in ["/api/v1/trade-plans", "/api/v1/accounts", "/api/v1/orders"] {
        let (status, body) = outsider.get(path).await;
        assert_eq!((status, error_code(path, &body).as_str()), (404, "workspace_not_found"), "{path}");
    }
    let (status, body) = outsider.post("/api/v1/trade-plans", &single).await;
    assert_eq!((status, error_code("legacy create", &body).as_str()), (404, "workspace_not_found"));
    Ok(())
}

#[tokio::test]
async fn the_starting_cash_is_configurable_and_in_the_workspace_quote_asset() -> TestResult {
    let app = TestApp::spawn_with(TestOptions {
        seed: SEED,
        paper_starting_cash: StartingCash::parse("250000.5")?,
        ..TestOptions::default()
    })
    .await;
    let (_, accounts) = app.get(ACCOUNTS).await;
    let account = &accounts["accounts"][0];
    assert_eq!(
        (account["starting_cash"].as_str(), account["cash"].as_str(), account["quote_asset"].as_str()),
        (Some("250000.5"), Some("250000.5"), Some("USDT"))
    );
    let (_, workspace) =
        app.post("/api/v1/workspaces", &json!({"name": "Bitcoin desk", "default_quote_asset": "BTC"})).await;
    let (_, accounts) =
        app.get(&format!("/api/v1/workspaces/{}/accounts", workspace["id"].as_str().ok_or("id")?)).await;
    assert_eq!(accounts["accounts"][0]["quote_asset"], "BTC");
    Ok(())
}

#[tokio::test]
async fn a_restarted_server_keeps_every_plan_fill_and_order() -> TestResult {
    let options = TestOptions { seed: SEED, trading_mode: TradingMode::Paper, ..TestOptions::default() };
    let app = TestApp::spawn_in(tempfile::tempdir()?, &options).await;
    let session = app.session();
    let pair = json!({"trade_type": "pair", "legs": [leg("ETHUSDT", "long", "3", "3000"), leg("BTCUSDT", "short", "0.1", "60000")]});
    let open_id = create_plan(&session, PLANS, &pair).await?;
    execute(&session, PLANS, &open_id, "paper-open", &json!({"fee_bps": 5})).await;
    let closed_id = create_plan(&session, PLANS, &pair).await?;
    execute(
        &session,
        PLANS,
        &closed_id,
        "paper-open",
        &json!({"mark_prices": {"ETHUSDT": "3000", "BTCUSDT": "60000"}}),
    )
    .await;
    execute(
        &session,
        PLANS,
        &closed_id,
        "paper-close",
        &json!({"mark_prices": {"ETHUSDT": "3100", "BTCUSDT": "59000"}, "fee_bps": 2}),
    )
    .await;
    create_plan(&session, PLANS, &pair).await?;
    let order = session
        .client
        .post(format!("{}/api/v1/workspaces/local-workspace/orders", session.address))
        .header("Idempotency-Key", "restart-1")
        .json(&json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "0.5", "type": "limit", "limit_price": "50000"}))
        .send()
        .await?;
    assert_eq!(order.status().as_u16(), 201);
    let order_body = order.text().await?;

    let paths = [
        PLANS.to_owned(),
        format!("{PLANS}/{open_id}/fills"),
        format!("{PLANS}/{closed_id}/fills"),
        format!("{PLANS}/{closed_id}/pnl"),
        "/api/v1/workspaces/local-workspace/orders".to_owned(),
        ACCOUNTS.to_owned(),
    ];
    let mut before = Vec::new();
    for path in &paths {
        before.push(session.get(path).await);
    }

    // A second server on the same app-state file. The first one cannot be stopped in
    // process and keeps its DuckDB file locked, so the second one gets its own market data
    // file, seeded from the same files.
    let mut settings = settings(app.folder.path(), &options);
    settings.market_data_path = app.folder.path().join("second-market-data.db");
    assert_eq!(settings.auth_mode, AuthMode::None);
    let second = Application::build(settings).await?;
    let restarted = Session {
        address: format!("http://127.0.0.1:{}", second.port()),
        client: reqwest::Client::builder().cookie_store(true).build()?,
    };
    tokio::spawn(second.run_until_stopped());
    for (path, expected) in paths.iter().zip(&before) {
        assert_eq!(&restarted.get(path).await, expected, "{path}");
    }
    assert_eq!(before[0].1["trade_plans"].as_array().map(Vec::len), Some(3));
    assert_eq!(before[4].1["orders"].as_array().map(Vec::len), Some(1));
    // The idempotency key survived too: the retry replays the first response.
    let retry = restarted
        .client
        .post(format!("{}/api/v1/workspaces/local-workspace/orders", restarted.address))
        .header("Idempotency-Key", "restart-1")
        .json(&json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "0.50", "type": "limit", "limit_price": 50000}))
        .send()
        .await?;
    assert_eq!(retry.status().as_u16(), 201);
    assert_eq!(retry.text().await?, order_body);
    Ok(())
}

#[tokio::test]
async fn an_open_that_would_overflow_the_account_is_refused_and_changes_nothing() -> TestResult {
    let app = TestApp::spawn_with(TestOptions { seed: SEED, ..TestOptions::default() }).await;
    let session = app.session();
    // Each fill is in range alone (about 5 x 10^12); together the cash would not be.
    let body = json!({"trade_type": "basket", "legs": [
        leg("BTCUSDT", "long", "50000.12345678", "99999999.12345678"),
        leg("ETHUSDT", "long", "50000.12345678", "99999999.12345678"),
    ]});
    let id = create_plan(&session, PLANS, &body).await?;
    let marks = json!({"mark_prices": {"BTCUSDT": "99999999.12345678", "ETHUSDT": "99999999.12345678"}});
    let (status, answer) = session.post(&format!("{PLANS}/{id}/paper-open"), &marks).await;
    assert!((400..500).contains(&status), "{status} {answer}");
    assert!(answer["error"]["code"].is_string(), "{answer}");
    // The plan is still planned, no fill was written, and the accounts still read.
    assert_eq!(session.get(&format!("{PLANS}/{id}")).await.1["status"], "planned");
    assert_eq!(session.get(&format!("{PLANS}/{id}/fills")).await.1["fills"], json!([]));
    assert_eq!(session.get(ACCOUNTS).await.0, 200);
    Ok(())
}

#[tokio::test]
async fn a_symbol_marked_twice_is_refused() -> TestResult {
    let app = TestApp::spawn_with(TestOptions { seed: SEED, ..TestOptions::default() }).await;
    let (status, body) = app.get(&format!("{ACCOUNTS}?marks=BTCUSDT:1,BTCUSDT:70000")).await;
    assert_eq!((status, error_code("twice", &body).as_str()), (400, "invalid_input"));
    assert_eq!(body["error"]["field"], "marks.BTCUSDT");
    Ok(())
}
