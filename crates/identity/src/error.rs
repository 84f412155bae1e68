//! The errors of the identity crate: each names the field or rule that was broken.

/// Input that does not make a valid identity value, or a change the rules forbid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("invalid {field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("a workspace must keep at least one owner")]
    LastOwner,
    #[error("password hashing failed: {0}")]
    Hashing(String),
}

impl IdentityError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidField { field, reason: reason.into() }
    }
}
