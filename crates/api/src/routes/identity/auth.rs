//! `GET /auth/session`, `GET /me`, `POST /auth/login`, `POST /auth/logout`,
//! `PUT /me/active-workspace` and `POST /me/password`.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use identity::{Password, User};

use super::{UserDto, WorkspaceDto};
use actix_web::http::StatusCode;

use crate::auth::{CurrentUser, USER_ID_KEY, current_user, now_ms};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::settings::AuthMode;
use crate::startup::AppState;

/// Who is calling, and the workspaces they can open.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SessionResponse {
    /// `none` (no login) or `password`.
    auth_mode: &'static str,
    /// `readonly` (orders refused with 403 `trading_disabled`) or `paper`.
    trading_mode: &'static str,
    /// `null` when nobody is logged in.
    user: Option<UserDto>,
    /// The workspace the web app opens: the remembered one, else the first.
    active_workspace_id: Option<String>,
    workspaces: Vec<WorkspaceDto>,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActiveWorkspaceRequest {
    workspace_id: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    current_password: String,
    new_password: String,
}

/// The session of the caller; `user` is `null` when nobody is logged in.
#[utoipa::path(get, path = "/api/v1/auth/session", tag = "identity",
    responses((status = 200, body = SessionResponse)))]
pub async fn session(state: web::Data<AppState>, request: HttpRequest) -> Result<web::Json<SessionResponse>, ApiError> {
    match current_user(&request).await {
        Ok(CurrentUser(user)) => Ok(web::Json(describe(&state, user).await?)),
        Err(error) if error.status() == StatusCode::UNAUTHORIZED => Ok(web::Json(SessionResponse {
            auth_mode: state.auth.mode.as_str(),
            trading_mode: state.paper.trading_mode.as_str(),
            user: None,
            active_workspace_id: None,
            workspaces: Vec::new(),
        })),
        Err(error) => Err(error),
    }
}

/// The logged-in user; 401 when nobody is.
#[utoipa::path(get, path = "/api/v1/me", tag = "identity",
    responses((status = 200, body = SessionResponse), (status = 401, description = "unauthenticated", body = ErrorBody)))]
pub async fn me(
    state: web::Data<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<web::Json<SessionResponse>, ApiError> {
    Ok(web::Json(describe(&state, user).await?))
}

/// Logs in with e-mail and password and sets the session cookie (a new session id every
/// time). Wrong e-mail and wrong password get the same answer.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "identity", request_body = LoginRequest,
    responses(
        (status = 200, body = SessionResponse),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
        (status = 429, description = "too_many_attempts (see Retry-After)", body = ErrorBody),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    request: HttpRequest,
    session: Session,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    if state.auth.mode == AuthMode::None {
        let CurrentUser(user) = current_user(&request).await?;
        return Ok(web::Json(describe(&state, user).await?));
    }
    let LoginRequest { email, password } = body.into_inner();
    let address = request.peer_addr().map(|peer| peer.ip().to_string()).unwrap_or_default();
    let started = now_ms();
    state.auth.start_attempt(&email, &address, started)?;
    let (auth, store, typed_email) = (state.auth.clone(), state.app_state.clone(), email.clone());
    let user = run_blocking(move || auth.verify(&store, &typed_email, &password)).await?;
    state.auth.finish_attempt(&email, &address, user.is_some(), started);
    let Some(user) = user else {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", "wrong e-mail address or password"));
    };
    session.renew();
    session.insert(USER_ID_KEY, &user.id).map_err(ApiError::internal)?;
    tracing::info!(user_id = %user.id, "logged in");
    Ok(web::Json(describe(&state, user).await?))
}

/// Ends the session: the cookie stops working, also for anyone who copied it.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "identity", responses((status = 204)))]
pub async fn logout(session: Session) -> HttpResponse {
    session.purge();
    HttpResponse::NoContent().finish()
}

/// Remembers the workspace the web app opens for the caller.
#[utoipa::path(put, path = "/api/v1/me/active-workspace", tag = "identity", request_body = ActiveWorkspaceRequest,
    responses((status = 200, body = SessionResponse), (status = 404, description = "workspace_not_found", body = ErrorBody)))]
pub async fn set_active_workspace(
    state: web::Data<AppState>,
    CurrentUser(user): CurrentUser,
    body: web::Json<ActiveWorkspaceRequest>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    let (store, user_id, workspace_id) = (state.app_state.clone(), user.id.clone(), body.into_inner().workspace_id);
    run_blocking(move || store.set_active_workspace(&user_id, &workspace_id)).await?;
    Ok(web::Json(describe(&state, user).await?))
}

/// Changes the caller's password (password mode). Every session of the user ends,
/// this one included: log in again with the new password.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "identity", request_body = PasswordChangeRequest,
    responses(
        (status = 204),
        (status = 400, description = "invalid_input (field new_password)", body = ErrorBody),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
    ))]
pub async fn change_password(
    state: web::Data<AppState>,
    session: Session,
    CurrentUser(user): CurrentUser,
    body: web::Json<PasswordChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    let PasswordChangeRequest { current_password, new_password } = body.into_inner();
    let new_password =
        Password::parse(&new_password).map_err(|error| ApiError::from(error).with_field("new_password"))?;
    let (auth, store) = (state.auth.clone(), state.app_state.clone());
    run_blocking(move || {
        if auth.verify(&store, user.email.as_str(), &current_password)?.is_none() {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "the current password is wrong",
            ));
        }
        let hash = auth.hasher.hash(&new_password)?;
        store.set_password(&user.id, &hash)?;
        Ok(())
    })
    .await?;
    session.purge();
    Ok(HttpResponse::NoContent().finish())
}

/// The session body for `user`.
async fn describe(state: &AppState, user: User) -> Result<SessionResponse, ApiError> {
    let (store, user_id) = (state.app_state.clone(), user.id.clone());
    let (workspaces, remembered) = run_blocking(move || {
        Ok::<_, app_state_store::StoreError>((store.workspaces_of(&user_id)?, store.active_workspace(&user_id)?))
    })
    .await?;
    let active_workspace_id = remembered.or_else(|| workspaces.first().map(|found| found.workspace.id.clone()));
    Ok(SessionResponse {
        auth_mode: state.auth.mode.as_str(),
        trading_mode: state.paper.trading_mode.as_str(),
        user: Some(UserDto::from(&user)),
        active_workspace_id,
        workspaces: workspaces.iter().map(WorkspaceDto::from).collect(),
    })
}
