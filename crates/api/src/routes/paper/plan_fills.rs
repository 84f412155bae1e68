//! `GET /workspaces/{workspace_id}/trade-plans/{plan_id}/fills`.

use actix_web::web;

use super::dto::FillDto;
use super::trade_plans::PlanPath;
use crate::auth::{Read, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct FillsResponse {
    /// In the order they were made: the entries, then the exits.
    fills: Vec<FillDto>,
}

/// The paper fills of a plan.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/fills", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path)),
    responses(
        (status = 200, body = FillsResponse),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<PlanPath>,
) -> Result<web::Json<FillsResponse>, ApiError> {
    let store = state.app_state.clone();
    let fills = run_blocking(move || store.trade_plan_fills(&access.workspace.id, &path.plan_id)).await?;
    Ok(web::Json(FillsResponse { fills: fills.iter().map(FillDto::from).collect() }))
}
