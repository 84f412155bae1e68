//! `GET/POST /workspaces`, `GET/PATCH /workspaces/{workspace_id}`.

use actix_web::{HttpResponse, web};
use identity::{QuoteAsset, Role, WorkspaceName};

use super::WorkspaceDto;
use crate::auth::{CurrentUser, Manage, Read, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct WorkspacesResponse {
    workspaces: Vec<WorkspaceDto>,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWorkspaceRequest {
    /// 1 to 100 characters.
    name: String,
    /// The asset balances and universes are quoted in, e.g. `USDT`.
    default_quote_asset: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameWorkspaceRequest {
    name: String,
}

/// The caller's workspaces (only those they are a member of).
#[utoipa::path(get, path = "/api/v1/workspaces", tag = "identity",
    responses((status = 200, body = WorkspacesResponse), (status = 401, description = "unauthenticated", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<web::Json<WorkspacesResponse>, ApiError> {
    let store = state.app_state.clone();
    let workspaces = run_blocking(move || store.workspaces_of(&user.id)).await?;
    Ok(web::Json(WorkspacesResponse { workspaces: workspaces.iter().map(WorkspaceDto::from).collect() }))
}

/// Creates a workspace; the caller becomes its owner.
#[utoipa::path(post, path = "/api/v1/workspaces", tag = "identity", request_body = CreateWorkspaceRequest,
    responses((status = 201, body = WorkspaceDto), (status = 400, description = "invalid_input, invalid_json", body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    CurrentUser(user): CurrentUser,
    body: web::Json<CreateWorkspaceRequest>,
) -> Result<HttpResponse, ApiError> {
    let name = WorkspaceName::parse(&body.name)?;
    let quote = QuoteAsset::parse(&body.default_quote_asset)?;
    let store = state.app_state.clone();
    let workspace = run_blocking(move || store.create_workspace(&user.id, &name, &quote)).await?;
    Ok(HttpResponse::Created().json(WorkspaceDto::new(&workspace, Role::Owner)))
}

/// One workspace with the caller's role; 404 for workspaces the caller is not in.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}", tag = "identity",
    params(("workspace_id" = String, Path)),
    responses((status = 200, body = WorkspaceDto), (status = 404, description = "workspace_not_found", body = ErrorBody)))]
pub async fn get(access: WorkspaceAccess<Read>) -> web::Json<WorkspaceDto> {
    web::Json(WorkspaceDto::new(&access.workspace, access.role))
}

/// Renames a workspace (owners).
#[utoipa::path(patch, path = "/api/v1/workspaces/{workspace_id}", tag = "identity",
    params(("workspace_id" = String, Path)), request_body = RenameWorkspaceRequest,
    responses(
        (status = 200, body = WorkspaceDto),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found", body = ErrorBody),
    ))]
pub async fn rename(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Manage>,
    body: web::Json<RenameWorkspaceRequest>,
) -> Result<web::Json<WorkspaceDto>, ApiError> {
    let name = WorkspaceName::parse(&body.name)?;
    let (store, id, new_name) = (state.app_state.clone(), access.workspace.id.clone(), name.clone());
    run_blocking(move || store.rename_workspace(&id, &new_name)).await?;
    let mut workspace = access.workspace;
    workspace.name = name.as_str().to_owned();
    Ok(web::Json(WorkspaceDto::new(&workspace, access.role)))
}
