//! `GET/POST /workspaces/{workspace_id}/members` and
//! `DELETE /workspaces/{workspace_id}/members/{user_id}`.

use actix_web::{HttpResponse, web};
use app_state_store::Member;
use identity::{DisplayName, Email, Password, Role};

use crate::auth::{Manage, Read, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MembersResponse {
    members: Vec<MemberDto>,
}

/// A member of a workspace.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MemberDto {
    user_id: String,
    email: String,
    display_name: String,
    status: &'static str,
    role: &'static str,
    /// Unix seconds.
    joined_at: i64,
}

impl From<&Member> for MemberDto {
    fn from(member: &Member) -> Self {
        Self {
            user_id: member.user.id.clone(),
            email: member.user.email.to_string(),
            display_name: member.user.display_name.to_string(),
            status: member.user.status.as_str(),
            role: member.role.as_str(),
            joined_at: member.joined_at_ms.div_euclid(1000),
        }
    }
}

/// Adds a member, or changes the role of an existing one. A new e-mail address creates
/// the user, which needs `display_name` and `password`.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutMemberRequest {
    email: String,
    /// `owner`, `editor`, `trader` or `viewer`.
    role: String,
    /// For a new user; ignored for an existing one.
    display_name: Option<String>,
    /// The initial password of a new user (at least 8 characters); ignored for an existing one.
    password: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/members", tag = "identity",
    params(("workspace_id" = String, Path)),
    responses((status = 200, body = MembersResponse), (status = 404, description = "workspace_not_found", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<MembersResponse>, ApiError> {
    let store = state.app_state.clone();
    let members = run_blocking(move || store.members(&access.workspace.id)).await?;
    Ok(web::Json(MembersResponse { members: members.iter().map(MemberDto::from).collect() }))
}

/// Adds or updates a member (owners). 201 when the member is new to the workspace.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/members", tag = "identity",
    params(("workspace_id" = String, Path)), request_body = PutMemberRequest,
    responses(
        (status = 200, description = "role changed", body = MemberDto),
        (status = 201, description = "member added", body = MemberDto),
        (status = 400, description = "invalid_input (with field), password_required", body = ErrorBody),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 409, description = "last_owner", body = ErrorBody),
    ))]
pub async fn put(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Manage>,
    body: web::Json<PutMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let email = Email::parse(&request.email)?;
    let role = Role::parse(&request.role)?;
    let display_name = request.display_name.as_deref().map(DisplayName::parse).transpose()?;
    let password = request.password.as_deref().map(Password::parse).transpose()?;
    let (auth, store, workspace_id) = (state.auth.clone(), state.app_state.clone(), access.workspace.id.clone());
    let (member, was_member) = run_blocking(move || {
        let existing = store.user_by_email(&email)?;
        let was_member = match &existing {
            Some(found) => store.membership(&workspace_id, &found.user.id)?.is_some(),
            None => false,
        };
        let hashed = match (existing, display_name, password) {
            (Some(_), _, _) => None,
            (None, Some(name), Some(password)) => Some((name, auth.hasher.hash(&password)?)),
            (None, name, _) => {
                let missing = if name.is_none() { "display_name" } else { "password" };
                return Err(ApiError::bad_request(
                    "password_required",
                    format!("{email} has no account yet: give display_name and password to create it"),
                )
                .with_field(missing));
            }
        };
        let new_user = hashed.as_ref().map(|(name, hash)| (name, hash));
        let (member, _created) = store.put_member(&workspace_id, &email, new_user, role)?;
        Ok((member, was_member))
    })
    .await?;
    let mut response = if was_member { HttpResponse::Ok() } else { HttpResponse::Created() };
    Ok(response.json(MemberDto::from(&member)))
}

/// Removes a member (owners). The last owner cannot be removed.
#[utoipa::path(delete, path = "/api/v1/workspaces/{workspace_id}/members/{user_id}", tag = "identity",
    params(("workspace_id" = String, Path), ("user_id" = String, Path)),
    responses(
        (status = 204),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, member_not_found", body = ErrorBody),
        (status = 409, description = "last_owner", body = ErrorBody),
    ))]
pub async fn remove(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Manage>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (_, user_id) = path.into_inner();
    let store = state.app_state.clone();
    run_blocking(move || store.remove_member(&access.workspace.id, &user_id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
