//! The permission matrix, route by route: every workspace-scoped route x every role x a
//! foreign workspace. The table must list every workspace-scoped route of the OpenAPI
//! document, so a new route cannot skip it.

use std::collections::BTreeSet;

use api::{AuthMode, TradingMode};
use serde_json::{Value, json};

use crate::helpers::*;

/// The rows of the matrix, as the issue states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Read,
    Research,
    Trade,
    Manage,
}

fn allowed(role: &str, needs: Needs) -> bool {
    match needs {
        Needs::Read => true,
        Needs::Research => matches!(role, "editor" | "trader" | "owner"),
        Needs::Trade => matches!(role, "trader" | "owner"),
        Needs::Manage => role == "owner",
    }
}

struct Route {
    method: &'static str,
    /// With `{workspace_id}`; other parameters are filled with ids that do not exist.
    path: &'static str,
    body: Option<Value>,
    needs: Needs,
}

fn routes() -> Vec<Route> {
    let route = |method, path, body, needs| Route { method, path, body, needs };
    vec![
        route("get", "/api/v1/workspaces/{workspace_id}", None, Needs::Read),
        route("patch", "/api/v1/workspaces/{workspace_id}", Some(json!({"name": "Renamed"})), Needs::Manage),
        route("get", "/api/v1/workspaces/{workspace_id}/members", None, Needs::Read),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/members",
            Some(
                json!({"email": "bystander@example.com", "role": "viewer", "display_name": "By", "password": "bystander pw"}),
            ),
            Needs::Manage,
        ),
        route("delete", "/api/v1/workspaces/{workspace_id}/members/{user_id}", None, Needs::Manage),
        route("get", "/api/v1/workspaces/{workspace_id}/backtests", None, Needs::Read),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/backtests",
            Some(
                json!({"strategy_id": "buy_and_hold", "symbol": "BTCUSDT", "interval": "1d", "initial_capital": 1000}),
            ),
            Needs::Research,
        ),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/backtests/category-relative-momentum",
            Some(
                json!({"category": "Layer 1", "interval": "1d", "initial_capital": 1000, "long_count": 1, "short_count": 1}),
            ),
            Needs::Research,
        ),
        route("get", "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}", None, Needs::Read),
        route("delete", "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}", None, Needs::Research),
        route("get", "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/equity", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/trades", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/rebalances", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/trade-plans", None, Needs::Read),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/trade-plans",
            Some(
                json!({"trade_type": "single", "legs": [{"symbol": "BTCUSDT", "side": "long", "planned_quantity": "1", "planned_entry_price": "60000"}]}),
            ),
            Needs::Research,
        ),
        route("get", "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}", None, Needs::Read),
        route("delete", "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}", None, Needs::Research),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/paper-open",
            Some(json!({"fee_bps": 5})),
            Needs::Trade,
        ),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/paper-close",
            Some(json!({})),
            Needs::Trade,
        ),
        route("get", "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/pnl", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/fills", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/accounts", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/accounts/{account_id}/positions", None, Needs::Read),
        route("get", "/api/v1/workspaces/{workspace_id}/orders", None, Needs::Read),
        route(
            "post",
            "/api/v1/workspaces/{workspace_id}/orders",
            Some(json!({"symbol": "BTCUSDT", "side": "buy", "quantity": "1", "type": "market"})),
            Needs::Trade,
        ),
        route("delete", "/api/v1/workspaces/{workspace_id}/orders/{order_id}", None, Needs::Trade),
    ]
}

#[tokio::test]
async fn every_workspace_route_enforces_the_matrix_and_hides_foreign_workspaces() -> TestResult {
    // Paper trading mode, so that allowed roles are not refused by the readonly mode, and
    // a symbol, so that allowed plan creations succeed.
    let app = TestApp::spawn_with(TestOptions {
        seed: &["1d/BTCUSDT-1d.csv"],
        auth_mode: AuthMode::Password,
        default_user_password: Some(OWNER_PASSWORD),
        trading_mode: TradingMode::Paper,
        ..TestOptions::default()
    })
    .await;
    let owner = app.new_session();
    owner.login("local@example.invalid", OWNER_PASSWORD).await;
    let (_, workspace) =
        owner.post("/api/v1/workspaces", &json!({"name": "Matrix", "default_quote_asset": "USDT"})).await;
    let workspace_id = workspace["id"].as_str().ok_or("id")?.to_owned();

    // One user per role in the workspace, and a stranger with a workspace of their own.
    let mut sessions = Vec::new();
    for role in ["viewer", "editor", "trader", "owner"] {
        let email = format!("{role}@example.com");
        let body = json!({"email": email, "role": role, "display_name": role, "password": "member password"});
        let (status, answer) = owner.post(&format!("/api/v1/workspaces/{workspace_id}/members"), &body).await;
        assert_eq!(status, 201, "{answer}");
        let session = app.new_session();
        session.login(&email, "member password").await;
        sessions.push((role, session));
    }
    let body =
        json!({"email": "stranger@example.com", "role": "viewer", "display_name": "S", "password": "stranger pw"});
    owner.post("/api/v1/workspaces/local-workspace/members", &body).await;
    let stranger = app.new_session();
    stranger.login("stranger@example.com", "stranger pw").await;
    let (_, foreign) =
        stranger.post("/api/v1/workspaces", &json!({"name": "Foreign", "default_quote_asset": "USDT"})).await;
    let foreign_id = foreign["id"].as_str().ok_or("foreign id")?.to_owned();

    for route in routes() {
        let method = reqwest::Method::from_bytes(route.method.to_uppercase().as_bytes())?;
        let path = |workspace: &str| {
            route
                .path
                .replace("{workspace_id}", workspace)
                .replace("{user_id}", "no-such-user")
                .replace("{backtest_id}", "no-such-backtest")
                .replace("{plan_id}", "no-such-plan")
                .replace("{account_id}", "paper-main")
                .replace("{order_id}", "no-such-order")
        };
        for (role, session) in &sessions {
            let (status, body) = session.send(method.clone(), &path(&workspace_id), route.body.as_ref()).await;
            let context = format!("{} {} as {role}: {status} {body}", route.method, route.path);
            if allowed(role, route.needs) {
                assert_ne!(status, 403, "{context}");
                assert!(status < 500, "{context}");
                assert_ne!(body["error"]["code"], "workspace_not_found", "{context}");
            } else {
                assert_eq!((status, error_code(&context, &body).as_str()), (403, "forbidden"), "{context}");
            }
            let (status, body) = session.send(method.clone(), &path(&foreign_id), route.body.as_ref()).await;
            let context = format!("{} {} as {role} on a foreign workspace", route.method, route.path);
            assert_eq!((status, error_code(&context, &body).as_str()), (404, "workspace_not_found"), "{context}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_table_lists_every_workspace_scoped_route() -> TestResult {
    let app = TestApp::spawn(&[]).await;
    let (_, document) = app.get("/api/v1/openapi.json").await;
    let mut documented = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().ok_or("paths")? {
        if !path.starts_with("/api/v1/workspaces/{workspace_id}") {
            continue;
        }
        for method in operations.as_object().ok_or("operations")?.keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let tested: BTreeSet<(String, String)> =
        routes().iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    assert_eq!(documented, tested, "add new workspace routes to the matrix table in permissions.rs");
    Ok(())
}
