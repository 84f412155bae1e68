//! The one place where errors become HTTP responses.
//!
//! Every error body is `{"error": {"code": "...", "message": "..."}}`. Codes are
//! stable and documented; 5xx bodies are opaque and the cause goes to the log.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use app_state_store::StoreError;
use backtest_engine::BacktestError;
use identity::IdentityError;
use market_data::MarketDataError;
use paper_trading::{PaperTradingError, PlanError};

/// An error on its way to the client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// The request field the error is about, for forms to show it next to that field.
    field: Option<String>,
    /// Seconds to wait, sent as `Retry-After` (429 answers).
    retry_after_seconds: Option<i64>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `unknown_symbol`.
    code: String,
    /// Human-readable explanation.
    message: String,
    /// The request field the error is about, when there is one (e.g. `email`, `legs[1].price`).
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None, retry_after_seconds: None }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Says which request field the error is about.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::forbidden_with_code("forbidden", message)
    }

    pub fn forbidden_with_code(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn too_many_attempts(retry_after_seconds: i64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("too many failed logins; try again in {retry_after_seconds} s"),
        );
        error.retry_after_seconds = Some(retry_after_seconds);
        error
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    /// A failure that is ours, not the client's. The cause is logged, not returned.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal server error")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.status, self.code, self.message)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header((actix_web::http::header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(ErrorBody {
            error: ErrorDetail { code: self.code.to_owned(), message: self.message.clone(), field: self.field.clone() },
        })
    }
}

impl From<MarketDataError> for ApiError {
    fn from(error: MarketDataError) -> Self {
        let message = error.to_string();
        match error {
            MarketDataError::UnknownSymbol(_) => Self::not_found("unknown_symbol", message),
            MarketDataError::NoCandles { .. } => Self::not_found("no_candles", message),
            MarketDataError::UnknownCategory(_) => Self::not_found("unknown_category", message),
            MarketDataError::InvalidInput(_) => Self::bad_request("invalid_input", message),
            MarketDataError::NoDataAt { as_of_ms: Some(_) } => Self::bad_request("as_of_before_data", message),
            MarketDataError::NoDataAt { as_of_ms: None } => Self::not_found("no_candles", message),
            MarketDataError::EmptyUniverse { .. } => Self::not_found("no_symbols", message),
            MarketDataError::DatabaseLocked { .. } => {
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "market_data_busy", message)
            }
            MarketDataError::UnsupportedSchema { .. } | MarketDataError::Io { .. } | MarketDataError::Internal(_) => {
                Self::internal(message)
            }
        }
    }
}

impl From<IdentityError> for ApiError {
    fn from(error: IdentityError) -> Self {
        let message = error.to_string();
        match error {
            IdentityError::InvalidField { field, .. } => Self::bad_request("invalid_input", message).with_field(field),
            IdentityError::LastOwner => Self::conflict("last_owner", message),
            IdentityError::Hashing(_) => Self::internal(message),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let message = error.to_string();
        match error {
            StoreError::NotFound { what: "workspace" } => Self::not_found("workspace_not_found", message),
            StoreError::NotFound { what: "member" } => Self::not_found("member_not_found", message),
            StoreError::NotFound { what: "user" } => Self::not_found("user_not_found", message),
            StoreError::NotFound { what: "backtest" } => Self::not_found("backtest_not_found", message),
            StoreError::NotFound { what: "trade plan" } => Self::not_found("trade_plan_not_found", message),
            StoreError::NotFound { what: "account" } => Self::not_found("account_not_found", message),
            StoreError::NotFound { what: "order" } => Self::not_found("order_not_found", message),
            StoreError::NotFound { .. } => Self::not_found("not_found", message),
            StoreError::Conflict(_) => Self::conflict("conflict", message),
            StoreError::Rule(rule) => rule.into(),
            StoreError::PaperTrading(error) => error.into(),
            StoreError::IdempotencyKeyReused { .. } => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused", message)
            }
            StoreError::EditedMigration { .. }
            | StoreError::UnknownMigration { .. }
            | StoreError::SqliteTooOld { .. }
            | StoreError::Internal(_) => Self::internal(message),
        }
    }
}

impl From<PaperTradingError> for ApiError {
    fn from(error: PaperTradingError) -> Self {
        let message = error.to_string();
        match error {
            PaperTradingError::InvalidPlan(plan) => {
                let code = match plan {
                    PlanError::InvalidField { .. } => "invalid_input",
                    PlanError::WrongLegCount { .. } => "wrong_leg_count",
                    PlanError::PairLegsOnSameSide { .. } => "pair_legs_same_side",
                    PlanError::RepeatedSymbol { .. } => "repeated_symbol",
                };
                Self::bad_request(code, message).with_field(plan.field())
            }
            PaperTradingError::InvalidOrder(order) => {
                Self::bad_request("invalid_input", message).with_field(order.field())
            }
            // The caller adds the field: the number came from outside a plan or order.
            PaperTradingError::InvalidNumber(_) => Self::bad_request("invalid_input", message),
            PaperTradingError::InvalidTransition(_) | PaperTradingError::InvalidOrderTransition(_) => {
                Self::conflict("invalid_transition", message)
            }
            PaperTradingError::MissingMarks(_) => Self::new(StatusCode::UNPROCESSABLE_ENTITY, "missing_mark", message),
            PaperTradingError::NeverOpened { .. } => Self::conflict("plan_never_opened", message),
            PaperTradingError::AmountOutOfRange(_) => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "amount_out_of_range", message)
            }
            PaperTradingError::Internal(_) => Self::internal(message),
        }
    }
}

impl From<BacktestError> for ApiError {
    fn from(error: BacktestError) -> Self {
        let message = error.to_string();
        match error {
            BacktestError::NonPositiveCapital { .. } => {
                Self::bad_request("invalid_input", message).with_field("initial_capital")
            }
            BacktestError::FastNotBelowSlow { .. } => {
                Self::bad_request("invalid_input", message).with_field("params.fast")
            }
            BacktestError::InvalidParameter { name, .. } => {
                Self::bad_request("invalid_input", message).with_field(name)
            }
            BacktestError::NotEnoughBars { .. } | BacktestError::NotEnoughEligibleSymbols { .. } => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "not_enough_data", message)
            }
            BacktestError::UniverseTooSmall { .. } => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "universe_too_small", message)
            }
            // The market data never holds such bars; if it does, that is our fault.
            BacktestError::DuplicateSymbol { .. }
            | BacktestError::InvalidBars { .. }
            | BacktestError::MisalignedBars { .. } => Self::internal(message),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::internal(format!("blocking task failed: {error}"))
    }
}

/// Runs one blocking unit of work (a store call) on the blocking thread pool.
pub async fn run_blocking<T, E>(work: impl FnOnce() -> Result<T, E> + Send + 'static) -> Result<T, ApiError>
where
    T: Send + 'static,
    E: Send + 'static,
    ApiError: From<E>,
{
    actix_web::web::block(work).await?.map_err(ApiError::from)
}

/// Turns malformed query strings into the error shape above.
pub fn query_error_handler(
    error: actix_web::error::QueryPayloadError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::bad_request("invalid_query", format!("invalid query string: {error}")).into()
}

/// Turns malformed path segments into the error shape above.
pub fn path_error_handler(error: actix_web::error::PathError, _request: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::bad_request("invalid_path", format!("invalid path: {error}")).into()
}

/// Turns malformed or oversized JSON bodies into the error shape above.
pub fn json_error_handler(
    error: actix_web::error::JsonPayloadError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    let api_error = match &error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", error.to_string())
        }
        JsonPayloadError::ContentType => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "expected a JSON body (Content-Type: application/json)",
        ),
        _ => ApiError::bad_request("invalid_json", format!("invalid JSON body: {error}")),
    };
    api_error.into()
}

/// Answers unknown routes in the error shape above: 405 with `Allow` when the path is an
/// endpoint of the OpenAPI document under another method, else 404.
pub async fn route_not_found(request: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    let allowed = crate::openapi::methods_of(request.path());
    if allowed.is_empty() {
        return Err(ApiError::not_found("not_found", "no such endpoint"));
    }
    let allow = allowed.join(", ");
    let error = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} is not allowed here; allowed: {allow}", request.method()),
    );
    let mut response = error.error_response();
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&allow) {
        response.headers_mut().insert(actix_web::http::header::ALLOW, value);
    }
    Ok(response)
}
