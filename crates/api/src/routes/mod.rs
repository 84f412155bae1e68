//! The route table. Handlers live one resource per module.

pub(crate) mod backtests;
pub(crate) mod health;
pub(crate) mod identity;
pub(crate) mod market;
pub(crate) mod paper;

use actix_web::web;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::openapi::ApiDoc;

pub fn configure(config: &mut web::ServiceConfig) {
    // The docs first: the `/api/v1` scope answers every other path under it.
    config.service(SwaggerUi::new("/api/v1/docs/{_:.*}").url("/api/v1/openapi.json", ApiDoc::openapi())).service(
        web::scope("/api/v1")
            .default_service(web::to(crate::error::route_not_found))
            .route("/health", web::get().to(health::get))
            .route("/symbols", web::get().to(market::symbols::list))
            .route("/categories", web::get().to(market::categories::list))
            .route("/candles", web::get().to(market::candles::list))
            .route("/ratios", web::get().to(market::ratios::list))
            .route("/scanner/uptrends", web::get().to(market::scanner::uptrends))
            .route("/scanner/ratio-uptrends", web::get().to(market::scanner::ratio_uptrends))
            .configure(paper::legacy_routes)
            .route("/auth/session", web::get().to(identity::auth::session))
            .route("/auth/login", web::post().to(identity::auth::login))
            .route("/auth/logout", web::post().to(identity::auth::logout))
            .route("/me", web::get().to(identity::auth::me))
            .route("/me/active-workspace", web::put().to(identity::auth::set_active_workspace))
            .route("/me/password", web::post().to(identity::auth::change_password))
            .route("/backtests", web::post().to(backtests::handlers::legacy_create_single_symbol))
            .route(
                "/backtests/category-relative-momentum",
                web::post().to(backtests::handlers::legacy_create_relative_momentum),
            )
            .route("/backtests/{backtest_id}", web::get().to(backtests::handlers::legacy_get))
            .route("/workspaces", web::get().to(identity::workspaces::list))
            .route("/workspaces", web::post().to(identity::workspaces::create))
            .service(
                web::scope("/workspaces/{workspace_id}")
                    .route("", web::get().to(identity::workspaces::get))
                    .route("", web::patch().to(identity::workspaces::rename))
                    .route("/members", web::get().to(identity::members::list))
                    .route("/members", web::post().to(identity::members::put))
                    .route("/members/{user_id}", web::delete().to(identity::members::remove))
                    .route("/backtests", web::get().to(backtests::handlers::list))
                    .route("/backtests", web::post().to(backtests::handlers::create_single_symbol))
                    .route(
                        "/backtests/category-relative-momentum",
                        web::post().to(backtests::handlers::create_relative_momentum),
                    )
                    .route("/backtests/{backtest_id}", web::get().to(backtests::handlers::get))
                    .route("/backtests/{backtest_id}", web::delete().to(backtests::handlers::delete))
                    .route("/backtests/{backtest_id}/equity", web::get().to(backtests::handlers::equity))
                    .route("/backtests/{backtest_id}/trades", web::get().to(backtests::handlers::trades))
                    .route("/backtests/{backtest_id}/rebalances", web::get().to(backtests::handlers::rebalances))
                    .configure(paper::workspace_routes),
            ),
    );
}
