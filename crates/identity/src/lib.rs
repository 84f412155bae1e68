//! Who people are and what they may do: users, passwords, workspaces' names, roles and the
//! permission matrix, the last-owner rule, and the policies for sessions and login throttling.
//!
//! Pure and synchronous: no storage, no HTTP, no clock (times are passed in as Unix
//! milliseconds). Password hashing (argon2id) is CPU-heavy; async callers run it off
//! their executor.

mod email;
mod error;
mod membership;
mod password;
mod role;
mod session_policy;
mod throttle;
mod user;
mod workspace;

pub use email::Email;
pub use error::IdentityError;
pub use membership::{MembershipChange, check_membership_change};
pub use password::{Password, PasswordHash, PasswordHasher};
pub use role::{Action, Role};
pub use session_policy::SessionPolicy;
pub use throttle::{LoginThrottle, ThrottlePolicy, Throttled};
pub use user::{DisplayName, User, UserStatus};
pub use workspace::{QuoteAsset, WorkspaceName};

/// The user that `AUTH_MODE=none` acts as, and that password mode bootstraps.
pub const LOCAL_USER_ID: &str = "local-user";
pub const LOCAL_USER_EMAIL: &str = "local@example.invalid";
pub const LOCAL_USER_DISPLAY_NAME: &str = "Local User";
/// The workspace the local user owns, which the legacy un-scoped routes use.
pub const LOCAL_WORKSPACE_ID: &str = "local-workspace";
pub const LOCAL_WORKSPACE_NAME: &str = "Local Workspace";
pub const LOCAL_WORKSPACE_QUOTE_ASSET: &str = "USDT";
