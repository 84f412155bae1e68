//! `GET /workspaces/{workspace_id}/accounts`, `GET .../accounts/{account_id}/positions`,
//! and the legacy `GET /accounts` on the default workspace.
//!
//! Accounts are replayed from their fills by the store; here they are valued at the given
//! marks or the latest closes.

use actix_web::web;
use app_state_store::StoredAccount;
use market_data::MarketData;
use market_types::Symbol;
use paper_trading::{AccountValuation, Marks, PaperTradingError, PositionValuation};

use super::marks;
use super::plan_pnl::MarksQuery;
use crate::auth::{DefaultWorkspace, Read, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::routes::market::seconds;
use crate::startup::AppState;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AccountsResponse {
    /// By id. Every workspace has `paper-main`.
    accounts: Vec<AccountDto>,
}

/// A paper account at the latest closes (or the given marks). Amounts are decimal strings
/// in `quote_asset`. The ledger keeps `cash + sum(signed quantity x average entry) =
/// starting_cash + realized_pnl_before_fees - fees_paid` exactly.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AccountDto {
    id: String,
    quote_asset: String,
    starting_cash: String,
    /// Buys pay notional + fee, sells (short sales too) receive notional - fee.
    cash: String,
    /// `sum(signed quantity x mark)` over open positions.
    market_value: String,
    /// `cash + market_value`.
    equity: String,
    realized_pnl_before_fees: String,
    fees_paid: String,
    /// `sum(market value - cost basis)` over open positions, before fees.
    unrealized_pnl: String,
    open_positions: usize,
    /// Unix seconds.
    created_at: i64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PositionsResponse {
    account_id: String,
    quote_asset: String,
    /// The open positions, by symbol.
    positions: Vec<PositionDto>,
}

/// An open position at its mark. Amounts are decimal strings.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PositionDto {
    symbol: String,
    /// `long` or `short`.
    side: &'static str,
    /// Signed: positive long, negative short.
    quantity: String,
    /// Rounded half away from zero to 16 places.
    average_entry_price: String,
    /// Signed quantity x average entry price, exact.
    cost_basis: String,
    mark: String,
    /// `given` or `latest_close`.
    mark_source: &'static str,
    /// Signed quantity x mark.
    market_value: String,
    /// Market value - cost basis, before fees.
    unrealized_pnl: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct AccountPath {
    account_id: String,
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/accounts", tag = "paper trading",
    params(("workspace_id" = String, Path), MarksQuery),
    responses(
        (status = 200, body = AccountsResponse),
        (status = 400, description = "invalid_input (field marks or marks.SYMBOL), invalid_symbol", body = ErrorBody),
        (status = 404, description = "workspace_not_found", body = ErrorBody),
        (status = 422, description = "missing_mark", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    query: web::Query<MarksQuery>,
) -> Result<web::Json<AccountsResponse>, ApiError> {
    list_in(state, access, query.into_inner()).await
}

/// The accounts of the default workspace (`local-workspace`).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "paper trading", params(MarksQuery),
    responses(
        (status = 200, body = AccountsResponse),
        (status = 400, description = "invalid_input (field marks or marks.SYMBOL), invalid_symbol", body = ErrorBody),
        (status = 404, description = "workspace_not_found: the caller is not a member of the default workspace", body = ErrorBody),
        (status = 422, description = "missing_mark", body = ErrorBody),
    ))]
pub async fn list_default(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Read>,
    query: web::Query<MarksQuery>,
) -> Result<web::Json<AccountsResponse>, ApiError> {
    list_in(state, access, query.into_inner()).await
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/accounts/{account_id}/positions", tag = "paper trading",
    params(("workspace_id" = String, Path), ("account_id" = String, Path), MarksQuery),
    responses(
        (status = 200, body = PositionsResponse),
        (status = 400, description = "invalid_input (field marks or marks.SYMBOL), invalid_symbol", body = ErrorBody),
        (status = 404, description = "workspace_not_found, account_not_found", body = ErrorBody),
        (status = 422, description = "missing_mark", body = ErrorBody),
    ))]
pub async fn positions(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<AccountPath>,
    query: web::Query<MarksQuery>,
) -> Result<web::Json<PositionsResponse>, ApiError> {
    let given = marks::from_query(query.marks.as_deref())?;
    let (market, store, starting_cash) = (state.market.clone(), state.app_state.clone(), state.paper.starting_cash);
    let (account, valuation) = run_blocking(move || {
        let account = store.paper_account(&access.workspace.id, &path.account_id, starting_cash)?;
        let valuation = value(&market, &account, given)?;
        Ok::<_, ApiError>((account, valuation))
    })
    .await?;
    Ok(web::Json(PositionsResponse {
        account_id: account.account.id().to_string(),
        quote_asset: account.quote_asset,
        positions: valuation.positions.iter().map(PositionDto::from).collect(),
    }))
}

async fn list_in(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    query: MarksQuery,
) -> Result<web::Json<AccountsResponse>, ApiError> {
    let given = marks::from_query(query.marks.as_deref())?;
    let (market, store, starting_cash) = (state.market.clone(), state.app_state.clone(), state.paper.starting_cash);
    let accounts = run_blocking(move || {
        let accounts = store.paper_accounts(&access.workspace.id, starting_cash)?;
        let symbols: Vec<Symbol> = open_symbols(accounts.iter());
        let marks = marks::resolve(&market, &symbols, given, "marks", "an open position of these accounts")?;
        accounts
            .into_iter()
            .map(|account| {
                let valuation = account.account.valuation(&marks).map_err(PaperTradingError::from)?;
                Ok::<_, ApiError>(AccountDto::new(&account, &valuation))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(web::Json(AccountsResponse { accounts }))
}

/// One account at the given marks and the latest closes.
fn value(market: &MarketData, account: &StoredAccount, given: Marks) -> Result<AccountValuation, ApiError> {
    let symbols = open_symbols(std::iter::once(account));
    let marks = marks::resolve(market, &symbols, given, "marks", "an open position of this account")?;
    Ok(account.account.valuation(&marks).map_err(PaperTradingError::from)?)
}

/// The symbols of the accounts' open positions, each once.
fn open_symbols<'a>(accounts: impl Iterator<Item = &'a StoredAccount>) -> Vec<Symbol> {
    let mut symbols: Vec<Symbol> = accounts
        .flat_map(|account| account.account.open_positions().map(|position| position.symbol().clone()))
        .collect();
    symbols.sort();
    symbols.dedup();
    symbols
}

impl AccountDto {
    fn new(stored: &StoredAccount, valuation: &AccountValuation) -> Self {
        let account = &stored.account;
        Self {
            id: account.id().to_string(),
            quote_asset: stored.quote_asset.clone(),
            starting_cash: account.starting_cash().to_string(),
            cash: valuation.cash.to_string(),
            market_value: valuation.market_value.to_string(),
            equity: valuation.equity.to_string(),
            realized_pnl_before_fees: valuation.realized_pnl_before_fees.to_string(),
            fees_paid: valuation.fees_paid.to_string(),
            unrealized_pnl: valuation.unrealized_pnl.to_string(),
            open_positions: valuation.positions.len(),
            created_at: seconds(stored.created_at_ms),
        }
    }
}

impl From<&PositionValuation> for PositionDto {
    fn from(position: &PositionValuation) -> Self {
        Self {
            symbol: position.symbol.to_string(),
            side: if position.quantity.is_sign_negative() { "short" } else { "long" },
            quantity: position.quantity.to_string(),
            average_entry_price: position.average_entry_price.to_string(),
            cost_basis: position.cost_basis.to_string(),
            mark: position.mark.price.to_string(),
            mark_source: position.mark.source.as_str(),
            market_value: position.market_value.to_string(),
            unrealized_pnl: position.unrealized_pnl.to_string(),
        }
    }
}
