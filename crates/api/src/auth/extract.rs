//! The extractors that say who is calling and what they may do. Handlers never repeat
//! these checks: a handler that takes `WorkspaceAccess<Trade>` only runs for members whose
//! role allows trading.
//!
//! A workspace the caller is not a member of answers 404, as if it did not exist; a member
//! whose role lacks the permission gets 403 `forbidden`.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use app_state_store::{StoreError, Workspace, WorkspaceWithRole};
use identity::{Action, Role, User, UserStatus};

use super::login::USER_ID_KEY;
use crate::error::{ApiError, run_blocking};
use crate::settings::AuthMode;
use crate::startup::AppState;

/// The calling user: the local user in `AUTH_MODE=none`, else the user of the session.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

/// A row of the permission matrix, as a type.
pub trait Permission {
    const ACTION: Action;
}

/// Read the workspace and everything in it.
#[derive(Debug)]
pub struct Read;
/// Run and delete backtests; create, edit and cancel trade plans.
#[derive(Debug)]
pub struct Research;
/// Paper-open and paper-close plans; create and cancel orders.
#[derive(Debug)]
pub struct Trade;
/// Manage members; rename the workspace.
#[derive(Debug)]
pub struct Manage;

impl Permission for Read {
    const ACTION: Action = Action::Read;
}
impl Permission for Research {
    const ACTION: Action = Action::Research;
}
impl Permission for Trade {
    const ACTION: Action = Action::Trade;
}
impl Permission for Manage {
    const ACTION: Action = Action::Manage;
}

/// The caller, a workspace of theirs named by the `{workspace_id}` path segment, and their
/// role there, which allows `P`.
#[derive(Debug)]
pub struct WorkspaceAccess<P: Permission> {
    pub user: User,
    pub workspace: Workspace,
    pub role: Role,
    permission: PhantomData<P>,
}

/// Like [`WorkspaceAccess`], for the legacy un-scoped routes (`/api/v1/backtests`,
/// `/api/v1/trade-plans`...): always the default local workspace, with the same checks, so
/// nothing of another workspace is ever reachable through them.
#[derive(Debug)]
pub struct DefaultWorkspace<P: Permission>(pub WorkspaceAccess<P>);

type Extraction<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

impl FromRequest for CurrentUser {
    type Error = actix_web::Error;
    type Future = Extraction<Self>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move { Ok(current_user(&request).await?) })
    }
}

/// The calling user, or 401 `unauthenticated`.
pub async fn current_user(request: &HttpRequest) -> Result<CurrentUser, ApiError> {
    let state = app_state(request)?;
    let user_id = match state.auth.mode {
        AuthMode::None => identity::LOCAL_USER_ID.to_owned(),
        AuthMode::Password => {
            let session = request.get_session();
            let user_id = session.get::<String>(USER_ID_KEY).ok().flatten();
            user_id.ok_or_else(|| ApiError::unauthenticated("log in first: POST /api/v1/auth/login"))?
        }
    };
    let store = state.app_state.clone();
    let found = web::block(move || store.user(&user_id)).await.map_err(ApiError::from)?;
    match found {
        Ok(user) if user.status == UserStatus::Active => Ok(CurrentUser(user)),
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            if state.auth.mode == AuthMode::Password {
                request.get_session().purge();
            }
            Err(ApiError::unauthenticated("the session has ended; log in again"))
        }
        Err(other) => Err(other.into()),
    }
}

impl<P: Permission + 'static> FromRequest for WorkspaceAccess<P> {
    type Error = actix_web::Error;
    type Future = Extraction<Self>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let CurrentUser(user) = current_user(&request).await?;
            let workspace_id = request.match_info().get("workspace_id").unwrap_or_default().to_owned();
            Ok(workspace_access(&request, user, workspace_id).await?)
        })
    }
}

impl<P: Permission + 'static> FromRequest for DefaultWorkspace<P> {
    type Error = actix_web::Error;
    type Future = Extraction<Self>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let CurrentUser(user) = current_user(&request).await?;
            let access = workspace_access(&request, user, identity::LOCAL_WORKSPACE_ID.to_owned()).await?;
            Ok(DefaultWorkspace(access))
        })
    }
}

/// Resolves the caller's membership in `workspace_id` and checks `P`.
pub async fn workspace_access<P: Permission>(
    request: &HttpRequest,
    user: User,
    workspace_id: String,
) -> Result<WorkspaceAccess<P>, ApiError> {
    let store = app_state(request)?.app_state.clone();
    let user_id = user.id.clone();
    let membership = run_blocking(move || store.membership(&workspace_id, &user_id)).await?;
    let Some(WorkspaceWithRole { workspace, role }) = membership else {
        return Err(ApiError::not_found("workspace_not_found", "no such workspace"));
    };
    if !role.allows(P::ACTION) {
        return Err(ApiError::forbidden(format!("a workspace {role} may not {}", P::ACTION.describe())));
    }
    Ok(WorkspaceAccess { user, workspace, role, permission: PhantomData })
}

fn app_state(request: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    request.app_data::<web::Data<AppState>>().cloned().ok_or_else(|| ApiError::internal("application state is missing"))
}
