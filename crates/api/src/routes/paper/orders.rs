//! `GET/POST /workspaces/{workspace_id}/orders`, `DELETE .../orders/{order_id}`, and the
//! legacy `GET/POST /orders` on the default workspace.
//!
//! Orders are placeholders for a future execution layer: recorded, never sent anywhere.
//! With `TRADING_MODE=readonly` (the default) creating and cancelling answer 403
//! `trading_disabled`. With `TRADING_MODE=paper` creating needs an `Idempotency-Key`: the
//! first request with a key is processed (a retry meanwhile gets 409
//! `idempotency_key_in_progress`), its response is stored with the key in the order's own
//! transaction, and a retry with the same request gets that response again, while the same
//! key with a different request gets 422 `idempotency_key_reused`.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpRequest, HttpResponse, web};
use app_state_store::{IdempotencyScope, OrderCreation, StoredOrder, StoredResponse};
use paper_trading::{OrderRequest, OrderRequestDraft, PaperTradingError};

use super::decimal_input::DecimalInput;
use super::idempotency::idempotency_key;
use super::marks;
use crate::auth::{DefaultWorkspace, Read, Trade, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::routes::market::seconds;
use crate::startup::AppState;

/// Sent, as `true`, with a replayed response.
const REPLAYED_HEADER: &str = "idempotency-replayed";

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct OrdersResponse {
    /// Oldest first.
    orders: Vec<OrderDto>,
}

/// A new order. Its symbol must exist in the market data.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrderRequest {
    symbol: String,
    /// `buy` or `sell`.
    side: String,
    /// > 0, at most 8 decimal places.
    quantity: DecimalInput,
    /// `market` (no limit price) or `limit` (needs `limit_price`).
    #[serde(rename = "type")]
    order_type: String,
    limit_price: Option<DecimalInput>,
}

/// A recorded order. Amounts are decimal strings.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct OrderDto {
    id: String,
    workspace_id: String,
    symbol: String,
    /// `buy` or `sell`.
    side: &'static str,
    quantity: String,
    /// `market` or `limit`.
    #[serde(rename = "type")]
    order_type: &'static str,
    limit_price: Option<String>,
    /// `accepted` or `cancelled`.
    status: &'static str,
    created_by: Option<String>,
    /// Unix seconds.
    created_at: i64,
    /// Unix seconds of the last status change.
    updated_at: i64,
}

#[derive(Debug, serde::Deserialize)]
pub struct OrderPath {
    order_id: String,
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/orders", tag = "paper trading",
    params(("workspace_id" = String, Path)),
    responses(
        (status = 200, body = OrdersResponse),
        (status = 404, description = "workspace_not_found", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<OrdersResponse>, ApiError> {
    list_in(state, access).await
}

/// Records an order (traders, owners; `TRADING_MODE=paper` only). Needs an
/// `Idempotency-Key` header of 1 to 255 printable ASCII characters, kept at least 24 hours
/// per (user, workspace). A retry with the same key and the same order (compared after
/// parsing: `"1.50"` and `1.5` are the same) replays the first response, with the header
/// `Idempotency-Replayed: true`.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/orders", tag = "paper trading",
    params(("workspace_id" = String, Path), ("Idempotency-Key" = String, Header, description = "1 to 255 printable ASCII characters, unique per order")),
    request_body = CreateOrderRequest,
    responses(
        (status = 201, description = "recorded (or the replay of the first response to this key)", body = OrderDto),
        (status = 400, description = "idempotency_key_required, invalid_idempotency_key, invalid_input (with field), invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden, trading_disabled", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_symbol", body = ErrorBody),
        (status = 409, description = "idempotency_key_in_progress", body = ErrorBody),
        (status = 422, description = "idempotency_key_reused: the key was used with a different order", body = ErrorBody),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    request: HttpRequest,
    body: web::Json<CreateOrderRequest>,
) -> Result<HttpResponse, ApiError> {
    create_in(state, access, &request, body.into_inner()).await
}

/// Cancels an `accepted` order (traders, owners; `TRADING_MODE=paper` only).
#[utoipa::path(delete, path = "/api/v1/workspaces/{workspace_id}/orders/{order_id}", tag = "paper trading",
    params(("workspace_id" = String, Path), ("order_id" = String, Path)),
    responses(
        (status = 200, description = "the cancelled order", body = OrderDto),
        (status = 403, description = "forbidden, trading_disabled", body = ErrorBody),
        (status = 404, description = "workspace_not_found, order_not_found", body = ErrorBody),
        (status = 409, description = "invalid_transition: the order is already cancelled", body = ErrorBody),
    ))]
pub async fn cancel(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    path: web::Path<OrderPath>,
) -> Result<web::Json<OrderDto>, ApiError> {
    state.paper.require_trading()?;
    let store = state.app_state.clone();
    let order = run_blocking(move || store.cancel_order(&access.workspace.id, &path.order_id)).await?;
    Ok(web::Json(OrderDto::from(&order)))
}

/// The orders of the default workspace (`local-workspace`).
#[utoipa::path(get, path = "/api/v1/orders", tag = "paper trading",
    responses(
        (status = 200, body = OrdersResponse),
        (status = 404, description = "workspace_not_found: the caller is not a member of the default workspace", body = ErrorBody),
    ))]
pub async fn list_default(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Read>,
) -> Result<web::Json<OrdersResponse>, ApiError> {
    list_in(state, access).await
}

/// Records an order in the default workspace (`local-workspace`); see the workspace route.
#[utoipa::path(post, path = "/api/v1/orders", tag = "paper trading",
    params(("Idempotency-Key" = String, Header, description = "1 to 255 printable ASCII characters, unique per order")),
    request_body = CreateOrderRequest,
    responses(
        (status = 201, description = "recorded (or the replay of the first response to this key)", body = OrderDto),
        (status = 400, description = "idempotency_key_required, invalid_idempotency_key, invalid_input (with field), invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden, trading_disabled", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_symbol", body = ErrorBody),
        (status = 409, description = "idempotency_key_in_progress", body = ErrorBody),
        (status = 422, description = "idempotency_key_reused", body = ErrorBody),
    ))]
pub async fn create_default(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Trade>,
    request: HttpRequest,
    body: web::Json<CreateOrderRequest>,
) -> Result<HttpResponse, ApiError> {
    create_in(state, access, &request, body.into_inner()).await
}

async fn list_in(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<OrdersResponse>, ApiError> {
    let store = state.app_state.clone();
    let orders = run_blocking(move || store.orders(&access.workspace.id)).await?;
    Ok(web::Json(OrdersResponse { orders: orders.iter().map(OrderDto::from).collect() }))
}

async fn create_in(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    request: &HttpRequest,
    body: CreateOrderRequest,
) -> Result<HttpResponse, ApiError> {
    state.paper.require_trading()?;
    let key = idempotency_key(request)?;
    let order = OrderRequest::from_draft(&body.into_draft()).map_err(PaperTradingError::from)?;
    let (user_id, workspace_id) = (access.user.id, access.workspace.id);
    let in_flight = state.paper.orders_in_flight.claim((user_id.clone(), workspace_id.clone(), key.clone()))?;
    let (market, store) = (state.market.clone(), state.app_state.clone());
    let creation = run_blocking(move || {
        // Held until the store has answered, even if the client has gone away meanwhile.
        let _in_flight = in_flight;
        marks::require_known(&market, [("symbol".to_owned(), order.symbol())])?;
        let scope = IdempotencyScope { user_id: &user_id, workspace_id: &workspace_id, key: &key };
        Ok::<_, ApiError>(store.create_order_idempotently(scope, &order, render_created)?)
    })
    .await?;
    Ok(match creation {
        OrderCreation::Created { response, .. } => stored_response(&response)?,
        OrderCreation::Replayed(response) => {
            let mut replayed = stored_response(&response)?;
            replayed.headers_mut().insert(
                actix_web::http::header::HeaderName::from_static(REPLAYED_HEADER),
                actix_web::http::header::HeaderValue::from_static("true"),
            );
            replayed
        }
    })
}

/// The response to a new order, as stored with its idempotency key.
fn render_created(order: &StoredOrder) -> Result<StoredResponse, String> {
    let body = serde_json::to_string(&OrderDto::from(order)).map_err(|error| error.to_string())?;
    Ok(StoredResponse { status: StatusCode::CREATED.as_u16(), body })
}

fn stored_response(response: &StoredResponse) -> Result<HttpResponse, ApiError> {
    let status = StatusCode::from_u16(response.status).map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status).content_type(ContentType::json()).body(response.body.clone()))
}

impl CreateOrderRequest {
    fn into_draft(self) -> OrderRequestDraft {
        OrderRequestDraft {
            symbol: self.symbol,
            side: self.side,
            quantity: self.quantity.0,
            order_type: self.order_type,
            limit_price: self.limit_price.map(|price| price.0),
        }
    }
}

impl From<&StoredOrder> for OrderDto {
    fn from(stored: &StoredOrder) -> Self {
        let request = stored.order.request();
        Self {
            id: stored.id.clone(),
            workspace_id: stored.workspace_id.clone(),
            symbol: request.symbol().to_string(),
            side: request.side().as_str(),
            quantity: request.quantity().to_string(),
            order_type: request.order_type().as_str(),
            limit_price: request.limit_price().map(|price| price.to_string()),
            status: stored.order.status().as_str(),
            created_by: stored.created_by.clone(),
            created_at: seconds(stored.created_at_ms),
            updated_at: seconds(stored.updated_at_ms),
        }
    }
}
