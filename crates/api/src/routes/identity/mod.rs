//! Who the caller is, logging in and out, workspaces and their members.

pub mod auth;
pub mod members;
pub mod workspaces;

use app_state_store::{Workspace, WorkspaceWithRole};
use identity::User;

/// A user as the API shows them.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UserDto {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// `active` or `disabled`.
    pub status: &'static str,
}

impl From<&User> for UserDto {
    fn from(user: &User) -> Self {
        Self {
            id: user.id.clone(),
            email: user.email.to_string(),
            display_name: user.display_name.to_string(),
            status: user.status.as_str(),
        }
    }
}

/// A workspace with the caller's role in it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct WorkspaceDto {
    pub id: String,
    pub name: String,
    pub default_quote_asset: String,
    /// `owner`, `editor`, `trader` or `viewer`.
    pub role: &'static str,
}

impl WorkspaceDto {
    pub fn new(workspace: &Workspace, role: identity::Role) -> Self {
        Self {
            id: workspace.id.clone(),
            name: workspace.name.clone(),
            default_quote_asset: workspace.default_quote_asset.clone(),
            role: role.as_str(),
        }
    }
}

impl From<&WorkspaceWithRole> for WorkspaceDto {
    fn from(found: &WorkspaceWithRole) -> Self {
        Self::new(&found.workspace, found.role)
    }
}
