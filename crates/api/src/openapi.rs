//! The OpenAPI 3.1 document, generated from the handlers and their types.

use utoipa::OpenApi;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Crypto research workbench API",
        description = include_str!("openapi_description.md")
    ),
    paths(
        routes::health::get,
        routes::market::symbols::list,
        routes::market::categories::list,
        routes::market::candles::list,
        routes::market::ratios::list,
        routes::market::scanner::uptrends,
        routes::market::scanner::ratio_uptrends,
        routes::identity::auth::session,
        routes::identity::auth::login,
        routes::identity::auth::logout,
        routes::identity::auth::me,
        routes::identity::auth::set_active_workspace,
        routes::identity::auth::change_password,
        routes::identity::workspaces::list,
        routes::identity::workspaces::create,
        routes::identity::workspaces::get,
        routes::identity::workspaces::rename,
        routes::identity::members::list,
        routes::identity::members::put,
        routes::identity::members::remove,
        routes::backtests::handlers::create_single_symbol,
        routes::backtests::handlers::create_relative_momentum,
        routes::backtests::handlers::list,
        routes::backtests::handlers::get,
        routes::backtests::handlers::equity,
        routes::backtests::handlers::trades,
        routes::backtests::handlers::rebalances,
        routes::backtests::handlers::delete,
        routes::backtests::handlers::legacy_create_single_symbol,
        routes::backtests::handlers::legacy_create_relative_momentum,
        routes::backtests::handlers::legacy_get,
        routes::paper::trade_plans::list,
        routes::paper::trade_plans::create,
        routes::paper::trade_plans::get,
        routes::paper::trade_plans::cancel,
        routes::paper::plan_actions::paper_open,
        routes::paper::plan_actions::paper_close,
        routes::paper::plan_pnl::get,
        routes::paper::plan_fills::list,
        routes::paper::accounts::list,
        routes::paper::accounts::positions,
        routes::paper::orders::list,
        routes::paper::orders::create,
        routes::paper::orders::cancel,
        routes::paper::trade_plans::list_default,
        routes::paper::trade_plans::create_default,
        routes::paper::accounts::list_default,
        routes::paper::orders::list_default,
        routes::paper::orders::create_default,
    ),
    tags(
        (name = "system", description = "Health and documentation"),
        (name = "market data", description = "Shared market data: symbols, categories, candles and ratios"),
        (name = "research", description = "Scanners over the shared market data, point in time"),
        (name = "backtests", description = "Backtests of a workspace, with their conventions, metrics, curves, trades and rebalances"),
        (name = "identity", description = "Login, sessions, workspaces, members and roles"),
        (name = "paper trading", description = "Trade plans, paper fills and P&L, paper accounts and positions, and orders (recorded, never sent). Amounts are decimal strings."),
    )
)]
pub struct ApiDoc;

/// The methods the OpenAPI document lists for a concrete path (`{param}` segments match any
/// one segment), upper-case; empty for paths that are no endpoint.
pub fn methods_of(path: &str) -> Vec<String> {
    static ROUTES: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        let document = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        let paths = document["paths"].as_object().cloned().unwrap_or_default();
        paths
            .into_iter()
            .map(|(template, operations)| {
                let segments = template.split('/').map(str::to_owned).collect();
                let methods = operations
                    .as_object()
                    .map(|ops| ops.keys().map(|m| m.to_uppercase()).collect())
                    .unwrap_or_default();
                (segments, methods)
            })
            .collect()
    });
    let segments: Vec<&str> = path.split('/').collect();
    routes
        .iter()
        .filter(|(template, _)| {
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(expected, actual)| {
                    (expected.starts_with('{') && expected.ends_with('}') && !actual.is_empty()) || expected == actual
                })
        })
        .flat_map(|(_, methods)| methods.iter().cloned())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect()
}
